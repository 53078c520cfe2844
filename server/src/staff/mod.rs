//! The staff side's API: sign-in and sessions, accounts, the enquiries
//! inbox, survey results and testimonials. Every handler takes [`Staff`]
//! or [`Team`] first, so no request reaches it without the right session.

pub mod accounts;
pub mod colleges;
pub mod inbox;
pub mod results;
pub mod session;
pub mod summary;

pub use session::{SessionConfig, Sessions, Staff, Team};
