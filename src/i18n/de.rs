//! Deutsch. Colleges in Bern, Stuttgart and Gütersloh teach in German.

use super::Text;
use api::enquiry::{EnquiryKind, PlanStage};
use api::{Delivery, Enrolment, Sort};

fn number(n: u32) -> String {
    super::group_digits(n, '.')
}

pub static TEXT: Text = Text {
    site_name: "Recovery Colleges",
    skip_to_content: "Zum Inhalt springen",
    nav_label: "Hauptmenü",
    nav_home: "Startseite",
    nav_directory: "College finden",
    footer_note: "Die Angaben stammen aus öffentlichen Quellen und können veraltet sein. Fragen Sie beim College nach, bevor Sie hingehen.",
    loading: "Wird geladen …",
    retry: "Erneut versuchen",
    error_network: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    error_server: "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.",
    not_known: "Nicht bekannt",
    yes: "Ja",
    no: "Nein",

    home_title: "Ein Recovery College finden",
    home_lead: "Recovery Colleges bieten kostenlose Kurse zu psychischer Gesundheit und Genesung. Alle können dort lernen: Menschen mit psychischen Krisen, ihre Familien und Freunde und Fachleute.",
    home_what_heading: "Was ist ein Recovery College?",
    home_what: &[
        "Ein Recovery College funktioniert wie jede andere Bildungseinrichtung. Es bietet Bildung als Weg zur Genesung, nicht Therapie.",
        "Die Kurse werden gemeinsam von Peers mit eigener Krisenerfahrung und von Fachleuten geplant und geleitet.",
        "Sie wählen Kurse aus einem Programm. Die Kurse sind meist kostenlos, und Sie brauchen keine Überweisung.",
    ],
    home_figures_heading: "Colleges in diesem Verzeichnis",
    home_figures: |colleges, countries| {
        let k = if countries == 1 { "Land" } else { "Ländern" };
        format!("Bisher sind hier {} Colleges in {} {k} verzeichnet.", number(colleges), number(countries))
    },
    home_figures_world: "Es gibt über 220 Recovery Colleges im Vereinigten Königreich und in 26 weiteren Ländern.",
    home_browse: "Alle Colleges ansehen",
    home_top_countries: "Colleges nach Land",

    search_label: "Nach einem College suchen",
    search_hint: "Zum Beispiel ein Ort, eine Region, ein Land oder der Name eines Colleges",
    search_button: "Suchen",

    directory_title: "College finden",
    directory_lead: "Suchen Sie nach Ort oder Name, oder grenzen Sie die Liste mit den Filtern ein.",
    filters_heading: "Suchen und filtern",
    more_filters: "Filter und Sortierung",
    filter_country: "Land",
    filter_country_any: "Alle Länder",
    filter_delivery: "Wie die Kurse stattfinden",
    filter_enrolment: "Wer teilnehmen kann",
    filter_any: "Alle",
    filter_learning_set: "Nur Mitglieder des Learning Set",
    sort_label: "Sortieren nach",
    clear_filters: "Suche und Filter zurücksetzen",
    colleges_found: |n| match n {
        0 => "Keine Colleges gefunden".into(),
        1 => "1 College gefunden".into(),
        n => format!("{} Colleges gefunden", number(n)),
    },
    showing_range: |from, to, total| {
        format!("{} bis {} von {}", number(from), number(to), number(total))
    },
    no_results_heading: "Keine Colleges passen zu Ihrer Suche",
    no_results_help: "Prüfen Sie die Schreibweise, suchen Sie nach einem Ort in der Nähe oder dem Land, oder setzen Sie Filter zurück. Viele Einträge sagen noch nicht, wie die Kurse stattfinden oder wer teilnehmen kann.",
    bad_link: "Ein Teil dieses Links wurde nicht erkannt und deshalb weggelassen:",
    results_heading: "Colleges",
    pagination_label: "Seiten der Ergebnisse",
    previous_page: "Vorherige Seite",
    next_page: "Nächste Seite",
    page_of: |page, pages| format!("Seite {} von {}", number(page), number(pages)),
    learning_set_member: "Mitglied im Learning Set",
    demonstration_site: "ImROC-Pilotstandort",

    college_back: "Zurück zu allen Colleges",
    college_loading_title: "College wird geladen",
    college_error_title: "Dieses College konnte nicht geladen werden",
    college_host: "Träger",
    college_location: "Ort",
    college_location_precision_city: "Die Position auf der Karte ist die Ortsmitte.",
    college_location_precision_region: "Die Position auf der Karte ist der Hauptort der Region, die das College versorgt.",
    college_opened: "Gegründet",
    college_website: "Website",
    college_email: "E-Mail",
    college_phone: "Telefon",
    college_enrolment: "Wer teilnehmen kann",
    college_delivery: "Wie die Kurse stattfinden",
    college_languages: "Unterrichtssprachen",
    college_learning_set: "Mitglied im International Recovery College Learning Set",
    college_demonstration_site: "ImROC-Pilotstandort",
    college_prospectus: "Kursprogramm",
    college_source: "Quelle dieser Angaben",
    college_may_have_changed: |date| {
        format!("Die Angaben können sich geändert haben, seit dieser Eintrag am {date} zuletzt aktualisiert wurde. Fragen Sie beim College nach, bevor Sie hingehen.")
    },
    college_details_heading: "Über dieses College",

    not_found_title: "Seite nicht gefunden",
    not_found_body: "Wenn Sie die Adresse eingetippt haben, prüfen Sie, ob sie stimmt. Wenn Sie sie eingefügt haben, prüfen Sie, ob sie vollständig ist.",
    not_found_college: "Dieses College wurde nicht gefunden. Vielleicht wurde es entfernt oder umbenannt.",
    not_found_link: "College finden",

    map_label: "Karte der aufgelisteten Colleges",
    map_college_label: "Karte mit dem Ort des Colleges",
    map_loading: "Karte wird geladen …",
    map_failed: "Die Karte konnte nicht geladen werden. Die Liste zeigt dieselben Colleges.",
    map_zoom_in: "Vergrößern",
    map_zoom_out: "Verkleinern",
    map_cluster_label: "Gruppe von {count} Colleges bei {town}. Mit der Eingabetaste vergrößern.",
    map_attribution: "Ländergrenzen: Natural Earth",
    map_open_college: "Seite des Colleges öffnen",
    view_label: "Colleges anzeigen als",
    view_list: "Liste",
    view_map: "Karte",
    near_heading: "Colleges in Ihrer Nähe",
    near_me: "Meinen Standort verwenden",
    near_finding: "Ihr Standort wird ermittelt …",
    near_failed: "Ihr Standort konnte nicht ermittelt werden. Sie können stattdessen einen Ort eingeben.",
    near_place_label: "Oder einen Ort eingeben",
    near_no_places: "Kein Ort passt. Prüfen Sie die Schreibweise oder versuchen Sie einen größeren Ort in der Nähe.",
    near_your_location: "Ihrem Standort",
    near_clear: "Nicht mehr nach Entfernung sortieren",
    credits: "Ländergrenzen von Natural Earth. Ortsnamen von GeoNames (CC BY 4.0).",
    feedback_link: "Rückmeldung zu einem Kurs geben",
    feedback_about_heading: "Bevor Sie beginnen",
    feedback_anonymous: "Die Umfrage ist anonym. Wir fragen nicht nach Ihrem Namen oder Ihrer E-Mail-Adresse und speichern nichts, womit man Sie erkennen könnte.",
    feedback_what_happens: "Ihre Antworten helfen dem College, seine Kurse zu verbessern. Die Mitarbeitenden sehen Summen und Kommentare ohne Namen. Ein Kommentar wird nur zitiert, wenn Sie am Ende zustimmen.",
    feedback_saved_note: "Ihre Antworten werden unterwegs auf diesem Telefon gespeichert. Sie können die Seite schließen und später weitermachen.",
    feedback_language: "Sprache",
    feedback_start: "Jetzt beginnen",
    feedback_resume: "Dort weitermachen, wo Sie aufgehört haben",
    feedback_start_again: "Neu beginnen",
    feedback_optional: "(freiwillig)",
    feedback_continue: "Weiter",
    feedback_back: "Zurück",
    feedback_error_summary: "Es gibt ein Problem",
    feedback_choose_one: "Wählen Sie eine Antwort",
    feedback_check_title: "Prüfen Sie Ihre Antworten, bevor Sie sie senden",
    feedback_change: "Ändern",
    feedback_not_answered: "Nicht beantwortet",
    feedback_send: "Antworten senden",
    feedback_sending: "Wird gesendet …",
    feedback_sent_title: "Vielen Dank, Ihre Antworten wurden gesendet",
    feedback_sent_body: "Das College liest sie zusammen mit allen anderen. Sie können diese Seite schließen.",
    feedback_waiting_title: "Ihre Antworten sind auf diesem Telefon gespeichert",
    feedback_waiting: "Auf diesem Telefon gespeichert. Die Antworten werden gesendet, sobald Sie wieder online sind.",
    feedback_send_now: "Jetzt senden",
    feedback_rejected: "Ihre Antworten konnten nicht angenommen werden und wurden nicht gesendet. Bitte beginnen Sie die Umfrage neu.",
    feedback_unknown_survey: "Diese Umfrage gibt es nicht. Prüfen Sie den Link, den Sie bekommen haben.",
    feedback_who_asks: |college| format!("{college} bittet um Ihre Rückmeldung."),
    feedback_minutes: |n| format!("Das dauert etwa {n} Minuten."),
    feedback_course: |course| format!("Kurs oder Treffen: {course}"),
    feedback_progress: |n, total| format!("Frage {n} von {total}"),
    feedback_chars_left: |n| match n {
        n if n < 0 => format!("Sie haben {} Zeichen zu viel", -n),
        1 => "Sie haben noch 1 Zeichen".into(),
        n => format!("Sie haben noch {n} Zeichen"),
    },
    near_from: |place| format!("Nach Entfernung von {place} sortiert"),
    places_found: |n| match n {
        1 => "1 Ort gefunden".into(),
        n => format!("{n} Orte gefunden"),
    },
    distance_away: |km, miles| {
        let (value, unit) = if miles { (km / api::geo::KM_PER_MILE, "Meilen") } else { (km, "km") };
        let tenths = (value * 10.0).round() as u32;
        if tenths < 100 {
            format!("{},{} {unit} entfernt", tenths / 10, tenths % 10)
        } else {
            format!("{} {unit} entfernt", number(value.round() as u32))
        }
    },
    poster_title: "Geben Sie Rückmeldung zu diesem Kurs",
    poster_scan: "Scannen Sie den Code mit der Kamera Ihres Telefons, oder geben Sie diesen Link ein:",
    poster_print: "Diese Seite drucken",
    poster_link: "Plakat mit QR-Code für Kursleitende",
    error_prefix: "Fehler: ",
    poster_qr_alt: |url| format!("QR-Code für {url}"),
    months: [
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
        "Oktober", "November", "Dezember",
    ],
    day_suffix: ".",
    delivery: |d| match d {
        Delivery::InPerson => "Vor Ort",
        Delivery::Online => "Online",
        Delivery::Both => "Vor Ort und online",
    },
    enrolment: |e| match e {
        Enrolment::OpenToAll => "Offen für alle",
        Enrolment::ServiceUsersAndCarers => "Menschen, die Hilfsangebote nutzen, und ihre Angehörigen",
        Enrolment::StaffToo => "Nutzende, Angehörige und Mitarbeitende",
    },
    sort: |s| match s {
        Sort::Name => "Name (A bis Z)",
        Sort::Country => "Land",
        Sort::Opened => "Gründungsjahr (älteste zuerst)",
        Sort::Distance => "Entfernung (nächste zuerst)",
    },
    nav_join: "Dem Learning Set beitreten",
    home_join_heading: "Sie betreiben oder planen ein Recovery College?",
    home_join_text: "Organisationen aus jedem Land können dem International Recovery College Learning Set beitreten oder mit dem Recovery-College-Team über ein neues oder bestehendes College sprechen.",
    home_join_link: "Dem Learning Set beitreten oder Kontakt aufnehmen",
    join_title: "Dem Learning Set beitreten oder mit dem Recovery-College-Team sprechen",
    join_lead: "Senden Sie eine Anfrage an das Recovery-College-Team von ImROC: zum Beitritt zum International Recovery College Learning Set oder zur Gründung oder Weiterentwicklung eines Recovery College.",
    join_what_heading: "Was das Learning Set ist",
    join_what: &[
        "Das International Recovery College Learning Set ist ein Netzwerk von Recovery Colleges, die voneinander lernen. Es wird von Beraterinnen und Beratern von ImROC (Implementing Recovery through Organisational Change) mitgeleitet, das das Recovery-College-Modell entwickelt hat.",
        "2023 bildeten 28 Organisationen mit 43 Recovery Colleges das Learning Set: das größte Netzwerk von Recovery Colleges weltweit.",
        "Es gibt über 220 Recovery Colleges im Vereinigten Königreich und in 26 weiteren Ländern.",
    ],
    join_figures: |colleges, countries, members| {
        let c = if colleges == 1 { "College" } else { "Colleges" };
        let k = if countries == 1 { "Land" } else { "Ländern" };
        let m = if members == 1 { "ist als Mitglied" } else { "sind als Mitglieder" };
        format!("Dieses Verzeichnis führt {} {c} in {} {k}; {} davon {m} des Learning Set erfasst.", number(colleges), number(countries), number(members))
    },
    join_who_heading: "Für wen es ist",
    join_who: &[
        "Organisationen, die ein Recovery College betreiben oder planen: Gesundheitsdienste, Hochschulen und Bildungseinrichtungen, gemeinnützige Organisationen, in jedem Land.",
        "Menschen, die ein Recovery College oder seine Trägerorganisation leiten.",
    ],
    join_next_heading: "Was nach Ihrer Anfrage geschieht",
    join_next: &[
        "Sie erhalten sofort eine Referenznummer.",
        "Ihre Anfrage geht an das Recovery-College-Team, das Ihnen per E-Mail antwortet, um zu besprechen, was Sie brauchen.",
    ],
    join_form_heading: "Anfrage senden",
    join_draft_note: "Was Sie eingeben, bleibt in diesem Browser-Tab erhalten, bis Sie es senden. Beim Neuladen der Seite geht nichts verloren.",
    enquiry_kind_legend: "Worum geht es in Ihrer Anfrage?",
    enquiry_kind: |k| match k {
        EnquiryKind::JoinLearningSet => "Beitritt zum International Recovery College Learning Set",
        EnquiryKind::NewCollege => "Gründung eines neuen Recovery College",
        EnquiryKind::ExistingCollege => "Weiterentwicklung eines bestehenden Recovery College",
        EnquiryKind::TrainingConsultancy => "Schulung oder Beratung",
        EnquiryKind::Other => "Etwas anderes",
    },
    enquiry_runs_legend: "Betreibt Ihre Organisation derzeit ein Recovery College?",
    enquiry_count_label: "Wie viele Recovery Colleges betreibt Ihre Organisation?",
    enquiry_stage_legend: "Wie weit sind Ihre Pläne?",
    enquiry_stage: |s| match s {
        PlanStage::Exploring => "Wir informieren uns über die Idee",
        PlanStage::Planning => "In Planung, noch ohne zugesagte Finanzierung",
        PlanStage::Funded => "Finanziert, die Eröffnung wird vorbereitet",
    },
    enquiry_about_you: "Über Sie und Ihre Organisation",
    enquiry_name: "Ihr Name",
    enquiry_email: "Ihre E-Mail-Adresse",
    enquiry_email_hint: "Wir verwenden sie nur, um Ihre Anfrage zu beantworten.",
    enquiry_organisation: "Organisation",
    enquiry_role: "Ihre Funktion",
    enquiry_role_hint: "Zum Beispiel Leitung eines Recovery College",
    enquiry_country: "Land",
    enquiry_country_choose: "Land auswählen",
    enquiry_message: "Ihre Nachricht",
    enquiry_message_hint: "Erzählen Sie uns von Ihrer Organisation und worüber Sie sprechen möchten.",
    enquiry_privacy_heading: "Wie wir Ihre Angaben verwenden",
    enquiry_privacy: |days| {
        let (n, years) = super::years_or_days(days);
        let period = match (n, years) {
            (1, true) => "1 Jahr".to_string(),
            (n, true) => format!("{n} Jahre"),
            (1, false) => "1 Tag".to_string(),
            (n, false) => format!("{} Tage", number(n)),
        };
        vec![
            "Wir speichern, was Sie senden (Name, E-Mail-Adresse, Organisation, Funktion, Land und Nachricht), damit das Recovery-College-Team Ihnen antworten und Ihre Anfrage weiterverfolgen kann.".into(),
            format!("Wir speichern es {period} lang ab dem Versand und löschen es dann. Wir geben es nicht außerhalb des Teams weiter."),
            "Wenn Sie eine Kopie Ihrer Daten möchten oder deren Löschung wünschen, sagen Sie es dem Team in seiner Antwort oder schreiben Sie ihm unter Angabe Ihrer Referenznummer.".into(),
        ]
    },
    enquiry_consent: "Ich bin einverstanden, dass das Recovery-College-Team mich zu dieser Anfrage kontaktiert",
    enquiry_honeypot: "Dieses Feld leer lassen",
    enquiry_send: "Anfrage senden",
    enquiry_sending: "Wird gesendet…",
    enquiry_error: |e| {
        use api::enquiry::{EnquiryField as F, Fault};
        match (e.field, e.fault) {
            (F::Kind, _) => "Wählen Sie aus, worum es in Ihrer Anfrage geht".into(),
            (F::RunsColleges, _) => "Wählen Sie „Ja“, wenn Ihre Organisation derzeit ein Recovery College betreibt".into(),
            (F::CollegeCount, Fault::Missing) => "Geben Sie an, wie viele Recovery Colleges Ihre Organisation betreibt".into(),
            (F::CollegeCount, _) => format!("Die Anzahl der Colleges muss eine ganze Zahl zwischen 1 und {} sein", api::enquiry::COLLEGE_COUNT_MAX),
            (F::Stage, _) => "Wählen Sie aus, wie weit Ihre Pläne sind".into(),
            (F::Name, Fault::Missing) => "Geben Sie Ihren Namen ein".into(),
            (F::Email, Fault::Missing) => "Geben Sie Ihre E-Mail-Adresse ein".into(),
            (F::Email, Fault::Invalid) => "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@beispiel.de".into(),
            (F::Organisation, Fault::Missing) => "Geben Sie den Namen Ihrer Organisation ein".into(),
            (F::Role, Fault::Missing) => "Geben Sie Ihre Funktion in der Organisation ein".into(),
            (F::Country, Fault::Missing) => "Wählen Sie Ihr Land aus".into(),
            (F::Country, _) => "Wählen Sie ein Land aus der Liste aus".into(),
            (F::Message, Fault::Missing) => "Geben Sie Ihre Nachricht ein".into(),
            (F::Consent, _) => "Bestätigen Sie, dass wir Sie zu dieser Anfrage kontaktieren dürfen, damit wir antworten können".into(),
            (F::Token, Fault::TooFast) => "Dieses Formular wurde Sekunden nach dem Öffnen gesendet, wie es automatischer Spam tut. Prüfen Sie Ihre Angaben und senden Sie es erneut.".into(),
            (F::Token, Fault::Expired) => "Dieses Formular wurde vor langer Zeit geöffnet. Prüfen Sie Ihre Angaben und senden Sie es erneut.".into(),
            (F::Token, _) => "Dieses Formular konnte nicht geprüft werden. Senden Sie es erneut; Ihre Angaben bleiben erhalten.".into(),
            (_, Fault::TooLong(max)) => format!("Höchstens {} Zeichen", number(max as u32)),
            _ => "Diese Angabe darf keine Steuerzeichen enthalten".into(),
        }
    },
    enquiry_network: "Wir konnten Ihre Anfrage nicht senden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut. Alles, was Sie eingegeben haben, ist noch da.",
    enquiry_too_many: "Von dieser Verbindung wurden in der letzten Stunde zu viele Anfragen gesendet. Bitte versuchen Sie es später erneut. Alles, was Sie eingegeben haben, ist noch da.",
    enquiry_failed: "Bei uns ist etwas schiefgegangen, und Ihre Anfrage wurde nicht gesendet. Bitte versuchen Sie es gleich noch einmal. Alles, was Sie eingegeben haben, ist noch da.",
    enquiry_sent_title: "Anfrage gesendet",
    enquiry_reference: "Ihre Referenznummer",
    enquiry_sent_next: &[
        "Wir haben Ihre Anfrage an das Recovery-College-Team gesendet. Es antwortet Ihnen per E-Mail an die angegebene Adresse.",
        "Wir haben Ihnen keine E-Mail geschickt. Bitte notieren Sie Ihre Referenznummer und nennen Sie sie, wenn Sie das Team zu dieser Anfrage kontaktieren.",
    ],
    enquiry_another: "Weitere Anfrage senden",
    testimonials_heading: "Was Studierende sagen",
};
