//! Drawing the first page in several tasks. The app draws its first page
//! off the document, while the server's first HTML is still shown, then
//! puts it in that HTML's place in one go (`app::mount`). Parts of a page
//! wrapped in [`Later`] are drawn in tasks of their own meanwhile, so that
//! no one task is long enough to hold up a tap or a keystroke (on a phone,
//! drawing a page and compiling the wasm it first calls took 250 to 400 ms
//! in one task). The reader sees the whole page at once, as before.
//!
//! Once the first page is in, `Later` draws at once: a page reached inside
//! the app is drawn in one task, as it is shown.

use std::cell::Cell;

use leptos::prelude::*;

thread_local! {
    /// True while the first page is being drawn off the document.
    static STARTING: Cell<bool> = const { Cell::new(false) };
    /// `Later`s waiting for their task.
    static WAITING: Cell<u32> = const { Cell::new(0) };
}

/// The first page is about to be drawn: `Later`s wait for a task of their own.
pub fn begin() {
    STARTING.with(|s| s.set(true));
}

/// Resolves once every `Later` of the first page has been drawn, and ends
/// the start: later `Later`s draw at once.
pub async fn all_drawn() {
    // Each `Later` set its timer while being made, so theirs fire first; a
    // `Later` inside another one sets its own, so look again. A page has a
    // few; should one never be drawn nor dropped (a bug), the app starts
    // anyway rather than leaving the reader without it.
    for _ in 0..100 {
        next_task().await;
        if waiting() == 0 {
            break;
        }
    }
    if waiting() > 0 {
        leptos::logging::warn!("started with {} parts of the page not drawn", waiting());
        WAITING.with(|w| w.set(0));
    }
    STARTING.with(|s| s.set(false));
}

/// Resolves once the first page is in the document, for work that needs it
/// laid out (a map measures its box).
pub async fn in_document() {
    while STARTING.with(Cell::get) {
        next_task().await;
    }
}

/// Resolves in a new task (`setTimeout`), after what the browser has
/// waiting: input, a paint.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Its children, drawn in a task of their own while the first page is being
/// drawn, and at once afterwards.
#[component]
pub fn Later(children: Children) -> impl IntoView {
    if !STARTING.with(Cell::get) {
        return children().into_any();
    }
    let waiting = Waiting::new();
    let due = RwSignal::new(false);
    let children = StoredValue::new_local(Some(children));
    set_timeout(move || due.set(true), std::time::Duration::ZERO);
    // Dropped before its task came (the part of the page around it was
    // drawn again, say): the start no longer waits for it.
    on_cleanup({
        let waiting = waiting.clone();
        move || waiting.done()
    });
    (move || {
        if !due.get() {
            return None;
        }
        let children = children.try_update_value(Option::take).flatten()?;
        waiting.done();
        // Untracked: a signal the children read while being made must not
        // make this closure run again, as they are made once.
        Some(untrack(children))
    })
    .into_any()
}

/// One `Later` counted in [`WAITING`] until it is drawn or dropped,
/// whichever comes first.
#[derive(Clone)]
struct Waiting(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Waiting {
    fn new() -> Self {
        WAITING.with(|w| w.set(w.get() + 1));
        Self(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(
            true,
        )))
    }

    fn done(&self) {
        if self.0.swap(false, std::sync::atomic::Ordering::Relaxed) {
            WAITING.with(|w| w.set(w.get().saturating_sub(1)));
        }
    }
}

/// How many `Later`s the start is waiting for.
pub fn waiting() -> u32 {
    WAITING.with(Cell::get)
}
