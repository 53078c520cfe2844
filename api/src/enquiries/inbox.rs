//! The team's enquiries inbox: its filters, notes and changes.

use serde::{Deserialize, Serialize};

use super::{EnquiryKind, EnquiryRecord, EnquiryStatus};

/// The most enquiries one list or CSV holds (open ones first); the inbox says
/// so when a list is cut, and dates narrow it.
pub const ENQUIRY_LIST_LIMIT: usize = 2000;

/// The longest search the inbox takes.
pub const SEARCH_MAX: usize = 200;

/// The search's words, as a `LIKE` pattern each (`%word%`, with `%`, `_`
/// and the escape `\` taken literally), at most 10.
pub fn search_patterns(q: &str) -> Vec<String> {
    q.split_whitespace()
        .take(10)
        .map(|w| {
            let escaped: String = w
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            format!("%{escaped}%")
        })
        .collect()
}

/// The start of a message, for a list: whole words up to about `max`
/// characters, with an ellipsis when cut.
pub fn preview(message: &str, max: usize) -> String {
    let flat = crate::text::squash_spaces(message);
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out = String::new();
    for word in flat.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > max && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let cut: String = out.chars().take(max).collect();
    format!("{cut}…")
}

/// The inbox's filters (`GET /api/staff/enquiries?…`), also in the page's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default, deny_unknown_fields)]
pub struct EnquiryFilter {
    /// Words found in the name, organisation, role, email or message (an
    /// enquiry has every word, in any case).
    pub q: Option<String>,
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
    /// Only open ones (new or in progress).
    pub open: Option<bool>,
    /// Only those assigned to the person asking, or to nobody.
    pub assigned: Option<Assigned>,
}

/// The inbox's "my open" and "unassigned" views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Assigned {
    Me,
    Nobody,
}

/// The inbox's views, as (label, query string): each a link.
pub const VIEWS: [(&str, &str); 4] = [
    ("Open", "open=true"),
    ("My open", "open=true&assigned=me"),
    ("Unassigned", "open=true&assigned=nobody"),
    ("Everything but spam", ""),
];

impl EnquiryFilter {
    /// The fields at fault, as (field, reason).
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(q) = &self.q {
            if q.chars().count() > SEARCH_MAX {
                out.push(("q", format!("Search for at most {SEARCH_MAX} characters")));
            }
        }
        if let Some(c) = &self.country {
            if !crate::countries::is_known(c) {
                out.push(("country", format!("{c:?} is not a country code")));
            }
        }
        for (field, value) in [("from", &self.from), ("to", &self.to)] {
            if let Some(day) = value {
                if crate::dates::parse_date(day).is_none() {
                    out.push((field, crate::dates::DATE_MESSAGE.to_string()));
                }
            }
        }
        out
    }
}

/// A note a team member added to an enquiry, or a reply to the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub author: String,
    pub body: String,
    pub created_at: String,
    /// For a reply: whether it was emailed from here, is waiting to go, or
    /// was sent from someone's own email and recorded. None for a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<ReplyState>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplyState {
    /// Sent from someone's own email; recorded here.
    Recorded,
    /// In the outbox: the mail server has not taken it yet.
    Waiting,
    /// Taken by the mail server (RFC 3339, UTC).
    Sent(String),
    /// The mail server refused it for good (or it could not be written):
    /// not tried again.
    Failed,
}

/// A team member, to assign an enquiry to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnquiryDetail {
    pub enquiry: EnquiryRecord,
    /// Notes and replies, oldest first.
    pub notes: Vec<Note>,
    /// Who it is assigned to (an account id), if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<i64>,
    /// The team, to assign it to.
    pub team: Vec<TeamMember>,
    /// Whether this server emails replies (SMTP is set up); without it a
    /// reply sent from someone's own email is recorded.
    pub sends_email: bool,
}

/// One enquiry in a person's data export: it, and what the team wrote
/// about it and to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryExport {
    pub enquiry: EnquiryRecord,
    pub notes: Vec<Note>,
}

/// A change to an enquiry: a new status, an assignee, a note, a reply, or
/// several at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnquiryUpdate {
    #[serde(default)]
    pub status: Option<EnquiryStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Assignment>,
    #[serde(default)]
    pub note: Option<String>,
    /// A reply to the person: emailed to them when the server sends email,
    /// otherwise recorded as sent from someone's own email. A new enquiry
    /// becomes in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
}

/// Who an enquiry is given to: `"nobody"` or `{"account": 3}` (a team member).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    Nobody,
    Account(i64),
}

impl EnquiryUpdate {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.assign.is_none()
            && self.note.is_none()
            && self.reply.is_none()
    }

    /// The note's and the reply's faults, as (field, code, reason).
    pub fn problems(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut out = Vec::new();
        for (field, text, what) in [
            ("note", &self.note, "note"),
            ("reply", &self.reply, "reply"),
        ] {
            match text.as_deref().map(str::trim) {
                Some("") => out.push((field, "missing", format!("Enter a {what}"))),
                Some(t) if t.chars().count() > NOTE_MAX => out.push((
                    field,
                    "too_long",
                    format!("A {what} must be {NOTE_MAX} characters or fewer"),
                )),
                _ => {}
            }
        }
        out
    }
}

pub const NOTE_MAX: usize = 5000;

#[cfg(test)]
mod tests {
    use super::*;

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
        let long = EnquiryFilter {
            q: Some("a".repeat(SEARCH_MAX + 1)),
            ..Default::default()
        };
        assert_eq!(long.problems()[0].0, "q");
    }

    #[test]
    fn search_words_are_taken_literally() {
        assert_eq!(search_patterns("  peer   Leeds "), ["%peer%", "%Leeds%"]);
        assert_eq!(search_patterns("50%_off\\"), ["%50\\%\\_off\\\\%"]);
        assert!(search_patterns("   ").is_empty());
        assert_eq!(search_patterns(&"w ".repeat(30)).len(), 10);
    }

    #[test]
    fn previews_cut_at_a_word() {
        assert_eq!(preview("Short\n message", 40), "Short message");
        assert_eq!(
            preview("We would like to open a Recovery College in Cork", 20),
            "We would like to…"
        );
        assert_eq!(
            preview("Averyveryverylongwordindeed and more", 10),
            "Averyveryv…"
        );
    }
}
