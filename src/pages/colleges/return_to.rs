//! Going back to the list as it was. The directory's search and filters
//! are in its address; what the address does not hold is how far down the
//! list the reader had scrolled, and the list is fetched again when it is
//! drawn, after the browser's own scroll restoration has given up. So the
//! directory keeps its address and scroll position while it is shown, and
//! puts the scroll back when it is shown again at that address (by Back,
//! or by a college page's "Back to all colleges").

use std::cell::RefCell;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Where the reader left the directory.
#[derive(Clone, Debug, PartialEq)]
struct Left {
    /// The directory's address then: `/colleges?…`.
    href: String,
    scroll_y: f64,
}

thread_local! {
    static LEFT: RefCell<Option<Left>> = const { RefCell::new(None) };
}

/// The directory's address for `search` (the query, without `?`).
pub fn directory_href(search: &str) -> String {
    if search.is_empty() {
        "/colleges".into()
    } else {
        format!("/colleges?{search}")
    }
}

/// Called by the directory page while it is shown at `href`: keeps its
/// address and scroll position as they change, so both are there however
/// the reader leaves. Only while the router is on the directory: the next
/// page's own scrolling (and the browser's as the page gets shorter) is
/// not the list's.
pub fn remember_while_shown(href: Memo<String>) {
    let pathname = use_location().pathname;
    let record = move || {
        let on_directory = pathname.with_untracked(|p| {
            api::routes::find(p).is_some_and(|r| r.page == api::routes::Page::Directory)
        });
        if on_directory {
            let left = Left {
                href: href.get_untracked(),
                scroll_y: window().scroll_y().unwrap_or(0.0),
            };
            LEFT.with(|l| *l.borrow_mut() = Some(left));
        }
    };
    Effect::new(move |_| {
        href.track();
        record();
    });
    // (Natively, drawing the server's first HTML, there is no window.)
    if cfg!(target_arch = "wasm32") {
        let scroll = window_event_listener(leptos::ev::scroll, move |_| record());
        on_cleanup(move || scroll.remove());
    }
}

/// The scroll position to put back when the directory is shown at
/// `href`, where the reader left it; taken once.
pub fn scroll_to_restore(href: &str) -> Option<f64> {
    LEFT.with(|l| {
        let mut l = l.borrow_mut();
        let y = l.as_ref().filter(|left| left.href == href)?.scroll_y;
        *l = None;
        Some(y)
    })
}

/// Puts the scroll back, once the list is drawn: two frames on, after the
/// new page's focus has moved to its heading (which scrolls it into view).
pub fn restore_scroll(y: f64) {
    request_animation_frame(move || {
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    });
}

/// Where "Back to all colleges" goes: the list as the reader left it
/// (its search and filters; the directory then puts the scroll back), else
/// the whole directory. A link, not the browser's Back: the page may have
/// been reached another way, and the link must not leave the site.
pub fn list_href() -> String {
    LEFT.with(|l| {
        l.borrow()
            .as_ref()
            .map(|left| left.href.clone())
            .unwrap_or_else(|| "/colleges".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_restored_once_at_its_own_address() {
        LEFT.with(|l| {
            *l.borrow_mut() = Some(Left {
                href: "/colleges?q=leeds".into(),
                scroll_y: 640.0,
            })
        });
        assert_eq!(list_href(), "/colleges?q=leeds");
        assert_eq!(scroll_to_restore("/colleges?q=york"), None);
        assert_eq!(list_href(), "/colleges?q=leeds");
        assert_eq!(scroll_to_restore("/colleges?q=leeds"), Some(640.0));
        assert_eq!(scroll_to_restore("/colleges?q=leeds"), None);
        assert_eq!(list_href(), "/colleges");
        assert_eq!(directory_href(""), "/colleges");
        assert_eq!(directory_href("q=a"), "/colleges?q=a");
    }
}
