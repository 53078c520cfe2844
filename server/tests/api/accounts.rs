//! Staff accounts through a real server and SQLite file: sign-in and
//! sessions with their timeouts and limits, accounts made, disabled and
//! reset, passwords changed, and the Origin check on changes.

use crate::helpers::*;
use std::time::Duration;

use api::accounts::Role;
use reqwest::Method;
use serde_json::{json, Value};
use server::accounts::SessionConfig;

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
    // The old session is gone: nobody is signed in with it.
    assert_eq!(old.status(), 204);

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
    assert_eq!(after.status(), 204);

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
    // The server's clock is moved on; nothing waits in real time.
    let server = TestServer::start_with_sessions(SessionConfig {
        idle: Duration::from_secs(30 * 60),
        absolute: Duration::from_secs(12 * 3600),
        ..Default::default()
    })
    .await;
    server.account(TEAM, Role::Team, &[]).await;
    let status = |cookie: String| {
        let server = &server;
        async move {
            server
                .request(Method::GET, "/api/session", Some(&cookie))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let cookie = server.sign_in(TEAM, PASSWORD).await.unwrap();
    // Use keeps it alive: 29 minutes at a time, three times over…
    for _ in 0..3 {
        server.clock.advance(Duration::from_secs(29 * 60));
        assert_eq!(status(cookie.clone()).await, 200);
    }
    // …and idleness ends it, at 30 minutes.
    server.clock.advance(Duration::from_secs(30 * 60));
    assert_eq!(status(cookie.clone()).await, 204);
    // Ended means gone: it does not come back.
    assert_eq!(status(cookie).await, 204);

    // However busy, a session ends 12 hours after sign-in.
    let cookie = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for _ in 0..28 {
        server.clock.advance(Duration::from_secs(25 * 60));
        assert_eq!(status(cookie.clone()).await, 200);
    }
    // 11 h 40 min in, still alive; 25 more minutes passes 12 hours.
    server.clock.advance(Duration::from_secs(25 * 60));
    assert_eq!(
        status(cookie).await,
        204,
        "the session outlived its absolute limit"
    );
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

    // Someone who knows the email cannot lock its owner out: from another
    // address the owner still signs in, only a little slowed by the failures.
    let elsewhere = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let res = elsewhere
        .post(format!("{}/api/session", server.base))
        .header("origin", &server.base)
        .json(&json!({"email": TEAM, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "slowed"
    );
    assert!(
        started.elapsed()
            <= server::accounts::session::MAX_DELAY + std::time::Duration::from_secs(3)
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
        // Only spaces, the email itself, easy to guess.
        ("password", json!("            ")),
        ("password", json!("new@example.org")),
        ("password", json!("qwertyuiop12")),
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
    long["password"] = json!(
        "the quiet harbour where the fishing boats come home at dusk while gulls argue over chips on the wall"
    );
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
    // The team chose this password: nothing opens until its owner changes it.
    assert_eq!(me["must_change_password"], true, "{me}");
    assert_eq!(me["idle_seconds"], 30 * 60, "{me}");
    assert!(me["seconds_left"].as_u64().unwrap() > 11 * 3600, "{me}");
    let results = format!("/api/staff/results?college={BERN}");
    let (status, problem) = server.get_json_as(&results, &staff).await;
    assert_eq!(status, 403);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .starts_with("Choose a new password first"),
        "{problem}"
    );
    let res = server
        .request(Method::POST, "/api/session/password", Some(&staff))
        .json(&json!({"current": "a long and private phrase", "new": "a long and private phrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "the same password again is not a change");
    let res = server
        .request(Method::POST, "/api/session/password", Some(&staff))
        .json(&json!({"current": "a long and private phrase", "new": "only I know this one"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (_, me) = server.get_json_as("/api/session", &staff).await;
    assert_eq!(me["must_change_password"], false, "{me}");
    assert_eq!(server.get_json_as(&results, &staff).await.0, 200);
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
    let bern = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == STAFF)
        .unwrap();
    assert!(bern["last_sign_in"].is_string(), "{bern}");
    assert_eq!(bern["must_change_password"], false);
    let never = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "long@example.org")
        .unwrap();
    assert_eq!(never["last_sign_in"], Value::Null);
    assert_eq!(never["must_change_password"], true);
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
    let staff_id = server.account_id(STAFF).await;
    let team_id = server.account_id(TEAM).await;
    // Disabled: their session ends and they cannot sign in.
    let (status, account) =
        patch_account(&server, &team, staff_id, json!({"disabled": true})).await;
    assert_eq!((status, account["disabled"].as_bool()), (200, Some(true)));
    let res = server
        .request(Method::GET, "/api/session", Some(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "a disabled account is signed out");
    assert_eq!(server.sign_in(STAFF, PASSWORD).await, Err(401));
    let (status, _) = patch_account(&server, &team, staff_id, json!({"disabled": false})).await;
    assert_eq!(status, 200);
    assert!(server.sign_in(STAFF, PASSWORD).await.is_ok());
    let (status, _) = patch_account(&server, &team, team_id, json!({"disabled": true})).await;
    assert_eq!(status, 422, "not one's own account");
    let (status, _) = patch_account(&server, &team, 9999, json!({"disabled": true})).await;
    assert_eq!(status, 404);

    // A new password from the team, for someone who lost theirs.
    let (status, _) =
        patch_account(&server, &team, staff_id, json!({"password": "password1"})).await;
    assert_eq!(status, 422);
    let (status, _) = patch_account(
        &server,
        &team,
        staff_id,
        json!({"password": "a fresh start for bern"}),
    )
    .await;
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
    let res = server
        .request(
            Method::GET,
            &format!("/api/staff/results?college={BERN}"),
            Some(&here),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        403,
        "a password the team set is changed first"
    );

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
    assert_eq!(res.status(), 204, "the other one ends");
    assert!(server.sign_in(STAFF, "my own phrase now").await.is_ok());
}

/// Personal data is never cached; every answer keeps other sites' windows
/// apart; HTTPS deployments pin HTTPS and check the Origin's scheme.
#[tokio::test]
async fn headers_for_personal_data_and_https() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    for path in ["/api/session", "/api/staff/accounts", "/api/staff/summary"] {
        let res = server
            .request(Method::GET, path, Some(&team))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }
    let res = server
        .request(Method::GET, "/api/session", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "nobody is signed in");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let public = server.get("/api/colleges").await;
    assert_ne!(public.headers()["cache-control"], "no-store");
    assert_eq!(
        public.headers()["cross-origin-opener-policy"],
        "same-origin"
    );
    assert!(public.headers().get("strict-transport-security").is_none());

    // Served over HTTPS (COOKIE_SECURE=true): HSTS, and an http:// Origin
    // for the same host is another site.
    let secure = TestServer::start_with_sessions(server::accounts::SessionConfig {
        secure_cookie: true,
        ..Default::default()
    })
    .await;
    let res = secure.get("/api/health").await;
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
    let host = secure.base.trim_start_matches("http://").to_string();
    for (origin, refused) in [
        (format!("http://{host}"), true),
        (format!("https://{host}"), false),
        (format!("https://{host}0"), true),
    ] {
        let res = secure
            .client
            .post(format!("{}/api/session", secure.base))
            .header("origin", &origin)
            .json(&json!({"email": "", "password": ""}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status() == 403, refused, "{origin}: {}", res.status());
    }
}

/// Changing one's password checks the current one: it counts against the
/// sign-in limits, so a stolen session cannot guess it without end.
#[tokio::test]
async fn password_changes_count_against_the_sign_in_limits() {
    let server = TestServer::start_with_sessions(server::accounts::SessionConfig {
        attempts_per_account: 4,
        ..Default::default()
    })
    .await;
    server.account(TEAM, Role::Team, &[]).await;
    // The sign-in itself is one attempt.
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let change = |current: &str| {
        server
            .request(Method::POST, "/api/session/password", Some(&team))
            .json(&json!({"current": current, "new": "a much longer passphrase"}))
            .send()
    };
    for _ in 0..3 {
        assert_eq!(change("not my password").await.unwrap().status(), 422);
    }
    let res = change(PASSWORD).await.unwrap();
    assert_eq!(
        res.status(),
        429,
        "even the right one, once the limit is reached"
    );
    assert!(res.headers().get("retry-after").is_some());
}

#[tokio::test]
async fn an_account_changes_role_and_colleges_under_the_same_rule() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let (staff_id, team_id) = (
        server.account_id(STAFF).await,
        server.account_id(TEAM).await,
    );
    let nottingham = "nottingham-recovery-college";
    // Several colleges: each once, sorted; the person sees both from their next request.
    let (status, account) = patch_account(
        &server,
        &team,
        staff_id,
        json!({"colleges": [nottingham, BERN, nottingham]}),
    )
    .await;
    assert_eq!(status, 200, "{account}");
    assert_eq!(account["colleges"], json!([nottingham, BERN]));
    let (_, me) = server.get_json_as("/api/session", &staff).await;
    assert_eq!(me["colleges"], json!([nottingham, BERN]));
    let res = server
        .request(
            Method::GET,
            &format!("/api/staff/results?college={nottingham}"),
            Some(&staff),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Broken rules are named: no college for college staff, one not in the directory.
    for (body, field) in [
        (json!({"colleges": []}), "colleges"),
        (json!({"colleges": ["no-such-college"]}), "colleges"),
        (
            json!({"role": "college_staff", "colleges": ["  "]}),
            "colleges",
        ),
        (json!({"role": "governor"}), "role"),
    ] {
        let (status, problem) = patch_account(&server, &team, staff_id, body.clone()).await;
        assert!(
            (400..500).contains(&status) && problem.to_string().contains(field),
            "{body}: {status} {problem}"
        );
    }
    // Onto the team: its colleges go (the team sees every college).
    let (status, account) = patch_account(&server, &team, staff_id, json!({"role": "team"})).await;
    assert_eq!(status, 200);
    assert_eq!(
        (account["role"].as_str(), account["colleges"].clone()),
        (Some("team"), json!([]))
    );
    let res = server
        .request(Method::GET, "/api/staff/enquiries", Some(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a team member now");
    // Back to college staff: only with a college.
    let (status, _) =
        patch_account(&server, &team, staff_id, json!({"role": "college_staff"})).await;
    assert_eq!(status, 422);
    let (status, account) = patch_account(
        &server,
        &team,
        staff_id,
        json!({"role": "college_staff", "colleges": [BERN]}),
    )
    .await;
    assert_eq!((status, account["colleges"].clone()), (200, json!([BERN])));
    // Nobody takes themselves off the team.
    let (status, problem) = patch_account(
        &server,
        &team,
        team_id,
        json!({"role": "college_staff", "colleges": [BERN]}),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("role"))
    );
    assert_eq!(
        patch_account(&server, &team, 9999, json!({"role": "team"}))
            .await
            .0,
        404
    );
    // College staff cannot change accounts at all.
    let res = server
        .request(
            Method::PATCH,
            &format!("/api/staff/accounts/{staff_id}"),
            Some(&staff),
        )
        .json(&json!({"role": "team"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// A PATCH to account `id` as `cookie`'s session: status and body.
async fn patch_account(server: &TestServer, cookie: &str, id: i64, body: Value) -> (u16, Value) {
    let path = format!("/api/staff/accounts/{id}");
    send(server, Method::PATCH, &path, cookie, Some(body)).await
}
