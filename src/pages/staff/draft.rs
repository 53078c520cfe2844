//! What a staff form holds until the server has saved it, kept in the
//! tab's sessionStorage: a session that ends (or a reload, or a lost
//! connection) loses nothing. A save the server refused because the
//! session had ended is marked unsent, and sent by the form itself once
//! its page is drawn again after signing in.
//!
//! sessionStorage rather than localStorage: notes about enquiries hold
//! personal data, and on a shared computer they should go with the tab.
//! Signing out clears every staff draft.

use serde::de::DeserializeOwned;
use serde::Serialize;

const PREFIX: &str = "rc-staff-draft:";
const UNSENT: &str = ":unsent";

fn storage() -> Option<web_sys::Storage> {
    // Natively (the server drawing the first HTML) there is none.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}

/// One form's draft, named by whose it is and what it edits (an enquiry's
/// reference, a college's slug): someone else signing in on the same tab
/// never gets it, nor sends it in their name.
#[derive(Clone)]
pub struct FormDraft {
    key: String,
}

impl FormDraft {
    pub fn new(owner: &str, form: &str) -> Self {
        Self {
            key: format!("{PREFIX}{}:{form}", owner.to_lowercase()),
        }
    }

    pub fn load<T: DeserializeOwned>(&self) -> Option<T> {
        let text = storage()?.get_item(&self.key).ok().flatten()?;
        crate::json::from_str(&text)
    }

    /// Keeps what the form holds now (called as it changes).
    pub fn keep<T: Serialize>(&self, value: &T) {
        if let (Some(s), Some(text)) = (storage(), crate::json::to_string(value)) {
            let _ = s.set_item(&self.key, &text);
        }
    }

    /// Saved: nothing left to keep.
    pub fn clear(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&self.key);
            let _ = s.remove_item(&format!("{}{UNSENT}", self.key));
        }
    }

    /// The save was refused because the session had ended: send it again
    /// after signing in.
    pub fn mark_unsent(&self) {
        if let Some(s) = storage() {
            let _ = s.set_item(&format!("{}{UNSENT}", self.key), "1");
        }
    }

    /// Whether a save is waiting to be sent again (and no longer, once asked).
    pub fn take_unsent(&self) -> bool {
        let Some(s) = storage() else {
            return false;
        };
        let key = format!("{}{UNSENT}", self.key);
        let unsent = s.get_item(&key).ok().flatten().is_some();
        let _ = s.remove_item(&key);
        unsent
    }
}

/// Whether any staff form has a save waiting for the next sign-in.
pub fn any_unsent() -> bool {
    keys().iter().any(|k| k.ends_with(UNSENT))
}

/// Signing out on purpose: every staff draft goes.
pub fn clear_all() {
    if let Some(s) = storage() {
        for key in keys() {
            let _ = s.remove_item(&key);
        }
    }
}

fn keys() -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}
