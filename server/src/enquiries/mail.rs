//! Telling the team of each enquiry by email. The enquiry's transaction
//! writes a row to `mail_outbox`; this task sends what is due and retries
//! failures with growing waits, so a mail server that is down delays the
//! email but never loses or blocks the enquiry.

use std::sync::Arc;
use std::time::Duration;

use api::enquiries::EnquiryRecord;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::SqlitePool;
use tokio::sync::Notify;

use super::store::{record_from_row, RECORD_COLUMNS};
use crate::clock;

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587).
    StartTls,
    /// TLS from the start (port 465).
    Tls,
    /// No encryption: only for a relay on the same host or in tests.
    None,
}

#[derive(Clone, Debug)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<(String, String)>,
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    /// The first wait after a failure; each later one doubles, up to an hour.
    pub retry_base: Duration,
    /// This site's address (`PUBLIC_URL`), so the team's email links to
    /// the enquiry in the inbox.
    pub site: Option<String>,
}

impl MailConfig {
    /// From `SMTP_HOST`, `SMTP_PORT`, `SMTP_SECURITY`, `SMTP_USERNAME`,
    /// `SMTP_PASSWORD`, `MAIL_FROM`, `MAIL_TO` and `MAIL_RETRY_SECONDS`;
    /// `None` without `SMTP_HOST`.
    pub fn from_env() -> Result<Option<Self>, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let Some(host) = var("SMTP_HOST") else {
            return Ok(None);
        };
        let security = match var("SMTP_SECURITY").as_deref() {
            None | Some("starttls") => Security::StartTls,
            Some("tls") => Security::Tls,
            Some("none") => Security::None,
            Some(other) => {
                return Err(format!(
                    "SMTP_SECURITY must be starttls, tls or none, not {other:?}"
                ))
            }
        };
        let port = match var("SMTP_PORT") {
            Some(p) => p
                .parse()
                .map_err(|_| format!("SMTP_PORT must be a port number, not {p:?}"))?,
            None => match security {
                Security::StartTls => 587,
                Security::Tls => 465,
                Security::None => 25,
            },
        };
        let credentials = match (var("SMTP_USERNAME"), var("SMTP_PASSWORD")) {
            (Some(u), Some(p)) => Some((u, p)),
            (None, None) => None,
            _ => return Err("SMTP_USERNAME and SMTP_PASSWORD go together".into()),
        };
        let from = var("MAIL_FROM")
            .ok_or("MAIL_FROM is needed with SMTP_HOST")?
            .parse::<Mailbox>()
            .map_err(|e| format!("MAIL_FROM is not an email address: {e}"))?;
        let to = var("MAIL_TO")
            .ok_or("MAIL_TO (the team's address) is needed with SMTP_HOST")?
            .split(',')
            .map(|a| {
                a.trim()
                    .parse::<Mailbox>()
                    .map_err(|e| format!("MAIL_TO has an address that is not one ({a:?}): {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let retry_base = match var("MAIL_RETRY_SECONDS") {
            Some(s) => Duration::from_secs(
                s.parse()
                    .map_err(|_| format!("MAIL_RETRY_SECONDS must be a number, not {s:?}"))?,
            ),
            None => Duration::from_secs(60),
        };
        Ok(Some(Self {
            host,
            port,
            security,
            credentials,
            from,
            to,
            retry_base,
            site: crate::http::configured_origin(),
        }))
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let builder = match self.security {
            Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&self.host)
                .map_err(|e| e.to_string())?,
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&self.host)
                .map_err(|e| e.to_string())?,
            Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host),
        };
        let mut builder = builder
            .port(self.port)
            .timeout(Some(Duration::from_secs(30)));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// Starts the sender; `wake` is notified when a new enquiry or a reply is
/// stored.
pub fn start(db: SqlitePool, config: MailConfig, wake: Arc<Notify>) {
    tokio::spawn(async move {
        let transport = match config.transport() {
            Ok(t) => t,
            Err(e) => {
                tracing::error!(error = %e, "the SMTP settings do not work; enquiries wait in the outbox");
                return;
            }
        };
        loop {
            let next = match send_due(&db, &config, &transport).await {
                Ok(next) => next,
                Err(e) => {
                    tracing::error!(error = %e, "reading the mail outbox failed");
                    Some(clock::now() + 60)
                }
            };
            // Sleep until the next retry is due (at most a minute, in case
            // the clock jumps), or until a new enquiry arrives.
            let wait = next
                .map(|at| (at - clock::now()).clamp(0, 60) as u64)
                .unwrap_or(60);
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(wait)) => {}
            }
        }
    });
}

/// Sends every email that is due; answers when the next one will be.
async fn send_due(
    db: &SqlitePool,
    config: &MailConfig,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
) -> Result<Option<i64>, sqlx::Error> {
    let due = sqlx::query(&format!(
        "SELECT o.id AS outbox_id, o.attempts, n.body AS reply, {RECORD_COLUMNS}
         FROM mail_outbox o JOIN enquiries ON enquiries.id = o.enquiry_id
         LEFT JOIN enquiry_notes n ON n.id = o.note_id
         WHERE o.sent_at IS NULL AND o.next_attempt_at <= ?
         ORDER BY o.next_attempt_at LIMIT 50"
    ))
    .bind(clock::now())
    .fetch_all(db)
    .await?;
    for row in &due {
        use sqlx::Row;
        let outbox_id: i64 = row.try_get("outbox_id")?;
        let attempts: i64 = row.try_get("attempts")?;
        let record = record_from_row(row)?;
        let reply: Option<String> = row.try_get("reply")?;
        let email = match &reply {
            Some(text) => reply_message(config, &record, text),
            None => message(config, &record),
        };
        let what = if reply.is_some() {
            "reply emailed to the person"
        } else {
            "enquiry emailed to the team"
        };
        match deliver(
            db,
            config,
            transport,
            Outbox::Enquiries,
            outbox_id,
            attempts,
            email,
        )
        .await?
        {
            // The reference only: the enquiry's personal data stays out of logs.
            Delivery::Sent => tracing::info!(reference = %record.reference, "{what}"),
            Delivery::GivenUp => {
                tracing::error!(reference = %record.reference, attempts = attempts + 1, "emailing failed for good; not retried")
            }
            Delivery::Retry(wait) => {
                tracing::warn!(reference = %record.reference, attempts = attempts + 1, retry_in_s = wait.as_secs(), "emailing failed; will retry")
            }
        }
    }
    send_changes_due(db, config, transport).await?;
    sqlx::query_scalar(
        "SELECT MIN(at) FROM (
            SELECT MIN(next_attempt_at) AS at FROM mail_outbox WHERE sent_at IS NULL
            UNION ALL SELECT MIN(next_attempt_at) FROM change_mail WHERE sent_at IS NULL)",
    )
    .fetch_one(db)
    .await
}

/// The two outboxes, which the sender works through alike.
#[derive(Clone, Copy)]
enum Outbox {
    /// `mail_outbox`: enquiries' emails to the team, and replies.
    Enquiries,
    /// `change_mail`: the team's emails about colleges' own changes.
    Changes,
}

impl Outbox {
    const fn table(self) -> &'static str {
        match self {
            Outbox::Enquiries => "mail_outbox",
            Outbox::Changes => "change_mail",
        }
    }
}

/// What became of one email.
enum Delivery {
    Sent,
    /// Tried again after this wait.
    Retry(Duration),
    /// Never tried again: it could not be written, or the mail server
    /// refused it for good (5xx).
    GivenUp,
}

/// Sends one outbox row's email (or records why it could not be written)
/// and records the attempt. The error is kept in the outbox, not logged: a
/// mail server's answer may quote a person's address.
async fn deliver(
    db: &SqlitePool,
    config: &MailConfig,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    outbox: Outbox,
    id: i64,
    attempts: i64,
    email: Result<Message, String>,
) -> Result<Delivery, sqlx::Error> {
    let table = outbox.table();
    let result = match email {
        Ok(email) => transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| (e.to_string(), e.is_permanent())),
        Err(e) => Err((e, true)),
    };
    let (delivery, next, error) = match result {
        Ok(()) => {
            sqlx::query(&format!(
                "UPDATE {table} SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?"
            ))
            .bind(clock::now())
            .bind(id)
            .execute(db)
            .await?;
            return Ok(Delivery::Sent);
        }
        Err((e, true)) => (Delivery::GivenUp, GIVEN_UP, e),
        Err((e, false)) => {
            let wait = retry_wait(config.retry_base, attempts as u32);
            (
                Delivery::Retry(wait),
                clock::now() + wait.as_secs() as i64,
                e,
            )
        }
    };
    sqlx::query(&format!(
        "UPDATE {table} SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?"
    ))
    .bind(next)
    .bind(&error)
    .bind(id)
    .execute(db)
    .await?;
    Ok(delivery)
}

/// Sends the team's emails about colleges' own changes to their entries
/// that are due, retried as enquiries' emails are.
async fn send_changes_due(
    db: &SqlitePool,
    config: &MailConfig,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
) -> Result<(), sqlx::Error> {
    let due: Vec<(i64, i64, i64, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT m.id, m.attempts, c.id, c.slug, c.account_id, c.changed_at
         FROM change_mail m JOIN college_changes c ON c.id = m.change_id
         WHERE m.sent_at IS NULL AND m.next_attempt_at <= ?
         ORDER BY m.next_attempt_at LIMIT 50",
    )
    .bind(clock::now())
    .fetch_all(db)
    .await?;
    for (mail_id, attempts, change_id, slug, account, changed_at) in due {
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM colleges WHERE slug = ?")
            .bind(&slug)
            .fetch_optional(db)
            .await?;
        let author = match account {
            Some(id) => crate::accounts::names(db, &[id]).await?.remove(&id),
            None => None,
        };
        let values = crate::colleges::store::history(db, &slug)
            .await?
            .into_iter()
            .find(|c| c.id == change_id)
            .map(|c| c.values)
            .unwrap_or_default();
        let change = CollegeChangeMail {
            slug: &slug,
            college: name.as_deref().unwrap_or(&slug),
            author: author.as_deref().unwrap_or("A former account"),
            changed_at: &clock::rfc3339(changed_at),
            values: &values,
        };
        let email = change_message(config, &change);
        match deliver(
            db,
            config,
            transport,
            Outbox::Changes,
            mail_id,
            attempts,
            email,
        )
        .await?
        {
            Delivery::Sent => {
                tracing::info!(college = %slug, "college's change emailed to the team")
            }
            Delivery::GivenUp => {
                tracing::error!(college = %slug, attempts = attempts + 1, "emailing a college's change failed for good; not retried")
            }
            Delivery::Retry(wait) => {
                tracing::warn!(college = %slug, attempts = attempts + 1, retry_in_s = wait.as_secs(), "emailing a college's change failed; will retry")
            }
        }
    }
    Ok(())
}

/// A change a college's own staff made, as the team's email tells it.
pub struct CollegeChangeMail<'a> {
    pub slug: &'a str,
    pub college: &'a str,
    pub author: &'a str,
    /// RFC 3339.
    pub changed_at: &'a str,
    pub values: &'a [api::colleges::editing::FieldChange],
}

/// The team's email about a college's own change: each field from → to,
/// and a link to the entry, where a value can be restored.
pub fn change_message(config: &MailConfig, change: &CollegeChangeMail) -> Result<Message, String> {
    let mut builder = Message::builder()
        .from(config.from.clone())
        .subject(format!("{}: its staff changed its entry", change.college));
    for to in &config.to {
        builder = builder.to(to.clone());
    }
    let shown = |v: &str| {
        if v.is_empty() {
            "(empty)".to_string()
        } else {
            v.to_string()
        }
    };
    let mut lines = vec![
        format!(
            "{} (the college's staff) changed the entry for {} at {}:",
            change.author, change.college, change.changed_at
        ),
        String::new(),
    ];
    for v in change.values {
        let label = api::colleges::editing::field_label(&v.field);
        lines.push(match &v.before {
            Some(before) => format!("{label}: {} → {}", shown(before), shown(&v.after)),
            None => format!("{label}: {}", shown(&v.after)),
        });
    }
    let path = api::routes::pattern(api::routes::Page::StaffCollege).replace(":slug", change.slug);
    lines.push(String::new());
    lines.push(match &config.site {
        Some(site) => format!("Look it over, or put back an earlier value: {site}{path}"),
        None => format!(
            "Look it over in the staff pages at {path} (set PUBLIC_URL to make this a link)."
        ),
    });
    builder
        .header(ContentType::TEXT_PLAIN)
        .body(lines.join("\n"))
        .map_err(|e| e.to_string())
}

/// An outbox row's `next_attempt_at` once it will never be tried again.
pub const GIVEN_UP: i64 = i64::MAX;

/// The wait after `attempts` earlier failures: base, 2×base, 4×base…, at
/// most an hour.
pub fn retry_wait(base: Duration, attempts: u32) -> Duration {
    let factor = 1u32 << attempts.min(16);
    (base * factor).min(Duration::from_secs(3600))
}

/// The email for one enquiry: the details, and Reply-To the person who
/// wrote, so the team can answer straight away.
pub fn message(config: &MailConfig, e: &EnquiryRecord) -> Result<Message, String> {
    let mut builder = Message::builder()
        .from(config.from.clone())
        .subject(format!(
            "New enquiry {}: {}",
            e.reference,
            e.kind.label_en()
        ));
    for to in &config.to {
        builder = builder.to(to.clone());
    }
    if let Ok(reply_to) =
        format!("{} <{}>", quote_display_name(&e.name), e.email).parse::<Mailbox>()
    {
        builder = builder.reply_to(reply_to);
    }
    builder
        .header(ContentType::TEXT_PLAIN)
        .body(body(e, config.site.as_deref()))
        .map_err(|e| e.to_string())
}

/// A team member's reply to the person who wrote: from the site's address,
/// with Reply-To the team, so their answer reaches the team.
pub fn reply_message(
    config: &MailConfig,
    e: &EnquiryRecord,
    text: &str,
) -> Result<Message, String> {
    let to = format!("{} <{}>", quote_display_name(&e.name), e.email)
        .parse::<Mailbox>()
        .map_err(|err| err.to_string())?;
    let mut builder = Message::builder()
        .from(config.from.clone())
        .to(to)
        .subject(format!("Your enquiry {}", e.reference));
    for team in &config.to {
        builder = builder.reply_to(team.clone());
    }
    let body = format!(
        "{text}\n\n--\nThe Recovery College team, about your enquiry {} ({}).\nReply to this email to answer.",
        e.reference,
        e.kind.label_en()
    );
    builder
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

/// A display name as a quoted string, so commas and the like in a name
/// cannot change the address.
fn quote_display_name(name: &str) -> String {
    let escaped: String = name
        .chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The team's email about an enquiry; `site` (this site's address) adds a
/// link to it in the inbox.
pub fn body(e: &EnquiryRecord, site: Option<&str>) -> String {
    let yes_no = |b: bool| if b { "Yes" } else { "No" };
    let mut lines = vec![
        format!("Reference: {}", e.reference),
        format!("About: {}", e.kind.label_en()),
    ];
    if let Some(runs) = e.runs_colleges {
        lines.push(format!("Runs a Recovery College now: {}", yes_no(runs)));
    }
    if let Some(n) = e.college_count {
        lines.push(format!("Recovery Colleges run: {n}"));
    }
    if let Some(stage) = e.stage {
        lines.push(format!("Plans: {}", stage.label_en()));
    }
    let country = api::countries::name(&e.country).unwrap_or(&e.country);
    lines.extend([
        format!("Name: {}", e.name),
        format!("Email: {}", e.email),
        format!("Organisation: {}", e.organisation),
        format!("Role: {}", e.role),
        format!("Country: {country} ({})", e.country),
        format!("Received: {}", e.received_at),
        String::new(),
        "Message:".into(),
        e.message.clone(),
        String::new(),
        "They agreed to be contacted about this enquiry. Reply to this email to answer them."
            .into(),
    ]);
    let path = api::routes::staff_enquiry_page(&e.reference);
    lines.push(match site {
        Some(site) => {
            format!("Open it in the inbox (assign it, note or record replies): {site}{path}")
        }
        None => format!("In the staff inbox at {path} (set PUBLIC_URL to make this a link)."),
    });
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_and_stop_at_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(retry_wait(base, 0), Duration::from_secs(30));
        assert_eq!(retry_wait(base, 3), Duration::from_secs(240));
        assert_eq!(retry_wait(base, 40), Duration::from_secs(3600));
    }

    #[test]
    fn a_name_cannot_add_an_address() {
        let quoted = quote_display_name("Eve, <eve@evil.example>\r\nBcc: x");
        let mailbox: Mailbox = format!("{quoted} <ada@example.org>").parse().unwrap();
        assert_eq!(mailbox.email.to_string(), "ada@example.org");
    }
}
