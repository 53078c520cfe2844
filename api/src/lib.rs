//! API types and validation rules, compiled by both the browser app and the
//! server so that each rule is written once. One module per feature, named
//! as on every side: `colleges`, `surveys`, `enquiries`, `accounts`.

pub mod accounts;
pub mod colleges;
pub mod countries;
pub mod csv;
pub mod dates;
pub mod email;
pub mod enquiries;
pub mod geo;
pub mod help_now;
pub mod languages;
pub mod paths;
pub mod problem;
pub mod query_string;
pub mod routes;
pub mod surveys;
pub mod text;

pub use colleges::places::Place;
pub use colleges::query::{CollegeQuery, Sort};
pub use colleges::stats::{CountryCount, Stats};
pub use colleges::{
    College, CollegeList, CollegeStatus, CollegeSummary, Delivery, Enrolment, LastChange,
    LocationPrecision, MapConfig, MapPoint, MapPoints, Sharing,
};
pub use geo::GeoPoint;
pub use problem::{FieldError, Problem};
