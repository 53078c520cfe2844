//! The apps' router: the address as signals, a page chosen by its path,
//! and navigation within an app by its links, its forms and history.
//!
//! Written here rather than taken from `leptos_router`, which was about 5%
//! of each bundle's code, for nested and async routes, params and forms
//! that these apps do not use: each app has a handful of flat routes, its
//! pages read their path and query themselves, and links to another app's
//! pages are ordinary page loads (`rel="external"`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address being shown. `search` is the query without its `?`.
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
}

/// The query's pairs, read with [`Query::get`].
#[derive(Clone, PartialEq, Default, Debug)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(search: &str) -> Self {
        Query(api::query_string::parse(search.trim_start_matches('?')))
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// How [`navigate`] changes the history: `replace` the current entry
/// rather than add one; `scroll` to the top (the default) or stay.
#[derive(Clone, Copy, Debug)]
pub struct NavigateOptions {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

/// The path and the query, as the browser has them.
#[derive(Clone, PartialEq, Debug)]
struct Address {
    path: String,
    search: String,
}

impl Address {
    fn current() -> Self {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            search: location
                .search()
                .unwrap_or_default()
                .trim_start_matches('?')
                .to_string(),
        }
    }

    /// `href` is a path on this site, with or without a query and a
    /// fragment (the fragment is the browser's business).
    fn of(href: &str) -> Self {
        let href = href.split('#').next().unwrap_or_default();
        let (path, search) = href.split_once('?').unwrap_or((href, ""));
        Address {
            path: path.to_string(),
            search: search.to_string(),
        }
    }

    fn href(&self) -> String {
        if self.search.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.search)
        }
    }
}

#[derive(Clone, Copy)]
struct Router {
    address: RwSignal<Address>,
    location: Location,
}

fn router() -> Router {
    use_context::<Router>().expect("inside a <Router>")
}

/// Gives its children the address, and follows the app's own links and
/// the browser's back and forward.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let address = RwSignal::new(Address::current());
    let location = Location {
        pathname: Memo::new(move |_| address.with(|a| a.path.clone())),
        search: Memo::new(move |_| address.with(|a| a.search.clone())),
    };
    provide_context(Router { address, location });
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        address.set(Address::current());
    });
    let click = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(href) = own_link(&ev) {
            ev.prevent_default();
            go(address, &href, NavigateOptions::default());
        }
    });
    on_cleanup(move || {
        popstate.remove();
        click.remove();
    });
    children()
}

/// The address a click on a link goes to, when this app shows it: a plain
/// left click, on a link to this site that is not `rel="external"`, not a
/// download, not for another window, and not only to a fragment of this
/// page (which the browser scrolls to itself).
fn own_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let a = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let external = a
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if external || a.has_attribute("download") || !a.target().is_empty() {
        return None;
    }
    let here = window().location();
    if a.origin() != here.origin().ok()? {
        return None;
    }
    let search = a.search();
    let only_fragment = !a.hash().is_empty()
        && a.pathname() == here.pathname().ok()?
        && search == here.search().ok()?;
    (!only_fragment).then(|| format!("{}{search}", a.pathname()))
}

fn go(address: RwSignal<Address>, href: &str, options: NavigateOptions) {
    let next = Address::of(href);
    let history = window().history().expect("a window has a history");
    let url = next.href();
    // The browser's address first, so a page drawn for the new address
    // reads the same one from `window.location`.
    if options.replace || address.with_untracked(|a| *a == next) {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    }
    .ok();
    address.set(next);
    if options.scroll {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The address being shown.
pub fn use_location() -> Location {
    router().location
}

/// The query being shown, as pairs.
pub fn use_query_map() -> Memo<Query> {
    let search = use_location().search;
    Memo::new(move |_| Query::parse(&search.get()))
}

/// Shows `href` (a path on this site) in this app.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone {
    let address = router().address;
    move |href, options| go(address, href, options)
}

/// A page of an app.
pub type Page = fn() -> AnyView;

/// The page of the first route whose pattern matches the path, else
/// `fallback`. A pattern's `:name` segment matches any one segment; the
/// page reads it from the path. The page is drawn again only when the
/// route changes, not for each change of the query or of a `:name`
/// segment (one question of the survey to the next).
#[component]
pub fn Routes(routes: &'static [(&'static str, Page)], fallback: Page) -> impl IntoView {
    let pathname = use_location().pathname;
    let route = Memo::new(move |_| {
        pathname.with(|path| {
            routes
                .iter()
                .position(|(pattern, _)| matches(pattern, path))
        })
    });
    move || match route.get() {
        Some(i) => (routes[i].1)(),
        None => fallback(),
    }
}

/// Whether `path` fits `pattern`; a trailing `/` is ignored.
pub fn matches(pattern: &str, path: &str) -> bool {
    let path = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p,
        _ => path,
    };
    let mut want = pattern.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(h)) if w == h || (w.starts_with(':') && !h.is_empty()) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_their_routes() {
        let cases = [
            ("/", "/", true),
            ("/", "/colleges", false),
            ("/colleges", "/colleges", true),
            ("/colleges", "/colleges/", true),
            ("/colleges", "/colleges/bern", false),
            ("/colleges/:slug", "/colleges/bern", true),
            ("/colleges/:slug", "/colleges/", false),
            ("/colleges/:slug", "/colleges", false),
            (
                "/feedback/:college/question/:n",
                "/feedback/bern/question/3",
                true,
            ),
            (
                "/feedback/:college/question/:n",
                "/feedback/bern/check",
                false,
            ),
            ("/feedback/:college/check", "/feedback/bern/check", true),
            ("/join", "/joint", false),
            ("/join/sent/:reference", "/join/sent/RC-1234", true),
        ];
        for (pattern, path, want) in cases {
            assert_eq!(matches(pattern, path), want, "{pattern} against {path}");
        }
    }

    #[test]
    fn an_href_is_read_as_a_path_and_a_query() {
        let a = Address::of("/colleges?q=bern&country=CH#results");
        assert_eq!(a.path, "/colleges");
        assert_eq!(a.search, "q=bern&country=CH");
        assert_eq!(a.href(), "/colleges?q=bern&country=CH");
        let b = Address::of("/join");
        assert_eq!((b.path.as_str(), b.search.as_str()), ("/join", ""));
        assert_eq!(b.href(), "/join");
    }

    #[test]
    fn a_query_gives_its_first_value() {
        let q = Query::parse("?id=abc&lang=de&id=xyz&college=a%20b");
        assert_eq!(q.get("id").as_deref(), Some("abc"));
        assert_eq!(q.get("college").as_deref(), Some("a b"));
        assert_eq!(q.get("course"), None);
    }
}
