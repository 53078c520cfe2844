//! Enquiries from organisations: joining the Learning Set, or talking to the
//! Recovery College team. The form, the rules it must meet, and the words for
//! each rule broken. The app checks a form with these rules before sending;
//! the server checks it again.

pub mod inbox;

use serde::{Deserialize, Serialize};

use crate::problem::FieldError;

/// What an enquiry is about: the first question, which decides the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnquiryKind {
    JoinLearningSet,
    NewCollege,
    ExistingCollege,
    TrainingConsultancy,
    Other,
}

impl EnquiryKind {
    pub const ALL: [EnquiryKind; 5] = [
        EnquiryKind::JoinLearningSet,
        EnquiryKind::NewCollege,
        EnquiryKind::ExistingCollege,
        EnquiryKind::TrainingConsultancy,
        EnquiryKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EnquiryKind::JoinLearningSet => "join_learning_set",
            EnquiryKind::NewCollege => "new_college",
            EnquiryKind::ExistingCollege => "existing_college",
            EnquiryKind::TrainingConsultancy => "training_consultancy",
            EnquiryKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_en(self) -> &'static str {
        match self {
            EnquiryKind::JoinLearningSet => {
                "Joining the International Recovery College Learning Set"
            }
            EnquiryKind::NewCollege => "Starting a new Recovery College",
            EnquiryKind::ExistingCollege => "Developing an existing Recovery College",
            EnquiryKind::TrainingConsultancy => "Training or consultancy",
            EnquiryKind::Other => "Something else",
        }
    }
}

/// How far plans for a new college have come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanStage {
    /// Finding out what a Recovery College is and whether it would fit.
    Exploring,
    /// Planning one, without agreed funding yet.
    Planning,
    /// Funding agreed; preparing to open.
    Funded,
}

impl PlanStage {
    pub const ALL: [PlanStage; 3] = [PlanStage::Exploring, PlanStage::Planning, PlanStage::Funded];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStage::Exploring => "exploring",
            PlanStage::Planning => "planning",
            PlanStage::Funded => "funded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_en(self) -> &'static str {
        match self {
            PlanStage::Exploring => "Exploring the idea",
            PlanStage::Planning => "Planning, without agreed funding yet",
            PlanStage::Funded => "Funded and preparing to open",
        }
    }
}

/// An enquiry as the form sends it (`POST /api/enquiries`).
///
/// Every field has a default so that a missing answer is reported by the
/// rules, with the field's name and a reason, rather than as a bad body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnquiryForm {
    #[serde(default)]
    pub kind: Option<EnquiryKind>,
    /// Asked when joining the Learning Set: does the organisation run a
    /// Recovery College now?
    #[serde(default)]
    pub runs_colleges: Option<bool>,
    /// How many colleges the organisation runs: asked when it runs some.
    #[serde(default)]
    pub college_count: Option<u32>,
    /// Asked about a new college.
    #[serde(default)]
    pub stage: Option<PlanStage>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organisation: String,
    /// The person's role in the organisation.
    #[serde(default)]
    pub role: String,
    /// ISO 3166-1 alpha-2 code.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub message: String,
    /// Consent to be contacted about this enquiry.
    #[serde(default)]
    pub consent: bool,
    /// The signed token the form was given when it opened (`GET /api/enquiries/token`).
    #[serde(default)]
    pub token: String,
    /// A field people never see: filled in, it marks the form as spam.
    #[serde(default)]
    pub website: String,
}

/// The fields of the form, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnquiryField {
    Kind,
    RunsColleges,
    CollegeCount,
    Stage,
    Name,
    Email,
    Organisation,
    Role,
    Country,
    Message,
    Consent,
    Token,
}

impl EnquiryField {
    /// The field's name in the JSON body (and the form's `name`).
    pub fn as_str(self) -> &'static str {
        match self {
            EnquiryField::Kind => "kind",
            EnquiryField::RunsColleges => "runs_colleges",
            EnquiryField::CollegeCount => "college_count",
            EnquiryField::Stage => "stage",
            EnquiryField::Name => "name",
            EnquiryField::Email => "email",
            EnquiryField::Organisation => "organisation",
            EnquiryField::Role => "role",
            EnquiryField::Country => "country",
            EnquiryField::Message => "message",
            EnquiryField::Consent => "consent",
            EnquiryField::Token => "token",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        use EnquiryField::*;
        [
            Kind,
            RunsColleges,
            CollegeCount,
            Stage,
            Name,
            Email,
            Organisation,
            Role,
            Country,
            Message,
            Consent,
            Token,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }
}

impl EnquiryField {
    /// The most characters a text field takes.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            EnquiryField::Name => Some(NAME_MAX),
            EnquiryField::Email => Some(EMAIL_MAX),
            EnquiryField::Organisation => Some(ORGANISATION_MAX),
            EnquiryField::Role => Some(ROLE_MAX),
            EnquiryField::Message => Some(MESSAGE_MAX),
            _ => None,
        }
    }
}

/// Why a field's answer does not fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Nothing given where an answer is needed.
    Missing,
    /// More characters than the field takes.
    TooLong(usize),
    /// Not in the form the field takes (an email address, a number…).
    Invalid,
    /// The form was sent sooner after opening than a person could fill it in.
    TooFast,
    /// The form was opened too long ago; it needs a fresh token.
    Expired,
}

impl Fault {
    pub fn code(self) -> &'static str {
        match self {
            Fault::Missing => "missing",
            Fault::TooLong(_) => "too_long",
            Fault::Invalid => "invalid",
            Fault::TooFast => "too_fast",
            Fault::Expired => "expired",
        }
    }
}

/// One broken rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnquiryError {
    pub field: EnquiryField,
    pub fault: Fault,
}

pub const NAME_MAX: usize = 120;
pub const EMAIL_MAX: usize = 254;
pub const ORGANISATION_MAX: usize = 200;
pub const ROLE_MAX: usize = 120;
pub const MESSAGE_MAX: usize = 5000;
pub const COLLEGE_COUNT_MAX: u32 = 1000;

impl EnquiryForm {
    /// Whether the form asks whether the organisation runs colleges.
    pub fn asks_runs_colleges(&self) -> bool {
        self.kind == Some(EnquiryKind::JoinLearningSet)
    }

    /// Whether the form asks how many colleges the organisation runs: when
    /// it is about an existing college, or it runs some.
    pub fn asks_college_count(&self) -> bool {
        match self.kind {
            Some(EnquiryKind::ExistingCollege) => true,
            Some(EnquiryKind::JoinLearningSet) => self.runs_colleges == Some(true),
            _ => false,
        }
    }

    pub fn asks_stage(&self) -> bool {
        self.kind == Some(EnquiryKind::NewCollege)
    }

    /// Trims the text and drops answers to questions that this kind of
    /// enquiry does not ask (left over from an earlier choice).
    pub fn normalise(&mut self) {
        for text in [
            &mut self.name,
            &mut self.email,
            &mut self.organisation,
            &mut self.role,
            &mut self.country,
        ] {
            *text = crate::text::squash_spaces(text.trim());
        }
        self.message = self.message.trim().replace("\r\n", "\n");
        self.country = self.country.to_ascii_uppercase();
        if !self.asks_runs_colleges() {
            self.runs_colleges = None;
        }
        if !self.asks_college_count() {
            self.college_count = None;
        }
        if !self.asks_stage() {
            self.stage = None;
        }
    }

    /// Every rule the form breaks, in the order the fields are shown. The
    /// token is checked by the server alone (it holds the key).
    pub fn check(&self) -> Vec<EnquiryError> {
        let mut errors = Vec::new();
        let mut fail = |field, fault| errors.push(EnquiryError { field, fault });
        if self.kind.is_none() {
            fail(EnquiryField::Kind, Fault::Missing);
        }
        if self.asks_runs_colleges() && self.runs_colleges.is_none() {
            fail(EnquiryField::RunsColleges, Fault::Missing);
        }
        if self.asks_college_count() {
            match self.college_count {
                None => fail(EnquiryField::CollegeCount, Fault::Missing),
                Some(n) if !(1..=COLLEGE_COUNT_MAX).contains(&n) => {
                    fail(EnquiryField::CollegeCount, Fault::Invalid)
                }
                Some(_) => {}
            }
        }
        if self.asks_stage() && self.stage.is_none() {
            fail(EnquiryField::Stage, Fault::Missing);
        }
        for (field, value, max) in [
            (EnquiryField::Name, &self.name, NAME_MAX),
            (EnquiryField::Email, &self.email, EMAIL_MAX),
            (
                EnquiryField::Organisation,
                &self.organisation,
                ORGANISATION_MAX,
            ),
            (EnquiryField::Role, &self.role, ROLE_MAX),
        ] {
            if let Some(fault) = check_line(value, max) {
                fail(field, fault);
            } else if field == EnquiryField::Email && !is_email(value) {
                fail(field, Fault::Invalid);
            }
        }
        if self.country.trim().is_empty() {
            fail(EnquiryField::Country, Fault::Missing);
        } else if !crate::countries::is_known(&self.country.trim().to_ascii_uppercase()) {
            fail(EnquiryField::Country, Fault::Invalid);
        }
        let message = self.message.trim();
        if message.is_empty() {
            fail(EnquiryField::Message, Fault::Missing);
        } else if message.chars().count() > MESSAGE_MAX {
            fail(EnquiryField::Message, Fault::TooLong(MESSAGE_MAX));
        } else if message.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\r' && c != '\t')
                || crate::text::is_bidi_control(c)
        }) {
            fail(EnquiryField::Message, Fault::Invalid);
        }
        if !self.consent {
            fail(EnquiryField::Consent, Fault::Missing);
        }
        errors
    }
}

/// A one-line answer: present, not too long, no control or text-direction
/// characters (which make a name display other than it is).
fn check_line(value: &str, max: usize) -> Option<Fault> {
    let value = value.trim();
    if value.is_empty() {
        Some(Fault::Missing)
    } else if value.chars().count() > max {
        Some(Fault::TooLong(max))
    } else if crate::text::has_hidden_characters(value) {
        Some(Fault::Invalid)
    } else {
        None
    }
}

pub use crate::email::is_email;

/// The number the form's "how many colleges" box holds, if it is one.
pub fn parse_college_count(text: &str) -> Result<Option<u32>, Fault> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=COLLEGE_COUNT_MAX).contains(&n) => Ok(Some(n)),
        _ => Err(Fault::Invalid),
    }
}

impl EnquiryError {
    /// As problem details carry it, with `message`: the catalogue's words
    /// for it (the server sends English, from locales/en.json as the app
    /// shows it), so the wording is written once.
    pub fn to_field_error(&self, message: impl Into<String>) -> FieldError {
        FieldError::new(self.field.as_str(), message).with_code(self.fault.code())
    }

    /// The rule broken, from a field error the server sent.
    pub fn from_field_error(error: &FieldError) -> Option<Self> {
        let field = EnquiryField::parse(&error.field)?;
        let fault = match error.code.as_deref()? {
            "missing" => Fault::Missing,
            "too_long" => Fault::TooLong(field.max_chars()?),
            "invalid" => Fault::Invalid,
            "too_fast" => Fault::TooFast,
            "expired" => Fault::Expired,
            _ => return None,
        };
        Some(Self { field, fault })
    }
}

/// What the server answers for a stored enquiry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnquiryReceipt {
    /// For example `ENQ-2026-00042`: quoted in replies.
    pub reference: String,
}

/// A signed token for one opening of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormToken {
    pub token: String,
    /// How many days enquiries are kept, for the privacy notice.
    pub retention_days: u32,
}

/// Where an enquiry is in the team's hands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnquiryStatus {
    New,
    InProgress,
    Closed,
    /// Suspected spam, kept apart until someone rescues or it expires.
    Spam,
}

impl EnquiryStatus {
    pub const ALL: [EnquiryStatus; 4] = [
        EnquiryStatus::New,
        EnquiryStatus::InProgress,
        EnquiryStatus::Closed,
        EnquiryStatus::Spam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EnquiryStatus::New => "new",
            EnquiryStatus::InProgress => "in_progress",
            EnquiryStatus::Closed => "closed",
            EnquiryStatus::Spam => "spam",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A stored enquiry, as staff and a person's data export see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnquiryRecord {
    pub reference: String,
    pub kind: EnquiryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs_colleges: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub college_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<PlanStage>,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub country: String,
    pub message: String,
    pub status: EnquiryStatus,
    /// Why it was taken for spam.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spam_reason: Option<String>,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// The team member looking after it (their name), if anyone is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// Whether `reference` looks like one the server gives (`ENQ-2026-00042`).
pub fn is_reference(reference: &str) -> bool {
    let parts: Vec<&str> = reference.split('-').collect();
    matches!(parts.as_slice(), ["ENQ", year, number]
        if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())
        && number.len() >= 5 && number.bytes().all(|b| b.is_ascii_digit()))
}

/// `ENQ-{year}-{number}`, the number padded to five digits.
pub fn reference(year: i32, number: u32) -> String {
    format!("ENQ-{year}-{number:05}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> EnquiryForm {
        EnquiryForm {
            kind: Some(EnquiryKind::Other),
            name: "Ada Lovelace".into(),
            email: "ada@example.org".into(),
            organisation: "Example Health Trust".into(),
            role: "Manager".into(),
            country: "GB".into(),
            message: "Hello".into(),
            consent: true,
            ..Default::default()
        }
    }

    fn faults(form: &EnquiryForm) -> Vec<(&'static str, Fault)> {
        form.check()
            .into_iter()
            .map(|e| (e.field.as_str(), e.fault))
            .collect()
    }

    #[test]
    fn a_complete_form_passes() {
        assert_eq!(faults(&valid()), vec![]);
    }

    #[test]
    fn the_empty_form_names_every_field_it_needs_in_order() {
        let got: Vec<&str> = faults(&EnquiryForm::default())
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            got,
            [
                "kind",
                "name",
                "email",
                "organisation",
                "role",
                "country",
                "message",
                "consent"
            ]
        );
    }

    #[test]
    fn each_invalid_value_is_named() {
        let long = |n: usize| "x".repeat(n);
        type Change = Box<dyn Fn(&mut EnquiryForm)>;
        let cases: Vec<(&str, Change, Fault)> = vec![
            ("name", Box::new(|f| f.name = "  ".into()), Fault::Missing),
            (
                "name",
                Box::new(move |f| f.name = long(NAME_MAX + 1)),
                Fault::TooLong(NAME_MAX),
            ),
            (
                "name",
                Box::new(|f| f.name = "Ada\u{7}".into()),
                Fault::Invalid,
            ),
            (
                "email",
                Box::new(|f| f.email = "ada".into()),
                Fault::Invalid,
            ),
            (
                "email",
                Box::new(|f| f.email = "ada@example".into()),
                Fault::Invalid,
            ),
            (
                "email",
                Box::new(|f| f.email = "a da@example.org".into()),
                Fault::Invalid,
            ),
            (
                "email",
                Box::new(|f| f.email = "@example.org".into()),
                Fault::Invalid,
            ),
            (
                "email",
                Box::new(|f| f.email = "ada@-x.org".into()),
                Fault::Invalid,
            ),
            (
                "organisation",
                Box::new(move |f| f.organisation = long(ORGANISATION_MAX + 1)),
                Fault::TooLong(ORGANISATION_MAX),
            ),
            ("role", Box::new(|f| f.role = String::new()), Fault::Missing),
            (
                "country",
                Box::new(|f| f.country = "XX".into()),
                Fault::Invalid,
            ),
            (
                "country",
                Box::new(|f| f.country = String::new()),
                Fault::Missing,
            ),
            (
                "message",
                Box::new(move |f| f.message = long(MESSAGE_MAX + 1)),
                Fault::TooLong(MESSAGE_MAX),
            ),
            (
                "message",
                Box::new(|f| f.message = "\n\t ".into()),
                Fault::Missing,
            ),
            ("consent", Box::new(|f| f.consent = false), Fault::Missing),
        ];
        for (field, change, fault) in cases {
            let mut form = valid();
            change(&mut form);
            assert_eq!(faults(&form), vec![(field, fault)], "{field}: {form:?}");
        }
    }

    #[test]
    fn follow_up_questions_fit_the_kind() {
        let mut join = EnquiryForm {
            kind: Some(EnquiryKind::JoinLearningSet),
            ..valid()
        };
        assert_eq!(faults(&join), vec![("runs_colleges", Fault::Missing)]);
        join.runs_colleges = Some(false);
        assert_eq!(faults(&join), vec![]);
        join.runs_colleges = Some(true);
        assert_eq!(faults(&join), vec![("college_count", Fault::Missing)]);
        join.college_count = Some(0);
        assert_eq!(faults(&join), vec![("college_count", Fault::Invalid)]);
        join.college_count = Some(3);
        assert_eq!(faults(&join), vec![]);

        let existing = EnquiryForm {
            kind: Some(EnquiryKind::ExistingCollege),
            ..valid()
        };
        assert_eq!(faults(&existing), vec![("college_count", Fault::Missing)]);
        let new = EnquiryForm {
            kind: Some(EnquiryKind::NewCollege),
            ..valid()
        };
        assert_eq!(faults(&new), vec![("stage", Fault::Missing)]);
    }

    #[test]
    fn normalising_drops_answers_the_kind_does_not_ask() {
        let mut form = EnquiryForm {
            kind: Some(EnquiryKind::NewCollege),
            runs_colleges: Some(true),
            college_count: Some(4),
            stage: Some(PlanStage::Planning),
            name: "  Ada   Lovelace ".into(),
            country: "gb".into(),
            ..valid()
        };
        form.normalise();
        assert_eq!(form.runs_colleges, None);
        assert_eq!(form.college_count, None);
        assert_eq!(form.stage, Some(PlanStage::Planning));
        assert_eq!(form.name, "Ada Lovelace");
        assert_eq!(form.country, "GB");
        assert_eq!(faults(&form), vec![]);
    }

    #[test]
    fn counts_and_references_parse() {
        assert_eq!(parse_college_count(""), Ok(None));
        assert_eq!(parse_college_count(" 4 "), Ok(Some(4)));
        assert_eq!(parse_college_count("four"), Err(Fault::Invalid));
        assert_eq!(parse_college_count("0"), Err(Fault::Invalid));
        assert_eq!(reference(2026, 42), "ENQ-2026-00042");
        assert!(is_reference("ENQ-2026-00042"));
        assert!(!is_reference("ENQ-26-42"));
    }

    #[test]
    fn an_error_survives_the_trip_through_problem_details() {
        let error = EnquiryError {
            field: EnquiryField::Message,
            fault: Fault::TooLong(MESSAGE_MAX),
        };
        assert_eq!(
            EnquiryError::from_field_error(&error.to_field_error("words")),
            Some(error)
        );
        let body: EnquiryForm =
            serde_json::from_str(r#"{"kind":"join_learning_set","consent":true}"#).unwrap();
        assert_eq!(body.kind, Some(EnquiryKind::JoinLearningSet));
        assert!(serde_json::from_str::<EnquiryForm>(r#"{"colour":"red"}"#).is_err());
    }
}
