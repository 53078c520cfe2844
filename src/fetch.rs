//! Calls to our own server. One helper, so every page handles errors alike.

use api::Problem;
use serde::de::DeserializeOwned;

#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// No answer: offline, or the server is down.
    Network,
    /// The server answered with problem details.
    Problem(Problem),
    /// An answer we could not read.
    Unexpected(u16),
}

impl FetchError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, FetchError::Problem(p) if p.status == 404)
            || matches!(self, FetchError::Unexpected(404))
    }
}

/// GETs `path` from our server and decodes the JSON answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, FetchError> {
    // Only the decoding is generic: the request's state machine is compiled
    // once, not once per answer type (which cost the bundle kilobytes each).
    let (status, text) = get_text(path).await?;
    crate::json::from_str(&text).ok_or(FetchError::Unexpected(status))
}

async fn get_text(path: &str) -> Result<(u16, String), FetchError> {
    if let Some(text) = inlined(path) {
        return Ok((200, text));
    }
    let response = gloo_net::http::Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FetchError::Network)?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|_| FetchError::Unexpected(status))?;
    if (200..300).contains(&status) {
        return Ok((status, text));
    }
    match crate::json::from_str::<Problem>(&text) {
        Some(problem) => Err(FetchError::Problem(problem)),
        None => Err(FetchError::Unexpected(status)),
    }
}

/// The server's answer for `path` that it put in the page's first HTML
/// (`<script type="application/json" data-api="…">`), taken once: the first
/// view draws without a second round trip, and a retry or a later visit to
/// the same data asks the server.
fn inlined(path: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let scripts = leptos::prelude::document()
        .query_selector_all("script[data-api]")
        .ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|el| el.get_attribute("data-api").as_deref() == Some(path))
        .and_then(|el| {
            el.remove();
            el.text_content()
        })
}

/// POSTs `body` as JSON to our server; `Ok` for any 2xx answer.
pub async fn post_json<T: serde::Serialize>(path: &str, body: &T) -> Result<(), FetchError> {
    let json = crate::json::to_string(body).ok_or(FetchError::Unexpected(0))?;
    post_raw_json(path, json).await
}

/// POSTs `json`, JSON already written; `Ok` for any 2xx answer.
pub async fn post_raw_json(path: &str, json: String) -> Result<(), FetchError> {
    post_text(path, json).await.map(|_| ())
}

/// POSTs `body` as JSON and decodes the JSON answer.
pub async fn post_json_for<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, FetchError> {
    let json = crate::json::to_string(body).ok_or(FetchError::Unexpected(0))?;
    let (status, text) = post_text(path, json).await?;
    crate::json::from_str(&text).ok_or(FetchError::Unexpected(status))
}

/// PATCHes `body` as JSON and decodes the JSON answer.
pub async fn patch_json_for<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, FetchError> {
    let json = crate::json::to_string(body).ok_or(FetchError::Unexpected(0))?;
    let (status, text) = send_text(gloo_net::http::Method::PATCH, path, Some(json)).await?;
    crate::json::from_str(&text).ok_or(FetchError::Unexpected(status))
}

/// PUTs `body` as JSON and decodes the JSON answer.
pub async fn put_json_for<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, FetchError> {
    let json = crate::json::to_string(body).ok_or(FetchError::Unexpected(0))?;
    let (status, text) = send_text(gloo_net::http::Method::PUT, path, Some(json)).await?;
    crate::json::from_str(&text).ok_or(FetchError::Unexpected(status))
}

/// DELETEs `path`; `Ok` for any 2xx answer.
pub async fn delete(path: &str) -> Result<(), FetchError> {
    send_text(gloo_net::http::Method::DELETE, path, None)
        .await
        .map(|_| ())
}

async fn post_text(path: &str, json: String) -> Result<(u16, String), FetchError> {
    send_text(gloo_net::http::Method::POST, path, Some(json)).await
}

async fn send_text(
    method: gloo_net::http::Method,
    path: &str,
    json: Option<String>,
) -> Result<(u16, String), FetchError> {
    let builder = gloo_net::http::RequestBuilder::new(path)
        .method(method)
        .header("Accept", "application/json");
    let request = match json {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    }
    .map_err(|_| FetchError::Unexpected(0))?;
    let response = request.send().await.map_err(|_| FetchError::Network)?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if response.ok() {
        return Ok((status, text));
    }
    match crate::json::from_str::<Problem>(&text) {
        Some(problem) => Err(FetchError::Problem(problem)),
        None => Err(FetchError::Unexpected(status)),
    }
}
