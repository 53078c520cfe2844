//! Small pieces used by several pages.

mod error_summary;
mod fetch_error;
mod loading;
mod media;

pub use error_summary::ErrorSummary;
pub use fetch_error::FetchErrorMessage;
pub use loading::Loading;
pub use media::use_media_query;
