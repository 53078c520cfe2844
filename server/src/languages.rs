//! The message catalogues (`locales/{tag}.json`), built into the server:
//! `GET /api/languages` lists each language with its translation's status,
//! read from the catalogue itself, so the staff pages, the README and the
//! files cannot disagree for long (a test compares them).

use api::languages::{Lang, LanguageInfo};
use axum::Json;

/// Each language's catalogue, as the app fetches it (the app's own, built
/// into it natively).
pub fn catalogue(lang: Lang) -> &'static str {
    recovery_colleges::i18n::catalogue(lang)
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

/// Whether `lang`'s translation is still a draft (not yet reviewed by a
/// fluent speaker), as its catalogue says; read once per language.
pub fn is_draft(lang: Lang) -> bool {
    static DRAFTS: std::sync::OnceLock<Vec<Lang>> = std::sync::OnceLock::new();
    DRAFTS
        .get_or_init(|| {
            Lang::ALL
                .into_iter()
                .filter(|l| info(*l).status == "draft")
                .collect()
        })
        .contains(&lang)
}

/// Every language of the public pages and surveys, with whether its
/// translation has been reviewed by a fluent speaker.
#[utoipa::path(get, path = "/api/languages", tag = "languages",
    responses((status = 200, description = "Every language, English first", body = Vec<LanguageInfo>)))]
pub async fn languages() -> Json<Vec<LanguageInfo>> {
    Json(Lang::ALL.into_iter().map(info).collect())
}
