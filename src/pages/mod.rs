//! One module per route.

pub mod college;
pub mod colleges;
pub mod feedback;
pub mod home;
pub mod join;
pub mod not_found;
pub mod staff;
