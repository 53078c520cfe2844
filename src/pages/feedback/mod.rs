//! `/feedback/{college}`: the student feedback survey, one question per
//! page, saved on the phone as it goes and sent once at the end.

mod check;
mod poster;
mod question;
mod sent;
mod start;
pub mod store;

pub use check::FeedbackCheck;
pub use poster::FeedbackPoster;
pub use question::FeedbackQuestion;
pub use sent::FeedbackSent;
pub use start::FeedbackStart;

use api::surveys::{bundled, Survey};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Lang;

pub const DEFAULT_SURVEY: &str = "course-feedback";

/// What a tutor's link says: the college, which survey, the course or
/// session and its date, and the language.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackLink {
    pub college: String,
    pub survey: String,
    pub course: Option<String>,
    pub date: Option<String>,
    pub lang: Lang,
}

impl FeedbackLink {
    fn parse(college: String, search: &str) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(search).unwrap_or_default();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        };
        Self {
            college,
            survey: get("survey").unwrap_or_else(|| DEFAULT_SURVEY.into()),
            course: get("course").map(|c| c.chars().take(api::surveys::MAX_COURSE_CHARS).collect()),
            date: get("date").filter(|d| api::surveys::is_valid_date(d)),
            lang: match get("lang").as_deref() {
                Some("de") => Lang::De,
                _ => Lang::En,
            },
        }
    }

    /// The link's own query string, so every page of the survey keeps it.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if self.survey != DEFAULT_SURVEY {
            pairs.push(("survey", &self.survey));
        }
        if let Some(c) = &self.course {
            pairs.push(("course", c));
        }
        if let Some(d) = &self.date {
            pairs.push(("date", d));
        }
        if self.lang == Lang::De {
            pairs.push(("lang", "de"));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// `/feedback/{college}{page}` with the link's query.
    pub fn url(&self, page: &str) -> String {
        let q = self.query();
        let sep = if q.is_empty() { "" } else { "?" };
        format!("/feedback/{}{page}{sep}{q}", self.college)
    }

    pub fn with_lang(&self, lang: Lang) -> Self {
        Self {
            lang,
            ..self.clone()
        }
    }

    /// Where this link's unfinished answers are kept on the phone: one
    /// draft per college, survey, course and date.
    pub fn draft_key(&self) -> String {
        format!(
            "rc-feedback-draft|{}|{}|{}|{}",
            self.college,
            self.survey,
            self.course.as_deref().unwrap_or(""),
            self.date.as_deref().unwrap_or("")
        )
    }

    pub fn survey(&self) -> Option<Survey> {
        bundled().into_iter().find(|s| s.id == self.survey)
    }
}

/// The link of the page being shown.
pub fn use_feedback_link() -> Memo<FeedbackLink> {
    let location = use_location();
    Memo::new(move |_| {
        // "/feedback/{college}/…": from the path, which is always current.
        let college = location
            .pathname
            .get()
            .split('/')
            .nth(2)
            .unwrap_or_default()
            .to_string();
        FeedbackLink::parse(college, location.search.get().trim_start_matches('?'))
    })
}
