//! Staff accounts: passwords hashed with argon2id (OWASP's parameters, off
//! the async runtime), the common-password list, and creating accounts.

use api::staff::{password_problem, Account, AccountUpdate, NewAccount, PasswordChange, Role};
use api::FieldError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use sqlx::{Row, SqlitePool};

use super::session::{Staff, Team};
use crate::error::ApiError;
use crate::{clock, AppState};

const COMMON: &str = include_str!("common-passwords.txt");

/// Whether `password` is on the list of the most common passwords.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    COMMON
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l.trim() == lower)
}

/// Every reason to refuse `password`, in words for a person.
pub fn check_password(password: &str) -> Option<String> {
    password_problem(password).or_else(|| {
        is_common(password).then(|| {
            "This password is one of the most common and easy to guess: choose another".to_string()
        })
    })
}

fn argon2() -> Argon2<'static> {
    // OWASP: m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of `password`, hashed on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::getrandom(&mut salt).map_err(|e| e.to_string())?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| ApiError::Storage(e.to_string()))?
    .map_err(ApiError::Storage)
}

/// Whether `password` matches `hash`, checked on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a password nobody has, verified when an email is unknown so
/// that a wrong email takes as long as a wrong password.
pub async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            hash_password("not a real password, only for timing".into())
                .await
                .unwrap_or_default()
        })
        .await
}

/// Checks and stores a new account; `directory_has` says whether a college slug exists.
pub async fn create(
    db: &SqlitePool,
    new: NewAccount,
    directory_has: impl Fn(&str) -> bool,
) -> Result<Account, ApiError> {
    let mut errors = Vec::new();
    let name = api::text::squash_spaces(&new.name);
    let email = new.email.trim().to_string();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(
            FieldError::new("name", "Enter a name of up to 120 characters").with_code("invalid"),
        );
    }
    if !api::enquiry::is_email(&email) || email.len() > 254 {
        errors.push(
            FieldError::new(
                "email",
                "Enter an email address in the correct format, like name@example.com",
            )
            .with_code("invalid"),
        );
    }
    let role = match new.role {
        Some(role) => role,
        None => {
            errors.push(
                FieldError::new("role", "Choose the team or college staff").with_code("missing"),
            );
            Role::CollegeStaff
        }
    };
    let mut colleges = new.colleges.clone();
    colleges.sort();
    colleges.dedup();
    if role == Role::CollegeStaff && colleges.is_empty() {
        errors.push(
            FieldError::new("colleges", "Choose at least one college for college staff")
                .with_code("missing"),
        );
    }
    if role == Role::Team {
        colleges.clear();
    }
    for slug in &colleges {
        if !directory_has(slug) {
            errors.push(
                FieldError::new(
                    "colleges",
                    format!("There is no college {slug:?} in the directory"),
                )
                .with_code("invalid"),
            );
        }
    }
    if let Some(problem) = check_password(&new.password) {
        errors.push(FieldError::new("password", problem).with_code("invalid"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    let hash = hash_password(new.password).await?;
    let now = clock::now();
    let mut tx = crate::db::begin_write(db).await?;
    let inserted = sqlx::query(
        "INSERT INTO accounts (email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(&email)
    .bind(&name)
    .bind(role.as_str())
    .bind(&hash)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = inserted else {
        return Err(ApiError::Conflict(format!(
            "There is already an account for {email}."
        )));
    };
    let id: i64 = row.try_get("id")?;
    for slug in &colleges {
        sqlx::query("INSERT INTO account_colleges (account_id, college) VALUES (?, ?)")
            .bind(id)
            .bind(slug)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Account {
        id,
        name,
        email,
        role,
        colleges,
        created_at: clock::rfc3339(now),
        disabled: false,
    })
}

pub async fn list(db: &SqlitePool) -> Result<Vec<Account>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, a.email, a.role, a.created_at, a.disabled_at IS NOT NULL AS disabled,
            (SELECT group_concat(college, ' ') FROM account_colleges c WHERE c.account_id = a.id) AS colleges
         FROM accounts a ORDER BY a.disabled_at IS NOT NULL, a.name COLLATE NOCASE",
    )
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            let colleges: Option<String> = row.try_get("colleges")?;
            let mut colleges: Vec<String> = colleges
                .unwrap_or_default()
                .split_whitespace()
                .map(String::from)
                .collect();
            colleges.sort();
            Ok(Account {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                role: Role::parse(&role).unwrap_or(Role::CollegeStaff),
                colleges,
                created_at: clock::rfc3339(row.try_get("created_at")?),
                disabled: row.try_get("disabled")?,
            })
        })
        .collect()
}

/// Every staff account (team only).
#[utoipa::path(get, path = "/api/staff/accounts", tag = "staff",
    responses(
        (status = 200, description = "The accounts", body = Vec<Account>),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_accounts(
    _team: Team,
    State(state): State<AppState>,
) -> Result<Json<Vec<Account>>, ApiError> {
    Ok(Json(list(&state.db).await?))
}

/// Creates an account with a first password (team only).
#[utoipa::path(post, path = "/api/staff/accounts", tag = "staff",
    request_body(content = NewAccount, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = Account),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email has an account", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks a rule", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_account(
    _team: Team,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    let new: NewAccount = crate::json::parse(&headers, &body)?;
    let directory = state.directory.clone();
    let account = create(&state.db, new, |slug| directory.get(slug).is_some()).await?;
    tracing::info!(account = account.id, "staff account created");
    Ok((StatusCode::CREATED, Json(account)))
}

fn password_error(problem: String) -> ApiError {
    ApiError::Unprocessable(vec![
        FieldError::new("password", problem).with_code("invalid")
    ])
}

/// Disables or enables an account, or sets a new password for it (team
/// only); either ends the account's sessions.
#[utoipa::path(patch, path = "/api/staff/accounts/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The account's number")),
    request_body(content = AccountUpdate, content_type = "application/json"),
    responses(
        (status = 200, description = "The account as it now is", body = Account),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A weak password, or disabling one's own account", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_account(
    Team(staff): Team,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Account>, ApiError> {
    let update: AccountUpdate = crate::json::parse(&headers, &body)?;
    if update.disabled == Some(true) && id == staff.account_id {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "disabled",
            "You cannot disable your own account",
        )]));
    }
    let hash = match update.password {
        Some(password) => {
            if let Some(problem) = check_password(&password) {
                return Err(password_error(problem));
            }
            Some(hash_password(password).await?)
        }
        None => None,
    };
    let mut tx = crate::db::begin_write(&state.db).await?;
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if found.is_none() {
        return Err(ApiError::NotFound(format!("There is no account {id}.")));
    }
    if let Some(disabled) = update.disabled {
        sqlx::query(
            "UPDATE accounts SET disabled_at = CASE WHEN ? THEN ? ELSE NULL END WHERE id = ?",
        )
        .bind(disabled)
        .bind(clock::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(hash) = &hash {
        sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ?")
            .bind(hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    if update.disabled == Some(true) || hash.is_some() {
        sqlx::query("DELETE FROM sessions WHERE account_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(account = id, by = staff.account_id, "staff account changed");
    list(&state.db)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("There is no account {id}.")))
}

/// Changes the signed-in person's own password; their other sessions end.
#[utoipa::path(post, path = "/api/session/password", tag = "staff",
    request_body(content = PasswordChange, content_type = "application/json"),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The current password is not right, or the new one is weak", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_password(
    staff: Staff,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<StatusCode, ApiError> {
    let change: PasswordChange = crate::json::parse(&headers, &body)?;
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM accounts WHERE id = ?")
        .bind(staff.account_id)
        .fetch_one(&state.db)
        .await?;
    if !verify_password(change.current, hash).await {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "current",
            "Your current password is not right",
        )
        .with_code("invalid")]));
    }
    if let Some(problem) = check_password(&change.new) {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "new", problem,
        )
        .with_code("invalid")]));
    }
    let new_hash = hash_password(change.new).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("UPDATE accounts SET password_hash = ? WHERE id = ?")
        .bind(&new_hash)
        .bind(staff.account_id)
        .execute(&mut *tx)
        .await?;
    // Other browsers signed in as this person are signed out.
    sqlx::query("DELETE FROM sessions WHERE account_id = ? AND id_hash <> ?")
        .bind(staff.account_id)
        .bind(&staff.session_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("Password123"));
        assert!(is_common("QWERTYUIOP"));
        assert!(!is_common("correct horse battery staple"));
        assert!(check_password("letmein1").is_some());
        assert!(check_password("tulips in the rain").is_none());
    }

    #[tokio::test]
    async fn hashes_verify_and_are_argon2id() {
        let hash = hash_password("tulips in the rain".into()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("tulips in the rain".into(), hash.clone()).await);
        assert!(!verify_password("tulips in the sun".into(), hash).await);
        assert!(!verify_password("x".into(), "not a hash".into()).await);
    }
}
