//! QR codes for survey links, drawn as SVG here, so a tutor can put a
//! session's link on the classroom wall or a slide.

use api::FieldError;
use axum::extract::RawQuery;
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::http::error::ApiError;

const MAX_URL_CHARS: usize = 400;

/// A QR code (SVG) for a survey link on this site.
#[utoipa::path(get, path = "/api/qr.svg", tag = "surveys",
    params(("url" = String, Query, min_length = 1, max_length = 400, description = "A link to a feedback survey on this site (PUBLIC_URL, or the host the request reached) whose path starts with /feedback/; at most 400 characters")),
    responses(
        (status = 200, description = "The QR code", content_type = "image/svg+xml"),
        (status = 400, description = "Not a survey link", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn qr_svg(
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let url = pairs
        .iter()
        .find(|(k, _)| k == "url")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let own = crate::http::configured_origin();
    if !is_survey_link(url, own.as_deref(), crate::http::request_host(&headers)) {
        return Err(ApiError::InvalidInput(vec![FieldError::new(
            "url",
            "Give a link to a feedback survey on this site, such as https://example.org/feedback/college-slug",
        )]));
    }
    // Medium error correction: survives a crease or a smudge on a poster.
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).map_err(|_| {
        ApiError::InvalidInput(vec![FieldError::new(
            "url",
            "The link is too long for a QR code",
        )])
    })?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build();
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        image,
    ))
}

/// An absolute http(s) link on this site whose path is a feedback
/// survey's: of the configured origin when there is one, else of the host
/// the request reached. A poster never points anywhere else.
fn is_survey_link(url: &str, own_origin: Option<&str>, host: &str) -> bool {
    if url.is_empty() || url.chars().count() > MAX_URL_CHARS || url.chars().any(char::is_control) {
        return false;
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let Some(at) = rest.find('/').filter(|&at| at > 0) else {
        return false;
    };
    let ours = match own_origin {
        Some(origin) => url[..url.len() - rest.len() + at].eq_ignore_ascii_case(origin),
        None => rest[..at].eq_ignore_ascii_case(host),
    };
    ours && rest[at..].starts_with("/feedback/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_survey_links() {
        let cases = [
            (
                "https://rc.example.org/feedback/recovery-college-bern?course=A",
                true,
            ),
            ("http://rc.example.org/feedback/x", true),
            ("http://127.0.0.1:8080/feedback/x", false),
            ("https://rc.example.org/colleges", false),
            ("https:///feedback/x", false),
            ("javascript:alert(1)", false),
            ("/feedback/x", false),
            ("", false),
        ];
        for (url, ok) in cases {
            assert_eq!(is_survey_link(url, None, "rc.example.org"), ok, "{url}");
        }
        assert!(!is_survey_link(
            &format!("https://a.org/feedback/{}", "x".repeat(400)),
            None,
            "a.org"
        ));
        // Another site's survey-looking link is refused.
        assert!(!is_survey_link(
            "https://evil.example/feedback/x",
            None,
            "rc.example.org"
        ));
        let own = Some("https://rc.example.org");
        assert!(is_survey_link(
            "https://rc.example.org/feedback/x",
            own,
            "internal:8080"
        ));
        assert!(!is_survey_link(
            "http://rc.example.org/feedback/x",
            own,
            "rc.example.org"
        ));
        assert!(!is_survey_link(
            "https://rc.example.org.evil/feedback/x",
            own,
            "x"
        ));
    }
}
