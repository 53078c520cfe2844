//! What the directory's pages need for their first HTML (see
//! [`crate::http::page`]): the API's answers the app's components draw
//! them from (the home page's figures, the list for the query, a college),
//! and their head: description, canonical address and schema.org data.
//! The pages themselves are the app's (`recovery_colleges::pages`).

use api::{College, CollegeQuery};
use serde_json::json;

use super::directory::Directory;
use crate::http::page::Page;
use api::languages::Lang;

/// `/`: what a Recovery College is, the figures, a search box.
pub fn home(lang: Lang, directory: &Directory, site: &str) -> Page {
    let mut page = Page::new(lang, "/");
    page.inline(api::paths::STATS, &directory.stats());
    page.json_ld = Some(json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": page.text().site_name,
        "url": format!("{site}/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{site}/colleges?q={{search_term_string}}"),
            "query-input": "required name=search_term_string"
        }
    }));
    page
}

/// `/colleges` with its query: the colleges found, and the countries for
/// the filter.
pub fn directory(lang: Lang, directory: &Directory, query_string: &str, site: &str) -> Page {
    let (query, _) = CollegeQuery::from_query_string_lenient(query_string);
    let list = directory.search(&query);
    let canonical = api::paths::colleges(&query).replacen(api::paths::COLLEGES, "/colleges", 1);
    let mut page = Page::new(lang, canonical);
    page.description = page.text().directory_lead.to_string();
    page.inline(api::paths::colleges(&query), &list);
    page.inline(api::paths::STATS, &directory.stats());
    let first = list.page.saturating_sub(1) * list.per_page + 1;
    page.json_ld = Some(json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        // The page's title, as the directory names it.
        "name": null,
        "numberOfItems": list.total,
        "itemListElement": list.colleges.iter().enumerate().map(|(i, c)| json!({
            "@type": "ListItem",
            "position": first as usize + i,
            "name": c.name,
            "url": format!("{site}/colleges/{}", c.slug),
        })).collect::<Vec<_>>(),
    }));
    page
}

/// `/colleges/{slug}`: the college (a closed one keeps its page, with its
/// notice), or the answer that there is no such college.
pub fn college(lang: Lang, slug: &str, college: Option<&College>, site: &str) -> Page {
    let mut page = Page::new(lang, format!("/colleges/{slug}"));
    let Some(c) = college else {
        // As `GET /api/colleges/{slug}` answers.
        let problem = api::Problem::new(404, "Not found")
            .with_detail(format!("There is no college at /colleges/{slug}"));
        page.inline_problem(api::paths::college(slug), &problem);
        return page;
    };
    page.inline(api::paths::college(&c.slug), &c.clone().for_public());
    let t = page.text();
    let place = t.place(&c.locality, &c.region, &c.country);
    page.description = api::text::fill(
        t.college_description,
        &[("college", &c.name), ("place", &place)],
    );
    page.json_ld = Some(json_ld(c, site));
    page
}

/// schema.org's `EducationalOrganization` for a college, with only what
/// the directory knows.
pub fn json_ld(c: &College, site: &str) -> serde_json::Value {
    let mut org = json!({
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": c.name,
        "url": format!("{site}/colleges/{}", c.slug),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": c.locality,
            "addressRegion": c.region,
            "addressCountry": c.country,
        },
        "geo": { "@type": "GeoCoordinates", "latitude": c.lat, "longitude": c.lon },
    });
    if let Some(host) = &c.host {
        org["parentOrganization"] = json!({ "@type": "Organization", "name": host });
    }
    if let Some(website) = &c.website {
        org["sameAs"] = json!(website);
    }
    if let Some(email) = &c.email {
        org["email"] = json!(email);
    }
    if let Some(phone) = &c.phone {
        org["telephone"] = json!(phone);
    }
    if let Some(year) = c.opened {
        org["foundingDate"] = json!(year.to_string());
    }
    org
}
