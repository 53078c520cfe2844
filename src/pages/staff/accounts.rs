//! `/staff/accounts` (team only): who can sign in, and making an account
//! for a team member or for a college's staff, with a first password to
//! pass on to them.

use api::accounts::{Account, AccountUpdate, NewAccount, Role};
use api::paths;
use leptos::prelude::*;

use serde::{Deserialize, Serialize};

use super::draft::FormDraft;
use super::pick_list::PickList;
use super::{error_text, use_session, when, Signed};
use crate::components::{described_by, field_error, ErrorSummary, FetchErrorMessage, Loading};
use crate::fetch::{self, FetchError};
use crate::page::set_title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! {
        <Signed team=true>
            <Accounts/>
        </Signed>
    }
}

#[component]
fn Accounts() -> impl IntoView {
    set_title("Accounts");
    let session = use_session();
    let accounts = LocalResource::new(move || async move {
        session.get::<Vec<Account>>(paths::STAFF_ACCOUNTS).await
    });
    // Colleges by name, for the table and the pickers (asked for once):
    // every entry, listed or not, so an account of a college taken out of
    // the directory still reads by name.
    let colleges = LocalResource::new(move || super::choose::college_names(session, true));
    view! {
        <h1 tabindex="-1">"Accounts"</h1>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let all = colleges.await.unwrap_or_default();
                let name_of = {
                    let all = all.clone();
                    move |slug: &String| all.iter().find(|(s, _)| s == slug).map(|(_, n)| n.clone()).unwrap_or_else(|| slug.clone())
                };
                match accounts.await {
                    Ok(list) => view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Accounts">
                            <table class="table">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Colleges"</th><th scope="col">"Last signed in"</th><th scope="col">"Change"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| {
                                        let me = session.me.get_untracked().flatten().is_some_and(|m| m.email.eq_ignore_ascii_case(&a.email));
                                        view! {
                                            <tr>
                                                <td>{a.name.clone()}{a.disabled.then(|| view! { " "<span class="tag tag-plain">"Disabled"</span> })}</td>
                                                <td>{a.email.clone()}</td>
                                                <td>{if a.role == Role::Team { "Recovery College team" } else { "College staff" }}</td>
                                                <td>{a.colleges.iter().map(&name_of).collect::<Vec<_>>().join("; ")}</td>
                                                <td>
                                                    {a.last_sign_in.as_deref().map(when).unwrap_or_else(|| "Never".into())}
                                                    {a.must_change_password.then(|| view! { <br/><span class="hint">"Has not yet chosen their own password"</span> })}
                                                </td>
                                                <td>{(!me).then(|| view! { <AccountActions account=a.clone() colleges=all.clone() on_done=Callback::new(move |_| accounts.refetch())/> })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <FetchErrorMessage error=e on_retry=Callback::new(move |_| accounts.refetch())/> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                let all = colleges.await.unwrap_or_default();
                view! { <NewAccountForm colleges=all on_created=Callback::new(move |_| accounts.refetch())/> }
            })}
        </Suspense>
    }
}

/// Disable or enable an account, or give it a new password (which ends
/// its sessions): for someone who has left, or lost their password.
#[component]
fn AccountActions(
    account: Account,
    colleges: Vec<(String, String)>,
    on_done: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let message = RwSignal::new(None::<String>);
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(account.role);
    let chosen = RwSignal::new(account.colleges.clone());
    let id = account.id;
    let send = move |update: AccountUpdate| {
        leptos::task::spawn_local(async move {
            match fetch::patch_json_for::<_, Account>(&paths::staff_account(id), &update).await {
                Ok(_) => {
                    password.set(String::new());
                    on_done.run(());
                }
                Err(e) => {
                    session.note(&e);
                    message.set(Some(error_text(&e)));
                }
            }
        });
    };
    let disabled = account.disabled;
    let input_id = format!("new-password-{id}");
    view! {
        <button type="button" class="button button-secondary button-small"
            on:click=move |_| send(AccountUpdate { disabled: Some(!disabled), ..Default::default() })>
            {if disabled { "Enable" } else { "Disable" }}<span class="visually-hidden">{format!(" {}", account.email)}</span>
        </button>
        <details class="account-password">
            <summary>"New password"<span class="visually-hidden">{format!(" for {}", account.email)}</span></summary>
            <label class="label" for=input_id.clone()>{format!("New password for {}", account.name)}</label>
            <input class="input" type="password" id=input_id autocomplete="new-password"
                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
            <button type="button" class="button button-small"
                on:click=move |_| send(AccountUpdate { password: Some(password.get_untracked()), ..Default::default() })>"Set the password"</button>
        </details>
        <details class="account-password">
            <summary>"Role and colleges"<span class="visually-hidden">{format!(" of {}", account.email)}</span></summary>
            <RoleAndColleges prefix=format!("account-{id}") role chosen colleges/>
            <button type="button" class="button button-small"
                on:click=move |_| send(AccountUpdate {
                    role: Some(role.get_untracked()),
                    colleges: Some(chosen.get_untracked()),
                    ..Default::default()
                })>"Save role and colleges"</button>
        </details>
        {move || message.get().map(|m| view! { <p class="error-message" role="alert">{m}</p> })}
    }
}

/// An account's role, and for college staff its colleges (several may be
/// chosen, each by name).
#[component]
fn RoleAndColleges(
    /// Makes the fields' ids unique on the page.
    prefix: String,
    role: RwSignal<Role>,
    chosen: RwSignal<Vec<String>>,
    colleges: Vec<(String, String)>,
    #[prop(optional)] errors: Option<RwSignal<Vec<(String, String)>>>,
) -> impl IntoView {
    let is_staff = move || role.get() == Role::CollegeStaff;
    let staff_id = format!("{prefix}-role");
    let team_id = format!("{prefix}-role-team");
    let name = format!("{prefix}-role");
    let picker_id = format!("{prefix}-colleges");
    // Only the new account's form shows errors: the server's `colleges`,
    // which that form names by its picker's id.
    let error = errors.map(|e| {
        let field = picker_id.clone();
        Signal::derive(move || {
            e.with(|es| es.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
        })
    });
    view! {
        <fieldset class="fieldset form-group">
            <legend class="legend-heading">"Role"</legend>
            <div class="radios">
                <div class="radio">
                    <input type="radio" id=staff_id.clone() name=name.clone() prop:checked=is_staff
                        on:change=move |_| role.set(Role::CollegeStaff)/>
                    <label for=staff_id>"College staff: their colleges' results and entries"</label>
                </div>
                <div class="radio">
                    <input type="radio" id=team_id.clone() name=name prop:checked=move || !is_staff()
                        on:change=move |_| role.set(Role::Team)/>
                    <label for=team_id>"Recovery College team: everything"</label>
                </div>
            </div>
        </fieldset>
        {move || is_staff().then(|| view! {
            <PickList id=picker_id.clone() label="Colleges" noun="college" empty="None yet: add at least one."
                options=colleges.clone() chosen on_change=Callback::new(move |list| chosen.set(list)) error=error.unwrap_or_default()/>
        })}
    }
}

/// The new-account form as kept until the account is made (no password).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct AccountDraft {
    name: String,
    email: String,
    role: Role,
    colleges: Vec<String>,
}

impl Default for AccountDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            email: String::new(),
            role: Role::CollegeStaff,
            colleges: Vec::new(),
        }
    }
}

#[component]
fn NewAccountForm(colleges: Vec<(String, String)>, on_created: Callback<()>) -> impl IntoView {
    let session = use_session();
    // What was typed comes back after a reload or an ended session, all
    // but the first password: a password is never kept in the browser.
    let draft = FormDraft::new(&session.email(), "new-account");
    let kept = draft
        .load::<AccountDraft>()
        .filter(|d| *d != AccountDraft::default());
    let restored = RwSignal::new(kept.is_some());
    let kept = kept.unwrap_or_default();
    let form = RwSignal::new(NewAccount {
        name: kept.name,
        email: kept.email,
        ..Default::default()
    });
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let done = RwSignal::new(None::<String>);
    let role = RwSignal::new(kept.role);
    let chosen = RwSignal::new(kept.colleges);
    Effect::new(move |first: Option<()>| {
        // Once changed, the form no longer holds only what was kept.
        if first.is_some() {
            restored.set(false);
        }
        let now = AccountDraft {
            name: form.with(|f| f.name.clone()),
            email: form.with(|f| f.email.clone()),
            role: role.get(),
            colleges: chosen.get(),
        };
        if now == AccountDraft::default() {
            draft.clear();
        } else {
            draft.keep(&now);
        }
    });
    let send = Action::new_local(|new: &NewAccount| {
        let new = new.clone();
        async move { fetch::post_json_for::<_, Account>(paths::STAFF_ACCOUNTS, &new).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(account)) => {
            errors.set(Vec::new());
            done.set(Some(format!(
                "Account made for {}. Give them their first password by a separate, private route; they will choose their own when they first sign in.",
                account.email
            )));
            form.set(NewAccount::default());
            restored.set(false);
            role.set(Role::CollegeStaff);
            chosen.set(Vec::new());
            crate::page::focus_message("account-made");
            on_created.run(());
        }
        Some(Err(e)) => {
            session.note(&e);
            let list = match &e {
                FetchError::Problem(p) if !p.errors.is_empty() => p
                    .errors
                    .iter()
                    .map(|f| (format!("account-{}", f.field), f.reason.clone()))
                    .collect(),
                other => vec![("account-name".to_string(), error_text(other))],
            };
            set_title("Error: Accounts");
            errors.set(list);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let mut new = form.get_untracked();
        new.role = Some(role.get_untracked());
        new.colleges = chosen.get_untracked();
        send.dispatch(new);
    };
    let error_for = move |id| field_error(errors, id);
    let described = move |id| described_by(errors, id, false);
    view! {
        <h2 id="new-account-heading">"Make an account"</h2>
        {move || {
            let list = errors.get();
            (!list.is_empty()).then(|| view! { <ErrorSummary errors=list/> })
        }}
        {move || done.get().map(|m| view! { <div class="inset" role="status" id="account-made" tabindex="-1"><p>{m}</p></div> })}
        {move || restored.get().then(|| view! {
            <div class="inset" role="status">
                <p>"This form holds what you typed earlier, all but the first password (never kept): type it again to make the account."</p>
            </div>
        })}
        <form class="staff-form" novalidate on:submit=on_submit aria-labelledby="new-account-heading">
            <div class="form-group">
                <label class="label" for="account-name">"Name"</label>
                {error_for("account-name")}
                <input class="input" id="account-name" autocomplete="off" aria-describedby=described("account-name")
                    prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
            </div>
            <div class="form-group">
                <label class="label" for="account-email">"Email address"</label>
                {error_for("account-email")}
                <input class="input" id="account-email" type="email" autocomplete="off" spellcheck="false" aria-describedby=described("account-email")
                    prop:value=move || form.with(|f| f.email.clone()) on:input=move |ev| form.update(|f| f.email = event_target_value(&ev))/>
            </div>
            <RoleAndColleges prefix="account".to_string() role chosen colleges errors/>
            <div class="form-group">
                <label class="label" for="account-password">"First password"</label>
                <p class="hint" id="account-password-hint">"At least 8 characters; a few words together make a good one. Not one of the most common passwords."</p>
                {error_for("account-password")}
                <input class="input" id="account-password" type="password" autocomplete="new-password"
                    aria-describedby=described_by(errors, "account-password", true)
                    prop:value=move || form.with(|f| f.password.clone()) on:input=move |ev| form.update(|f| f.password = event_target_value(&ev))/>
            </div>
            <button type="submit" class="button" prop:disabled=move || send.pending().get()>"Make the account"</button>
        </form>
    }
}
