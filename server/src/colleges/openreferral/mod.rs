//! The directory as an Open Referral feed (HSDS 3.0, with the Open Referral
//! UK 3.0 profile), read-only, at `/openreferral/v3`: the records in
//! [`shapes`], the query parameters in [`query`], the OpenAPI document in
//! [`document`], and the handlers here.
//!
//! Served from the in-memory directory, like the public search, so a feed
//! request never touches the database.

pub mod document;
pub mod query;
pub mod shapes;

use std::sync::OnceLock;

use api::text::fold;
use api::{College, FieldError};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, value::RawValue, Value};
use tower_http::set_header::SetResponseHeaderLayer;
use uuid::Uuid;

use self::query::{Endpoint, ListQuery};
use self::shapes::*;
use crate::http::error::ApiError;
use crate::AppState;

pub use self::query::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
pub use self::shapes::service_id;

/// Where the feed lives.
pub const BASE: &str = "/openreferral/v3";
/// The profile the feed follows.
pub const PROFILE: &str = "https://github.com/openreferral/uk-profile";

/// A read-only answer, cached for a while (anyone may fetch it from any
/// site: the router's layer says so on every answer).
fn feed(value: &impl Serialize) -> Response {
    let mut res = Json(value).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    res
}

fn not_found(what: &str) -> ApiError {
    ApiError::NotFound(format!("There is no {what} with this id in the feed."))
}

/// A record's id from its path, and no query parameters beside it.
fn record_id(raw: &str, query: Option<&str>) -> Result<Uuid, ApiError> {
    query::parse(query, Endpoint::Record)?;
    Uuid::parse_str(raw)
        .map_err(|_| ApiError::InvalidInput(vec![FieldError::new("id", "An id is a UUID")]))
}

/// Whether a college's service passes the list query's filters.
fn keeps(q: &ListQuery, c: &College, haystack: &str) -> bool {
    let terms = terms_of(c);
    q.found_in(haystack)
        && q.taxonomy_term_ids
            .iter()
            .all(|t| terms.iter().any(|code| term_id(code) == *t))
        // Every college has a term of the feed's one taxonomy.
        && q.taxonomy_ids.iter().all(|t| *t == taxonomy_id())
        && q.organization_ids.iter().all(|o| *o == organization_id(c))
        && q.modified_since(&c.updated_at)
}

async fn root(headers: HeaderMap) -> Response {
    feed(&json!({
        "version": "3.0",
        "profile": PROFILE,
        "openapi_url": format!("{}{BASE}/openapi.json", crate::http::public_origin(&headers)),
    }))
}

async fn services(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = query::parse(raw.as_deref(), Endpoint::Services)?;
    // The busiest endpoint: each service's JSON is made once per directory
    // snapshot, and a page is put together from those pieces.
    let (total, rendered, page) = state.directory.select_rendered(
        |c, haystack| keeps(&q, c, haystack),
        q.skip(),
        q.per_page,
        |c| {
            RawValue::from_string(
                serde_json::to_string(&Service::summary(c)).expect("a service serialises"),
            )
            .expect("serde_json writes valid JSON")
        },
    );
    let contents: Vec<&RawValue> = page.iter().map(|&i| &*rendered[i]).collect();
    Ok(feed(&Page::new(total, q.page, q.per_page, contents)))
}

/// The college a service, location or service-at-location id names.
fn college_by(state: &AppState, id: Uuid, id_of: fn(&str) -> Uuid) -> Option<College> {
    state
        .directory
        .select(|c, _| id_of(&c.slug) == id, 0, 1)
        .1
        .into_iter()
        .next()
}

async fn service(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let id = record_id(&raw, query.as_deref())?;
    let college = college_by(&state, id, service_id).ok_or_else(|| not_found("service"))?;
    Ok(feed(&Service::full(&college)))
}

async fn service_at_locations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = query::parse(raw.as_deref(), Endpoint::ServiceAtLocations)?;
    let (total, colleges) =
        state
            .directory
            .select(|c, haystack| keeps(&q, c, haystack), q.skip(), q.per_page);
    let contents = colleges
        .iter()
        .map(|c| ServiceAtLocation::with_service(c, Service::summary(c)))
        .collect();
    Ok(feed(&Page::new(total, q.page, q.per_page, contents)))
}

async fn service_at_location(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let id = record_id(&raw, query.as_deref())?;
    let college = college_by(&state, id, service_at_location_id)
        .ok_or_else(|| not_found("service at location"))?;
    Ok(feed(&ServiceAtLocation::with_service(
        &college,
        Service::full(&college),
    )))
}

/// One entry per organization, by name: the first college of each host.
fn organizations_of(state: &AppState) -> Vec<College> {
    let mut seen = std::collections::HashSet::new();
    state
        .directory
        .select(|c, _| seen.insert(organization_key(c)), 0, usize::MAX)
        .1
}

async fn organizations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = query::parse(raw.as_deref(), Endpoint::Organizations)?;
    let colleges = organizations_of(&state);
    let found = colleges
        .iter()
        .map(Organization::of)
        .filter(|o| q.found_in(&fold(&format!("{} {}", o.name, o.description))));
    Ok(feed(&Page::of(found, q.page, q.per_page)))
}

async fn organization(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let id = record_id(&raw, query.as_deref())?;
    let (_, colleges) = state
        .directory
        .select(|c, _| organization_id(c) == id, 0, usize::MAX);
    let first = colleges.first().ok_or_else(|| not_found("organization"))?;
    let org = Organization {
        services: Some(colleges.iter().map(Service::summary).collect()),
        ..Organization::of(first)
    };
    Ok(feed(&org))
}

async fn taxonomies(RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = query::parse(raw.as_deref(), Endpoint::Taxonomies)?;
    let found = std::iter::once(taxonomy())
        .filter(|t| q.found_in(&fold(&format!("{} {}", t.name, t.description))));
    Ok(feed(&Page::of(found, q.page, q.per_page)))
}

async fn taxonomy_by_id(
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    if record_id(&raw, query.as_deref())? != taxonomy_id() {
        return Err(not_found("taxonomy"));
    }
    Ok(feed(&taxonomy()))
}

async fn taxonomy_terms(RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = query::parse(raw.as_deref(), Endpoint::TaxonomyTerms)?;
    // The taxonomy is flat: every term is at the top (so `top_only` keeps
    // them all) and none has a parent (so any `parent_id` keeps none).
    let found = TERMS
        .iter()
        .filter(|t| q.found_in(&fold(&format!("{} {} {}", t.code, t.name, t.description))))
        .filter(|_| q.taxonomy_ids.iter().all(|t| *t == taxonomy_id()))
        .filter(|_| q.parent_ids.is_empty())
        .map(TaxonomyTerm::from);
    Ok(feed(&Page::of(found, q.page, q.per_page)))
}

async fn taxonomy_term(
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let id = record_id(&raw, query.as_deref())?;
    let t = TERMS
        .iter()
        .find(|t| term_id(t.code) == id)
        .ok_or_else(|| not_found("taxonomy term"))?;
    Ok(feed(&TaxonomyTerm::from(t)))
}

/// The feed's own OpenAPI document ([`document`]), naming this server.
async fn openapi(headers: HeaderMap) -> Response {
    static DOC: OnceLock<Value> = OnceLock::new();
    let mut doc = DOC.get_or_init(document::build).clone();
    doc["servers"] = json!([{ "url": format!("{}{BASE}", crate::http::public_origin(&headers)) }]);
    feed(&doc)
}

/// The feed's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/"), get(root))
        .route(BASE, get(root))
        .route(&format!("{BASE}/openapi.json"), get(openapi))
        .route(&format!("{BASE}/services"), get(services))
        .route(&format!("{BASE}/services/{{id}}"), get(service))
        .route(
            &format!("{BASE}/service_at_locations"),
            get(service_at_locations),
        )
        .route(
            &format!("{BASE}/service_at_locations/{{id}}"),
            get(service_at_location),
        )
        .route(&format!("{BASE}/organizations"), get(organizations))
        .route(&format!("{BASE}/organizations/{{id}}"), get(organization))
        .route(&format!("{BASE}/taxonomies"), get(taxonomies))
        .route(&format!("{BASE}/taxonomies/{{id}}"), get(taxonomy_by_id))
        .route(&format!("{BASE}/taxonomy_terms"), get(taxonomy_terms))
        .route(&format!("{BASE}/taxonomy_terms/{{id}}"), get(taxonomy_term))
        // Every answer, errors included: a client on another site can read
        // why its request failed.
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}
