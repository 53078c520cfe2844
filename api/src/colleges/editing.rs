//! Editing the directory: the rules a college's entry must meet (the staff
//! editor checks them as the server does), its change history, and public
//! suggestions for a change or a new college.

use serde::{Deserialize, Serialize};

use crate::colleges::{is_valid_slug, College};
use crate::problem::FieldError;

/// A college as the editor sends it: the entry and whether it is listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeEdit {
    pub college: College,
    /// Unpublished colleges stay in the database but leave the directory.
    pub published: bool,
    /// A suggestion this save carries out (team only): approved once the
    /// entry is saved. It must be open, and about this college (or, when a
    /// college is added, suggest a new one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approves: Option<i64>,
}

/// One change to an entry: who, when, which fields, and their values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeChange {
    /// The change's number, for restoring a value it replaced.
    #[serde(default)]
    pub id: i64,
    pub author: String,
    /// RFC 3339.
    pub changed_at: String,
    /// The fields changed (`name`, `website`…); `created` for a new entry.
    pub fields: Vec<String>,
    /// Each changed field's value before and after, as text.
    #[serde(default)]
    pub values: Vec<FieldChange>,
}

/// A field's value before and after a change, as text to read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    /// `None` when the value before is not recorded (the entry's first
    /// version); "" when it was empty.
    pub before: Option<String>,
    pub after: String,
}

/// Puts back the value a field had before a change
/// (`POST /api/staff/colleges/{slug}/restore`); saved as a new change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RestoreField {
    /// The change whose earlier value comes back.
    pub change: i64,
    pub field: String,
}

/// An entry as staff see it, with its history, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeRecord {
    pub college: College,
    pub published: bool,
    pub history: Vec<CollegeChange>,
}

/// A line in the staff list of colleges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeLine {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub published: bool,
    /// The college has closed (kept for its history and results).
    #[serde(default)]
    pub closed: bool,
}

/// A web address as people type it, made whole: "www.example.org/about"
/// or "example.org" gain "https://" (how every college's site is reached
/// today); anything else is left for the rules to judge.
pub fn web_address(typed: &str) -> String {
    let t = typed.trim();
    let host = t.split('/').next().unwrap_or("");
    let looks_like_host = !t.contains("://")
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':');
    if looks_like_host {
        format!("https://{t}")
    } else {
        t.to_string()
    }
}

/// What both sides do to an entry before checking it: text trimmed (the
/// form keeps what is typed, spaces and all, until it is sent), empty
/// optional text as none, web addresses made whole (see [`web_address`]).
pub fn tidy_college(c: &mut College) {
    for text in [&mut c.name, &mut c.locality, &mut c.region, &mut c.source] {
        *text = text.trim().to_string();
    }
    for text in [
        &mut c.host,
        &mut c.website,
        &mut c.email,
        &mut c.phone,
        &mut c.prospectus_url,
        &mut c.status_note,
        &mut c.about,
        &mut c.how_to_enrol,
    ] {
        *text = text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from);
    }
    for url in [&mut c.website, &mut c.prospectus_url]
        .into_iter()
        .flatten()
    {
        *url = web_address(url);
    }
}

fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 10
        && url.len() <= 500
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The staff editor's address for adding a college is
/// `/staff/colleges/{NEW_COLLEGE}`, so no college may take it as its slug.
pub const NEW_COLLEGE: &str = "new";

/// Every rule the entry breaks, naming the field (`college.name`…).
pub fn check_college(c: &College) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, reason: &str| {
        errors.push(FieldError::new(format!("college.{field}"), reason))
    };
    if !is_valid_slug(&c.slug) {
        fail("slug", "Use lower-case letters, digits and hyphens for the address name, like recovery-college-leeds");
    } else if c.slug == NEW_COLLEGE {
        fail("slug", "This address name is kept for adding colleges: choose another, like recovery-college-leeds");
    }
    for (field, value, max) in [
        ("name", &c.name, 200),
        ("locality", &c.locality, 120),
        ("region", &c.region, 120),
        ("source", &c.source, 500),
    ] {
        let n = value.trim().chars().count();
        if n == 0 {
            fail(field, "This cannot be empty");
        } else if n > max {
            fail(field, &format!("This must be {max} characters or fewer"));
        }
    }
    if !crate::countries::is_known(&c.country) {
        fail("country", "Choose a country");
    }
    if !(-90.0..=90.0).contains(&c.lat) || !c.lat.is_finite() {
        fail("lat", "Latitude must be between -90 and 90");
    }
    if !(-180.0..=180.0).contains(&c.lon) || !c.lon.is_finite() {
        fail("lon", "Longitude must be between -180 and 180");
    }
    if let Some(year) = c.opened {
        if !(1990..=2100).contains(&year) {
            fail("opened", "Enter the year it opened, like 2014");
        }
    }
    for (field, value) in [
        ("website", &c.website),
        ("prospectus_url", &c.prospectus_url),
    ] {
        if let Some(url) = value {
            if !is_web_address(url) {
                fail(field, "Enter a web address starting with https://");
            }
        }
    }
    if let Some(email) = &c.email {
        if !crate::enquiries::is_email(email) {
            fail(
                "email",
                "Enter an email address in the correct format, like name@example.com",
            );
        }
    }
    if let Some(phone) = &c.phone {
        if phone.chars().count() > 40
            || !phone
                .chars()
                .all(|ch| ch.is_ascii_digit() || " +()-.".contains(ch))
        {
            fail(
                "phone",
                "Enter a phone number of digits, spaces, and + ( ) - only",
            );
        }
    }
    if let Some(host) = &c.host {
        if host.chars().count() > 200 {
            fail("host", "This must be 200 characters or fewer");
        }
    }
    for (field, value) in [
        ("name", Some(&c.name)),
        ("host", c.host.as_ref()),
        ("locality", Some(&c.locality)),
        ("region", Some(&c.region)),
        ("source", Some(&c.source)),
        ("status_note", c.status_note.as_ref()),
    ] {
        if value.is_some_and(|v| crate::text::has_hidden_characters(v)) {
            fail(
                field,
                "Remove the hidden characters (tabs, control or text-direction characters) from this",
            );
        }
    }
    if c.languages.iter().any(|l| !is_language_tag(l)) {
        fail("languages", "Use language codes like en, de or pt-BR");
    }
    // The college's own words: paragraphs (line breaks) allowed.
    for (field, value) in [("about", &c.about), ("how_to_enrol", &c.how_to_enrol)] {
        if let Some(text) = value {
            if text.chars().count() > OWN_WORDS_MAX {
                fail(
                    field,
                    &format!("This must be {OWN_WORDS_MAX} characters or fewer"),
                );
            }
            if crate::text::has_hidden_characters(&text.replace("\r\n", " ").replace('\n', " ")) {
                fail(
                    field,
                    "Remove the hidden characters (tabs, control or text-direction characters) from this",
                );
            }
        }
    }
    if let Some(note) = &c.status_note {
        if note.chars().count() > STATUS_NOTE_MAX {
            fail(
                "status_note",
                &format!("This must be {STATUS_NOTE_MAX} characters or fewer"),
            );
        }
    }
    for (field, url) in &c.evidence {
        if !EVIDENCE_FIELDS.contains(&field.as_str()) {
            fail("evidence", &format!("{field:?} is not a field of an entry"));
        } else if !is_web_address(url) || url.chars().count() > 500 {
            fail(
                "evidence",
                "Each source page needs a web address starting with https://",
            );
        }
    }
    errors
}

/// The longest status note.
pub const STATUS_NOTE_MAX: usize = 500;

/// The longest "about" or "how to enrol" text.
pub const OWN_WORDS_MAX: usize = 2000;

/// The fields a source page can be given for.
pub const EVIDENCE_FIELDS: [&str; 13] = [
    "name",
    "host",
    "locality",
    "region",
    "opened",
    "website",
    "email",
    "phone",
    "enrolment",
    "delivery",
    "prospectus_url",
    "status",
    "languages",
];

/// The fields that differ between two versions of an entry.
pub fn changed_fields(before: &College, after: &College) -> Vec<String> {
    let a = serde_json::to_value(before).unwrap_or_default();
    let b = serde_json::to_value(after).unwrap_or_default();
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return Vec::new();
    };
    b.iter()
        // Both say when and by whom, not what the entry holds.
        // (Whose words the status note is follows the note's change.)
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "updated_at" | "last_change" | "status_note_by_college"
            )
        })
        .filter(|(k, v)| a.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// A source page vouches for the value it was seen with: when an edit
/// changes a field but keeps the field's source page as it was, the page no
/// longer says what the entry says, so it goes.
pub fn drop_stale_evidence(before: &College, after: &mut College) {
    let changed = changed_fields(before, after);
    after
        .evidence
        .retain(|field, url| !(changed.contains(field) && before.evidence.get(field) == Some(url)));
}

/// What a suggestion is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// A change to a listed college.
    Change,
    /// A college that is not listed yet.
    NewCollege,
}

impl SuggestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionKind::Change => "change",
            SuggestionKind::NewCollege => "new_college",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [SuggestionKind::Change, SuggestionKind::NewCollege]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A suggestion from the public (`POST /api/suggestions`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSuggestion {
    #[serde(default)]
    pub kind: Option<SuggestionKind>,
    /// The listed college it is about (for a change).
    #[serde(default)]
    pub college: Option<String>,
    /// What should change, or the new college's name, place and website.
    #[serde(default)]
    pub details: String,
    /// Optional: for the team to ask a question back.
    #[serde(default)]
    pub email: String,
    /// A field people never see (spam trap).
    #[serde(default)]
    pub website: String,
}

pub const DETAILS_MAX: usize = 5000;

impl NewSuggestion {
    /// Removes control and reordering characters (line breaks stay in the
    /// details).
    pub fn normalise(&mut self) {
        self.details = crate::text::strip_controls(&self.details, true);
        self.email = crate::text::strip_controls(&self.email, false);
    }

    /// Every rule broken, as (field, reason).
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        match self.kind {
            None => out.push(("kind", "Select whether this is a change or a new college")),
            Some(SuggestionKind::Change) if self.college.as_deref().unwrap_or("").is_empty() => {
                out.push(("college", "Select the college to change"))
            }
            _ => {}
        }
        let n = self.details.trim().chars().count();
        if n == 0 {
            out.push(("details", "Tell us what to change or add"));
        } else if n > DETAILS_MAX {
            out.push(("details", "This must be 5000 characters or fewer"));
        }
        let email = self.email.trim();
        if !email.is_empty() && !crate::enquiries::is_email(email) {
            out.push((
                "email",
                "Enter an email address in the correct format, like name@example.com",
            ));
        }
        out
    }
}

/// Where a suggestion is in the team's review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionStatus {
    Open,
    Approved,
    Declined,
}

impl SuggestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionStatus::Open => "open",
            SuggestionStatus::Approved => "approved",
            SuggestionStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Approved, Self::Declined]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub id: i64,
    pub kind: SuggestionKind,
    pub college: Option<String>,
    /// The college's name, for reading (the slug is for links).
    #[serde(default)]
    pub college_name: Option<String>,
    pub details: String,
    pub email: Option<String>,
    pub status: SuggestionStatus,
    pub received_at: String,
    /// Who approved or declined it, and when.
    pub decided_by: Option<String>,
    /// The email given matches an account of that college's staff. Not
    /// proof: anyone can type an address into the public form.
    #[serde(default)]
    pub from_college_staff: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuggestionDecision {
    pub status: SuggestionStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionReceipt {
    pub id: i64,
}

/// A field's name as staff read it (the history, the team's emails).
pub fn field_label(field: &str) -> String {
    match field {
        "name" => "Name",
        "host" => "Host organisation",
        "locality" => "Town or city",
        "region" => "Region",
        "country" => "Country",
        "lat" => "Latitude",
        "lon" => "Longitude",
        "location_precision" => "Point on the map",
        "opened" => "Year opened",
        "website" => "Website",
        "email" => "Contact email",
        "phone" => "Contact phone",
        "prospectus_url" => "Prospectus link",
        "languages" => "Languages",
        "source" => "Source",
        "delivery" => "How courses are delivered",
        "enrolment" => "Who can enrol",
        "status" => "Status",
        "status_note" => "Status note",
        "about" => "About the college",
        "how_to_enrol" => "How to join a course",
        "sharing" => "Sharing survey results",
        "evidence" => "Where each fact was seen",
        "learning_set_member" => "Learning Set member",
        "imroc_demonstration_site" => "ImROC demonstration site",
        "published" => "Listed in the directory",
        "unpublished" => "Taken out of the directory",
        "created" => "Added to the directory",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colleges::LocationPrecision;

    #[test]
    fn web_addresses_are_made_whole() {
        for (typed, whole) in [
            ("www.example.org", "https://www.example.org"),
            (" example.org/about ", "https://example.org/about"),
            ("https://example.org", "https://example.org"),
            ("http://example.org", "http://example.org"),
            ("not a web address", "not a web address"),
            ("localhost", "localhost"),
            ("ftp://example.org", "ftp://example.org"),
        ] {
            assert_eq!(web_address(typed), whole, "{typed}");
        }
        let mut c = college();
        c.website = Some("www.example.org".into());
        tidy_college(&mut c);
        assert!(check_college(&c).is_empty(), "{:?}", check_college(&c));
    }

    pub fn college() -> College {
        College {
            slug: "recovery-college-leeds".into(),
            name: "Leeds Recovery College".into(),
            host: None,
            locality: "Leeds".into(),
            region: "England".into(),
            country: "GB".into(),
            lat: 53.8,
            lon: -1.55,
            location_precision: LocationPrecision::City,
            opened: Some(2014),
            website: Some("https://example.org".into()),
            email: None,
            phone: Some("+44 113 000 0000".into()),
            enrolment: None,
            delivery: None,
            languages: vec!["en".into(), "pt-BR".into()],
            learning_set_member: None,
            imroc_demonstration_site: false,
            prospectus_url: None,
            source: "Staff".into(),
            updated_at: "2026-11-26".into(),
            ..College::default()
        }
    }

    #[test]
    fn each_rule_names_its_field() {
        assert!(check_college(&college()).is_empty());
        type Change = Box<dyn Fn(&mut College)>;
        let cases: Vec<(&str, Change)> = vec![
            ("college.slug", Box::new(|c| c.slug = "Bad Slug".into())),
            ("college.slug", Box::new(|c| c.slug = NEW_COLLEGE.into())),
            ("college.name", Box::new(|c| c.name = " ".into())),
            (
                "college.name",
                Box::new(|c| c.name = "Leeds \u{202E}egelloC".into()),
            ),
            ("college.country", Box::new(|c| c.country = "XX".into())),
            ("college.lat", Box::new(|c| c.lat = 91.0)),
            ("college.lon", Box::new(|c| c.lon = f64::NAN)),
            ("college.opened", Box::new(|c| c.opened = Some(1066))),
            (
                "college.website",
                Box::new(|c| c.website = Some("javascript:alert(1)".into())),
            ),
            ("college.email", Box::new(|c| c.email = Some("nope".into()))),
            (
                "college.phone",
                Box::new(|c| c.phone = Some("call us".into())),
            ),
            (
                "college.languages",
                Box::new(|c| c.languages = vec!["English".into()]),
            ),
            (
                "college.status_note",
                Box::new(|c| c.status_note = Some("x".repeat(STATUS_NOTE_MAX + 1))),
            ),
            (
                "college.evidence",
                Box::new(|c| {
                    c.evidence
                        .insert("website".into(), "javascript:alert(1)".into());
                }),
            ),
            (
                "college.evidence",
                Box::new(|c| {
                    c.evidence
                        .insert("password".into(), "https://example.org".into());
                }),
            ),
        ];
        for (field, change) in cases {
            let mut c = college();
            change(&mut c);
            let fields: Vec<String> = check_college(&c).into_iter().map(|e| e.field).collect();
            assert_eq!(fields, [field]);
        }
    }

    #[test]
    fn a_changed_value_loses_the_page_it_was_seen_on() {
        let mut before = college();
        before
            .evidence
            .insert("website".into(), "https://source.example/a".into());
        before
            .evidence
            .insert("phone".into(), "https://source.example/b".into());
        let mut after = before.clone();
        after.website = Some("https://new.example.org".into());
        drop_stale_evidence(&before, &mut after);
        assert_eq!(after.evidence.keys().collect::<Vec<_>>(), ["phone"]);
        // A new page given with the new value stays.
        let mut after = before.clone();
        after.website = Some("https://new.example.org".into());
        after
            .evidence
            .insert("website".into(), "https://source.example/new".into());
        drop_stale_evidence(&before, &mut after);
        assert_eq!(after.evidence.len(), 2);
    }

    #[test]
    fn lists_changed_fields() {
        let before = college();
        let mut after = college();
        after.name = "Leeds and York Recovery College".into();
        after.learning_set_member = Some(true);
        after.updated_at = "2027-01-01".into();
        assert_eq!(
            changed_fields(&before, &after),
            ["learning_set_member", "name"]
        );
    }

    #[test]
    fn suggestions_need_a_kind_and_details() {
        let s = NewSuggestion::default();
        let fields: Vec<&str> = s.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["kind", "details"]);
        let change = NewSuggestion {
            kind: Some(SuggestionKind::Change),
            details: "New website".into(),
            email: "bad".into(),
            ..Default::default()
        };
        let fields: Vec<&str> = change.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["college", "email"]);
    }
}
