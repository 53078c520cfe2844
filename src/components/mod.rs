//! Small pieces used by several pages.

mod error_summary;
mod evidence;
mod fetch_error;
mod field_error;
mod help_now;
pub mod language;
pub mod later;
mod loading;
mod media;
mod testimonials;
mod waits_for_app;

pub use error_summary::ErrorSummary;
pub use evidence::PublicEvidence;
pub use fetch_error::FetchErrorMessage;
pub use field_error::{described_by, error_id, field_error, FieldError, FieldErrors};
pub use help_now::HelpNow;
pub use language::{DraftNote, LanguageFromUrl, LanguageMenu, RedrawOnLanguageChange};
pub use later::Later;
pub use loading::Loading;
pub use media::use_media_query;
pub use testimonials::Testimonials;
pub use waits_for_app::{waiting_button, WaitsForApp};
