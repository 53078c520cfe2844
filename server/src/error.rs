//! One error type for every handler, answered as RFC 9457 problem details.

use api::{FieldError, Problem};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid input")]
    InvalidInput(Vec<FieldError>),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = match self {
            ApiError::InvalidInput(errors) => Problem::invalid_input(errors),
            ApiError::NotFound(what) => Problem::new(404, "Not found").with_detail(what),
            ApiError::Database(e) => {
                // The detail stays in the log; the client learns only that
                // it was our fault.
                tracing::error!(error = %e, "database error");
                Problem::new(500, "Something went wrong on our side")
                    .with_detail("Please try again in a moment.")
            }
        };
        problem_response(problem)
    }
}

/// A problem as an HTTP response with its status and media type.
pub fn problem_response(problem: Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        Json(problem),
    )
        .into_response()
}
