//! `GET /api/languages`: every language with its translation's status, as
//! each catalogue records it and as the README lists it, and a survey
//! response accepted in each language.

use crate::helpers::*;

fn catalogue_status(tag: &str) -> String {
    let path = format!("{}/../locales/{tag}.json", env!("CARGO_MANIFEST_DIR"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    json["@meta"]["status"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn lists_every_language_with_the_status_its_catalogue_and_the_readme_give() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json(api::paths::LANGUAGES).await;
    assert_eq!(status, 200);
    let list: Vec<api::languages::LanguageInfo> = serde_json::from_value(body).unwrap();
    let tags: Vec<&str> = list.iter().map(|l| l.lang.tag()).collect();
    assert_eq!(tags, api::languages::Lang::ALL.map(|l| l.tag()).to_vec());
    let readme =
        std::fs::read_to_string(format!("{}/../README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for l in &list {
        assert_eq!(l.status, catalogue_status(l.lang.tag()), "{}", l.lang.tag());
        assert_eq!(l.dir, if l.lang.rtl() { "rtl" } else { "ltr" });
        // The README's table row: | Name | `tag` | status |
        let row = format!("| {} | `{}` | {} |", l.name, l.lang.tag(), l.status);
        assert!(readme.contains(&row), "README lacks the row {row}");
    }
}

#[tokio::test]
async fn a_response_is_accepted_in_every_language_and_not_in_others() {
    let server = TestServer::start().await;
    for lang in api::languages::Lang::ALL {
        let body = serde_json::json!({
            "id": uuid_for(lang.tag()),
            "survey": "course-feedback",
            "version": 1,
            "college": BERN,
            "language": lang.tag(),
            "answers": {"fft": "very_good"}
        });
        let (status, body) = server.post_json(api::paths::RESPONSES, &body).await;
        assert!(
            (200..300).contains(&status),
            "{}: {status} {body}",
            lang.tag()
        );
    }
    let body = serde_json::json!({
        "id": uuid_for("xx"),
        "survey": "course-feedback",
        "version": 1,
        "college": BERN,
        "language": "xx",
        "answers": {"fft": "very_good"}
    });
    let (status, body) = server.post_json(api::paths::RESPONSES, &body).await;
    assert!((400..500).contains(&status), "{status} {body}");
}

/// A fixed, valid UUID per tag, so the requests are independent responses.
fn uuid_for(tag: &str) -> String {
    let n: u64 = tag
        .bytes()
        .fold(7, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    format!("0b5c3f9e-2a41-4d6b-9c1e-{:012x}", n & 0xffff_ffff_ffff)
}
