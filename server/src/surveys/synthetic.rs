//! `recovery-colleges-server seed-synthetic-responses N`: made-up survey
//! responses, for seeing the network's views and measuring them. Each is
//! marked `synthetic` in the table; none is any student's. The tests of
//! the privacy rules never use them.

use std::collections::BTreeMap;

use api::surveys::{Answer, SurveyLang, SurveyResponse};
use sqlx::SqlitePool;

/// Courses the made-up responses name.
const COURSES: [&str; 4] = [
    "Understanding Anxiety",
    "Wellbeing and Mindfulness",
    "Living with Hope",
    "Peer Support Skills",
];

/// A small deterministic generator (SplitMix64): the same N gives the same
/// spread, so benchmarks compare like with like.
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Adds `n` made-up course-feedback responses spread over the 12 months
/// before `today`'s month, across `colleges` (slugs), with their totals.
pub async fn seed(
    db: &SqlitePool,
    colleges: &[String],
    n: usize,
    today: &str,
) -> Result<usize, Refused> {
    if colleges.is_empty() || n == 0 {
        return Ok(0);
    }
    // Never beside real students' answers: they would be counted with them.
    let real: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE synthetic = 0")
        .fetch_one(db)
        .await?;
    if real > 0 {
        return Err(Refused::RealResponses(real));
    }
    let survey = super::current("course-feedback").expect("bundled");
    let months: Vec<String> = (1..=12)
        .map(|back| super::results::months_after(&today[..7], -back))
        .collect();
    let mut prefix = [0u8; 4];
    getrandom::getrandom(&mut prefix)
        .map_err(|e| Refused::Database(sqlx::Error::Protocol(e.to_string())))?;
    let prefix = crate::hex::hex(&prefix);
    let mut draws = Draws(0x5EED);
    // Each question's answers, from the survey itself.
    let options = |id: &str| -> Vec<String> {
        survey
            .question(id)
            .map(|q| q.options().into_iter().map(|o| o.id).collect())
            .unwrap_or_default()
    };
    let fft = options("fft");
    let agreement = options("learned_useful");
    let mut tx = crate::db::begin_write(db).await?;
    let mut counts = super::totals::Counts::default();
    let mut added = 0;
    for i in 0..n {
        let college_index = i % colleges.len();
        let college = &colleges[college_index];
        // Each college a little better or worse than the next.
        let lean = (college_index % 5) as u64;
        let mut pick = |options: &[String]| -> String {
            let r = draws.below(100);
            let index = if r < 45 + lean * 5 {
                0
            } else if r < 85 {
                1
            } else {
                2 + (r as usize % (options.len() - 2))
            };
            options[index].clone()
        };
        let mut answers = BTreeMap::new();
        answers.insert("fft".to_string(), Answer::Text(pick(&fft)));
        for q in ["learned_useful", "welcome_safe", "peer_tutor", "next_steps"] {
            answers.insert(q.to_string(), Answer::Text(pick(&agreement)));
        }
        let month = &months[draws.below(12) as usize];
        let course = COURSES[draws.below(COURSES.len() as u64) as usize];
        let response = SurveyResponse {
            id: format!("{prefix}-0000-4000-8000-{i:012x}"),
            survey: survey.id.clone(),
            version: survey.version,
            college: college.clone(),
            course: Some(course.to_string()),
            sig: None,
            date: None,
            language: SurveyLang::En,
            answers,
        };
        let body = serde_json::to_string(&response).unwrap_or_default();
        let inserted = sqlx::query(
            "INSERT INTO survey_responses (id, survey, version, college, course, language, answers, body, received_on, synthetic)
             VALUES (?, ?, ?, ?, ?, 'en', ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&response.id)
        .bind(&response.survey)
        .bind(response.version)
        .bind(&response.college)
        .bind(&response.course)
        .bind(serde_json::to_string(&response.answers).unwrap_or_default())
        .bind(&body)
        .bind(format!("{month}-15"))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            added += 1;
            counts.count(&survey, &response, month);
        }
    }
    counts.write(&mut tx).await?;
    super::totals::next_generation(&mut tx).await?;
    tx.commit().await?;
    Ok(added)
}

/// Why made-up responses were not added.
#[derive(Debug)]
pub enum Refused {
    /// The database holds this many real responses.
    RealResponses(i64),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for Refused {
    fn from(e: sqlx::Error) -> Self {
        Refused::Database(e)
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::RealResponses(n) => write!(
                f,
                "this database holds {n} real survey responses: made-up ones would be counted with them. seed-synthetic-responses is for demonstration and benchmark databases"
            ),
            Refused::Database(e) => write!(f, "{e}"),
        }
    }
}
