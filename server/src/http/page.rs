//! The first HTML of each public and survey page. The server knows every
//! route and every college, so the HTML it sends is already the page: drawn
//! by the app's own components (`recovery_colleges::app::draw`, leptos'
//! `ssr`), from the same API answers the app asks for, which go into the
//! page too so the app's first view needs no second round trip. Search
//! engines read it, a shared link shows a preview, the page reads before
//! the wasm arrives, and without JavaScript the directory can still be
//! searched and every college read. The app then draws the same page in
//! its place.
//!
//! What the server writes itself is the document's head: its title (as the
//! page set it), description, canonical address, language alternates, share
//! preview and structured data. Each feature says what its pages need
//! (`colleges::pages`, `enquiries::pages`, `surveys::pages`); this module
//! writes the head, escaping every piece of text with [`esc`] and JSON-LD
//! with [`json_in_script`].

use api::languages::Lang;
use axum::http::StatusCode;
use recovery_colleges::fetch::Answer;
use recovery_colleges::i18n::{text_of, Text};
use recovery_colleges::page::Drawn;

/// What the server needs for one page's first HTML besides the page itself.
pub struct Page {
    pub lang: Lang,
    pub description: String,
    /// The page's canonical path and query, without `lang`.
    pub canonical: String,
    /// schema.org data about the page, as JSON-LD. A `"name": null` in it
    /// is filled with the page's name, as the page sets it in its title.
    pub json_ld: Option<serde_json::Value>,
    /// The API's answers the page is drawn from, by API path: the server
    /// draws it from them, and puts them in it for the app.
    pub answers: Vec<Answer>,
    /// False for pages search engines should not list: a survey, a 404.
    pub index: bool,
}

impl Page {
    pub fn new(lang: Lang, canonical: impl Into<String>) -> Self {
        Self {
            lang,
            description: text_of(lang).home_lead.to_string(),
            canonical: canonical.into(),
            json_ld: None,
            answers: Vec::new(),
            index: true,
        }
    }

    /// The page's words.
    pub fn text(&self) -> &'static Text {
        text_of(self.lang)
    }

    /// Puts the API's answer for `api_path` in the page.
    pub fn inline(&mut self, api_path: impl Into<String>, answer: &impl serde::Serialize) {
        if let Ok(json) = serde_json::to_string(answer) {
            self.answers.push(Answer {
                path: api_path.into(),
                status: 200,
                json,
            });
        }
    }

    /// Puts the API's failed answer for `api_path` in the page (a college
    /// that is not in the directory: the page says so, and is a 404).
    pub fn inline_problem(&mut self, api_path: impl Into<String>, problem: &api::Problem) {
        if let Ok(json) = serde_json::to_string(problem) {
            self.answers.push(Answer {
                path: api_path.into(),
                status: problem.status,
                json,
            });
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
/// and direction, head tags, and `body` (the page the app's components
/// drew, and what it said of itself: `drawn`) in `#app`. `site` is the
/// site's origin, for absolute addresses. A not-found page is a 404.
pub fn render(
    template: &str,
    page: &Page,
    body: &str,
    drawn: &Drawn,
    site: &str,
) -> (StatusCode, String) {
    let lang = page.lang;
    let words = text_of(lang);
    let title = if drawn.title.is_empty() {
        words.site_name.to_string()
    } else {
        drawn.title.clone()
    };
    let (status, index) = if drawn.not_found {
        (StatusCode::NOT_FOUND, false)
    } else {
        (StatusCode::OK, page.index)
    };
    let canonical = format!("{site}{}", page.canonical);
    // The bidi isolates a right-to-left page puts around names (the
    // place in a college's description) mean nothing in a search result
    // or a share preview, which show the text alone.
    let description = page.description.replace(['\u{2068}', '\u{2069}'], "");
    let mut head = String::new();
    head.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n",
        esc(&description)
    ));
    if index {
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
        ("og:site_name", words.site_name),
        ("og:title", &title),
        ("og:description", &description),
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
        ("twitter:description", &description),
    ] {
        head.push_str(&format!(
            "<meta name=\"{name}\" content=\"{}\">\n",
            esc(content)
        ));
    }
    if let (Some(data), false) = (&page.json_ld, drawn.not_found) {
        let mut data = data.clone();
        if data.get("name").is_some_and(serde_json::Value::is_null) {
            data["name"] = drawn.page_title.clone().into();
        }
        head.push_str(&format!(
            "<script type=\"application/ld+json\">{}</script>\n",
            json_in_script(&data)
        ));
    }
    for answer in &page.answers {
        head.push_str(&format!(
            "<script type=\"application/json\" data-api=\"{}\"{}>{}</script>\n",
            esc(&answer.path),
            if answer.status == 200 {
                String::new()
            } else {
                format!(" data-status=\"{}\"", answer.status)
            },
            json_text_in_script(&answer.json)
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
            html.replace_range(start + app_start.len()..end, body);
        }
    }
    (status, html)
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
        let mut page = Page::new(Lang::Ar, "/colleges?q=x");
        page.json_ld = Some(serde_json::json!({ "name": null }));
        let drawn = Drawn {
            title: "A <b> title – Recovery Colleges".into(),
            page_title: "A <b> title".into(),
            not_found: false,
        };
        let (status, html) = render(
            template,
            &page,
            "<main><h1>Hi</h1></main>",
            &drawn,
            "https://example.org",
        );
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\" data-chosen>"));
        assert!(html.contains("<title>A &lt;b&gt; title – "));
        assert!(!html.contains("content=\"old\""));
        assert!(!html.contains("skeleton"));
        assert!(html.contains("<h1>Hi</h1></main>"));
        assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/colleges?q=x\">"));
        assert!(
            html.contains("hreflang=\"ja\" href=\"https://example.org/colleges?q=x&amp;lang=ja\"")
        );
        // The structured data is named as the page is.
        assert!(html.contains("{\"name\":\"A \\u003cb\\u003e title\"}"));
        // A page that says it is not found is a 404, and not for search engines.
        let drawn = Drawn {
            not_found: true,
            ..Default::default()
        };
        let (status, html) = render(template, &page, "", &drawn, "https://example.org");
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            html.contains("noindex") && !html.contains("canonical") && !html.contains("ld+json")
        );
    }
}
