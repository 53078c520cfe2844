//! Directory editing through a real server: the team creates, edits and
//! unpublishes colleges, college staff edit their own, every change is in
//! the history; public suggestions go to the team's queue.

mod common;

use api::staff::Role;
use common::{TestServer, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

const BERN: &str = "recovery-college-bern";

async fn send(
    server: &TestServer,
    method: Method,
    path: &str,
    cookie: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = server.request(method, path, Some(cookie));
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn edits_are_checked_recorded_and_published_at_once() {
    let server = TestServer::start().await;
    server.account("team@example.org", Role::Team, &[]).await;
    server
        .account("bern@example.org", Role::CollegeStaff, &[BERN])
        .await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    let staff = server.sign_in("bern@example.org", PASSWORD).await.unwrap();
    let path = format!("/api/staff/colleges/{BERN}");

    // College staff fill in what the sources did not say.
    let (status, record) = send(&server, Method::GET, &path, &staff, None).await;
    assert_eq!(status, 200);
    assert_eq!(record["history"], json!([]));
    let mut college = record["college"].clone();
    college["delivery"] = json!("both");
    college["email"] = json!("info@example.ch");
    let (status, saved) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": college, "published": true})),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["history"][0]["author"], "Staff bern@example.org");
    assert_eq!(saved["history"][0]["fields"], json!(["delivery", "email"]));
    // The public directory shows it straight away.
    let (_, public) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(public["delivery"], "both");
    let (_, found) = server.get_json("/api/colleges?delivery=both").await;
    assert_eq!(found["total"], 1);

    // But not Learning Set membership, nor listing, nor a broken field.
    let mut member = college.clone();
    member["learning_set_member"] = json!(true);
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": member, "published": true})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(problem["errors"][0]["field"], "college.learning_set_member");
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": college, "published": false})),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("published"))
    );
    let mut broken = college.clone();
    broken["website"] = json!("javascript:alert(1)");
    broken["country"] = json!("XX");
    let (status, problem) = send(
        &server,
        Method::PUT,
        &path,
        &staff,
        Some(json!({"college": broken, "published": true})),
    )
    .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["college.country", "college.website"]);
    let (status, _) = send(
        &server,
        Method::PUT,
        "/api/staff/colleges/recovery-college-nottingham",
        &staff,
        Some(json!({"college": college, "published": true})),
    )
    .await;
    assert_eq!(status, 403);

    // The team sets membership and unpublishes; the history keeps both.
    let (status, _) = send(
        &server,
        Method::PUT,
        &path,
        &team,
        Some(json!({"college": member, "published": false})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = server.get_json(&format!("/api/colleges/{BERN}")).await;
    assert_eq!(status, 404, "unpublished: gone from the public directory");
    let (_, record) = send(&server, Method::GET, &path, &team, None).await;
    assert_eq!(record["published"], false);
    assert_eq!(record["history"].as_array().unwrap().len(), 2);
    assert_eq!(
        record["history"][0]["fields"],
        json!(["learning_set_member", "unpublished"])
    );
    let (_, mine) = send(&server, Method::GET, "/api/staff/colleges", &staff, None).await;
    assert_eq!(
        mine.as_array().unwrap().len(),
        1,
        "college staff see their own college, listed or not"
    );

    // A new college, from the team.
    let mut new = college.clone();
    new["slug"] = json!("recovery-college-zug");
    new["name"] = json!("Recovery College Zug");
    new["locality"] = json!("Zug");
    let (status, created) = send(
        &server,
        Method::POST,
        "/api/staff/colleges",
        &team,
        Some(json!({"college": new, "published": true})),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["history"][0]["fields"], json!(["created"]));
    let (status, _) = server.get_json("/api/colleges/recovery-college-zug").await;
    assert_eq!(status, 200);
    let (status, _) = send(
        &server,
        Method::POST,
        "/api/staff/colleges",
        &team,
        Some(json!({"college": new, "published": true})),
    )
    .await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn suggestions_reach_the_team_queue() {
    let server = TestServer::start().await;
    server.account("team@example.org", Role::Team, &[]).await;
    let team = server.sign_in("team@example.org", PASSWORD).await.unwrap();
    let (status, problem) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "change", "details": "x"}),
        )
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("college"))
    );
    let (status, problem) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "change", "college": "nope", "details": "x"}),
        )
        .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("college"))
    );
    let (status, _) = server.post_json("/api/suggestions", &json!({"kind": "change", "college": BERN, "details": "New phone number", "email": "ada@example.org"})).await;
    assert_eq!(status, 201);
    let (status, _) = server
        .post_json(
            "/api/suggestions",
            &json!({"kind": "new_college", "details": "Zug", "website": "bot"}),
        )
        .await;
    assert_eq!(status, 201, "the bot is not told");
    let (status, queue) = send(&server, Method::GET, "/api/staff/suggestions", &team, None).await;
    assert_eq!(status, 200);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue[0]["status"], "open");
    assert_eq!(queue[0]["details"], "New phone number");
    assert_eq!(
        queue[1]["status"], "declined",
        "the honeypot's suggestion is declined at once"
    );
    let id = queue[0]["id"].as_i64().unwrap();
    let (status, _) = send(
        &server,
        Method::PATCH,
        &format!("/api/staff/suggestions/{id}"),
        &team,
        Some(json!({"status": "approved"})),
    )
    .await;
    assert_eq!(status, 204);
    let (_, queue) = send(&server, Method::GET, "/api/staff/suggestions", &team, None).await;
    let decided = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap();
    assert_eq!(decided["status"], "approved");
    assert_eq!(decided["decided_by"], "Staff team@example.org");
    let (status, _) = send(
        &server,
        Method::PATCH,
        "/api/staff/suggestions/9999",
        &team,
        Some(json!({"status": "approved"})),
    )
    .await;
    assert_eq!(status, 404);
}
