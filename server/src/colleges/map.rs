//! The map's data: every college matching the directory's filters, and how
//! the map draws its background.

use api::{CollegeQuery, MapConfig, MapPoints};
use axum::extract::{RawQuery, State};
use axum::Json;

use crate::http::error::ApiError;
use crate::AppState;

/// Every college matching the filters (all pages), for the map's markers.
#[utoipa::path(get, path = "/api/map/colleges", tag = "map",
    params(
        ("q" = Option<String>, Query, description = "As for /api/colleges"),
        ("country" = Option<String>, Query, description = "As for /api/colleges"),
        ("delivery" = Option<String>, Query, description = "As for /api/colleges"),
        ("enrolment" = Option<String>, Query, description = "As for /api/colleges"),
        ("learning_set" = Option<bool>, Query, description = "As for /api/colleges"),
        ("status" = Option<String>, Query, description = "As for /api/colleges"),
    ),
    responses(
        (status = 200, description = "The matching colleges' positions", body = MapPoints),
        (status = 400, description = "A parameter's value is not valid", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn map_colleges(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<MapPoints>, ApiError> {
    let query = CollegeQuery::from_query_string(raw.as_deref().unwrap_or(""))
        .map_err(ApiError::InvalidInput)?;
    Ok(Json(state.directory.points(&query)))
}

/// The map's background: bundled country shapes unless a tile server is configured.
#[utoipa::path(get, path = "/api/map/config", tag = "map",
    responses((status = 200, description = "How the map draws its background", body = MapConfig)))]
pub async fn map_config(State(state): State<AppState>) -> Json<MapConfig> {
    Json(state.map)
}
