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

use api::surveys::{Question, Survey};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

pub use crate::links::FeedbackLink;

impl FeedbackLink {
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
        // Read by the browser's JSON (`crate::json`), not by
        // `api::surveys::bundled`, whose serde_json the bundle would carry.
        api::surveys::BUNDLED
            .iter()
            .filter_map(|text| crate::json::from_str::<Survey>(text))
            .find(|s| s.id == self.survey)
    }
}

/// Of the college, the survey shows only its name (and, at the end, where
/// to get help now in its country): reading only those keeps the rest of
/// a college's fields out of the survey's bundle.
#[derive(Clone, serde::Deserialize)]
pub struct Named {
    pub name: String,
    #[serde(default)]
    pub country: String,
}

/// The college whose survey is shown, for its pages (the start page names it).
#[derive(Clone, Copy)]
pub struct SurveyCollege(pub crate::fetch::Fetched<Named>);

/// The survey's pages, or the not-found page when the directory has no
/// such college (offline, they are drawn: the college cannot be asked).
#[component]
pub fn KnownCollege(children: ChildrenFn) -> impl IntoView {
    let slug = crate::routes::use_param(api::routes::Page::SurveyStart, "college");
    let college = crate::fetch::Fetched::<Named>::new(move || api::paths::college(&slug.get()));
    provide_context(SurveyCollege(college));
    let unknown = Memo::new(move |_| {
        college
            .get()
            .is_some_and(|c| c.is_err_and(|e| e.is_not_found()))
    });
    move || {
        if unknown.get() {
            let t = crate::i18n::t();
            crate::page::set_title(t.not_found_title);
            view! {
                <h1 tabindex="-1">{t.not_found_title}</h1>
                <crate::pages::not_found::NotFoundHelp message=t.not_found_college/>
            }
            .into_any()
        } else {
            children().into_any()
        }
    }
}

/// The link's course, once the server has said that the college's staff
/// named it (until then, and offline, none is shown; the response still
/// carries it, and the server keeps it only if it is signed).
pub fn signed_course(link: &FeedbackLink) -> Signal<Option<String>> {
    let Some(path) = link.course_link().map(|c| api::paths::course_link(&c)) else {
        return Signal::derive(|| None);
    };
    let checked = crate::fetch::Fetched::<api::surveys::CourseLink>::new(move || path.clone());
    Signal::derive(move || checked.get().and_then(Result::ok).map(|c| c.course))
}

/// The link of the page being shown.
pub fn use_feedback_link() -> Memo<FeedbackLink> {
    let location = use_location();
    // Every page of the survey has the college first: `/feedback/{college}/…`.
    let college = crate::routes::use_param(api::routes::Page::SurveyStart, "college");
    Memo::new(move |_| {
        let college = college.get();
        FeedbackLink::parse(college, &location.search.get())
    })
}

/// A survey's words in the page's language: the catalogue's translation
/// (its `survey` section), else the definition's English.
pub(crate) mod words {
    use super::*;
    use crate::i18n::t;

    pub fn title(survey: &Survey) -> String {
        t().survey(&format!("{}.title", survey.id), &survey.title)
            .into_owned()
    }

    pub fn intro(survey: &Survey) -> String {
        t().survey(&format!("{}.intro", survey.id), &survey.intro)
            .into_owned()
    }

    pub fn question(survey: &Survey, q: &Question) -> String {
        t().survey(&format!("{}.{}.text", survey.id, q.id), &q.text)
            .into_owned()
    }

    pub fn hint(survey: &Survey, q: &Question) -> Option<String> {
        q.hint.as_ref().map(|h| {
            t().survey(&format!("{}.{}.hint", survey.id, q.id), h)
                .into_owned()
        })
    }

    /// An option's label, by its id.
    pub fn option(survey: &Survey, q: &Question, id: &str, english: &str) -> String {
        t().survey(&survey.option_key(q, id), english).into_owned()
    }
}
