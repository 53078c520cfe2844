//! One person's enquiries exported and erased by the server's command, and
//! old enquiries deleted by the server after the retention period: both
//! through the real binary and a real SQLite file.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use api::enquiry::{EnquiryForm, EnquiryKind};
use api::staff::EnquiryDetail;
use common::{free_port, wait_until_up};
use server::enquiries::store::{insert, NewEnquiry};

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
    let exported: Vec<EnquiryDetail> = serde_json::from_slice(&out.stdout).unwrap();
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

    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_recovery-colleges-server"))
        .env("DATABASE_URL", &url)
        .env("PORT", port.to_string())
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
        .env("PORT", free_port().to_string())
        .env("ENQUIRY_RETENTION_DAYS", "0")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let said = [refused.stdout, refused.stderr].concat();
    assert!(String::from_utf8_lossy(&said).contains("ENQUIRY_RETENTION_DAYS"));
}
