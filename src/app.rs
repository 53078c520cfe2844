//! The apps' frames: header, navigation, routes and footer, and focus
//! management on navigation. There are three apps (`api::routes::App`):
//! the public site (home, the directory with its map, a college's page,
//! the enquiry and suggestion forms, the not-found page) with client-side
//! navigation between its pages; the feedback survey, opened on phones from
//! a QR code; and the staff side, behind sign-in. Each routes with
//! `leptos_router`, from the one table of routes in `api::routes`; links to
//! another app's pages are ordinary page loads (`rel="external"`).

use api::routes::{App, Page};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router, A};
use leptos_router::hooks::use_location;

use crate::components::{LanguageFromUrl, LanguageMenu, RedrawOnLanguageChange};
use crate::i18n::{provide_lang, t, Text};
use crate::page::focus_heading;
use crate::pages::enquiries::{JoinPage, JoinSent, SuggestPage};
use crate::pages::staff::{
    provide_session, AccountsPage, CollegeEditPage, CollegesPage, EnquiryPage, InboxPage,
    NetworkPage, ResultsPage, StaffHome, SuggestionsPage,
};
use crate::pages::surveys::{
    store, FeedbackCheck, FeedbackPoster, FeedbackQuestion, FeedbackSent, FeedbackStart,
    KnownCollege,
};
use crate::pages::{
    colleges::{CollegePage, DirectoryPage},
    home::HomePage,
    not_found::NotFoundPage,
};
use crate::routes::{rel_for, Path};

/// The public site: one bundle, so moving between its pages loads no
/// document. Each page redraws in the new language when the language
/// changes (its state is in the address and the tab, so nothing is lost).
#[component]
pub fn PublicApp() -> impl IntoView {
    provide_lang();
    // A survey response kept on the phone (sent without a connection)
    // goes from any public page, not only the next survey page.
    store::send_when_online();
    view! {
        <Router>
            <LanguageFromUrl/>
            <Layout app=App::Public nav_link=link_within>
                <LanguageMenu/>
                <RedrawOnLanguageChange>
                    <FlatRoutes fallback=|| view! { <OtherAppsPage app=App::Public/> }>
                        <Route path=Path(Page::Home) view=HomePage/>
                        <Route path=Path(Page::Directory) view=DirectoryPage/>
                        <Route path=Path(Page::College) view=CollegePage/>
                        <Route path=Path(Page::Join) view=JoinPage/>
                        <Route path=Path(Page::JoinSent) view=JoinSent/>
                        <Route path=Path(Page::Suggest) view=SuggestPage/>
                    </FlatRoutes>
                </RedrawOnLanguageChange>
            </Layout>
        </Router>
    }
}

thread_local! {
    /// The path the page was loaded at.
    static FIRST_PATH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// An address this app does not draw. When another app serves it (reached
/// through history, or a link without `rel="external"`), loading the
/// address brings that app; otherwise, and if this app was itself loaded
/// there (a wrong page kept offline), the page is not found, rather than
/// loading it again and again.
#[component]
fn OtherAppsPage(app: App) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let loaded_here = FIRST_PATH.with(|first| *first.borrow() == path);
    // (The server, drawing a page, cannot load another.)
    if api::routes::app_of(&path) != app && !loaded_here && !crate::page::on_server() {
        let search = location.search.get_untracked();
        let href = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        let _ = window().location().assign(&href);
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
            <Layout app=App::Survey nav_link=link_to_public_app>
                <KnownCollege>
                    <FlatRoutes fallback=|| view! { <OtherAppsPage app=App::Survey/> }>
                        <Route path=Path(Page::SurveyStart) view=FeedbackStart/>
                        <Route path=Path(Page::SurveyQuestion) view=FeedbackQuestion/>
                        <Route path=Path(Page::SurveyCheck) view=FeedbackCheck/>
                        <Route path=Path(Page::SurveySent) view=FeedbackSent/>
                        <Route path=Path(Page::SurveyPoster) view=FeedbackPoster/>
                    </FlatRoutes>
                </KnownCollege>
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
            <Layout app=App::Staff nav_link=link_to_public_app>
                <FlatRoutes fallback=|| view! { <OtherAppsPage app=App::Staff/> }>
                    <Route path=Path(Page::StaffHome) view=StaffHome/>
                    <Route path=Path(Page::StaffInbox) view=InboxPage/>
                    <Route path=Path(Page::StaffEnquiry) view=EnquiryPage/>
                    <Route path=Path(Page::StaffResults) view=ResultsPage/>
                    <Route path=Path(Page::StaffNetwork) view=NetworkPage/>
                    <Route path=Path(Page::StaffAccounts) view=AccountsPage/>
                    <Route path=Path(Page::StaffColleges) view=CollegesPage/>
                    <Route path=Path(Page::StaffCollege) view=CollegeEditPage/>
                    <Route path=Path(Page::StaffSuggestions) view=SuggestionsPage/>
                </FlatRoutes>
            </Layout>
        </Router>
    }
}

/// Chooses the language `app` opens in and fetches its words, then
/// mounts `app` in index.html's `#app`, replacing the server's first HTML
/// of the page shown until then, and registers the service worker. Waiting
/// for the words first means a page never flashes up in English before its
/// language.
/// `english` is the bundle's English: [`crate::english_of!`] for a public
/// app, the whole catalogue for the staff side.
pub fn start<F, V>(which: App, english: &'static str, app: F)
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    console_error_panic_hook::set_once();
    crate::i18n::set_english(english);
    // The staff side is in English.
    let lang = match which {
        App::Staff => crate::i18n::Lang::En,
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

/// A link in the header's navigation to one of the public app's pages,
/// with its words (a message of the catalogue).
type NavLink = fn(&'static str, fn(&'static Text) -> &'static str) -> AnyView;

/// In the public app: `A`, which the router follows within the app and
/// marks `aria-current="page"` on the page it names.
fn link_within(href: &'static str, words: fn(&'static Text) -> &'static str) -> AnyView {
    view! { <A href=href exact=true>{move || words(t())}</A> }.into_any()
}

/// In the other apps: a page load. (A function of its own, so that the
/// survey's and the staff side's bundles do not carry `A`: 4 KB brotli.)
fn link_to_public_app(href: &'static str, words: fn(&'static Text) -> &'static str) -> AnyView {
    view! { <a href=href rel="external">{move || words(t())}</a> }.into_any()
}

/// `app`: which app this is, so links to other apps' pages load the page;
/// `nav_link` draws the header's links ([`link_within`] in the public app).
#[component]
fn Layout(app: App, nav_link: NavLink, children: Children) -> impl IntoView {
    let rel = move |href: &str| rel_for(app, href);
    provide_context(app);
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
                        <li>{nav_link("/", |t| t.nav_home)}</li>
                        <li>{nav_link("/colleges", |t| t.nav_directory)}</li>
                        <li>{nav_link("/join", |t| t.nav_join)}</li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="container">
                <crate::components::HelpNow/>
                <p>{move || t().footer_note}</p>
                <p><a href="/openreferral/v3/" rel="external">{move || t().footer_open_data}</a></p>
                <p><a href=api::paths::EVIDENCE_CSV rel="external">{move || t().footer_evidence}</a></p>
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

/// Natively, for the server: the first HTML of `url` (a path and query)
/// on the site at `origin` in `lang`, for a browser whose languages are
/// `browser_languages` (the first picks miles or kilometres; the first we
/// have may be offered), drawn by `app`'s own
/// components from `answers` (the API's answers the page is drawn from,
/// which the server also puts in the page for the app), and what the page
/// said about itself (its title, whether it is a not-found page). The app
/// draws the same components in the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn draw(
    app: App,
    origin: &str,
    browser_languages: &[String],
    url: &str,
    lang: crate::i18n::Lang,
    answers: &[crate::fetch::Answer],
) -> (String, crate::page::Drawn) {
    let owner = Owner::new();
    let drawn = owner.with(|| {
        provide_context(leptos_router::location::RequestUrl::new(url));
        crate::i18n::set_initial(lang);
        crate::fetch::with_answers(answers, || {
            crate::page::drawn(origin, browser_languages, || match app {
                App::Public => view! { <PublicApp/> }.to_html(),
                App::Survey => view! { <FeedbackApp/> }.to_html(),
                App::Staff => view! { <StaffApp/> }.to_html(),
            })
        })
    });
    owner.unset();
    drawn
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every route draws natively (nothing reaches for the browser, which
    /// would abort the server), says its title, and says when it is a
    /// not-found page. Without the API's answers a page waits for them, as
    /// the app would.
    #[test]
    fn draws_every_route_natively() {
        #[rustfmt::skip]
        let cases = [
            (App::Public, "/", "Ein Recovery College finden", false),
            (App::Public, "/?lang=de", "Ein Recovery College finden", false),
            (App::Public, "/colleges?q=leeds", "Colleges zu „leeds“", false),
            (App::Public, "/colleges/x", "College wird geladen", false),
            (App::Public, "/join", "Dem Learning Set beitreten", false),
            (App::Public, "/join/suggest?college=x", "Eine Änderung vorschlagen", false),
            (App::Public, "/join/sent/ENQ-2026-00001", "Anfrage gesendet", false),
            (App::Public, "/join/sent/nonsense", "Seite nicht gefunden", true),
            (App::Public, "/nowhere", "Seite nicht gefunden", true),
            // Another app's path (a path the router reads otherwise than
            // the server's table, say): the server cannot load it.
            (App::Public, "/feedback/x", "Seite nicht gefunden", true),
            (App::Survey, "/colleges", "Seite nicht gefunden", true),
            (App::Survey, "/feedback/x", "Rückmeldung zum Kurs", false),
            // A survey link's language, followed (in the browser, fetched).
            (App::Survey, "/feedback/x?lang=de", "Rückmeldung zum Kurs", false),
            (App::Survey, "/feedback/x?survey=nonsense", "Seite nicht gefunden", true),
            (App::Survey, "/feedback/x/question/1", "Wie war Ihre Erfahrung", false),
            (App::Survey, "/feedback/x/question/99", "Seite nicht gefunden", true),
            (App::Survey, "/feedback/x/check", "Prüfen Sie Ihre Antworten", false),
            (App::Survey, "/feedback/x/sent", "", false),
            (App::Survey, "/feedback/x/poster", "Geben Sie Rückmeldung", false),
        ];
        for (app, url, title, not_found) in cases {
            let (html, drawn) = draw(
                app,
                "https://example.org",
                &["de-CH".into()],
                url,
                Lang::De,
                &[],
            );
            assert!(drawn.title.starts_with(title), "{url}: {}", drawn.title);
            assert_eq!(drawn.not_found, not_found, "{url}");
            assert!(html.contains("<main id=\"main\""), "{url}");
        }
    }

    /// A page is drawn from the answers it is given: an unknown college is
    /// a not-found page, a known one has its name as title and heading, and
    /// whatever it holds is text, escaped.
    #[test]
    fn draws_from_the_answers_given() {
        let problem = r#"{"status":404,"title":"Not found"}"#;
        let answers = [crate::fetch::Answer {
            path: "/api/colleges/gone".into(),
            status: 404,
            json: problem.into(),
        }];
        let (_, drawn) = draw(
            App::Public,
            "https://example.org",
            &["en-GB".into()],
            "/colleges/gone",
            Lang::En,
            &answers,
        );
        assert!(drawn.not_found);
        let (_, drawn) = draw(
            App::Survey,
            "https://example.org",
            &["en-GB".into()],
            "/feedback/gone",
            Lang::En,
            &answers,
        );
        assert!(drawn.not_found);

        let name = "<script>alert('x')</script> & co";
        let json = format!(r#"{{"name":{}}}"#, serde_json::to_string(name).unwrap());
        let answers = [crate::fetch::Answer {
            path: "/api/colleges/x".into(),
            status: 200,
            json,
        }];
        let (html, _) = draw(
            App::Survey,
            "https://example.org",
            &["en-GB".into()],
            "/feedback/x",
            Lang::En,
            &answers,
        );
        assert!(
            html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"));
    }
}
