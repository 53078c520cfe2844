//! Deutsch.

use super::JoinText;
use api::enquiries::{EnquiryKind, PlanStage};

fn number(n: u32) -> String {
    crate::i18n::group_digits(n, '.')
}

pub static TEXT: JoinText = JoinText {
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
        if members == 0 {
            return format!("Dieses Verzeichnis führt {} {c} in {} {k}. Die Mitgliedschaft im Learning Set ist hier noch nicht erfasst.", number(colleges), number(countries));
        }
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
        use api::enquiries::{EnquiryField as F, Fault};
        match (e.field, e.fault) {
            (F::Kind, _) => "Wählen Sie aus, worum es in Ihrer Anfrage geht".into(),
            (F::RunsColleges, _) => "Wählen Sie „Ja“, wenn Ihre Organisation derzeit ein Recovery College betreibt".into(),
            (F::CollegeCount, Fault::Missing) => "Geben Sie an, wie viele Recovery Colleges Ihre Organisation betreibt".into(),
            (F::CollegeCount, _) => format!("Die Anzahl der Colleges muss eine ganze Zahl zwischen 1 und {} sein", api::enquiries::COLLEGE_COUNT_MAX),
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
    suggest_title: "Eine Änderung vorschlagen oder Ihr College eintragen",
    suggest_lead: "Teilen Sie dem Recovery-College-Team eine Änderung an einem Eintrag mit oder ein College, das noch fehlt. Das Team prüft jeden Vorschlag, bevor sich das Verzeichnis ändert.",
    suggest_kind_legend: "Was möchten Sie tun?",
    suggest_kind_change: "Eine Änderung an einem eingetragenen College vorschlagen",
    suggest_kind_new: "Ein College eintragen, das noch fehlt",
    suggest_college: "Welches College?",
    suggest_college_choose: "College auswählen",
    suggest_details: "Ihr Vorschlag",
    suggest_details_hint: "Bei einer Änderung: was falsch ist und was dort stehen sollte. Bei einem neuen College: Name, Ort, Land und Website.",
    suggest_email: "Ihre E-Mail-Adresse (freiwillig)",
    suggest_email_hint: "Nur wenn das Team Ihnen zu diesem Vorschlag schreiben darf. Sie wird mit dem Vorschlag gelöscht.",
    suggest_send: "Vorschlag senden",
    suggest_sent_title: "Danke, Ihr Vorschlag wurde gesendet",
    suggest_sent_body: "Das Recovery-College-Team prüft ihn, bevor sich das Verzeichnis ändert.",
    suggest_error: |field| match field {
        "kind" => "Wählen Sie, ob es um eine Änderung oder ein neues College geht",
        "college" => "Wählen Sie das College aus, das sich ändern soll",
        "email" => "Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@beispiel.de",
        "details" => "Schreiben Sie, was geändert oder ergänzt werden soll, in höchstens 5000 Zeichen",
        _ => "Prüfen Sie diese Angabe",
    },
};
