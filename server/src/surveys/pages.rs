//! What the survey's pages need for their first HTML (see
//! [`crate::http::page`]): the college, whose name the start page shows,
//! and the start page's description. The pages are the app's: a student on
//! poor signal reads the start page while the app arrives.

use api::languages::Lang;
use api::College;

use crate::http::page::Page;

/// `/feedback/{slug}…` of `college` (none: the directory has no such
/// college, and the page says so). Only the start page is for search
/// engines.
pub fn survey(lang: Lang, path: &str, slug: &str, college: Option<&College>, start: bool) -> Page {
    let mut page = Page::new(lang, path);
    page.index = start;
    match college {
        Some(c) => {
            page.inline(api::paths::college(slug), c);
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
