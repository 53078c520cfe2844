//! The built app's files: hashed assets cached for a year, every client
//! route answered with its app's index.html (one of three bundles, as
//! `api::routes` says: the survey's for `/feedback/…`, the staff side's for
//! `/staff/…`, the public app's for the rest), a missing asset with 404.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use api::languages::Lang;
use api::routes::{App, Page};

use crate::colleges::{self, sitemap};
use crate::http::error::problem_response;
use crate::http::page;
use crate::AppState;

#[derive(Clone)]
pub struct WebFiles {
    dir: PathBuf,
    /// Each app's index.html, as `api::routes` names them (the public
    /// app's is required; the others are served when built).
    apps: Vec<(App, Arc<String>)>,
    /// CSP sources (`sha256-…`) for index.html's inline scripts.
    pub script_hashes: Vec<String>,
    /// The service worker with this build's id written in, so each build
    /// installs a new worker that drops the old build's files.
    service_worker: Option<Arc<String>>,
}

impl WebFiles {
    /// Reads the built app in `dir`; fails if there is no index.html.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let mut apps = Vec::new();
        for app in App::ALL {
            let file = dir.join(app.index_html().trim_start_matches('/'));
            let html = match std::fs::read_to_string(file) {
                Ok(html) => html,
                Err(e) if app == App::Public => return Err(e),
                Err(_) => continue,
            };
            let mut html = unused_preloads_dropped(&html, dir);
            // The staff side has no first HTML to paint.
            if app != App::Staff {
                html = started_after_first_paint(&html);
            }
            apps.push((app, Arc::new(html)));
        }
        let script_hashes = apps
            .iter()
            .flat_map(|(_, html)| inline_scripts(html))
            .map(|s| {
                let digest = Sha256::digest(s.as_bytes());
                format!(
                    "sha256-{}",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        // The build's id: the apps' pages name every hashed file, so they
        // change exactly when a file does.
        let mut build = Sha256::new();
        for (_, html) in &apps {
            build.update(html.as_bytes());
        }
        let build: String = build
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        let service_worker = std::fs::read_to_string(dir.join("sw.js")).ok().map(|js| {
            Arc::new(
                js.replace("__BUILD__", &build)
                    .replace("__ROUTES__", &api::routes::service_worker_table()),
            )
        });
        Ok(Self {
            dir: dir.to_path_buf(),
            apps,
            script_hashes,
            service_worker,
        })
    }
}

impl WebFiles {
    /// `app`'s index.html, if it was built.
    fn template(&self, app: App) -> Option<&str> {
        self.apps
            .iter()
            .find(|(a, _)| *a == app)
            .map(|(_, html)| html.as_str())
    }
}

/// `html` without its `<link rel="modulepreload">`s of wasm-bindgen
/// snippets that its app's JavaScript does not import. trunk preloads every
/// snippet of the crate into every app, so the survey and the enquiry form
/// downloaded the map's bindings they never use.
fn unused_preloads_dropped(html: &str, dir: &Path) -> String {
    let tag_start = "<link rel=\"modulepreload\" href=\"";
    // The app's own JavaScript: the other modulepreload in the page.
    let scripts: String = html
        .match_indices(tag_start)
        .filter_map(|(at, _)| {
            let href = html[at + tag_start.len()..].split('"').next()?;
            (!href.contains("/snippets/"))
                .then(|| std::fs::read_to_string(dir.join(href.trim_start_matches('/'))).ok())
                .flatten()
        })
        .collect();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(tag_start) {
        let Some(end) = rest[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        let tag = &rest[at..end];
        let href = tag[tag_start.len()..].split('"').next().unwrap_or("");
        out.push_str(&rest[..at]);
        // The import names the snippet from the snippets folder on.
        let used = href
            .find("snippets/")
            .is_none_or(|s| scripts.contains(&href[s..]));
        if used {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `html` with its app's loader (trunk's inline module script) waiting for
/// the page's first contentful paint before it fetches the wasm, and
/// without trunk's `<link rel="preload">` of the wasm. The server's first
/// HTML is the page, readable and with working links and search: it should
/// paint without a quarter of a megabyte of wasm competing with it for a
/// slow connection, and the app should redraw it only once that paint has
/// been shown (else the browser counts the app's redraw as the page's
/// largest paint). A page in a background tab paints nothing and starts at
/// once; a browser without paint timing, or a paint that has not come in
/// a second, does not hold the app back either.
fn started_after_first_paint(html: &str) -> String {
    const INIT: &str = "const wasm = await init(";
    const WAIT: &str = "await new Promise((go) => { \
if (document.hidden || !PerformanceObserver.supportedEntryTypes?.includes('paint')) return go(); \
new PerformanceObserver((list, seen) => { \
if (list.getEntries().some((e) => e.name === 'first-contentful-paint')) { seen.disconnect(); go(); } \
}).observe({ type: 'paint', buffered: true }); \
setTimeout(go, 1000); });\n";
    if !html.contains(INIT) {
        tracing::warn!("an app's index.html has no trunk loader: it starts as it is");
        return html.to_owned();
    }
    let html = html.replacen(INIT, &format!("{WAIT}{INIT}"), 1);
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<link rel=\"preload\"") {
        let Some(end) = rest[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        out.push_str(&rest[..at]);
        if !rest[at..end].contains("type=\"application/wasm\"") {
            out.push_str(&rest[at..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The contents of `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            scripts.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close..];
    }
    scripts
}

/// Routes everything outside the API to the app.
pub fn router(files: WebFiles, state: AppState) -> Router {
    Router::new().fallback(move |req: Request| serve(files.clone(), state.clone(), req))
}

async fn serve(files: WebFiles, state: AppState, req: Request) -> Response {
    let path = req.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return crate::api_not_found().await;
    }
    if req.method() == Method::POST && path == "/join" {
        return join_posted(files, state, req).await;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut res = StatusCode::METHOD_NOT_ALLOWED.into_response();
        let allow = if path == "/join" {
            "GET, HEAD, POST"
        } else {
            "GET, HEAD"
        };
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
        return res;
    }
    // `//evil.example/x` would draw links that leave the site: answered
    // from its one-slash form instead.
    let same_site = api::routes::same_site(path);
    if same_site != path {
        let to = match req.uri().query() {
            Some(q) => format!("{same_site}?{q}"),
            None => same_site.into_owned(),
        };
        return match HeaderValue::from_str(&to) {
            Ok(location) => (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response(),
            Err(_) => StatusCode::BAD_REQUEST.into_response(),
        };
    }
    // Absolute addresses (canonical, sitemap, share previews) use this.
    let site = crate::http::public_origin(req.headers());
    match path {
        "/sw.js" if files.service_worker.is_some() => {
            let js = files.service_worker.as_deref().cloned().unwrap_or_default();
            return (
                [
                    (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                js,
            )
                .into_response();
        }
        "/robots.txt" => return sitemap::robots(&site),
        "/sitemap.xml" => return sitemap::sitemap(&state.directory, &site),
        _ => {}
    }
    let file_name = path.rsplit('/').next().unwrap_or("");
    if !file_name.contains('.') || file_name == "index.html" {
        // An app's own index.html is what the service worker keeps to draw
        // any of its routes offline: the app, as it is.
        let shell = App::ALL.into_iter().find(|app| path == app.index_html());
        let app = shell.unwrap_or_else(|| api::routes::app_of(path));
        let Some(template) = files.template(app) else {
            return problem_response(api::Problem::new(404, "Not found"));
        };
        // The staff side is for signed-in staff: it has no first HTML.
        let (status, html) = if shell.is_some() || app == App::Staff {
            (StatusCode::OK, template.to_owned())
        } else {
            let page = first_html(&state, req.uri(), req.headers(), &site).await;
            draw(template, app, &page, req.uri(), req.headers(), &site)
        };
        return html_response(status, html);
    }
    let immutable = is_hashed(file_name);
    let serve_dir = ServeDir::new(&files.dir)
        .precompressed_br()
        .precompressed_gzip();
    match serve_dir.oneshot(req).await {
        Ok(mut res) if res.status().is_success() => {
            // Names without a content hash (wasm-bindgen's snippets, the map's
            // files) can change under the same name at the next deploy, so
            // browsers revalidate them (a cheap 304 when unchanged).
            let cache = if immutable {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            res.map(Body::new)
        }
        Ok(res) => res.map(Body::new),
        Err(e) => {
            tracing::error!(error = %e, "serving a file failed");
            problem_response(api::Problem::new(500, "Something went wrong on our side"))
        }
    }
}

/// `page` drawn by `app`'s own components into `template`: the first HTML
/// and its status.
fn draw(
    template: &str,
    app: App,
    page: &page::Page,
    uri: &Uri,
    headers: &HeaderMap,
    site: &str,
) -> (StatusCode, String) {
    let path = uri.path();
    let url = uri.path_and_query().map_or(path, |pq| pq.as_str());
    // The browser's languages pick miles or kilometres and the language a
    // survey offers, as `navigator.languages` do in the app.
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let browser = api::languages::accept_language(accept);
    // A fault in drawing a page (a bug) leaves the page to the app, which
    // draws it in the browser, rather than failing the request: the head,
    // the answers and the status are still sent.
    let drawing = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        recovery_colleges::app::draw(app, site, &browser, url, page.lang, &page.answers)
    }));
    let (body, drawn) = drawing.unwrap_or_else(|_| {
        tracing::error!(path, "drawing a page's first HTML failed");
        let not_found = page.answers.iter().any(|a| a.status == 404);
        let drawn = recovery_colleges::page::Drawn {
            not_found,
            ..Default::default()
        };
        (String::new(), drawn)
    });
    page::render(template, page, &body, &drawn, site)
}

/// An HTML page: never kept without asking, and different per language.
fn html_response(status: StatusCode, html: String) -> Response {
    let mut res = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Body::from(html),
    )
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // The page depends on the reader's languages.
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    res
}

/// `POST /join`: the enquiry form sent by the browser itself, before the
/// app arrived or without JavaScript. Taken as the app's JSON is
/// (`enquiries::accept`); then the sent page, or `/join` drawn again with
/// what was typed and what was wrong.
async fn join_posted(files: WebFiles, state: AppState, req: Request) -> Response {
    use recovery_colleges::pages::enquiries::draft::{Draft, Posted};
    let client = req
        .extensions()
        .get::<crate::http::client::ClientAddr>()
        .map(|c| c.0);
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return problem_response(api::Problem::new(413, "The form is too large to send"));
    };
    let pairs = api::query_string::parse(&String::from_utf8_lossy(&bytes));
    let draft = Draft::from_form_post(&pairs);
    let (form, mut errors) = draft.to_form();
    let english = recovery_colleges::i18n::text_of(api::languages::Lang::En);
    let mut field_errors: Vec<api::FieldError> = errors
        .drain(..)
        .map(|e| e.to_field_error(english.enquiry_error(e)))
        .collect();
    let mut too_many = false;
    if field_errors.is_empty() {
        let Some(client) = client else {
            return problem_response(api::Problem::new(500, "Something went wrong on our side"));
        };
        match crate::enquiries::accept(&state, client, form).await {
            Ok(receipt) => {
                let to = format!("/join/sent/{}", receipt.reference);
                return match HeaderValue::from_str(&to) {
                    Ok(location) => {
                        (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
                    }
                    Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                };
            }
            Err(crate::http::error::ApiError::Unprocessable(found)) => field_errors = found,
            // Already sent with other answers: a new token, and send again.
            Err(crate::http::error::ApiError::Conflict(_)) => {
                let e = api::enquiries::EnquiryError {
                    field: api::enquiries::EnquiryField::Token,
                    fault: api::enquiries::Fault::Invalid,
                };
                field_errors = vec![e.to_field_error(english.enquiry_error(e))];
            }
            Err(crate::http::error::ApiError::TooManyRequests(_)) => too_many = true,
            Err(other) => return other.into_response(),
        }
    }
    let Some(template) = files.template(App::Public) else {
        return problem_response(api::Problem::new(404, "Not found"));
    };
    let site = crate::http::public_origin(&parts.headers);
    let uri: Uri = "/join".parse().expect("a path");
    let mut page = first_html(&state, &uri, &parts.headers, &site).await;
    page.inline(
        api::paths::ENQUIRY_POSTED,
        &Posted {
            draft,
            errors: field_errors,
            too_many,
        },
    );
    let (_, html) = draw(template, App::Public, &page, &uri, &parts.headers, &site);
    let status = if too_many {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    html_response(status, html)
}

/// What the first HTML of a public or survey route needs, in the language
/// the app would choose: the API's answers its components draw it from, and
/// its head. (From the request's parts, not the request: its body cannot be
/// shared across the wait for the testimonials.)
async fn first_html(state: &AppState, uri: &Uri, headers: &HeaderMap, site: &str) -> page::Page {
    let path = uri.path();
    let query = uri.query().unwrap_or("");
    let pairs = api::query_string::parse(query);
    let query_lang = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str());
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    // Which page, from the table of routes the app's router reads too.
    let route = api::routes::find(path);
    let params = route
        .and_then(|r| api::routes::match_start(r.pattern, path))
        .map(|(_, params)| params)
        .unwrap_or_default();
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .unwrap_or_default()
    };
    let shown = route.map(|r| r.page);
    let directory = &state.directory;
    // A survey opens in its college's language unless the link or the
    // reader says otherwise, its not-found pages too.
    if api::routes::app_of(path) == App::Survey {
        let slug = path.split('/').nth(2).unwrap_or_default();
        let college = directory.get(slug);
        let college_lang = college
            .as_ref()
            .map(|c| Lang::of_college(&c.languages, &c.country, &c.region));
        let lang = page::choose_lang(query_lang, accept, college_lang);
        let start = shown == Some(Page::SurveyStart);
        let canonical = path.trim_end_matches('/');
        // The link as the app reads it; its course is shown only if signed.
        let link = recovery_colleges::links::FeedbackLink::parse(slug.to_string(), query);
        let course = link.course_link().map(|course| {
            (
                api::paths::course_link(&course),
                crate::surveys::links::checked(state, course),
            )
        });
        return crate::surveys::pages::survey(
            lang,
            canonical,
            slug,
            college.as_ref(),
            start,
            course,
        );
    }
    let lang = page::choose_lang(query_lang, accept, None);
    match shown {
        Some(Page::Home) => {
            let mut page = colleges::pages::home(lang, directory, site);
            with_evidence(state, &mut page, None).await;
            with_testimonials(state, &mut page, None).await;
            page
        }
        Some(Page::Directory) => colleges::pages::directory(lang, directory, query, site),
        Some(Page::College) => {
            let slug = param("slug");
            let college = directory.get(slug);
            let mut page = colleges::pages::college(lang, slug, college.as_ref(), site);
            if let Some(college) = &college {
                with_evidence(state, &mut page, Some(college)).await;
                with_testimonials(state, &mut page, Some(slug)).await;
            }
            page
        }
        Some(Page::Join) => {
            let token = crate::enquiries::new_form_token(state);
            crate::enquiries::pages::join(lang, directory, &token)
        }
        Some(Page::Suggest) => crate::enquiries::pages::suggest(lang, directory, query),
        Some(Page::JoinSent) => crate::enquiries::pages::sent(lang, path.trim_end_matches('/')),
        // The not-found page: the app's router says so.
        _ => page::Page::new(lang, path),
    }
}

/// Puts the approved testimonials `page` shows (`college`'s, or the newest
/// from all) in it. If they cannot be read, the page goes without them
/// and the app asks for them itself.
async fn with_testimonials(state: &AppState, page: &mut page::Page, college: Option<&str>) {
    match crate::surveys::testimonials::approved(state, college).await {
        Ok(quotes) => page.inline(api::paths::testimonials(college), &quotes),
        Err(e) => tracing::error!(error = %e, "reading the testimonials for a page failed"),
    }
}

/// Puts the public figures `page` shows (`college`'s, or public colleges'
/// together) in it, with the survey's words when there are figures. If
/// they cannot be read, the app asks for them itself.
async fn with_evidence(state: &AppState, page: &mut page::Page, college: Option<&api::College>) {
    let (path, figures) = match college {
        Some(c) => (
            api::paths::college_evidence(&c.slug),
            crate::surveys::evidence::for_college(state, c).await,
        ),
        None => (
            api::paths::EVIDENCE_HEADLINE.to_string(),
            crate::surveys::evidence::across_public(state).await,
        ),
    };
    match figures {
        Ok(figures) => {
            if figures.is_some() {
                let id = api::surveys::evidence::PUBLIC_SURVEY;
                if let Some(survey) = crate::surveys::current(id) {
                    page.inline(api::paths::survey(id), &survey);
                }
            }
            page.inline(path, &figures);
        }
        Err(e) => tracing::error!(error = %e, "reading the public figures for a page failed"),
    }
}

/// Whether trunk put a content hash (a 64-bit hex number, unpadded) in the
/// name (`app-0123456789abcdef.js`, `app-0123456789abcdef_bg.wasm`), so the file never changes under it.
fn is_hashed(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_starts_after_the_first_paint_without_a_wasm_preload() {
        let trunk = "<head><script type=\"module\">\nimport init, * as bindings from '/app-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: '/app-0123456789abcdef_bg.wasm' });\n</script>\n<link rel=\"modulepreload\" href=\"/app-0123456789abcdef.js\"><link rel=\"preload\" href=\"/app-0123456789abcdef_bg.wasm\" as=\"fetch\" type=\"application/wasm\"><link rel=\"preload\" href=\"/font.woff2\" as=\"font\"></head>";
        let html = started_after_first_paint(trunk);
        let wait = html.find("e.name === 'first-contentful-paint'").unwrap();
        assert!(wait < html.find("const wasm = await init(").unwrap());
        assert!(!html.contains("_bg.wasm\" as=\"fetch\""));
        // Everything else stays.
        assert!(html.contains("<link rel=\"modulepreload\" href=\"/app-0123456789abcdef.js\">"));
        assert!(html.contains("<link rel=\"preload\" href=\"/font.woff2\" as=\"font\">"));
        assert!(html.ends_with("</head>"));
        // Not trunk's loader: as it is.
        assert_eq!(started_after_first_paint("<head></head>"), "<head></head>");
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/x.js';</script></head><body><script>one()</script></body>"#;
        assert_eq!(
            inline_scripts(html),
            vec!["import x from '/x.js';", "one()"]
        );
    }

    #[test]
    fn drops_preloads_of_snippets_the_app_does_not_import() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("survey-0123.js"),
            "import * as x from './snippets/crate-1/src/other.js';",
        )
        .unwrap();
        let html = concat!(
            r#"<link rel="modulepreload" href="/survey-0123.js" crossorigin="anonymous">"#,
            r#"<link rel="modulepreload" href="/snippets/crate-1/src/map/map.js" crossorigin="anonymous">"#,
            r#"<link rel="modulepreload" href="/snippets/crate-1/src/other.js">"#,
        );
        let kept = unused_preloads_dropped(html, dir.path());
        assert!(kept.contains("/survey-0123.js"));
        assert!(!kept.contains("map.js"));
        assert!(kept.contains("other.js"));
    }

    #[test]
    fn recognises_trunk_hashes() {
        let cases = [
            ("recovery-colleges-0123456789abcdef.js", true),
            ("recovery-colleges-0123456789abcdef_bg.wasm", true),
            // trunk does not pad the hash with zeros.
            ("recovery-colleges-7ba105e63725d9c.js", true),
            ("style-89abcdef01234567.css", true),
            ("favicon.svg", false),
            ("leaflet.js", false),
            ("some-name.css", false),
        ];
        for (name, expected) in cases {
            assert_eq!(is_hashed(name), expected, "{name}");
        }
    }
}
