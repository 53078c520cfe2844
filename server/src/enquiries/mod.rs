//! Enquiries from organisations: a signed token for each opening of the
//! form, and `POST /api/enquiries`, which checks the answers with the shared
//! rules, keeps suspected spam apart, stores the rest durably and queues an
//! email to the team.

pub mod inbox;
pub mod mail;
pub mod pages;
pub mod store;
pub mod token;

use std::sync::Arc;
use std::time::Duration;

use api::enquiries::{EnquiryError, EnquiryField, EnquiryForm, EnquiryReceipt, Fault, FormToken};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use sqlx::SqlitePool;
use tokio::sync::Notify;

use crate::http::client::ClientAddr;
use crate::http::error::responses::TooLarge;
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::http::limit::RateLimit;
use crate::{clock, AppState};
use mail::MailConfig;
use store::{NewEnquiry, Stored};
use token::{TokenKey, TokenProblem};

/// How enquiries are checked, kept and passed on.
#[derive(Clone, Debug)]
pub struct EnquiryConfig {
    /// A form sent sooner than this after opening is taken for spam.
    pub min_fill: Duration,
    /// A form opened longer ago than this needs a fresh token.
    pub token_max_age: Duration,
    /// Enquiries per address per hour (0: no limit).
    pub per_address_per_hour: u32,
    /// Enquiries are deleted this many days after they arrive.
    pub retention_days: u32,
    /// Where the team is told of new enquiries; without it they wait in
    /// the outbox.
    pub mail: Option<MailConfig>,
}

impl Default for EnquiryConfig {
    fn default() -> Self {
        Self {
            min_fill: Duration::from_secs(3),
            token_max_age: Duration::from_secs(24 * 3600),
            per_address_per_hour: 10,
            retention_days: 730,
            mail: None,
        }
    }
}

impl EnquiryConfig {
    /// From `ENQUIRY_MIN_FILL_SECONDS`, `ENQUIRY_TOKEN_MAX_AGE_HOURS`,
    /// `ENQUIRY_RATE_LIMIT`, `ENQUIRY_RETENTION_DAYS` and the mail settings.
    pub fn from_env() -> Result<Self, String> {
        fn number(name: &str) -> Result<Option<u64>, String> {
            match std::env::var(name).ok().filter(|v| !v.trim().is_empty()) {
                Some(v) => v
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{name} must be a whole number, not {v:?}")),
                None => Ok(None),
            }
        }
        let defaults = Self::default();
        let retention_days = number("ENQUIRY_RETENTION_DAYS")?
            .map(|d| d as u32)
            .unwrap_or(defaults.retention_days);
        if retention_days == 0 {
            return Err("ENQUIRY_RETENTION_DAYS must be at least 1".into());
        }
        Ok(Self {
            min_fill: number("ENQUIRY_MIN_FILL_SECONDS")?
                .map(Duration::from_secs)
                .unwrap_or(defaults.min_fill),
            token_max_age: number("ENQUIRY_TOKEN_MAX_AGE_HOURS")?
                .map(|h| Duration::from_secs(h * 3600))
                .unwrap_or(defaults.token_max_age),
            per_address_per_hour: number("ENQUIRY_RATE_LIMIT")?
                .map(|n| n as u32)
                .unwrap_or(defaults.per_address_per_hour),
            retention_days,
            mail: MailConfig::from_env()?,
        })
    }
}

/// The enquiry side of the server's state.
pub struct Enquiries {
    pub config: EnquiryConfig,
    key: TokenKey,
    limit: RateLimit,
    /// Wakes the mail sender when an enquiry is stored.
    wake: Arc<Notify>,
}

impl Enquiries {
    /// Loads the token key and starts the background tasks: the mail sender
    /// (when SMTP is configured) and the retention sweep.
    pub async fn start(db: &SqlitePool, config: EnquiryConfig) -> Result<Arc<Self>, sqlx::Error> {
        let key = TokenKey::load_or_create(db).await?;
        let wake = Arc::new(Notify::new());
        if let Some(mail) = &config.mail {
            mail::start(db.clone(), mail.clone(), wake.clone());
        } else {
            tracing::info!("SMTP is not configured: new enquiries wait in the outbox");
        }
        start_retention(db.clone(), config.retention_days);
        Ok(Arc::new(Self {
            limit: RateLimit::per(config.per_address_per_hour, Duration::from_secs(3600)),
            config,
            key,
            wake,
        }))
    }
}

impl Enquiries {
    /// Wakes the mail sender: something new is in the outbox.
    pub fn wake_mail(&self) {
        self.wake.notify_one();
    }

    /// The per-address limit on public submissions (enquiries and
    /// directory suggestions share it).
    pub fn check_limit(&self, addr: std::net::IpAddr) -> Result<(), ApiError> {
        self.limit.check(addr).map_err(ApiError::TooManyRequests)
    }
}

/// Deletes enquiries (and directory suggestions, which may hold an email)
/// older than the retention period, now and every hour.
fn start_retention(db: SqlitePool, days: u32) {
    tokio::spawn(async move {
        loop {
            let cutoff = clock::now() - i64::from(days) * 86_400;
            if let Err(e) = crate::colleges::suggestions::delete_received_before(&db, cutoff).await
            {
                tracing::error!(error = %e, "deleting old suggestions failed");
            }
            match store::delete_received_before(&db, cutoff).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    deleted = n,
                    days,
                    "deleted enquiries past the retention period"
                ),
                Err(e) => tracing::error!(error = %e, "deleting old enquiries failed"),
            }
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
}

/// A token for a fresh enquiry form. Send it back with the form.
#[utoipa::path(get, path = "/api/enquiries/token", tag = "enquiries",
    responses((status = 200, description = "A signed token for one enquiry form", body = FormToken)))]
pub async fn form_token(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(new_form_token(&state)),
    )
}

/// A token for a fresh enquiry form, and how long enquiries are kept.
pub fn new_form_token(state: &AppState) -> FormToken {
    FormToken {
        token: state.enquiries.key.issue(state.clock.now_millis()),
        retention_days: state.enquiries.config.retention_days,
    }
}

/// Stores an enquiry and answers its reference. Sending the same form
/// (same token, same answers) again answers the same reference.
#[utoipa::path(post, path = "/api/enquiries", tag = "enquiries",
    request_body(content = EnquiryForm, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored; the team will be told", body = EnquiryReceipt),
        (status = 400, description = "The body is not an enquiry (wrong shape, unknown field)", body = api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "This form's token was used for a different enquiry", body = api::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Answers that break a rule, or a token too new or too old", body = api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many enquiries from this address this hour", body = api::Problem, content_type = "application/problem+json"),
        TooLarge,
    ))]
pub async fn post_enquiry(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(form): JsonBody<EnquiryForm>,
) -> Result<(StatusCode, Json<EnquiryReceipt>), ApiError> {
    let receipt = accept(&state, client, form).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Takes an enquiry however it came (the app's JSON, or the form posted
/// without it): the same limits, rules, token and spam checks.
pub async fn accept(
    state: &AppState,
    client: std::net::IpAddr,
    mut form: EnquiryForm,
) -> Result<EnquiryReceipt, ApiError> {
    let enquiries = &state.enquiries;
    // The address is held in memory for the hour, never stored or logged.
    enquiries.check_limit(client)?;
    form.normalise();
    let mut errors = form.check();
    let token = enquiries.key.check(
        &form.token,
        state.clock.now_millis(),
        enquiries.config.min_fill,
        enquiries.config.token_max_age,
    );
    let token_error = token.as_ref().err().map(|problem| EnquiryError {
        field: EnquiryField::Token,
        fault: match problem {
            TokenProblem::TooFast => Fault::TooFast,
            TokenProblem::Expired => Fault::Expired,
            TokenProblem::Forged => Fault::Invalid,
        },
    });
    if !errors.is_empty() {
        errors.extend(token_error);
        return Err(unprocessable(&errors));
    }
    // Bots that fill in every field fill in the hidden one too.
    let honeypot = !form.website.trim().is_empty();
    let spam_reason = if honeypot {
        Some("a field hidden from people was filled in")
    } else {
        match &token {
            Ok(_) => None,
            Err(TokenProblem::TooFast) => Some("sent within seconds of opening the form"),
            Err(TokenProblem::Expired) => Some("the form was opened too long ago"),
            Err(TokenProblem::Forged) => Some("the form token was missing or not ours"),
        }
    };
    let stored = store::insert(
        &state.db,
        NewEnquiry {
            form: &form,
            submission: token
                .as_ref()
                .ok()
                .map(String::as_str)
                .filter(|_| spam_reason.is_none()),
            spam_reason,
            received_at: state.clock.now(),
        },
    )
    .await?;
    if honeypot {
        // Answered as if accepted: telling a bot which check caught it
        // helps it get past. The enquiry waits in the spam folder.
        tracing::info!("enquiry kept as suspected spam (honeypot)");
        return match stored {
            Stored::New(reference) | Stored::Repeat(reference) => Ok(EnquiryReceipt { reference }),
            Stored::Conflict => Err(ApiError::Conflict(
                "Reload the page to send a new enquiry.".into(),
            )),
        };
    }
    if let Some(error) = token_error {
        // Kept as suspected spam, and the person is asked to send again.
        tracing::info!("enquiry kept as suspected spam (form token)");
        return Err(unprocessable(&[error]));
    }
    match stored {
        Stored::New(reference) => {
            tracing::info!(%reference, "enquiry stored");
            enquiries.wake_mail();
            Ok(EnquiryReceipt { reference })
        }
        Stored::Repeat(reference) => Ok(EnquiryReceipt { reference }),
        Stored::Conflict => Err(ApiError::Conflict(
            "This form was already sent with other answers. Reload the page to send a new enquiry."
                .into(),
        )),
    }
}

/// The broken rules, each in the words the form shows in English.
fn unprocessable(errors: &[EnquiryError]) -> ApiError {
    let english = recovery_colleges::i18n::text_of(api::languages::Lang::En);
    ApiError::Unprocessable(
        errors
            .iter()
            .map(|e| e.to_field_error(english.enquiry_error(*e)))
            .collect(),
    )
}
