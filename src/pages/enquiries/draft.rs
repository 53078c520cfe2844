//! The enquiry as it is being typed, kept in the tab's sessionStorage so a
//! reload or a failed request loses nothing. sessionStorage rather than
//! localStorage: the form holds personal data, and on a shared computer it
//! should go when the tab closes.

use api::enquiries::{
    parse_college_count, EnquiryError, EnquiryField, EnquiryForm, EnquiryKind, Fault, PlanStage,
};
use serde::{Deserialize, Serialize};

const KEY: &str = "rc-enquiry-draft";

/// Every answer as the inputs hold it (text), plus the form's token.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub kind: String,
    /// "yes", "no" or "".
    pub runs_colleges: String,
    pub college_count: String,
    pub stage: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub country: String,
    pub message: String,
    pub consent: bool,
    pub website: String,
    pub token: String,
}

/// An enquiry sent as an ordinary form post (before the app arrived, or
/// without JavaScript) that the server could not take: what was typed and
/// why, carried in the page it answers with, so the form is drawn again
/// with both, on the server and then by the app.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Posted {
    pub draft: Draft,
    /// The broken rules, as the API words them (with their codes).
    pub errors: Vec<api::FieldError>,
    /// Too many enquiries from this address this hour.
    pub too_many: bool,
}

fn storage() -> Option<web_sys::Storage> {
    // Natively (the server drawing the first HTML) there is none.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}

impl Draft {
    pub fn load() -> Self {
        storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .and_then(|text| crate::json::from_str(&text))
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let (Some(s), Some(text)) = (storage(), crate::json::to_string(self)) {
            let _ = s.set_item(KEY, &text);
        }
    }

    pub fn clear() {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
    }

    /// The answers of the form posted as `application/x-www-form-urlencoded`
    /// (the inputs' names are the fields'; a ticked box sends its name).
    pub fn from_form_post(pairs: &[(String, String)]) -> Self {
        let get = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Draft {
            kind: get("kind"),
            runs_colleges: get("runs_colleges"),
            college_count: get("college_count"),
            stage: get("stage"),
            name: get("name"),
            email: get("email"),
            organisation: get("organisation"),
            role: get("role"),
            country: get("country"),
            message: get("message"),
            consent: pairs.iter().any(|(k, _)| k == "consent"),
            website: get("website"),
            token: get("token"),
        }
    }

    /// The form to send, normalised, and every rule it breaks (the shared
    /// rules, plus a number box that does not hold a number).
    pub fn to_form(&self) -> (EnquiryForm, Vec<EnquiryError>) {
        let count = parse_college_count(&self.college_count);
        let mut form = EnquiryForm {
            kind: EnquiryKind::parse(&self.kind),
            runs_colleges: match self.runs_colleges.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            college_count: count.unwrap_or(None),
            stage: PlanStage::parse(&self.stage),
            name: self.name.clone(),
            email: self.email.clone(),
            organisation: self.organisation.clone(),
            role: self.role.clone(),
            country: self.country.clone(),
            message: self.message.clone(),
            consent: self.consent,
            token: self.token.clone(),
            website: self.website.clone(),
        };
        form.normalise();
        let mut errors = form.check();
        if count.is_err() && form.asks_college_count() {
            for e in errors
                .iter_mut()
                .filter(|e| e.field == EnquiryField::CollegeCount)
            {
                e.fault = Fault::Invalid;
            }
        }
        (form, errors)
    }
}
