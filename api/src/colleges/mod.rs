//! A Recovery College as the directory holds it, and the directory's
//! search (`query`), places, figures (`stats`) and editing rules.

pub mod editing;
pub mod places;
pub mod query;
pub mod stats;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use query::Filterable;

/// How a college delivers its courses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    InPerson,
    Online,
    Both,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::InPerson, Delivery::Online, Delivery::Both];

    /// The value used in JSON, URLs and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::InPerson => "in_person",
            Delivery::Online => "online",
            Delivery::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Whether a college delivering `self` offers what someone filtering for
    /// `wanted` is after: a college that does both counts for either.
    pub fn offers(self, wanted: Delivery) -> bool {
        self == wanted || (self == Delivery::Both && wanted != Delivery::Both)
    }
}

/// Who may enrol on a college's courses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Enrolment {
    /// Anyone: no eligibility to demonstrate.
    OpenToAll,
    /// People who use services, and their families, friends and carers.
    ServiceUsersAndCarers,
    /// Service users and carers, and staff of the host organisation too.
    StaffToo,
    /// People living in an area or registered with its services.
    Residents,
}

impl Enrolment {
    pub const ALL: [Enrolment; 4] = [
        Enrolment::OpenToAll,
        Enrolment::ServiceUsersAndCarers,
        Enrolment::StaffToo,
        Enrolment::Residents,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Enrolment::OpenToAll => "open_to_all",
            Enrolment::ServiceUsersAndCarers => "service_users_and_carers",
            Enrolment::StaffToo => "staff_too",
            Enrolment::Residents => "residents",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// Whether a college is running, as last reported by a source or its staff.
/// A closed college leaves the default list, map and figures but keeps its
/// page, which says so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CollegeStatus {
    #[default]
    Open,
    /// Not running courses for now.
    Paused,
    /// Announced that it will close.
    Closing,
    Closed,
}

impl CollegeStatus {
    pub const ALL: [CollegeStatus; 4] = [
        CollegeStatus::Open,
        CollegeStatus::Paused,
        CollegeStatus::Closing,
        CollegeStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CollegeStatus::Open => "open",
            CollegeStatus::Paused => "paused",
            CollegeStatus::Closing => "closing",
            CollegeStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Whether a college shares its survey results beyond its own staff. Nothing
/// is shared until someone at the college or on the team chooses to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    /// Its results stay with the college.
    #[default]
    Private,
    /// Pooled into the network view that sharing colleges and the team read.
    Network,
    /// Also its headline figures on its public page and in the open data.
    Public,
}

impl Sharing {
    pub const ALL: [Sharing; 3] = [Sharing::Private, Sharing::Network, Sharing::Public];

    pub fn as_str(self) -> &'static str {
        match self {
            Sharing::Private => "private",
            Sharing::Network => "network",
            Sharing::Public => "public",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Pooled into the network view (network and public both are).
    pub fn pools(self) -> bool {
        self != Sharing::Private
    }
}

/// Who last set a college's facts, and when: the bundled data compiled from
/// public sources, or a staff member here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum LastChange {
    /// From the bundled data, compiled in this month (`YYYY-MM`).
    Data { compiled: String },
    /// Changed by the college's staff or the Recovery College team on this
    /// day (`YYYY-MM-DD`).
    Staff { on: String },
}

/// How exact a college's coordinates are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LocationPrecision {
    /// The centre of the college's town.
    #[default]
    City,
    /// The centre of the main town of the area the college serves.
    Region,
}

impl LocationPrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationPrecision::City => "city",
            LocationPrecision::Region => "region",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [LocationPrecision::City, LocationPrecision::Region]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    /// How far from its point a college may be while still placed there: a
    /// distance under this says only that both are in the same town or
    /// area, never how far apart (the point is a centre, not an address).
    pub fn radius_km(self) -> f64 {
        match self {
            LocationPrecision::City => 5.0,
            LocationPrecision::Region => 15.0,
        }
    }
}

/// Everything the directory knows about one college. `None` means not known;
/// the default is an empty entry with nothing known (the editor's blank form).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct College {
    pub slug: String,
    pub name: String,
    /// The organisation that runs the college, such as an NHS trust.
    pub host: Option<String>,
    /// Town or city.
    pub locality: String,
    pub region: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Approximate latitude: see `location_precision`.
    pub lat: f64,
    pub lon: f64,
    pub location_precision: LocationPrecision,
    pub opened: Option<u16>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub enrolment: Option<Enrolment>,
    pub delivery: Option<Delivery>,
    /// Languages courses are taught in, as BCP 47 tags such as `en` or `de`.
    pub languages: Vec<String>,
    pub learning_set_member: Option<bool>,
    pub imroc_demonstration_site: bool,
    pub prospectus_url: Option<String>,
    #[serde(default)]
    pub status: CollegeStatus,
    /// What the source said about the status ("The trial has finished"),
    /// or, with `status_note_by_college`, what the college's staff say.
    #[serde(default)]
    pub status_note: Option<String>,
    /// The status note is the college's own words (its staff wrote it),
    /// not a source's.
    #[serde(default)]
    pub status_note_by_college: bool,
    /// What the college says about itself, in its own words: shown on its
    /// page as theirs.
    #[serde(default)]
    pub about: Option<String>,
    /// How to join a course, in the college's own words.
    #[serde(default)]
    pub how_to_enrol: Option<String>,
    /// Whether its survey results are shared: with the network, or also
    /// the public.
    #[serde(default)]
    pub sharing: Sharing,
    /// Where the directory's information about the college came from.
    pub source: String,
    /// Field name to the address of the page its value was seen on.
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
    /// Who last set the facts, and when; none for made-up colleges.
    #[serde(default)]
    pub last_change: Option<LastChange>,
    /// When this directory's entry last changed in any way (RFC 3339, UTC),
    /// for feeds and sitemaps.
    pub updated_at: String,
}

impl College {
    /// The entry as the public reads it: whether it shares its results
    /// with the network is the network's business (public sharing shows
    /// on its page anyway).
    pub fn for_public(mut self) -> Self {
        if self.sharing == Sharing::Network {
            self.sharing = Sharing::Private;
        }
        self
    }

    /// The facts a visitor would want that are not known yet, by field
    /// name, in the order the college page shows facts.
    pub fn unknown_facts(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.website.is_none() {
            out.push("website");
        }
        if self.email.is_none() {
            out.push("email");
        }
        if self.phone.is_none() {
            out.push("phone");
        }
        if self.enrolment.is_none() {
            out.push("enrolment");
        }
        if self.delivery.is_none() {
            out.push("delivery");
        }
        if self.host.is_none() {
            out.push("host");
        }
        if self.opened.is_none() {
            out.push("opened");
        }
        out
    }
}

/// The part of a college that a directory listing shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeSummary {
    pub slug: String,
    pub name: String,
    pub host: Option<String>,
    pub locality: String,
    pub region: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub opened: Option<u16>,
    pub enrolment: Option<Enrolment>,
    pub delivery: Option<Delivery>,
    pub learning_set_member: Option<bool>,
    #[serde(default)]
    pub status: CollegeStatus,
    #[serde(default)]
    pub status_note: Option<String>,
    /// The note is the college's own words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub status_note_by_college: bool,
    /// What `lat` and `lon` stand for, so a distance is told no more
    /// precisely than they allow.
    #[serde(default)]
    pub location_precision: LocationPrecision,
    /// Kilometres from the query's `near` point, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

impl From<&College> for CollegeSummary {
    fn from(c: &College) -> Self {
        Self {
            slug: c.slug.clone(),
            name: c.name.clone(),
            host: c.host.clone(),
            locality: c.locality.clone(),
            region: c.region.clone(),
            country: c.country.clone(),
            lat: c.lat,
            lon: c.lon,
            opened: c.opened,
            enrolment: c.enrolment,
            delivery: c.delivery,
            learning_set_member: c.learning_set_member,
            status: c.status,
            status_note: c.status_note.clone(),
            status_note_by_college: c.status_note_by_college,
            location_precision: c.location_precision,
            distance_km: None,
        }
    }
}

/// A college as the map shows it, with what the directory's filters need,
/// so the map can apply them itself as they change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapPoint {
    pub slug: String,
    pub name: String,
    pub host: Option<String>,
    pub locality: String,
    pub region: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub delivery: Option<Delivery>,
    pub enrolment: Option<Enrolment>,
    pub learning_set_member: Option<bool>,
    #[serde(default)]
    pub status: CollegeStatus,
}

impl From<&College> for MapPoint {
    fn from(c: &College) -> Self {
        Self {
            slug: c.slug.clone(),
            name: c.name.clone(),
            host: c.host.clone(),
            locality: c.locality.clone(),
            region: c.region.clone(),
            country: c.country.clone(),
            lat: c.lat,
            lon: c.lon,
            delivery: c.delivery,
            enrolment: c.enrolment,
            learning_set_member: c.learning_set_member,
            status: c.status,
        }
    }
}

/// Implements [`Filterable`] for a type with the usual field names.
macro_rules! filterable {
    ($t:ty) => {
        impl Filterable for $t {
            fn name(&self) -> &str {
                &self.name
            }
            fn host(&self) -> Option<&str> {
                self.host.as_deref()
            }
            fn locality(&self) -> &str {
                &self.locality
            }
            fn region(&self) -> &str {
                &self.region
            }
            fn country(&self) -> &str {
                &self.country
            }
            fn delivery(&self) -> Option<Delivery> {
                self.delivery
            }
            fn enrolment(&self) -> Option<Enrolment> {
                self.enrolment
            }
            fn learning_set_member(&self) -> Option<bool> {
                self.learning_set_member
            }
            fn status(&self) -> CollegeStatus {
                self.status
            }
        }
    };
}
filterable!(College);
filterable!(MapPoint);

/// Every college matching a query (not one page), for the map.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapPoints {
    pub total: u32,
    pub points: Vec<MapPoint>,
}

/// How the map draws its background. Without a tile server configured the
/// map draws country shapes bundled with the app and asks nobody else.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MapConfig {
    /// A tile URL template such as `https://tiles.example.org/{z}/{x}/{y}.png`.
    pub tile_url: Option<String>,
    /// The attribution the tile provider requires, as plain text.
    pub tile_attribution: Option<String>,
}

/// One page of the colleges that match a query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeList {
    /// How many colleges match, across all pages.
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
    pub colleges: Vec<CollegeSummary>,
}

impl CollegeList {
    pub fn pages(&self) -> u32 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// Whether `slug` is a well-formed college slug: lower-case letters, digits
/// and single hyphens, 1 to 100 characters.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_both_counts_for_either() {
        use Delivery::*;
        let cases = [
            (InPerson, InPerson, true),
            (InPerson, Online, false),
            (Online, Online, true),
            (Both, InPerson, true),
            (Both, Online, true),
            (Both, Both, true),
            (InPerson, Both, false),
        ];
        for (has, wanted, expected) in cases {
            assert_eq!(has.offers(wanted), expected, "{has:?} offers {wanted:?}");
        }
    }

    #[test]
    fn enum_values_round_trip() {
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
            assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
        }
        for e in Enrolment::ALL {
            assert_eq!(Enrolment::parse(e.as_str()), Some(e));
            assert_eq!(serde_json::to_value(e).unwrap(), e.as_str());
        }
        assert_eq!(Delivery::parse("In person"), None);
    }

    #[test]
    fn slugs() {
        let cases = [
            ("bern-recovery-college", true),
            ("college-2", true),
            ("a", true),
            ("", false),
            ("Bern", false),
            ("-bern", false),
            ("bern-", false),
            ("bern--college", false),
            ("bern college", false),
            ("../etc/passwd", false),
        ];
        for (slug, ok) in cases {
            assert_eq!(is_valid_slug(slug), ok, "slug {slug:?}");
        }
        assert!(!is_valid_slug(&"a".repeat(101)));
    }

    #[test]
    fn pages_round_up() {
        let list = |total| CollegeList {
            total,
            page: 1,
            per_page: 50,
            colleges: vec![],
        };
        assert_eq!(list(0).pages(), 1);
        assert_eq!(list(50).pages(), 1);
        assert_eq!(list(51).pages(), 2);
    }
}
