//! Every word a person reads on the public pages (the directory, the
//! survey, the enquiry form) comes from a catalogue, one file per language
//! in `locales/{tag}.json`: adding a language is adding a file. English is
//! built into each bundle as the fallback; any other language is fetched
//! when it is chosen (and kept by the service worker), so a language adds
//! nothing to anyone's first load. The staff side is in English and keeps
//! its words in its own pages.
//!
//! The test in `api/tests/catalogues.rs` stands where the compiler's check
//! of the old Rust tables stood: every catalogue has exactly English's
//! keys, the same placeholders, and the plural forms its language needs.

mod catalogue;
pub mod intl;

use std::cell::RefCell;

use api::enquiries::{EnquiryError, EnquiryKind, PlanStage};
use api::{CollegeStatus, Delivery, Enrolment, Sort};
use leptos::prelude::*;

pub use api::languages::Lang;
use catalogue::{Entries, Forms};

/// Defines [`Text`] with one field per message, and reads a catalogue into
/// it: the field names are the catalogue's keys.
macro_rules! catalogue {
    (texts: [$($t:ident),* $(,)?], lists: [$($l:ident),* $(,)?], forms: [$($f:ident),* $(,)?] $(,)?) => {
        /// The plain messages, one field each. `repr(C)` with nothing but
        /// `&'static str` fields: laid out exactly as an array of them,
        /// which is how [`Text::parse`] fills it.
        #[repr(C)]
        pub struct Texts {
            $(pub $t: &'static str,)*
        }

        /// The plain messages' keys, in the fields' order.
        const TEXT_KEYS: [&str; std::mem::size_of::<Texts>() / std::mem::size_of::<&str>()] =
            [$(stringify!($t)),*];

        pub struct Text {
            /// The language these words are in.
            pub lang: Lang,
            /// Not yet reviewed by a fluent speaker.
            pub draft: bool,
            /// The surveys' words, by [`api::surveys::Survey::texts`] key;
            /// none in English, whose words are the survey definitions'.
            survey: Forms,
            /// The regions the directory names (as its data writes them,
            /// in English) in this language, from CLDR where it has them.
            regions: Forms,
            texts: Texts,
            $(pub $l: Vec<&'static str>,)*
            $(pub $f: Forms,)*
        }

        impl std::ops::Deref for Text {
            type Target = Texts;

            fn deref(&self) -> &Texts {
                &self.texts
            }
        }

        impl Text {
            /// `json` as `lang`'s words, or which message is wrong.
            pub fn parse(lang: Lang, json: &str) -> Result<Text, String> {
                let mut e = Entries::parse(json)?;
                let draft = e.meta("status") != Some("reviewed");
                // One loop for the ~200 plain messages: code per field
                // would be kilobytes of every bundle.
                let mut values = [""; TEXT_KEYS.len()];
                for (value, key) in values.iter_mut().zip(TEXT_KEYS) {
                    *value = e.text(key);
                }
                // SAFETY: `Texts` is `repr(C)` with only `&'static str`
                // fields, as many as `TEXT_KEYS` has (its length is
                // computed from `Texts`' size, and the array literal fails
                // to compile if the counts differ), so it has the array's
                // layout; field i is TEXT_KEYS[i] by the macro's order.
                let texts = unsafe {
                    std::mem::transmute::<[&'static str; TEXT_KEYS.len()], Texts>(values)
                };
                let text = Text {
                    lang,
                    draft,
                    texts,
                    $($l: e.list(stringify!($l)),)*
                    $($f: e.forms(stringify!($f)),)*
                    // English has none: its survey words are the definitions'.
                    survey: if lang == Lang::En { Forms::default() } else { e.forms("survey") },
                    regions: e.optional_forms("@regions"),
                };
                // A bundle's English holds only what its pages name.
                if lang == Lang::En {
                    return Ok(text);
                }
                e.missing().map(|()| text)
            }
        }
    };
}

// One field per message of locales/en.json, written by build.rs from the
// catalogue itself: `t().some_key` compiles only if en.json has it.
include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The whole English catalogue: the staff side's, and the tests'.
pub const ENGLISH: &str = include_str!("../../locales/en.json");

/// Each public bundle's English: only the messages its pages name (written
/// by `build.rs`), so no bundle carries another's words.
#[macro_export]
macro_rules! english_of {
    ($bundle:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/en-", $bundle, ".json"))
    };
}

thread_local! {
    /// This bundle's English, set by its `main` before anything is drawn.
    static BUILT_IN: std::cell::Cell<&'static str> = const { std::cell::Cell::new("") };
    /// Each language's words once loaded, by `Lang as usize`.
    static LOADED: RefCell<[Option<&'static Text>; Lang::ALL.len()]> = const { RefCell::new([None; Lang::ALL.len()]) };
    /// The language the app starts in, chosen before it is mounted.
    static INITIAL: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// `lang`'s words if they have been loaded, else English. (Natively, on
/// the server drawing a page's first HTML, every language is there.)
pub fn text_of(lang: Lang) -> &'static Text {
    if let Some(t) = LOADED.with(|l| l.borrow()[lang as usize]) {
        return t;
    }
    // Natively, every language, read once for every thread of the server.
    #[cfg(not(target_arch = "wasm32"))]
    if lang != Lang::En || BUILT_IN.with(|b| b.get()).is_empty() {
        static ALL: std::sync::OnceLock<Vec<Text>> = std::sync::OnceLock::new();
        let all = ALL.get_or_init(|| {
            Lang::ALL
                .into_iter()
                .map(|l| match Text::parse(l, catalogue(l)) {
                    Ok(text) => text,
                    Err(e) => panic!("the {} catalogue reads: {e}", l.tag()),
                })
                .collect()
        });
        if let Some(text) = all.iter().find(|t| t.lang == lang) {
            return text;
        }
    }
    LOADED.with(|l| {
        *l.borrow_mut()[Lang::En as usize].get_or_insert_with(|| {
            let json = BUILT_IN.with(|b| b.get());
            // Natively (the server, unit tests): the whole catalogue.
            #[cfg(not(target_arch = "wasm32"))]
            let json = if json.is_empty() { ENGLISH } else { json };
            // Not `expect`: its `Debug` of the error would bring the
            // string escaping code (and its Unicode tables) into every bundle.
            let english = match Text::parse(Lang::En, json) {
                Ok(english) => english,
                Err(e) => panic!("the English catalogue reads: {e}"),
            };
            Box::leak(Box::new(english))
        })
    })
}

/// Each language's catalogue, built in natively: the server serves them
/// and draws pages' first HTML in them.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalogue(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ENGLISH,
        Lang::De => include_str!("../../locales/de.json"),
        Lang::Fr => include_str!("../../locales/fr.json"),
        Lang::Nl => include_str!("../../locales/nl.json"),
        Lang::It => include_str!("../../locales/it.json"),
        Lang::Da => include_str!("../../locales/da.json"),
        Lang::Sv => include_str!("../../locales/sv.json"),
        Lang::Nb => include_str!("../../locales/nb.json"),
        Lang::Fi => include_str!("../../locales/fi.json"),
        Lang::Ja => include_str!("../../locales/ja.json"),
        Lang::ZhHant => include_str!("../../locales/zh-Hant.json"),
        Lang::Pl => include_str!("../../locales/pl.json"),
        Lang::Ar => include_str!("../../locales/ar.json"),
        Lang::Ur => include_str!("../../locales/ur.json"),
    }
}

/// Sets the English this bundle carries (see [`english_of!`]), before the
/// app starts: the whole catalogue, or the part its pages name.
pub fn set_english(json: &'static str) {
    BUILT_IN.with(|b| b.set(json));
}

fn is_loaded(lang: Lang) -> bool {
    // Natively (the server drawing a page) every language is built in.
    !cfg!(target_arch = "wasm32")
        || lang == Lang::En
        || LOADED.with(|l| l.borrow()[lang as usize].is_some())
}

/// Fetches `lang`'s catalogue (`/locales/{tag}.json`) once. False if it
/// cannot be had (offline and never fetched): the page stays in the
/// language it is in.
pub async fn load(lang: Lang) -> bool {
    if is_loaded(lang) {
        return true;
    }
    let url = format!("/locales/{}.json", lang.tag());
    let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
        return false;
    };
    if !response.ok() {
        return false;
    }
    let Ok(json) = response.text().await else {
        return false;
    };
    match Text::parse(lang, &json) {
        Ok(text) => {
            let text: &'static Text = Box::leak(Box::new(text));
            LOADED.with(|l| l.borrow_mut()[lang as usize] = Some(text));
            true
        }
        Err(e) => {
            leptos::logging::warn!("catalogue {}: {e}", lang.tag());
            false
        }
    }
}

/// Sets the language the app will start in (see `app::start`).
pub fn set_initial(lang: Lang) {
    INITIAL.with(|i| i.set(lang));
    mark_document(lang);
}

/// Makes the language available to every component below.
pub fn provide_lang() {
    provide_context(RwSignal::new(INITIAL.with(|i| i.get())));
    provide_context(Unavailable(RwSignal::new(None)));
}

/// A language the reader chose whose words could not be fetched (offline,
/// or on a signal that dropped): the language menu says so, and offers to
/// try again, rather than leaving the page as it was without a word.
#[derive(Clone, Copy)]
struct Unavailable(RwSignal<Option<Lang>>);

/// The language whose words could not be fetched, if the last choice failed.
pub fn unavailable() -> Option<Lang> {
    use_context::<Unavailable>().and_then(|u| u.0.get())
}

/// `<html lang dir>`, for browsers, screen readers and the CSS. (The
/// server writes them into the first HTML itself.)
fn mark_document(lang: Lang) {
    #[cfg(not(target_arch = "wasm32"))]
    let _ = lang;
    #[cfg(target_arch = "wasm32")]
    if let Some(html) = document().document_element() {
        html.set_attribute("lang", lang.tag()).ok();
        html.set_attribute("dir", lang.dir()).ok();
    }
}

/// Switches the language once its words are here (fetching them first if
/// need be): the pages redraw when the signal changes.
pub fn set_lang(lang: Lang) {
    let Some(signal) = use_context::<RwSignal<Lang>>() else {
        return;
    };
    let unavailable = use_context::<Unavailable>();
    let apply = move || {
        if let Some(u) = unavailable {
            u.0.set(None);
        }
        if signal.get_untracked() != lang {
            signal.set(lang);
        }
        mark_document(lang);
    };
    if is_loaded(lang) {
        apply();
    } else {
        leptos::task::spawn_local(async move {
            if load(lang).await {
                apply();
            } else if let Some(u) = unavailable {
                u.0.set(Some(lang));
            }
        });
    }
}

/// The current language.
pub fn lang() -> Lang {
    use_context::<RwSignal<Lang>>()
        .map(|l| l.get())
        .unwrap_or_default()
}

/// The current language's words.
pub fn t() -> &'static Text {
    text_of(lang())
}

impl Text {
    /// `template` with its `{name}`s filled in. On a right-to-left page
    /// each value is isolated (U+2068 … U+2069), so a Latin name, a URL or
    /// a number inside Arabic or Urdu keeps its own order and does not
    /// pull the words around it out of theirs.
    fn fill(&self, template: &str, args: &[(&str, &str)]) -> String {
        if self.lang.rtl() {
            api::text::fill_isolated(template, args)
        } else {
            api::text::fill(template, args)
        }
    }

    fn number(&self, n: f64, fraction: u8) -> String {
        intl::number(self.lang, n, fraction)
    }

    /// `items` joined as this language joins a list ("a, b and c").
    pub fn list(&self, items: &[String]) -> String {
        intl::list(self.lang, items)
    }

    /// `forms`' text for `n` (its plural category), with `{n}` filled in.
    fn count(&self, forms: &Forms, n: f64) -> String {
        let category = intl::plural(self.lang, n, 0);
        self.fill(forms.pick(&category), &[("n", &self.number(n, 0))])
    }

    pub fn home_figures(&self, colleges: u32, countries: u32) -> String {
        self.fill(
            self.home_figures,
            &[
                (
                    "colleges",
                    &self.count(&self.count_colleges, colleges as f64),
                ),
                (
                    "countries",
                    &self.count(&self.count_countries, countries as f64),
                ),
            ],
        )
    }

    pub fn colleges_found(&self, n: u32) -> String {
        if n == 0 {
            return self.colleges_found_none.to_string();
        }
        self.count(&self.colleges_found, n as f64)
    }

    /// "87%" as this language writes a percentage.
    pub fn percent(&self, pct: u32) -> String {
        self.fill(self.percent, &[("n", &self.number(pct as f64, 0))])
    }

    /// "87% of 24 students rated their course good or very good".
    pub fn evidence_rated(&self, pct: u32, students: u32) -> String {
        let text = self.count(&self.evidence_rated, students as f64);
        self.fill(&text, &[("pct", &self.percent(pct))])
    }

    /// "12 months to November 2026", from the month's name.
    pub fn evidence_period(&self, month: &str) -> String {
        self.fill(self.evidence_period, &[("month", month)])
    }

    /// "Each percentage is right to within about 9 percentage points."
    pub fn evidence_margin(&self, points: u32) -> String {
        self.count(&self.evidence_margin, points as f64)
    }

    /// "Across 3 colleges that publish their students' feedback".
    pub fn evidence_across(&self, colleges: u32) -> String {
        self.count(&self.evidence_across, colleges as f64)
    }

    pub fn showing_range(&self, from: u32, to: u32, total: u32) -> String {
        let [from, to, total] = [from, to, total].map(|n| self.number(n as f64, 0));
        self.fill(
            self.showing_range,
            &[("from", &from), ("to", &to), ("total", &total)],
        )
    }

    pub fn page_of(&self, page: u32, pages: u32) -> String {
        let [page, pages] = [page, pages].map(|n| self.number(n as f64, 0));
        self.fill(self.page_of, &[("page", &page), ("pages", &pages)])
    }

    pub fn college_compiled(&self, month: &str) -> String {
        self.fill(self.college_compiled, &[("month", month)])
    }

    pub fn college_staff_changed(&self, date: &str) -> String {
        self.fill(self.college_staff_changed, &[("date", date)])
    }

    /// "{country}: in an emergency, call {number}." with the country
    /// filled in and `{number}` left for the caller's link.
    pub fn help_now_emergency_in(&self, country: &str) -> String {
        self.fill(self.help_now_emergency, &[("country", country)])
    }

    /// "To talk to someone: {name}, {number}." with `{number}` left.
    pub fn help_now_crisis_line(&self, name: &str) -> String {
        self.fill(self.help_now_crisis, &[("name", name)])
    }

    pub fn college_contact_host(&self, host: &str) -> String {
        self.fill(self.college_contact_host, &[("host", host)])
    }

    pub fn college_unknown(&self, fields: &str) -> String {
        self.fill(self.college_unknown, &[("fields", fields)])
    }

    pub fn college_status_notice(&self, s: CollegeStatus) -> &'static str {
        self.college_status_notice.pick(s.as_str())
    }

    pub fn college_status_note(&self, note: &str) -> String {
        self.fill(self.college_status_note, &[("note", note)])
    }

    /// A status note the college's own staff wrote.
    pub fn college_status_note_own(&self, note: &str) -> String {
        self.fill(self.college_status_note_own, &[("note", note)])
    }

    /// The status note as the page says it: the college's own words, or
    /// its source's.
    pub fn college_status_note_of(&self, note: Option<&str>, by_college: bool) -> Option<String> {
        let note = note?;
        Some(if by_college {
            self.college_status_note_own(note)
        } else {
            self.college_status_note(note)
        })
    }

    pub fn status(&self, s: CollegeStatus) -> &'static str {
        self.status.pick(s.as_str())
    }

    pub fn near_from(&self, place: &str) -> String {
        self.fill(self.near_from, &[("place", place)])
    }

    pub fn places_found(&self, n: usize) -> String {
        self.count(&self.places_found, n as f64)
    }

    /// How far a college is, no more precisely than its point allows: the
    /// point is its town's centre (or its area's), so within `precision`'s
    /// radius it is "Close to you: London", never a false "0.0 miles", and
    /// beyond it "About 12 miles away": whole numbers under 30, then to
    /// the nearest 5, and to the nearest 10 past 100.
    pub fn distance_away(
        &self,
        km: f64,
        miles: bool,
        precision: api::LocationPrecision,
        place: &str,
    ) -> String {
        if km < precision.radius_km() {
            return self.fill(self.distance_in_area, &[("place", place)]);
        }
        let value = if miles {
            km / api::geo::KM_PER_MILE
        } else {
            km
        };
        let step = match value {
            v if v < 30.0 => 1.0,
            v if v < 100.0 => 5.0,
            _ => 10.0,
        };
        let rounded = ((value / step).round() * step).max(1.0);
        let n = self.number(rounded, 0);
        let distance = if miles {
            let category = intl::plural(self.lang, rounded, 0);
            self.fill(self.distance_miles.pick(&category), &[("n", &n)])
        } else {
            self.fill(self.distance_km, &[("n", &n)])
        };
        self.fill(self.distance_away, &[("distance", &distance)])
    }

    pub fn feedback_who_asks(&self, college: &str) -> String {
        self.fill(self.feedback_who_asks, &[("college", college)])
    }

    pub fn feedback_minutes(&self, n: u8) -> String {
        self.count(&self.feedback_minutes, n as f64)
    }

    pub fn feedback_course(&self, course: &str) -> String {
        self.fill(self.feedback_course, &[("course", course)])
    }

    pub fn feedback_progress(&self, n: usize, total: usize) -> String {
        let [n, total] = [n, total].map(|n| self.number(n as f64, 0));
        self.fill(self.feedback_progress, &[("n", &n), ("total", &total)])
    }

    /// Characters left, or (below zero) how many too many.
    pub fn feedback_chars_left(&self, n: i64) -> String {
        if n < 0 {
            self.count(&self.feedback_chars_over, -n as f64)
        } else {
            self.count(&self.feedback_chars_left, n as f64)
        }
    }

    pub fn poster_qr_alt(&self, url: &str) -> String {
        self.fill(self.poster_qr_alt, &[("url", url)])
    }

    pub fn delivery(&self, d: Delivery) -> &'static str {
        self.delivery.pick(d.as_str())
    }

    pub fn enrolment(&self, e: Enrolment) -> &'static str {
        self.enrolment.pick(e.as_str())
    }

    pub fn sort(&self, s: Sort) -> &'static str {
        self.sort.pick(s.as_str())
    }

    /// Colleges, countries and Learning Set members in the directory.
    pub fn join_figures(&self, colleges: u32, countries: u32, members: u32) -> String {
        let colleges = self.count(&self.count_colleges, colleges as f64);
        let countries = self.count(&self.count_countries, countries as f64);
        if members == 0 {
            return self.fill(
                self.join_figures_unrecorded,
                &[("colleges", &colleges), ("countries", &countries)],
            );
        }
        let members = self.count(&self.join_members, members as f64);
        self.fill(
            self.join_figures,
            &[
                ("colleges", &colleges),
                ("countries", &countries),
                ("members", &members),
            ],
        )
    }

    pub fn enquiry_kind(&self, k: EnquiryKind) -> &'static str {
        self.enquiry_kind.pick(k.as_str())
    }

    pub fn enquiry_stage(&self, s: PlanStage) -> &'static str {
        self.enquiry_stage.pick(s.as_str())
    }

    /// The privacy notice, given how many days enquiries are kept: whole
    /// years where the period is some.
    pub fn enquiry_privacy(&self, days: u32) -> Vec<String> {
        let period = if days >= 365 && days.is_multiple_of(365) {
            self.count(&self.period_years, (days / 365) as f64)
        } else {
            self.count(&self.period_days, days as f64)
        };
        self.enquiry_privacy
            .iter()
            .map(|p| self.fill(p, &[("period", &period)]))
            .collect()
    }

    pub fn enquiry_error(&self, e: EnquiryError) -> String {
        use api::enquiries::{EnquiryField as F, Fault};
        let key = match (e.field, e.fault) {
            (F::Kind, _) => "kind",
            (F::RunsColleges, _) => "runs_colleges",
            (F::CollegeCount, Fault::Missing) => "college_count_missing",
            (F::CollegeCount, _) => "college_count",
            (F::Stage, _) => "stage",
            (F::Name, Fault::Missing) => "name_missing",
            (F::Email, Fault::Missing) => "email_missing",
            (F::Email, Fault::Invalid) => "email_invalid",
            (F::Organisation, Fault::Missing) => "organisation_missing",
            (F::Role, Fault::Missing) => "role_missing",
            (F::Country, Fault::Missing) => "country_missing",
            (F::Country, _) => "country",
            (F::Message, Fault::Missing) => "message_missing",
            (F::Consent, _) => "consent",
            (F::Token, Fault::TooFast) => "token_too_fast",
            (F::Token, Fault::Expired) => "token_expired",
            (F::Token, _) => "token",
            (_, Fault::TooLong(_)) => "too_long",
            _ => "controls",
        };
        let max = match e.fault {
            Fault::TooLong(max) => max as f64,
            _ => api::enquiries::COLLEGE_COUNT_MAX as f64,
        };
        // In a summary at the top of the form a message must say which
        // answer it is about: the field's own label.
        let field = match e.field {
            F::Name => self.enquiry_name,
            F::Email => self.enquiry_email,
            F::Organisation => self.enquiry_organisation,
            F::Role => self.enquiry_role,
            F::Message => self.enquiry_message,
            // The other answers are choices, a number or a box: they are
            // never too long and hold no text.
            _ => self.enquiry_country,
        };
        self.fill(
            self.enquiry_error.pick(key),
            &[("max", &self.number(max, 0)), ("field", field)],
        )
    }

    /// The message for a field of the suggestion form that breaks a rule.
    pub fn suggest_error(&self, field: &str) -> &'static str {
        self.suggest_error
            .get(field)
            .unwrap_or_else(|| self.suggest_error.pick("other"))
    }

    /// A survey's words in this language (`key` as [`api::surveys::Survey::texts`]
    /// names it), else `english`.
    pub fn survey<'a>(&self, key: &str, english: &'a str) -> std::borrow::Cow<'a, str> {
        match self.survey.get(key) {
            Some(t) => t.into(),
            None => english.into(),
        }
    }

    /// "2026-11-26" as "26 November 2026" in this language; anything else as given.
    pub fn date(&self, iso: &str) -> String {
        match api::text::date_parts(iso) {
            Some((y, m, d)) => intl::date(self.lang, y, m, Some(d)),
            None => iso.to_string(),
        }
    }

    /// "November 2026" from `2026-11`.
    pub fn month(&self, iso: &str) -> String {
        match api::text::month_parts(iso) {
            Some((y, m)) => intl::date(self.lang, y, m, None),
            None => iso.to_string(),
        }
    }

    /// "Canberra, Australian Capital Territory, Australia"; a region that
    /// repeats the town (Bern, canton of Bern) or is empty is left out.
    pub fn place(&self, locality: &str, region: &str, country: &str) -> String {
        // A town that is its own region ("Berlin, Berlin") is named once,
        // whatever the region is called in this language.
        let region = if region == locality {
            locality
        } else {
            self.regions.get(region).unwrap_or(region)
        };
        api::text::place(locality, region, self.country(country), self.lang.rtl())
    }

    /// The directory's title for `query`: what was searched, or its
    /// filters, as the server's first HTML names it.
    pub fn directory_title_for(&self, query: &api::CollegeQuery) -> String {
        use api::colleges::query::{TitleFilter, TitleNames};
        match query.title_names() {
            TitleNames::Directory => self.directory_title.to_string(),
            TitleNames::Search(q) => self.fill(self.directory_title_search, &[("q", q)]),
            TitleNames::Filters(filters) => {
                let names: Vec<String> = filters
                    .iter()
                    .map(|f| match f {
                        TitleFilter::Country(c) => self.country(c),
                        TitleFilter::Delivery(d) => self.delivery(*d),
                        TitleFilter::Enrolment(e) => self.enrolment(*e),
                        TitleFilter::LearningSet => self.learning_set_member,
                        TitleFilter::Status(s) => self.status(*s),
                    })
                    .map(String::from)
                    .collect();
                self.fill(
                    self.directory_title_filtered,
                    &[("filters", &self.list(&names))],
                )
            }
        }
    }

    /// The country's name in this language (`Intl.DisplayNames`).
    pub fn country(&self, code: &str) -> &'static str {
        intl::country(self.lang, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_places_without_repeats() {
        let t = text_of(Lang::En);
        assert_eq!(t.place("Bern", "Bern", "CH"), "Bern, Switzerland");
        assert_eq!(
            t.place("Canberra", "Australian Capital Territory", "AU"),
            "Canberra, Australian Capital Territory, Australia"
        );
        assert_eq!(t.place("Leeds", "", "GB"), "Leeds, United Kingdom");
    }

    #[test]
    fn names_regions_in_the_language_where_cldr_has_them() {
        let ar = text_of(Lang::Ar);
        let place = ar.place("Leeds", "England", "GB");
        assert!(place.contains("إنجلترا"), "{place}");
        assert!(!place.contains("England"), "{place}");
        let de = text_of(Lang::De);
        assert_eq!(
            de.place("Düsseldorf", "North Rhine-Westphalia", "DE"),
            "Düsseldorf, Nordrhein-Westfalen, Deutschland"
        );
        // CLDR's Danish names no English region: it stays as the data has it.
        let da = text_of(Lang::Da);
        assert_eq!(
            da.place("Leeds", "England", "GB"),
            "Leeds, England, Storbritannien"
        );
    }

    #[test]
    fn formats_dates() {
        // As the browser's Intl writes them (natively, from its tables).
        let t = text_of(Lang::En);
        assert_eq!(t.date("2026-11-26"), "November 26, 2026");
        assert_eq!(t.date("2026-01-05"), "January 5, 2026");
        assert_eq!(text_of(Lang::De).date("2026-01-05"), "5. Januar 2026");
        assert_eq!(t.month("2026-03"), "March 2026");
        assert_eq!(t.date("not a date"), "not a date");
        assert_eq!(t.date("2026-13-01"), "2026-13-01");
    }

    #[test]
    fn counts_read_naturally() {
        let t = text_of(Lang::En);
        assert_eq!(t.colleges_found(0), "No colleges found");
        assert_eq!(t.colleges_found(1), "1 college found");
        assert_eq!(t.colleges_found(10000), "10,000 colleges found");
        assert_eq!(
            t.home_figures(1, 19),
            "1 college in 19 countries are listed here so far."
        );
    }

    #[test]
    fn distances_in_km_or_miles() {
        use api::LocationPrecision::{City, Region};
        let t = text_of(Lang::En);
        // (km, miles?, precision, as said): whole numbers under 30, then
        // to 5, then to 10; within the precision's radius, close by.
        let cases = [
            (12.4, false, City, "About 12 km away"),
            (1609.344, true, City, "About 1,000 miles away"),
            (8.1, true, City, "About 5 miles away"),
            (57.0, false, City, "About 55 km away"),
            (144.0, false, City, "About 140 km away"),
            (6.0, true, Region, "Close to you: Leeds"),
            (16.0, false, Region, "About 16 km away"),
            (5.5, true, City, "About 3 miles away"),
        ];
        for (km, miles, precision, said) in cases {
            assert_eq!(
                t.distance_away(km, miles, precision, "Leeds"),
                said,
                "{km} km"
            );
        }
    }

    #[test]
    fn a_distance_inside_the_point_s_precision_is_never_zero() {
        use api::LocationPrecision::{City, Region};
        let t = text_of(Lang::En);
        for km in [0.0, 0.04, 2.0, 4.99] {
            assert_eq!(
                t.distance_away(km, true, City, "London"),
                "Close to you: London"
            );
            assert_eq!(
                t.distance_away(km, false, Region, "London"),
                "Close to you: London"
            );
        }
        assert_eq!(
            t.distance_away(5.0, false, City, "London"),
            "About 5 km away"
        );
    }

    #[test]
    fn figures_say_when_membership_is_not_recorded() {
        let t = text_of(Lang::En);
        assert_eq!(
            t.join_figures(50, 10, 0),
            "This directory lists 50 colleges in 10 countries. Learning Set membership is not recorded here yet."
        );
        assert_eq!(
            t.join_figures(1, 1, 1),
            "This directory lists 1 college in 1 country; 1 of them is recorded as a member of the Learning Set."
        );
    }

    #[test]
    fn retention_reads_in_years_or_days() {
        let t = text_of(Lang::En);
        assert!(t.enquiry_privacy(730).iter().any(|p| p.contains("2 years")));
        assert!(t.enquiry_privacy(45).iter().any(|p| p.contains("45 days")));
    }

    #[test]
    fn each_field_holds_its_own_message() {
        // The plain messages are filled as an array (see `Text::parse`):
        // every field must hold the message of its own key.
        let t = text_of(Lang::En);
        let json: serde_json::Value = serde_json::from_str(ENGLISH).unwrap();
        let fields: [&str; TEXT_KEYS.len()] = unsafe { std::mem::transmute_copy(&t.texts) };
        for (key, value) in TEXT_KEYS.iter().zip(fields) {
            assert_eq!(json[key].as_str(), Some(value), "{key}");
        }
        assert_eq!(t.site_name, "Recovery Colleges");
        assert_eq!(t.home_title, "Find a Recovery College");
    }

    #[test]
    fn every_catalogue_reads_into_the_app() {
        for lang in Lang::ALL {
            let path = format!("{}/locales/{}.json", env!("CARGO_MANIFEST_DIR"), lang.tag());
            let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let text = Text::parse(lang, &json).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(text.draft, lang != Lang::En, "{path}: status");
        }
    }
}
