//! The Recovery Colleges web app: a public directory of Recovery Colleges.

// The directory page's view type is deep; drawing it natively (the
// server's first HTML) needs more than the default 128.
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod fetch;
pub mod i18n;
pub mod json;
pub mod links;
pub mod map;
pub mod page;
pub mod pages;
pub mod routes;

pub use app::PublicApp;
