//! Each public route's first HTML: its title, description, canonical and
//! language alternates, its h1 and content, JSON-LD that parses, real 404s,
//! robots.txt and a sitemap of every college, and escaping of what a
//! college's entry holds.

use crate::helpers::*;
use api::accounts::Role;
use serde_json::{json, Value};

/// An app's index.html as trunk builds it: a skeleton in `#app`.
fn template(script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Recovery Colleges</title>\n\
<meta name=\"description\" content=\"Find a Recovery College\">\n<script type=\"module\">import init from '/{script}';init();</script>\n\
</head>\n<body>\n<div id=\"app\">\n<main class=\"container\" aria-busy=\"true\"><div class=\"skeleton\"></div></main>\n</div>\n</body>\n</html>\n"
    )
}

pub fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        template("app-0123456789abcdef.js"),
    )
    .unwrap();
    for (app, script) in [
        ("feedback-app", "feedback-app/feedback-0123456789abcdef.js"),
        ("staff-app", "staff-app/staff-0123456789abcdef.js"),
    ] {
        std::fs::create_dir(dir.path().join(app)).unwrap();
        std::fs::write(dir.path().join(app).join("index.html"), template(script)).unwrap();
    }
    dir
}

/// A page as a test reads it.
struct Html {
    status: u16,
    body: String,
}

impl Html {
    async fn get(server: &TestServer, path: &str, accept_language: &str) -> Html {
        let res = server
            .client
            .get(format!("{}{path}", server.base))
            .header("accept-language", accept_language)
            .send()
            .await
            .unwrap();
        Html {
            status: res.status().as_u16(),
            // Without leptos' empty comments between the pieces of a view
            // (markers for a later hydration), as a reader's text has none.
            body: res.text().await.unwrap().replace("<!>", ""),
        }
    }

    /// The text between `open` and the next `close`.
    fn between(&self, open: &str, close: &str) -> Option<&str> {
        let start = self.body.find(open)? + open.len();
        let end = self.body[start..].find(close)? + start;
        Some(&self.body[start..end])
    }

    fn title(&self) -> &str {
        self.between("<title>", "</title>").unwrap_or_default()
    }

    fn h1(&self) -> &str {
        self.between("<h1 tabindex=\"-1\">", "</h1>")
            .unwrap_or_default()
    }

    fn meta(&self, attr: &str) -> Option<&str> {
        self.between(&format!("{attr} content=\""), "\"")
    }

    fn canonical(&self) -> Option<&str> {
        self.between("<link rel=\"canonical\" href=\"", "\"")
    }

    fn json_ld(&self) -> Option<Value> {
        let json = self.between("<script type=\"application/ld+json\">", "</script>")?;
        Some(serde_json::from_str(json).expect("JSON-LD parses"))
    }
}

#[tokio::test]
async fn each_public_route_answers_its_own_first_html() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let base = &server.base;

    let home = Html::get(&server, "/", "en-GB").await;
    assert_eq!(home.status, 200);
    assert_eq!(home.title(), "Find a Recovery College – Recovery Colleges");
    assert_eq!(home.h1(), "Find a Recovery College");
    assert!(home
        .meta("name=\"description\"")
        .unwrap()
        .starts_with("Recovery Colleges offer"));
    assert_eq!(home.canonical(), Some(format!("{base}/").as_str()));
    let (_, stats) = server.get_json("/api/stats").await;
    let figures = format!(
        "{} colleges in {} countries are listed here so far.",
        stats["colleges"], stats["countries"]
    );
    assert!(home.body.contains(&figures), "{figures}");
    // A plain GET form: the directory can be searched without the app.
    assert!(home.body.contains("action=\"/colleges\" method=\"get\""));
    assert!(!home.body.contains("skeleton"), "the skeleton is replaced");
    // The app still loads, and takes over the same element.
    assert!(home
        .body
        .contains("import init from '/app-0123456789abcdef.js'"));
    assert!(home
        .body
        .contains("<div id=\"app\"><a href=\"#main\" class=\"skip-link\">"));
    for tag in ["en", "de", "ja", "zh-Hant", "ar", "ur", "x-default"] {
        assert!(
            home.body
                .contains(&format!("hreflang=\"{tag}\" href=\"{base}/")),
            "{tag}"
        );
    }
    assert_eq!(home.meta("property=\"og:title\""), Some(home.title()));
    assert_eq!(home.meta("name=\"twitter:card\""), Some("summary"));
    assert_eq!(home.json_ld().unwrap()["@type"], "WebSite");

    // A search: its title says what was searched; the colleges found are links.
    let search = Html::get(&server, "/colleges?q=bern", "en").await;
    assert_eq!(search.status, 200);
    assert_eq!(
        search.title(),
        "Colleges matching “bern” – Recovery Colleges"
    );
    assert_eq!(search.h1(), "Find a college");
    assert!(search
        .body
        .contains("<a href=\"/colleges/recovery-college-bern\">Recovery College Bern</a>"));
    assert!(
        search.body.contains("value=\"bern\""),
        "the box keeps the search"
    );
    assert_eq!(
        search.canonical(),
        Some(format!("{base}/colleges?q=bern").as_str())
    );
    let list = search.json_ld().unwrap();
    assert_eq!(list["@type"], "ItemList");
    assert_eq!(
        list["itemListElement"][0]["url"],
        format!("{base}/colleges/recovery-college-bern")
    );
    // Filters name the page too, and a second page links back.
    let filtered = Html::get(&server, "/colleges?country=JP", "en").await;
    assert_eq!(filtered.title(), "Colleges: Japan – Recovery Colleges");
    let all = Html::get(&server, "/colleges?page=2", "en").await;
    assert!(all.body.contains("rel=\"prev\" href=\"/colleges\""));
    assert!(all.body.contains("Page 2 of"));

    // A college: its facts, and schema.org data about it.
    let bern = Html::get(&server, &format!("/colleges/{BERN}"), "en").await;
    assert_eq!(bern.status, 200);
    assert_eq!(bern.title(), "Recovery College Bern – Recovery Colleges");
    assert_eq!(bern.h1(), "Recovery College Bern");
    assert!(bern.meta("name=\"description\"").unwrap().contains("Bern"));
    assert!(bern.body.contains("<dl class=\"summary-list\">"));
    // As the app draws it, so its redraw is the same page: each fact's
    // source, how exact the map position is, and what is not known.
    let college = college(&server, BERN).await;
    let host_source = &college.evidence["host"];
    assert!(bern.body.contains(&format!(
        "<a href=\"{host_source}\" rel=\"noopener\" aria-label=\"source: Run by\" class=\"evidence-link\">source</a>"
    )));
    assert!(bern
        .body
        .contains("<span class=\"hint\">The map position is"));
    assert!(!college.unknown_facts().is_empty());
    assert!(bern
        .body
        .contains("<p class=\"unknown-facts\">Not known here yet: "));
    // Where the facts come from, with the month the data was compiled.
    assert_eq!(
        college.last_change,
        Some(api::LastChange::Data {
            compiled: "2026-11".into()
        })
    );
    assert!(bern.body.contains(
        "<p class=\"hint\">These details were compiled from public sources in November 2026."
    ));
    let org = bern.json_ld().unwrap();
    assert_eq!(org["@type"], "EducationalOrganization");
    assert_eq!(org["name"], "Recovery College Bern");
    assert_eq!(org["address"]["addressCountry"], "CH");
    assert!(org["geo"]["latitude"].as_f64().is_some());
    assert_eq!(org["url"], format!("{base}/colleges/{BERN}"));

    // A closed college keeps its page, with its notice.
    let closed = Html::get(&server, "/colleges/act-recovery-college", "en").await;
    assert_eq!(closed.status, 200);
    assert!(closed.body.contains("This college has closed."));

    // The enquiry form's pages, from the public app.
    let join = Html::get(&server, "/join", "en").await;
    assert_eq!(join.status, 200);
    assert_eq!(
        join.h1(),
        "Join the Learning Set or talk to the Recovery College team"
    );
    assert!(join.body.contains("/app-0123456789abcdef.js"));
    let suggest = Html::get(&server, "/join/suggest", "en").await;
    assert_eq!(suggest.h1(), "Suggest a change or add your college");
    let sent = Html::get(&server, "/join/sent/ENQ-2026-00042", "en").await;
    assert_eq!(sent.h1(), "Enquiry sent");
    assert!(sent
        .body
        .contains("<meta name=\"robots\" content=\"noindex\">"));

    // A survey: in its college's language; its start page is a page like
    // any other, its questions are not for search engines.
    let survey = Html::get(&server, &format!("/feedback/{BERN}"), "en-GB").await;
    assert_eq!(survey.status, 200);
    assert!(survey
        .body
        .contains("<html lang=\"de\" dir=\"ltr\" data-chosen>"));
    assert!(survey
        .body
        .contains("feedback-app/feedback-0123456789abcdef.js"));
    assert_eq!(
        survey.canonical(),
        Some(format!("{base}/feedback/{BERN}").as_str())
    );
    let question = Html::get(&server, &format!("/feedback/{BERN}/question/1"), "en").await;
    assert!(question
        .body
        .contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(survey.body.contains("Recovery College Bern"));
    let english = Html::get(&server, &format!("/feedback/{BERN}?lang=en"), "de").await;
    assert!(english
        .body
        .contains("<html lang=\"en\" dir=\"ltr\" data-chosen>"));
    assert!(english
        .body
        .contains("Recovery College Bern would like your feedback."));
}

/// A college as the API gives it.
async fn college(server: &TestServer, slug: &str) -> api::College {
    let res = server.get(&format!("/api/colleges/{slug}")).await;
    res.json().await.unwrap()
}

#[tokio::test]
async fn pages_are_in_the_readers_language() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let cases = [
        ("/colleges", "ja,en;q=0.5", "ja", "ltr", "カレッジを探す"),
        ("/colleges?lang=ar", "en", "ar", "rtl", "ابحث عن كلية"),
        ("/join", "pl-PL", "pl", "ltr", ""),
        ("/", "pt-BR", "en", "ltr", "Find a Recovery College"),
    ];
    for (path, accept, lang, dir, h1) in cases {
        let page = Html::get(&server, path, accept).await;
        assert!(
            page.body
                .contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\" data-chosen>")),
            "{path} {accept}"
        );
        if !h1.is_empty() {
            assert_eq!(page.h1(), h1, "{path}");
        }
        // The menu marks the page's language and offers the others.
        assert!(page.body.contains(&format!(
            "lang=\"{lang}\" dir=\"{dir}\" aria-current=\"true\""
        )));
    }
    // A college's languages, and the day its staff changed it, are named
    // in the page's language, as the browser's Intl names them for the app.
    server.account("team@example.org", Role::Team, &[]).await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    server
        .edit_college(&team, BERN, |c| {
            c["languages"] = json!(["de", "fr", "pt-BR"])
        })
        .await;
    let college = college(&server, BERN).await;
    let Some(api::LastChange::Staff { on }) = college.last_change else {
        panic!("changed by staff: {:?}", college.last_change);
    };
    let de = Html::get(&server, &format!("/colleges/{BERN}"), "de").await;
    assert!(
        de.body.contains(
            "<dt>Unterrichtssprachen</dt><dd>Deutsch, Französisch, Portugiesisch (Brasilien)</dd>"
        ),
        "{}",
        de.body
    );
    let (y, m, d) = (
        &on[..4],
        on[5..7].parse::<usize>().unwrap(),
        on[8..].parse::<u32>().unwrap(),
    );
    let monat = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ][m - 1];
    assert!(de.body.contains(&format!("{d}. {monat} {y}")), "{on}");

    // Countries are named in the page's language, as the browser's Intl
    // names them for the app.
    let ja = Html::get(&server, "/colleges?country=CH", "ja").await;
    assert!(ja
        .body
        .contains("<option value=\"CH\" selected>スイス</option>"));
    assert!(ja.title().starts_with("カレッジ：スイス"), "{}", ja.title());
    let ar = Html::get(&server, "/?lang=ar", "en").await;
    assert!(ar
        .body
        .contains("<a href=\"/colleges?country=CH\">سويسرا</a>"));
    // In Arabic the place in the page is isolated for the bidi algorithm;
    // the description a search result shows is the text alone.
    let bern = Html::get(&server, &format!("/colleges/{BERN}?lang=ar"), "en").await;
    assert!(bern.body.contains("\u{2068}Bern\u{2069}"), "{}", bern.body);
    let description = bern.meta("name=\"description\"").unwrap();
    assert!(description.contains("Bern"), "{description}");
    assert!(
        !description.contains(['\u{2068}', '\u{2069}']),
        "{description}"
    );
}

#[tokio::test]
async fn unknown_pages_answer_404_with_the_not_found_page() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    for path in [
        "/colleges/no-such-college",
        "/no/such/page",
        "/feedback/no-such-college",
        "/feedback/nottingham-recovery-college/nowhere",
        "/join/nothing",
    ] {
        let page = Html::get(&server, path, "en").await;
        assert_eq!(page.status, 404, "{path}");
        assert_eq!(page.h1(), "Page not found", "{path}");
        assert!(page.title().starts_with("Page not found"), "{path}");
        assert!(page
            .body
            .contains("<meta name=\"robots\" content=\"noindex\">"));
        // The app still starts, and shows its own not-found page.
        assert!(page.body.contains("import init from"), "{path}");
    }
}

/// What comes from the address is shown back without hidden characters,
/// and links never leave the site.
#[tokio::test]
async fn the_address_cannot_smuggle_characters_or_links() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    // NUL, escape and a right-to-left override in a search.
    let page = Html::get(&server, "/colleges?q=a%00b%1bc%E2%80%AEd%E2%80%8F", "en").await;
    assert_eq!(page.status, 200);
    for hidden in ['\u{0}', '\u{1b}', '\u{202E}', '\u{200F}'] {
        assert!(!page.body.contains(hidden), "{hidden:?} reflected");
    }
    assert!(page.title().contains("a b cd"), "{}", page.title());

    // `//evil.example/x` would draw a language menu linking off the site.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = client
        .get(format!("{}//evil.example/x?lang=de", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 308);
    assert_eq!(res.headers()["location"], "/evil.example/x?lang=de");
    let page = Html::get(&server, "/evil.example/x", "de").await;
    assert!(!page.body.contains("href=\"//"), "a link off the site");

    // An address that is valid but full of URI syntax stays one address.
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    server
        .edit_college(&team, BERN, |c| {
            c["email"] = json!("x?cc=evil%40evil.org&body=hi@example.org")
        })
        .await;
    let page = Html::get(&server, &format!("/colleges/{BERN}"), "en").await;
    assert!(page
        .body
        .contains("mailto:x%3Fcc%3Devil%2540evil.org%26body%3Dhi@example.org"));
    assert!(!page.body.contains("mailto:x?cc"));
}

#[tokio::test]
async fn robots_and_the_sitemap_list_every_college() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let res = server.get("/robots.txt").await;
    assert_eq!(res.status(), 200);
    let robots = res.text().await.unwrap();
    assert!(robots.contains("Disallow: /staff"));
    assert!(robots.contains("Disallow: /api/"));
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", server.base)));

    let res = server.get("/sitemap.xml").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let xml = res.text().await.unwrap();
    let (_, map) = server.get_json("/api/map/colleges").await;
    let listed = map["points"].as_array().unwrap();
    assert!(listed.len() > 100);
    for point in listed {
        let loc = format!(
            "<loc>{}/colleges/{}</loc><lastmod>",
            server.base,
            point["slug"].as_str().unwrap()
        );
        assert!(xml.contains(&loc), "{loc}");
    }
    assert!(xml.contains(&format!("<loc>{}/join</loc>", server.base)));
    // Each date is a day, as the sitemap protocol has it.
    let lastmod = xml.split("<lastmod>").nth(1).unwrap();
    assert_eq!(lastmod.find("</lastmod>"), Some(10), "{lastmod}");
}

#[tokio::test]
async fn what_an_entry_holds_is_escaped() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    server.account("team@example.org", Role::Team, &[]).await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    let name = r#"Bern "College" </script><script>alert('x')</script> & co"#;
    server
        .edit_college(&team, BERN, |c| {
            c["name"] = json!(name);
            c["host"] = json!("<img src=x onerror=alert(1)>");
        })
        .await;

    for page_path in [format!("/colleges/{BERN}"), "/colleges?q=bern".to_string()] {
        let page = Html::get(&server, &page_path, "en").await;
        assert!(!page.body.contains("<script>alert"), "{page_path}");
        assert!(!page.body.contains("<img src=x"), "{page_path}");
        // The name is shown as text (quotes need no escaping there).
        assert!(
            page.body.contains(
                "Bern \"College\" &lt;/script&gt;&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"
            ),
            "{page_path}"
        );
        // The JSON-LD still parses, and holds the name as it is.
        let data = page.json_ld().unwrap();
        let found = if data["@type"] == "ItemList" {
            data["itemListElement"][0]["name"].clone()
        } else {
            data["name"].clone()
        };
        assert_eq!(found, name, "{page_path}");
    }
}

#[tokio::test]
async fn distances_from_a_place_are_in_the_readers_units() {
    let dist = dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    // As the app measures them, by the browser's language.
    let path = "/colleges?near=51.5074,-0.1278&place=London&sort=distance&lang=en";
    for (browser, unit) in [("en-GB", "miles away"), ("fr-FR", "km away")] {
        let page = Html::get(&server, path, browser).await;
        assert_eq!(page.status, 200, "{browser}");
        assert_eq!(page.h1(), "Find a college", "{browser}");
        assert!(page.body.contains(unit), "{browser}: {}", page.body);
        // The place measured from is kept when the form is sent without the app.
        assert!(
            page.body.contains("name=\"near\" value=\"51.5"),
            "{browser}"
        );
    }
}
