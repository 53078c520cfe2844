//! English.

use super::Text;
use api::{CollegeStatus, Delivery, Enrolment, Sort};

fn number(n: u32) -> String {
    super::group_digits(n, ',')
}

pub static TEXT: Text = Text {
    lang: super::Lang::En,
    site_name: "Recovery Colleges",
    skip_to_content: "Skip to main content",
    nav_label: "Main",
    nav_home: "Home",
    nav_directory: "Find a college",
    footer_note: "Information comes from public sources and may be out of date. Check with a college before you go.",
    loading: "Loading…",
    retry: "Try again",
    error_network: "We could not reach the server. Check your connection and try again.",
    error_server: "Something went wrong on our side. Please try again in a moment.",
    not_known: "Not known",
    yes: "Yes",
    no: "No",

    home_title: "Find a Recovery College",
    home_lead: "Recovery Colleges offer free courses about mental health and recovery. Anyone can learn there: people with mental health challenges, their families and friends, and staff.",
    home_what_heading: "What is a Recovery College?",
    home_what: &[
        "A Recovery College is run like any other college. It offers education as a route to recovery, not therapy.",
        "Courses are planned and taught together by peer tutors, who have lived experience of mental health challenges, and by mental health professionals.",
        "You choose courses from a prospectus. Courses are usually free, and you do not need a referral.",
    ],
    home_figures_heading: "Colleges in this directory",
    home_figures: |colleges, countries| {
        let c = if colleges == 1 { "college" } else { "colleges" };
        let k = if countries == 1 { "country" } else { "countries" };
        format!("{} {c} in {} {k} are listed here so far.", number(colleges), number(countries))
    },
    home_figures_world: "There are over 220 Recovery Colleges across the UK and in 26 other countries.",
    home_browse: "Browse all colleges",
    home_top_countries: "Colleges by country",

    search_label: "Search for a college",
    search_hint: "For example, a town, a region, a country or a college's name",
    search_button: "Search",

    directory_title: "Find a college",
    directory_lead: "Search the directory by place or name, or narrow it with the filters.",
    filters_heading: "Search and filter",
    more_filters: "Filters and sort order",
    filter_country: "Country",
    filter_country_any: "All countries",
    filter_delivery: "How courses are delivered",
    filter_enrolment: "Who can enrol",
    filter_any: "Any",
    filter_learning_set: "Learning Set members only",
    sort_label: "Sort by",
    clear_filters: "Clear search and filters",
    colleges_found: |n| match n {
        0 => "No colleges found".into(),
        1 => "1 college found".into(),
        n => format!("{} colleges found", number(n)),
    },
    showing_range: |from, to, total| {
        format!("Showing {} to {} of {}", number(from), number(to), number(total))
    },
    no_results_heading: "No colleges match your search",
    no_results_help: "Check the spelling, search for a nearby town or the country, or clear some filters. Many entries do not yet say how courses are delivered or who can enrol.",
    bad_link: "Part of this link was not recognised, so it was left out:",
    results_heading: "Colleges",
    pagination_label: "Pages of results",
    previous_page: "Previous page",
    next_page: "Next page",
    page_of: |page, pages| format!("Page {} of {}", number(page), number(pages)),
    learning_set_member: "Learning Set member",
    demonstration_site: "ImROC demonstration site",

    college_back: "Back to all colleges",
    college_loading_title: "Loading college details",
    college_error_title: "We could not load this college",
    college_host: "Run by",
    college_location: "Location",
    college_location_precision_city: "The map position is the town centre.",
    college_location_precision_region: "The map position is the main town of the area the college serves.",
    college_opened: "Year opened",
    college_website: "Website",
    college_email: "Email",
    college_phone: "Phone",
    college_enrolment: "Who can enrol",
    college_delivery: "How courses are delivered",
    college_languages: "Languages taught in",
    college_learning_set: "Member of the International Recovery College Learning Set",
    college_demonstration_site: "ImROC demonstration site",
    college_prospectus: "Prospectus",
    college_source: "Source of this information",
    college_compiled: |month| {
        format!("These details were compiled from public sources in {month}. Check with the college before you go.")
    },
    college_staff_changed: |date| {
        format!("This entry was last changed by the college's staff or the Recovery College team on {date}. Check with the college before you go.")
    },
    college_check_first: "Check with the college before you go.",
    college_contact_heading: "Contact and courses",
    college_sources_heading: "Where this information comes from",
    college_unknown: |fields| format!("Not known here yet: {fields}."),
    college_do_you_know: "Do you know? Suggest a change",
    college_evidence: "source",
    college_status_notice: |s| match s {
        CollegeStatus::Open => "This college is open.",
        CollegeStatus::Paused => "This college has paused its courses.",
        CollegeStatus::Closing => "This college is closing.",
        CollegeStatus::Closed => "This college has closed.",
    },
    college_status_note: |note| format!("Its source said: “{note}”"),
    status: |s| match s {
        CollegeStatus::Open => "Open",
        CollegeStatus::Paused => "Paused",
        CollegeStatus::Closing => "Closing",
        CollegeStatus::Closed => "Closed",
    },
    filter_status: "Status",
    filter_status_listed: "Open, paused or closing",
    college_details_heading: "About this college",

    not_found_title: "Page not found",
    not_found_body: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
    not_found_college: "We could not find this college. It may have been removed or renamed.",
    not_found_link: "Find a college",

    map_label: "Map of the colleges listed",
    map_college_label: "Map showing where the college is",
    map_loading: "Loading the map…",
    map_failed: "The map could not be loaded. The list shows the same colleges.",
    map_zoom_in: "Zoom in",
    map_zoom_out: "Zoom out",
    map_cluster_label: "Cluster of {count} colleges near {town}. Press Enter to zoom in.",
    map_attribution: "Country shapes: Natural Earth",
    map_open_college: "Open this college's page",
    view_label: "Show the colleges as",
    view_list: "List",
    view_map: "Map",
    near_heading: "Colleges near you",
    near_me: "Use my location",
    near_finding: "Finding your location…",
    near_failed: "We could not get your location. You can type a town or city instead.",
    near_place_label: "Or type a town or city",
    near_no_places: "No towns or cities match. Check the spelling, or try a larger town nearby.",
    near_your_location: "your location",
    near_clear: "Stop sorting by distance",
    credits: "Country shapes from Natural Earth. Place names from GeoNames (CC BY 4.0).",
    near_from: |place| format!("Sorted by distance from {place}"),
    places_found: |n| match n {
        1 => "1 place found".into(),
        n => format!("{n} places found"),
    },
    distance_away: |km, miles| {
        let (value, unit) = if miles { (km / api::geo::KM_PER_MILE, "miles") } else { (km, "km") };
        // Tenths by integer arithmetic: float formatting would add its
        // tables to the browser bundle for this one string.
        let tenths = (value * 10.0).round() as u32;
        if tenths < 100 {
            format!("{}.{} {unit} away", tenths / 10, tenths % 10)
        } else {
            format!("{} {unit} away", number(value.round() as u32))
        }
    },
    feedback_link: "Give feedback on a course",
    feedback_about_heading: "Before you start",
    feedback_anonymous: "It is anonymous. We do not ask for your name or email, and we do not keep anything that could identify you.",
    feedback_what_happens: "Your answers help the college improve its courses. Staff see totals, and comments without names. A comment is only quoted if you say yes to that at the end.",
    feedback_saved_note: "Your answers are saved on this phone as you go, so you can close the page and come back to it.",
    feedback_language: "Language",
    feedback_start: "Start now",
    feedback_resume: "Continue where you left off",
    feedback_start_again: "Start again",
    feedback_optional: "(optional)",
    feedback_continue: "Continue",
    feedback_back: "Back",
    feedback_error_summary: "There is a problem",
    feedback_choose_one: "Select an answer",
    feedback_check_title: "Check your answers before sending them",
    feedback_change: "Change",
    feedback_not_answered: "Not answered",
    feedback_send: "Send your answers",
    feedback_sending: "Sending…",
    feedback_sent_title: "Thank you, your answers have been sent",
    feedback_sent_body: "The college reads them together with everyone else's. You can close this page.",
    feedback_waiting_title: "Your answers are saved on this phone",
    feedback_waiting: "Saved on this phone. It will be sent when you are back online.",
    feedback_send_now: "Try sending now",
    feedback_rejected: "Your answers could not be accepted, so they were not sent. Please start the survey again.",
    feedback_unknown_survey: "There is no such survey. Check the link you were given.",
    feedback_who_asks: |college| format!("{college} would like your feedback."),
    feedback_minutes: |n| format!("It takes about {n} minutes."),
    feedback_course: |course| format!("Course or session: {course}"),
    feedback_progress: |n, total| format!("Question {n} of {total}"),
    feedback_chars_left: |n| match n {
        -1 => "You have 1 character too many".into(),
        n if n < 0 => format!("You have {} characters too many", -n),
        1 => "You have 1 character remaining".into(),
        n => format!("You have {n} characters remaining"),
    },
    poster_title: "Give feedback on this course",
    poster_scan: "Scan the code with your phone's camera, or type this link:",
    poster_print: "Print this page",
    poster_link: "Poster with a QR code, for tutors",
    error_prefix: "Error: ",
    poster_qr_alt: |url| format!("QR code for {url}"),
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    day_suffix: "",
    delivery: |d| match d {
        Delivery::InPerson => "In person",
        Delivery::Online => "Online",
        Delivery::Both => "In person and online",
    },
    enrolment: |e| match e {
        Enrolment::OpenToAll => "Open to all",
        Enrolment::ServiceUsersAndCarers => "People who use services, and their families and carers",
        Enrolment::StaffToo => "People who use services, carers and staff",
        Enrolment::Residents => "People who live in the area or are registered with its services",
    },
    sort: |s| match s {
        Sort::Name => "Name (A to Z)",
        Sort::Country => "Country",
        Sort::Opened => "Year opened (earliest first)",
        Sort::Distance => "Distance (nearest first)",
    },
    nav_join: "Join the Learning Set",
    home_join_heading: "Running or planning a Recovery College?",
    home_join_text: "Organisations from any country can join the International Recovery College Learning Set, or talk to the Recovery College team about a new or existing college.",
    home_join_link: "Join the Learning Set or get in touch",
    testimonials_heading: "What students say",
    suggest_link: "Suggest a change or add your college",
    suggest_change_entry: "Suggest a change to this entry",
};
