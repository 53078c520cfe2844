//! The survey's start page as first HTML (see [`crate::http::page`]): who
//! is asking, that it is anonymous, how long it takes. A student on poor
//! signal reads it while the app arrives; the questions need the app,
//! which keeps the answers on the phone. And the testimonials that the
//! home page and a college's page show.

use api::surveys::results::Testimonial;
use api::surveys::{bundled, SurveyId};
use api::College;

use crate::http::page::{esc, Page};
use crate::languages::Words;

/// A value of the survey link's query (`survey`, `course`), if given.
fn link_param(query_string: &str, name: &str) -> Option<String> {
    api::query_string::parse(query_string)
        .into_iter()
        .find(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
}

/// The survey a link asks for (`?survey=`, else the course feedback).
fn survey_of(query_string: &str) -> Option<api::surveys::Survey> {
    let id = link_param(query_string, "survey")
        .unwrap_or_else(|| SurveyId::default().as_str().to_string());
    bundled().into_iter().find(|s| s.id == id)
}

/// A question, the check page or the sent page: drawn by the app from the
/// answers kept on the phone; the first HTML names the survey.
pub fn inner(w: &'static Words, path: &str, query_string: &str) -> Page {
    let title = survey_of(query_string)
        .map(|s| w.survey(&format!("{}.title", s.id), &s.title).to_string())
        .unwrap_or_else(|| w.text("not_found_title").to_string());
    let mut page = Page::new(w, title.clone(), path);
    page.index = false;
    page.language_menu = false;
    page.main = format!("<h1 tabindex=\"-1\">{}</h1>", esc(&title));
    page
}

/// The poster a tutor prints: the app draws its QR code.
pub fn poster(w: &'static Words, path: &str) -> Page {
    let mut page = Page::new(w, w.text("poster_title"), path);
    page.index = false;
    page.language_menu = false;
    page.main = format!("<h1 tabindex=\"-1\">{}</h1>", esc(w.text("poster_title")));
    page
}

/// `/feedback/{slug}` for `college`, with the link's query (`survey`, `course`).
pub fn start(w: &'static Words, college: &College, query_string: &str) -> Page {
    let canonical = format!("/feedback/{}", college.slug);
    let Some(survey) = survey_of(query_string) else {
        return Page::not_found(w, &canonical, w.text("feedback_unknown_survey"));
    };
    let title = w.survey(&format!("{}.title", survey.id), &survey.title);
    let mut page = Page::new(w, title, canonical);
    page.inline(api::paths::college(&college.slug), college);
    // The start page says who asks and what happens to the answers: a
    // page like any other. Its inner pages are not for search engines.
    page.language_menu = false;
    page.description = w.fill("feedback_who_asks", &[("college", &college.name)]);
    let mut m = crate::http::page::language_menu(w, &page.canonical);
    m.push_str(&format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>",
        esc(title),
        esc(&page.description)
    ));
    if let Some(course) = link_param(query_string, "course") {
        let course: String = course
            .chars()
            .take(api::surveys::MAX_COURSE_CHARS)
            .collect();
        m.push_str(&format!(
            "<p class=\"lead\">{}</p>",
            esc(&w.fill("feedback_course", &[("course", &course)]))
        ));
    }
    m.push_str(&format!(
        "<p>{}</p><h2>{}</h2><ul class=\"plain-list\"><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ul>",
        esc(w.survey(&format!("{}.intro", survey.id), &survey.intro)),
        esc(w.text("feedback_about_heading")),
        esc(w.text("feedback_anonymous")),
        esc(&w.count("feedback_minutes", survey.minutes as u64)),
        esc(w.text("feedback_what_happens")),
        esc(w.text("feedback_saved_note")),
    ));
    // Drawn as the app draws it; it starts the survey once the app is here.
    m.push_str(&format!(
        "<button type=\"button\" class=\"button button-start\">{}</button>",
        esc(w.text("feedback_start"))
    ));
    page.main = m;
    page
}

/// Students' quotes as the app's `Testimonials` draws them: nothing when
/// there are none; each with its college when they come from several.
pub fn testimonials(w: &Words, quotes: &[Testimonial], show_college: bool) -> String {
    if quotes.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "<section aria-labelledby=\"testimonials-heading\" class=\"testimonials\"><h2 id=\"testimonials-heading\">{}</h2>",
        esc(w.text("testimonials_heading"))
    );
    for q in quotes {
        s.push_str(&format!(
            "<figure class=\"testimonial\"><blockquote><p>{}</p></blockquote>",
            esc(&q.text)
        ));
        if show_college {
            s.push_str(&format!(
                "<figcaption><a href=\"/colleges/{}\">{}</a></figcaption>",
                esc(&q.college),
                esc(&q.college_name)
            ));
        }
        s.push_str("</figure>");
    }
    s.push_str("</section>");
    s
}
