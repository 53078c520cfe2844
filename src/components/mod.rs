//! Small pieces used by several pages.

mod fetch_error;
mod loading;

pub use fetch_error::FetchErrorMessage;
pub use loading::Loading;
