//! Sign-in and sessions. A session id is 256 random bits, given to the
//! browser in an `HttpOnly`, `SameSite=Strict` cookie and stored only as a
//! hash; it ends after an idle period, after an absolute period, or at
//! sign-out. Every sign-in makes a new id.

use std::net::IpAddr;
use std::time::Duration;

use api::accounts::{Me, Role, SignIn};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::{Row, SqlitePool};

use super::password::{dummy_hash, verify_password};
use crate::http::client::ClientAddr;
use crate::http::error::responses::{BadBody, NotJson, TooLarge};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::http::limit::RateLimit;
use crate::AppState;

#[derive(Clone, Debug)]
pub struct SessionConfig {
    /// A session unused for this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub absolute: Duration,
    /// Served over HTTPS: the cookie is `Secure` and `__Host-` prefixed.
    pub secure_cookie: bool,
    /// Sign-in attempts per address per 15 minutes (0: no limit).
    pub attempts_per_address: u32,
    /// Sign-in attempts per account (email) per 15 minutes (0: no limit).
    pub attempts_per_account: u32,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 3600),
            secure_cookie: false,
            attempts_per_address: 30,
            attempts_per_account: 10,
        }
    }
}

impl SessionConfig {
    /// From `SESSION_IDLE_MINUTES`, `SESSION_MAX_HOURS`, `COOKIE_SECURE`,
    /// `SIGN_IN_LIMIT_PER_ADDRESS` and `SIGN_IN_LIMIT_PER_ACCOUNT`.
    pub fn from_env() -> Result<Self, String> {
        let mut config = Self::default();
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(m) = var("SESSION_IDLE_MINUTES") {
            let m: u64 = m
                .parse()
                .map_err(|_| format!("SESSION_IDLE_MINUTES must be a number, not {m:?}"))?;
            config.idle = Duration::from_secs(m * 60);
        }
        if let Some(h) = var("SESSION_MAX_HOURS") {
            let h: u64 = h
                .parse()
                .map_err(|_| format!("SESSION_MAX_HOURS must be a number, not {h:?}"))?;
            config.absolute = Duration::from_secs(h * 3600);
        }
        for (name, field) in [
            (
                "SIGN_IN_LIMIT_PER_ADDRESS",
                &mut config.attempts_per_address,
            ),
            (
                "SIGN_IN_LIMIT_PER_ACCOUNT",
                &mut config.attempts_per_account,
            ),
        ] {
            if let Some(n) = var(name) {
                *field = n
                    .parse()
                    .map_err(|_| format!("{name} must be a number, not {n:?}"))?;
            }
        }
        if let Some(s) = var("COOKIE_SECURE") {
            config.secure_cookie = match s.as_str() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return Err(format!("COOKIE_SECURE must be true or false, not {s:?}")),
            };
        }
        Ok(config)
    }

    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookie {
            "__Host-rc_session"
        } else {
            "rc_session"
        }
    }
}

/// Sign-in's part of the server state.
///
/// Attempts are limited per address, and per account *and* address: one
/// address cannot keep guessing one account's password. Per account alone
/// there is no lock (anyone who knows a staff email could lock its owner
/// out): failed attempts from every address slow each further attempt on
/// the account, growing to [`MAX_DELAY`], so the owner still gets in.
pub struct Sessions {
    pub config: SessionConfig,
    by_address: RateLimit<IpAddr>,
    by_account_and_address: RateLimit<(String, IpAddr)>,
    failures: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, u32)>>,
}

/// The longest an attempt on an account waits after many failures.
pub const MAX_DELAY: Duration = Duration::from_secs(4);
const WINDOW: Duration = Duration::from_secs(15 * 60);

impl Sessions {
    pub fn new(config: SessionConfig) -> Self {
        Self {
            by_address: RateLimit::per(config.attempts_per_address, WINDOW),
            by_account_and_address: RateLimit::per(config.attempts_per_account, WINDOW),
            failures: Default::default(),
            config,
        }
    }

    /// How long an attempt on `email` waits: nothing until the account has
    /// had as many failures this window as one address may try, then one
    /// second, doubling with each further failure, at most [`MAX_DELAY`].
    fn delay(&self, email: &str) -> Duration {
        let limit = self.config.attempts_per_account;
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match failures.get(email) {
            Some((start, n)) if limit > 0 && start.elapsed() < WINDOW && *n >= limit => {
                let doublings = (*n - limit).min(8);
                Duration::from_secs(1 << doublings).min(MAX_DELAY)
            }
            _ => Duration::ZERO,
        }
    }

    fn record(&self, email: &str, failed: bool) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() > 10_000 {
            failures.retain(|_, (start, _)| start.elapsed() < WINDOW);
        }
        if !failed {
            failures.remove(email);
            return;
        }
        let entry = failures
            .entry(email.to_string())
            .or_insert((std::time::Instant::now(), 0));
        if entry.0.elapsed() >= WINDOW {
            *entry = (std::time::Instant::now(), 0);
        }
        entry.1 += 1;
    }

    /// Counts one password check from `addr` for account `email` against
    /// the sign-in limits: changing a password guesses the current one as
    /// well as signing in does.
    pub fn count_attempt(&self, addr: IpAddr, email: &str) -> Result<(), ApiError> {
        self.by_address
            .check(addr)
            .map_err(ApiError::TooManyRequests)?;
        self.by_account_and_address
            .check((email.trim().to_lowercase(), addr))
            .map_err(ApiError::TooManyRequests)
    }
}

/// The value of cookie `name` in the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn id_hash(id: &str) -> String {
    crate::hex::hex(&Sha256::digest(id.as_bytes()))
}

/// The signed-in person, from the session cookie: 401 without a live session.
pub struct Staff {
    pub account_id: i64,
    pub me: Me,
    /// The hash of this request's session id.
    pub session_hash: String,
}

impl Staff {
    /// 403 unless the person may see `college`'s results and entry.
    pub fn require_college(&self, college: &str) -> Result<(), ApiError> {
        if self.me.can_see_college(college) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "Your account is not for this college.".into(),
            ))
        }
    }
}

/// A member of the Recovery College team: 401 without a session, 403 for college staff.
pub struct Team(pub Staff);

/// Anyone signed in, even before they have replaced a password the team
/// chose: only for changing it.
pub struct SignedIn(pub Staff);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let sessions = &state.staff;
        let id =
            cookie(&parts.headers, sessions.config.cookie_name()).ok_or(ApiError::Unauthorized)?;
        Ok(SignedIn(
            lookup(state, id).await?.ok_or(ApiError::Unauthorized)?,
        ))
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    /// A password the team chose is known to two people: nothing is open
    /// to it until its owner has chosen their own.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let SignedIn(staff) = SignedIn::from_request_parts(parts, state).await?;
        if staff.me.must_change_password {
            return Err(ApiError::Forbidden(
                "Choose a new password first: the one you signed in with was chosen by the team."
                    .into(),
            ));
        }
        Ok(staff)
    }
}

impl FromRequestParts<AppState> for Team {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let staff = Staff::from_request_parts(parts, state).await?;
        if staff.me.is_team() {
            Ok(Team(staff))
        } else {
            Err(ApiError::Forbidden(
                "Only the Recovery College team can do this.".into(),
            ))
        }
    }
}

/// The live session with this id, touching its last use; ends it if it
/// has been idle or alive too long.
async fn lookup(state: &AppState, id: &str) -> Result<Option<Staff>, ApiError> {
    let (db, config) = (&state.db, &state.staff.config);
    let hash = id_hash(id);
    let row = sqlx::query(
        "SELECT s.account_id, s.created_at, s.last_seen_at, a.name, a.email, a.role,
            a.must_change_password
         FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.id_hash = ? AND a.disabled_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let now = state.clock.now();
    let created: i64 = row.try_get("created_at")?;
    let last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen >= config.idle.as_secs() as i64
        || now - created >= config.absolute.as_secs() as i64
    {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(&hash)
            .execute(db)
            .await?;
        return Ok(None);
    }
    if now > last_seen {
        sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?")
            .bind(now)
            .bind(&hash)
            .execute(db)
            .await?;
    }
    let account_id: i64 = row.try_get("account_id")?;
    let role: String = row.try_get("role")?;
    let colleges: Vec<String> = sqlx::query_scalar(
        "SELECT college FROM account_colleges WHERE account_id = ? ORDER BY college",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    Ok(Some(Staff {
        account_id,
        session_hash: hash,
        me: Me {
            id: account_id,
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            role: Role::parse(&role).unwrap_or(Role::CollegeStaff),
            colleges,
            idle_seconds: config.idle.as_secs(),
            seconds_left: (config.absolute.as_secs() as i64 - (now - created)).max(0) as u64,
            must_change_password: row.try_get("must_change_password")?,
        },
    }))
}

fn set_cookie(config: &SessionConfig, value: &str, max_age: u64) -> HeaderValue {
    let secure = if config.secure_cookie { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}",
        config.cookie_name()
    ))
    .expect("a cookie of base64url characters is a valid header")
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/session", tag = "staff",
    responses(
        (status = 200, description = "The signed-in person", body = Me),
        (status = 204, description = "Not signed in, or the session ended"),
    ))]
/// Who is signed in. Not being signed in is an answer here, not an error:
/// the staff pages ask on every visit, and a 401 would be logged in the
/// browser's console for every signed-out visitor.
pub async fn current(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let config = &state.staff.config;
    let staff = match cookie(&headers, config.cookie_name()) {
        Some(id) => lookup(&state, id).await?,
        None => None,
    };
    Ok(match staff {
        Some(staff) => Json(staff.me).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// Signs in with email and password, starting a new session.
#[utoipa::path(post, path = "/api/session", tag = "staff",
    request_body(content = SignIn, content_type = "application/json"),
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = Me),
        (status = 401, description = "The email or password is not right", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Email or password missing", body = api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts for this account or address", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    JsonBody(form): JsonBody<SignIn>,
) -> Result<Response, ApiError> {
    let sessions = &state.staff;
    sessions
        .by_address
        .check(client)
        .map_err(ApiError::TooManyRequests)?;
    let email = form.email.trim().to_lowercase();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(api::FieldError::new("email", "Enter your email address").with_code("missing"));
    }
    if form.password.is_empty() {
        errors.push(api::FieldError::new("password", "Enter your password").with_code("missing"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    sessions
        .by_account_and_address
        .check((email.clone(), client))
        .map_err(ApiError::TooManyRequests)?;
    let delay = sessions.delay(&email);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let account: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, password_hash FROM accounts WHERE email = ? COLLATE NOCASE AND disabled_at IS NULL",
    )
    .bind(&email)
    .fetch_optional(&state.db)
    .await?;
    let (account_id, hash) = match account {
        Some(found) => found,
        None => (0, dummy_hash().await.to_string()),
    };
    let matches = verify_password(form.password, hash).await;
    sessions.record(&email, account_id == 0 || !matches);
    if account_id == 0 || !matches {
        return Err(ApiError::WrongCredentials);
    }
    // A new id at every sign-in; an old session in this browser ends.
    if let Some(old) = cookie(&headers, sessions.config.cookie_name()) {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(id_hash(old))
            .execute(&state.db)
            .await?;
    }
    // Ended sessions are cleared here rather than by a timer.
    sweep(&state.db, &sessions.config, state.clock.now()).await?;
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Storage(e.to_string()))?;
    let id = URL_SAFE_NO_PAD.encode(bytes);
    let now = state.clock.now();
    sqlx::query(
        "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
    )
    .bind(id_hash(&id))
    .bind(account_id)
    .bind(now)
    .bind(now)
    .execute(&state.db)
    .await?;
    sqlx::query("UPDATE accounts SET last_sign_in_at = ? WHERE id = ?")
        .bind(now)
        .bind(account_id)
        .execute(&state.db)
        .await?;
    let staff = lookup(&state, &id)
        .await?
        .ok_or(ApiError::WrongCredentials)?;
    tracing::info!(account = account_id, "signed in");
    let mut response = Json(staff.me).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(&sessions.config, &id, sessions.config.absolute.as_secs()),
    );
    Ok(response)
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[utoipa::path(delete, path = "/api/session", tag = "staff",
    responses((status = 204, description = "Signed out (or was not signed in)")))]
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let config = &state.staff.config;
    if let Some(id) = cookie(&headers, config.cookie_name()) {
        sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
            .bind(id_hash(id))
            .execute(&state.db)
            .await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, set_cookie(config, "", 0));
    Ok(response)
}

/// Removes sessions that have ended, so the table does not grow.
pub async fn sweep(db: &SqlitePool, config: &SessionConfig, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?")
        .bind(now - config.idle.as_secs() as i64)
        .bind(now - config.absolute.as_secs() as i64)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; rc_session=abc; b=2"),
        );
        assert_eq!(cookie(&headers, "rc_session"), Some("abc"));
        assert_eq!(cookie(&headers, "__Host-rc_session"), None);
        let secure = SessionConfig {
            secure_cookie: true,
            ..Default::default()
        };
        let value = set_cookie(&secure, "abc", 60);
        assert_eq!(
            value.to_str().unwrap(),
            "__Host-rc_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure"
        );
    }
}
