//! Feedback surveys: definitions as versioned data (`api/surveys/*.json`),
//! responses, and the rules a response must meet. The app checks answers
//! with these rules as they are given; the server checks them again.

pub mod evidence;
pub mod results;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::problem::FieldError;

/// The language a response was given in: any language of the network.
/// Survey wording is English here (the source); its translations are in
/// each language's catalogue (`locales/{tag}.json`, under `survey`), so a
/// phone loads only its own language's words.
pub use crate::languages::Lang as SurveyLang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub id: String,
    pub label: String,
}

// Externally tagged (`"kind": {"free_text": {"max_chars": 1000}}`): serde's
// internally tagged and flattened forms buffer input generically, which
// cost the browser bundle tens of kilobytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One of the options, such as the Friends and Family Test scale.
    SingleChoice { options: Vec<Choice> },
    /// Strongly agree to strongly disagree, with "Prefer not to say", and
    /// "Don't know" where `dont_know`.
    Agreement {
        #[serde(default)]
        dont_know: bool,
    },
    /// Any of the options.
    MultipleChoice { options: Vec<Choice> },
    /// Words, up to `max_chars` characters.
    FreeText { max_chars: u32 },
    /// Yes or no.
    Consent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: String,
    pub required: bool,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    pub kind: QuestionKind,
    /// A free-text question meant for quotes ("What went well?"): only its
    /// answers, from students who agreed, may become testimonials; never
    /// "What could be better?".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quotable: bool,
}

/// The agreement scale's answers, in order, with their English labels
/// (translations: `agreement.{id}` in each catalogue's `survey`).
pub const AGREEMENT: [(&str, &str); 7] = [
    ("strongly_agree", "Strongly agree"),
    ("agree", "Agree"),
    ("neither", "Neither agree nor disagree"),
    ("disagree", "Disagree"),
    ("strongly_disagree", "Strongly disagree"),
    ("dont_know", "Don't know"),
    ("prefer_not_to_say", "Prefer not to say"),
];

impl Question {
    /// The options a choice or agreement question offers, in order.
    pub fn options(&self) -> Vec<Choice> {
        match &self.kind {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                options.clone()
            }
            QuestionKind::Agreement { dont_know } => AGREEMENT
                .iter()
                .filter(|(id, _)| *dont_know || *id != "dont_know")
                .map(|(id, en)| Choice {
                    id: id.to_string(),
                    label: en.to_string(),
                })
                .collect(),
            QuestionKind::FreeText { .. } | QuestionKind::Consent => Vec::new(),
        }
    }
}

/// A survey as students see it. A change of wording or questions is a new
/// version; responses keep the version they answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Survey {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub intro: String,
    /// About how long it takes.
    pub minutes: u8,
    pub questions: Vec<Question>,
}

impl Survey {
    /// Every text a student reads, with its key in a catalogue's `survey`
    /// section and its English wording: `{survey}.title`, `{survey}.intro`,
    /// `{survey}.{question}.text`, `.hint`, `{survey}.{question}.{option}`
    /// and, once for all surveys, `agreement.{answer}`.
    pub fn texts(&self) -> Vec<(String, String)> {
        let id = &self.id;
        let mut out = vec![
            (format!("{id}.title"), self.title.clone()),
            (format!("{id}.intro"), self.intro.clone()),
        ];
        for q in &self.questions {
            out.push((format!("{id}.{}.text", q.id), q.text.clone()));
            if let Some(hint) = &q.hint {
                out.push((format!("{id}.{}.hint", q.id), hint.clone()));
            }
            if let QuestionKind::SingleChoice { options }
            | QuestionKind::MultipleChoice { options } = &q.kind
            {
                for o in options {
                    out.push((format!("{id}.{}.{}", q.id, o.id), o.label.clone()));
                }
            }
        }
        out
    }

    /// The key of an option's label: shared for the agreement scale.
    pub fn option_key(&self, question: &Question, option: &str) -> String {
        match question.kind {
            QuestionKind::Agreement { .. } => format!("agreement.{option}"),
            _ => format!("{}.{}.{option}", self.id, question.id),
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// The surveys that ship with the product, by id (`api/surveys/{id}.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SurveyId {
    /// At the end of a course; what a link without `survey=` opens.
    #[default]
    CourseFeedback,
    /// After one session of a course.
    SessionFeedback,
}

impl SurveyId {
    pub const ALL: [SurveyId; 2] = [SurveyId::CourseFeedback, SurveyId::SessionFeedback];

    pub const fn as_str(self) -> &'static str {
        match self {
            SurveyId::CourseFeedback => "course-feedback",
            SurveyId::SessionFeedback => "session-feedback",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|id| id.as_str() == s)
    }
}

/// The bundled surveys' definitions, as JSON.
pub const BUNDLED: [&str; 2] = [
    include_str!("../../surveys/course-feedback.json"),
    include_str!("../../surveys/session-feedback.json"),
];

/// The surveys that ship with the product, in their current versions.
pub fn bundled() -> Vec<Survey> {
    BUNDLED
        .iter()
        .map(|json| serde_json::from_str(json).expect("bundled surveys are valid"))
        .collect()
}

/// One answer: an option's id (single choice, agreement), several ids
/// (multiple choice), words (free text) or yes/no (consent). In JSON, a
/// string, an array of strings or a boolean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    Consent(bool),
    Text(String),
    Choices(Vec<String>),
}

// By hand rather than `#[serde(untagged)]`, which buffers the input
// generically (large in the browser bundle) and reports every mismatch as
// the same vague error.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an option id, a list of option ids, words, or true or false")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Answer, E> {
                Ok(Answer::Consent(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Answer, E> {
                Ok(Answer::Text(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Answer, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Answer::Choices(ids))
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// A student's answers, sent once when they finish. `id` is made on the
/// phone when the survey starts: it is the response's identity, so a resend
/// is recognised as the same response. Nothing here identifies the student.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyResponse {
    /// A UUID, lower-case hex with hyphens.
    pub id: String,
    pub survey: String,
    pub version: u32,
    /// The college's slug.
    pub college: String,
    /// The course or session, as the tutor's link named it. Kept only
    /// with the link's `sig`: an unsigned course is not stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    /// The staff's signature for the course (see [`CourseLink`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
    /// The session's date, YYYY-MM-DD, as the tutor's link gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub language: SurveyLang,
    /// By question id; a question left unanswered is absent.
    pub answers: BTreeMap<String, Answer>,
}

impl SurveyResponse {
    /// Removes control and reordering characters from the course and the
    /// words typed (keeping line breaks there), so that nothing hidden is
    /// stored or exported. The phone and the server both do it, so a
    /// resend still matches.
    pub fn normalise(&mut self) {
        if let Some(course) = &mut self.course {
            *course = crate::text::strip_controls(course, false)
                .trim()
                .to_string();
        }
        for answer in self.answers.values_mut() {
            if let Answer::Text(text) = answer {
                *text = crate::text::strip_controls(text, true);
            }
        }
    }
}

pub const MAX_COURSE_CHARS: usize = 100;

/// A survey link's course with the signature the college's staff got for
/// it. A course is shown to students, and counted in results as a group of
/// its own, only when it comes from such a link: nobody else can put words
/// on a college's survey page, or make up a course to fill with responses
/// of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseLink {
    /// The college's slug.
    pub college: String,
    /// The survey's id.
    pub survey: String,
    pub course: String,
    /// The signature: 24 lower-case hex digits.
    pub sig: String,
}

/// A link's course as links carry it and signatures cover it: hidden and
/// reordering characters dropped, spaces squashed, ends trimmed; none when
/// empty or longer than [`MAX_COURSE_CHARS`] (never cut short, which would
/// change what was signed). The staff side, the survey's pages and the
/// server's check all read a course through this.
pub fn link_course(raw: &str) -> Option<String> {
    let course = crate::text::reflected(raw);
    (!course.is_empty() && course.chars().count() <= MAX_COURSE_CHARS).then_some(course)
}

/// What a signature looks like (its worth is the server's to judge).
pub fn is_sig_shaped(sig: &str) -> bool {
    sig.len() == 24
        && sig
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `id` is a UUID as browsers make them (`crypto.randomUUID()`).
pub fn is_valid_response_id(id: &str) -> bool {
    id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

/// The years a session's date may fall in: a typo's year 2062 or 0226 is
/// refused rather than stored.
pub const SESSION_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Why a session date is refused, if it is.
pub fn session_date_problem(date: &str) -> Option<String> {
    match crate::dates::parse_date(date) {
        None => Some(crate::dates::DATE_MESSAGE.into()),
        Some(day) if !SESSION_YEARS.contains(&day.year()) => Some(format!(
            "A session date falls between {} and {}",
            SESSION_YEARS.start(),
            SESSION_YEARS.end()
        )),
        Some(_) => None,
    }
}

/// Whether `date` is a session date that can be stored.
pub fn is_valid_date(date: &str) -> bool {
    session_date_problem(date).is_none()
}

/// Checks one answer against its question; the reason if it does not fit.
pub fn check_answer(question: &Question, answer: &Answer) -> Result<(), String> {
    let options = question.options();
    let known = |id: &str| options.iter().any(|o| o.id == id);
    match (&question.kind, answer) {
        (QuestionKind::SingleChoice { .. } | QuestionKind::Agreement { .. }, Answer::Text(id)) => {
            if known(id) {
                Ok(())
            } else {
                Err("Choose one of the options given".into())
            }
        }
        (QuestionKind::MultipleChoice { .. }, Answer::Choices(ids)) => {
            if !ids.iter().all(|id| known(id)) {
                Err("Choose only from the options given".into())
            } else if (1..ids.len()).any(|i| ids[..i].contains(&ids[i])) {
                Err("Choose each option at most once".into())
            } else {
                Ok(())
            }
        }
        (QuestionKind::FreeText { max_chars }, Answer::Text(text)) => {
            if text.chars().count() > *max_chars as usize {
                Err(format!("Answer must be {max_chars} characters or fewer"))
            } else {
                Ok(())
            }
        }
        (QuestionKind::Consent, Answer::Consent(_)) => Ok(()),
        _ => Err("This kind of answer does not fit the question".into()),
    }
}

/// Whether `answer` counts as an answer at all (empty text and no choices
/// are the same as leaving the question out).
pub fn is_answered(answer: &Answer) -> bool {
    match answer {
        Answer::Text(t) => !t.trim().is_empty(),
        Answer::Choices(c) => !c.is_empty(),
        Answer::Consent(_) => true,
    }
}

/// Checks a whole response against `survey`: every field at fault, named
/// as `answers.QUESTION` for answers.
pub fn validate_response(survey: &Survey, response: &SurveyResponse) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !is_valid_response_id(&response.id) {
        errors.push(FieldError::new("id", "The response id must be a UUID"));
    }
    if response.survey != survey.id {
        errors.push(FieldError::new("survey", "This is not the survey answered"));
    }
    if response.version != survey.version {
        errors.push(FieldError::new(
            "version",
            format!("This survey is at version {}", survey.version),
        ));
    }
    if !crate::colleges::is_valid_slug(&response.college) {
        errors.push(FieldError::new(
            "college",
            "The college is not a valid slug",
        ));
    }
    if let Some(course) = &response.course {
        if course.chars().count() > MAX_COURSE_CHARS || course.trim().is_empty() {
            errors.push(FieldError::new(
                "course",
                format!("The course name must be 1 to {MAX_COURSE_CHARS} characters"),
            ));
        }
    }
    if let Some(date) = &response.date {
        if let Some(reason) = session_date_problem(date) {
            errors.push(FieldError::new("date", reason));
        }
    }
    for (id, answer) in &response.answers {
        match survey.question(id) {
            // An empty answer is the same as none: the required check below.
            Some(_) if !is_answered(answer) => {}
            None => errors.push(FieldError::new(
                format!("answers.{id}"),
                "There is no such question in this survey",
            )),
            Some(question) => {
                if let Err(reason) = check_answer(question, answer) {
                    errors.push(FieldError::new(format!("answers.{id}"), reason));
                }
            }
        }
    }
    for question in survey.questions.iter().filter(|q| q.required) {
        if !response.answers.get(&question.id).is_some_and(is_answered) {
            errors.push(FieldError::new(
                format!("answers.{}", question.id),
                "This question needs an answer",
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_survey_has_a_survey_id() {
        let ids: Vec<String> = bundled().into_iter().map(|s| s.id).collect();
        let known: Vec<&str> = SurveyId::ALL.iter().map(|id| id.as_str()).collect();
        assert_eq!(ids, known);
        assert_eq!(
            SurveyId::parse("session-feedback"),
            Some(SurveyId::SessionFeedback)
        );
        assert_eq!(SurveyId::parse("nope"), None);
    }

    fn course() -> Survey {
        bundled()
            .into_iter()
            .find(|s| s.id == SurveyId::CourseFeedback.as_str())
            .unwrap()
    }

    fn response(answers: &[(&str, Answer)]) -> SurveyResponse {
        SurveyResponse {
            id: "0b5c3f9e-2a41-4d6b-9c1e-7f3a2b1c0d9e".into(),
            survey: SurveyId::CourseFeedback.as_str().into(),
            version: 1,
            college: "recovery-college-bern".into(),
            course: Some("Understanding anxiety".into()),
            sig: None,
            date: Some("2026-11-26".into()),
            language: SurveyLang::De,
            answers: answers
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn text(s: &str) -> Answer {
        Answer::Text(s.into())
    }

    #[test]
    fn bundled_surveys_are_complete_in_every_language() {
        let surveys = bundled();
        assert_eq!(surveys.len(), 2);
        for survey in &surveys {
            for (key, english) in survey.texts() {
                assert!(!english.trim().is_empty(), "{key}");
            }
            let mut ids: Vec<_> = survey.questions.iter().map(|q| &q.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(
                ids.len(),
                survey.questions.len(),
                "question ids are unique in {}",
                survey.id
            );
            // The Friends and Family Test comes first, then a free-text question.
            assert_eq!(survey.questions[0].id, "fft");
            assert!(survey
                .questions
                .iter()
                .any(|q| matches!(q.kind, QuestionKind::FreeText { .. })));
            assert!(matches!(
                survey.questions.last().unwrap().kind,
                QuestionKind::Consent
            ));
        }
    }

    #[test]
    fn a_good_response_passes() {
        let r = response(&[
            ("fft", text("very_good")),
            ("fft_reason", text("Freundliche Leute")),
            ("peer_tutor", text("dont_know")),
            ("learned_useful", text("prefer_not_to_say")),
            ("quote_consent", Answer::Consent(true)),
        ]);
        assert_eq!(validate_response(&course(), &r), vec![]);
        let minimal = SurveyResponse {
            course: None,
            date: None,
            ..response(&[("fft", text("dont_know"))])
        };
        assert_eq!(validate_response(&course(), &minimal), vec![]);
    }

    #[test]
    fn bad_responses_name_each_field() {
        let long = "x".repeat(1001);
        let cases: Vec<(SurveyResponse, &[&str])> = vec![
            (response(&[]), &["answers.fft"]),
            (response(&[("fft", text(""))]), &["answers.fft"]),
            (response(&[("fft", text("brilliant"))]), &["answers.fft"]),
            (
                response(&[("fft", Answer::Consent(true))]),
                &["answers.fft"],
            ),
            (
                response(&[("fft", text("good")), ("nonsense", text("x"))]),
                &["answers.nonsense"],
            ),
            (
                response(&[("fft", text("good")), ("fft_reason", text(&long))]),
                &["answers.fft_reason"],
            ),
            (
                response(&[("fft", text("good")), ("learned_useful", text("dont_know"))]),
                &["answers.learned_useful"],
            ),
            (
                response(&[("fft", text("good")), ("quote_consent", text("yes"))]),
                &["answers.quote_consent"],
            ),
            (
                SurveyResponse {
                    id: "not-a-uuid".into(),
                    ..response(&[("fft", text("good"))])
                },
                &["id"],
            ),
            (
                SurveyResponse {
                    id: "0B5C3F9E-2A41-4D6B-9C1E-7F3A2B1C0D9E".into(),
                    ..response(&[("fft", text("good"))])
                },
                &["id"],
            ),
            (
                SurveyResponse {
                    version: 2,
                    ..response(&[("fft", text("good"))])
                },
                &["version"],
            ),
            (
                SurveyResponse {
                    college: "Not A Slug".into(),
                    ..response(&[("fft", text("good"))])
                },
                &["college"],
            ),
            (
                SurveyResponse {
                    course: Some("c".repeat(101)),
                    ..response(&[("fft", text("good"))])
                },
                &["course"],
            ),
            (
                SurveyResponse {
                    date: Some("2026-02-30".into()),
                    ..response(&[("fft", text("good"))])
                },
                &["date"],
            ),
        ];
        for (r, fields) in cases {
            let errors = validate_response(&course(), &r);
            let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(named, fields, "{r:?}");
        }
    }

    #[test]
    fn multiple_choice_answers() {
        let session = bundled()
            .into_iter()
            .find(|s| s.id == SurveyId::SessionFeedback.as_str())
            .unwrap();
        let q = session.question("most_useful").unwrap();
        let ids = |v: &[&str]| Answer::Choices(v.iter().map(|s| s.to_string()).collect());
        assert!(check_answer(q, &ids(&["discussion", "resources"])).is_ok());
        assert!(check_answer(q, &ids(&[])).is_ok());
        assert!(check_answer(q, &ids(&["discussion", "discussion"])).is_err());
        assert!(check_answer(q, &ids(&["lunch"])).is_err());
        assert!(check_answer(q, &text("discussion")).is_err());
    }

    #[test]
    fn dates_and_ids() {
        for (date, ok) in [
            ("2026-11-26", true),
            ("2024-02-29", true),
            ("2026-02-29", false),
            ("2026-13-01", false),
            ("26-11-2026", false),
            ("2026-1-1", false),
            ("2026-+1-01", false),
            ("1999-12-31", false),
            ("2101-01-01", false),
            ("2100-12-31", true),
        ] {
            assert_eq!(is_valid_date(date), ok, "{date}");
        }
        assert!(is_valid_response_id("0b5c3f9e-2a41-4d6b-9c1e-7f3a2b1c0d9e"));
        assert!(!is_valid_response_id("0b5c3f9e2a414d6b9c1e7f3a2b1c0d9e"));
    }

    #[test]
    fn answers_serialise_as_plain_json() {
        let r = response(&[
            ("fft", text("good")),
            ("quote_consent", Answer::Consent(false)),
        ]);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["answers"]["fft"], "good");
        assert_eq!(json["answers"]["quote_consent"], false);
        assert_eq!(json["language"], "de");
        let back: SurveyResponse = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
    }
}
