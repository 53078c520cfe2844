//! Staff accounts and sign-in: sessions (with the [`Staff`] and [`Team`]
//! extractors every staff handler takes first), password hashing, the
//! accounts themselves, and the staff home page's summary. Staff is an
//! audience, not a feature: what staff read and change lives with each
//! feature (`colleges`, `surveys`, `enquiries`), which calls in here only
//! to know who is asking.

pub mod manage;
pub mod password;
pub mod session;
pub mod summary;

pub use manage::names;
pub use session::{SessionConfig, Sessions, Staff, Team};
