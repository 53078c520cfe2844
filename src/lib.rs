//! The Recovery Colleges web app: a public directory of Recovery Colleges.

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
