//! What every route shares: the layers that wrap every response (logging
//! without personal data, security headers, compression, limits, problem
//! details for bare errors), the Origin check, the JSON body extractor, the
//! error type, rate limits, the app's files and their precompression.

pub mod client;
pub mod error;
pub mod json;
pub mod limit;
pub mod origin;
pub mod page;
pub mod precompress;
pub mod query;
pub mod serve;
pub mod web;

use std::time::Duration;

use api::Problem;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::http::error::problem_response;

/// Largest request body accepted. The API takes small JSON documents only.
pub const BODY_LIMIT: usize = 64 * 1024;
/// A request taking longer than this is abandoned.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// Wraps `router` in the layers every response passes through. `csp` is the
/// Content-Security-Policy, which depends on the built index.html.
pub fn layers(router: Router, csp: &str, https: bool) -> Router {
    let csp = HeaderValue::from_str(csp).expect("the CSP is a valid header value");
    router
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn(problem_for_bare_errors))
        // Quality 5 keeps brotli and gzip cheap enough to do per response.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(middleware::from_fn(no_store_for_personal_data))
        // Another site's window cannot reach ours, nor ours theirs.
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            https.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("permissions-policy"),
            // Location only for our own "near me", asked when pressed.
            HeaderValue::from_static("geolocation=(self), camera=(), microphone=(), payment=()"),
        ))
        .layer(
            // Method and path only: query strings can hold what people typed.
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
}

/// The Content-Security-Policy: our own origin only. Scripts may also be the
/// inline ones whose hashes are given (trunk's loader), and wasm may compile.
/// Images may also come from a configured map tile server, and only then.
pub fn content_security_policy(script_hashes: &[String], tile_origin: Option<&str>) -> String {
    let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    let tiles = tile_origin.map(|o| format!(" {o}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:{tiles}; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Errors made by layers and by axum itself (405, 413, 503, a missing file)
/// come with an empty or plain-text body; give them problem details like
/// every other error, keeping headers such as `Allow`.
async fn problem_for_bare_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // JSON errors are already problems; HTML ones are the app's own
    // not-found page, which a person reads.
    let has_body = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json") || v.starts_with("text/html"));
    if has_body {
        return response;
    }
    let mut problem = Problem::new(
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error"),
    );
    problem.detail = match status {
        StatusCode::PAYLOAD_TOO_LARGE => Some(format!(
            "The request body is larger than the {} KiB this server accepts.",
            BODY_LIMIT / 1024
        )),
        StatusCode::METHOD_NOT_ALLOWED => Some("This address does not accept that method.".into()),
        StatusCode::SERVICE_UNAVAILABLE => {
            Some("The server took too long to answer. Please try again.".into())
        }
        StatusCode::NOT_FOUND => Some("There is nothing at this address.".into()),
        _ => None,
    };
    let mut replacement = problem_response(problem);
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            replacement.headers_mut().insert(name, value.clone());
        }
    }
    replacement
}

/// `https://tiles.example.org` from `https://tiles.example.org/{z}/{x}/{y}.png`;
/// `None` unless the URL is http(s) with a plain host.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split('/').next()?;
    let plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    plain.then(|| format!("{scheme}://{host}"))
}

/// This site's origin: `PUBLIC_URL` when set, otherwise the `Host` the
/// client reached, with `https://` when a trusted proxy says the client
/// came over HTTPS, else `http://`.
pub fn public_origin(headers: &axum::http::HeaderMap) -> String {
    configured_origin().unwrap_or_else(|| {
        let scheme = if client::forwarded_https(headers) {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", request_host(headers))
    })
}

/// `PUBLIC_URL`, without a trailing slash, when set.
pub fn configured_origin() -> Option<String> {
    std::env::var("PUBLIC_URL")
        .ok()
        .map(|url| url.trim().trim_end_matches('/').to_string())
        .filter(|url| !url.is_empty())
}

/// The `Host` the client reached, if it is a plain host name and port.
pub fn request_host(headers: &axum::http::HeaderMap) -> &str {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost")
}

/// Answers about people (the staff pages' data, the signed-in person) are
/// never stored by a browser or a proxy.
async fn no_store_for_personal_data(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let personal = path.starts_with("/api/staff/") || path.starts_with("/api/session");
    let mut res = next.run(req).await;
    if personal {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// A CSV download (enquiries, survey results), never cached: it holds
/// personal data or survey answers.
pub fn csv_response(csv: String, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        csv,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_origins() {
        let cases = [
            (
                "https://tiles.example.org/{z}/{x}/{y}.png",
                Some("https://tiles.example.org"),
            ),
            (
                "http://localhost:8081/t/{z}/{x}/{y}.png",
                Some("http://localhost:8081"),
            ),
            ("https://{s}.tile.example.org/{z}/{x}/{y}.png", None),
            ("javascript:alert(1)", None),
            ("ftp://x/y", None),
            ("https://a b/", None),
        ];
        for (url, expected) in cases {
            assert_eq!(origin_of(url).as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn csp_names_the_tile_origin_only_when_configured() {
        let plain = content_security_policy(&[], None);
        assert!(plain.contains("img-src 'self' data:;"));
        let tiles = content_security_policy(&[], Some("https://tiles.example.org"));
        assert!(tiles.contains("img-src 'self' data: https://tiles.example.org;"));
    }
}
