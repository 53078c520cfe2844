//! Reading JSON request bodies the same way in every handler: JSON only (a
//! cross-site form cannot send it without a CORS preflight), and a body of
//! the wrong shape answered with the field at fault. Handlers take
//! [`JsonBody<T>`] as their last argument.

use api::FieldError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::http::error::ApiError;

/// A request body of type `T`: 415 unless it is JSON, 400 naming the field
/// when it is not the shape `T` takes, 413 when it is too large.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType.into_response());
        }
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        from_slice(&body)
            .map(JsonBody)
            .map_err(IntoResponse::into_response)
    }
}

/// Whether the request says its body is `application/json`.
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        })
}

/// `body` as `T`, or 400 naming the field at fault.
fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path == "?" {
            "body".to_string()
        } else {
            path
        };
        ApiError::BadRequest(vec![FieldError::new(field, plain_serde_reason(e.inner()))])
    })
}

/// serde's message without the line and column, which mean nothing to a client.
fn plain_serde_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}
