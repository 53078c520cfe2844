//! Enquiries through a real server and SQLite file: the form's rules, spam
//! checks, durable storage and references, mail to the team (a real SMTP
//! server, also when it is down), retention, one person's data exported and
//! erased; the team's inbox, its CSV and its limit.

use crate::helpers::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use api::accounts::Role;
use api::enquiries::inbox::{EnquiryDetail, EnquiryExport};
use api::enquiries::{EnquiryForm, EnquiryKind};
use reqwest::Method;
use serde_json::{json, Value};
use server::enquiries::mail::{MailConfig, Security};
use server::enquiries::store::{insert, NewEnquiry};
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
    assert_eq!(first.status, api::enquiries::EnquiryStatus::New);
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
        ("name", json!("Ada \u{202E}nosaJ"), "name"),
        ("organisation", json!("Org\u{2066}"), "organisation"),
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
    assert!(api::enquiries::is_reference(
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
    server.clock.advance(Duration::from_secs(1));
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

fn form(name: &str, email: &str) -> EnquiryForm {
    EnquiryForm {
        kind: Some(EnquiryKind::TrainingConsultancy),
        name: name.into(),
        email: email.into(),
        organisation: "Example Trust".into(),
        role: "Trainer".into(),
        country: "IE".into(),
        message: format!("A message from {name}"),
        consent: true,
        ..Default::default()
    }
}

async fn add(db: &sqlx::SqlitePool, name: &str, email: &str, received_at: i64) {
    insert(
        db,
        NewEnquiry {
            form: &form(name, email),
            submission: None,
            spam_reason: None,
            received_at,
        },
    )
    .await
    .unwrap();
}

fn command(db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_recovery-colleges-server"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "error")
        .output()
        .expect("the command runs")
}

#[tokio::test]
async fn one_persons_enquiries_are_exported_then_erased() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("data.db").display());
    let db = server::db::connect(&url).await.unwrap();
    let now = server::clock::now();
    add(&db, "Ada", "ada@example.org", now - 100).await;
    add(&db, "Ada", "Ada@Example.org", now - 50).await;
    add(&db, "Grace", "grace@example.org", now).await;
    // A note the team wrote about Ada's first enquiry.
    sqlx::query(
        "INSERT INTO accounts (email, name, role, password_hash, created_at)
         VALUES ('team@example.org', 'Tess Team', 'team', 'x', 0)",
    )
    .execute(&db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO enquiry_notes (enquiry_id, account_id, body, created_at)
         SELECT MIN(e.id), a.id, 'Rang Ada back', 1 FROM enquiries e, accounts a",
    )
    .execute(&db)
    .await
    .unwrap();
    db.close().await;

    let out = command(&url, &["enquiries", "export", "ADA@example.org"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported: Vec<EnquiryExport> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(exported.len(), 2);
    assert!(exported.iter().all(|e| e.enquiry.name == "Ada"));
    assert_eq!(exported[0].enquiry.message, "A message from Ada");
    assert!(exported[0].enquiry.received_at < exported[1].enquiry.received_at);
    assert_eq!(exported[0].notes.len(), 1);
    assert_eq!(exported[0].notes[0].body, "Rang Ada back");
    assert_eq!(exported[0].notes[0].author, "Tess Team");
    assert!(exported[1].notes.is_empty());

    let out = command(&url, &["enquiries", "erase", "ada@example.org"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "erased 2 enquiries"
    );

    let db = server::db::connect(&url).await.unwrap();
    let left: Vec<String> = sqlx::query_scalar("SELECT email FROM enquiries")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(left, ["grace@example.org"]);
    let outbox: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(outbox, 1, "their queued emails went with them");

    let out = command(&url, &["enquiries", "export", "nobody@example.org"]);
    assert!(out.status.success());
    let none: Vec<EnquiryDetail> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn the_server_deletes_enquiries_past_the_retention_period() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("data.db").display());
    let db = server::db::connect(&url).await.unwrap();
    let day = 86_400;
    let now = server::clock::now();
    add(&db, "Old", "old@example.org", now - 31 * day).await;
    add(&db, "Recent", "recent@example.org", now - 29 * day).await;

    let listener = Listener::bind();
    let port = listener.port;
    let mut child = Command::new(env!("CARGO_BIN_EXE_recovery-colleges-server"))
        .env("DATABASE_URL", &url)
        .listen_on(&listener)
        .env("DIST_DIR", "/nonexistent")
        .env("RUST_LOG", "error")
        .env("ENQUIRY_RETENTION_DAYS", "30")
        .spawn()
        .unwrap();
    wait_until_up(port).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let left = loop {
        let left: Vec<String> = sqlx::query_scalar("SELECT name FROM enquiries ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
        if left.len() < 2 || Instant::now() > deadline {
            break left;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(left, ["Recent"]);

    // A retention period of 0 days would delete everything at once: refused.
    let refused = Command::new(env!("CARGO_BIN_EXE_recovery-colleges-server"))
        .env("DATABASE_URL", &url)
        // Refused before it would listen.
        .env("PORT", "0")
        .env("ENQUIRY_RETENTION_DAYS", "0")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let said = [refused.stdout, refused.stderr].concat();
    assert!(String::from_utf8_lossy(&said).contains("ENQUIRY_RETENTION_DAYS"));
}

/// aiosmtpd on a loopback port, writing each message into a Maildir.
struct SmtpServer {
    child: Child,
    maildir: PathBuf,
}

impl SmtpServer {
    fn start(port: u16, maildir: &Path) -> Self {
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd starts (make test-tools installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            maildir: maildir.to_path_buf(),
        }
    }

    /// The messages delivered so far.
    fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }

    async fn wait_for(&self, n: usize, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        loop {
            let messages = self.messages();
            if messages.len() >= n || Instant::now() > deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mail_config(port: u16) -> MailConfig {
    MailConfig {
        host: "127.0.0.1".into(),
        port,
        security: Security::None,
        credentials: None,
        from: "Recovery Colleges <noreply@example.org>".parse().unwrap(),
        to: vec!["Recovery College team <team@example.org>".parse().unwrap()],
        retry_base: Duration::from_secs(1),
        site: Some("https://colleges.example.org".into()),
    }
}

async fn send_enquiry(server: &TestServer, message: &str) -> String {
    let (_, token) = server.get_json("/api/enquiries/token").await;
    let (status, body) = server
        .post_json(
            "/api/enquiries",
            &json!({
                "kind": "new_college",
                "stage": "funded",
                "name": "Grace Hopper",
                "email": "grace@example.org",
                "organisation": "Beispiel Klinikum",
                "role": "Director of nursing",
                "country": "DE",
                "message": message,
                "consent": true,
                "token": token["token"],
            }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["reference"].as_str().unwrap().to_string()
}

/// Undoes quoted-printable soft line breaks and escapes, enough to read
/// the body of a plain-text message.
fn plain(message: &str) -> String {
    let joined = message.replace("=\r\n", "").replace("=\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn the_team_gets_an_email_with_the_enquirys_details() {
    let dir = tempfile::tempdir().unwrap();
    let port = unused_port();
    let smtp = SmtpServer::start(port, &dir.path().join("maildir"));
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        mail: Some(mail_config(port)),
        ..test_enquiry_config()
    })
    .await;
    let reference = send_enquiry(&server, "Wir planen ein Recovery College in Köln.").await;
    let messages = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(messages.len(), 1, "one email for one enquiry");
    let email = plain(&messages[0]);
    for expected in [
        reference.as_str(),
        "To: \"Recovery College team\" <team@example.org>",
        "Reply-To: \"Grace Hopper\" <grace@example.org>",
        "Starting a new Recovery College",
        "Funded and preparing to open",
        "Beispiel Klinikum",
        "Director of nursing",
        "Germany (DE)",
        "Wir planen ein Recovery College in Köln.",
        &format!("https://colleges.example.org/staff/enquiries/{reference}"),
    ] {
        assert!(
            email.contains(expected),
            "{expected:?} missing from:\n{email}"
        );
    }
    // Marked sent just after the mail server took it.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let sent: Option<i64> = sqlx::query_scalar("SELECT sent_at FROM mail_outbox")
            .fetch_one(&server.db)
            .await
            .unwrap();
        if sent.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "never marked sent");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn with_the_mail_server_down_the_enquiry_is_kept_and_mailed_once_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let port = unused_port();
    // Nothing listens on the port yet.
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        mail: Some(mail_config(port)),
        ..test_enquiry_config()
    })
    .await;
    let reference = send_enquiry(&server, "Sent while the mail server is down.").await;
    // The enquiry is stored at once, and the sender has tried and failed.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (attempts, error): (i64, Option<String>) =
            sqlx::query_as("SELECT attempts, last_error FROM mail_outbox")
                .fetch_one(&server.db)
                .await
                .unwrap();
        if attempts >= 1 {
            assert!(error.is_some());
            break;
        }
        assert!(Instant::now() < deadline, "the sender never tried");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let stored = server::enquiries::store::find_by_email(&server.db, "grace@example.org")
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].reference, reference);

    let smtp = SmtpServer::start(port, &dir.path().join("maildir"));
    let messages = smtp.wait_for(1, Duration::from_secs(30)).await;
    assert_eq!(messages.len(), 1, "mailed once the server is back");
    assert!(plain(&messages[0]).contains(&reference));
    // And only once: the message is marked sent (so the sender never
    // picks it again), and by then one copy has arrived.
    let deadline = Instant::now() + Duration::from_secs(20);
    let (sent, error) = loop {
        let (sent, error): (Option<i64>, Option<String>) =
            sqlx::query_as("SELECT sent_at, last_error FROM mail_outbox")
                .fetch_one(&server.db)
                .await
                .unwrap();
        if sent.is_some() || Instant::now() > deadline {
            break (sent, error);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(sent.is_some(), "the message was never marked sent");
    assert_eq!(error, None);
    assert_eq!(smtp.messages().len(), 1);
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
               "emails_waiting": 2, "mail_configured": false, "college_edits": [],
               "college_edit_emails": false, "responses_this_month": 0,
               "quotes_waiting": {"month": api::dates::add_months(&server.month(), -1).unwrap(), "colleges": []}})
    );
    // A survey response this month is counted (at all colleges, a number only).
    let (status, _) = server
        .post_json(
            "/api/responses",
            &json!({
                "id": "00000000-0000-4000-8000-000000000001", "survey": "course-feedback",
                "version": 1, "college": BERN, "language": "en", "answers": {"fft": "good"}
            }),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        get("/api/staff/summary".into()).await.1["responses_this_month"],
        1
    );

    let (status, all) = get("/api/staff/enquiries".into()).await;
    assert_eq!(status, 200);
    assert_eq!(
        refs(&all),
        [a.clone(), b.clone()],
        "open ones first, the longest waiting at the top; spam apart"
    );
    // Search: every word, in any field, in any case; LIKE's wildcards are
    // taken literally.
    for (q, found) in [
        ("grace", vec![b.clone()]),
        ("GRACE example.org", vec![b.clone()]),
        ("comma", vec![a.clone(), b.clone()]),
        ("comma%20nobody", vec![]),
        ("%25", vec![]),
        ("_", vec![]),
    ] {
        let (status, list) = get(format!("/api/staff/enquiries?q={q}")).await;
        assert_eq!(status, 200, "{q}: {list}");
        assert_eq!(refs(&list), found, "q={q}");
    }
    let (status, problem) = get(format!("/api/staff/enquiries?q={}", "a".repeat(201))).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (400, Some("q"))
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
    let (status, problem) = get("/api/staff/enquiries?from=2026-%2B1-01".into()).await;
    assert_eq!(status, 400);
    assert_eq!(problem["errors"][0]["reason"], api::dates::DATE_MESSAGE);
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
        grace[notes_col].ends_with(&format!("Staff {TEAM} (note): Called them back")),
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

#[tokio::test]
async fn a_long_inbox_is_cut_at_the_limit_open_ones_kept_first() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let limit = api::enquiries::inbox::ENQUIRY_LIST_LIMIT as i64;
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
    // The newest is dealt with: of the rest, the open ones come first.
    sqlx::query("UPDATE enquiries SET status = 'closed' WHERE reference = ?")
        .bind(format!("ENQ-2026-{:05}", limit + 1))
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
    // A queue: the longest waiting at the top; the closed one is what the
    // limit leaves out.
    assert_eq!(list[0]["reference"], "ENQ-2026-00001");
    assert_eq!(
        list[list.len() - 1]["reference"],
        format!("ENQ-2026-{limit:05}")
    );
    assert!(list.iter().all(|e| e["status"] == "new"));
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

/// The form as the browser posts it without the app: the same names as
/// the app's JSON, text only, a ticked box by its name.
fn posted(token: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.to_string()),
        ("kind", "join_learning_set".into()),
        ("runs_colleges", "yes".into()),
        ("college_count", "3".into()),
        ("name", name.to_string()),
        ("email", "ada@example.org".into()),
        ("organisation", "Example Health Trust".into()),
        ("role", "Recovery College manager".into()),
        ("country", "GB".into()),
        ("message", "We would like to join the Learning Set.".into()),
        ("consent", "on".into()),
        ("website", String::new()),
    ]
}

#[tokio::test]
async fn the_form_posted_without_the_app_is_taken_or_drawn_again_with_its_errors() {
    let dist = crate::pages::dist();
    let server = TestServer::start_with(Some(dist.path()), 0).await;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |form: Vec<(&'static str, String)>| {
        browser
            .post(format!("{}/join", server.base))
            .form(&form)
            .send()
    };

    // Taken: the sent page, with the reference, and stored once.
    let first = token(&server).await;
    let res = post(posted(&first, "Ada Lovelace")).await.unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/join/sent/ENQ-"), "{location}");
    // Sent again (a double tap), the same reference.
    let again = post(posted(&first, "Ada Lovelace")).await.unwrap();
    assert_eq!(again.headers()["location"].to_str().unwrap(), location);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 1);

    // A rule broken: the form again, with what was typed (escaped) and why.
    let mut form = posted(&token(&server).await, "<b>Ada</b>");
    form.retain(|(k, _)| *k != "email" && *k != "consent");
    let res = post(form).await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = res.text().await.unwrap();
    assert!(html.contains("There is a problem"), "an error summary");
    assert!(html.contains("Enter your email address"), "{html}");
    assert!(
        html.contains("&lt;b&gt;Ada&lt;/b&gt;"),
        "the typed name, escaped"
    );
    assert!(!html.contains("<b>Ada</b>"));
    assert!(
        html.contains("value=\"Example Health Trust\""),
        "answers kept"
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM enquiries").await, 1);

    // A forged token: asked to send again, with a fresh token in the form.
    let res = post(posted("forged", "Ada Lovelace")).await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(!html.contains("value=\"forged\""));
    assert!(html.contains("name=\"token\""));
}

/// A PATCH to an enquiry as `session`: status and body.
async fn patch_enquiry(
    server: &TestServer,
    session: &str,
    reference: &str,
    body: Value,
) -> (u16, Value) {
    let path = format!("/api/staff/enquiries/{reference}");
    send(server, Method::PATCH, &path, session, Some(body)).await
}

#[tokio::test]
async fn enquiries_are_assigned_and_the_views_follow() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account("tess@example.org", Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let tess = server.sign_in("tess@example.org", PASSWORD).await.unwrap();
    let a = enquiry(&server, "other", "Ada", "ada@example.org", "GB", false).await;
    let b = enquiry(&server, "other", "Grace", "grace@example.org", "DE", false).await;
    let c = enquiry(&server, "other", "Hedy", "hedy@example.org", "AT", false).await;
    let list = |session: String, q: &'static str| {
        let server = &server;
        async move {
            let (status, list) = json_of(
                server
                    .request(
                        Method::GET,
                        &format!("/api/staff/enquiries?{q}"),
                        Some(&session),
                    )
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(status, 200, "{q}: {list}");
            list.as_array()
                .unwrap()
                .iter()
                .map(|e| e["reference"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };

    // The team's members are offered; college staff are not, and cannot be given one.
    let (status, detail) = json_of(
        server
            .request(
                Method::GET,
                &format!("/api/staff/enquiries/{a}"),
                Some(&team),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let members: Vec<&str> = detail["team"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        members,
        [format!("Staff {TEAM}"), "Staff tess@example.org".into()]
    );
    assert!(detail.get("assignee_id").is_none());
    let staff_id = server.account_id(STAFF).await;
    let (status, problem) =
        patch_enquiry(&server, &team, &a, json!({"assign": {"account": staff_id}})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("assign"))
    );
    let tess_id = detail["team"][1]["id"].as_i64().unwrap();

    // Assigned: to Tess (by a colleague), then to oneself.
    let (status, done) =
        patch_enquiry(&server, &team, &a, json!({"assign": {"account": tess_id}})).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["enquiry"]["assignee"], "Staff tess@example.org");
    assert_eq!(done["assignee_id"], tess_id);
    let me = detail["team"][0]["id"].as_i64().unwrap();
    let (status, _) = patch_enquiry(&server, &team, &b, json!({"assign": {"account": me}})).await;
    assert_eq!(status, 200);

    assert_eq!(
        list(team.clone(), "open=true&assigned=me").await,
        std::slice::from_ref(&b)
    );
    assert_eq!(
        list(tess.clone(), "open=true&assigned=me").await,
        std::slice::from_ref(&a)
    );
    assert_eq!(
        list(team.clone(), "open=true&assigned=nobody").await,
        std::slice::from_ref(&c)
    );
    // Closed ones leave the open views but stay in the whole inbox.
    let (status, _) = patch_enquiry(&server, &tess, &a, json!({"status": "closed"})).await;
    assert_eq!(status, 200);
    assert!(list(tess.clone(), "open=true&assigned=me").await.is_empty());
    assert_eq!(
        list(tess.clone(), "assigned=me").await,
        std::slice::from_ref(&a)
    );
    assert_eq!(
        list(team.clone(), "open=true").await,
        [b.clone(), c.clone()]
    );
    assert_eq!(
        list(team.clone(), "").await,
        [b.clone(), c.clone(), a.clone()]
    );
    // Given back to nobody.
    let (status, back) = patch_enquiry(&server, &team, &b, json!({"assign": "nobody"})).await;
    assert_eq!(status, 200);
    assert!(back["enquiry"].get("assignee").is_none());
    assert_eq!(
        list(team.clone(), "open=true&assigned=nobody").await,
        [b.clone(), c.clone()]
    );
    // A view that is not one is refused by name.
    let res = server
        .request(
            Method::GET,
            "/api/staff/enquiries?assigned=everyone",
            Some(&team),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // The CSV says who has each.
    let csv = server
        .request(
            Method::GET,
            "/api/staff/enquiries.csv?assigned=me",
            Some(&tess),
        )
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows = parse_csv(&csv);
    let column = rows[0].iter().position(|h| h == "assignee").unwrap();
    assert_eq!(rows[1][column], "Staff tess@example.org");
    // Tess leaves the team: her enquiries go back to nobody, and she is
    // no longer offered; the last team member cannot leave it.
    let (_, given) =
        patch_enquiry(&server, &team, &c, json!({"assign": {"account": tess_id}})).await;
    assert_eq!(given["enquiry"]["assignee"], "Staff tess@example.org");
    let (status, _) = send(
        &server,
        Method::PATCH,
        &format!("/api/staff/accounts/{tess_id}"),
        &team,
        Some(json!({"disabled": true})),
    )
    .await;
    assert_eq!(status, 200);
    assert!(list(team.clone(), "open=true&assigned=nobody")
        .await
        .contains(&c));
    let (_, detail) = patch_enquiry(&server, &team, &c, json!({"note": "Tess has left"})).await;
    assert_eq!(detail["team"].as_array().unwrap().len(), 1);
    let (status, problem) =
        patch_enquiry(&server, &team, &c, json!({"assign": {"account": tess_id}})).await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("assign"))
    );
    let (status, problem) = send(
        &server,
        Method::PATCH,
        &format!("/api/staff/accounts/{me}"),
        &team,
        Some(json!({"role": "college_staff", "colleges": [BERN]})),
    )
    .await;
    assert_eq!(
        (status, problem["errors"][0]["field"].as_str()),
        (422, Some("role"))
    );
}

#[tokio::test]
async fn a_reply_without_email_is_recorded_and_starts_the_work() {
    let server = TestServer::start().await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let a = enquiry(&server, "other", "Ada", "ada@example.org", "GB", false).await;
    for (body, field) in [
        (json!({"reply": "   "}), "reply"),
        (json!({"reply": "x".repeat(5001)}), "reply"),
        (json!({"note": "", "reply": "Fine"}), "note"),
    ] {
        let (status, problem) = patch_enquiry(&server, &team, &a, body.clone()).await;
        assert_eq!(
            (status, problem["errors"][0]["field"].as_str()),
            (422, Some(field)),
            "{body}"
        );
    }
    let (status, detail) = patch_enquiry(
        &server,
        &team,
        &a,
        json!({"reply": "Thank you: we will call on Monday."}),
    )
    .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["sends_email"], false);
    assert_eq!(detail["enquiry"]["status"], "in_progress");
    assert_eq!(
        detail["notes"][0]["body"],
        "Thank you: we will call on Monday."
    );
    assert_eq!(detail["notes"][0]["reply"], "recorded");
    // Nothing waits to be emailed but the enquiry's own email to the team.
    let replies: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE note_id IS NOT NULL")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(replies, 0);
    // Suspected spam is not answered until it is moved to the inbox.
    let spam = enquiry(&server, "other", "Bot", "bot@example.org", "US", true).await;
    let (status, problem) = patch_enquiry(&server, &team, &spam, json!({"reply": "Hello"})).await;
    assert_eq!(
        (status, problem["errors"][0]["code"].as_str()),
        (422, Some("spam"))
    );
    let (status, rescued) = patch_enquiry(
        &server,
        &team,
        &spam,
        json!({"status": "new", "reply": "Hello"}),
    )
    .await;
    assert_eq!(
        (status, rescued["enquiry"]["status"].as_str()),
        (200, Some("new"))
    );
    // A note is not a reply.
    let (_, detail) = patch_enquiry(&server, &team, &a, json!({"note": "Left a voicemail"})).await;
    assert!(detail["notes"][1].get("reply").is_none());
}

#[tokio::test]
async fn a_reply_is_emailed_to_the_person_with_the_team_to_answer() {
    let dir = tempfile::tempdir().unwrap();
    let port = unused_port();
    let smtp = SmtpServer::start(port, &dir.path().join("maildir"));
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        mail: Some(mail_config(port)),
        ..test_enquiry_config()
    })
    .await;
    server.account(TEAM, Role::Team, &[]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let reference = send_enquiry(&server, "Können wir beitreten?").await;
    smtp.wait_for(1, Duration::from_secs(20)).await;
    let (status, detail) = patch_enquiry(
        &server,
        &team,
        &reference,
        json!({"reply": "Ja, gern: wir rufen Sie an."}),
    )
    .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["sends_email"], true);
    let messages = smtp.wait_for(2, Duration::from_secs(20)).await;
    assert_eq!(messages.len(), 2, "the team's email and the reply");
    let reply = messages
        .iter()
        .map(|m| plain(m))
        .find(|m| m.contains("Ja, gern"))
        .expect("the reply was sent");
    for expected in [
        "To: \"Grace Hopper\" <grace@example.org>",
        "Reply-To: \"Recovery College team\" <team@example.org>",
        &format!("Subject: Your enquiry {reference}"),
    ] {
        assert!(
            reply.contains(expected),
            "{expected:?} missing from:\n{reply}"
        );
    }
    // The thread says it went.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, detail) = json_of(
            server
                .request(
                    Method::GET,
                    &format!("/api/staff/enquiries/{reference}"),
                    Some(&team),
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        if detail["notes"][0]["reply"].get("sent").is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "never marked sent: {detail}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The team's email about what a college's own staff changed: only once
/// the team asked for it, only for college staff's changes, with each
/// field's old and new values and a link to the entry.
#[tokio::test]
async fn the_team_is_emailed_about_colleges_own_changes_when_it_asks() {
    let dir = tempfile::tempdir().unwrap();
    let port = unused_port();
    let smtp = SmtpServer::start(port, &dir.path().join("maildir"));
    let server = TestServer::start_with_enquiries(EnquiryConfig {
        mail: Some(mail_config(port)),
        ..test_enquiry_config()
    })
    .await;
    server.account(TEAM, Role::Team, &[]).await;
    server.account(STAFF, Role::CollegeStaff, &[BERN]).await;
    let team = server.sign_in(TEAM, PASSWORD).await.unwrap();
    let staff = server.sign_in(STAFF, PASSWORD).await.unwrap();
    let edit_phone = |who: String, phone: &'static str| {
        let server = &server;
        async move {
            let (status, _) = server
                .try_edit_college(&who, BERN, |c| c["phone"] = json!(phone))
                .await;
            assert_eq!(status, 200);
        }
    };
    let queued = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM change_mail")
            .fetch_one(&server.db)
            .await
            .unwrap()
    };
    // Not asked for yet: nothing.
    edit_phone(staff.clone(), "+41 31 000 00 01").await;
    assert_eq!(queued().await, 0);
    let (_, summary) = server.get_json_as("/api/staff/summary", &team).await;
    assert_eq!(summary["college_edit_emails"], false);
    // Asked for (the team only).
    let set = |who: String, on: bool| {
        let server = &server;
        async move {
            json_of(
                server
                    .request(Method::PUT, "/api/staff/mail-settings", Some(&who))
                    .json(&json!({"college_edits": on}))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    assert_eq!(set(staff.clone(), true).await.0, 403);
    assert_eq!(
        set(team.clone(), true).await,
        (200, json!({"college_edits": true}))
    );
    let (_, summary) = server.get_json_as("/api/staff/summary", &team).await;
    assert_eq!(summary["college_edit_emails"], true);
    // The team's own change: no email.
    edit_phone(team.clone(), "+41 31 000 00 02").await;
    assert_eq!(queued().await, 0);
    // The college's: one, with the values and the link.
    edit_phone(staff.clone(), "+41 31 000 00 03").await;
    assert_eq!(queued().await, 1);
    let messages = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(messages.len(), 1);
    let email = plain(&messages[0]);
    for expected in [
        "Staff staff@example.org (the college's staff) changed the entry for Recovery College Bern",
        "Contact phone: +41 31 000 00 02 → +41 31 000 00 03",
        &format!("https://colleges.example.org/staff/colleges/{BERN}"),
        "To: \"Recovery College team\" <team@example.org>",
    ] {
        assert!(
            email.contains(expected),
            "{expected:?} missing from:\n{email}"
        );
    }
    // Turned off again: no more.
    assert_eq!(set(team.clone(), false).await.0, 200);
    edit_phone(staff.clone(), "+41 31 000 00 04").await;
    assert_eq!(queued().await, 1);
}
