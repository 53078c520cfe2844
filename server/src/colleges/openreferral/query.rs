//! The query parameters of the feed. Each endpoint takes exactly the ones
//! its OpenAPI document lists ([`Endpoint::takes`]), and they filter
//! cumulatively, as the specification says; any other is refused with a
//! 400 naming it: a harvester asking for one organization's services must
//! never get the whole feed filed under that organization.

use api::text::fold;
use api::FieldError;
use uuid::Uuid;

use crate::http::error::ApiError;

pub const DEFAULT_PER_PAGE: usize = 50;
/// More per page than this is read as this many.
pub const MAX_PER_PAGE: usize = 1000;

/// The feed's endpoints that take query parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Services,
    ServiceAtLocations,
    Organizations,
    Taxonomies,
    TaxonomyTerms,
    /// One record by its id: no parameters.
    Record,
}

const PAGING: [&str; 3] = ["page", "per_page", "format"];

impl Endpoint {
    /// The parameters this endpoint takes (and its document lists).
    pub fn takes(self) -> &'static [&'static str] {
        const SERVICES: [&str; 8] = [
            "page",
            "per_page",
            "format",
            "search",
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
        ];
        const NAMED: [&str; 4] = ["page", "per_page", "format", "search"];
        const TERMS: [&str; 7] = [
            "page",
            "per_page",
            "format",
            "search",
            "taxonomy_id",
            "top_only",
            "parent_id",
        ];
        match self {
            Endpoint::Services | Endpoint::ServiceAtLocations => &SERVICES,
            Endpoint::Organizations | Endpoint::Taxonomies => &NAMED,
            Endpoint::TaxonomyTerms => &TERMS,
            Endpoint::Record => &[],
        }
    }
}

/// Parameters HSDS or the UK profile define that this feed cannot answer,
/// and why: refused rather than ignored.
fn cannot_answer(name: &str) -> Option<&'static str> {
    Some(match name {
        "minimum_age" | "maximum_age" => {
            "The directory does not record ages colleges take, so the feed cannot filter by age"
        }
        "day" | "start_time" | "end_time" => {
            "The directory does not record course days or times, so the feed cannot filter by them"
        }
        "postcode" | "proximity" => {
            "The directory holds no postcodes (a college's location is its town's centre), so the feed cannot filter by postcode or distance"
        }
        "full" | "full_service" | "minimal" => {
            "Lists carry each record's summary; fetch one by its id (/services/{id}) for the full record"
        }
        _ => return None,
    })
}

/// `modified_after` as sent. A `+` before the offset that was not
/// percent-encoded (`…T00:00:00+01:00`, as harvesters often send it)
/// arrives as a space, which RFC 3339 never has there: read it as `+`.
/// Unix nanoseconds.
fn modified_after(value: &str) -> Option<i128> {
    api::dates::parse_time(value)
        .or_else(|| {
            let (time, offset) = value.rsplit_once(' ')?;
            api::dates::parse_time(&format!("{time}+{offset}"))
        })
        .map(|t| t.unix_timestamp_nanos())
}

/// A list's query, read and checked.
#[derive(Debug)]
pub struct ListQuery {
    pub page: usize,
    pub per_page: usize,
    /// Folded words; each must appear.
    pub search: Vec<String>,
    pub taxonomy_term_ids: Vec<Uuid>,
    pub taxonomy_ids: Vec<Uuid>,
    pub organization_ids: Vec<Uuid>,
    pub parent_ids: Vec<Uuid>,
    pub top_only: bool,
    /// Unix nanoseconds: changed at or after this.
    pub modified_after: Option<i128>,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            search: Vec::new(),
            taxonomy_term_ids: Vec::new(),
            taxonomy_ids: Vec::new(),
            organization_ids: Vec::new(),
            parent_ids: Vec::new(),
            top_only: false,
            modified_after: None,
        }
    }
}

impl ListQuery {
    /// How many to skip for this page.
    pub fn skip(&self) -> usize {
        (self.page - 1).saturating_mul(self.per_page)
    }

    /// Whether `haystack` (folded) has every search word.
    pub fn found_in(&self, haystack: &str) -> bool {
        self.search.iter().all(|w| haystack.contains(w.as_str()))
    }

    /// Whether a time written RFC 3339 is at or after `modified_after`.
    pub fn modified_since(&self, time: &str) -> bool {
        self.modified_after.is_none_or(|after| {
            api::dates::parse_time(time).is_some_and(|t| t.unix_timestamp_nanos() >= after)
        })
    }
}

/// Reads `raw` for `endpoint`; a 400 naming every parameter at fault.
pub fn parse(raw: Option<&str>, endpoint: Endpoint) -> Result<ListQuery, ApiError> {
    let mut q = ListQuery::default();
    let mut errors = Vec::new();
    let uuid = |field: &str, value: &str, into: &mut Vec<Uuid>, errors: &mut Vec<FieldError>| {
        match Uuid::parse_str(value) {
            Ok(id) => into.push(id),
            Err(_) => errors.push(FieldError::new(field, format!("{field} is a UUID"))),
        }
    };
    for (name, value) in api::query_string::parse(raw.unwrap_or("")) {
        let value = value.trim();
        if !endpoint.takes().contains(&name.as_str()) {
            let reason = match cannot_answer(&name) {
                Some(why) => why.to_string(),
                None if endpoint == Endpoint::Record => {
                    "A record by its id takes no query parameters".to_string()
                }
                None => format!("This endpoint takes only {}", endpoint.takes().join(", ")),
            };
            errors.push(FieldError::new(name, reason));
            continue;
        }
        // An empty value is the parameter left out, as forms send it.
        if value.is_empty() && !PAGING.contains(&name.as_str()) {
            continue;
        }
        match name.as_str() {
            "page" => match value.parse::<usize>() {
                Ok(n) if n >= 1 => q.page = n,
                _ => errors.push(FieldError::new("page", "Page must be a whole number from 1")),
            },
            "per_page" => match value.parse::<u64>() {
                Ok(n) if n >= 1 => q.per_page = n.min(MAX_PER_PAGE as u64) as usize,
                Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
                    q.per_page = MAX_PER_PAGE
                }
                _ => errors.push(FieldError::new(
                    "per_page",
                    format!("Per page must be a whole number from 1 (more than {MAX_PER_PAGE} is read as {MAX_PER_PAGE})"),
                )),
            },
            "format" if value == "json" => {}
            "format" => errors.push(FieldError::new("format", "The feed is served as json only")),
            "search" if value.chars().count() > 100 => errors.push(FieldError::new(
                "search",
                "Search text must be 100 characters or fewer",
            )),
            "search" => q.search = fold(value).split_whitespace().map(String::from).collect(),
            "taxonomy_term_id" => uuid(&name, value, &mut q.taxonomy_term_ids, &mut errors),
            "taxonomy_id" => uuid(&name, value, &mut q.taxonomy_ids, &mut errors),
            "organization_id" => uuid(&name, value, &mut q.organization_ids, &mut errors),
            "parent_id" => uuid(&name, value, &mut q.parent_ids, &mut errors),
            "top_only" => match value {
                "true" => q.top_only = true,
                "false" => q.top_only = false,
                _ => errors.push(FieldError::new("top_only", "top_only is true or false")),
            },
            "modified_after" => match modified_after(value) {
                Some(nanos) => q.modified_after = Some(nanos),
                None => errors.push(FieldError::new(
                    "modified_after",
                    api::dates::TIME_MESSAGE,
                )),
            },
            other => unreachable!("{other} is listed in Endpoint::takes but not read"),
        }
    }
    if errors.is_empty() {
        Ok(q)
    } else {
        Err(ApiError::InvalidInput(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(raw: &str, endpoint: Endpoint) -> Vec<String> {
        match parse(Some(raw), endpoint) {
            Ok(_) => Vec::new(),
            Err(ApiError::InvalidInput(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_listed_parameter_is_read() {
        for endpoint in [
            Endpoint::Services,
            Endpoint::ServiceAtLocations,
            Endpoint::Organizations,
            Endpoint::Taxonomies,
            Endpoint::TaxonomyTerms,
        ] {
            for name in endpoint.takes() {
                // An empty value is accepted for all but paging; a good
                // value never panics.
                let value = match *name {
                    "page" | "per_page" => "2",
                    "format" => "json",
                    "top_only" => "true",
                    "modified_after" => "2026-01-01T00:00:00Z",
                    "search" => "bern",
                    _ => "4f8c1c8b-25bb-593f-a363-0d2d011047d2",
                };
                assert!(
                    fields(&format!("{name}={value}"), endpoint).is_empty(),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn unlisted_and_unanswerable_parameters_are_refused_by_name() {
        assert_eq!(
            fields("minimum_age=18", Endpoint::Services),
            ["minimum_age"]
        );
        assert_eq!(
            fields("postcode=NG1&proximity=5000", Endpoint::ServiceAtLocations),
            ["postcode", "proximity"]
        );
        assert_eq!(
            fields("organization_id=x", Endpoint::Organizations),
            ["organization_id"]
        );
        assert_eq!(
            fields("full_service=true", Endpoint::Record),
            ["full_service"]
        );
        assert_eq!(fields("colour=blue", Endpoint::Taxonomies), ["colour"]);
    }

    #[test]
    fn values_are_checked() {
        assert_eq!(
            fields("page=0&per_page=0&format=ndjson", Endpoint::Services),
            ["page", "per_page", "format"]
        );
        assert_eq!(
            fields("organization_id=nope&top_only=maybe", Endpoint::Services),
            ["organization_id", "top_only"]
        );
        assert_eq!(
            fields("top_only=maybe&parent_id=1", Endpoint::TaxonomyTerms),
            ["top_only", "parent_id"]
        );
        assert_eq!(
            fields("modified_after=2026-+1-01", Endpoint::Services),
            ["modified_after"]
        );
        // Too many per page is capped, not refused.
        let q = parse(Some("per_page=5000"), Endpoint::Services).unwrap();
        assert_eq!(q.per_page, MAX_PER_PAGE);
        let q = parse(Some("per_page=99999999999999999999999"), Endpoint::Services).unwrap();
        assert_eq!(q.per_page, MAX_PER_PAGE);
    }

    #[test]
    fn modified_after_takes_what_harvesters_send() {
        for sent in [
            "2026-12-04T07:41:41.000Z",
            "2026-12-04T07:41:41+00:00",
            "2026-01-01T00:00:00+01:00",
            "2999-01-01T00:00:00Z",
            "2026-01-01",
        ] {
            let q = parse(
                Some(&format!("modified_after={}", sent.replace('+', "%2B"))),
                Endpoint::Services,
            );
            assert!(q.is_ok(), "{sent}");
        }
        // A + not encoded arrives as a space.
        let raw = parse(
            Some("modified_after=2026-01-01T00:00:00+01:00"),
            Endpoint::Services,
        )
        .unwrap();
        let q = parse(
            Some("modified_after=2026-01-01T00:00:00%2B01:00"),
            Endpoint::Services,
        )
        .unwrap();
        assert_eq!(raw.modified_after, q.modified_after);
        assert!(q.modified_since("2025-12-31T23:00:00Z"));
        assert!(!q.modified_since("2025-12-31T22:59:59Z"));
        let q = parse(
            Some("modified_after=2026-12-04T07:41:41.5Z"),
            Endpoint::Services,
        )
        .unwrap();
        assert!(!q.modified_since("2026-12-04T07:41:41Z"));
        assert!(q.modified_since("2026-12-04T07:41:42Z"));
    }
}
