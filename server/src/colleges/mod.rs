//! The directory of colleges: search, filters and one college's details;
//! the map, places and figures; editing by staff and suggestions from the
//! public. The `colleges`, `college_changes` and `suggestions` tables are
//! read and written only here.

pub mod directory;
pub mod editing;
pub mod map;
pub mod openreferral;
pub mod pages;
pub mod places;
pub mod seed;
pub mod sitemap;
pub mod stats;
pub mod store;
pub mod suggestions;

use api::{College, CollegeList, CollegeQuery, FieldError};
use axum::extract::{Path, RawQuery, State};
use axum::Json;

use crate::http::error::ApiError;
use crate::AppState;

/// Search and filter the directory.
#[utoipa::path(get, path = "/api/colleges", tag = "colleges",
    params(
        ("q" = Option<String>, Query, description = "Words to find in the name, host, town, region or country; each must match. Sorted by name, colleges whose name or place has every word come first, then those found only through their host. At most 100 characters."),
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2 code"),
        ("delivery" = Option<String>, Query, description = "in_person, online or both; a college that does both counts for either"),
        ("enrolment" = Option<String>, Query, description = "open_to_all, service_users_and_carers, staff_too or residents"),
        ("status" = Option<String>, Query, description = "open, paused, closing or closed; without it, every college but the closed ones"),
        ("learning_set" = Option<bool>, Query, description = "true for Learning Set members only"),
        ("sort" = Option<String>, Query, description = "name (default), country or opened"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 10000, description = "1 to 10000, default 1"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "1 to 200, default 50"),
    ),
    responses(
        (status = 200, description = "One page of matching colleges and the total", body = CollegeList),
        (status = 400, description = "A parameter's value is not valid", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_colleges(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<CollegeList>, ApiError> {
    let query = CollegeQuery::from_query_string(raw.as_deref().unwrap_or(""))
        .map_err(ApiError::InvalidInput)?;
    Ok(Json(state.directory.search(&query)))
}

/// One college's details.
#[utoipa::path(get, path = "/api/colleges/{slug}", tag = "colleges",
    params(("slug" = String, Path, description = "The college's slug, as in its URL")),
    responses(
        (status = 200, description = "The college", body = College),
        (status = 400, description = "The slug is not well formed", body = api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published college has this slug", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_college(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<College>, ApiError> {
    if !api::colleges::is_valid_slug(&slug) {
        return Err(ApiError::InvalidInput(vec![FieldError::new(
            "slug",
            "A college's slug has only lower-case letters, digits and single hyphens",
        )]));
    }
    state
        .directory
        .get(&slug)
        .map(|c| Json(c.for_public()))
        .ok_or_else(|| ApiError::NotFound(format!("There is no college at /colleges/{slug}")))
}
