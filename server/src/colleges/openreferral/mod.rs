//! The directory as an Open Referral feed (HSDS 3.0, with the Open Referral
//! UK 3.0 profile), read-only, at `/openreferral/v3`. Each listed college is
//! one service ("<college>: courses") of an organization (its host, or the
//! college itself when the host is not known) at one location (its town).
//! Only what the public directory shows goes out. Ids are UUID v5 of the
//! slug (or host name) in a namespace of ours, so they never change.
//!
//! Served from the in-memory directory, like the public search, so a feed
//! request never touches the database.

use std::sync::OnceLock;

use api::text::fold;
use api::{College, CollegeStatus, Delivery, Enrolment, FieldError};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::http::error::ApiError;
use crate::AppState;

/// Where the feed lives.
pub const BASE: &str = "/openreferral/v3";
/// The profile the feed follows.
pub const PROFILE: &str = "https://github.com/openreferral/uk-profile";
pub const DEFAULT_PER_PAGE: usize = 50;
pub const MAX_PER_PAGE: usize = 1000;

/// Our namespace for UUID v5 ids (made once, at random; never change it).
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1d_2b0e_3c4a_4d8e_9a51_7e2c_0b9d_4f13);

fn id(kind: &str, key: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{kind}:{key}").as_bytes())
}

pub fn service_id(slug: &str) -> Uuid {
    id("service", slug)
}

fn location_id(slug: &str) -> Uuid {
    id("location", slug)
}

fn service_at_location_id(slug: &str) -> Uuid {
    id("service_at_location", slug)
}

/// A host runs several colleges: one organization per host name.
fn organization_key(c: &College) -> String {
    match &c.host {
        Some(host) => format!("host:{}", fold(host)),
        None => format!("college:{}", c.slug),
    }
}

fn organization_id(c: &College) -> Uuid {
    id("organization", &organization_key(c))
}

/// The feed's small taxonomy of its own.
struct Term {
    code: &'static str,
    name: &'static str,
    description: &'static str,
}

const TAXONOMY_NAME: &str = "Recovery Colleges directory";

const TERMS: [Term; 10] = [
    Term { code: "recovery-college", name: "Recovery College", description: "Education as a route to recovery from mental ill-health, not therapy: courses co-produced by peer tutors with lived experience and by professionals." },
    Term { code: "enrolment-open-to-all", name: "Open to all", description: "Anyone can enrol; there is no eligibility to demonstrate." },
    Term { code: "enrolment-service-users-and-carers", name: "People who use services, and their carers", description: "People who use the host's services, and their families, friends and carers." },
    Term { code: "enrolment-staff-too", name: "People who use services, carers and staff", description: "People who use services, their carers, and the host organisation's staff." },
    Term { code: "enrolment-residents", name: "Residents", description: "People living in an area or registered with its services." },
    Term { code: "delivery-in-person", name: "Courses in person", description: "Courses are taught in person." },
    Term { code: "delivery-online", name: "Courses online", description: "Courses are taught online." },
    Term { code: "delivery-both", name: "Courses in person and online", description: "Courses are taught in person and online." },
    Term { code: "learning-set-member", name: "Learning Set member", description: "A member of the International Recovery College Learning Set, facilitated by ImROC." },
    Term { code: "imroc-demonstration-site", name: "ImROC demonstration site", description: "One of the first sites where ImROC demonstrated the Recovery College model." },
];

fn taxonomy_id() -> Uuid {
    id("taxonomy", "recovery-colleges")
}

fn term_id(code: &str) -> Uuid {
    id("taxonomy_term", code)
}

fn term(code: &str) -> &'static Term {
    TERMS.iter().find(|t| t.code == code).expect("a known term")
}

fn taxonomy_json() -> Value {
    json!({
        "id": taxonomy_id(),
        "name": TAXONOMY_NAME,
        "description": "Terms this directory uses to describe Recovery Colleges: who may enrol, how courses are delivered, and membership of the International Recovery College Learning Set.",
        "version": "1",
    })
}

fn term_json(t: &Term) -> Value {
    json!({
        "id": term_id(t.code),
        "code": t.code,
        "name": t.name,
        "description": t.description,
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_id": taxonomy_id(),
    })
}

/// The terms that describe a college.
fn terms_of(c: &College) -> Vec<&'static str> {
    let mut codes = vec!["recovery-college"];
    codes.extend(c.enrolment.map(|e| match e {
        Enrolment::OpenToAll => "enrolment-open-to-all",
        Enrolment::ServiceUsersAndCarers => "enrolment-service-users-and-carers",
        Enrolment::StaffToo => "enrolment-staff-too",
        Enrolment::Residents => "enrolment-residents",
    }));
    codes.extend(c.delivery.map(|d| match d {
        Delivery::InPerson => "delivery-in-person",
        Delivery::Online => "delivery-online",
        Delivery::Both => "delivery-both",
    }));
    if c.learning_set_member == Some(true) {
        codes.push("learning-set-member");
    }
    if c.imroc_demonstration_site {
        codes.push("imroc-demonstration-site");
    }
    codes
}

/// HSDS's status: a closed college is inactive; a paused one is
/// temporarily closed.
fn status(c: &College) -> &'static str {
    match c.status {
        CollegeStatus::Open | CollegeStatus::Closing => "active",
        CollegeStatus::Paused => "temporarily closed",
        CollegeStatus::Closed => "inactive",
    }
}

fn description(c: &College) -> String {
    let mut text = format!(
        "{} is a Recovery College: it teaches recovery from mental ill-health as education, with courses co-produced by peer tutors and professionals.",
        c.name
    );
    if let Some(note) = &c.status_note {
        text.push_str(&format!(" Status: {note}"));
    }
    text
}

fn organization_json(c: &College) -> Value {
    let (name, description) = match &c.host {
        Some(host) => (
            host.clone(),
            format!("The organisation that runs {}.", c.name),
        ),
        None => (
            c.name.clone(),
            format!(
                "{}; the organisation that runs it is not known here.",
                c.name
            ),
        ),
    };
    json!({
        "id": organization_id(c),
        "name": name,
        "description": description,
    })
}

fn location_json(c: &College) -> Value {
    let precision = match c.location_precision {
        api::LocationPrecision::City => "the centre of its town",
        api::LocationPrecision::Region => "the centre of the main town of the area it serves",
    };
    let country = api::countries::name(&c.country).unwrap_or(&c.country);
    json!({
        "id": location_id(&c.slug),
        "location_type": "physical",
        "name": format!("{}, {}", c.locality, country),
        "description": format!("Approximate: the coordinates are {precision}, good for a map, not for directions. The street address and postcode are not known here."),
        "latitude": c.lat,
        "longitude": c.lon,
        "addresses": [{
            "id": id("address", &c.slug),
            "location_id": location_id(&c.slug),
            "address_1": "",
            "city": c.locality,
            "region": c.region,
            "state_province": c.region,
            "postal_code": "",
            "country": c.country,
            "address_type": "physical",
        }],
    })
}

fn attributes_json(c: &College) -> Vec<Value> {
    terms_of(c)
        .into_iter()
        .map(|code| {
            json!({
                "id": id("attribute", &format!("{}:{code}", c.slug)),
                "link_id": service_id(&c.slug),
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term_id(code),
                "taxonomy_term": term_json(term(code)),
            })
        })
        .collect()
}

/// A service as a list shows it.
fn service_summary(c: &College) -> Value {
    let mut s = json!({
        "id": service_id(&c.slug),
        "organization_id": organization_id(c),
        "name": format!("{}: courses", c.name),
        "description": description(c),
        "status": status(c),
        "last_modified": c.updated_at,
        "organization": organization_json(c),
    });
    if let Some(url) = &c.website {
        s["url"] = json!(url);
    }
    if let Some(email) = &c.email {
        s["email"] = json!(email);
    }
    s
}

/// The full service record.
fn service_full(c: &College) -> Value {
    let mut s = service_summary(c);
    let sid = service_id(&c.slug);
    s["service_at_locations"] = json!([service_at_location_json(c, false)]);
    s["attributes"] = json!(attributes_json(c));
    s["languages"] = json!(c
        .languages
        .iter()
        .map(|code| json!({ "id": id("language", &format!("{}:{code}", c.slug)), "service_id": sid, "code": code }))
        .collect::<Vec<_>>());
    if let Some(phone) = &c.phone {
        s["phones"] = json!([{ "id": id("phone", &c.slug), "service_id": sid, "number": phone }]);
    }
    if c.email.is_some() || c.phone.is_some() {
        let mut contact =
            json!({ "id": id("contact", &c.slug), "service_id": sid, "name": c.name });
        if let Some(email) = &c.email {
            contact["email"] = json!(email);
        }
        if let Some(phone) = &c.phone {
            contact["phones"] = json!([{ "id": id("contact_phone", &c.slug), "number": phone }]);
        }
        s["contacts"] = json!([contact]);
    }
    s
}

fn service_at_location_json(c: &College, with_service: bool) -> Value {
    let mut sal = json!({
        "id": service_at_location_id(&c.slug),
        "service_id": service_id(&c.slug),
        "location_id": location_id(&c.slug),
        "location": location_json(c),
    });
    if with_service {
        sal["service"] = service_summary(c);
    }
    sal
}

/// The query parameters the lists take.
struct ListQuery {
    page: usize,
    per_page: usize,
    search: Vec<String>,
    term: Option<Uuid>,
    modified_after: Option<String>,
}

/// Reads `page`, `per_page`, `search`, `taxonomy_term_id` and
/// `modified_after`; 400 naming each bad one.
fn list_query(raw: Option<&str>) -> Result<ListQuery, ApiError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|_| {
            ApiError::InvalidInput(vec![FieldError::new(
                "query",
                "The query string is not valid URL encoding",
            )])
        })?;
    let mut q = ListQuery {
        page: 1,
        per_page: DEFAULT_PER_PAGE,
        search: Vec::new(),
        term: None,
        modified_after: None,
    };
    let mut errors = Vec::new();
    for (name, value) in &pairs {
        let value = value.trim();
        match name.as_str() {
            "page" => match value.parse::<usize>() {
                Ok(n) if n >= 1 => q.page = n,
                _ => errors.push(FieldError::new(
                    "page",
                    "Page must be a whole number from 1",
                )),
            },
            "per_page" => match value.parse::<usize>() {
                Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => q.per_page = n,
                _ => errors.push(FieldError::new(
                    "per_page",
                    format!("Per page must be a whole number from 1 to {MAX_PER_PAGE}"),
                )),
            },
            "search" if value.chars().count() > 100 => errors.push(FieldError::new(
                "search",
                "Search text must be 100 characters or fewer",
            )),
            "search" => q.search = fold(value).split_whitespace().map(String::from).collect(),
            "taxonomy_term_id" if value.is_empty() => {}
            "taxonomy_term_id" => match Uuid::parse_str(value) {
                Ok(id) => q.term = Some(id),
                Err(_) => errors.push(FieldError::new(
                    "taxonomy_term_id",
                    "A taxonomy term id is a UUID",
                )),
            },
            "modified_after" if value.is_empty() => {}
            "modified_after" => match normalise_time(value) {
                Some(t) => q.modified_after = Some(t),
                None => errors.push(FieldError::new(
                    "modified_after",
                    "Use a date like 2026-11-01 or a UTC time like 2026-11-01T09:30:00Z",
                )),
            },
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(q)
    } else {
        Err(ApiError::InvalidInput(errors))
    }
}

/// `2026-11-01` or `2026-11-01T09:30:00Z` as `2026-11-01T09:30:00Z`, which
/// compares as text with the directory's times.
fn normalise_time(value: &str) -> Option<String> {
    let valid_date = |d: &str| api::surveys::is_valid_date(d);
    if valid_date(value) {
        return Some(format!("{value}T00:00:00Z"));
    }
    let (date, time) = value.split_once('T')?;
    let time = time.strip_suffix('Z')?;
    let parts: Vec<&str> = time.split(':').collect();
    let ok = valid_date(date)
        && parts.len() == 3
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0] < "24"
        && parts[1] < "60"
        && parts[2] < "60";
    ok.then(|| format!("{date}T{time}Z"))
}

/// The page envelope every list has.
fn page(total: usize, q: &ListQuery, contents: Vec<Value>) -> Value {
    let total_pages = total.div_ceil(q.per_page);
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": q.page,
        "size": contents.len(),
        "first_page": q.page == 1,
        "last_page": q.page >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

/// A read-only answer anyone may fetch from any site, cached for a while.
fn feed(value: Value) -> Response {
    let mut res = Json(value).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    res
}

fn not_found(what: &str) -> ApiError {
    ApiError::NotFound(format!("There is no {what} with this id in the feed."))
}

fn parse_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw)
        .map_err(|_| ApiError::InvalidInput(vec![FieldError::new("id", "An id is a UUID")]))
}

/// Whether a college passes the list query's filters.
fn keeps(q: &ListQuery, c: &College, haystack: &str) -> bool {
    q.search.iter().all(|w| haystack.contains(w.as_str()))
        && q.term
            .is_none_or(|t| terms_of(c).into_iter().any(|code| term_id(code) == t))
        && q.modified_after
            .as_deref()
            .is_none_or(|after| c.updated_at.as_str() >= after)
}

/// Colleges matching the list query, one page of them, and how many match.
fn matching(state: &AppState, q: &ListQuery) -> (usize, Vec<College>) {
    state.directory.select(
        |c, haystack| keeps(q, c, haystack),
        (q.page - 1).saturating_mul(q.per_page),
        q.per_page,
    )
}

async fn root(headers: HeaderMap) -> Response {
    feed(json!({
        "version": "3.0",
        "profile": PROFILE,
        "openapi_url": format!("{}{BASE}/openapi.json", crate::http::public_origin(&headers)),
    }))
}

async fn services(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref())?;
    // The busiest endpoint: each service's JSON is made once per directory
    // snapshot, and a page is put together from those pieces.
    let (total, contents) = state.directory.select_rendered(
        |c, haystack| keeps(&q, c, haystack),
        (q.page - 1).saturating_mul(q.per_page),
        q.per_page,
        |c| service_summary(c).to_string(),
    );
    let total_pages = total.div_ceil(q.per_page);
    let body = format!(
        r#"{{"total_items":{total},"total_pages":{total_pages},"page_number":{},"size":{},"first_page":{},"last_page":{},"empty":{},"contents":[{}]}}"#,
        q.page,
        contents.len(),
        q.page == 1,
        q.page >= total_pages,
        contents.is_empty(),
        contents.join(","),
    );
    let mut res = feed(Value::Null);
    *res.body_mut() = axum::body::Body::from(body);
    Ok(res)
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
) -> Result<Response, ApiError> {
    let id = parse_id(&raw)?;
    let college = college_by(&state, id, service_id).ok_or_else(|| not_found("service"))?;
    Ok(feed(service_full(&college)))
}

async fn service_at_locations(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref())?;
    let (total, colleges) = matching(&state, &q);
    let contents = colleges
        .iter()
        .map(|c| service_at_location_json(c, true))
        .collect();
    Ok(feed(page(total, &q, contents)))
}

async fn service_at_location(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&raw)?;
    let college = college_by(&state, id, service_at_location_id)
        .ok_or_else(|| not_found("service at location"))?;
    let mut sal = service_at_location_json(&college, false);
    sal["service"] = service_full(&college);
    Ok(feed(sal))
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
    let q = list_query(raw.as_deref())?;
    let all = organizations_of(&state);
    let contents = all
        .iter()
        .skip((q.page - 1).saturating_mul(q.per_page))
        .take(q.per_page)
        .map(organization_json)
        .collect();
    Ok(feed(page(all.len(), &q, contents)))
}

async fn organization(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&raw)?;
    let (_, colleges) = state
        .directory
        .select(|c, _| organization_id(c) == id, 0, usize::MAX);
    let first = colleges.first().ok_or_else(|| not_found("organization"))?;
    let mut org = organization_json(first);
    org["services"] = json!(colleges.iter().map(service_summary).collect::<Vec<_>>());
    Ok(feed(org))
}

async fn taxonomies(RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref())?;
    let contents = if q.page == 1 {
        vec![taxonomy_json()]
    } else {
        Vec::new()
    };
    Ok(feed(page(1, &q, contents)))
}

async fn taxonomy(Path(raw): Path<String>) -> Result<Response, ApiError> {
    if parse_id(&raw)? != taxonomy_id() {
        return Err(not_found("taxonomy"));
    }
    Ok(feed(taxonomy_json()))
}

async fn taxonomy_terms(RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref())?;
    let contents = TERMS
        .iter()
        .skip((q.page - 1).saturating_mul(q.per_page))
        .take(q.per_page)
        .map(term_json)
        .collect();
    Ok(feed(page(TERMS.len(), &q, contents)))
}

async fn taxonomy_term(Path(raw): Path<String>) -> Result<Response, ApiError> {
    let id = parse_id(&raw)?;
    let t = TERMS
        .iter()
        .find(|t| term_id(t.code) == id)
        .ok_or_else(|| not_found("taxonomy term"))?;
    Ok(feed(term_json(t)))
}

/// The feed's own OpenAPI document: the HSDS 3.0 API description, naming
/// this feed and the endpoints it serves.
async fn openapi(headers: HeaderMap) -> Response {
    static DOC: OnceLock<Value> = OnceLock::new();
    let doc = DOC.get_or_init(|| {
        let mut doc: Value = serde_json::from_str(include_str!("openreferral-openapi.json"))
            .expect("the bundled HSDS OpenAPI document is valid");
        doc["info"]["title"] = json!("Recovery Colleges: Open Referral feed");
        doc["info"]["description"] = json!("The directory of Recovery Colleges as HSDS 3.0 (Open Referral UK profile), read-only. Each college is a service of its host organization at one approximate location.");
        doc
    });
    let mut doc = doc.clone();
    doc["servers"] = json!([{ "url": format!("{}{BASE}", crate::http::public_origin(&headers)) }]);
    feed(doc)
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
        .route(&format!("{BASE}/taxonomies/{{id}}"), get(taxonomy))
        .route(&format!("{BASE}/taxonomy_terms"), get(taxonomy_terms))
        .route(&format!("{BASE}/taxonomy_terms/{{id}}"), get(taxonomy_term))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_uuid_v5() {
        let a = service_id("recovery-college-bern");
        assert_eq!(a, service_id("recovery-college-bern"));
        assert_eq!(a.get_version_num(), 5);
        assert_ne!(a, location_id("recovery-college-bern"));
        // Pinned: a change of namespace or scheme would break every consumer.
        assert_eq!(
            service_id("recovery-college-bern").to_string(),
            "4f8c1c8b-25bb-593f-a363-0d2d011047d2"
        );
    }

    #[test]
    fn times_are_dates_or_utc_times() {
        assert_eq!(
            normalise_time("2026-11-01").as_deref(),
            Some("2026-11-01T00:00:00Z")
        );
        assert_eq!(
            normalise_time("2026-11-01T09:30:00Z").as_deref(),
            Some("2026-11-01T09:30:00Z")
        );
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-11-01T25:00:00Z",
            "2026-11-01T09:30:00+01:00",
        ] {
            assert_eq!(normalise_time(bad), None, "{bad}");
        }
    }
}
