//! The HSDS objects the feed serves, as typed records, and how a college
//! becomes them. Each listed college is one service ("<college>: courses")
//! of an organization (its host, or the college itself when the host is
//! not known) at one location (its town). Only what the public directory
//! shows goes out. Ids are UUID v5 of the slug (or host name) in a
//! namespace of ours, so they never change.

use api::text::fold;
use api::{College, CollegeStatus, Delivery, Enrolment, LocationPrecision};
use serde::Serialize;
use uuid::Uuid;

/// Our namespace for UUID v5 ids (made once, at random; never change it).
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1d_2b0e_3c4a_4d8e_9a51_7e2c_0b9d_4f13);

fn id(kind: &str, key: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{kind}:{key}").as_bytes())
}

pub fn service_id(slug: &str) -> Uuid {
    id("service", slug)
}

pub fn location_id(slug: &str) -> Uuid {
    id("location", slug)
}

pub fn service_at_location_id(slug: &str) -> Uuid {
    id("service_at_location", slug)
}

/// A host runs several colleges: one organization per host name.
pub fn organization_key(c: &College) -> String {
    match &c.host {
        Some(host) => format!("host:{}", fold(host)),
        None => format!("college:{}", c.slug),
    }
}

pub fn organization_id(c: &College) -> Uuid {
    id("organization", &organization_key(c))
}

/// One page of a list: the envelope every list endpoint answers with.
#[derive(Serialize)]
pub struct Page<T> {
    pub total_items: usize,
    pub total_pages: usize,
    pub page_number: usize,
    pub size: usize,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

impl<T> Page<T> {
    /// Page `page` (from 1) of `per_page` items, of `total` in all.
    pub fn new(total: usize, page: usize, per_page: usize, contents: Vec<T>) -> Self {
        let total_pages = total.div_ceil(per_page);
        Self {
            total_items: total,
            total_pages,
            page_number: page,
            size: contents.len(),
            first_page: page == 1,
            last_page: page >= total_pages,
            empty: contents.is_empty(),
            contents,
        }
    }

    /// Page `page` of everything in `all`.
    pub fn of(all: impl IntoIterator<Item = T>, page: usize, per_page: usize) -> Self {
        let all: Vec<T> = all.into_iter().collect();
        let total = all.len();
        let contents = all
            .into_iter()
            .skip((page - 1).saturating_mul(per_page))
            .take(per_page)
            .collect();
        Self::new(total, page, per_page, contents)
    }
}

/// The feed's small taxonomy of its own.
pub struct Term {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

const TAXONOMY_NAME: &str = "Recovery Colleges directory";

pub const TERMS: [Term; 10] = [
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

pub fn taxonomy_id() -> Uuid {
    id("taxonomy", "recovery-colleges")
}

pub fn term_id(code: &str) -> Uuid {
    id("taxonomy_term", code)
}

fn term(code: &str) -> &'static Term {
    TERMS.iter().find(|t| t.code == code).expect("a known term")
}

#[derive(Serialize)]
pub struct Taxonomy {
    pub id: Uuid,
    pub name: &'static str,
    pub description: &'static str,
    pub version: &'static str,
}

pub fn taxonomy() -> Taxonomy {
    Taxonomy {
        id: taxonomy_id(),
        name: TAXONOMY_NAME,
        description: "Terms this directory uses to describe Recovery Colleges: who may enrol, how courses are delivered, and membership of the International Recovery College Learning Set.",
        version: "1",
    }
}

/// A term of the taxonomy. None has a parent: the taxonomy is flat.
#[derive(Serialize)]
pub struct TaxonomyTerm {
    pub id: Uuid,
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub taxonomy: &'static str,
    pub taxonomy_id: Uuid,
}

impl From<&Term> for TaxonomyTerm {
    fn from(t: &Term) -> Self {
        Self {
            id: term_id(t.code),
            code: t.code,
            name: t.name,
            description: t.description,
            taxonomy: TAXONOMY_NAME,
            taxonomy_id: taxonomy_id(),
        }
    }
}

/// The terms that describe a college.
pub fn terms_of(c: &College) -> Vec<&'static str> {
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

#[derive(Serialize)]
pub struct Organization {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<Service>>,
}

impl Organization {
    /// The organization that runs `c`, without its services.
    pub fn of(c: &College) -> Self {
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
        Self {
            id: organization_id(c),
            name,
            description,
            services: None,
        }
    }
}

#[derive(Serialize)]
pub struct Address {
    pub id: Uuid,
    pub location_id: Uuid,
    /// Required by the schema; not known here, so empty.
    pub address_1: &'static str,
    pub city: String,
    pub region: String,
    pub state_province: String,
    /// Required by the schema; not known here, so empty.
    pub postal_code: &'static str,
    pub country: String,
    pub address_type: &'static str,
}

#[derive(Serialize)]
pub struct Location {
    pub id: Uuid,
    pub location_type: &'static str,
    pub name: String,
    pub description: String,
    pub latitude: f64,
    pub longitude: f64,
    pub addresses: Vec<Address>,
}

impl Location {
    pub fn of(c: &College) -> Self {
        let precision = match c.location_precision {
            LocationPrecision::City => "the centre of its town",
            LocationPrecision::Region => "the centre of the main town of the area it serves",
        };
        let country = api::countries::name(&c.country).unwrap_or(&c.country);
        Self {
            id: location_id(&c.slug),
            location_type: "physical",
            name: format!("{}, {}", c.locality, country),
            description: format!("Approximate: the coordinates are {precision}, good for a map, not for directions. The street address and postcode are not known here."),
            latitude: c.lat,
            longitude: c.lon,
            addresses: vec![Address {
                id: id("address", &c.slug),
                location_id: location_id(&c.slug),
                address_1: "",
                city: c.locality.clone(),
                region: c.region.clone(),
                state_province: c.region.clone(),
                postal_code: "",
                country: c.country.clone(),
                address_type: "physical",
            }],
        }
    }
}

#[derive(Serialize)]
pub struct Attribute {
    pub id: Uuid,
    pub link_id: Uuid,
    pub link_type: &'static str,
    pub link_entity: &'static str,
    pub taxonomy_term_id: Uuid,
    pub taxonomy_term: TaxonomyTerm,
}

#[derive(Serialize)]
pub struct Language {
    pub id: Uuid,
    pub service_id: Uuid,
    pub code: String,
}

#[derive(Serialize)]
pub struct Phone {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<Uuid>,
    pub number: String,
}

#[derive(Serialize)]
pub struct Contact {
    pub id: Uuid,
    pub service_id: Uuid,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
}

/// A service: as a list shows it (the summary), or the full record with
/// its location, terms, languages and contacts.
#[derive(Serialize)]
pub struct Service {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub description: String,
    pub status: &'static str,
    pub last_modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_at_locations: Option<Vec<ServiceAtLocation>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<Attribute>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Vec<Contact>>,
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

impl Service {
    /// A service as a list shows it.
    pub fn summary(c: &College) -> Self {
        Self {
            id: service_id(&c.slug),
            organization_id: organization_id(c),
            name: format!("{}: courses", c.name),
            description: description(c),
            status: status(c),
            last_modified: c.updated_at.clone(),
            url: c.website.clone(),
            email: c.email.clone(),
            organization: Some(Organization::of(c)),
            service_at_locations: None,
            attributes: None,
            languages: None,
            phones: None,
            contacts: None,
        }
    }

    /// The full service record.
    pub fn full(c: &College) -> Self {
        let sid = service_id(&c.slug);
        let attributes = terms_of(c)
            .into_iter()
            .map(|code| Attribute {
                id: id("attribute", &format!("{}:{code}", c.slug)),
                link_id: sid,
                link_type: "service",
                link_entity: "service",
                taxonomy_term_id: term_id(code),
                taxonomy_term: term(code).into(),
            })
            .collect();
        let languages = c
            .languages
            .iter()
            .map(|code| Language {
                id: id("language", &format!("{}:{code}", c.slug)),
                service_id: sid,
                code: code.clone(),
            })
            .collect();
        let contacts = (c.email.is_some() || c.phone.is_some()).then(|| {
            vec![Contact {
                id: id("contact", &c.slug),
                service_id: sid,
                name: c.name.clone(),
                email: c.email.clone(),
                phones: c.phone.as_ref().map(|number| {
                    vec![Phone {
                        id: id("contact_phone", &c.slug),
                        service_id: None,
                        number: number.clone(),
                    }]
                }),
            }]
        });
        Self {
            service_at_locations: Some(vec![ServiceAtLocation::of(c)]),
            attributes: Some(attributes),
            languages: Some(languages),
            phones: c.phone.as_ref().map(|number| {
                vec![Phone {
                    id: id("phone", &c.slug),
                    service_id: Some(sid),
                    number: number.clone(),
                }]
            }),
            contacts,
            ..Self::summary(c)
        }
    }
}

#[derive(Serialize)]
pub struct ServiceAtLocation {
    pub id: Uuid,
    pub service_id: Uuid,
    pub location_id: Uuid,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Box<Service>>,
}

impl ServiceAtLocation {
    /// Without its service (as the service's own record nests it).
    pub fn of(c: &College) -> Self {
        Self {
            id: service_at_location_id(&c.slug),
            service_id: service_id(&c.slug),
            location_id: location_id(&c.slug),
            location: Location::of(c),
            service: None,
        }
    }

    pub fn with_service(c: &College, service: Service) -> Self {
        Self {
            service: Some(Box::new(service)),
            ..Self::of(c)
        }
    }
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
    fn pages_count_from_one() {
        let page = Page::of(1..=7, 2, 3);
        assert_eq!(page.contents, [4, 5, 6]);
        assert_eq!((page.total_items, page.total_pages, page.size), (7, 3, 3));
        assert!(!page.first_page && !page.last_page && !page.empty);
        let past = Page::of(1..=7, 4, 3);
        assert!(past.empty && past.last_page);
    }
}
