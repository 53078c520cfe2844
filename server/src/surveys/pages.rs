//! What the survey's pages need for their first HTML (see
//! [`crate::http::page`]): the college, whose name the start page shows,
//! and the start page's description. The pages are the app's: a student on
//! poor signal reads the start page while the app arrives.

use api::languages::Lang;
use api::surveys::CourseLink;
use api::{College, FieldError};

use crate::http::page::Page;

/// `/feedback/{slug}…` of `college` (none: the directory has no such
/// college, and the page says so). Only the start page is for search
/// engines.
/// `course` is the link's course, with the server's word on whether its
/// college's staff named it (the app asks the same).
pub fn survey(
    lang: Lang,
    path: &str,
    slug: &str,
    college: Option<&College>,
    start: bool,
    course: Option<(String, Result<CourseLink, Vec<FieldError>>)>,
) -> Page {
    let mut page = Page::new(lang, path);
    page.index = start;
    match course {
        Some((api_path, Ok(link))) => page.inline(api_path, &link),
        Some((api_path, Err(errors))) => {
            page.inline_problem(api_path, &api::Problem::invalid_input(errors))
        }
        None => {}
    }
    match college {
        Some(c) => {
            page.inline(api::paths::college(slug), &c.clone().for_public());
            page.description =
                api::text::fill(page.text().feedback_who_asks, &[("college", &c.name)]);
        }
        None => {
            let problem = api::Problem::new(404, "Not found")
                .with_detail(format!("There is no college at /colleges/{slug}"));
            page.inline_problem(api::paths::college(slug), &problem);
        }
    }
    page
}
