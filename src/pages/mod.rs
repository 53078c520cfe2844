//! The pages, one folder per feature as in the `api` crate and the server:
//! `colleges` (the directory and a college's page), `surveys` (the feedback
//! survey, served at `/feedback/…`), `enquiries` (the enquiry form and the
//! directory suggestion form, served at `/join/…`); `home` and `not_found`;
//! and `staff`, the staff app's pages (an audience with its own bundle).

pub mod colleges;
pub mod enquiries;
pub mod home;
pub mod not_found;
pub mod staff;
pub mod surveys;
