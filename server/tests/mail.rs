//! Emails to the team against a real SMTP server (Python's aiosmtpd, which
//! `make test` installs), and what happens while that server is down.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{free_port, test_enquiry_config, TestServer};
use serde_json::json;
use server::enquiries::mail::{MailConfig, Security};
use server::enquiries::EnquiryConfig;

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
    let port = free_port();
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
    ] {
        assert!(
            email.contains(expected),
            "{expected:?} missing from:\n{email}"
        );
    }
    let sent: Option<i64> = sqlx::query_scalar("SELECT sent_at FROM mail_outbox")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert!(sent.is_some());
}

#[tokio::test]
async fn with_the_mail_server_down_the_enquiry_is_kept_and_mailed_once_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
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
    // And only once.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(smtp.messages().len(), 1);
    let (sent, error): (Option<i64>, Option<String>) =
        sqlx::query_as("SELECT sent_at, last_error FROM mail_outbox")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert!(sent.is_some());
    assert_eq!(error, None);
}
