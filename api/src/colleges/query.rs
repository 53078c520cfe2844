//! The directory's search and filters. One parser reads them from the page's
//! URL in the app and from the API's query string on the server, so a link
//! that works in one works in the other.

use crate::colleges::{College, CollegeStatus, Delivery, Enrolment};

/// What the search and filters look at. The server's colleges and the map's
/// points both implement it, so both are filtered by these same rules.
pub trait Filterable {
    fn name(&self) -> &str;
    fn host(&self) -> Option<&str>;
    fn locality(&self) -> &str;
    fn region(&self) -> &str;
    /// ISO 3166-1 alpha-2 code.
    fn country(&self) -> &str;
    fn delivery(&self) -> Option<Delivery>;
    fn enrolment(&self) -> Option<Enrolment>;
    fn learning_set_member(&self) -> Option<bool>;
    fn status(&self) -> CollegeStatus;
}
use crate::countries;
use crate::geo::GeoPoint;
use crate::problem::FieldError;
use crate::text::{fold, squash_spaces};
use std::cmp::Ordering;

/// Longest search text accepted, in characters.
pub const MAX_Q_CHARS: usize = 100;
pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;
pub const MAX_PAGE: u32 = 10_000;

/// How a list of colleges is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// By name, A to Z.
    #[default]
    Name,
    /// By country name, then by name.
    Country,
    /// By year opened, earliest first; unknown years last.
    Opened,
    /// Nearest first; needs `near`.
    Distance,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Name, Sort::Country, Sort::Opened, Sort::Distance];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Country => "country",
            Sort::Opened => "opened",
            Sort::Distance => "distance",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What a directory page's title says (see [`CollegeQuery::title_names`]).
#[derive(Debug, PartialEq)]
pub enum TitleNames<'a> {
    /// The whole directory: its own title.
    Directory,
    Search(&'a str),
    Filters(Vec<TitleFilter<'a>>),
}

/// One filter named in a title.
#[derive(Debug, PartialEq)]
pub enum TitleFilter<'a> {
    Country(&'a str),
    Delivery(Delivery),
    Enrolment(Enrolment),
    LearningSet,
    Status(CollegeStatus),
}

/// A directory query. The default is every college, by name, first page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CollegeQuery {
    /// Search text, whitespace squashed; empty for none.
    pub q: String,
    /// ISO 3166-1 alpha-2 code, upper case.
    pub country: Option<String>,
    pub delivery: Option<Delivery>,
    pub enrolment: Option<Enrolment>,
    /// Only Learning Set members.
    pub learning_set: bool,
    /// Only colleges with this status; without one, every college but the
    /// closed ones.
    pub status: Option<CollegeStatus>,
    /// Where distances are measured from.
    pub near: Option<GeoPoint>,
    /// What `near` is called ("Leeds, United Kingdom"), for showing; empty
    /// when it is the person's own location.
    pub place: String,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl CollegeQuery {
    /// Reads a query from `name=value` pairs. Unknown names are ignored (links
    /// pick up tracking parameters); a known name with a bad value is an error
    /// naming it. An empty value means "not set", as an HTML form sends it.
    pub fn from_pairs<'a, I>(pairs: I) -> Result<Self, Vec<FieldError>>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut query = CollegeQuery {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Default::default()
        };
        let mut errors = Vec::new();
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "q" => {
                    // Shown back in the title, share preview and search box.
                    let q = crate::text::reflected(value);
                    if q.chars().count() > MAX_Q_CHARS {
                        errors.push(FieldError::new(
                            "q",
                            format!("Search text must be {MAX_Q_CHARS} characters or fewer"),
                        ));
                    } else {
                        query.q = q;
                    }
                }
                "country" if value.is_empty() => query.country = None,
                "country" => {
                    let code = value.to_ascii_uppercase();
                    if countries::is_known(&code) {
                        query.country = Some(code);
                    } else {
                        errors.push(FieldError::new(
                            "country",
                            "Country must be a two-letter ISO 3166-1 code, such as GB or CH",
                        ));
                    }
                }
                "delivery" if value.is_empty() => query.delivery = None,
                "delivery" => match Delivery::parse(value) {
                    Some(d) => query.delivery = Some(d),
                    None => errors.push(FieldError::new(
                        "delivery",
                        "Delivery must be one of in_person, online or both",
                    )),
                },
                "enrolment" if value.is_empty() => query.enrolment = None,
                "enrolment" => match Enrolment::parse(value) {
                    Some(e) => query.enrolment = Some(e),
                    None => errors.push(FieldError::new(
                        "enrolment",
                        "Enrolment must be one of open_to_all, service_users_and_carers, staff_too or residents",
                    )),
                },
                "status" if value.is_empty() => query.status = None,
                "status" => match CollegeStatus::parse(value) {
                    Some(s) => query.status = Some(s),
                    None => errors.push(FieldError::new(
                        "status",
                        "Status must be one of open, paused, closing or closed",
                    )),
                },
                "learning_set" => match value {
                    "true" => query.learning_set = true,
                    "false" | "" => query.learning_set = false,
                    _ => errors.push(FieldError::new(
                        "learning_set",
                        "Learning Set must be true or false",
                    )),
                },
                "sort" if value.is_empty() => query.sort = Sort::Name,
                "sort" => match Sort::parse(value) {
                    Some(s) => query.sort = s,
                    None => errors.push(FieldError::new(
                        "sort",
                        "Sort must be one of name, country, opened or distance",
                    )),
                },
                "near" if value.is_empty() => query.near = None,
                "near" => match GeoPoint::parse(value) {
                    Some(p) => query.near = Some(p),
                    None => errors.push(FieldError::new(
                        "near",
                        "Near must be a latitude and longitude in degrees, such as 53.8,-1.55",
                    )),
                },
                "place" => {
                    let place = squash_spaces(value);
                    if place.chars().count() > MAX_Q_CHARS {
                        errors.push(FieldError::new(
                            "place",
                            format!("A place name must be {MAX_Q_CHARS} characters or fewer"),
                        ));
                    } else {
                        query.place = place;
                    }
                }
                "page" if value.is_empty() => query.page = 1,
                "page" => match value.parse::<u32>() {
                    Ok(p) if (1..=MAX_PAGE).contains(&p) => query.page = p,
                    _ => errors.push(FieldError::new(
                        "page",
                        format!("Page must be a whole number from 1 to {MAX_PAGE}"),
                    )),
                },
                "per_page" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => query.per_page = n,
                    _ => errors.push(FieldError::new(
                        "per_page",
                        format!("Per page must be a whole number from 1 to {MAX_PER_PAGE}"),
                    )),
                },
                _ => {}
            }
        }
        if query.sort == Sort::Distance && query.near.is_none() && errors.is_empty() {
            errors.push(FieldError::new(
                "sort",
                "Sorting by distance needs a place or your location",
            ));
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// Reads a query from a URL query string (without the `?`).
    pub fn from_query_string(qs: &str) -> Result<Self, Vec<FieldError>> {
        let pairs = crate::query_string::parse(qs);
        Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// Reads what it can of a query string: the parameters at fault are left
    /// out, and returned so the page can say so. For links typed or kept
    /// from older versions, which should still show something useful.
    pub fn from_query_string_lenient(qs: &str) -> (Self, Vec<FieldError>) {
        let pairs = crate::query_string::parse(qs);
        match Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
            Ok(query) => (query, Vec::new()),
            Err(errors) => {
                let good = pairs
                    .iter()
                    .filter(|(k, _)| !errors.iter().any(|e| &e.field == k))
                    .map(|(k, v)| (k.as_str(), v.as_str()));
                let query = Self::from_pairs(good)
                    .unwrap_or_else(|_| Self::from_pairs([]).unwrap_or_default());
                (query, errors)
            }
        }
    }

    /// The parameters that differ from the default, in a stable order, so
    /// that equal queries give equal URLs.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(c) = &self.country {
            pairs.push(("country", c.clone()));
        }
        if let Some(d) = self.delivery {
            pairs.push(("delivery", d.as_str().to_string()));
        }
        if let Some(e) = self.enrolment {
            pairs.push(("enrolment", e.as_str().to_string()));
        }
        if self.learning_set {
            pairs.push(("learning_set", "true".to_string()));
        }
        if let Some(s) = self.status {
            pairs.push(("status", s.as_str().to_string()));
        }
        if let Some(p) = self.near {
            pairs.push(("near", p.to_string()));
            if !self.place.is_empty() {
                pairs.push(("place", self.place.clone()));
            }
        }
        if self.sort != Sort::Name {
            pairs.push(("sort", self.sort.as_str().to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE && self.per_page != 0 {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
    }

    /// The query as a URL query string without the `?`; empty for the default.
    pub fn to_query_string(&self) -> String {
        crate::query_string::write(self.to_pairs())
    }

    /// Whether any filter or search narrows the list.
    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty()
            || self.country.is_some()
            || self.delivery.is_some()
            || self.enrolment.is_some()
            || self.learning_set
            || self.status.is_some()
    }

    /// What the page's title names, so tabs and history tell searches
    /// apart: the search text if there is one, else the filters set.
    pub fn title_names(&self) -> TitleNames<'_> {
        if !self.q.trim().is_empty() {
            return TitleNames::Search(self.q.trim());
        }
        let mut filters = Vec::new();
        if let Some(c) = &self.country {
            filters.push(TitleFilter::Country(c));
        }
        if let Some(d) = self.delivery {
            filters.push(TitleFilter::Delivery(d));
        }
        if let Some(e) = self.enrolment {
            filters.push(TitleFilter::Enrolment(e));
        }
        if self.learning_set {
            filters.push(TitleFilter::LearningSet);
        }
        if let Some(s) = self.status {
            filters.push(TitleFilter::Status(s));
        }
        if filters.is_empty() {
            TitleNames::Directory
        } else {
            TitleNames::Filters(filters)
        }
    }

    /// The folded words of the search text, each of which must match.
    pub fn terms(&self) -> Vec<String> {
        fold(&self.q)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    /// Whether `college` passes the filters. `haystack` is the college's
    /// [`search_text`] and `terms` this query's [`Self::terms`], both computed
    /// once rather than per comparison.
    pub fn matches(&self, college: &impl Filterable, haystack: &str, terms: &[String]) -> bool {
        if let Some(country) = &self.country {
            if college.country() != country {
                return false;
            }
        }
        if let Some(wanted) = self.delivery {
            if !college.delivery().is_some_and(|d| d.offers(wanted)) {
                return false;
            }
        }
        if let Some(wanted) = self.enrolment {
            if college.enrolment() != Some(wanted) {
                return false;
            }
        }
        if self.learning_set && college.learning_set_member() != Some(true) {
            return false;
        }
        let listed = match self.status {
            Some(wanted) => college.status() == wanted,
            None => college.status() != CollegeStatus::Closed,
        };
        if !listed {
            return false;
        }
        terms.iter().all(|t| haystack.contains(t.as_str()))
    }
}

/// Whether every one of `terms` is in the college's name or place (its
/// [`place_text`]): such colleges come before those found only through
/// their host, so "London" lists London's colleges before one in Milton
/// Keynes run by a "…North West London…" trust.
pub fn names_or_places(place_text: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| place_text.contains(t.as_str()))
}

/// The folded text of a college's name and place: its [`search_text`]
/// without the host.
pub fn place_text(college: &impl Filterable) -> String {
    let country = countries::name(college.country()).unwrap_or("");
    fold(&format!(
        "{}\n{}\n{}\n{}\n{}",
        college.name(),
        college.locality(),
        college.region(),
        country,
        college.country()
    ))
}

/// The folded text a search looks through: name, host, town, region and the
/// country's English name and code.
pub fn search_text(college: &impl Filterable) -> String {
    let country = countries::name(college.country()).unwrap_or("");
    fold(&format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        college.name(),
        college.host().unwrap_or(""),
        college.locality(),
        college.region(),
        country,
        college.country()
    ))
}

/// Orders colleges as `sort` says; ties fall back to the name, then the slug,
/// so the order is stable across requests and pages.
pub fn compare(sort: Sort, a: &College, b: &College) -> Ordering {
    let by_name = || {
        fold(&a.name)
            .cmp(&fold(&b.name))
            .then_with(|| a.slug.cmp(&b.slug))
    };
    match sort {
        Sort::Name => by_name(),
        Sort::Country => countries::name(&a.country)
            .cmp(&countries::name(&b.country))
            .then_with(by_name),
        // Distance depends on the query; the server orders by it after
        // filtering. Here it falls back to the name.
        Sort::Distance => by_name(),
        Sort::Opened => match (a.opened, b.opened) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(by_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn college(slug: &str, name: &str, town: &str, country: &str) -> College {
        College {
            slug: slug.into(),
            name: name.into(),
            locality: town.into(),
            country: country.into(),
            source: "test".into(),
            updated_at: "2026-11-26".into(),
            ..College::default()
        }
    }

    #[test]
    fn parses_valid_queries() {
        let cases: &[(&str, CollegeQuery)] = &[
            (
                "",
                CollegeQuery {
                    page: 1,
                    per_page: 50,
                    ..Default::default()
                },
            ),
            (
                "q=%20bern%20%20college%20&country=ch",
                CollegeQuery {
                    q: "bern college".into(),
                    country: Some("CH".into()),
                    page: 1,
                    per_page: 50,
                    ..Default::default()
                },
            ),
            (
                "delivery=online&enrolment=open_to_all&learning_set=true&sort=opened&page=3&per_page=10",
                CollegeQuery {
                    delivery: Some(Delivery::Online),
                    enrolment: Some(Enrolment::OpenToAll),
                    learning_set: true,
                    sort: Sort::Opened,
                    page: 3,
                    per_page: 10,
                    ..Default::default()
                },
            ),
            (
                "country=&delivery=&sort=&page=&utm_source=newsletter",
                CollegeQuery {
                    page: 1,
                    per_page: 50,
                    ..Default::default()
                },
            ),
        ];
        for (qs, expected) in cases {
            assert_eq!(
                &CollegeQuery::from_query_string(qs).unwrap(),
                expected,
                "{qs}"
            );
        }
    }

    #[test]
    fn rejects_bad_values_naming_the_field() {
        let long = format!("q={}", "a".repeat(MAX_Q_CHARS + 1));
        let cases: &[(&str, &[&str])] = &[
            ("country=XX", &["country"]),
            ("country=GBR", &["country"]),
            ("country=<script>", &["country"]),
            ("delivery=carrier-pigeon", &["delivery"]),
            ("enrolment=anyone", &["enrolment"]),
            ("learning_set=yes", &["learning_set"]),
            ("sort=random", &["sort"]),
            ("sort=distance", &["sort"]),
            ("near=91,0", &["near"]),
            ("near=leeds", &["near"]),
            ("page=0", &["page"]),
            ("page=-1", &["page"]),
            ("page=10001", &["page"]),
            ("page=1.5", &["page"]),
            ("page=99999999999999999999", &["page"]),
            ("per_page=0", &["per_page"]),
            ("per_page=201", &["per_page"]),
            (&long, &["q"]),
            ("country=XX&sort=up", &["country", "sort"]),
        ];
        for (qs, fields) in cases {
            let errors = CollegeQuery::from_query_string(qs).unwrap_err();
            let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(&named, fields, "{qs}");
            assert!(errors.iter().all(|e| !e.reason.is_empty()));
        }
    }

    #[test]
    fn near_and_distance_round_trip() {
        let query = CollegeQuery::from_query_string(
            "near=53.79648,-1.54785&place=Leeds,+United+Kingdom&sort=distance",
        )
        .unwrap();
        assert_eq!(query.sort, Sort::Distance);
        assert_eq!(query.near, GeoPoint::new(53.79648, -1.54785));
        assert_eq!(query.place, "Leeds, United Kingdom");
        let qs = query.to_query_string();
        assert_eq!(
            qs,
            "near=53.79648%2C-1.54785&place=Leeds%2C+United+Kingdom&sort=distance"
        );
        assert_eq!(CollegeQuery::from_query_string(&qs).unwrap(), query);
    }

    #[test]
    fn lenient_parse_keeps_the_good_parameters() {
        let (query, errors) =
            CollegeQuery::from_query_string_lenient("q=bern&country=XX&sort=country");
        assert_eq!(query.q, "bern");
        assert_eq!(query.country, None);
        assert_eq!(query.sort, Sort::Country);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "country");
    }

    #[test]
    fn query_string_round_trips_and_omits_defaults() {
        let query = CollegeQuery::from_query_string(
            "q=g%C3%BCtersloh+centre&country=DE&delivery=both&learning_set=true&sort=country&page=2",
        )
        .unwrap();
        let qs = query.to_query_string();
        assert_eq!(
            qs,
            "q=g%C3%BCtersloh+centre&country=DE&delivery=both&learning_set=true&sort=country&page=2"
        );
        assert_eq!(CollegeQuery::from_query_string(&qs).unwrap(), query);
        assert_eq!(
            CollegeQuery::from_query_string("")
                .unwrap()
                .to_query_string(),
            ""
        );
    }

    #[test]
    fn filters_match_as_documented() {
        let mut bern = college("bern", "Recovery College Bern", "Bern", "CH");
        bern.delivery = Some(Delivery::Both);
        bern.enrolment = Some(Enrolment::OpenToAll);
        bern.learning_set_member = Some(true);
        let mut guetersloh = college("gt", "Recovery College Gütersloh", "Gütersloh", "DE");
        guetersloh.host = Some("LWL-Klinikum".into());
        guetersloh.delivery = Some(Delivery::InPerson);
        let unknown = college("nk", "Somewhere Recovery College", "Leeds", "GB");

        let cases: &[(&str, [bool; 3])] = &[
            ("", [true, true, true]),
            ("q=bern", [true, false, false]),
            ("q=BERN", [true, false, false]),
            ("q=gutersloh", [false, true, false]),
            ("q=lwl", [false, true, false]),
            ("q=switzerland", [true, false, false]),
            ("q=united+kingdom", [false, false, true]),
            ("q=recovery+leeds", [false, false, true]),
            ("q=bern+leeds", [false, false, false]),
            ("country=DE", [false, true, false]),
            ("delivery=online", [true, false, false]),
            ("delivery=in_person", [true, true, false]),
            ("delivery=both", [true, false, false]),
            ("enrolment=open_to_all", [true, false, false]),
            ("learning_set=true", [true, false, false]),
            ("learning_set=false", [true, true, true]),
            ("country=CH&q=gutersloh", [false, false, false]),
        ];
        for (qs, expected) in cases {
            let query = CollegeQuery::from_query_string(qs).unwrap();
            let terms = query.terms();
            let got =
                [&bern, &guetersloh, &unknown].map(|c| query.matches(c, &search_text(c), &terms));
            assert_eq!(&got, expected, "{qs}");
        }
    }

    #[test]
    fn sorts_with_stable_ties() {
        let mut a = college("a", "Zeta College", "X", "AU");
        a.opened = Some(2015);
        let mut b = college("b", "alpha College", "X", "GB");
        b.opened = Some(2010);
        let c = college("c", "Mid College", "X", "CH");
        let order = |sort| {
            let mut v = [&a, &b, &c];
            v.sort_by(|x, y| compare(sort, x, y));
            v.iter().map(|x| x.slug.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(order(Sort::Name), ["b", "c", "a"]);
        assert_eq!(order(Sort::Country), ["a", "c", "b"]);
        assert_eq!(order(Sort::Opened), ["b", "a", "c"]);
    }
}
