//! Measurement: did a flow make money that would not have come anyway? `lift.rs` is the
//! statistics (GrowthBook's frequentist method, CUPED, power).

pub mod lift;
pub mod table;
