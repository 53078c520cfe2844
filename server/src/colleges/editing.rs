//! Editing the directory: the team creates, edits and unpublishes
//! colleges; a college's staff edit their own college's entry (but not its
//! Learning Set membership or whether it is listed). Every change is kept
//! with who made it and when.

use api::colleges::editing::{
    changed_fields, check_college, drop_stale_evidence, tidy_college, CollegeChange, CollegeEdit,
    CollegeLine, CollegeRecord, RestoreField,
};
use api::College;
use api::FieldError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::SqlitePool;

use super::store;
use crate::accounts::{self, Staff, Team};
use crate::http::error::responses::{BadBody, NotJson, TooLarge};
use crate::http::error::responses::{
    FieldRuleBroken, NoSuchCollege, NotCollegeStaff, NotSignedIn, NotTeam,
};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::{clock, AppState};

/// An entry with its history, authors named.
async fn record(db: &SqlitePool, slug: &str) -> Result<CollegeRecord, ApiError> {
    let (college, published) = store::find(db, slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no college {slug:?}.")))?;
    let changes = store::history(db, slug).await?;
    let ids: Vec<i64> = changes.iter().filter_map(|c| c.account_id).collect();
    let names = accounts::names(db, &ids).await?;
    let history = changes
        .into_iter()
        .map(|c| CollegeChange {
            author: match (c.data_version, c.account_id) {
                (Some(version), _) => format!("bundled data v{version}"),
                (None, id) => id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_else(|| "A former account".into()),
            },
            changed_at: clock::rfc3339(c.changed_at),
            fields: c.fields,
            id: c.id,
            values: c.values,
        })
        .collect();
    Ok(CollegeRecord {
        college,
        published,
        history,
    })
}

/// The colleges this person can edit: all for the team (listed or not), their own for college staff.
#[utoipa::path(get, path = "/api/staff/colleges", tag = "staff",
    responses(
        (status = 200, description = "Colleges this account can edit", body = Vec<CollegeLine>),
        NotSignedIn,
    ))]
pub async fn list_colleges(
    staff: Staff,
    State(state): State<AppState>,
) -> Result<Json<Vec<CollegeLine>>, ApiError> {
    let mut lines = store::lines(&state.db).await?;
    lines.retain(|line| staff.me.can_see_college(&line.slug));
    Ok(Json(lines))
}

/// One entry with its history (the team, or the college's staff).
#[utoipa::path(get, path = "/api/staff/colleges/{slug}", tag = "staff",
    params(("slug" = String, Path, description = "The college's slug")),
    responses(
        (status = 200, description = "The entry and its history", body = CollegeRecord),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
    ))]
pub async fn get_college(
    staff: Staff,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<CollegeRecord>, ApiError> {
    staff.require_college(&slug)?;
    Ok(Json(record(&state.db, &slug).await?))
}

/// Saves an entry (the team, or the college's staff for everything but
/// Learning Set membership and listing), recording the change.
#[utoipa::path(put, path = "/api/staff/colleges/{slug}", tag = "staff",
    params(("slug" = String, Path, description = "The college's slug")),
    request_body(content = CollegeEdit, content_type = "application/json"),
    responses(
        (status = 200, description = "Saved; the entry and its history", body = CollegeRecord),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
        FieldRuleBroken,
        BadBody, TooLarge, NotJson,
    ))]
pub async fn update_college(
    staff: Staff,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    JsonBody(edit): JsonBody<CollegeEdit>,
) -> Result<Json<CollegeRecord>, ApiError> {
    Ok(Json(apply_edit(&state, &staff, &slug, edit, None).await?))
}

/// Checks and saves an edit to an existing entry, as `staff` may make it,
/// recording what changed; approves the suggestion it carries out.
/// `note_by_college`: whose words a restored status note is.
async fn apply_edit(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    mut edit: CollegeEdit,
    note_by_college: Option<bool>,
) -> Result<CollegeRecord, ApiError> {
    let slug = slug.to_string();
    staff.require_college(&slug)?;
    tidy_college(&mut edit.college);
    let (before, was_published) = store::find(&state.db, &slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no college {slug:?}.")))?;
    let mut errors = check_college(&edit.college);
    if edit.college.slug != slug {
        errors.push(FieldError::new(
            "college.slug",
            "The address name of a college cannot change",
        ));
    }
    if !staff.me.is_team() {
        if edit.college.learning_set_member != before.learning_set_member {
            errors.push(FieldError::new(
                "college.learning_set_member",
                "Only the Recovery College team can change Learning Set membership",
            ));
        }
        if edit.college.imroc_demonstration_site != before.imroc_demonstration_site {
            errors.push(FieldError::new(
                "college.imroc_demonstration_site",
                "Only the Recovery College team can mark an ImROC demonstration site",
            ));
        }
        if edit.published != was_published {
            errors.push(FieldError::new(
                "published",
                "Only the Recovery College team can list or unlist a college",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    if let Some(id) = edit.approves {
        if !staff.me.is_team() {
            return Err(ApiError::Forbidden(
                "Only the Recovery College team decides suggestions.".into(),
            ));
        }
        super::suggestions::check_applies(&state.db, id, Some(&slug)).await?;
    }
    // A status note the college's own staff write is theirs, and the page
    // says so; one the team writes (from a source) is the source's.
    edit.college.status_note_by_college = if let Some(restored) = note_by_college {
        restored && edit.college.status_note.is_some()
    } else if edit.college.status_note != before.status_note {
        !staff.me.is_team() && edit.college.status_note.is_some()
    } else {
        before.status_note_by_college
    };
    drop_stale_evidence(&before, &mut edit.college);
    let mut fields = changed_fields(&before, &edit.college);
    if edit.published != was_published {
        fields.push(
            if edit.published {
                "published"
            } else {
                "unpublished"
            }
            .into(),
        );
    }
    if !fields.is_empty() {
        // The team asked to hear of what colleges change themselves.
        let tell_team = !staff.me.is_team()
            && state.enquiries.config.mail.is_some()
            && crate::accounts::summary::college_edit_emails(&state.db).await?;
        store::save(
            &state.db,
            &edit,
            Some(&before),
            staff.account_id,
            &fields,
            store::Save {
                create: false,
                tell_team,
                at: state.clock.now(),
            },
        )
        .await?;
        if tell_team {
            state.enquiries.wake_mail();
        }
        state.directory.reload(&state.db).await?;
        tracing::info!(college = %slug, account = staff.account_id, "college entry changed");
    }
    // Approved after the change it asked for is saved (or found made).
    if let Some(id) = edit.approves {
        super::suggestions::approve(&state.db, id, staff.account_id).await?;
    }
    record(&state.db, &slug).await
}

/// Puts back the value a field had before one of the entry's changes, as a
/// new change (so it can be undone in turn); the same people and rules as
/// saving the entry.
#[utoipa::path(post, path = "/api/staff/colleges/{slug}/restore", tag = "staff",
    params(("slug" = String, Path, description = "The college's slug")),
    request_body(content = RestoreField, content_type = "application/json"),
    responses(
        (status = 200, description = "Restored; the entry and its history", body = CollegeRecord),
        NotSignedIn,
        NotCollegeStaff,
        NoSuchCollege,
        (status = 422, description = "No earlier value of that field is recorded for that change, or the value breaks a rule now", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn restore_field(
    staff: Staff,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    JsonBody(restore): JsonBody<RestoreField>,
) -> Result<Json<CollegeRecord>, ApiError> {
    staff.require_college(&slug)?;
    let (current, published) = store::find(&state.db, &slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no college {slug:?}.")))?;
    let refuse = |field: &str, why: &str| {
        ApiError::Unprocessable(vec![FieldError::new(field, why).with_code("invalid")])
    };
    let mut entry = serde_json::to_value(&current).map_err(|e| ApiError::Storage(e.to_string()))?;
    if restore.field == "slug" || entry.get(&restore.field).is_none() {
        return Err(refuse(
            "field",
            "That is not a field of the entry that can be restored",
        ));
    }
    let old = store::value_before(&state.db, &slug, restore.change, &restore.field)
        .await?
        .ok_or_else(|| {
            refuse(
                "change",
                "That change did not touch this field, or its earlier value is not recorded",
            )
        })?;
    entry[&restore.field] = old;
    let college: College = serde_json::from_value(entry)
        .map_err(|_| refuse("field", "The earlier value no longer fits this field"))?;
    let edit = CollegeEdit {
        college,
        published,
        approves: None,
    };
    // A restored note is whoever wrote it then, not whoever restores it.
    let note_by_college = if restore.field == "status_note" {
        Some(store::note_by_college_before(&state.db, &slug, restore.change).await?)
    } else {
        None
    };
    Ok(Json(
        apply_edit(&state, &staff, &slug, edit, note_by_college).await?,
    ))
}

/// Adds a college to the directory (team only).
#[utoipa::path(post, path = "/api/staff/colleges", tag = "staff",
    request_body(content = CollegeEdit, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = CollegeRecord),
        NotSignedIn,
        NotTeam,
        (status = 409, description = "The slug is taken", body = api::Problem, content_type = "application/problem+json"),
        FieldRuleBroken,
        BadBody, TooLarge, NotJson,
    ))]
pub async fn create_college(
    Team(staff): Team,
    State(state): State<AppState>,
    JsonBody(mut edit): JsonBody<CollegeEdit>,
) -> Result<(StatusCode, Json<CollegeRecord>), ApiError> {
    tidy_college(&mut edit.college);
    let errors = check_college(&edit.college);
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    if let Some(id) = edit.approves {
        super::suggestions::check_applies(&state.db, id, None).await?;
    }
    // A new entry's note is the team's, from a source.
    edit.college.status_note_by_college = false;
    let created = ["created".to_string()];
    if store::save(
        &state.db,
        &edit,
        None,
        staff.account_id,
        &created,
        store::Save {
            create: true,
            tell_team: false,
            at: state.clock.now(),
        },
    )
    .await?
        == store::Saved::SlugTaken
    {
        return Err(ApiError::Conflict(format!(
            "There is already a college called {:?}.",
            edit.college.slug
        )));
    }
    state.directory.reload(&state.db).await?;
    if let Some(id) = edit.approves {
        super::suggestions::approve(&state.db, id, staff.account_id).await?;
    }
    let record = record(&state.db, &edit.college.slug).await?;
    Ok((StatusCode::CREATED, Json(record)))
}
