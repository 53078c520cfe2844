//! Feedback surveys: their definitions, and anonymous responses that are
//! stored once and durably.

pub mod aggregate;
pub mod evidence;
pub mod links;
pub mod pages;
pub mod privacy;
pub mod qr;
pub mod results;
pub mod synthetic;
pub mod testimonials;
pub mod totals;
pub mod writer;

use api::surveys::{bundled, validate_response, Survey, SurveyResponse};
use api::FieldError;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

use crate::http::client::ClientAddr;
use crate::http::error::responses::TooLarge;
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::AppState;
use writer::Stored;

/// How many responses have arrived since `day` (`YYYY-MM-DD`), at every
/// college: a count, never which.
pub async fn responses_since(db: &sqlx::SqlitePool, day: &str) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE received_on >= ?")
        .bind(day)
        .fetch_one(db)
        .await?;
    Ok(n as u32)
}

/// The current version of the survey `id`, if there is one (read from the
/// bundle once: results and every page's testimonials ask).
pub fn current(id: &str) -> Option<Survey> {
    static SURVEYS: std::sync::OnceLock<Vec<Survey>> = std::sync::OnceLock::new();
    SURVEYS
        .get_or_init(bundled)
        .iter()
        .find(|s| s.id == id)
        .cloned()
}

/// A survey's questions, in every language it is written in.
#[utoipa::path(get, path = "/api/surveys/{id}", tag = "surveys",
    params(("id" = String, Path, description = "course-feedback or session-feedback")),
    responses(
        (status = 200, description = "The survey's current version", body = Survey),
        (status = 404, description = "No such survey", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_survey(Path(id): Path<String>) -> Result<Json<Survey>, ApiError> {
    current(&id)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("There is no survey called {id:?}")))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Receipt {
    pub id: String,
    /// Always true: the response is stored, now or before.
    pub stored: bool,
}

/// Stores a response. Sending the same response again (same id, same
/// content) answers the same; the same id with other content is a 409.
#[utoipa::path(post, path = "/api/responses", tag = "surveys",
    request_body(content = SurveyResponse, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored (now, or before for a resend)", body = Receipt),
        (status = 400, description = "The body is not a survey response", body = api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "This id was used for a different response", body = api::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An answer does not fit the survey", body = api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many responses from this address this minute", body = api::Problem, content_type = "application/problem+json"),
        TooLarge,
    ))]
pub async fn post_response(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(mut response): JsonBody<SurveyResponse>,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    response.normalise();
    // A course counts only from a link the college's staff made; the
    // signature has done its work and is not stored.
    response.course = links::signed_course(&state, &response);
    response.sig = None;
    // The address is used here and kept in memory for a minute, never stored.
    state
        .response_limit
        .check(client)
        .map_err(ApiError::TooManyRequests)?;
    let survey = current(&response.survey).ok_or_else(|| {
        ApiError::Unprocessable(vec![FieldError::new("survey", "There is no such survey")])
    })?;
    let mut errors = validate_response(&survey, &response);
    if errors.iter().all(|e| e.field != "college")
        && state.directory.get(&response.college).is_none()
    {
        errors.push(FieldError::new(
            "college",
            "There is no such college in the directory",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    let id = response.id.clone();
    let received_on = api::dates::date_of(state.clock.now());
    match state.responses.store(response, received_on).await {
        Ok(Stored::New | Stored::Repeat) => Ok((StatusCode::CREATED, Json(Receipt { id, stored: true }))),
        Ok(Stored::Conflict) => Err(ApiError::Conflict(
            "A different response was already sent with this id. Start the survey again to send a new one.".into(),
        )),
        Err(e) => Err(ApiError::Storage(e)),
    }
}
