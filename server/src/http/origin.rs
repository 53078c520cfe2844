//! Cross-site request forgery defence for a JSON API: a request that
//! changes state is refused (403) when its `Origin` is another site's, and
//! when it carries a session cookie but no `Origin` at all. Browsers send
//! `Origin` with every cross-origin request and every same-origin POST,
//! PATCH and DELETE, so our own pages always pass.

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;

use crate::http::error::problem_response;

/// `scheme` is how the site is served (`https` behind TLS, else `http`):
/// an `Origin` must match it, the host and the port.
pub async fn check_origin(
    State(scheme): State<&'static str>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    // Behind a trusted proxy that took the request over HTTPS, the page
    // that sent it was https too.
    let scheme = if crate::http::client::forwarded_https(headers) {
        "https"
    } else {
        scheme
    };
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let has_session = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("rc_session="));
    let allowed = match origin {
        Some(origin) => host.is_some_and(|host| same_origin(origin, scheme, host)),
        None => !has_session,
    };
    if allowed {
        next.run(req).await
    } else {
        problem_response(
            api::Problem::new(403, "Forbidden")
                .with_detail("This request must come from this site's own pages."),
        )
    }
}

/// Whether `origin` (`http://127.0.0.1:8080`) is this site, served with
/// `scheme` at `host` (`127.0.0.1:8080`): scheme, host and port alike, a
/// default port written or not.
fn same_origin(origin: &str, scheme: &str, host: &str) -> bool {
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let strip = |h: &str| {
        h.strip_suffix(default_port)
            .unwrap_or(h)
            .to_ascii_lowercase()
    };
    origin
        .split_once("://")
        .is_some_and(|(s, rest)| s.eq_ignore_ascii_case(scheme) && strip(rest) == strip(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_scheme_host_and_port() {
        assert!(same_origin(
            "http://127.0.0.1:8080",
            "http",
            "127.0.0.1:8080"
        ));
        assert!(same_origin("https://Example.org", "https", "example.org"));
        assert!(same_origin(
            "https://example.org",
            "https",
            "example.org:443"
        ));
        assert!(!same_origin("https://evil.example", "https", "example.org"));
        assert!(!same_origin("http://example.org:81", "http", "example.org"));
        assert!(
            !same_origin("http://example.org", "https", "example.org"),
            "scheme"
        );
        assert!(
            !same_origin("https://example.org", "http", "example.org"),
            "scheme"
        );
        assert!(
            !same_origin("https://example.org:8443", "https", "example.org"),
            "port"
        );
        assert!(!same_origin("null", "http", "example.org"));
    }
}
