//! Every page address of the site and which app draws it: written once,
//! read by the browser app's router (each route's pattern), the server
//! (which app's index.html answers a path, which first HTML it draws) and
//! the service worker (the server writes [`service_worker_table`] into it).
//!
//! A pattern is a path whose `:name` segments match any one segment, which
//! the page reads as a parameter. A trailing `/` on a path is ignored.

/// The three entry points. The public app is one bundle for home, the
/// directory and its map, a college's page, the enquiry and suggestion
/// forms and the not-found page, so moving between them loads no document.
/// The survey (opened from a QR code on a phone, often on poor signal) and
/// the staff side (behind sign-in) are their own, so neither's first load
/// carries the other pages' code.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum App {
    Public,
    Survey,
    Staff,
}

impl App {
    /// The app's index.html, as a path under the built app (`dist/`).
    pub const fn index_html(self) -> &'static str {
        match self {
            App::Public => "/index.html",
            App::Survey => "/feedback-app/index.html",
            App::Staff => "/staff-app/index.html",
        }
    }

    /// Whether the service worker may keep this app's pages for offline use:
    /// the staff pages are for signed-in staff, online.
    pub const fn kept_offline(self) -> bool {
        !matches!(self, App::Staff)
    }

    pub const ALL: [App; 3] = [App::Public, App::Survey, App::Staff];
}

/// A page of the site: the name each side uses for it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Page {
    Home,
    Directory,
    College,
    Join,
    JoinSent,
    Suggest,
    SurveyStart,
    SurveyQuestion,
    SurveyCheck,
    SurveySent,
    SurveyPoster,
    StaffHome,
    StaffInbox,
    StaffEnquiry,
    StaffResults,
    StaffNetwork,
    StaffAccounts,
    StaffColleges,
    StaffCollege,
    StaffSuggestions,
}

/// A route: its pattern, the page it shows and the app that draws it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Route {
    pub pattern: &'static str,
    pub page: Page,
    pub app: App,
}

const fn route(pattern: &'static str, page: Page, app: App) -> Route {
    Route { pattern, page, app }
}

/// Every route, in the order they are tried (none overlaps another).
pub const ROUTES: &[Route] = &[
    route("/", Page::Home, App::Public),
    route("/colleges", Page::Directory, App::Public),
    route("/colleges/:slug", Page::College, App::Public),
    route("/join", Page::Join, App::Public),
    route("/join/sent/:reference", Page::JoinSent, App::Public),
    route("/join/suggest", Page::Suggest, App::Public),
    route("/feedback/:college", Page::SurveyStart, App::Survey),
    route(
        "/feedback/:college/question/:n",
        Page::SurveyQuestion,
        App::Survey,
    ),
    route("/feedback/:college/check", Page::SurveyCheck, App::Survey),
    route("/feedback/:college/sent", Page::SurveySent, App::Survey),
    route("/feedback/:college/poster", Page::SurveyPoster, App::Survey),
    route("/staff", Page::StaffHome, App::Staff),
    route("/staff/enquiries", Page::StaffInbox, App::Staff),
    route(
        "/staff/enquiries/:reference",
        Page::StaffEnquiry,
        App::Staff,
    ),
    route("/staff/results", Page::StaffResults, App::Staff),
    route("/staff/network", Page::StaffNetwork, App::Staff),
    route("/staff/accounts", Page::StaffAccounts, App::Staff),
    route("/staff/colleges", Page::StaffColleges, App::Staff),
    route("/staff/colleges/:slug", Page::StaffCollege, App::Staff),
    route("/staff/suggestions", Page::StaffSuggestions, App::Staff),
];

/// Addresses under these prefixes that match no route are still that
/// app's (it draws its own not-found page): a mistyped survey question
/// opens the survey, not the public site.
const PREFIXES: &[(&str, App)] = &[("/feedback/", App::Survey), ("/staff/", App::Staff)];

/// The route that matches `path`, if any.
pub fn find(path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| matches(r.pattern, path))
}

/// `path` with one leading slash. A path that starts `//` (or `/\`,
/// which browsers read the same) is another site's address when written
/// into a link (`//evil.example/x?lang=de`), so a page at such a path is
/// answered, and linked to, at its one-slash form.
pub fn same_site(path: &str) -> std::borrow::Cow<'_, str> {
    let rest = path.trim_start_matches(['/', '\\']);
    if rest.len() + 1 == path.len() && path.starts_with('/') {
        std::borrow::Cow::Borrowed(path)
    } else {
        std::borrow::Cow::Owned(format!("/{rest}"))
    }
}

/// The pattern of `page`.
pub fn pattern(page: Page) -> &'static str {
    ROUTES
        .iter()
        .find(|r| r.page == page)
        .map(|r| r.pattern)
        .expect("every page has a route")
}

/// An enquiry's page in the staff inbox (linked from the team's email).
pub fn staff_enquiry_page(reference: &str) -> String {
    pattern(Page::StaffEnquiry).replace(":reference", reference)
}

/// The app that answers `path`: its route's, else the app whose prefix it
/// is under, else the public app (whose not-found page answers it).
pub fn app_of(path: &str) -> App {
    if let Some(route) = find(path) {
        return route.app;
    }
    PREFIXES
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|(_, app)| *app)
        .unwrap_or(App::Public)
}

/// Whether `path` fits `pattern`; a trailing `/` is ignored.
pub fn matches(pattern: &'static str, path: &str) -> bool {
    match_start(pattern, path).is_some_and(|(len, _)| matches!(&path[len..], "" | "/"))
}

/// How much of `path` fits `pattern` from its start, segment by segment:
/// the length of the matched part and the `:name` parameters, or `None`
/// when the pattern does not fit the start of the path. The rest of the
/// path (after the returned length) is what the pattern leaves over; the
/// router calls the match complete when nothing (or only `/`) is left.
pub fn match_start<'a>(pattern: &'static str, path: &'a str) -> Option<(usize, Params<'a>)> {
    let mut at = 0;
    let mut params = Vec::new();
    for want in pattern.split('/').skip(1) {
        if want.is_empty() {
            // The pattern `/`: matches without taking anything.
            continue;
        }
        let rest = &path[at..];
        let rest = rest.strip_prefix('/')?;
        let len = rest.find('/').unwrap_or(rest.len());
        let have = &rest[..len];
        if let Some(name) = want.strip_prefix(':') {
            if have.is_empty() {
                return None;
            }
            params.push((name, have));
        } else if want != have {
            return None;
        }
        at += 1 + len;
    }
    Some((at, params))
}

/// The `:name` parameters of a match, with their values as in the path.
pub type Params<'a> = Vec<(&'static str, &'a str)>;

/// The table as the service worker reads it: a JavaScript array of
/// `[pattern, index.html]` for every app it may keep, then the prefixes.
/// The server writes it into `sw.js` in place of `__ROUTES__`.
pub fn service_worker_table() -> String {
    let mut rows: Vec<String> = ROUTES
        .iter()
        .filter(|r| r.app.kept_offline())
        .map(|r| format!("[{:?}, {:?}]", r.pattern, r.app.index_html()))
        .collect();
    rows.extend(
        PREFIXES
            .iter()
            .filter(|(_, app)| app.kept_offline())
            .map(|(prefix, app)| format!("[{:?}, {:?}]", format!("{prefix}*"), app.index_html())),
    );
    format!("[{}]", rows.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_to_this_site() {
        assert_eq!(same_site("/colleges"), "/colleges");
        assert_eq!(same_site("/"), "/");
        assert_eq!(same_site("//evil.example/x"), "/evil.example/x");
        assert_eq!(same_site("/\\evil.example"), "/evil.example");
        assert_eq!(same_site("\\/\\evil.example"), "/evil.example");
        assert_eq!(same_site("colleges"), "/colleges");
        assert_eq!(same_site(""), "/");
    }

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
            ("/colleges/:slug", "/colleges/a/b", false),
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
    fn each_path_has_one_app() {
        let cases = [
            ("/", App::Public),
            ("/colleges", App::Public),
            ("/colleges/recovery-college-bern", App::Public),
            // No route: the public app's not-found page.
            ("/colleges/a/b", App::Public),
            ("/no-such-page", App::Public),
            ("/join", App::Public),
            ("/join/suggest", App::Public),
            ("/join/sent/RC-1", App::Public),
            ("/feedback/bern", App::Survey),
            ("/feedback/bern/question/2", App::Survey),
            ("/feedback/bern/no-such", App::Survey),
            ("/feedback", App::Public),
            ("/staff", App::Staff),
            ("/staff/", App::Staff),
            ("/staff/enquiries/RC-1", App::Staff),
            ("/staff/no-such", App::Staff),
        ];
        for (path, app) in cases {
            assert_eq!(app_of(path), app, "{path}");
        }
    }

    #[test]
    fn no_route_hides_another() {
        for (i, a) in ROUTES.iter().enumerate() {
            // A path made from the pattern, each parameter a value.
            let path = a.pattern.replace(':', "x-");
            assert_eq!(find(&path), Some(a), "{path} is {:?}'s", a.page);
            assert!(
                ROUTES.iter().skip(i + 1).all(|b| b.page != a.page),
                "{:?} has one route",
                a.page
            );
            assert_eq!(pattern(a.page), a.pattern);
        }
    }

    #[test]
    fn the_start_of_a_path_is_matched_segment_by_segment() {
        assert_eq!(match_start("/", "/"), Some((0, vec![])));
        assert_eq!(match_start("/", "/colleges"), Some((0, vec![])));
        assert_eq!(match_start("/colleges", "/colleges"), Some((9, vec![])));
        assert_eq!(match_start("/colleges", "/colleges/"), Some((9, vec![])));
        assert_eq!(match_start("/colleges", "/collegesx"), None);
        assert_eq!(
            match_start("/colleges/:slug", "/colleges/bern/x"),
            Some((14, vec![("slug", "bern")]))
        );
        assert_eq!(match_start("/colleges/:slug", "/colleges/"), None);
        assert_eq!(match_start("/colleges/:slug", "/colleges"), None);
        assert_eq!(
            match_start("/feedback/:college/question/:n", "/feedback/a/question/3"),
            Some((22, vec![("college", "a"), ("n", "3")]))
        );
    }

    #[test]
    fn the_service_worker_gets_the_public_and_survey_routes() {
        let table = service_worker_table();
        assert!(table.starts_with("[[\"/\", \"/index.html\"], "));
        assert!(table.contains("[\"/colleges/:slug\", \"/index.html\"]"));
        assert!(table.contains("[\"/feedback/:college/check\", \"/feedback-app/index.html\"]"));
        assert!(table.contains("[\"/feedback/*\", \"/feedback-app/index.html\"]"));
        assert!(!table.contains("/staff"));
    }
}
