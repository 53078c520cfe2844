//! What the enquiry pages need for their first HTML (see
//! [`crate::http::page`]): `/join`'s figures, the suggestion form's list of
//! colleges, and their descriptions. The pages are the app's.

use api::languages::Lang;

use crate::colleges::directory::Directory;
use crate::http::page::Page;

/// `/join`: what the Learning Set is, with the directory's figures, and
/// the enquiry form with its token (whose answer says how long enquiries
/// are kept, for the form's privacy notice).
pub fn join(lang: Lang, directory: &Directory, token: &api::enquiries::FormToken) -> Page {
    let mut page = Page::new(lang, "/join");
    page.inline(api::paths::STATS, &directory.stats());
    page.inline(api::paths::ENQUIRY_TOKEN, token);
    page.description = page.text().join_lead.to_string();
    page
}

/// `/join/suggest`; with `?college=`, a change to that college, chosen
/// from every college listed or closed.
pub fn suggest(lang: Lang, directory: &Directory, query_string: &str) -> Page {
    let mut page = Page::new(lang, "/join/suggest");
    page.description = page.text().suggest_lead.to_string();
    let preselected = api::query_string::parse(query_string)
        .into_iter()
        .any(|(k, v)| k == "college" && !v.is_empty());
    if preselected {
        for path in [
            api::paths::MAP_COLLEGES.to_string(),
            api::paths::map_colleges_closed(),
        ] {
            let query = path.split_once('?').map_or("", |(_, q)| q);
            if let Ok(query) = api::CollegeQuery::from_query_string(query) {
                page.inline(path, &directory.points(&query));
            }
        }
    }
    page
}

/// `/join/sent/{reference}`: not for search engines.
pub fn sent(lang: Lang, path: &str) -> Page {
    let mut page = Page::new(lang, path);
    page.index = false;
    page
}
