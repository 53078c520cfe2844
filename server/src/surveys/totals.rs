//! The `response_cells` and `response_totals` tables: each cell's
//! (college, survey, course, month) count of responses and of each answer,
//! kept as responses arrive, in the transaction that stores them, so the
//! network's figures over hundreds of colleges never read every response.
//! Only this module writes them.

use api::surveys::{Answer, QuestionKind, Survey, SurveyResponse};
use sqlx::{SqliteConnection, SqlitePool};

/// What one response adds to its cell: (question, answer) pairs, with
/// (question, "") for a question that takes several choices and was
/// answered. Free text is not counted.
pub fn tally(survey: &Survey, response: &SurveyResponse) -> Vec<(String, String)> {
    // Counted exactly as `aggregate::summarise` counts, answer by answer:
    // results and the network add the same noise to the same counts.
    let mut out = Vec::new();
    for q in &survey.questions {
        let Some(answer) = response.answers.get(&q.id) else {
            continue;
        };
        match q.kind {
            QuestionKind::FreeText { .. } => continue,
            // Answered, whatever was chosen.
            QuestionKind::MultipleChoice { .. } => out.push((q.id.clone(), String::new())),
            _ => {}
        }
        match answer {
            Answer::Text(id) => out.push((q.id.clone(), id.clone())),
            Answer::Choices(ids) => out.extend(ids.iter().map(|id| (q.id.clone(), id.clone()))),
            Answer::Consent(yes) => {
                out.push((q.id.clone(), if *yes { "yes" } else { "no" }.into()))
            }
        }
    }
    out
}

/// Counts of responses not yet written: many responses' counts go to the
/// tables in one write per cell and answer.
#[derive(Default)]
pub struct Counts {
    /// (survey, month, college, course) to responses.
    cells: std::collections::BTreeMap<(String, String, String, String), i64>,
    /// (college, survey, month, course, question, answer) to n.
    answers: std::collections::BTreeMap<(String, String, String, String, String, String), i64>,
}

impl Counts {
    /// Counts one response that arrived in `month`.
    pub fn count(&mut self, survey: &Survey, response: &SurveyResponse, month: &str) {
        let course = response.course.clone().unwrap_or_default();
        *self
            .cells
            .entry((
                response.survey.clone(),
                month.to_string(),
                response.college.clone(),
                course.clone(),
            ))
            .or_default() += 1;
        for (question, option) in tally(survey, response) {
            *self
                .answers
                .entry((
                    response.college.clone(),
                    response.survey.clone(),
                    month.to_string(),
                    course.clone(),
                    question,
                    option,
                ))
                .or_default() += 1;
        }
    }

    /// Adds the counts to the tables.
    pub async fn write(self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        for ((survey, month, college, course), n) in self.cells {
            sqlx::query(
                "INSERT INTO response_cells (survey, month, college, course, responses) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT DO UPDATE SET responses = responses + excluded.responses",
            )
            .bind(survey)
            .bind(month)
            .bind(college)
            .bind(course)
            .bind(n)
            .execute(&mut *conn)
            .await?;
        }
        for ((college, survey, month, course, question, option), n) in self.answers {
            sqlx::query(
                "INSERT INTO response_totals (college, survey, month, course, question, option, n) VALUES (?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT DO UPDATE SET n = n + excluded.n",
            )
            .bind(college)
            .bind(survey)
            .bind(month)
            .bind(course)
            .bind(question)
            .bind(option)
            .bind(n)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }
}

/// Adds one stored response to its cell's totals.
pub async fn add(
    conn: &mut SqliteConnection,
    response: &SurveyResponse,
    month: &str,
) -> Result<(), sqlx::Error> {
    let Some(survey) = super::current(&response.survey) else {
        return Ok(());
    };
    let mut counts = Counts::default();
    counts.count(&survey, response, month);
    counts.write(conn).await
}

/// Counts every stored response again when the totals do not add up to
/// the responses stored (the first start after the tables were added, or a
/// database restored from an older backup). Returns whether it did.
pub async fn rebuild_if_needed(db: &SqlitePool) -> Result<bool, sqlx::Error> {
    // Responses to the surveys there are (any other could not be counted,
    // and would have the totals counted again at every start).
    let surveys: Vec<String> = api::surveys::bundled().into_iter().map(|s| s.id).collect();
    let mut b = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM survey_responses WHERE survey IN (");
    let mut ids = b.separated(", ");
    for id in &surveys {
        ids.push_bind(id);
    }
    b.push(")");
    let stored: i64 = b.build_query_scalar().fetch_one(db).await?;
    let counted: i64 = sqlx::query_scalar("SELECT COALESCE(SUM(responses), 0) FROM response_cells")
        .fetch_one(db)
        .await?;
    if stored == counted {
        return Ok(false);
    }
    recount(db).await?;
    Ok(true)
}

/// Counts every stored response's totals again, from the responses
/// themselves (`recovery-colleges-server recount-responses`: after
/// responses were changed by hand, say). Returns how many were read.
pub async fn recount(db: &SqlitePool) -> Result<usize, sqlx::Error> {
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query("DELETE FROM response_cells")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM response_totals")
        .execute(&mut *tx)
        .await?;
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT body, substr(received_on, 1, 7) FROM survey_responses")
            .fetch_all(&mut *tx)
            .await?;
    let mut counts = Counts::default();
    let stored = rows.len();
    for (body, month) in rows {
        if let Ok(response) = serde_json::from_str::<SurveyResponse>(&body) {
            if let Some(survey) = super::current(&response.survey) {
                counts.count(&survey, &response, &month);
            }
        }
    }
    counts.write(&mut tx).await?;
    next_generation(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(
        responses = stored,
        "counted the stored responses' totals again"
    );
    Ok(stored)
}

const GENERATION: &str = "totals_generation";

/// Which counting of the totals these are: a new one each time they are
/// counted again (or made-up responses are added to ended months), so a
/// running server forgets the months it worked out from the old ones.
pub async fn generation(db: &SqlitePool) -> Result<i64, sqlx::Error> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(GENERATION)
        .fetch_optional(db)
        .await?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Starts a new [`generation`].
pub async fn next_generation(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
    )
    .bind(GENERATION)
    .execute(conn)
    .await?;
    Ok(())
}

/// One cell's size: (month, college, course or "", responses).
pub type CellSize = (String, String, String, i64);

/// The size of every cell of `survey` in the months `from..=to`, for the
/// colleges `only` names (all when empty).
pub async fn cell_sizes(
    db: &SqlitePool,
    survey: &str,
    from: &str,
    to: &str,
    only: Option<&str>,
) -> Result<Vec<CellSize>, sqlx::Error> {
    match only {
        Some(college) => {
            sqlx::query_as(
                "SELECT month, college, course, responses FROM response_cells
             WHERE college = ? AND survey = ? AND month BETWEEN ? AND ?",
            )
            .bind(college)
            .bind(survey)
            .bind(from)
            .bind(to)
            .fetch_all(db)
            .await
        }
        None => {
            sqlx::query_as(
                "SELECT month, college, course, responses FROM response_cells
             WHERE survey = ? AND month BETWEEN ? AND ?",
            )
            .bind(survey)
            .bind(from)
            .bind(to)
            .fetch_all(db)
            .await
        }
    }
}

/// One college's answer counts in one month: (course or "", question,
/// answer, n).
pub async fn month_totals(
    db: &SqlitePool,
    college: &str,
    survey: &str,
    month: &str,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT course, question, option, n FROM response_totals
         WHERE college = ? AND survey = ? AND month = ?",
    )
    .bind(college)
    .bind(survey)
    .bind(month)
    .fetch_all(db)
    .await
}
