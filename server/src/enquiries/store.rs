//! Enquiries in the database: stored with their reference and, unless they
//! look like spam, an email to send; found, exported and erased per person;
//! deleted after the retention period.

use api::enquiries::{
    reference, EnquiryForm, EnquiryKind, EnquiryRecord, EnquiryStatus, PlanStage,
};
use sha2::{Digest, Sha256};
use sqlx::{Row, SqlitePool};

use crate::clock;

/// An enquiry ready to store: its answers checked and normalised.
pub struct NewEnquiry<'a> {
    pub form: &'a EnquiryForm,
    /// The form token's nonce, when the token was good.
    pub submission: Option<&'a str>,
    /// `Some(reason)` keeps it apart as suspected spam, without an email.
    pub spam_reason: Option<&'a str>,
    pub received_at: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    New(String),
    /// The same form was sent before: its reference.
    Repeat(String),
    /// The submission's token was used for a different enquiry.
    Conflict,
}

/// A hash of the answers (not the token or honeypot), so that a resend is
/// recognised as the same enquiry.
pub fn content_hash(form: &EnquiryForm) -> String {
    let answers = EnquiryForm {
        token: String::new(),
        website: String::new(),
        ..form.clone()
    };
    let json = serde_json::to_vec(&answers).expect("a form serialises");
    crate::hex::hex(&Sha256::digest(json))
}

pub async fn insert(db: &SqlitePool, new: NewEnquiry<'_>) -> Result<Stored, sqlx::Error> {
    let form = new.form;
    let hash = content_hash(form);
    let mut tx = crate::db::begin_write(db).await?;
    // Write first, so the transaction holds the write lock before it reads
    // (a read-then-write transaction can fail to upgrade under load).
    let year = clock::year_of(new.received_at);
    let number: i64 = sqlx::query_scalar(
        "INSERT INTO enquiry_numbers (year, last) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(submission) = new.submission {
        let earlier: Option<(String, String)> =
            sqlx::query_as("SELECT reference, content_hash FROM enquiries WHERE submission = ?")
                .bind(submission)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((reference, earlier_hash)) = earlier {
            tx.rollback().await?;
            return Ok(if earlier_hash == hash {
                Stored::Repeat(reference)
            } else {
                Stored::Conflict
            });
        }
    }
    let reference = reference(year, number as u32);
    let status = if new.spam_reason.is_some() {
        EnquiryStatus::Spam
    } else {
        EnquiryStatus::New
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO enquiries (reference, submission, content_hash, kind, runs_colleges,
            college_count, stage, name, email, organisation, role, country, message,
            status, spam_reason, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&reference)
    .bind(new.submission)
    .bind(&hash)
    .bind(form.kind.map(EnquiryKind::as_str).unwrap_or("other"))
    .bind(form.runs_colleges)
    .bind(form.college_count)
    .bind(form.stage.map(PlanStage::as_str))
    .bind(&form.name)
    .bind(&form.email)
    .bind(&form.organisation)
    .bind(&form.role)
    .bind(&form.country)
    .bind(&form.message)
    .bind(status.as_str())
    .bind(new.spam_reason)
    .bind(new.received_at)
    .fetch_one(&mut *tx)
    .await?;
    if status != EnquiryStatus::Spam {
        sqlx::query("INSERT INTO mail_outbox (enquiry_id, next_attempt_at) VALUES (?, ?)")
            .bind(id)
            .bind(new.received_at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Stored::New(reference))
}

/// An enquiry's columns for [`record_from_row`], from `enquiries` (its
/// assignee by name).
pub const RECORD_COLUMNS: &str = "enquiries.reference, enquiries.kind, enquiries.runs_colleges,
    enquiries.college_count, enquiries.stage, enquiries.name, enquiries.email,
    enquiries.organisation, enquiries.role, enquiries.country, enquiries.message,
    enquiries.status, enquiries.spam_reason, enquiries.received_at,
    (SELECT a.name FROM accounts a WHERE a.id = enquiries.assignee_id) AS assignee";

pub fn record_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<EnquiryRecord, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let stage: Option<String> = row.try_get("stage")?;
    let status: String = row.try_get("status")?;
    let count: Option<i64> = row.try_get("college_count")?;
    Ok(EnquiryRecord {
        reference: row.try_get("reference")?,
        kind: EnquiryKind::parse(&kind).unwrap_or(EnquiryKind::Other),
        runs_colleges: row.try_get("runs_colleges")?,
        college_count: count.map(|n| n as u32),
        stage: stage.as_deref().and_then(PlanStage::parse),
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        organisation: row.try_get("organisation")?,
        role: row.try_get("role")?,
        country: row.try_get("country")?,
        message: row.try_get("message")?,
        status: EnquiryStatus::parse(&status).unwrap_or(EnquiryStatus::New),
        spam_reason: row.try_get("spam_reason")?,
        received_at: clock::rfc3339(row.try_get("received_at")?),
        assignee: row.try_get("assignee")?,
    })
}

/// Every enquiry sent from `email` (compared without regard to case), oldest first.
pub async fn find_by_email(
    db: &SqlitePool,
    email: &str,
) -> Result<Vec<EnquiryRecord>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {RECORD_COLUMNS} FROM enquiries WHERE email = ? COLLATE NOCASE ORDER BY received_at, id"
    ))
    .bind(email.trim())
    .fetch_all(db)
    .await?;
    rows.iter().map(record_from_row).collect()
}

/// Erases every enquiry sent from `email`, with their emails waiting to be
/// sent; answers how many enquiries went.
pub async fn erase_by_email(db: &SqlitePool, email: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM enquiries WHERE email = ? COLLATE NOCASE")
        .bind(email.trim())
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Deletes enquiries received before `cutoff` (Unix seconds).
pub async fn delete_received_before(db: &SqlitePool, cutoff: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM enquiries WHERE received_at < ?")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// How many enquiries have this status (for the staff home page).
pub async fn count_with_status(db: &SqlitePool, status: EnquiryStatus) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enquiries WHERE status = ?")
        .bind(status.as_str())
        .fetch_one(db)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// How many enquiries are stored (for /metrics).
pub async fn count_all(db: &SqlitePool) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enquiries")
        .fetch_one(db)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many emails to the team are not sent yet.
pub async fn emails_waiting(db: &SqlitePool) -> Result<u32, sqlx::Error> {
    // Enquiries' and replies' emails, and the team's about colleges' changes.
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL)
            + (SELECT COUNT(*) FROM change_mail WHERE sent_at IS NULL)",
    )
    .fetch_one(db)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
