//! Stores responses with group commit: one task writes, taking every
//! response waiting at that moment into one transaction, so one fsync
//! (synchronous=FULL) covers many responses. A submission is answered only
//! after its transaction has committed: what the server acknowledged is on
//! disk.

use api::surveys::SurveyResponse;
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

/// Most responses in one transaction.
const MAX_BATCH: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Stored now.
    New,
    /// Stored before, with the same content: a resend.
    Repeat,
    /// Stored before with different content: the id was reused.
    Conflict,
}

struct Job {
    response: SurveyResponse,
    /// `YYYY-MM-DD` (UTC) by the server's clock: the month it counts in.
    received_on: String,
    /// Canonical JSON of the response.
    body: String,
    reply: oneshot::Sender<Result<Stored, String>>,
}

#[derive(Clone)]
pub struct ResponseWriter {
    jobs: mpsc::Sender<Job>,
}

impl ResponseWriter {
    /// Starts the writing task.
    pub fn start(db: SqlitePool) -> Self {
        let (jobs, mut queue) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            while let Some(first) = queue.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                match write_batch(&db, &batch).await {
                    Ok(outcomes) => {
                        for (job, outcome) in batch.into_iter().zip(outcomes) {
                            let _ = job.reply.send(Ok(outcome));
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, responses = batch.len(), "storing responses failed");
                        for job in batch {
                            let _ = job.reply.send(Err(e.to_string()));
                        }
                    }
                }
            }
        });
        Self { jobs }
    }

    /// Stores `response` (already validated); returns once it is durable.
    pub async fn store(
        &self,
        response: SurveyResponse,
        received_on: String,
    ) -> Result<Stored, String> {
        let body = serde_json::to_string(&response).map_err(|e| e.to_string())?;
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                response,
                received_on,
                body,
                reply,
            })
            .await
            .map_err(|_| "the response writer has stopped".to_string())?;
        answer
            .await
            .map_err(|_| "the response writer has stopped".to_string())?
    }
}

async fn write_batch(db: &SqlitePool, batch: &[Job]) -> Result<Vec<Stored>, sqlx::Error> {
    let mut tx = crate::db::begin_write(db).await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        let r = &job.response;
        let answers = serde_json::to_string(&r.answers).unwrap_or_default();
        let inserted = sqlx::query(
            "INSERT INTO survey_responses (id, survey, version, college, course, session_date, language, answers, body, received_on)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&r.id)
        .bind(&r.survey)
        .bind(r.version)
        .bind(&r.college)
        .bind(&r.course)
        .bind(&r.date)
        .bind(r.language.tag())
        .bind(answers)
        .bind(&job.body)
        .bind(&job.received_on)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let outcome = if inserted == 1 {
            // Its cell's totals, in the same transaction: never one
            // without the other.
            super::totals::add(&mut tx, r, &job.received_on[..7]).await?;
            Stored::New
        } else {
            let existing: String =
                sqlx::query_scalar("SELECT body FROM survey_responses WHERE id = ?")
                    .bind(&r.id)
                    .fetch_one(&mut *tx)
                    .await?;
            if existing == job.body {
                Stored::Repeat
            } else {
                Stored::Conflict
            }
        };
        outcomes.push(outcome);
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// How many responses are stored, in all (for /metrics: a total, which
/// says nothing about anyone's answers).
pub async fn count_all(db: &SqlitePool) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses")
        .fetch_one(db)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}
