//! Calls to our own server. One helper, so every page handles errors alike.

use api::Problem;
use leptos::prelude::*;
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
    /// A 401: the staff session has ended.
    pub fn is_session_over(&self) -> bool {
        matches!(self, FetchError::Problem(p) if p.status == 401)
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, FetchError::Problem(p) if p.status == 404)
            || matches!(self, FetchError::Unexpected(404))
    }
}

thread_local! {
    static LAST_ANSWER: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// When (`Date.now()`, ms) the server last answered a request from this
/// page: each answer to a staff page also kept its session alive, so the
/// staff pages count their idle time from here.
pub fn last_answer_ms() -> f64 {
    LAST_ANSWER.with(|c| c.get())
}

/// Only answers that used the staff session count: public routes (places,
/// the map) and errors do not keep it alive on the server.
fn note_answer(path: &str, status: u16) {
    let staff = path.starts_with("/api/staff") || path.starts_with("/api/session");
    if staff && (200..300).contains(&status) {
        #[cfg(target_arch = "wasm32")]
        LAST_ANSWER.with(|c| c.set(js_sys::Date::now()));
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
    if let Some((status, text)) = inlined(path) {
        if (200..300).contains(&status) {
            return Ok((status, text));
        }
        return Err(failure(status, &text));
    }
    let response = gloo_net::http::Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FetchError::Network)?;
    let status = response.status();
    note_answer(path, status);
    let text = response
        .text()
        .await
        .map_err(|_| FetchError::Unexpected(status))?;
    if (200..300).contains(&status) {
        return Ok((status, text));
    }
    Err(failure(status, &text))
}

/// The server's answer for `path` that it put in the page's first HTML
/// (`<script type="application/json" data-api="…">`), taken once: the first
/// view draws without a second round trip, and a retry or a later visit to
/// the same data asks the server.
#[cfg(target_arch = "wasm32")]
fn inlined(path: &str) -> Option<(u16, String)> {
    use wasm_bindgen::JsCast;
    let scripts = leptos::prelude::document()
        .query_selector_all("script[data-api]")
        .ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|el| el.get_attribute("data-api").as_deref() == Some(path))
        .and_then(|el| {
            el.remove();
            let status = el
                .get_attribute("data-status")
                .and_then(|s| s.parse().ok())
                .unwrap_or(200);
            Some((status, el.text_content()?))
        })
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// The answers the server is putting in the page it is drawing.
    static ANSWERS: std::cell::RefCell<Vec<Answer>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An API answer the server puts in a page's first HTML: the path asked,
/// the status and the JSON, as the API would answer them.
#[derive(Clone, Debug)]
pub struct Answer {
    pub path: String,
    pub status: u16,
    pub json: String,
}

/// On the server, while a page is drawn: its components read `answers` as
/// the browser reads the ones put in the page ([`inlined`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn with_answers<R>(answers: &[Answer], draw: impl FnOnce() -> R) -> R {
    ANSWERS.with(|a| *a.borrow_mut() = answers.to_vec());
    let drawn = draw();
    ANSWERS.with(|a| a.borrow_mut().clear());
    drawn
}

#[cfg(not(target_arch = "wasm32"))]
fn inlined(path: &str) -> Option<(u16, String)> {
    ANSWERS.with(|a| {
        a.borrow()
            .iter()
            .find(|answer| answer.path == path)
            .map(|answer| (answer.status, answer.json.clone()))
    })
}

/// The answer for `path` the server put in the page, if it put one there
/// and it is a `T` (taken, as [`get`] takes it).
pub fn known<T: DeserializeOwned>(path: &str) -> Option<T> {
    let (status, text) = inlined(path)?;
    decode(status, &text).ok()
}

/// An answer's text as the `T` asked for, or as the problem it reports.
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, FetchError> {
    if (200..300).contains(&status) {
        return crate::json::from_str(text).ok_or(FetchError::Unexpected(status));
    }
    Err(failure(status, text))
}

/// A failed answer: the problem it reports, if it reports one.
fn failure(status: u16, text: &str) -> FetchError {
    match crate::json::from_str::<Problem>(text) {
        Some(problem) => FetchError::Problem(problem),
        None => FetchError::Unexpected(status),
    }
}

/// An API answer a page is drawn from, by the path a closure gives, asked
/// again when the path changes. The answer the server put in the page is
/// there from the start, so the page's first HTML (drawn on the server
/// with these components) and the app's first view are drawn from the same
/// data, at once.
pub struct Fetched<T: Send + Sync + 'static> {
    /// The last answer, with the path it answers.
    answer: RwSignal<Option<(String, Result<T, FetchError>)>>,
    /// The path asked for now, and how many times it was asked again.
    wanted: RwSignal<(String, u32)>,
}

impl<T: Send + Sync + 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Fetched<T> {}

impl<T: DeserializeOwned + Clone + Send + Sync + 'static> Fetched<T> {
    pub fn new(path: impl Fn() -> String + 'static) -> Self {
        let first = untrack(&path);
        let answer = RwSignal::new(
            inlined(&first).map(|(status, text)| (first.clone(), decode(status, &text))),
        );
        let wanted = RwSignal::new((first.clone(), 0));
        let fetched = Self { answer, wanted };
        if answer.with_untracked(Option::is_none) {
            fetched.ask(first, 0);
        }
        // A new path (or a retry) is asked for; one already asked is not.
        Effect::new(move |_| {
            let path = path();
            let tries = wanted.with_untracked(|w| w.1);
            if wanted.with_untracked(|w| w.0 != path) {
                wanted.set((path.clone(), tries));
                fetched.ask(path, tries);
            }
        });
        fetched
    }

    /// Asks the server (in the browser; the server's drawing has only the
    /// answers it put in the page). A slower answer to an earlier request
    /// is dropped.
    fn ask(self, path: String, try_: u32) {
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            let result = get::<T>(&path).await;
            let still_wanted = self
                .wanted
                .try_with_untracked(|w| w.0 == path && w.1 == try_);
            if still_wanted == Some(true) {
                // The page may have gone meanwhile.
                let _ = self.answer.try_set(Some((path, result)));
            }
        });
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (path, try_);
    }

    /// The answer for the path asked for now, once it is here (tracked):
    /// none while another path's answer is all there is.
    pub fn get(&self) -> Option<Result<T, FetchError>> {
        let path = self.wanted.with(|w| w.0.clone());
        self.answer.with(|a| {
            a.as_ref()
                .filter(|(answered, _)| *answered == path)
                .map(|(_, result)| result.clone())
        })
    }

    /// The last answer and the path it answers (tracked): until the answer
    /// to a new path arrives, the last one stays, so a list being searched
    /// does not blink.
    pub fn get_with_path(&self) -> Option<(String, Result<T, FetchError>)> {
        self.answer.get()
    }

    /// Asks again (after a failure): the page shows it is waiting.
    pub fn refetch(&self) {
        let (path, tries) = self.wanted.get_untracked();
        self.answer.set(None);
        self.wanted.set((path.clone(), tries + 1));
        self.ask(path, tries + 1);
    }
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
    note_answer(path, status);
    let text = response.text().await.unwrap_or_default();
    if response.ok() {
        return Ok((status, text));
    }
    Err(failure(status, &text))
}
