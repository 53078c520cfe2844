//! The staff side through a real server and SQLite file: sign-in and
//! sessions, accounts, the enquiries inbox and its CSV, survey results with
//! the small-number rule, testimonials, and the Origin check.

mod common;

use std::time::Duration;

use api::staff::Role;
use common::{TestServer, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};
use server::staff::SessionConfig;

const BERN: &str = "recovery-college-bern";
const TEAM: &str = "team@example.org";
const STAFF: &str = "staff@example.org";

async fn json_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn sign_in_out_and_wrong_passwords() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;

    // A wrong password and an unknown email get the same answer.
    let wrong = server
        .request(Method::POST, "/api/session", None)
        .json(&json!({"email": TEAM, "password": "not the password"}))
        .send()
        .await
        .unwrap();
    let unknown = server
        .request(Method::POST, "/api/session", None)
        .json(&json!({"email": "nobody@example.org", "password": "not the password"}))
        .send()
        .await
        .unwrap();
    let (s1, b1) = json_of(wrong).await;
    let (s2, b2) = json_of(unknown).await;
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(b1, b2);

    let res = server
        .request(Method::POST, "/api/session", None)
        .json(&json!({"email": "TEAM@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
        assert!(set_cookie.contains(part), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "served over plain http here"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let id = cookie.split_once('=').unwrap().1;
    assert!(id.len() >= 43, "256 random bits, base64url");
    let stored: Vec<String> = sqlx::query_scalar("SELECT id_hash FROM sessions")
        .fetch_all(&server.db)
        .await
        .unwrap();
    assert!(
        !stored.iter().any(|h| h.contains(id)),
        "only a hash of the id is stored"
    );
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["role"], "team");

    let (status, me) = json_of(
        server
            .request(Method::GET, "/api/session", Some(&cookie))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, me["email"].as_str()), (200, Some(TEAM)));

    // A second sign-in in the same browser makes a new id and ends the old one.
    let second = server
        .request(Method::POST, "/api/session", Some(&cookie))
        .json(&json!({"email": TEAM, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let new_cookie = second.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(new_cookie, cookie);
    let old = server
        .request(Method::GET, "/api/session", Some(&cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);

    // Sign-out ends the session on the server, not just in the browser.
    let out = server
        .request(Method::DELETE, "/api/session", Some(&new_cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let after = server
        .request(Method::GET, "/api/session", Some(&new_cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);

    let (status, body) = json_of(
        server
            .request(Method::POST, "/api/session", None)
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn sessions_end_when_idle_and_after_the_absolute_limit() {
    let idle = TestServer::start_with_sessions(SessionConfig {
        // Times are kept in whole seconds: 3 s leaves room for a second's
        // rounding either side of the 1.1 s between requests.
        idle: Duration::from_secs(3),
        ..Default::default()
    })
    .await;
    idle.account(TEAM, Role::Team, &[]).await;
    let cookie = idle.sign_in(TEAM, PASSWORD).await.unwrap();
    // Use keeps it alive…
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let res = idle
            .request(Method::GET, "/api/session", Some(&cookie))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    // …and idleness ends it.
    tokio::time::sleep(Duration::from_millis(4100)).await;
    let res = idle
        .request(Method::GET, "/api/session", Some(&cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    let absolute = TestServer::start_with_sessions(SessionConfig {
        absolute: Duration::from_secs(2),
        ..Default::default()
    })
    .await;
    absolute.account(TEAM, Role::Team, &[]).await;
    let cookie = absolute.sign_in(TEAM, PASSWORD).await.unwrap();
    let mut ended = false;
    for _ in 0..6 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let res = absolute
            .request(Method::GET, "/api/session", Some(&cookie))
            .send()
            .await
            .unwrap();
        if res.status() == 401 {
            ended = true;
            break;
        }
    }
    assert!(ended, "the session outlived its absolute limit despite use");
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_account_and_per_address() {
    let server = TestServer::start_with_sessions(SessionConfig {
        attempts_per_account: 3,
        attempts_per_address: 5,
        ..Default::default()
    })
    .await;
    server.account(TEAM, Role::Team, &[]).await;
    for _ in 0..3 {
        assert_eq!(server.sign_in(TEAM, "guessing wrongly").await, Err(401));
    }
    // Even the right password waits now.
    let res = server
        .request(Method::POST, "/api/session", None)
        .json(&json!({"email": TEAM, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // Another account from the same address: the address's limit (5) comes next.
    assert_eq!(
        server.sign_in("other@example.org", "guessing").await,
        Err(401)
    );
    assert_eq!(
        server.sign_in("third@example.org", "guessing").await,
        Err(429)
    );
}

#[tokio::test]
async fn the_team_makes_accounts_with_sound_passwords() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let create = |body: Value| {
        server
            .request(Method::POST, "/api/staff/accounts", Some(&team))
            .json(&body)
            .send()
    };
    let good = json!({"name": "Bern staff", "email": STAFF, "role": "college_staff", "colleges": [BERN], "password": "a long and private phrase"});
    let (status, account) = json_of(create(good.clone()).await.unwrap()).await;
    assert_eq!(status, 201, "{account}");
    assert_eq!(account["colleges"], json!([BERN]));
    assert!(account.get("password").is_none());
    let (status, _) = json_of(create(good.clone()).await.unwrap()).await;
    assert_eq!(status, 409);

    let cases = [
        ("password", json!("short")),
        ("password", json!("Password123")),
        ("email", json!("not an email")),
        ("colleges", json!(["no-such-college"])),
        ("colleges", json!([])),
        ("name", json!("")),
    ];
    for (field, value) in cases {
        let mut body = good.clone();
        body["email"] = json!("new@example.org");
        body[field] = value.clone();
        let (status, problem) = json_of(create(body).await.unwrap()).await;
        assert_eq!(status, 422, "{field} = {value}");
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    // Paste-length passphrases are fine.
    let mut long = good.clone();
    long["email"] = json!("long@example.org");
    long["password"] = json!("x".repeat(100) + " and more words");
    assert_eq!(create(long).await.unwrap().status(), 201);

    let staff = server
        .sign_in(STAFF, "a long and private phrase")
        .await
        .unwrap();
    let (status, me) = json_of(
        server
            .request(Method::GET, "/api/session", Some(&staff))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, me["role"].as_str()), (200, Some("college_staff")));
    let (status, list) = json_of(
        server
            .request(Method::GET, "/api/staff/accounts", Some(&team))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 3);
}

async fn enquiry(
    server: &TestServer,
    kind: &str,
    name: &str,
    email: &str,
    country: &str,
    honeypot: bool,
) -> String {
    let (_, token) = server.get_json("/api/enquiries/token").await;
    let mut body = json!({
        "kind": kind, "name": name, "email": email, "organisation": "Org, \"Quoted\" Ltd",
        "role": "Lead", "country": country, "message": "Line one\nLine two, with a comma", "consent": true,
        "token": token["token"],
    });
    match kind {
        "join_learning_set" => body["runs_colleges"] = json!(false),
        "new_college" => body["stage"] = json!("exploring"),
        "existing_college" => body["college_count"] = json!(2),
        _ => {}
    }
    if honeypot {
        body["website"] = json!("spam");
    }
    let (status, receipt) = server.post_json("/api/enquiries", &body).await;
    assert_eq!(status, 201, "{receipt}");
    receipt["reference"].as_str().unwrap().to_string()
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

#[tokio::test]
async fn the_inbox_filters_updates_rescues_and_exports() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let a = enquiry(
        &server,
        "join_learning_set",
        "=HYPERLINK(\"http://evil.example\")",
        "ada@example.org",
        "GB",
        false,
    )
    .await;
    let b = enquiry(
        &server,
        "new_college",
        "Grace",
        "grace@example.org",
        "DE",
        false,
    )
    .await;
    let spam = enquiry(&server, "other", "Bot", "bot@example.org", "US", true).await;
    let get = |path: String| {
        let team = team.clone();
        let server = &server;
        async move {
            json_of(
                server
                    .request(Method::GET, &path, Some(&team))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let refs = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|e| e["reference"].as_str().unwrap().to_string())
            .collect()
    };
    // The staff home's counts.
    let (status, summary) = get("/api/staff/summary".into()).await;
    assert_eq!(status, 200, "{summary}");
    assert_eq!(
        summary,
        json!({"new_enquiries": 2, "suspected_spam": 1, "open_suggestions": 0,
               "emails_waiting": 2, "mail_configured": false})
    );

    let (status, all) = get("/api/staff/enquiries".into()).await;
    assert_eq!(status, 200);
    assert_eq!(
        refs(&all),
        [b.clone(), a.clone()],
        "newest first, spam apart"
    );
    assert_eq!(
        refs(&get("/api/staff/enquiries?kind=new_college".into()).await.1),
        std::slice::from_ref(&b)
    );
    assert_eq!(
        refs(&get("/api/staff/enquiries?country=GB".into()).await.1),
        std::slice::from_ref(&a)
    );
    assert_eq!(
        refs(&get("/api/staff/enquiries?status=spam".into()).await.1),
        std::slice::from_ref(&spam)
    );
    let today = &server::clock::rfc3339(server::clock::now())[..10];
    assert_eq!(
        get(format!("/api/staff/enquiries?from={today}&to={today}"))
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        get("/api/staff/enquiries?to=2000-01-01".into()).await.1,
        json!([])
    );
    assert_eq!(get("/api/staff/enquiries?country=XX".into()).await.0, 400);
    assert_eq!(get("/api/staff/enquiries?status=lost".into()).await.0, 400);

    // Open one, add a note, move it on.
    let path = format!("/api/staff/enquiries/{b}");
    let (status, detail) = json_of(
        server
            .request(Method::PATCH, &path, Some(&team))
            .json(&json!({"status": "in_progress", "note": "Called them back"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["enquiry"]["status"], "in_progress");
    assert_eq!(detail["notes"][0]["body"], "Called them back");
    assert_eq!(detail["notes"][0]["author"], format!("Staff {TEAM}"));
    let (status, _) = json_of(
        server
            .request(Method::PATCH, &path, Some(&team))
            .json(&json!({"note": "  "}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        get("/api/staff/enquiries/ENQ-1999-00001".into()).await.0,
        404
    );

    // Rescue the spam: it joins the inbox and its email is queued.
    let outbox_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox")
        .fetch_one(&server.db)
        .await
        .unwrap();
    let (status, rescued) = json_of(
        server
            .request(
                Method::PATCH,
                &format!("/api/staff/enquiries/{spam}"),
                Some(&team),
            )
            .json(&json!({"status": "new"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(rescued["enquiry"]["status"], "new");
    assert!(rescued["enquiry"].get("spam_reason").is_none());
    let outbox_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(outbox_after, outbox_before + 1);

    // CSV, read back with a real parser.
    let res = server
        .request(Method::GET, "/api/staff/enquiries.csv", Some(&team))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let rows = parse_csv(&res.text().await.unwrap());
    assert_eq!(rows[0][0], "reference");
    assert_eq!(rows.len(), 4, "a header and three enquiries");
    let name_col = rows[0].iter().position(|h| h == "name").unwrap();
    let org_col = rows[0].iter().position(|h| h == "organisation").unwrap();
    let msg_col = rows[0].iter().position(|h| h == "message").unwrap();
    let ada = rows.iter().find(|r| r[0] == a).unwrap();
    assert_eq!(
        ada[name_col], "'=HYPERLINK(\"http://evil.example\")",
        "a formula is neutralised"
    );
    assert_eq!(ada[org_col], "Org, \"Quoted\" Ltd");
    assert_eq!(ada[msg_col], "Line one\nLine two, with a comma");
    // The team's notes travel with the enquiry (one person's export is
    // everything held about them).
    let notes_col = rows[0].iter().position(|h| h == "team_notes").unwrap();
    let grace = rows.iter().find(|r| r[0] == b).unwrap();
    assert!(
        grace[notes_col].ends_with(&format!("Staff {TEAM}: Called them back")),
        "{}",
        grace[notes_col]
    );
    assert_eq!(ada[notes_col], "");

    // One person's data: found (spam included), then erased.
    let (status, theirs) = get("/api/staff/enquiries?email=BOT@example.org".into()).await;
    assert_eq!((status, refs(&theirs)), (200, vec![spam.clone()]));
    let (status, erased) = json_of(
        server
            .request(Method::POST, "/api/staff/people/erase", Some(&team))
            .json(&json!({"email": "ada@example.org"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, erased["erased"].as_u64()), (200, Some(1)));
    assert_eq!(get(format!("/api/staff/enquiries/{a}")).await.0, 404);
}

fn response(n: u32, college: &str, course: &str, fft: &str, comment: &str, consent: bool) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012x}"),
        "survey": "course-feedback", "version": 1, "college": college, "course": course,
        "date": "2026-11-20", "language": "en",
        "answers": { "fft": fft, "went_well": comment, "quote_consent": consent }
    })
}

#[tokio::test]
async fn results_hide_small_groups_and_testimonials_need_consent() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let ffts = [
        "very_good",
        "very_good",
        "good",
        "poor",
        "dont_know",
        "very_good",
    ];
    for (i, fft) in ffts.iter().enumerate() {
        let comment = if i == 0 {
            "=cmd|' /C calc'!A0"
        } else {
            "The tutors listened"
        };
        let (status, body) = server
            .post_json(
                "/api/responses",
                &response(i as u32, BERN, "Anxiety", fft, comment, i % 2 == 0),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    for i in 0..3 {
        server
            .post_json(
                "/api/responses",
                &response(100 + i, BERN, "Sleep", "good", "Fine", false),
            )
            .await;
    }
    let results = |query: &str, cookie: &str| {
        server
            .request(
                Method::GET,
                &format!("/api/staff/results?{query}"),
                Some(cookie),
            )
            .send()
    };
    let (status, all) = json_of(
        results(&format!("college={BERN}&course=Anxiety"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{all}");
    let shown = &all["shown"];
    assert_eq!(shown["responses"], 6);
    assert_eq!(shown["fft_positive_pct"], 67);
    assert_eq!(shown["fft_negative_pct"], 17);
    assert_eq!(all["courses"], json!(["Anxiety", "Sleep"]));
    let fft = shown["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "fft")
        .unwrap();
    assert_eq!(fft["counts"][0], json!(["very_good", 3]));
    assert_eq!(shown["comments"].as_array().unwrap().len(), 6);

    // Three responses: too few to show anything, comments included.
    let (status, few) = json_of(
        results(&format!("college={BERN}&course=Sleep"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, &few["shown"]), (200, &Value::Null));
    let (status, _) = json_of(
        results("college=recovery-college-nottingham", &staff)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "another college's results");
    let (status, _) = json_of(results("college=no-such-college", &team).await.unwrap()).await;
    assert_eq!(status, 404);
    let (status, _) = json_of(
        results(&format!("college={BERN}&from=yesterday"), &team)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);

    // CSV: the team only; formulas neutralised; small groups say so.
    let csv_for = |query: &str, cookie: &str| {
        server
            .request(
                Method::GET,
                &format!("/api/staff/results.csv?{query}"),
                Some(cookie),
            )
            .send()
    };
    assert_eq!(
        csv_for(&format!("college={BERN}"), &staff)
            .await
            .unwrap()
            .status(),
        403
    );
    let rows = parse_csv(
        &csv_for(&format!("college={BERN}&course=Anxiety"), &team)
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(rows.len(), 7);
    let went_well = rows[0].iter().position(|h| h == "went_well").unwrap();
    assert_eq!(rows[1][went_well], "'=cmd|' /C calc'!A0");
    assert!(
        !rows[0].iter().any(|h| h == "id"),
        "no response ids in the export"
    );
    let rows = parse_csv(
        &csv_for(&format!("college={BERN}&course=Sleep"), &team)
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(rows[1][0], "too few responses to show");
    assert!(rows[1][1..].iter().all(String::is_empty));
    assert_eq!(rows.len(), 2);

    // Testimonials: only with consent, then public.
    let decide = |body: Value, cookie: String| {
        let server = &server;
        async move {
            server
                .request(Method::POST, "/api/staff/testimonials", Some(&cookie))
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let with_consent = format!("00000000-0000-4000-8000-{:012x}", 2);
    let without = format!("00000000-0000-4000-8000-{:012x}", 1);
    assert_eq!(
        decide(
            json!({"response": without, "question": "went_well", "approved": true}),
            staff.clone()
        )
        .await,
        422
    );
    assert_eq!(
        decide(
            json!({"response": with_consent, "question": "went_well", "approved": true}),
            staff.clone()
        )
        .await,
        204
    );
    let (_, public) = server
        .get_json(&format!("/api/testimonials?college={BERN}"))
        .await;
    assert_eq!(
        public,
        json!([{"college": BERN, "college_name": "Recovery College Bern", "text": "The tutors listened"}])
    );
    let (_, home) = server.get_json("/api/testimonials").await;
    assert_eq!(home.as_array().unwrap().len(), 1);
    let (_, again) = json_of(
        results(&format!("college={BERN}&course=Anxiety"), &staff)
            .await
            .unwrap(),
    )
    .await;
    assert!(again["shown"]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["testimonial"] == true));
    assert_eq!(
        decide(
            json!({"response": with_consent, "question": "went_well", "approved": false}),
            team.clone()
        )
        .await,
        204
    );
    let (_, public) = server
        .get_json(&format!("/api/testimonials?college={BERN}"))
        .await;
    assert_eq!(public, json!([]));
}

#[tokio::test]
async fn changes_from_another_site_are_refused() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let url = format!("{}/api/staff/people/erase", server.base);
    let body = json!({"email": "x@example.org"});
    let foreign = server
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .header("cookie", &team)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    let no_origin = server
        .client
        .post(&url)
        .header("cookie", &team)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(no_origin.status(), 403, "a session without Origin");
    let form = server
        .request(Method::POST, "/api/staff/people/erase", Some(&team))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=x")
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 415, "JSON only");
    let ours = server
        .request(Method::POST, "/api/staff/people/erase", Some(&team))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(ours.status(), 200);
    // Anonymous submissions from scripts without Origin still work.
    let (status, _) = server.post_json("/api/enquiries", &json!({})).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn accounts_are_disabled_reset_and_passwords_changed() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let staff_id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?")
        .bind(STAFF)
        .fetch_one(&server.db)
        .await
        .unwrap();
    let team_id: i64 = sqlx::query_scalar("SELECT id FROM accounts WHERE email = ?")
        .bind(TEAM)
        .fetch_one(&server.db)
        .await
        .unwrap();
    let patch = |id: i64, body: Value| {
        let team = team.clone();
        let server = &server;
        async move {
            json_of(
                server
                    .request(
                        Method::PATCH,
                        &format!("/api/staff/accounts/{id}"),
                        Some(&team),
                    )
                    .json(&body)
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    // Disabled: their session ends and they cannot sign in.
    let (status, account) = patch(staff_id, json!({"disabled": true})).await;
    assert_eq!((status, account["disabled"].as_bool()), (200, Some(true)));
    let res = server
        .request(Method::GET, "/api/session", Some(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(server.sign_in(STAFF, PASSWORD).await, Err(401));
    let (status, _) = patch(staff_id, json!({"disabled": false})).await;
    assert_eq!(status, 200);
    assert!(server.sign_in(STAFF, PASSWORD).await.is_ok());
    let (status, _) = patch(team_id, json!({"disabled": true})).await;
    assert_eq!(status, 422, "not one's own account");
    let (status, _) = patch(9999, json!({"disabled": true})).await;
    assert_eq!(status, 404);

    // A new password from the team, for someone who lost theirs.
    let (status, _) = patch(staff_id, json!({"password": "password1"})).await;
    assert_eq!(status, 422);
    let (status, _) = patch(staff_id, json!({"password": "a fresh start for bern"})).await;
    assert_eq!(status, 200);
    assert_eq!(server.sign_in(STAFF, PASSWORD).await, Err(401));
    let here = server
        .sign_in(STAFF, "a fresh start for bern")
        .await
        .unwrap();
    let elsewhere = server
        .sign_in(STAFF, "a fresh start for bern")
        .await
        .unwrap();

    // Changing one's own: the current password first; other sessions end.
    let change = |body: Value| {
        server
            .request(Method::POST, "/api/session/password", Some(&here))
            .json(&body)
            .send()
    };
    let (status, problem) = json_of(
        change(json!({"current": "wrong", "new": "my own phrase now"}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("current"))
    );
    let (status, problem) = json_of(
        change(json!({"current": "a fresh start for bern", "new": "short"}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("new"))
    );
    let res = change(json!({"current": "a fresh start for bern", "new": "my own phrase now"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = server
        .request(Method::GET, "/api/session", Some(&here))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "this session goes on");
    let res = server
        .request(Method::GET, "/api/session", Some(&elsewhere))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "the other one ends");
    assert!(server.sign_in(STAFF, "my own phrase now").await.is_ok());
}

#[tokio::test]
async fn a_long_inbox_is_cut_at_the_limit_newest_first() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let limit = api::staff::ENQUIRY_LIST_LIMIT as i64;
    // One more than the limit, a minute apart; the last is the newest.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO enquiries (reference, content_hash, kind, name, email, organisation, role,
             country, message, received_at)
         SELECT printf('ENQ-2026-%05d', i), 'h' || i, 'other', 'Person ' || i, 'p' || i || '@example.org',
             'Org', 'Lead', 'GB', 'Hello', 1780000000 + i * 60 FROM n",
    )
    .bind(limit + 1)
    .execute(&server.db)
    .await
    .unwrap();
    let (status, list) = json_of(
        server
            .request(Method::GET, "/api/staff/enquiries", Some(&team))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert_eq!(list.len() as i64, limit);
    assert_eq!(list[0]["reference"], format!("ENQ-2026-{:05}", limit + 1));
    assert_eq!(list[list.len() - 1]["reference"], "ENQ-2026-00002");
}

#[tokio::test]
async fn concurrent_changes_all_succeed() {
    // Staff changes read, then write, in one transaction. Under concurrent
    // writes a transaction that began as a reader cannot always become a
    // writer (SQLite answers "busy" at once, without waiting); each must
    // take the write lock first, and then waits its turn instead.
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let mut references = Vec::new();
    for i in 0..12 {
        let email = format!("c{i}@example.org");
        references.push(
            enquiry(
                &server,
                "other",
                &format!("Person {i}"),
                &email,
                "GB",
                i % 2 == 0,
            )
            .await,
        );
    }
    for round in 0..3 {
        // All sent at once, each on its own task.
        let changes: Vec<_> = references
            .iter()
            .map(|reference| {
                let request = server
                    .request(
                        Method::PATCH,
                        &format!("/api/staff/enquiries/{reference}"),
                        Some(&team),
                    )
                    .json(
                        &json!({"status": if round % 2 == 0 { "in_progress" } else { "new" },
                                  "note": format!("Round {round}")}),
                    );
                tokio::spawn(async move {
                    let res = request.send().await.unwrap();
                    (res.status().as_u16(), res.text().await.unwrap())
                })
            })
            .collect();
        let mut answers = Vec::new();
        for change in changes {
            answers.push(change.await.unwrap());
        }
        for (status, body) in answers {
            assert_eq!(status, 200, "round {round}: {body}");
        }
    }
    let notes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enquiry_notes")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(notes, 36);
}
