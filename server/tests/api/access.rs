//! Every route of the API, taken from the OpenAPI document the router is
//! built with (so a new route cannot be forgotten), requested with no
//! session, as another college's staff, as this college's staff and as the
//! team: the expected status every time.

use crate::helpers::*;
use std::collections::BTreeSet;

use api::accounts::Role;
use reqwest::Method;
use serde_json::{json, Value};

const OTHER: &str = "recovery-college-nottingham";

/// One request and the status for: no session, another college's staff,
/// this college's staff, the team.
struct Case {
    method: Method,
    /// The route as the OpenAPI document names it.
    route: &'static str,
    /// The address requested.
    path: String,
    body: Option<Value>,
    expect: [u16; 4],
}

fn case(
    method: Method,
    route: &'static str,
    path: impl Into<String>,
    body: Option<Value>,
    expect: [u16; 4],
) -> Case {
    Case {
        method,
        route,
        path: path.into(),
        body,
        expect,
    }
}

#[tokio::test]
async fn every_route_answers_each_kind_of_person_as_expected() {
    let server = TestServer::start().await;
    server.account("team@example.org", Role::Team, &[]).await;
    server
        .account("bern@example.org", Role::CollegeStaff, &[BERN])
        .await;
    server
        .account("other@example.org", Role::CollegeStaff, &[OTHER])
        .await;

    // Something to look at: an enquiry and a response with a comment.
    let (_, token) = server.get_json("/api/enquiries/token").await;
    let (status, receipt) = server
        .post_json("/api/enquiries", &json!({
            "kind": "other", "name": "Ada", "email": "ada@example.org", "organisation": "Org",
            "role": "Lead", "country": "GB", "message": "Hello", "consent": true, "token": token["token"],
        }))
        .await;
    assert_eq!(status, 201);
    let reference = receipt["reference"].as_str().unwrap().to_string();
    let response_id = "00000000-0000-4000-8000-000000000001";
    let (status, _) = server
        .post_json("/api/responses", &json!({
            "id": response_id, "survey": "course-feedback", "version": 1, "college": BERN,
            "language": "en", "answers": {"fft": "good", "went_well": "Kind tutors", "quote_consent": true},
        }))
        .await;
    assert_eq!(status, 201);
    // Staff know a comment by its own id (from the results), worked out
    // here with the server's key.
    let key = server::surveys::privacy::ResultsKey::load_or_create(&server.db)
        .await
        .unwrap();
    let comment = key.comment_id(response_id, "went_well");
    let course_link = api::paths::course_link(&api::surveys::CourseLink {
        college: BERN.into(),
        survey: "course-feedback".into(),
        course: "Hope".into(),
        sig: key.course_sig(BERN, "course-feedback", "Hope"),
    });

    let (_, bern) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    let (status, suggestion) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "new_college", "details": "A college in Zug"}),
        )
        .await;
    assert_eq!(status, 201);
    let suggestion_id = suggestion["id"].as_i64().unwrap();

    let g = Method::GET;
    let p = Method::POST;
    let all = |s: u16| [s, s, s, s];
    let team_only = |s: u16| [401, 403, 403, s];
    let cases = vec![
        case(g.clone(), "/api/health", "/api/health", None, all(200)),
        case(
            g.clone(),
            "/api/health/live",
            "/api/health/live",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/colleges",
            "/api/colleges?q=bern",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/colleges/{slug}",
            format!("/api/colleges/{BERN}"),
            None,
            all(200),
        ),
        case(g.clone(), "/api/stats", "/api/stats", None, all(200)),
        case(
            g.clone(),
            "/api/languages",
            "/api/languages",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/map/colleges",
            "/api/map/colleges",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/map/config",
            "/api/map/config",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/places",
            "/api/places?q=bern",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/map/places",
            "/api/map/places?bbox=46,7,47,8",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/surveys/{id}",
            "/api/surveys/course-feedback",
            None,
            all(200),
        ),
        case(
            p.clone(),
            "/api/responses",
            "/api/responses",
            Some(json!({})),
            all(400),
        ),
        case(g.clone(), "/api/course-links", course_link, None, all(200)),
        case(
            g.clone(),
            "/api/staff/course-links",
            api::paths::staff_course_link(BERN, "course-feedback", "Hope"),
            None,
            [401, 403, 200, 200],
        ),
        case(
            g.clone(),
            "/api/qr.svg",
            format!(
                "/api/qr.svg?{}",
                serde_urlencoded::to_string([("url", format!("{}/feedback/x", server.base))])
                    .unwrap()
            ),
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/enquiries/token",
            "/api/enquiries/token",
            None,
            all(200),
        ),
        case(
            p.clone(),
            "/api/enquiries",
            "/api/enquiries",
            Some(json!({})),
            all(422),
        ),
        case(
            g.clone(),
            "/api/testimonials",
            "/api/testimonials",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/openapi.json",
            "/api/openapi.json",
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/session",
            "/api/session",
            None,
            // Signed out is an answer ("nobody"), not an error.
            [204, 200, 200, 200],
        ),
        case(
            p.clone(),
            "/api/session",
            "/api/session",
            Some(json!({})),
            all(422),
        ),
        case(
            g.clone(),
            "/api/staff/accounts",
            "/api/staff/accounts",
            None,
            team_only(200),
        ),
        case(
            g.clone(),
            "/api/staff/summary",
            "/api/staff/summary",
            None,
            team_only(200),
        ),
        case(
            Method::PUT,
            "/api/staff/mail-settings",
            "/api/staff/mail-settings",
            Some(json!({"college_edits": false})),
            team_only(200),
        ),
        case(
            p.clone(),
            "/api/staff/accounts",
            "/api/staff/accounts",
            Some(json!({})),
            team_only(422),
        ),
        case(
            Method::PATCH,
            "/api/staff/accounts/{id}",
            "/api/staff/accounts/3",
            Some(json!({"disabled": false})),
            team_only(200),
        ),
        case(
            p.clone(),
            "/api/session/password",
            "/api/session/password",
            Some(json!({"current": "not it", "new": "another long phrase"})),
            [401, 422, 422, 422],
        ),
        case(
            g.clone(),
            "/api/staff/enquiries",
            "/api/staff/enquiries",
            None,
            team_only(200),
        ),
        case(
            g.clone(),
            "/api/staff/enquiries.csv",
            "/api/staff/enquiries.csv",
            None,
            team_only(200),
        ),
        case(
            g.clone(),
            "/api/staff/enquiries/{reference}",
            format!("/api/staff/enquiries/{reference}"),
            None,
            team_only(200),
        ),
        case(
            Method::PATCH,
            "/api/staff/enquiries/{reference}",
            format!("/api/staff/enquiries/{reference}"),
            Some(json!({"status": "in_progress"})),
            team_only(200),
        ),
        case(
            p.clone(),
            "/api/staff/people/erase",
            "/api/staff/people/erase",
            Some(json!({"email": "nobody@example.org"})),
            team_only(200),
        ),
        case(
            g.clone(),
            "/api/staff/results",
            format!("/api/staff/results?college={BERN}"),
            None,
            [401, 403, 200, 200],
        ),
        case(
            g.clone(),
            "/api/staff/results.csv",
            format!("/api/staff/results.csv?college={BERN}"),
            None,
            team_only(200),
        ),
        case(
            g.clone(),
            "/api/staff/network",
            format!("/api/staff/network?college={BERN}"),
            None,
            [401, 403, 200, 200],
        ),
        case(
            g.clone(),
            "/api/staff/network.csv",
            format!("/api/staff/network.csv?college={BERN}"),
            None,
            [401, 403, 200, 200],
        ),
        case(
            g.clone(),
            "/api/colleges/{slug}/evidence",
            format!("/api/colleges/{BERN}/evidence"),
            None,
            all(200),
        ),
        case(
            g.clone(),
            "/api/evidence/headline",
            "/api/evidence/headline",
            None,
            all(200),
        ),
        case(g.clone(), "/api/evidence", "/api/evidence", None, all(200)),
        case(
            g.clone(),
            "/api/evidence.csv",
            "/api/evidence.csv",
            None,
            all(200),
        ),
        case(
            p.clone(),
            "/api/staff/testimonials",
            "/api/staff/testimonials",
            Some(json!({"college": BERN, "comment": comment, "approved": false})),
            [401, 403, 204, 204],
        ),
        case(
            p.clone(),
            "/api/suggestions",
            "/api/suggestions",
            Some(json!({})),
            all(422),
        ),
        case(
            g.clone(),
            "/api/staff/colleges",
            "/api/staff/colleges",
            None,
            [401, 200, 200, 200],
        ),
        case(
            p.clone(),
            "/api/staff/colleges",
            "/api/staff/colleges",
            Some(json!({})),
            team_only(400),
        ),
        case(
            g.clone(),
            "/api/staff/colleges/{slug}",
            format!("/api/staff/colleges/{BERN}"),
            None,
            [401, 403, 200, 200],
        ),
        case(
            Method::PUT,
            "/api/staff/colleges/{slug}",
            format!("/api/staff/colleges/{BERN}"),
            Some(json!({"college": bern, "published": true})),
            [401, 403, 200, 200],
        ),
        case(
            p.clone(),
            "/api/staff/colleges/{slug}/restore",
            format!("/api/staff/colleges/{BERN}/restore"),
            Some(json!({"change": 0, "field": "phone"})),
            [401, 403, 422, 422],
        ),
        case(
            g.clone(),
            "/api/staff/suggestions",
            "/api/staff/suggestions",
            None,
            team_only(200),
        ),
        case(
            Method::PATCH,
            "/api/staff/suggestions/{id}",
            format!("/api/staff/suggestions/{suggestion_id}"),
            Some(json!({"status": "declined"})),
            team_only(204),
        ),
        // Last: it ends the session it is sent with.
        case(
            Method::DELETE,
            "/api/session",
            "/api/session",
            None,
            all(204),
        ),
    ];

    // The table covers the API exactly: every documented operation, no more.
    let (_, doc) = server.get_json("/api/openapi.json").await;
    let documented: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "post", "put", "patch", "delete"].contains(&m.as_str()))
                .map(move |m| format!("{} {path}", m.to_uppercase()))
        })
        .collect();
    let tested: BTreeSet<String> = cases
        .iter()
        .map(|c| format!("{} {}", c.method, c.route))
        .collect();
    assert_eq!(
        tested, documented,
        "a route without an access case, or a case without a route"
    );

    let personas = [
        "no session",
        "another college's staff",
        "this college's staff",
        "the team",
    ];
    let mut cookies = vec![None];
    for email in ["other@example.org", "bern@example.org", "team@example.org"] {
        cookies.push(Some(server.sign_in(email, PASSWORD).await.unwrap()));
    }
    let mut failures = Vec::new();
    for c in &cases {
        for (i, cookie) in cookies.iter().enumerate() {
            let mut req = server.request(c.method.clone(), &c.path, cookie.as_deref());
            if let Some(body) = &c.body {
                req = req.json(body);
            }
            let status = req.send().await.unwrap().status().as_u16();
            if status != c.expect[i] {
                failures.push(format!(
                    "{} {} as {}: {status}, expected {}",
                    c.method, c.path, personas[i], c.expect[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
