//! Small pieces used by several pages.

mod fetch_error;
mod loading;
mod media;

pub use fetch_error::FetchErrorMessage;
pub use loading::Loading;
pub use media::use_media_query;
