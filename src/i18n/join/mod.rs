//! The enquiry app's words (`/join`, `/join/suggest`): only that bundle
//! carries them, so the directory's and the survey's first loads do not.

mod de;
mod en;

use api::enquiries::{EnquiryError, EnquiryKind, PlanStage};

use super::{lang, Lang};

/// The current language's words for the enquiry app.
pub fn jt() -> &'static JoinText {
    match lang() {
        Lang::En => &en::TEXT,
        Lang::De => &de::TEXT,
    }
}

/// A period of days as whole years where it is one: (years, true) or (days, false).
fn years_or_days(days: u32) -> (u32, bool) {
    if days >= 365 && days.is_multiple_of(365) {
        (days / 365, true)
    } else {
        (days, false)
    }
}

pub struct JoinText {
    pub join_title: &'static str,
    pub join_lead: &'static str,
    pub join_what_heading: &'static str,
    pub join_what: &'static [&'static str],
    /// Colleges, countries and Learning Set members in the directory.
    pub join_figures: fn(u32, u32, u32) -> String,
    pub join_who_heading: &'static str,
    pub join_who: &'static [&'static str],
    pub join_next_heading: &'static str,
    pub join_next: &'static [&'static str],
    pub join_form_heading: &'static str,
    pub join_draft_note: &'static str,
    pub enquiry_kind_legend: &'static str,
    pub enquiry_kind: fn(EnquiryKind) -> &'static str,
    pub enquiry_runs_legend: &'static str,
    pub enquiry_count_label: &'static str,
    pub enquiry_stage_legend: &'static str,
    pub enquiry_stage: fn(PlanStage) -> &'static str,
    pub enquiry_about_you: &'static str,
    pub enquiry_name: &'static str,
    pub enquiry_email: &'static str,
    pub enquiry_email_hint: &'static str,
    pub enquiry_organisation: &'static str,
    pub enquiry_role: &'static str,
    pub enquiry_role_hint: &'static str,
    pub enquiry_country: &'static str,
    pub enquiry_country_choose: &'static str,
    pub enquiry_message: &'static str,
    pub enquiry_message_hint: &'static str,
    pub enquiry_privacy_heading: &'static str,
    /// The privacy notice, given how many days enquiries are kept.
    pub enquiry_privacy: fn(u32) -> Vec<String>,
    pub enquiry_consent: &'static str,
    pub enquiry_honeypot: &'static str,
    pub enquiry_send: &'static str,
    pub enquiry_sending: &'static str,
    pub enquiry_error: fn(EnquiryError) -> String,
    pub enquiry_network: &'static str,
    pub enquiry_too_many: &'static str,
    pub enquiry_failed: &'static str,
    pub enquiry_sent_title: &'static str,
    pub enquiry_reference: &'static str,
    pub enquiry_sent_next: &'static [&'static str],
    pub enquiry_another: &'static str,
    pub suggest_title: &'static str,
    pub suggest_lead: &'static str,
    pub suggest_kind_legend: &'static str,
    pub suggest_kind_change: &'static str,
    pub suggest_kind_new: &'static str,
    pub suggest_college: &'static str,
    pub suggest_college_choose: &'static str,
    pub suggest_details: &'static str,
    pub suggest_details_hint: &'static str,
    pub suggest_email: &'static str,
    pub suggest_email_hint: &'static str,
    pub suggest_send: &'static str,
    pub suggest_sent_title: &'static str,
    pub suggest_sent_body: &'static str,
    /// The message for a field of the suggestion form that breaks a rule.
    pub suggest_error: fn(&str) -> &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_say_when_membership_is_not_recorded() {
        assert_eq!(
            (en::TEXT.join_figures)(50, 10, 0),
            "This directory lists 50 colleges in 10 countries. Learning Set membership is not recorded here yet."
        );
        assert_eq!(
            (en::TEXT.join_figures)(1, 1, 1),
            "This directory lists 1 college in 1 country; 1 of them is recorded as a member of the Learning Set."
        );
        assert!((de::TEXT.join_figures)(50, 10, 0).contains("noch nicht erfasst"));
    }

    #[test]
    fn retention_reads_in_years_or_days() {
        let en = &en::TEXT;
        assert!((en.enquiry_privacy)(730)
            .iter()
            .any(|p| p.contains("2 years")));
        assert!((en.enquiry_privacy)(45)
            .iter()
            .any(|p| p.contains("45 days")));
        let de = &de::TEXT;
        assert!((de.enquiry_privacy)(365)
            .iter()
            .any(|p| p.contains("1 Jahr ")));
    }
}
