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
}

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
