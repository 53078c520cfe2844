//! One error type for every handler, answered as RFC 9457 problem details.

use api::{FieldError, Problem};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A query parameter's value is not valid: 400.
    #[error("invalid input")]
    InvalidInput(Vec<FieldError>),
    /// The body is not the shape the endpoint takes: 400.
    #[error("bad request body")]
    BadRequest(Vec<FieldError>),
    /// The body has the right shape but breaks a rule: 422.
    #[error("unprocessable")]
    Unprocessable(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// Seconds to wait.
    #[error("too many requests")]
    TooManyRequests(u64),
    #[error("storage failed: {0}")]
    Storage(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// No live session: 401.
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but not allowed: 403.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A sign-in with a wrong email or password: 401, without saying which.
    #[error("wrong credentials")]
    WrongCredentials,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A fault of ours that is neither storage nor the database: 500.
    #[error("internal error: {0}")]
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            ApiError::TooManyRequests(wait) => Some(*wait),
            _ => None,
        };
        let problem = match self {
            ApiError::InvalidInput(errors) => Problem::invalid_input(errors),
            ApiError::BadRequest(errors) => Problem {
                title: "The request body is not valid".into(),
                ..Problem::invalid_input(errors)
            },
            ApiError::Unprocessable(errors) => Problem {
                status: 422,
                title: "Some answers do not fit".into(),
                ..Problem::invalid_input(errors)
            },
            ApiError::Conflict(detail) => Problem::new(409, "Conflict").with_detail(detail),
            ApiError::TooManyRequests(wait) => Problem::new(429, "Too many requests").with_detail(
                format!("Please wait {wait} seconds and try again. Nothing you entered was lost."),
            ),
            ApiError::UnsupportedMediaType => Problem::new(415, "Unsupported media type")
                .with_detail("Send the body as application/json."),
            ApiError::Storage(e) => {
                tracing::error!(error = %e, "storage error");
                Problem::new(500, "Something went wrong on our side")
                    .with_detail("Nothing was lost on your side. Please try again in a moment.")
            }
            ApiError::NotFound(what) => Problem::new(404, "Not found").with_detail(what),
            ApiError::Unauthorized => Problem::new(401, "Sign in to continue")
                .with_detail("You are not signed in, or your session has ended."),
            ApiError::Forbidden(why) => Problem::new(403, "Forbidden").with_detail(why),
            ApiError::WrongCredentials => Problem::new(401, "Sign-in failed").with_detail(
                "The email address or password is not right. Check them and try again.",
            ),
            ApiError::Database(e) => {
                // The detail stays in the log; the client learns only that
                // it was our fault.
                tracing::error!(error = %e, "database error");
                Problem::new(500, "Something went wrong on our side")
                    .with_detail("Please try again in a moment.")
            }
            ApiError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                Problem::new(500, "Something went wrong on our side")
                    .with_detail("Please try again in a moment.")
            }
        };
        let mut res = problem_response(problem);
        if let Some(wait) = retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(wait));
        }
        res
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

/// The problem-details answers most staff routes document, declared once
/// and referenced in each route's `responses(...)`.
pub mod responses {
    use api::Problem;

    /// Only for changing one's own password, open before it is changed.
    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 401,
        description = "Not signed in",
        content_type = "application/problem+json"
    )]
    pub struct NoSession(#[allow(dead_code)] Problem);

    /// Every other staff route: 401 without a session, and 403 until a password
    /// the team chose has been changed by its owner.
    #[derive(utoipa::IntoResponses)]
    #[allow(dead_code)]
    pub enum NotSignedIn {
        #[response(
            status = 401,
            description = "Not signed in",
            content_type = "application/problem+json"
        )]
        NotSignedIn(Problem),
        #[response(
            status = 403,
            description = "The password was chosen by the team and must be changed first",
            content_type = "application/problem+json"
        )]
        PasswordDue(Problem),
    }

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 403,
        description = "Not the Recovery College team (or a password chosen by the team, not yet changed)",
        content_type = "application/problem+json"
    )]
    pub struct NotTeam(#[allow(dead_code)] Problem);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 403,
        description = "Not this college's staff (or a password chosen by the team, not yet changed)",
        content_type = "application/problem+json"
    )]
    pub struct NotCollegeStaff(#[allow(dead_code)] Problem);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 404,
        description = "No such college",
        content_type = "application/problem+json"
    )]
    pub struct NoSuchCollege(#[allow(dead_code)] Problem);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 422,
        description = "A field breaks a rule",
        content_type = "application/problem+json"
    )]
    pub struct FieldRuleBroken(#[allow(dead_code)] Problem);

    /// What [`crate::http::json::JsonBody`] answers for a body it cannot read.
    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 400,
        description = "The body is not the shape this takes (the field at fault is named)",
        content_type = "application/problem+json"
    )]
    pub struct BadBody(#[allow(dead_code)] Problem);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 413,
        description = "The body is larger than 64 KiB",
        content_type = "application/problem+json"
    )]
    pub struct TooLarge(#[allow(dead_code)] Problem);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 415,
        description = "The body is not JSON",
        content_type = "application/problem+json"
    )]
    pub struct NotJson(#[allow(dead_code)] Problem);
}
