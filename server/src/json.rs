//! Reading JSON request bodies the same way in every handler: JSON only (a
//! cross-site form cannot send it without a CORS preflight), and a body of
//! the wrong shape answered with the field at fault.

use api::FieldError;
use axum::http::{header, HeaderMap};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

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

/// The body as `T`: 415 unless it is JSON, 400 naming the field when it is
/// not the shape `T` takes.
pub fn parse<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    if !is_json(headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
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
