//! The message catalogues (`locales/{tag}.json`), built into the server:
//! `GET /api/languages` lists each language with its translation's status,
//! read from the catalogue itself, so the staff pages, the README and the
//! files cannot disagree for long (a test compares them).

use api::languages::{Lang, LanguageInfo};
use axum::Json;

/// Each language's catalogue, as the app fetches it.
pub fn catalogue(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en.json"),
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

fn info(lang: Lang) -> LanguageInfo {
    let meta: serde_json::Value = serde_json::from_str(catalogue(lang))
        .ok()
        .and_then(|c: serde_json::Value| c.get("@meta").cloned())
        .unwrap_or_default();
    let status = meta
        .get("status")
        .and_then(|s| s.as_str())
        .unwrap_or("draft");
    LanguageInfo {
        lang,
        name: lang.name().to_string(),
        dir: lang.dir().to_string(),
        // Anything but a clear "reviewed" is a draft.
        status: if status == "reviewed" {
            "reviewed"
        } else {
            "draft"
        }
        .to_string(),
    }
}

/// Every language of the public pages and surveys, with whether its
/// translation has been reviewed by a fluent speaker.
#[utoipa::path(get, path = "/api/languages", tag = "languages",
    responses((status = 200, description = "Every language, English first", body = Vec<LanguageInfo>)))]
pub async fn languages() -> Json<Vec<LanguageInfo>> {
    Json(Lang::ALL.into_iter().map(info).collect())
}
