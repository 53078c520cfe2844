//! API types and validation rules, compiled by both the browser app and the
//! server so that each rule is written once.

pub mod college;
pub mod countries;
pub mod editing;
pub mod enquiry;
pub mod geo;
pub mod paths;
pub mod places;
pub mod problem;
pub mod query;
pub mod staff;
pub mod stats;
pub mod survey;
pub mod text;

pub use college::{
    College, CollegeList, CollegeSummary, Delivery, Enrolment, LocationPrecision, MapConfig,
    MapPoint, MapPoints,
};
pub use geo::GeoPoint;
pub use places::Place;
pub use problem::{FieldError, Problem};
pub use query::{CollegeQuery, Sort};
pub use stats::{CountryCount, Stats};
