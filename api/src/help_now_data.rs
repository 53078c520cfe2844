// Written from docs/help-lines.md (each source quoted there), checked
// on the date in `CHECKED`. Keep the two in step.
pub const HELP: &[CountryHelp] = &[
    CountryHelp {
        country: "GB",
        emergency: Line { name: "", number: "999", hours: "", source: "https://www.londonambulance.nhs.uk/calling-us/calling-999/" },
        crisis: Some(Line { name: "Samaritans", number: "116 123", hours: "", source: "https://www.samaritans.org/how-we-can-help/contact-samaritan/" }),
    },
    CountryHelp {
        country: "IE",
        emergency: Line { name: "", number: "112", hours: "", source: "https://www2.hse.ie/emergencies/when-to-call-112-or-999/" },
        crisis: Some(Line { name: "Samaritans", number: "116 123", hours: "", source: "https://www.samaritans.org/news/demand-samaritans-service-ireland-reaches-new-high" }),
    },
    CountryHelp {
        country: "JE",
        emergency: Line { name: "", number: "999", hours: "", source: "https://www.gov.je/Health/Hospitals/EmergencyOutHours/Pages/999.aspx" },
        crisis: Some(Line { name: "Samaritans", number: "116 123", hours: "", source: "http://jerseyeveningpost.com/news/2017/07/24/samaritans-launch-new-text-service/" }),
    },
    CountryHelp {
        country: "US",
        emergency: Line { name: "", number: "911", hours: "", source: "https://www.fcc.gov/consumer-information" },
        crisis: Some(Line { name: "988 Suicide & Crisis Lifeline", number: "988", hours: "", source: "https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline" }),
    },
    CountryHelp {
        country: "CA",
        emergency: Line { name: "", number: "911", hours: "", source: "https://mentalhealthcommission.ca/catalyst/988-launches-in-canada/" },
        crisis: Some(Line { name: "9-8-8: Suicide Crisis Helpline", number: "988", hours: "", source: "https://www.newswire.ca/news-releases/government-of-canada-launches-three-digit-suicide-crisis-helpline-896472116.html" }),
    },
    CountryHelp {
        country: "AU",
        emergency: Line { name: "", number: "000", hours: "", source: "https://ambulance.qld.gov.au/calling-an-ambulance" },
        crisis: Some(Line { name: "Lifeline", number: "13 11 14", hours: "", source: "https://www.suicidepreventionaust.org/october-member-of-the-month-lifeline/" }),
    },
    CountryHelp {
        country: "DK",
        emergency: Line { name: "", number: "112", hours: "", source: "https://politi.dk/kontakt-politiet/alarm-112" },
        crisis: Some(Line { name: "Livslinien", number: "7020 1201", hours: "", source: "https://cphpost.dk/2015-10-26/news/suicide-prevention-lifeline-gets-funding-to-stay-open-at-night/" }),
    },
    CountryHelp {
        country: "SE",
        emergency: Line { name: "", number: "112", hours: "", source: "https://krisinformation.se/English/in-case-of-an-accident" },
        crisis: Some(Line { name: "Mind Självmordslinjen", number: "90101", hours: "", source: "https://newsroom.notified.com/mind-1/posts/pressreleases/vasterbotten-har-bast-psykisk-halsa-enligt-mi" }),
    },
    CountryHelp {
        country: "NO",
        emergency: Line { name: "", number: "113", hours: "", source: "https://www.helsenorge.no/nn/forstehjelp/ring-113/" },
        crisis: Some(Line { name: "Mental Helse Hjelpetelefonen", number: "116 123", hours: "", source: "https://helsenorge.no/sykdom/psykiske-lidelser/depresjon/selvmord-og-selvmordstanker" }),
    },
    CountryHelp {
        country: "FI",
        emergency: Line { name: "", number: "112", hours: "", source: "https://112.fi/ekasikirja-hatanumero-112" },
        crisis: Some(Line { name: "MIELI Kriisipuhelin", number: "09 2525 0111", hours: "", source: "http://mieli.fi/helpline" }),
    },
    CountryHelp {
        country: "DE",
        emergency: Line { name: "", number: "112", hours: "", source: "https://verwaltungsportal.hessen.de/leistung?leistung_id=B100019_102837939&regschl=010550018018" },
        crisis: Some(Line { name: "TelefonSeelsorge", number: "0800 111 0 111", hours: "", source: "https://www.domradio.de/glossar/telefonseelsorge-0" }),
    },
    CountryHelp {
        country: "AT",
        emergency: Line { name: "", number: "144", hours: "", source: "http://www.wien.gv.at/rettung/notruf.html" },
        crisis: Some(Line { name: "TelefonSeelsorge", number: "142", hours: "", source: "https://www.katholisch.at/telefonseelsorge" }),
    },
    CountryHelp {
        country: "CH",
        emergency: Line { name: "", number: "144", hours: "", source: "https://stadt-zuerich.ch/web/de/stadtleben/notfall/notrufe/notruf-144.html" },
        crisis: Some(Line { name: "Die Dargebotene Hand / La Main Tendue", number: "143", hours: "", source: "https://www.bag-blueprint.ch/die-dargebotene-hand-tel-143" }),
    },
    CountryHelp {
        country: "NL",
        emergency: Line { name: "", number: "112", hours: "", source: "http://www.wittekruis.nl/112-en-dan/1081" },
        crisis: Some(Line { name: "113 Zelfmoordpreventie", number: "113", hours: "", source: "https://www.113.nl/schoolopdracht" }),
    },
    CountryHelp {
        country: "BE",
        emergency: Line { name: "", number: "112", hours: "", source: "https://www.aalter.be/noodoproepen" },
        crisis: Some(Line { name: "Zelfmoordlijn 1813", number: "1813", hours: "", source: "https://zelfmoordlijn1813.be/over-deze-website-en-de-organisaties" }),
    },
    CountryHelp {
        country: "IT",
        emergency: Line { name: "", number: "112", hours: "", source: "https://www.logosnews.it/node/95877" },
        crisis: Some(Line { name: "Telefono Amico Italia", number: "02 2327 2327", hours: "9:00–24:00", source: "https://www.giornaledibrescia.it/cronaca/telefono-amico-numero-aiuto-aprile-notte-nv32wmcr" }),
    },
    CountryHelp {
        country: "JP",
        emergency: Line { name: "", number: "119", hours: "", source: "https://tabunka.tokyo-tsunagari.or.jp/useful/guide_plain/accident/01.html" },
        crisis: Some(Line { name: "いのちの電話", number: "0120-783-556", hours: "16:00–21:00", source: "https://www.city.akiruno.tokyo.jp/0000015267.html" }),
    },
    CountryHelp {
        country: "HK",
        emergency: Line { name: "", number: "999", hours: "", source: "http://www.hkfsd.gov.hk/eng/source/safety/uambu.htm" },
        crisis: Some(Line { name: "The Samaritan Befrienders Hong Kong", number: "2389 2222", hours: "", source: "https://csrp.hku.hk/getting-help/" }),
    },
    CountryHelp {
        country: "UG",
        emergency: Line { name: "", number: "112", hours: "", source: "https://www.howwebiz.ug/news/national/16767/police-issues-toll-free-lines-for-martyrs-day-emergencies" },
        crisis: None,
    },
];
