//! Health for a load balancer or a service manager: liveness (the process
//! answers) and readiness (the database answers too).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::http::error::problem_response;
use crate::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server and its database answer.
    pub status: &'static str,
    pub colleges: u32,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Live {
    /// Always `ok`: an answer at all is the news.
    pub status: &'static str,
}

/// Readiness: whether the server and its database are working.
#[utoipa::path(get, path = "/api/health", tag = "health",
    responses(
        (status = 200, description = "The server and database work", body = Health),
        (status = 503, description = "The database does not answer", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn health(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(&state.db).await {
        Ok(_) => Json(Health {
            status: "ok",
            colleges: state.directory.len() as u32,
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health: the database does not answer");
            problem_response(
                api::Problem::new(503, "Not ready")
                    .with_detail("The database does not answer. Please try again in a moment."),
            )
        }
    }
}

/// Liveness: the process answers, without touching the database (a
/// service manager restarts a server that stops answering this).
#[utoipa::path(get, path = "/api/health/live", tag = "health",
    responses((status = 200, description = "The server answers", body = Live)))]
pub async fn live() -> Json<Live> {
    Json(Live { status: "ok" })
}
