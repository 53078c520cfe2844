//! Staff accounts and sign-in: roles, the signed-in person, accounts, the
//! password rules, and the staff home page's summary. Staff is an audience,
//! not a feature: what they read and change lives with each feature.

use serde::{Deserialize, Serialize};

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
    /// The account's id (an enquiry's assignee is one).
    #[serde(default)]
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Slugs of the colleges a college staff account belongs to.
    pub colleges: Vec<String>,
    /// Seconds the session may sit unused before it ends: the staff pages
    /// warn a little before, with a way to stay signed in.
    #[serde(default)]
    pub idle_seconds: u64,
    /// Seconds left before the session ends however busy it is.
    #[serde(default)]
    pub seconds_left: u64,
    /// The team chose this account's password (a new account, or one set
    /// for someone who lost theirs): its owner chooses their own before
    /// anything else.
    #[serde(default)]
    pub must_change_password: bool,
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
    /// When its owner last signed in (RFC 3339); `None`: never.
    #[serde(default)]
    pub last_sign_in: Option<String>,
    /// Its password was chosen by the team and not yet changed by its owner.
    #[serde(default)]
    pub must_change_password: bool,
    /// A disabled account cannot sign in.
    #[serde(default)]
    pub disabled: bool,
}

/// A change the team makes to an account: disable or enable it, set a new
/// password (for someone who lost theirs; either ends its sessions), or
/// change its role and colleges (from the next request on).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// For college staff: every college they belong to (slugs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colleges: Option<Vec<String>>,
}

/// An account's colleges for its role, or why they do not fit it: college
/// staff belong to at least one college (each once, sorted); the team sees
/// every college, so belongs to none. The same rule for a new account and
/// a changed one.
pub fn colleges_for(role: Role, colleges: &[String]) -> Result<Vec<String>, &'static str> {
    let mut list: Vec<String> = colleges
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    list.sort();
    list.dedup();
    match role {
        Role::Team => Ok(Vec::new()),
        Role::CollegeStaff if list.is_empty() => {
            Err("Choose at least one college for college staff")
        }
        Role::CollegeStaff => Ok(list),
    }
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
    /// Entries changed by colleges' own staff in the last 30 days, newest
    /// first (at most 10), for the team to look over.
    #[serde(default)]
    pub college_edits: Vec<CollegeEdited>,
    /// Whether the team is emailed when a college's own staff change its
    /// entry (the team's choice, `PUT /api/staff/mail-settings`).
    #[serde(default)]
    pub college_edit_emails: bool,
    /// Survey responses that have arrived this month, across all colleges
    /// (their results open once the month ends).
    #[serde(default)]
    pub responses_this_month: u32,
    /// Comments from the last ended month that could become testimonials:
    /// answers to questions meant for quotes, by students who agreed to be
    /// quoted, not yet approved; counted only in groups the results show.
    #[serde(default)]
    pub quotes_waiting: QuotesWaiting,
}

/// Comments that could become testimonials, from one ended month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotesWaiting {
    /// The month (`YYYY-MM`).
    pub month: String,
    /// The colleges with such comments, by name.
    pub colleges: Vec<QuotesAt>,
}

/// One college's comments that could become testimonials, in one survey.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotesAt {
    pub college: String,
    pub college_name: String,
    pub survey: String,
    pub comments: u32,
}

/// What the team is emailed about, besides new enquiries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// An email for each change colleges' own staff make to their entries.
    pub college_edits: bool,
}

/// A college's entry changed by that college's own staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollegeEdited {
    pub college: String,
    pub college_name: String,
    pub author: String,
    /// RFC 3339.
    pub changed_at: String,
    pub fields: Vec<String>,
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
}
