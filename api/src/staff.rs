//! The staff side: accounts and sign-in, the enquiries inbox, survey
//! results. Types both sides use, and the rules for passwords and filters.

use serde::{Deserialize, Serialize};

use crate::enquiry::{EnquiryKind, EnquiryRecord, EnquiryStatus};

/// The most enquiries one list or CSV holds, newest first; the inbox says
/// so when a list is cut, and dates narrow it.
pub const ENQUIRY_LIST_LIMIT: usize = 2000;

/// Who an account belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// ImROC's Recovery College team: sees and edits everything.
    Team,
    /// A college's own staff: their colleges' results and entries.
    CollegeStaff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Team => "team",
            Role::CollegeStaff => "college_staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Role::Team, Role::CollegeStaff]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

/// The signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Slugs of the colleges a college staff account belongs to.
    pub colleges: Vec<String>,
}

impl Me {
    pub fn is_team(&self) -> bool {
        self.role == Role::Team
    }

    pub fn can_see_college(&self, slug: &str) -> bool {
        self.is_team() || self.colleges.iter().any(|c| c == slug)
    }
}

/// An account made by the team (`POST /api/staff/accounts`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: Option<Role>,
    /// For college staff: the colleges' slugs.
    #[serde(default)]
    pub colleges: Vec<String>,
    /// A first password, which the person should change.
    #[serde(default)]
    pub password: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub colleges: Vec<String>,
    /// RFC 3339.
    pub created_at: String,
    /// A disabled account cannot sign in.
    #[serde(default)]
    pub disabled: bool,
}

/// A change the team makes to an account: disable or enable it, or set a
/// new password (for someone who lost theirs). Either ends its sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    #[serde(default)]
    pub disabled: Option<bool>,
    #[serde(default)]
    pub password: Option<String>,
}

/// Changing one's own password.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub new: String,
}

pub const PASSWORD_MIN: usize = 8;
/// Long passphrases are welcome; the cap only bounds the hashing work.
pub const PASSWORD_MAX: usize = 256;

/// Why a password is refused, by the length rules (the server also checks
/// a list of common passwords). No composition rules, as NIST and OWASP advise.
pub fn password_problem(password: &str) -> Option<String> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Some(format!("Use a password of at least {PASSWORD_MIN} characters; a few words together make a good one"))
    } else if n > PASSWORD_MAX {
        Some(format!(
            "Use a password of {PASSWORD_MAX} characters or fewer"
        ))
    } else {
        None
    }
}

/// The inbox's filters (`GET /api/staff/enquiries?…`), also in the page's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(default, deny_unknown_fields)]
pub struct EnquiryFilter {
    pub kind: Option<EnquiryKind>,
    /// Without a status, everything but spam.
    pub status: Option<EnquiryStatus>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), inclusive.
    pub to: Option<String>,
    /// Everything from this email address (any case): one person's data.
    pub email: Option<String>,
}

impl EnquiryFilter {
    /// The fields at fault, as (field, reason).
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(c) = &self.country {
            if !crate::countries::is_known(c) {
                out.push(("country", format!("{c:?} is not a country code")));
            }
        }
        for (field, value) in [("from", &self.from), ("to", &self.to)] {
            if let Some(day) = value {
                if !crate::survey::is_valid_date(day) {
                    out.push((field, "Use a date like 2026-11-26".to_string()));
                }
            }
        }
        out
    }
}

/// A note a team member added to an enquiry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub author: String,
    pub body: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnquiryDetail {
    pub enquiry: EnquiryRecord,
    pub notes: Vec<Note>,
}

/// A change to an enquiry: a new status, a note, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnquiryUpdate {
    #[serde(default)]
    pub status: Option<EnquiryStatus>,
    #[serde(default)]
    pub note: Option<String>,
}

pub const NOTE_MAX: usize = 5000;

/// Which responses to summarise (`GET /api/staff/results?…`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(default, deny_unknown_fields)]
pub struct ResultsQuery {
    /// The college's slug (required).
    pub college: String,
    /// `course-feedback` (default) or `session-feedback`.
    pub survey: Option<String>,
    /// One course or session, as named in its survey link.
    pub course: Option<String>,
    /// First session day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last session day, inclusive.
    pub to: Option<String>,
}

/// Answers to one question, per option in the survey's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionResult {
    pub id: String,
    pub answered: u32,
    /// (option id, count); empty for free-text questions.
    pub counts: Vec<(String, u32)>,
}

/// A free-text answer, with whether its author agreed to it being quoted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub response: String,
    pub question: String,
    pub text: String,
    pub may_quote: bool,
    /// Approved as a testimonial, shown publicly.
    pub testimonial: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Results {
    pub college: String,
    pub survey: String,
    /// Courses and sessions with responses, for the filter.
    pub courses: Vec<String>,
    /// `None` when fewer than 5 responses match: nothing is shown.
    pub shown: Option<ShownResults>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShownResults {
    pub responses: u32,
    /// Friends and Family Test: very good + good, % of all answers.
    pub fft_positive_pct: Option<u32>,
    /// Poor + very poor.
    pub fft_negative_pct: Option<u32>,
    pub questions: Vec<QuestionResult>,
    pub comments: Vec<Comment>,
}

/// A quote approved for the public pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Testimonial {
    pub college: String,
    pub college_name: String,
    pub text: String,
}

/// Approve (or withdraw) a comment as a testimonial.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TestimonialDecision {
    pub response: String,
    pub question: String,
    pub approved: bool,
}

/// Neutralises a CSV cell against formula injection (OWASP): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading apostrophe, so spreadsheets show it as text.
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One CSV record (RFC 4180): cells neutralised, quoted when they hold a
/// comma, quote or line break, quotes doubled, ended by CRLF.
pub fn csv_record<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells
        .iter()
        .map(|c| {
            let cell = csv_safe(c.as_ref());
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// What waits for the team, for the staff home page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSummary {
    /// Enquiries with the status "new".
    pub new_enquiries: u32,
    /// Enquiries kept apart as suspected spam.
    pub suspected_spam: u32,
    /// Public suggestions not yet approved or declined.
    pub open_suggestions: u32,
    /// Emails about enquiries not sent (yet) to the team.
    pub emails_waiting: u32,
    /// Whether the server sends email at all (SMTP configured).
    pub mail_configured: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_length_not_composition() {
        assert!(password_problem("short").is_some());
        assert!(password_problem("all lower case words").is_none());
        assert!(password_problem("ünïcödé!").is_none());
        assert!(password_problem(&"x".repeat(PASSWORD_MAX + 1)).is_some());
    }

    #[test]
    fn csv_cells_are_quoted_and_neutralised() {
        assert_eq!(
            csv_record(&["plain", "a,b", "say \"hi\"", "=1+1", "-2", "line\nbreak"]),
            "plain,\"a,b\",\"say \"\"hi\"\"\",'=1+1,'-2,\"line\nbreak\"\r\n"
        );
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("+44 20"), "'+44 20");
        assert_eq!(csv_safe("\tx"), "'\tx");
        assert_eq!(csv_safe("ok=1"), "ok=1");
    }

    #[test]
    fn filters_name_bad_values() {
        let filter = EnquiryFilter {
            country: Some("XX".into()),
            from: Some("26/11/2026".into()),
            ..Default::default()
        };
        let fields: Vec<&str> = filter.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["country", "from"]);
        assert!(EnquiryFilter::default().problems().is_empty());
    }
}
