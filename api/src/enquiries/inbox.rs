//! The team's enquiries inbox: its filters, notes and changes.

use serde::{Deserialize, Serialize};

use super::{EnquiryKind, EnquiryRecord, EnquiryStatus};

/// The most enquiries one list or CSV holds, newest first; the inbox says
/// so when a list is cut, and dates narrow it.
pub const ENQUIRY_LIST_LIMIT: usize = 2000;

/// The inbox's filters (`GET /api/staff/enquiries?…`), also in the page's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
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
    }
}
