//! The apps' frames: header, navigation, routes and footer, and focus
//! management on navigation. The six apps (the home page, the directory
//! with its map, a college's page, the feedback survey, the enquiry form
//! and the staff side) are separate bundles, each with only its own pages, so that none's
//! first load carries the others' code; links between them are ordinary
//! page loads (`rel="external"`).

use leptos::prelude::*;

use crate::components::{LanguageFromUrl, LanguageMenu, RedrawOnLanguageChange};
use crate::i18n::{provide_lang, t};
use crate::page::focus_heading;
use crate::pages::enquiries::{JoinPage, JoinSent, SuggestPage};
use crate::pages::staff::{
    provide_session, AccountsPage, CollegeEditPage, CollegesPage, EnquiryPage, InboxPage,
    ResultsPage, StaffHome, SuggestionsPage,
};
use crate::pages::surveys::{
    store, FeedbackCheck, FeedbackPoster, FeedbackQuestion, FeedbackSent, FeedbackStart,
};
use crate::pages::{
    colleges::{CollegePage, DirectoryPage},
    home::HomePage,
    not_found::NotFoundPage,
};
use crate::route::{use_location, Page, Router, Routes};

/// An app's routes for [`Routes`]: `"/path/:param" => Page`, in order.
macro_rules! routes {
    ($($path:literal => $page:ident),* $(,)?) => {{
        const ROUTES: &[(&str, Page)] = &[$(($path, || view! { <$page/> }.into_any())),*];
        ROUTES
    }};
}

fn not_found() -> AnyView {
    view! { <NotFoundPage/> }.into_any()
}

/// Which bundle a page belongs to: links to another bundle's pages load
/// the page rather than route within the app.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Site {
    Home,
    Directory,
    College,
    Feedback,
    Join,
    Staff,
}

impl Site {
    /// `rel="external"` for a link to `href` from this app, when another app serves it.
    fn rel_for(self, href: &str) -> Option<&'static str> {
        let owner = if href == "/join" || href.starts_with("/join/") {
            Site::Join
        } else if href == "/staff" || href.starts_with("/staff/") {
            Site::Staff
        } else if href.starts_with("/feedback/") {
            Site::Feedback
        } else if href == "/colleges" || href.starts_with("/colleges?") {
            Site::Directory
        } else if href.starts_with("/colleges/") {
            Site::College
        } else {
            // The home page, and the not-found page of any other address.
            Site::Home
        };
        (owner != self).then_some("external")
    }
}

/// The home page (index.html), which also answers any address no app
/// serves with the not-found page: small, as it is many people's first.
#[component]
pub fn HomeApp() -> impl IntoView {
    public_app(
        Site::Home,
        routes![
            "/" => HomePage,
            "/colleges" => OtherAppsPage,
            "/colleges/:slug" => OtherAppsPage,
        ],
    )
}

/// The directory and its map, served for `/colleges`.
#[component]
pub fn DirectoryApp() -> impl IntoView {
    public_app(
        Site::Directory,
        routes![
            "/colleges" => DirectoryPage,
            "/" => OtherAppsPage,
            "/colleges/:slug" => OtherAppsPage,
        ],
    )
}

/// A college's page, served for `/colleges/{slug}`: the page most people
/// arrive at from a search engine or a shared link, so it carries neither
/// the directory's search nor its map view.
#[component]
pub fn CollegeApp() -> impl IntoView {
    public_app(
        Site::College,
        routes![
            "/colleges/:slug" => CollegePage,
            "/" => OtherAppsPage,
            "/colleges" => OtherAppsPage,
        ],
    )
}

/// The frame of the home page, the directory and a college's page, each
/// with a language menu that redraws the page in the new language.
fn public_app(site: Site, routes: &'static [(&'static str, Page)]) -> impl IntoView {
    provide_lang();
    // A survey response kept on the phone (sent without a connection)
    // goes from any public page, not only the next survey page.
    store::send_when_online();
    view! {
        <Router>
            <LanguageFromUrl/>
            <Layout site>
                <LanguageMenu/>
                // A page's state (the directory's search, filters and map)
                // is in the address, so redrawing it loses nothing.
                <RedrawOnLanguageChange>
                    <Routes fallback=not_found routes/>
                </RedrawOnLanguageChange>
            </Layout>
        </Router>
    }
}

thread_local! {
    /// The path the page was loaded at.
    static FIRST_PATH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A route another bundle serves, reached through a link without
/// `rel="external"` or through history: the router has already moved to
/// its address, so loading the address brings that app.
/// If this app was loaded there (a wrong page kept offline), it says the
/// page is not found rather than loading it again and again.
#[component]
fn OtherAppsPage() -> impl IntoView {
    let path = window().location().pathname().unwrap_or_default();
    if FIRST_PATH.with(|first| *first.borrow() != path) {
        let _ = window().location().reload();
        return view! { <crate::components::Loading/> }.into_any();
    }
    view! { <NotFoundPage/> }.into_any()
}

/// The student feedback survey, served for `/feedback/…`.
#[component]
pub fn FeedbackApp() -> impl IntoView {
    provide_lang();
    // Survey responses waiting on this phone go as soon as they can.
    store::send_when_online();
    view! {
        <Router>
            <Layout site=Site::Feedback>
                <Routes fallback=not_found routes=routes![
                    "/feedback/:college" => FeedbackStart,
                    "/feedback/:college/question/:n" => FeedbackQuestion,
                    "/feedback/:college/check" => FeedbackCheck,
                    "/feedback/:college/sent" => FeedbackSent,
                    "/feedback/:college/poster" => FeedbackPoster,
                ]/>
            </Layout>
        </Router>
    }
}

/// The enquiry form, served for `/join/…`.
#[component]
pub fn JoinApp() -> impl IntoView {
    provide_lang();
    view! {
        <Router>
            <LanguageFromUrl/>
            <Layout site=Site::Join>
                <Routes fallback=not_found routes=routes![
                    "/join" => JoinPage,
                    "/join/sent/:reference" => JoinSent,
                    "/join/suggest" => SuggestPage,
                ]/>
            </Layout>
        </Router>
    }
}

/// The staff side, served for `/staff/…`.
#[component]
pub fn StaffApp() -> impl IntoView {
    provide_lang();
    provide_session();
    view! {
        <Router>
            <Layout site=Site::Staff>
                <Routes fallback=not_found routes=routes![
                    "/staff" => StaffHome,
                    "/staff/enquiries" => InboxPage,
                    "/staff/enquiries/:reference" => EnquiryPage,
                    "/staff/results" => ResultsPage,
                    "/staff/accounts" => AccountsPage,
                    "/staff/colleges" => CollegesPage,
                    "/staff/colleges/:slug" => CollegeEditPage,
                    "/staff/suggestions" => SuggestionsPage,
                ]/>
            </Layout>
        </Router>
    }
}

/// Chooses the language `site` opens in and fetches its words, then
/// mounts `app` in index.html's `#app`, replacing the server's first HTML
/// of the page shown until then, and registers the service worker. Waiting
/// for the words first means a page never flashes up in English before its
/// language.
/// `english` is the bundle's English: [`crate::english_of!`] for a public
/// app, the whole catalogue for the staff side.
pub fn start<F, V>(site: Site, english: &'static str, app: F)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    console_error_panic_hook::set_once();
    crate::i18n::set_english(english);
    // The staff side is in English.
    let lang = match site {
        Site::Staff => crate::i18n::Lang::En,
        _ => crate::components::language::initial(),
    };
    wasm_bindgen_futures::spawn_local(mount_in(lang, app));
}

async fn mount_in<F, V>(lang: crate::i18n::Lang, app: F)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    // Without the words (offline, never fetched), English.
    let lang = if crate::i18n::load(lang).await {
        lang
    } else {
        Default::default()
    };
    crate::i18n::set_initial(lang);
    // Drawing the page is the start's longest piece of work: after a yield,
    // so starting (the wasm's first functions compiled, the words read) and
    // drawing are two tasks, not one long one that blocks input.
    crate::components::later::next_task().await;
    mount(app).await;
}

async fn mount<F, V>(app: F)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    use wasm_bindgen::JsCast;
    let document = document();
    let first_html = document
        .get_element_by_id("app")
        .expect("index.html has a #app element");
    // The app draws its page off the document, in as many tasks as the page
    // asks for (`components::later`), and then takes the place of the
    // server's first HTML in one go.
    let root = document
        .create_element("div")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("a div can be made");
    root.set_id("app");
    FIRST_PATH
        .with(|first| *first.borrow_mut() = window().location().pathname().unwrap_or_default());
    crate::components::later::begin();
    leptos::mount::mount_to(root.clone(), app).forget();
    crate::components::later::all_drawn().await;
    first_html.replace_with_with_node_1(&root).ok();
    // Tests wait for this before typing into the page.
    root.set_attribute("data-app", "ready").ok();
    // Lets a page that was opened once open again offline (public/sw.js).
    // Browsers offer service workers only on secure origins: check first.
    let navigator = window().navigator();
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        let _ = navigator.service_worker().register("/sw.js");
    }
}

/// `site`: which app this is, so links to other apps' pages load the page.
#[component]
fn Layout(site: Site, children: Children) -> impl IntoView {
    let rel = |href: &str| site.rel_for(href);
    move_focus_on_navigation();
    // The frame follows the language, which the survey's start page can change.
    view! {
        // Handled here rather than by the browser: the router would
        // otherwise treat the fragment link as a navigation.
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            focus_main();
        }>{move || t().skip_to_content}</a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="site-name" href="/" rel=rel("/")>{move || t().site_name}</a>
                <nav aria-label=move || t().nav_label>
                    <ul class="nav-list">
                        <li><a href="/" rel=rel("/")>{move || t().nav_home}</a></li>
                        <li><a href="/colleges" rel=rel("/colleges")>{move || t().nav_directory}</a></li>
                        <li><a href="/join" rel=rel("/join")>{move || t().nav_join}</a></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="container">
                <p>{move || t().footer_note}</p>
                <p><a href="/openreferral/v3/" rel="external">{move || t().footer_open_data}</a></p>
                <p>{move || t().credits}</p>
            </div>
        </footer>
    }
}

/// After the first page, each change of path moves focus to the new page's
/// h1, so screen reader users hear where they are (a full page load would
/// start them at the top). Changes of the query alone, such as typing in the
/// directory's search box, leave focus where it is.
fn move_focus_on_navigation() {
    let location = use_location();
    let previous = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let path = location.pathname.get();
        let changed = previous.get_value().is_some_and(|p| p != path);
        previous.set_value(Some(path));
        if changed {
            // Wait for the new route to render.
            request_animation_frame(focus_heading);
        }
    });
}

fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        main.focus().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::Site;

    #[test]
    fn links_to_another_apps_pages_load_the_page() {
        let external = Some("external");
        let cases = [
            (Site::Home, "/", None),
            (Site::Home, "/no-such-page", None),
            (Site::Home, "/colleges", external),
            (Site::Home, "/colleges?country=GB", external),
            (Site::Directory, "/colleges?q=leeds", None),
            (Site::Directory, "/", external),
            (Site::Directory, "/colleges/recovery-college-bern", external),
            (Site::College, "/colleges/recovery-college-bern", None),
            (Site::College, "/colleges", external),
            (Site::Feedback, "/feedback/recovery-college-bern", None),
            (Site::Join, "/join/suggest", None),
            (Site::Join, "/staff", external),
        ];
        for (site, href, rel) in cases {
            assert_eq!(site.rel_for(href), rel, "{site:?} linking to {href}");
        }
    }
}
