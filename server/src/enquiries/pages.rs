//! The enquiry app's pages as first HTML (see [`crate::http::page`]): what
//! the Learning Set is and who can join, and the suggestion form's
//! introduction. The forms themselves need the app (a signed token, the
//! draft kept in the tab), which draws them when it starts.

use crate::http::page::{esc, Page};
use crate::languages::Words;

/// `/join`.
pub fn join(w: &'static Words, stats: &api::Stats) -> Page {
    let mut page = Page::new(w, w.text("join_title"), "/join");
    page.inline(api::paths::STATS, stats);
    page.description = w.text("join_lead").to_string();
    let mut m = format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>",
        esc(w.text("join_title")),
        esc(w.text("join_lead"))
    );
    m.push_str(&format!(
        "<section aria-labelledby=\"learning-set-heading\"><h2 id=\"learning-set-heading\">{}</h2>",
        esc(w.text("join_what_heading"))
    ));
    for p in w.list("join_what") {
        m.push_str(&format!("<p>{}</p>", esc(p)));
    }
    m.push_str(&format!(
        "</section><section aria-labelledby=\"who-heading\"><h2 id=\"who-heading\">{}</h2><ul class=\"plain-list bulleted\">",
        esc(w.text("join_who_heading"))
    ));
    for p in w.list("join_who") {
        m.push_str(&format!("<li>{}</li>", esc(p)));
    }
    m.push_str(&format!(
        "</ul></section><section aria-labelledby=\"next-heading\"><h2 id=\"next-heading\">{}</h2><ol class=\"steps\">",
        esc(w.text("join_next_heading"))
    ));
    for p in w.list("join_next") {
        m.push_str(&format!("<li>{}</li>", esc(p)));
    }
    m.push_str("</ol></section>");
    page.main = m;
    page
}

/// `/join/suggest`.
pub fn suggest(w: &'static Words) -> Page {
    let mut page = Page::new(w, w.text("suggest_title"), "/join/suggest");
    page.description = w.text("suggest_lead").to_string();
    page.main = format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>",
        esc(w.text("suggest_title")),
        esc(w.text("suggest_lead"))
    );
    page
}

/// `/join/sent/{reference}`: the app shows the reference and what happens
/// next from what it kept in the tab; the first HTML has the heading.
pub fn sent(w: &'static Words, path: &str) -> Page {
    let mut page = Page::new(w, w.text("enquiry_sent_title"), path);
    page.index = false;
    page.main = format!(
        "<h1 tabindex=\"-1\">{}</h1>",
        esc(w.text("enquiry_sent_title"))
    );
    page
}
