//! Every string a person sees on the public pages (the directory, the
//! survey, the enquiry form) comes from here, so that adding a language is
//! adding a file, not rewriting pages; the staff side is in English and
//! keeps its words in its own pages. A language is a [`Text`] value: the
//! compiler checks that each language has every string.

mod de;
mod en;
pub mod join;

use api::{CollegeStatus, Delivery, Enrolment, Sort};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &en::TEXT,
            Lang::De => &de::TEXT,
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    pub fn survey_lang(self) -> api::surveys::SurveyLang {
        match self {
            Lang::En => api::surveys::SurveyLang::En,
            Lang::De => api::surveys::SurveyLang::De,
        }
    }

    pub fn from_survey_lang(lang: api::surveys::SurveyLang) -> Self {
        match lang {
            api::surveys::SurveyLang::En => Lang::En,
            api::surveys::SurveyLang::De => Lang::De,
        }
    }
}

/// `n` with `sep` between groups of three digits: 10000 as "10,000".
pub(crate) fn group_digits(n: u32, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Makes the language available to every component below.
pub fn provide_lang(lang: Lang) {
    provide_context(RwSignal::new(lang));
}

/// Switches the language (the survey's start page offers it), and tells
/// browsers and screen readers through `<html lang>`.
pub fn set_lang(lang: Lang) {
    if let Some(signal) = use_context::<RwSignal<Lang>>() {
        if signal.get_untracked() != lang {
            signal.set(lang);
        }
    }
    if let Some(html) = document().document_element() {
        html.set_attribute("lang", lang.tag()).ok();
    }
}

/// The current language.
pub fn lang() -> Lang {
    use_context::<RwSignal<Lang>>()
        .map(|l| l.get())
        .unwrap_or_default()
}

/// The current language's strings.
pub fn t() -> &'static Text {
    use_context::<RwSignal<Lang>>()
        .map(|lang| lang.get())
        .unwrap_or_default()
        .text()
}

pub struct Text {
    /// The language these strings are in.
    pub lang: Lang,
    pub site_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_directory: &'static str,
    pub footer_note: &'static str,
    pub footer_open_data: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,
    pub not_known: &'static str,
    pub yes: &'static str,
    pub no: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_what_heading: &'static str,
    pub home_what: &'static [&'static str],
    pub home_figures_heading: &'static str,
    pub home_figures: fn(u32, u32) -> String,
    pub home_figures_world: &'static str,
    pub home_browse: &'static str,
    pub home_top_countries: &'static str,

    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,

    pub directory_title: &'static str,
    pub directory_lead: &'static str,
    pub filters_heading: &'static str,
    pub more_filters: &'static str,
    pub filter_country: &'static str,
    pub filter_country_any: &'static str,
    pub filter_delivery: &'static str,
    pub filter_enrolment: &'static str,
    pub filter_any: &'static str,
    pub filter_learning_set: &'static str,
    pub sort_label: &'static str,
    pub clear_filters: &'static str,
    pub colleges_found: fn(u32) -> String,
    pub showing_range: fn(u32, u32, u32) -> String,
    pub no_results_heading: &'static str,
    pub no_results_help: &'static str,
    pub bad_link: &'static str,
    pub results_heading: &'static str,
    pub pagination_label: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(u32, u32) -> String,
    pub learning_set_member: &'static str,
    pub demonstration_site: &'static str,

    pub college_back: &'static str,
    pub college_loading_title: &'static str,
    pub college_error_title: &'static str,
    pub college_host: &'static str,
    pub college_location: &'static str,
    pub college_location_precision_city: &'static str,
    pub college_location_precision_region: &'static str,
    pub college_opened: &'static str,
    pub college_website: &'static str,
    pub college_email: &'static str,
    pub college_phone: &'static str,
    pub college_enrolment: &'static str,
    pub college_delivery: &'static str,
    pub college_languages: &'static str,
    pub college_learning_set: &'static str,
    pub college_demonstration_site: &'static str,
    pub college_prospectus: &'static str,
    pub college_source: &'static str,
    pub college_compiled: fn(&str) -> String,
    pub college_staff_changed: fn(&str) -> String,
    pub college_check_first: &'static str,
    pub college_contact_heading: &'static str,
    pub college_sources_heading: &'static str,
    pub college_unknown: fn(&str) -> String,
    pub college_do_you_know: &'static str,
    pub college_evidence: &'static str,
    pub college_status_notice: fn(CollegeStatus) -> &'static str,
    pub college_status_note: fn(&str) -> String,
    pub status: fn(CollegeStatus) -> &'static str,
    pub filter_status: &'static str,
    pub filter_status_listed: &'static str,
    pub college_details_heading: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_college: &'static str,
    pub not_found_link: &'static str,

    pub map_label: &'static str,
    pub map_college_label: &'static str,
    pub map_loading: &'static str,
    pub map_failed: &'static str,
    pub map_zoom_in: &'static str,
    pub map_zoom_out: &'static str,
    pub map_cluster_label: &'static str,
    pub map_attribution: &'static str,
    pub map_open_college: &'static str,
    pub view_label: &'static str,
    pub view_list: &'static str,
    pub view_map: &'static str,
    pub near_heading: &'static str,
    pub near_me: &'static str,
    pub near_finding: &'static str,
    pub near_failed: &'static str,
    pub near_place_label: &'static str,
    pub near_no_places: &'static str,
    pub near_your_location: &'static str,
    pub near_clear: &'static str,
    pub credits: &'static str,
    pub near_from: fn(&str) -> String,
    pub places_found: fn(usize) -> String,
    pub distance_away: fn(f64, bool) -> String,
    pub feedback_link: &'static str,
    pub feedback_about_heading: &'static str,
    pub feedback_anonymous: &'static str,
    pub feedback_what_happens: &'static str,
    pub feedback_saved_note: &'static str,
    pub feedback_language: &'static str,
    pub feedback_start: &'static str,
    pub feedback_resume: &'static str,
    pub feedback_start_again: &'static str,
    pub feedback_optional: &'static str,
    pub feedback_continue: &'static str,
    pub feedback_back: &'static str,
    pub feedback_error_summary: &'static str,
    pub feedback_choose_one: &'static str,
    pub feedback_check_title: &'static str,
    pub feedback_change: &'static str,
    pub feedback_not_answered: &'static str,
    pub feedback_send: &'static str,
    pub feedback_sending: &'static str,
    pub feedback_sent_title: &'static str,
    pub feedback_sent_body: &'static str,
    pub feedback_waiting_title: &'static str,
    pub feedback_waiting: &'static str,
    pub feedback_send_now: &'static str,
    pub feedback_rejected: &'static str,
    pub feedback_unknown_survey: &'static str,
    pub feedback_who_asks: fn(&str) -> String,
    pub feedback_minutes: fn(u8) -> String,
    pub feedback_course: fn(&str) -> String,
    pub feedback_progress: fn(usize, usize) -> String,
    pub feedback_chars_left: fn(i64) -> String,
    pub poster_title: &'static str,
    pub poster_scan: &'static str,
    pub poster_print: &'static str,
    pub poster_link: &'static str,
    /// Read out before an error message beside a field.
    pub error_prefix: &'static str,
    pub poster_qr_alt: fn(&str) -> String,
    pub months: [&'static str; 12],
    /// After the day of the month: "26 November", "26. November".
    pub day_suffix: &'static str,
    pub delivery: fn(Delivery) -> &'static str,
    pub enrolment: fn(Enrolment) -> &'static str,
    pub sort: fn(Sort) -> &'static str,

    pub nav_join: &'static str,
    pub home_join_heading: &'static str,
    pub home_join_text: &'static str,
    pub home_join_link: &'static str,
    pub testimonials_heading: &'static str,
    pub suggest_link: &'static str,
    pub suggest_change_entry: &'static str,
}

impl Text {
    /// "2026-11-26" as "26 November 2026"; anything else as given.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.split('-').collect();
        match parts.as_slice() {
            [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
                (Ok(m @ 1..=12), Ok(d)) => {
                    format!("{d}{} {} {y}", self.day_suffix, self.months[m - 1])
                }
                _ => iso.to_string(),
            },
            _ => iso.to_string(),
        }
    }

    /// "Canberra, Australian Capital Territory, Australia"; a region that
    /// repeats the town (Bern, canton of Bern) or is empty is left out.
    /// "November 2026" from `2026-11`.
    pub fn month(&self, iso: &str) -> String {
        match iso.split_once('-') {
            Some((y, m)) => match m.parse::<usize>() {
                Ok(m @ 1..=12) => format!("{} {y}", self.months[m - 1]),
                _ => iso.to_string(),
            },
            None => iso.to_string(),
        }
    }

    pub fn place(&self, locality: &str, region: &str, country: &str) -> String {
        let mut parts = vec![locality];
        let region = region.trim();
        if !region.is_empty() && !region.eq_ignore_ascii_case(locality.trim()) {
            parts.push(region);
        }
        let country = self.country(country);
        if !country.is_empty() {
            parts.push(country);
        }
        parts.retain(|p| !p.trim().is_empty());
        parts.join(", ")
    }

    /// The country's name in this language: the browser's own names
    /// (`Intl.DisplayNames`, from the CLDR) for any language but English,
    /// whose names are the shared country table's.
    pub fn country(&self, code: &str) -> &'static str {
        let english = api::countries::name(code).unwrap_or("");
        match self.lang {
            Lang::En => english,
            lang => local_country_name(lang, code).unwrap_or(english),
        }
    }
}

/// `code`'s name in `lang` from the browser, asked once per country and
/// kept for the page's life (a few hundred short strings at most).
#[cfg(target_arch = "wasm32")]
fn local_country_name(lang: Lang, code: &str) -> Option<&'static str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::JsCast;
    thread_local! {
        static NAMES: RefCell<HashMap<(Lang, String), Option<&'static str>>> = RefCell::new(HashMap::new());
        static DISPLAY: RefCell<HashMap<Lang, Option<js_sys::Intl::DisplayNames>>> = RefCell::new(HashMap::new());
    }
    if let Some(known) = NAMES.with(|n| n.borrow().get(&(lang, code.to_string())).copied()) {
        return known;
    }
    let display = DISPLAY.with(|d| {
        d.borrow_mut()
            .entry(lang)
            .or_insert_with(|| {
                // Older browsers lack Intl.DisplayNames: English names then.
                let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
                let has = js_sys::Reflect::has(&intl, &"DisplayNames".into()).unwrap_or(false);
                if !has {
                    return None;
                }
                let options = js_sys::Object::new();
                js_sys::Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
                js_sys::Reflect::set(&options, &"fallback".into(), &"none".into()).ok()?;
                let locales = js_sys::Array::of1(&lang.tag().into());
                Some(js_sys::Intl::DisplayNames::new(&locales, &options).unchecked_into())
            })
            .clone()
    });
    let name = display
        .and_then(|d| d.of(code))
        .map(String::from)
        .filter(|n| !n.is_empty() && n != code)
        .map(|n| &*Box::leak(n.into_boxed_str()));
    NAMES.with(|n| n.borrow_mut().insert((lang, code.to_string()), name));
    name
}

#[cfg(not(target_arch = "wasm32"))]
fn local_country_name(_lang: Lang, _code: &str) -> Option<&'static str> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_places_without_repeats() {
        let t = Lang::En.text();
        assert_eq!(t.place("Bern", "Bern", "CH"), "Bern, Switzerland");
        assert_eq!(
            t.place("Canberra", "Australian Capital Territory", "AU"),
            "Canberra, Australian Capital Territory, Australia"
        );
        assert_eq!(t.place("Leeds", "", "GB"), "Leeds, United Kingdom");
    }

    #[test]
    fn formats_dates() {
        let t = Lang::En.text();
        assert_eq!(t.date("2026-11-26"), "26 November 2026");
        assert_eq!(t.date("2026-01-05"), "5 January 2026");
        assert_eq!(t.date("not a date"), "not a date");
        assert_eq!(t.date("2026-13-01"), "2026-13-01");
    }

    #[test]
    fn counts_read_naturally() {
        let t = Lang::En.text();
        assert_eq!((t.colleges_found)(0), "No colleges found");
        assert_eq!((t.colleges_found)(1), "1 college found");
        assert_eq!((t.colleges_found)(10000), "10,000 colleges found");
    }

    #[test]
    fn german_reads_naturally() {
        let t = Lang::De.text();
        assert_eq!((t.colleges_found)(10000), "10.000 Colleges gefunden");
        assert_eq!(t.date("2026-03-05"), "5. März 2026");
        assert_eq!((t.distance_away)(3.24, false), "3,2 km entfernt");
    }

    #[test]
    fn distances_in_km_or_miles() {
        let t = Lang::En.text();
        assert_eq!((t.distance_away)(3.24, false), "3.2 km away");
        assert_eq!((t.distance_away)(1609.344, true), "1,000 miles away");
        assert_eq!((t.distance_away)(8.0, true), "5.0 miles away");
    }
}
