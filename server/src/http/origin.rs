//! Cross-site request forgery defence for a JSON API: a request that
//! changes state is refused (403) when its `Origin` is another site's, and
//! when it carries a session cookie but no `Origin` at all. Browsers send
//! `Origin` with every cross-origin request and every same-origin POST,
//! PATCH and DELETE, so our own pages always pass.

use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;

use crate::http::error::problem_response;

pub async fn check_origin(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let has_session = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("rc_session="));
    let allowed = match origin {
        Some(origin) => host.is_some_and(|host| same_host(origin, host)),
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

/// Whether `origin` (`http://127.0.0.1:8080`) names `host` (`127.0.0.1:8080`).
fn same_host(origin: &str, host: &str) -> bool {
    origin.split_once("://").is_some_and(|(scheme, rest)| {
        matches!(scheme, "http" | "https") && rest.eq_ignore_ascii_case(host)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_origin_with_host() {
        assert!(same_host("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(same_host("https://Example.org", "example.org"));
        assert!(!same_host("https://evil.example", "example.org"));
        assert!(!same_host("http://example.org:81", "example.org"));
        assert!(!same_host("null", "example.org"));
    }
}
