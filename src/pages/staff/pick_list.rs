//! Several things chosen one by one from a list by name, each removable:
//! an account's colleges, the languages a college teaches in.

use leptos::prelude::*;

use crate::components::{error_id, FieldError};

/// `options` are (value, name). Each is added with its button, not on the
/// select's change: arrow keys on a closed select change it in some
/// browsers (WCAG 3.2.2).
#[component]
pub fn PickList(
    /// The select's id (the field an error names).
    id: String,
    /// What the list is ("Colleges").
    label: &'static str,
    /// One of the things ("college"): "Add a college", "Choose a college".
    noun: &'static str,
    /// What an empty list means ("None yet: add at least one.").
    empty: &'static str,
    options: Vec<(String, String)>,
    /// The values chosen, in order.
    #[prop(into)]
    chosen: Signal<Vec<String>>,
    /// Told the new list when one is added or removed.
    on_change: Callback<Vec<String>>,
    /// The server's or the form's error for this field (none by default).
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let names = StoredValue::new(options.clone());
    let name_of = move |value: &str| {
        names.with_value(|all| {
            all.iter()
                .find(|(v, _)| v == value)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| value.to_string())
        })
    };
    let described = {
        let error_id = error_id(&id);
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    let list_id = format!("{id}-chosen");
    let select = NodeRef::<leptos::html::Select>::new();
    let add = move |_| {
        let value = select.get().map(|s| s.value()).unwrap_or_default();
        let mut list = chosen.get_untracked();
        if !value.is_empty() && !list.contains(&value) {
            list.push(value);
            on_change.run(list);
        }
    };
    view! {
        <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
            <p class="label" id=list_id.clone()>{label}</p>
            {move || {
                let list = chosen.get();
                if list.is_empty() {
                    view! { <p class="hint">{empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="chosen-list" aria-labelledby=list_id.clone()>
                            {list.into_iter().map(|value| {
                                let name = name_of(&value);
                                let remove = move |_| {
                                    let mut list = chosen.get_untracked();
                                    list.retain(|v| *v != value);
                                    on_change.run(list);
                                };
                                view! {
                                    <li>{name.clone()}" "
                                        <button type="button" class="button button-secondary button-small" on:click=remove>
                                            "Remove"<span class="visually-hidden">{format!(" {name}")}</span>
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <label class="label" for=id.clone()>{format!("Add a {noun}")}</label>
            <FieldError input_id=id.clone() message=error/>
            <div class="add-row">
                <select class="select" id=id aria-describedby=described node_ref=select>
                    <option value="" prop:selected=move || { chosen.track(); true }>{format!("Choose a {noun}")}</option>
                    {options.into_iter().map(|(value, name)| {
                        let v2 = value.clone();
                        view! { <option value=value prop:disabled=move || chosen.with(|c| c.contains(&v2))>{name}</option> }
                    }).collect_view()}
                </select>
                <button type="button" class="button button-secondary" on:click=add>
                    "Add"<span class="visually-hidden">{format!(" this {noun}")}</span>
                </button>
            </div>
        </div>
    }
}
