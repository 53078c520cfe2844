//! Staff accounts: the team makes, lists, disables and enables them and sets
//! new passwords; everyone changes their own.

use std::collections::HashMap;

use api::accounts::{Account, AccountUpdate, NewAccount, PasswordChange, Role};
use api::FieldError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::{Row, SqlitePool};

use super::password::{check_password, hash_password, verify_password};
use super::session::{SignedIn, Team};
use crate::http::client::ClientAddr;
use crate::http::error::responses::{BadBody, NotJson, TooLarge};
use crate::http::error::responses::{FieldRuleBroken, NoSession, NotSignedIn, NotTeam};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::{clock, AppState};

/// An account's colleges for its role (the shared rule), each in the
/// directory.
fn checked_colleges(
    role: Role,
    colleges: &[String],
    directory_has: &impl Fn(&str) -> bool,
) -> Result<Vec<String>, FieldError> {
    let list = api::accounts::colleges_for(role, colleges)
        .map_err(|reason| FieldError::new("colleges", reason).with_code("missing"))?;
    match list.iter().find(|slug| !directory_has(slug)) {
        Some(slug) => Err(FieldError::new(
            "colleges",
            format!("There is no college {slug:?} in the directory"),
        )
        .with_code("invalid")),
        None => Ok(list),
    }
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
    if api::text::has_hidden_characters(&new.name.replace(' ', "")) {
        errors.push(
            FieldError::new(
                "name",
                "Remove the hidden characters (control or text-direction characters) from the name",
            )
            .with_code("invalid"),
        );
    }
    if !api::enquiries::is_email(&email) || email.len() > 254 {
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
    let colleges = match checked_colleges(role, &new.colleges, &directory_has) {
        Ok(list) => list,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    };
    if let Some(problem) = check_password(&new.password, &email, &name) {
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
        last_sign_in: None,
        must_change_password: false,
    })
}

/// The names of these accounts, for "who did this" (a deleted account is missing).
pub async fn names(db: &SqlitePool, ids: &[i64]) -> Result<HashMap<i64, String>, sqlx::Error> {
    let mut out = HashMap::new();
    let mut wanted: Vec<i64> = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    for id in wanted {
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
            .bind(id)
            .fetch_optional(db)
            .await?;
        if let Some(name) = name {
            out.insert(id, name);
        }
    }
    Ok(out)
}

/// The ids of college staff accounts (not the team's).
pub async fn college_staff_ids(db: &SqlitePool) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM accounts WHERE role = ?")
        .bind(Role::CollegeStaff.as_str())
        .fetch_all(db)
        .await
}

pub async fn list(db: &SqlitePool) -> Result<Vec<Account>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, a.email, a.role, a.created_at, a.disabled_at IS NOT NULL AS disabled,
            a.last_sign_in_at, a.must_change_password,
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
                last_sign_in: row
                    .try_get::<Option<i64>, _>("last_sign_in_at")?
                    .map(clock::rfc3339),
                must_change_password: row.try_get("must_change_password")?,
            })
        })
        .collect()
}

/// Every staff account (team only).
#[utoipa::path(get, path = "/api/staff/accounts", tag = "staff",
    responses(
        (status = 200, description = "The accounts", body = Vec<Account>),
        NotSignedIn,
        NotTeam,
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
        NotSignedIn,
        NotTeam,
        (status = 409, description = "The email has an account", body = api::Problem, content_type = "application/problem+json"),
        FieldRuleBroken,
        BadBody, TooLarge, NotJson,
    ))]
pub async fn create_account(
    _team: Team,
    State(state): State<AppState>,
    JsonBody(new): JsonBody<NewAccount>,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    let directory = state.directory.clone();
    let mut account = create(&state.db, new, |slug| directory.get(slug).is_some()).await?;
    // The team chose this password, so its owner chooses their own first.
    sqlx::query("UPDATE accounts SET must_change_password = 1 WHERE id = ?")
        .bind(account.id)
        .execute(&state.db)
        .await?;
    account.must_change_password = true;
    tracing::info!(account = account.id, "staff account created");
    Ok((StatusCode::CREATED, Json(account)))
}

fn password_error(problem: String) -> ApiError {
    ApiError::Unprocessable(vec![
        FieldError::new("password", problem).with_code("invalid")
    ])
}

/// Disables or enables an account, sets a new password for it (either ends
/// the account's sessions), or changes its role and colleges (team only).
#[utoipa::path(patch, path = "/api/staff/accounts/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The account's number")),
    request_body(content = AccountUpdate, content_type = "application/json"),
    responses(
        (status = 200, description = "The account as it now is", body = Account),
        NotSignedIn,
        NotTeam,
        (status = 404, description = "No such account", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A weak password, disabling one's own account or taking oneself off the team, or colleges that do not fit the role", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn update_account(
    Team(staff): Team,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    JsonBody(update): JsonBody<AccountUpdate>,
) -> Result<Json<Account>, ApiError> {
    if update.disabled == Some(true) && id == staff.account_id {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "disabled",
            "You cannot disable your own account",
        )]));
    }
    if update.role.is_some_and(|r| r != Role::Team) && id == staff.account_id {
        // The team always keeps someone who can manage accounts.
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "role",
            "You cannot take yourself off the team: ask another team member",
        )]));
    }
    let current_role: Option<String> = sqlx::query_scalar("SELECT role FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    let Some(current_role) = current_role else {
        return Err(ApiError::NotFound(format!("There is no account {id}.")));
    };
    // A new role or new colleges: the colleges must fit the role it will have.
    let membership = if update.role.is_some() || update.colleges.is_some() {
        let role = update
            .role
            .or_else(|| Role::parse(&current_role))
            .unwrap_or(Role::CollegeStaff);
        let colleges = match &update.colleges {
            Some(list) => list.clone(),
            None => {
                sqlx::query_scalar("SELECT college FROM account_colleges WHERE account_id = ?")
                    .bind(id)
                    .fetch_all(&state.db)
                    .await?
            }
        };
        let directory = state.directory.clone();
        let colleges =
            checked_colleges(role, &colleges, &|slug: &str| directory.get(slug).is_some())
                .map_err(|e| ApiError::Unprocessable(vec![e]))?;
        Some((role, colleges))
    } else {
        None
    };
    let hash = match update.password {
        Some(password) => {
            let holder: Option<(String, String)> =
                sqlx::query_as("SELECT email, name FROM accounts WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&state.db)
                    .await?;
            let (email, name) = holder.unwrap_or_default();
            if let Some(problem) = check_password(&password, &email, &name) {
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
    if let Some((role, colleges)) = &membership {
        sqlx::query("UPDATE accounts SET role = ? WHERE id = ?")
            .bind(role.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM account_colleges WHERE account_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for slug in colleges {
            sqlx::query("INSERT INTO account_colleges (account_id, college) VALUES (?, ?)")
                .bind(id)
                .bind(slug)
                .execute(&mut *tx)
                .await?;
        }
    }
    if let Some(hash) = &hash {
        sqlx::query("UPDATE accounts SET password_hash = ?, must_change_password = 1 WHERE id = ?")
            .bind(hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    // Off the team or disabled: their enquiries go back to nobody (to
    // "Unassigned"), and the team keeps someone who can manage accounts
    // (checked here, so two people removing each other at once cannot
    // both succeed).
    let leaves_team = update.disabled == Some(true)
        || membership
            .as_ref()
            .is_some_and(|(role, _)| *role != Role::Team);
    if leaves_team {
        sqlx::query("UPDATE enquiries SET assignee_id = NULL WHERE assignee_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let team_left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM accounts WHERE role = ? AND disabled_at IS NULL",
        )
        .bind(Role::Team.as_str())
        .fetch_one(&mut *tx)
        .await?;
        if team_left == 0 {
            let field = if update.disabled == Some(true) {
                "disabled"
            } else {
                "role"
            };
            return Err(ApiError::Unprocessable(vec![FieldError::new(
                field,
                "The team needs at least one enabled account",
            )]));
        }
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
        NoSession,
        (status = 422, description = "The current password is not right, or the new one is weak", body = api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts for this account or address", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn change_password(
    SignedIn(staff): SignedIn,
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(change): JsonBody<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    state.staff.count_attempt(client, &staff.me.email)?;
    // The same again would end a password the team chose without its
    // owner choosing one.
    let same = change.new == change.current;
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
    if same {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "new",
            "Choose a new password that is different from your current one",
        )
        .with_code("invalid")]));
    }
    if let Some(problem) = check_password(&change.new, &staff.me.email, &staff.me.name) {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "new", problem,
        )
        .with_code("invalid")]));
    }
    let new_hash = hash_password(change.new).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("UPDATE accounts SET password_hash = ?, must_change_password = 0 WHERE id = ?")
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
