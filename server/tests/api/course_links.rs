//! Survey links that name a course: only the college's staff get one, the
//! survey's pages show a course only from such a link, and a response keeps
//! its course only with the link's signature (so nobody can put words on a
//! college's survey page, or make up a course to fill with responses).

use crate::helpers::*;
use api::accounts::Role;
use reqwest::Method;
use serde_json::{json, Value};

const OTHER: &str = "nottingham-recovery-college";

fn query(college: &str, course: &str) -> String {
    api::query_string::write([
        ("college", college),
        ("survey", "course-feedback"),
        ("course", course),
    ])
}

async fn sign(
    server: &TestServer,
    cookie: Option<&str>,
    college: &str,
    course: &str,
) -> (u16, Value) {
    json_of(
        server
            .request(
                Method::GET,
                &format!("/api/staff/course-links?{}", query(college, course)),
                cookie,
            )
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn only_a_colleges_staff_and_the_team_make_course_links() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();

    // The course comes back as a link carries it: spaces squashed, hidden
    // and reordering characters gone.
    let (status, link) = sign(
        &server,
        Some(&staff),
        BERN,
        "  Hope \u{202E}and\u{200B}  sleep ",
    )
    .await;
    assert_eq!(status, 200, "{link}");
    assert_eq!(link["course"], "Hope and sleep");
    assert_eq!(link["college"], BERN);
    assert_eq!(link["survey"], "course-feedback");
    let sig = link["sig"].as_str().unwrap();
    assert!(api::surveys::is_sig_shaped(sig), "{sig}");
    // The same link asked again (or by the team) has the same signature.
    assert_eq!(
        sign(&server, Some(&team), BERN, "Hope and sleep").await.1["sig"],
        sig
    );

    assert_eq!(sign(&server, None, BERN, "Hope").await.0, 401);
    assert_eq!(sign(&server, Some(&staff), OTHER, "Hope").await.0, 403);
    assert_eq!(
        sign(&server, Some(&team), "no-such-college", "Hope")
            .await
            .0,
        404
    );

    // Table of bad queries: each a 400 naming its field.
    let long = "c".repeat(101);
    for (query, field) in [
        (query(BERN, ""), "course"),
        (query(BERN, "\u{200B} \u{202E}"), "course"),
        (query(BERN, &long), "course"),
        (format!("college={BERN}&survey=nope&course=Hope"), "survey"),
        (format!("college={BERN}"), "query"),
    ] {
        let (status, body) = json_of(
            server
                .request(
                    Method::GET,
                    &format!("/api/staff/course-links?{query}"),
                    Some(&team),
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
    }
}

#[tokio::test]
async fn a_course_is_confirmed_only_with_its_own_signature() {
    let server = TestServer::start().await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let (_, link) = sign(&server, Some(&staff), BERN, "Mindfulness").await;
    let sig = link["sig"].as_str().unwrap().to_string();
    let check = |college: &str, survey: &str, course: &str, sig: &str| {
        format!(
            "/api/course-links?{}",
            api::query_string::write([
                ("college", college),
                ("survey", survey),
                ("course", course),
                ("sig", sig)
            ])
        )
    };

    let (status, good) = server
        .get_json(&check(BERN, "course-feedback", "Mindfulness", &sig))
        .await;
    assert_eq!(status, 200, "{good}");
    assert_eq!(good, link);

    let forged = "0".repeat(24);
    for path in [
        check(
            BERN,
            "course-feedback",
            "URGENT: text your NHS number to 07700 900000",
            &sig,
        ),
        check(OTHER, "course-feedback", "Mindfulness", &sig),
        check(BERN, "session-feedback", "Mindfulness", &sig),
        check(BERN, "course-feedback", "Mindfulness", &forged),
        check(BERN, "course-feedback", "Mindfulness", &sig.to_uppercase()),
    ] {
        let (status, body) = server.get_json(&path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["errors"][0]["field"], "sig", "{path}: {body}");
    }
    let (status, body) = server
        .get_json(&format!(
            "/api/course-links?college={BERN}&course=Mindfulness"
        ))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["errors"][0]["field"], "query", "{body}");
}

/// What a response keeps: the course with its signature, never the
/// signature itself; a course without one is not stored.
#[tokio::test]
async fn a_response_keeps_a_course_only_from_a_staff_link() {
    let server = TestServer::start().await;
    let response = |n: u32, course: &str| {
        json!({
            "id": format!("00000000-0000-4000-8000-{n:012x}"),
            "survey": "course-feedback", "version": 1, "college": BERN,
            "course": course, "language": "en", "answers": { "fft": "good" }
        })
    };
    let signed = server.signed(response(1, "Mindfulness")).await;
    let mut forged = response(2, "Made up");
    forged["sig"] = signed["sig"].clone();
    let unsigned = response(3, "URGENT");
    // Longer than any staff link's course: never kept, even when signed.
    let long = server.signed(response(4, &"c".repeat(101))).await;
    // Spaces and hidden marks a phone may add: read as links carry it.
    let mut spaced = response(5, "  Mindfulness\u{200B} ");
    spaced["sig"] = signed["sig"].clone();
    for body in [&signed, &forged, &unsigned, &long, &spaced] {
        assert_eq!(
            server.post_json("/api/responses", body).await.0,
            201,
            "{body}"
        );
        // A resend is the same response, not a conflict.
        assert_eq!(
            server.post_json("/api/responses", body).await.0,
            201,
            "{body}"
        );
    }
    let stored: Vec<(String, Option<String>, String)> =
        sqlx::query_as("SELECT id, course, body FROM survey_responses ORDER BY id")
            .fetch_all(&server.db)
            .await
            .unwrap();
    let courses: Vec<Option<&str>> = stored.iter().map(|(_, c, _)| c.as_deref()).collect();
    assert_eq!(
        courses,
        [Some("Mindfulness"), None, None, None, Some("Mindfulness")]
    );
    for (id, _, body) in &stored {
        let body: Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["sig"], Value::Null, "{id} keeps no signature");
        assert_eq!(body["id"], id.as_str());
    }
    assert!(!stored[1].2.contains("Made up") && !stored[2].2.contains("URGENT"));
}

/// The survey's first HTML, and its poster's, show a course only when its
/// link is signed.
#[tokio::test]
async fn the_survey_page_shows_only_a_signed_course() {
    let dist = crate::pages::dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let page = |page: &'static str, query: String| {
        let server = &server;
        async move {
            let res = server
                .get(&format!("/feedback/{BERN}{page}?{query}&lang=en"))
                .await;
            (
                res.status().as_u16(),
                res.text().await.unwrap().replace("<!>", ""),
            )
        }
    };
    let key = server::surveys::privacy::ResultsKey::load_or_create(&server.db)
        .await
        .unwrap();
    let sig = key.course_sig(BERN, "course-feedback", "Hope and sleep");

    let signed = api::query_string::write([("course", "Hope and sleep"), ("sig", &sig)]);
    let (status, html) = page("", signed.clone()).await;
    assert_eq!(status, 200);
    assert!(
        visible_text(&html).contains("Course or session: Hope and sleep"),
        "{html}"
    );
    let (_, poster) = page("/poster", signed).await;
    assert!(
        visible_text(&poster).contains("Course or session: Hope and sleep"),
        "{poster}"
    );
    assert!(
        poster.contains("course=Hope+and+sleep"),
        "the printed link names it"
    );

    for query in [
        api::query_string::write([("course", "URGENT text your NHS number")]),
        api::query_string::write([("course", "URGENT text your NHS number"), ("sig", &sig)]),
    ] {
        for kind in ["", "/poster"] {
            let (status, html) = page(kind, query.clone()).await;
            assert_eq!(status, 200, "{kind} {query}");
            let shown = shown(&html);
            // The page is the survey's, without the words: not in its text,
            // nor in the printed link, its QR code or their alt text.
            assert!(
                shown.contains("Recovery College Bern") || kind == "/poster",
                "{kind} {query}"
            );
            assert!(!shown.contains("URGENT"), "{kind} {query}: {shown}");
        }
    }
}

/// The page as a reader (or a printer) gets it: without its scripts (the
/// API answers put in the page name the link they answer) and without the
/// addresses of its links (a language link keeps the address it was
/// opened with); text, alt text and image addresses stay.
fn shown(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let script = rest.find("<script");
        let href = rest.find("href=\"");
        match (script, href) {
            (None, None) => break,
            (Some(s), h) if h.is_none_or(|h| s < h) => {
                out.push_str(&rest[..s]);
                rest = rest[s..]
                    .split_once("</script>")
                    .map_or("", |(_, after)| after);
            }
            (_, Some(h)) => {
                out.push_str(&rest[..h]);
                let value = &rest[h + 6..];
                rest = value.split_once('"').map_or("", |(_, after)| after);
            }
            _ => unreachable!(),
        }
    }
    out + rest
}

/// The page's text: [`shown`] without its tags.
fn visible_text(html: &str) -> String {
    let shown = shown(html);
    let mut text = String::new();
    let mut in_tag = false;
    for c in shown.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
