//! The first HTML of each public page. The app is drawn in the browser,
//! but the server knows every route and every college, so the HTML it
//! sends is already the page: its own title, description, canonical
//! address, language alternates, share preview and structured data, and
//! its main content as plain HTML in the app's own markup. Search engines
//! read it, a shared link shows a preview, the page reads before the wasm
//! arrives, and without JavaScript the directory can still be searched and
//! every college read. The app then takes over the same `#app` element.
//!
//! Each feature writes its own pages (`colleges::pages`, `enquiries::pages`,
//! `surveys::pages`); this module holds the frame and the escaping. Every
//! piece of text goes through [`esc`]; JSON-LD through [`json_in_script`].

use api::languages::Lang;
use axum::http::StatusCode;

use crate::languages::Words;

/// One page's first HTML, before it is put in the app's index.html.
pub struct Page {
    pub status: StatusCode,
    pub words: &'static Words,
    /// The page's own name ("Find a college"); the site's name is added.
    pub title: String,
    pub description: String,
    /// The page's canonical path and query, without `lang`.
    pub canonical: String,
    /// The content of `<main>`, already escaped.
    pub main: String,
    /// schema.org data about the page, as JSON-LD.
    pub json_ld: Option<serde_json::Value>,
    /// The API's answers the app's first view asks for, by API path, so it
    /// draws the page without a second round trip (see `fetch::get`).
    pub data: Vec<(String, String)>,
    /// False for pages search engines should not list: a survey, a 404.
    pub index: bool,
    /// Whether the language menu opens `<main>` (the app's directory and
    /// enquiry pages have it there; the survey's start page has its own).
    pub language_menu: bool,
}

impl Page {
    pub fn new(
        words: &'static Words,
        title: impl Into<String>,
        canonical: impl Into<String>,
    ) -> Self {
        Self {
            status: StatusCode::OK,
            words,
            title: title.into(),
            description: words.text("home_lead").to_string(),
            canonical: canonical.into(),
            main: String::new(),
            json_ld: None,
            data: Vec::new(),
            index: true,
            language_menu: true,
        }
    }

    /// The not-found page, with status 404 and `message` under its heading.
    pub fn not_found(words: &'static Words, path: &str, message: &str) -> Self {
        let mut page = Self::new(words, words.text("not_found_title"), path);
        page.status = StatusCode::NOT_FOUND;
        page.index = false;
        page.main = format!(
            "<h1 tabindex=\"-1\">{}</h1><p>{}</p><p>{}</p><p><a href=\"/colleges\">{}</a></p>",
            esc(words.text("not_found_title")),
            esc(message),
            esc(words.text("not_found_body")),
            esc(words.text("not_found_link")),
        );
        page
    }

    /// Puts the API's answer for `api_path` in the page for the app.
    pub fn inline(&mut self, api_path: impl Into<String>, answer: &impl serde::Serialize) {
        if let Ok(json) = serde_json::to_string(answer) {
            self.data.push((api_path.into(), json));
        }
    }

    /// "Page – Recovery Colleges", or the site's name alone.
    pub fn full_title(&self) -> String {
        let site = self.words.text("site_name");
        if self.title.is_empty() || self.title == site {
            site.to_string()
        } else {
            format!("{} – {site}", self.title)
        }
    }
}

/// `s` safe as HTML text or a quoted attribute value.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes,
/// so no string in it can close the element.
pub fn json_in_script(value: &serde_json::Value) -> String {
    json_text_in_script(&value.to_string())
}

/// [`json_in_script`] for JSON already written out.
fn json_text_in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `path` (which may have a query) with `lang=tag` added.
pub fn with_lang(path: &str, lang: Lang) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}lang={}", lang.tag())
}

/// The language a page opens in, as the app chooses it: `?lang=`, then the
/// browser's languages (`Accept-Language`), then, for a survey, the
/// college's language, then English. The tab's remembered choice is the
/// browser's to apply.
pub fn choose_lang(query_lang: Option<&str>, accept_language: &str, college: Option<Lang>) -> Lang {
    let browser = api::languages::accept_language(accept_language);
    api::languages::LangChoice {
        query: query_lang,
        remembered: None,
        college,
        browser: &browser,
    }
    .choose()
}

/// `template` (an app's built index.html) made into `page`: its language
/// and direction, head tags, and the frame with the page's content in
/// `#app`. `site` is the site's origin, for absolute addresses.
pub fn render(template: &str, page: &Page, site: &str) -> String {
    let words = page.words;
    let lang = words.lang;
    let title = page.full_title();
    let canonical = format!("{site}{}", page.canonical);
    let mut head = String::new();
    head.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n",
        esc(&page.description)
    ));
    if page.index {
        head.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            esc(&canonical)
        ));
        for l in Lang::ALL {
            head.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
                l.tag(),
                esc(&with_lang(&canonical, l))
            ));
        }
        head.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
            esc(&canonical)
        ));
    } else {
        head.push_str("<meta name=\"robots\" content=\"noindex\">\n");
    }
    for (property, content) in [
        ("og:type", "website"),
        ("og:site_name", words.text("site_name")),
        ("og:title", &title),
        ("og:description", &page.description),
        ("og:url", &canonical),
        ("og:locale", &lang.tag().replace('-', "_")),
    ] {
        head.push_str(&format!(
            "<meta property=\"{property}\" content=\"{}\">\n",
            esc(content)
        ));
    }
    for (name, content) in [
        ("twitter:card", "summary"),
        ("twitter:title", &title),
        ("twitter:description", &page.description),
    ] {
        head.push_str(&format!(
            "<meta name=\"{name}\" content=\"{}\">\n",
            esc(content)
        ));
    }
    if let Some(data) = &page.json_ld {
        head.push_str(&format!(
            "<script type=\"application/ld+json\">{}</script>\n",
            json_in_script(data)
        ));
    }
    for (api_path, json) in &page.data {
        head.push_str(&format!(
            "<script type=\"application/json\" data-api=\"{}\">{}</script>\n",
            esc(api_path),
            json_text_in_script(json)
        ));
    }

    let mut html = template.replacen(
        "<html lang=\"en\">",
        // `data-chosen`: the app starts in the language the server chose
        // (the college's, for a survey) unless the reader chose another.
        &format!(
            "<html lang=\"{}\" dir=\"{}\" data-chosen>",
            lang.tag(),
            lang.dir()
        ),
        1,
    );
    html = replace_between(&html, "<title>", "</title>", &esc(&title));
    html = remove_tag(&html, "<meta name=\"description\"");
    html = html.replacen("</head>", &format!("{head}</head>"), 1);
    let app_start = "<div id=\"app\">";
    if let (Some(start), Some(body_end)) = (html.find(app_start), html.rfind("</body>")) {
        if let Some(end) = html[..body_end].rfind("</div>") {
            let inner = frame(page);
            html.replace_range(start + app_start.len()..end, &inner);
        }
    }
    html
}

/// The app's frame (`app::Layout`): skip link, header, main, footer.
fn frame(page: &Page) -> String {
    let w = page.words;
    let menu = if page.language_menu {
        language_menu(w, &page.canonical)
    } else {
        String::new()
    };
    format!(
        "<a class=\"skip-link\" href=\"#main\">{skip}</a>\
<header class=\"site-header\"><div class=\"container header-inner\">\
<a class=\"site-name\" href=\"/\">{site}</a>\
<nav aria-label=\"{nav}\"><ul class=\"nav-list\">\
<li><a href=\"/\">{home}</a></li><li><a href=\"/colleges\">{directory}</a></li><li><a href=\"/join\">{join}</a></li>\
</ul></nav></div></header>\
<main id=\"main\" class=\"container\" tabindex=\"-1\">{menu}{main}</main>\
<footer class=\"site-footer\"><div class=\"container\">\
<p>{footer}</p><p><a href=\"/openreferral/v3/\">{open_data}</a></p><p>{credits}</p>\
</div></footer>",
        skip = esc(w.text("skip_to_content")),
        site = esc(w.text("site_name")),
        nav = esc(w.text("nav_label")),
        home = esc(w.text("nav_home")),
        directory = esc(w.text("nav_directory")),
        join = esc(w.text("nav_join")),
        main = page.main,
        footer = esc(w.text("footer_note")),
        open_data = esc(w.text("footer_open_data")),
        credits = esc(w.text("credits")),
    )
}

/// The language menu (`components::LanguageMenu`): every language in its
/// own name, each a link to this page in it, which works without the app.
pub fn language_menu(w: &Words, path: &str) -> String {
    let items: String = Lang::ALL
        .into_iter()
        .map(|l| {
            let current = if l == w.lang { " aria-current=\"true\"" } else { "" };
            format!(
                "<li><a href=\"{}\" hreflang=\"{tag}\" lang=\"{tag}\" dir=\"{}\"{current}>{}</a></li>",
                esc(&with_lang(path, l)),
                l.dir(),
                esc(l.name()),
                tag = l.tag(),
            )
        })
        .collect();
    let draft = if is_draft(w) {
        format!(
            "<p class=\"language-draft\">{}</p>",
            esc(w.text("language_draft"))
        )
    } else {
        String::new()
    };
    format!(
        "<nav class=\"language-menu\" aria-label=\"{label}\"><details><summary>\
<span class=\"language-menu-label\">{label}: </span><span lang=\"{tag}\">{name}</span>\
</summary><ul>{items}</ul></details>{draft}</nav>",
        label = esc(w.text("language_menu")),
        tag = w.lang.tag(),
        name = esc(w.lang.name()),
    )
}

fn is_draft(w: &Words) -> bool {
    w.meta("status") != Some("reviewed")
}

/// `html` with the text between the first `open` and the `close` after it replaced.
fn replace_between(html: &str, open: &str, close: &str, with: &str) -> String {
    match html.find(open).and_then(|s| {
        let from = s + open.len();
        html[from..].find(close).map(|e| (from, from + e))
    }) {
        Some((from, to)) => format!("{}{with}{}", &html[..from], &html[to..]),
        None => html.to_string(),
    }
}

/// `html` without the first tag that starts with `start` (up to its `>`).
fn remove_tag(html: &str, start: &str) -> String {
    match html
        .find(start)
        .and_then(|s| html[s..].find('>').map(|e| (s, s + e + 1)))
    {
        Some((from, to)) => format!("{}{}", &html[..from], html[to..].trim_start_matches('\n')),
        None => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_script_json() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        let json = serde_json::json!({ "name": "</script><script>alert(1)</script>" });
        assert!(!json_in_script(&json).contains("</script>"));
        let back: serde_json::Value = serde_json::from_str(&json_in_script(&json)).unwrap();
        assert_eq!(back, json);
    }

    #[test]
    fn puts_the_page_in_the_template() {
        let template = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Recovery Colleges</title>\n<meta name=\"description\" content=\"old\">\n</head>\n<body>\n<div id=\"app\">\n<main>skeleton</main>\n</div>\n</body>\n</html>";
        let words = crate::languages::words(Lang::Ar);
        let mut page = Page::new(words, "A <b> title", "/colleges?q=x");
        page.main = "<h1>Hi</h1>".into();
        let html = render(template, &page, "https://example.org");
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\" data-chosen>"));
        assert!(html.contains("<title>A &lt;b&gt; title – "));
        assert!(!html.contains("content=\"old\""));
        assert!(!html.contains("skeleton"));
        assert!(html.contains("<h1>Hi</h1></main>"));
        assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/colleges?q=x\">"));
        assert!(
            html.contains("hreflang=\"ja\" href=\"https://example.org/colleges?q=x&amp;lang=ja\"")
        );
    }
}
