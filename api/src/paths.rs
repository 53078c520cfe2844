//! The API's paths, used by the app to call the server and by the server to
//! route. The OpenAPI test checks that each one is documented. Paths with a
//! `{parameter}` are templates for the router; the functions at the end fill
//! them in for the app.

pub const HEALTH: &str = "/api/health";
pub const COLLEGES: &str = "/api/colleges";
pub const COLLEGE: &str = "/api/colleges/{slug}";
pub const STATS: &str = "/api/stats";
/// The languages and whether each translation has been reviewed.
pub const LANGUAGES: &str = "/api/languages";
/// Every college matching the directory's filters, for the map.
pub const MAP_COLLEGES: &str = "/api/map/colleges";
pub const MAP_CONFIG: &str = "/api/map/config";
pub const PLACES: &str = "/api/places";
/// Place names for a map's view.
pub const MAP_PLACES: &str = "/api/map/places";
pub const SURVEY: &str = "/api/surveys/{id}";
/// POST a survey response.
pub const RESPONSES: &str = "/api/responses";
/// `?url=` a survey link: its QR code as SVG.
pub const QR: &str = "/api/qr.svg";
/// GET whether a survey link's course was named by the college's staff.
pub const COURSE_LINK: &str = "/api/course-links";
/// GET a signed course link (the college's staff).
pub const STAFF_COURSE_LINK: &str = "/api/staff/course-links";
/// POST an enquiry.
pub const ENQUIRIES: &str = "/api/enquiries";
/// GET a signed token for a fresh enquiry form.
pub const ENQUIRY_TOKEN: &str = "/api/enquiries/token";
/// Not an API path: the key under which `/join`'s page, answering a form
/// posted without the app, carries what was typed and what was wrong.
pub const ENQUIRY_POSTED: &str = "/join#posted";
/// Approved testimonials (`?college=`).
pub const TESTIMONIALS: &str = "/api/testimonials";
/// GET who is signed in, POST to sign in, DELETE to sign out.
pub const SESSION: &str = "/api/session";
pub const STAFF_ACCOUNTS: &str = "/api/staff/accounts";
pub const STAFF_ACCOUNT: &str = "/api/staff/accounts/{id}";
/// POST to change one's own password.
pub const SESSION_PASSWORD: &str = "/api/session/password";
pub const STAFF_ENQUIRIES: &str = "/api/staff/enquiries";
pub const STAFF_ENQUIRIES_CSV: &str = "/api/staff/enquiries.csv";
pub const STAFF_ENQUIRY: &str = "/api/staff/enquiries/{reference}";
pub const STAFF_ERASE_PERSON: &str = "/api/staff/people/erase";
pub const STAFF_RESULTS: &str = "/api/staff/results";
pub const STAFF_RESULTS_CSV: &str = "/api/staff/results.csv";
pub const STAFF_TESTIMONIALS: &str = "/api/staff/testimonials";
/// POST a suggestion for the directory.
pub const SUGGESTIONS: &str = "/api/suggestions";
pub const STAFF_COLLEGES: &str = "/api/staff/colleges";
pub const STAFF_COLLEGE: &str = "/api/staff/colleges/{slug}";
pub const STAFF_COLLEGE_RESTORE: &str = "/api/staff/colleges/{slug}/restore";
pub const STAFF_SUGGESTIONS: &str = "/api/staff/suggestions";
pub const STAFF_SUGGESTION: &str = "/api/staff/suggestions/{id}";
/// GET counts of what waits for the team.
pub const STAFF_SUMMARY: &str = "/api/staff/summary";
/// PUT what the team is emailed about.
pub const STAFF_MAIL_SETTINGS: &str = "/api/staff/mail-settings";
/// GET the network view: a college's results beside all sharing colleges'.
pub const STAFF_NETWORK: &str = "/api/staff/network";
pub const STAFF_NETWORK_CSV: &str = "/api/staff/network.csv";
/// GET public colleges' headline figures together (the home page).
pub const EVIDENCE_HEADLINE: &str = "/api/evidence/headline";
/// GET one public college's headline figures (its page).
pub const COLLEGE_EVIDENCE: &str = "/api/colleges/{slug}/evidence";
/// The open data: public colleges' monthly counts per answer.
pub const EVIDENCE: &str = "/api/evidence";
pub const EVIDENCE_CSV: &str = "/api/evidence.csv";
pub const OPENAPI: &str = "/api/openapi.json";

/// Every path above, for the test that compares them with the OpenAPI document.
pub const ALL: &[&str] = &[
    HEALTH,
    COLLEGES,
    COLLEGE,
    STATS,
    MAP_COLLEGES,
    MAP_CONFIG,
    PLACES,
    SURVEY,
    RESPONSES,
    QR,
    COURSE_LINK,
    STAFF_COURSE_LINK,
    ENQUIRIES,
    ENQUIRY_TOKEN,
    TESTIMONIALS,
    SESSION,
    STAFF_ACCOUNTS,
    STAFF_ACCOUNT,
    SESSION_PASSWORD,
    STAFF_ENQUIRIES,
    STAFF_ENQUIRIES_CSV,
    STAFF_ENQUIRY,
    STAFF_ERASE_PERSON,
    STAFF_RESULTS,
    STAFF_RESULTS_CSV,
    STAFF_TESTIMONIALS,
    SUGGESTIONS,
    STAFF_COLLEGES,
    STAFF_COLLEGE,
    STAFF_COLLEGE_RESTORE,
    STAFF_SUGGESTIONS,
    STAFF_SUGGESTION,
    STAFF_SUMMARY,
    STAFF_MAIL_SETTINGS,
    STAFF_NETWORK,
    STAFF_NETWORK_CSV,
    EVIDENCE_HEADLINE,
    COLLEGE_EVIDENCE,
    EVIDENCE,
    EVIDENCE_CSV,
    OPENAPI,
];

/// The path of one survey's definition.
pub fn survey(id: &str) -> String {
    SURVEY.replace("{id}", id)
}

/// The path of one college's details.
pub fn college(slug: &str) -> String {
    COLLEGE.replace("{slug}", slug)
}

/// The path of one college's public figures.
pub fn college_evidence(slug: &str) -> String {
    COLLEGE_EVIDENCE.replace("{slug}", slug)
}

/// Approved testimonials: a college's, or the newest from every college.
pub fn testimonials(college: Option<&str>) -> String {
    match college {
        Some(slug) => format!("{TESTIMONIALS}?college={slug}"),
        None => TESTIMONIALS.to_string(),
    }
}

/// The check of a survey link's course: answers the course when `sig` is
/// the staff's signature for it.
pub fn course_link(link: &crate::surveys::CourseLink) -> String {
    format!(
        "{COURSE_LINK}?{}",
        crate::query_string::write([
            ("college", link.college.as_str()),
            ("survey", link.survey.as_str()),
            ("course", link.course.as_str()),
            ("sig", link.sig.as_str()),
        ])
    )
}

/// Where staff ask for the signature of a course's survey link.
pub fn staff_course_link(college: &str, survey: &str, course: &str) -> String {
    format!(
        "{STAFF_COURSE_LINK}?{}",
        crate::query_string::write([("college", college), ("survey", survey), ("course", course)])
    )
}

/// The path of one enquiry in the staff inbox.
pub fn staff_enquiry(reference: &str) -> String {
    STAFF_ENQUIRY.replace("{reference}", reference)
}

/// The path of one college's entry for editing.
pub fn staff_college(slug: &str) -> String {
    STAFF_COLLEGE.replace("{slug}", slug)
}

pub fn staff_college_restore(slug: &str) -> String {
    STAFF_COLLEGE_RESTORE.replace("{slug}", slug)
}

/// The path of one suggestion in the review queue.
pub fn staff_suggestion(id: i64) -> String {
    STAFF_SUGGESTION.replace("{id}", &id.to_string())
}

/// The path of one staff account.
pub fn staff_account(id: i64) -> String {
    STAFF_ACCOUNT.replace("{id}", &id.to_string())
}

/// The map's closed colleges (the suggestion form lists them too).
pub fn map_colleges_closed() -> String {
    format!("{MAP_COLLEGES}?status=closed")
}

/// The directory's answer for `query`: what the app asks for, and what
/// the server puts in the directory's first HTML under the same name.
pub fn colleges(query: &crate::CollegeQuery) -> String {
    let qs = query.to_query_string();
    if qs.is_empty() {
        COLLEGES.to_string()
    } else {
        format!("{COLLEGES}?{qs}")
    }
}
