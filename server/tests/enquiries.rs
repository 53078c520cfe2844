//! `POST /api/enquiries` through a real server and SQLite file: the shared
//! rules for every field, spam checks (honeypot, form token, rate limit),
//! resends, and no 5xx for any input.

mod common;

use std::time::Duration;

use common::{test_enquiry_config, TestServer};
use serde_json::{json, Value};
use server::enquiries::EnquiryConfig;

async fn token(server: &TestServer) -> String {
    let res = server.get("/api/enquiries/token").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: Value = res.json().await.unwrap();
    body["token"].as_str().expect("a token").to_string()
}

fn valid(token: &str) -> Value {
    json!({
        "kind": "join_learning_set",
        "runs_colleges": true,
        "college_count": 3,
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "organisation": "Example Health Trust",
        "role": "Recovery College manager",
        "country": "GB",
        "message": "We would like to join the Learning Set.",
        "consent": true,
        "token": token,
        "website": ""
    })
}

fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&server.db).await.unwrap()
}

#[tokio::test]
async fn a_valid_enquiry_is_stored_with_a_reference_and_an_email_queued() {
    let server = TestServer::start().await;
    let (status, body) = server
        .post_json("/api/enquiries", &valid(&token(&server).await))
        .await;
    assert_eq!(status, 201, "{body}");
    let reference = body["reference"].as_str().unwrap();
    let year = server::clock::year_of(server::clock::now());
    assert_eq!(reference, format!("ENQ-{year}-00001"));
    let (status, second) = server
        .post_json("/api/enquiries", &valid(&token(&server).await))
        .await;
    assert_eq!(status, 201);
    assert_eq!(second["reference"], format!("ENQ-{year}-00002"));

    let records = server::enquiries::store::find_by_email(&server.db, "ADA@example.org")
        .await
        .unwrap();
    assert_eq!(records.len(), 2);
    let first = &records[0];
    assert_eq!(first.reference, reference);
    assert_eq!(first.status, api::enquiry::EnquiryStatus::New);
    assert_eq!(first.college_count, Some(3));
    assert_eq!(first.runs_colleges, Some(true));
    assert_eq!(first.name, "Ada Lovelace");
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL"
        )
        .await,
        2,
        "without SMTP the emails wait in the outbox"
    );
}

#[tokio::test]
async fn the_same_form_sent_twice_is_one_enquiry() {
    let server = TestServer::start().await;
    let form = valid(&token(&server).await);
    let (_, first) = server.post_json("/api/enquiries", &form).await;
    let (status, again) = server.post_json("/api/enquiries", &form).await;
    assert_eq!(status, 201);
    assert_eq!(first, again);
    let mut changed = form.clone();
    changed["message"] = json!("Something else entirely");
    let (status, body) = server.post_json("/api/enquiries", &changed).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 1);
}

#[tokio::test]
async fn every_invalid_field_is_named_with_a_reason() {
    let server = TestServer::start().await;
    let token = token(&server).await;
    let long = |n: usize| "x".repeat(n);
    let cases: Vec<(&str, Value, &str)> = vec![
        ("kind", Value::Null, "kind"),
        ("runs_colleges", Value::Null, "runs_colleges"),
        ("college_count", Value::Null, "college_count"),
        ("college_count", json!(0), "college_count"),
        ("college_count", json!(1001), "college_count"),
        ("name", json!(""), "name"),
        ("name", json!("   "), "name"),
        ("name", json!(long(121)), "name"),
        ("name", json!("Ada\u{0}"), "name"),
        ("email", json!(""), "email"),
        ("email", json!("ada"), "email"),
        ("email", json!("ada@example"), "email"),
        ("email", json!("ada @example.org"), "email"),
        (
            "email",
            json!(format!("{}@example.org", long(250))),
            "email",
        ),
        ("organisation", json!(""), "organisation"),
        ("organisation", json!(long(201)), "organisation"),
        ("role", json!(""), "role"),
        ("role", json!(long(121)), "role"),
        ("country", json!(""), "country"),
        ("country", json!("XX"), "country"),
        ("country", json!("United Kingdom"), "country"),
        ("message", json!(""), "message"),
        ("message", json!(long(5001)), "message"),
        ("consent", json!(false), "consent"),
    ];
    for (field, value, expected) in cases {
        let mut body = valid(&token);
        body[field] = value.clone();
        let (status, answer) = server.post_json("/api/enquiries", &body).await;
        assert_eq!(status, 422, "{field} = {value}: {answer}");
        assert_eq!(fields(&answer), vec![expected], "{field} = {value}");
        let reason = answer["errors"][0]["reason"].as_str().unwrap();
        assert!(reason.len() > 10, "a reason a person can act on: {reason}");
    }
    // Questions that follow the first answer.
    let mut new_college = valid(&token);
    new_college["kind"] = json!("new_college");
    let (status, answer) = server.post_json("/api/enquiries", &new_college).await;
    assert_eq!((status, fields(&answer)), (422, vec!["stage".to_string()]));
    new_college["stage"] = json!("planning");
    let (status, _) = server.post_json("/api/enquiries", &new_college).await;
    assert_eq!(
        status, 201,
        "answers the new-college path does not ask are dropped"
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 1);
    let dropped: (Option<i64>, Option<i64>, String) =
        sqlx::query_as("SELECT runs_colleges, college_count, stage FROM enquiries")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(dropped, (None, None, "planning".to_string()));
}

#[tokio::test]
async fn the_empty_form_names_every_required_field() {
    let server = TestServer::start().await;
    let (status, answer) = server.post_json("/api/enquiries", &json!({})).await;
    assert_eq!(status, 422);
    assert_eq!(
        fields(&answer),
        [
            "kind",
            "name",
            "email",
            "organisation",
            "role",
            "country",
            "message",
            "consent",
            "token"
        ]
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 0);
}

#[tokio::test]
async fn bodies_of_the_wrong_shape_are_400_never_500() {
    let server = TestServer::start().await;
    let token = token(&server).await;
    let mut unknown = valid(&token);
    unknown["favourite_colour"] = json!("green");
    let (status, answer) = server.post_json("/api/enquiries", &unknown).await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer["errors"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("favourite_colour"));

    let wrong_types: Vec<(&str, Value)> = vec![
        ("kind", json!("spaceship")),
        ("college_count", json!(-1)),
        ("college_count", json!("three")),
        ("consent", json!("yes")),
        ("name", json!(42)),
        ("stage", json!(["planning"])),
    ];
    for (field, value) in wrong_types {
        let mut body = valid(&token);
        body[field] = value.clone();
        let (status, answer) = server.post_json("/api/enquiries", &body).await;
        assert_eq!(status, 400, "{field} = {value}: {answer}");
        assert_eq!(fields(&answer), vec![field.to_string()]);
    }

    let url = format!("{}/api/enquiries", server.base);
    let raw = |body: Vec<u8>, content_type: &'static str| {
        server
            .client
            .post(&url)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let res = raw(b"name=Ada".to_vec(), "application/x-www-form-urlencoded")
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    let res = raw(b"{not json".to_vec(), "application/json")
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let mut huge = valid(&token);
    huge["message"] = json!("x".repeat(70 * 1024));
    let res = raw(serde_json::to_vec(&huge).unwrap(), "application/json")
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], 413);

    // Odd inputs of every kind: never a server error.
    let odd: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"\"text\"".to_vec(),
        b"{\"kind\": null, \"name\": null}".to_vec(),
        vec![0xff, 0xfe, 0x00],
        serde_json::to_vec(&json!({"message": "\u{202e}\u{0}"})).unwrap(),
        serde_json::to_vec(&json!({"college_count": 1e300})).unwrap(),
    ];
    for body in odd {
        let res = raw(body.clone(), "application/json").await.unwrap();
        assert!(
            res.status().is_client_error(),
            "{:?} gave {}",
            String::from_utf8_lossy(&body),
            res.status()
        );
    }
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 0);
}

#[tokio::test]
async fn the_honeypot_keeps_the_enquiry_apart_and_tells_the_bot_nothing() {
    let server = TestServer::start().await;
    let mut form = valid(&token(&server).await);
    form["website"] = json!("https://spam.example");
    let (status, body) = server.post_json("/api/enquiries", &form).await;
    assert_eq!(status, 201, "looks accepted: {body}");
    assert!(api::enquiry::is_reference(
        body["reference"].as_str().unwrap()
    ));
    let (status, reason): (String, String) =
        sqlx::query_as("SELECT status, spam_reason FROM enquiries")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(status, "spam");
    assert!(reason.contains("hidden"));
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM mail_outbox").await,
        0,
        "no email about spam"
    );
}

#[tokio::test]
async fn a_form_sent_too_fast_is_refused_and_kept_as_spam() {
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        min_fill: Duration::from_secs(30),
        ..test_enquiry_config()
    })
    .await;
    let (status, body) = server
        .post_json("/api/enquiries", &valid(&token(&server).await))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["token"]);
    assert!(body["errors"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("send it again"));
    let status: String = sqlx::query_scalar("SELECT status FROM enquiries")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(status, "spam");
}

#[tokio::test]
async fn an_expired_or_forged_token_is_refused_and_kept_as_spam() {
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        token_max_age: Duration::ZERO,
        ..test_enquiry_config()
    })
    .await;
    let token = token(&server).await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let (status, body) = server.post_json("/api/enquiries", &valid(&token)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["token"]);
    assert!(body["errors"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("long time ago"));

    let fresh = TestServer::start().await;
    for forged in ["", "123.abc.def", token.as_str()] {
        let (status, body) = fresh.post_json("/api/enquiries", &valid(forged)).await;
        assert_eq!(status, 422, "{forged}: {body}");
        assert_eq!(fields(&body), ["token"]);
    }
    assert_eq!(
        count(
            &fresh,
            "SELECT COUNT(*) FROM enquiries WHERE status = 'spam'"
        )
        .await,
        3
    );
    assert_eq!(count(&fresh, "SELECT COUNT(*) FROM mail_outbox").await, 0);
}

#[tokio::test]
async fn each_address_is_limited_per_hour() {
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        per_address_per_hour: 2,
        ..test_enquiry_config()
    })
    .await;
    for _ in 0..2 {
        let (status, _) = server
            .post_json("/api/enquiries", &valid(&token(&server).await))
            .await;
        assert_eq!(status, 201);
    }
    let res = server
        .client
        .post(format!("{}/api/enquiries", server.base))
        .json(&valid(&token(&server).await))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], 429);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 2);
}
