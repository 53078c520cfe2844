//! `robots.txt` and `sitemap.xml`, made from the directory in memory on
//! each request, so they change the moment the directory does.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::directory::Directory;
use crate::http::page::esc;

/// The public pages that are not a college's.
const PAGES: [&str; 4] = ["/", "/colleges", "/join", "/join/suggest"];

/// Every public page and every college in the directory (a closed one
/// keeps its page), each college with the date its entry last changed.
pub fn sitemap(directory: &Directory, site: &str) -> Response {
    let (_, colleges) = directory.select(|_, _| true, 0, usize::MAX);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in PAGES {
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            esc(&format!("{site}{path}"))
        ));
    }
    for c in colleges {
        // `updated_at` is RFC 3339; a sitemap's lastmod may be the date alone.
        let day = c.updated_at.get(..10).unwrap_or_default();
        xml.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            esc(&format!("{site}/colleges/{}", c.slug)),
            esc(day)
        ));
    }
    xml.push_str("</urlset>\n");
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        xml,
    )
        .into_response()
}

/// Search engines may read every public page, not the staff side or the API.
pub fn robots(site: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        format!("User-agent: *\nDisallow: /staff\nDisallow: /api/\nAllow: /\n\nSitemap: {site}/sitemap.xml\n"),
    )
        .into_response()
}
