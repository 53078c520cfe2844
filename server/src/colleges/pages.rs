//! The directory's pages as first HTML (see [`crate::http::page`]): the home
//! page, `/colleges` with its query (a search form that works as a plain
//! GET, and the colleges found as links), and each college's page with its
//! facts and schema.org data. The markup is the app's, so the page looks
//! the same before and after the app takes over.

use api::colleges::query::{TitleFilter, TitleNames};
use api::{College, CollegeQuery, CollegeStatus, CollegeSummary, LastChange, LocationPrecision};
use serde_json::json;

use super::directory::Directory;
use crate::http::page::{esc, Page};
use crate::languages::Words;

/// `/`: what a Recovery College is, the figures, a search box.
/// `testimonials`: the students' quotes, as HTML (the surveys feature's).
pub fn home(w: &'static Words, directory: &Directory, site: &str, testimonials: &str) -> Page {
    let stats = directory.stats();
    let mut page = Page::new(w, w.text("home_title"), "/");
    page.inline(api::paths::STATS, &stats);
    let mut m = String::new();
    m.push_str(&format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>",
        esc(w.text("home_title")),
        esc(w.text("home_lead"))
    ));
    m.push_str(&search_form(w, "home-search", ""));
    m.push_str(&format!(
        "<section aria-labelledby=\"what-heading\"><h2 id=\"what-heading\">{}</h2>",
        esc(w.text("home_what_heading"))
    ));
    for p in w.list("home_what") {
        m.push_str(&format!("<p>{}</p>", esc(p)));
    }
    m.push_str("</section>");
    let colleges = w.count("count_colleges", stats.colleges as u64);
    let countries = w.count("count_countries", stats.countries as u64);
    m.push_str(&format!(
        "<section aria-labelledby=\"figures-heading\"><h2 id=\"figures-heading\">{}</h2><p>{}</p>\
<p class=\"figure\">{}</p><h3>{}</h3><ul class=\"country-counts\">",
        esc(w.text("home_figures_heading")),
        esc(w.text("home_figures_world")),
        esc(&w.fill(
            "home_figures",
            &[("colleges", &colleges), ("countries", &countries)]
        )),
        esc(w.text("home_top_countries")),
    ));
    for c in &stats.per_country {
        m.push_str(&format!(
            "<li><a href=\"/colleges?country={}\">{}</a> <span class=\"count\">{}</span></li>",
            esc(&c.country),
            esc(w.country(&c.country)),
            c.colleges
        ));
    }
    m.push_str(&format!(
        "</ul><p><a class=\"button\" href=\"/colleges\">{}</a></p></section>",
        esc(w.text("home_browse"))
    ));
    m.push_str(testimonials);
    m.push_str(&format!(
        "<section aria-labelledby=\"join-heading\"><h2 id=\"join-heading\">{}</h2><p>{}</p>\
<p><a href=\"/join\">{}</a></p></section>",
        esc(w.text("home_join_heading")),
        esc(w.text("home_join_text")),
        esc(w.text("home_join_link")),
    ));
    page.main = m;
    page.json_ld = Some(json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": w.text("site_name"),
        "url": format!("{site}/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{site}/colleges?q={{search_term_string}}"),
            "query-input": "required name=search_term_string"
        }
    }));
    page
}

/// A search box that opens the directory (a plain GET form).
fn search_form(w: &Words, id: &str, q: &str) -> String {
    format!(
        "<form class=\"search-form\" role=\"search\" action=\"/colleges\" method=\"get\">\
<label class=\"label\" for=\"{id}\">{label}</label><p class=\"hint\" id=\"{id}-hint\">{hint}</p>\
<div class=\"search-row\"><input id=\"{id}\" name=\"q\" type=\"search\" class=\"input\" autocomplete=\"off\" \
aria-describedby=\"{id}-hint\" maxlength=\"100\" value=\"{q}\">\
<button type=\"submit\" class=\"button\">{button}</button></div></form>",
        label = esc(w.text("search_label")),
        hint = esc(w.text("search_hint")),
        q = esc(q),
        button = esc(w.text("search_button")),
    )
}

/// The directory's title for `query`: what was searched, or its filters,
/// so tabs and history tell searches apart.
pub fn directory_title(w: &Words, query: &CollegeQuery) -> String {
    match query.title_names() {
        TitleNames::Directory => w.text("directory_title").to_string(),
        TitleNames::Search(q) => w.fill("directory_title_search", &[("q", q)]),
        TitleNames::Filters(filters) => {
            let names: Vec<&str> = filters
                .iter()
                .map(|f| match f {
                    TitleFilter::Country(c) => w.country(c),
                    TitleFilter::Delivery(d) => w.form("delivery", d.as_str()),
                    TitleFilter::Enrolment(e) => w.form("enrolment", e.as_str()),
                    TitleFilter::LearningSet => w.text("learning_set_member"),
                    TitleFilter::Status(s) => w.form("status", s.as_str()),
                })
                .collect();
            w.fill(
                "directory_title_filtered",
                &[("filters", &names.join(", "))],
            )
        }
    }
}

/// `/colleges?…`: the search form and one page of the colleges found.
pub fn directory(w: &'static Words, directory: &Directory, query_string: &str, site: &str) -> Page {
    let (query, problems) = CollegeQuery::from_query_string_lenient(query_string);
    let list = directory.search(&query);
    let qs = query.to_query_string();
    let canonical = if qs.is_empty() {
        "/colleges".to_string()
    } else {
        format!("/colleges?{qs}")
    };
    let mut page = Page::new(w, directory_title(w, &query), canonical);
    page.description = w.text("directory_lead").to_string();
    // What the app asks for first: this list, and the countries.
    page.inline(
        if qs.is_empty() {
            api::paths::COLLEGES.to_string()
        } else {
            format!("{}?{qs}", api::paths::COLLEGES)
        },
        &list,
    );
    page.inline(api::paths::STATS, &directory.stats());
    let mut m = format!(
        "<h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>",
        esc(w.text("directory_title")),
        esc(w.text("directory_lead"))
    );
    if !problems.is_empty() {
        m.push_str(&format!(
            "<div class=\"inset warning\" role=\"alert\"><p>{}</p><ul>",
            esc(w.text("bad_link"))
        ));
        for p in &problems {
            m.push_str(&format!("<li>{}</li>", esc(&p.reason)));
        }
        m.push_str("</ul></div>");
    }
    m.push_str("<div class=\"directory\">");
    m.push_str(&filter_form(w, directory, &query));
    m.push_str(&format!(
        "<section class=\"results\" aria-labelledby=\"results-heading\">\
<h2 id=\"results-heading\" class=\"visually-hidden\">{}</h2>\
<p class=\"result-count\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\">{}</p>\
<div class=\"results-and-map\"><div class=\"results-list\"><div class=\"results-body\">",
        esc(w.text("results_heading")),
        esc(&w.count("colleges_found", list.total as u64)),
    ));
    let first = (list.page - 1) * list.per_page + 1;
    if list.colleges.is_empty() {
        m.push_str(&format!(
            "<div class=\"empty-state\"><h3>{}</h3><p>{}</p><p><a href=\"/colleges\">{}</a></p></div>",
            esc(w.text("no_results_heading")),
            esc(w.text("no_results_help")),
            esc(w.text("clear_filters")),
        ));
    } else {
        let last = first + list.colleges.len() as u32 - 1;
        m.push_str(&format!(
            "<p class=\"hint\">{}</p><ol class=\"college-list\" start=\"{first}\">",
            esc(&w.fill(
                "showing_range",
                &[
                    ("from", &first.to_string()),
                    ("to", &last.to_string()),
                    ("total", &list.total.to_string())
                ]
            ))
        ));
        for c in &list.colleges {
            m.push_str(&college_card(w, c));
        }
        m.push_str("</ol>");
        let pages = list.pages();
        if pages > 1 {
            let link = |p: u32| {
                let qs = CollegeQuery {
                    page: p,
                    ..query.clone()
                }
                .to_query_string();
                esc(&if qs.is_empty() {
                    "/colleges".to_string()
                } else {
                    format!("/colleges?{qs}")
                })
            };
            m.push_str(&format!(
                "<nav class=\"pagination\" aria-label=\"{}\">",
                esc(w.text("pagination_label"))
            ));
            if list.page > 1 {
                m.push_str(&format!(
                    "<a class=\"pagination-link\" rel=\"prev\" href=\"{}\">{}</a>",
                    link(list.page - 1),
                    esc(w.text("previous_page"))
                ));
            }
            m.push_str(&format!(
                "<span class=\"pagination-status\">{}</span>",
                esc(&w.fill(
                    "page_of",
                    &[
                        ("page", &list.page.to_string()),
                        ("pages", &pages.to_string())
                    ]
                ))
            ));
            if list.page < pages {
                m.push_str(&format!(
                    "<a class=\"pagination-link\" rel=\"next\" href=\"{}\">{}</a>",
                    link(list.page + 1),
                    esc(w.text("next_page"))
                ));
            }
            m.push_str("</nav>");
        }
    }
    m.push_str(&format!(
        "</div></div></div></section></div><p class=\"suggest-link\"><a href=\"/join/suggest\">{}</a></p>",
        esc(w.text("suggest_link"))
    ));
    page.main = m;
    page.json_ld = Some(json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": page.title,
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

/// The search box and the country filter, as a form that works without
/// the app; the other filters in the address are kept as they are.
fn filter_form(w: &Words, directory: &Directory, query: &CollegeQuery) -> String {
    let mut f = String::from(
        "<form class=\"filters\" role=\"search\" action=\"/colleges\" method=\"get\">",
    );
    f.push_str(&format!(
        "<div class=\"field\"><label class=\"label\" for=\"search\">{}</label>\
<p class=\"hint\" id=\"search-hint\">{}</p><input id=\"search\" name=\"q\" type=\"search\" class=\"input\" \
autocomplete=\"off\" aria-describedby=\"search-hint\" maxlength=\"100\" value=\"{}\"></div>",
        esc(w.text("search_label")),
        esc(w.text("search_hint")),
        esc(&query.q),
    ));
    f.push_str(&format!(
        "<div class=\"field\"><label class=\"label\" for=\"country\">{}</label>\
<select id=\"country\" name=\"country\" class=\"select\"><option value=\"\">{}</option>",
        esc(w.text("filter_country")),
        esc(w.text("filter_country_any")),
    ));
    for c in directory.stats().per_country {
        let selected = if query.country.as_deref() == Some(c.country.as_str()) {
            " selected"
        } else {
            ""
        };
        f.push_str(&format!(
            "<option value=\"{}\"{selected}>{}</option>",
            esc(&c.country),
            esc(w.country(&c.country))
        ));
    }
    f.push_str("</select></div>");
    // The filters this form does not show, kept across a search.
    for (name, value) in query.to_pairs() {
        if !matches!(name, "q" | "country" | "page") {
            f.push_str(&format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                esc(&value)
            ));
        }
    }
    f.push_str(&format!(
        "<button type=\"submit\" class=\"button\">{}</button></form>",
        esc(w.text("search_button"))
    ));
    f
}

/// One college in the list, as the app's `CollegeCard`.
fn college_card(w: &Words, c: &CollegeSummary) -> String {
    let mut card = format!(
        "<li class=\"college-card\"><h3 class=\"college-name\"><a href=\"/colleges/{}\">{}</a></h3>\
<p class=\"college-place\">{}</p>",
        esc(&c.slug),
        esc(&c.name),
        esc(&w.place(&c.locality, &c.region, &c.country)),
    );
    if c.status != CollegeStatus::Open {
        card.push_str(&format!(
            "<p class=\"college-status college-status-{}\"><strong>{}</strong></p>",
            c.status.as_str(),
            esc(w.form("college_status_notice", c.status.as_str()))
        ));
    }
    if let Some(host) = &c.host {
        card.push_str(&format!("<p class=\"college-host\">{}</p>", esc(host)));
    }
    let mut tags = Vec::new();
    if c.learning_set_member == Some(true) {
        tags.push(("tag", w.text("learning_set_member")));
    }
    if let Some(d) = c.delivery {
        tags.push(("tag tag-plain", w.form("delivery", d.as_str())));
    }
    if !tags.is_empty() {
        card.push_str("<ul class=\"tags\">");
        for (class, label) in tags {
            card.push_str(&format!("<li class=\"{class}\">{}</li>", esc(label)));
        }
        card.push_str("</ul>");
    }
    card.push_str("</li>");
    card
}

/// `/colleges/{slug}`: the college's facts. A closed college keeps its
/// page, with its notice. `testimonials`: its students' quotes, as HTML (the
/// surveys feature's).
pub fn college(w: &'static Words, c: &College, site: &str, testimonials: &str) -> Page {
    let place = w.place(&c.locality, &c.region, &c.country);
    let mut page = Page::new(w, c.name.clone(), format!("/colleges/{}", c.slug));
    page.inline(api::paths::college(&c.slug), &c);
    page.description = w.fill(
        "college_description",
        &[("college", &c.name), ("place", &place)],
    );
    let mut m = format!(
        "<p><a class=\"back-link\" href=\"/colleges\">{}</a></p><h1 tabindex=\"-1\">{}</h1><p class=\"lead\">{}</p>",
        esc(w.text("college_back")),
        esc(&c.name),
        esc(&place),
    );
    if c.status != CollegeStatus::Open {
        m.push_str(&format!(
            "<div class=\"notice notice-{}\" role=\"note\"><p><strong>{}</strong></p>",
            c.status.as_str(),
            esc(w.form("college_status_notice", c.status.as_str()))
        ));
        if let Some(note) = &c.status_note {
            m.push_str(&format!(
                "<p>{}</p>",
                esc(&w.fill("college_status_note", &[("note", note)]))
            ));
        }
        m.push_str("</div>");
    }
    let link = |href: &str, text: &str| {
        format!(
            "<a href=\"{}\" rel=\"noopener\">{}</a>",
            esc(href),
            esc(text)
        )
    };
    // (the data's field, for its label and source; the value as HTML)
    let mut contact = Vec::new();
    if let Some(url) = &c.website {
        contact.push(("website", link(url, url)));
    }
    if let Some(url) = &c.prospectus_url {
        contact.push(("prospectus_url", link(url, url)));
    }
    if let Some(email) = &c.email {
        contact.push(("email", link(&format!("mailto:{email}"), email)));
    }
    if let Some(phone) = &c.phone {
        contact.push((
            "phone",
            link(&format!("tel:{}", phone.replace(' ', "")), phone),
        ));
    }
    if let Some(e) = c.enrolment {
        contact.push(("enrolment", esc(w.form("enrolment", e.as_str()))));
    }
    if let Some(d) = c.delivery {
        contact.push(("delivery", esc(w.form("delivery", d.as_str()))));
    }
    if !contact.is_empty() {
        m.push_str(&format!(
            "<h2>{}</h2>",
            esc(w.text("college_contact_heading"))
        ));
        m.push_str(&facts(w, c, &contact));
    }
    let mut about = Vec::new();
    if let Some(host) = &c.host {
        about.push(("host", esc(host)));
    }
    let precision = match c.location_precision {
        LocationPrecision::City => "college_location_precision_city",
        LocationPrecision::Region => "college_location_precision_region",
    };
    about.push((
        "location",
        format!(
            "{} <br><span class=\"hint\">{}</span>",
            esc(&place),
            esc(w.text(precision))
        ),
    ));
    if let Some(year) = c.opened {
        about.push(("opened", year.to_string()));
    }
    if !c.languages.is_empty() {
        let names: Vec<String> = c.languages.iter().map(|code| w.language(code)).collect();
        about.push(("languages", esc(&names.join(", "))));
    }
    if c.learning_set_member == Some(true) {
        about.push(("learning_set", esc(w.text("yes"))));
    }
    if c.imroc_demonstration_site {
        about.push(("demonstration_site", esc(w.text("yes"))));
    }
    m.push_str(&format!(
        "<h2>{}</h2>",
        esc(w.text("college_details_heading"))
    ));
    m.push_str(&facts(w, c, &about));
    let unknown: Vec<&str> = c
        .unknown_facts()
        .into_iter()
        .filter_map(|field| label_key(field).map(|key| w.text(key)))
        .collect();
    if !unknown.is_empty() {
        m.push_str(&format!(
            "<p class=\"unknown-facts\">{} <a href=\"/join/suggest?college={}\">{}</a></p>",
            esc(&w.fill("college_unknown", &[("fields", &unknown.join(", "))])),
            esc(&c.slug),
            esc(w.text("college_do_you_know"))
        ));
    }
    m.push_str(&format!(
        "<h2>{}</h2><p>{}</p>",
        esc(w.text("college_sources_heading")),
        esc(&c.source)
    ));
    let provenance = match &c.last_change {
        Some(LastChange::Staff { on }) => w.fill("college_staff_changed", &[("date", &w.date(on))]),
        Some(LastChange::Data { compiled }) => {
            w.fill("college_compiled", &[("month", &w.month(compiled))])
        }
        None => w.text("college_check_first").to_string(),
    };
    m.push_str(&format!("<p class=\"hint\">{}</p>", esc(&provenance)));
    m.push_str("<ul class=\"plain-list\">");
    if c.status != CollegeStatus::Closed {
        m.push_str(&format!(
            "<li><a href=\"/feedback/{slug}\">{}</a></li><li><a href=\"/feedback/{slug}/poster\">{}</a></li>",
            esc(w.text("feedback_link")),
            esc(w.text("poster_link")),
            slug = esc(&c.slug),
        ));
    }
    m.push_str(&format!(
        "<li><a href=\"/join/suggest?college={}\">{}</a></li></ul>",
        esc(&c.slug),
        esc(w.text("suggest_change_entry"))
    ));
    m.push_str(testimonials);
    page.main = m;
    page.json_ld = Some(json_ld(c, site));
    page
}

/// Facts as the app's summary list (`CollegeDetails`): by the data's field,
/// its label, its value (already HTML) and a link to the page the value was
/// seen on, when the data says.
fn facts(w: &Words, c: &College, rows: &[(&str, String)]) -> String {
    let mut dl = String::from("<dl class=\"summary-list\">");
    for (field, value) in rows {
        let label = label_key(field).map_or("", |key| w.text(key));
        dl.push_str(&format!(
            "<div class=\"summary-row\"><dt>{}</dt><dd>{value}",
            esc(label)
        ));
        if let Some(url) = c.evidence.get(*field) {
            let source = w.text("college_evidence");
            dl.push_str(&format!(
                " <a class=\"evidence-link\" href=\"{}\" rel=\"noopener\" aria-label=\"{}\">{}</a>",
                esc(url),
                esc(&format!("{source}: {label}")),
                esc(source)
            ));
        }
        dl.push_str("</dd></div>");
    }
    dl.push_str("</dl>");
    dl
}

/// The message naming a fact, by the data's field name (as the app's
/// `label_of`).
fn label_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "website" => "college_website",
        "prospectus_url" => "college_prospectus",
        "email" => "college_email",
        "phone" => "college_phone",
        "enrolment" => "college_enrolment",
        "delivery" => "college_delivery",
        "host" => "college_host",
        "opened" => "college_opened",
        "languages" => "college_languages",
        "location" => "college_location",
        "learning_set" => "college_learning_set",
        "demonstration_site" => "college_demonstration_site",
        _ => return None,
    })
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
