use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Whether a CSS media query matches, kept up to date as the window changes.
/// (Natively, drawing the server's first HTML, none matches: the page is
/// drawn as for a phone.)
pub fn use_media_query(query: &'static str) -> Signal<bool> {
    if !cfg!(target_arch = "wasm32") {
        return Signal::stored(false);
    }
    let Some(list) = window().match_media(query).ok().flatten() else {
        return Signal::stored(false);
    };
    let matches = RwSignal::new(list.matches());
    let listener = Closure::<dyn Fn()>::new({
        let list = list.clone();
        move || matches.set(list.matches())
    });
    list.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .ok();
    // The listener lives as long as the page: the query object is shared.
    listener.forget();
    matches.into()
}
