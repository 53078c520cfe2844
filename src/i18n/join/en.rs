//! English.

use super::JoinText;
use api::enquiries::{EnquiryKind, PlanStage};

fn number(n: u32) -> String {
    crate::i18n::group_digits(n, ',')
}

pub static TEXT: JoinText = JoinText {
    join_title: "Join the Learning Set or talk to the Recovery College team",
    join_lead: "Send an enquiry to ImROC's Recovery College team about joining the International Recovery College Learning Set, or about starting or developing a Recovery College.",
    join_what_heading: "What the Learning Set is",
    join_what: &[
        "The International Recovery College Learning Set is a network of Recovery Colleges that learn from each other. It is co-facilitated by consultants from ImROC (Implementing Recovery through Organisational Change), which developed the Recovery College model.",
        "In 2023, 28 organisations running 43 Recovery Colleges formed the Learning Set: the largest network of Recovery Colleges worldwide.",
        "There are over 220 Recovery Colleges across the UK and in 26 other countries.",
    ],
    join_figures: |colleges, countries, members| {
        let c = if colleges == 1 { "college" } else { "colleges" };
        let k = if countries == 1 { "country" } else { "countries" };
        if members == 0 {
            return format!("This directory lists {} {c} in {} {k}. Learning Set membership is not recorded here yet.", number(colleges), number(countries));
        }
        let m = if members == 1 { "is recorded as a member" } else { "are recorded as members" };
        format!("This directory lists {} {c} in {} {k}; {} of them {m} of the Learning Set.", number(colleges), number(countries), number(members))
    },
    join_who_heading: "Who it is for",
    join_who: &[
        "Organisations that run a Recovery College, or plan to: health services, universities and colleges, charities and community organisations, in any country.",
        "People who manage a Recovery College or the organisation that hosts it.",
    ],
    join_next_heading: "What happens after you send an enquiry",
    join_next: &[
        "You get a reference number straight away.",
        "Your enquiry goes to the Recovery College team, who will reply by email to talk about what you need.",
    ],
    join_form_heading: "Send an enquiry",
    join_draft_note: "What you type is kept in this browser tab until you send it, so reloading the page loses nothing.",
    enquiry_kind_legend: "What is your enquiry about?",
    // The shared crate's English labels, which the team's emails use too.
    enquiry_kind: EnquiryKind::label_en,
    enquiry_runs_legend: "Does your organisation run a Recovery College now?",
    enquiry_count_label: "How many Recovery Colleges does your organisation run?",
    enquiry_stage_legend: "How far have your plans come?",
    enquiry_stage: PlanStage::label_en,
    enquiry_about_you: "About you and your organisation",
    enquiry_name: "Your name",
    enquiry_email: "Your email address",
    enquiry_email_hint: "We will use this only to reply to your enquiry.",
    enquiry_organisation: "Organisation",
    enquiry_role: "Your role",
    enquiry_role_hint: "For example, Recovery College manager",
    enquiry_country: "Country",
    enquiry_country_choose: "Select a country",
    enquiry_message: "Your message",
    enquiry_message_hint: "Tell us about your organisation and what you would like to talk about.",
    enquiry_privacy_heading: "How we use your information",
    enquiry_privacy: |days| {
        let (n, years) = super::years_or_days(days);
        let period = match (n, years) {
            (1, true) => "1 year".to_string(),
            (n, true) => format!("{n} years"),
            (1, false) => "1 day".to_string(),
            (n, false) => format!("{} days", number(n)),
        };
        vec![
            "We keep what you send (your name, email address, organisation, role, country and message) so that the Recovery College team can reply to you and follow up your enquiry.".into(),
            format!("We keep it for {period} after you send it, then delete it. We do not share it outside the team."),
            "To get a copy of what we hold about you, or to ask us to delete it, tell the team when they reply, or write to them quoting your reference number.".into(),
        ]
    },
    enquiry_consent: "I agree to be contacted by the Recovery College team about this enquiry",
    enquiry_honeypot: "Leave this field empty",
    enquiry_send: "Send enquiry",
    enquiry_sending: "Sending…",
    enquiry_error: |e| e.message_en(),
    enquiry_network: "We could not send your enquiry. Check your connection and try again. Everything you typed is still here.",
    enquiry_too_many: "Too many enquiries have been sent from this connection in the last hour. Please try again later. Everything you typed is still here.",
    enquiry_failed: "Something went wrong on our side and your enquiry was not sent. Please try again in a moment. Everything you typed is still here.",
    enquiry_sent_title: "Enquiry sent",
    enquiry_reference: "Your reference number",
    enquiry_sent_next: &[
        "We have sent your enquiry to the Recovery College team. They will reply by email to the address you gave.",
        "We have not sent you an email, so please note your reference number. Quote it if you contact the team about this enquiry.",
    ],
    enquiry_another: "Send another enquiry",
    suggest_title: "Suggest a change or add your college",
    suggest_lead: "Tell the Recovery College team about a change to a college's entry, or about a college that is not listed. The team checks each suggestion before the directory changes.",
    suggest_kind_legend: "What would you like to do?",
    suggest_kind_change: "Suggest a change to a listed college",
    suggest_kind_new: "Add a college that is not listed",
    suggest_college: "Which college?",
    suggest_college_choose: "Choose a college",
    suggest_details: "Your suggestion",
    suggest_details_hint: "For a change, what is wrong and what it should say. For a new college, its name, town, country and website.",
    suggest_email: "Your email address (optional)",
    suggest_email_hint: "Only if the team may write to you about this suggestion. It is deleted with the suggestion.",
    suggest_send: "Send suggestion",
    suggest_sent_title: "Thank you, your suggestion has been sent",
    suggest_sent_body: "The Recovery College team will check it before the directory changes.",
    suggest_error: |field| match field {
        "kind" => "Select whether this is a change or a new college",
        "college" => "Select the college to change",
        "email" => "Enter an email address in the correct format, like name@example.com",
        "details" => "Tell us what to change or add, in up to 5000 characters",
        _ => "Check this answer",
    },
};
