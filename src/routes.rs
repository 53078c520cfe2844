//! The apps' routes for `leptos_router`, from the one table of routes in
//! `api::routes` (which the server and the service worker read too), and
//! which app serves a link.

use std::borrow::Cow;

use api::routes::{App, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::{PartialPathMatch, PathSegment, PossibleRouteMatch};

/// A page's path pattern from `api::routes`, matched by `leptos_router`
/// as `path!(…)` would match the same pattern: `<Route path=Path(Page::College) …/>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Path(pub Page);

impl PossibleRouteMatch for Path {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let (len, params) = api::routes::match_start(api::routes::pattern(self.0), path)?;
        let params = params
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value.to_string()))
            .collect();
        Some(PartialPathMatch::new(&path[len..], params, &path[..len]))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in api::routes::pattern(self.0).split('/').skip(1) {
            path.push(match segment.strip_prefix(':') {
                Some(name) => PathSegment::Param(name.into()),
                None if segment.is_empty() => PathSegment::Unit,
                None => PathSegment::Static(segment.into()),
            });
        }
    }
}

/// The `:name` parameter of `page`'s route in the address being shown,
/// as a memo (its readers redraw only when the value changes).
///
/// Read from the router's path rather than `use_params_map`: within
/// `FlatRoutes`, the params of a route do not follow a navigation to
/// another address of the same route (one survey question to the next
/// drew the first question again; tested end to end).
///
/// When the path is another page's (the router has moved on and this page
/// is about to go), it keeps its value rather than asking for nothing.
pub fn use_param(page: Page, name: &'static str) -> Memo<String> {
    let pathname = use_location().pathname;
    Memo::new(move |previous: Option<&String>| {
        pathname
            .with(|path| param_of(page, name, path))
            .or_else(|| previous.cloned())
            .unwrap_or_default()
    })
}

fn param_of(page: Page, name: &str, path: &str) -> Option<String> {
    api::routes::match_start(api::routes::pattern(page), path)
        .and_then(|(_, params)| params.into_iter().find(|(k, _)| *k == name))
        .map(|(_, v)| v.to_string())
}

/// [`rel_for`] the app being shown (its frame provides which it is), for
/// a component that more than one app draws (the not-found page).
pub fn rel(href: &str) -> Option<&'static str> {
    use_context::<App>().and_then(|app| rel_for(app, href))
}

/// `rel="external"` for a link to `href` from `app`, when another app
/// serves it: the router would otherwise draw it within this app.
pub fn rel_for(app: App, href: &str) -> Option<&'static str> {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    (api::routes::app_of(path) != app).then_some("external")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `path` matched as `FlatRoutes` does: complete when nothing but a `/` is left.
    fn params_of(page: Page, path: &str) -> Option<Vec<(String, String)>> {
        let m = Path(page).test(path)?;
        let rest = m.remaining();
        (rest.is_empty() || rest == "/").then(|| {
            m.params()
                .into_iter()
                .map(|(k, v)| (k.into_owned(), v))
                .collect()
        })
    }

    #[test]
    fn the_router_matches_the_tables_patterns() {
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(params_of(Page::Home, "/"), Some(vec![]));
        assert_eq!(params_of(Page::Home, "/colleges"), None);
        assert_eq!(params_of(Page::Directory, "/colleges/"), Some(vec![]));
        assert_eq!(
            params_of(Page::College, "/colleges/recovery-college-bern"),
            Some(vec![p("slug", "recovery-college-bern")])
        );
        assert_eq!(params_of(Page::College, "/colleges/a/b"), None);
        assert_eq!(params_of(Page::Join, "/joint"), None);
        assert_eq!(
            params_of(Page::SurveyQuestion, "/feedback/bern/question/3"),
            Some(vec![p("college", "bern"), p("n", "3")])
        );
        // Every route matches its own pattern, and no other page's.
        for route in api::routes::ROUTES {
            let path = route.pattern.replace(':', "x-");
            for other in api::routes::ROUTES {
                assert_eq!(
                    params_of(other.page, &path).is_some(),
                    other.page == route.page,
                    "{path} against {:?}",
                    other.page
                );
            }
        }
    }

    #[test]
    fn a_param_is_read_from_the_path() {
        let of = |page, name, path| param_of(page, name, path);
        let path = "/feedback/bern/question/3";
        assert_eq!(of(Page::SurveyQuestion, "n", path).as_deref(), Some("3"));
        assert_eq!(
            of(Page::SurveyQuestion, "college", path).as_deref(),
            Some("bern")
        );
        assert_eq!(
            of(Page::SurveyStart, "college", "/feedback/bern/").as_deref(),
            Some("bern")
        );
        assert_eq!(of(Page::College, "slug", "/colleges"), None);
    }

    #[test]
    fn links_to_another_apps_pages_load_the_page() {
        let external = Some("external");
        let cases = [
            (App::Public, "/", None),
            (App::Public, "/no-such-page", None),
            (App::Public, "/colleges?country=GB", None),
            (App::Public, "/colleges/recovery-college-bern", None),
            (App::Public, "/join/suggest?college=x", None),
            (App::Public, "/feedback/recovery-college-bern", external),
            (App::Public, "/staff", external),
            (App::Survey, "/feedback/recovery-college-bern/poster", None),
            (App::Survey, "/colleges", external),
            (App::Staff, "/staff/results?college=x", None),
            (App::Staff, "/", external),
        ];
        for (app, href, rel) in cases {
            assert_eq!(rel_for(app, href), rel, "{app:?} linking to {href}");
        }
    }
}
