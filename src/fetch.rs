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
    let response = gloo_net::http::Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| FetchError::Network)?;
    let status = response.status();
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| FetchError::Unexpected(status));
    }
    match response.json::<Problem>().await {
        Ok(problem) => Err(FetchError::Problem(problem)),
        Err(_) => Err(FetchError::Unexpected(status)),
    }
}

/// POSTs `body` as JSON to our server; `Ok` for any 2xx answer.
pub async fn post_json<T: serde::Serialize>(path: &str, body: &T) -> Result<(), FetchError> {
    let request = gloo_net::http::Request::post(path)
        .header("Accept", "application/json")
        .json(body)
        .map_err(|_| FetchError::Unexpected(0))?;
    let response = request.send().await.map_err(|_| FetchError::Network)?;
    if response.ok() {
        return Ok(());
    }
    let status = response.status();
    match response.json::<Problem>().await {
        Ok(problem) => Err(FetchError::Problem(problem)),
        Err(_) => Err(FetchError::Unexpected(status)),
    }
}
