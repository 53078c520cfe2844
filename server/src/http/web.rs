//! The built app's files: hashed assets cached for a year, every client
//! route answered with its app's index.html (one of four bundles: the
//! survey's for `/feedback/…`, the enquiry form's for `/join/…`, the staff
//! side's for `/staff/…`, the directory's for the rest), a missing asset
//! with 404.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::http::error::problem_response;

#[derive(Clone)]
pub struct WebFiles {
    dir: PathBuf,
    index_html: Arc<String>,
    /// The apps with their own bundle: a path prefix and its index.html.
    sub_apps: Vec<(&'static str, Arc<String>)>,
    /// CSP sources (`sha256-…`) for index.html's inline scripts.
    pub script_hashes: Vec<String>,
}

impl WebFiles {
    /// Reads the built app in `dir`; fails if there is no index.html.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let index_html = std::fs::read_to_string(dir.join("index.html"))?;
        let sub_apps: Vec<(&'static str, Arc<String>)> = SUB_APPS
            .iter()
            .filter_map(|(prefix, file)| {
                let html = std::fs::read_to_string(dir.join(file)).ok()?;
                Some((*prefix, Arc::new(html)))
            })
            .collect();
        let script_hashes = inline_scripts(&index_html)
            .into_iter()
            .chain(sub_apps.iter().flat_map(|(_, html)| inline_scripts(html)))
            .map(|s| {
                let digest = Sha256::digest(s.as_bytes());
                format!(
                    "sha256-{}",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        Ok(Self {
            dir: dir.to_path_buf(),
            index_html: Arc::new(index_html),
            sub_apps,
            script_hashes,
        })
    }
}

/// The apps with their own bundle: the path they serve, and where their
/// index.html is under the built app's folder.
const SUB_APPS: &[(&str, &str)] = &[
    ("/feedback", "feedback-app/index.html"),
    ("/join", "join-app/index.html"),
    ("/staff", "staff-app/index.html"),
];

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
pub fn router(files: WebFiles) -> Router {
    Router::new().fallback(move |req: Request| serve(files.clone(), req))
}

async fn serve(files: WebFiles, req: Request) -> Response {
    let path = req.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return crate::api_not_found().await;
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut res = StatusCode::METHOD_NOT_ALLOWED.into_response();
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return res;
    }
    let file_name = path.rsplit('/').next().unwrap_or("");
    if !file_name.contains('.') || file_name == "index.html" {
        // A client route: the app decides what it shows, including its 404.
        let html = files
            .sub_apps
            .iter()
            .find(|(prefix, _)| {
                path == *prefix
                    || path
                        .strip_prefix(prefix)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .map(|(_, html)| html)
            .unwrap_or(&files.index_html);
        let mut res = (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from(html.as_str().to_owned()),
        )
            .into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        return res;
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
    fn finds_inline_scripts_only() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/x.js';</script></head><body><script>one()</script></body>"#;
        assert_eq!(
            inline_scripts(html),
            vec!["import x from '/x.js';", "one()"]
        );
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
