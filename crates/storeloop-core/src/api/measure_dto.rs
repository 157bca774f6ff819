//! The measurement types that cross into the UI: lifts with their intervals and a verdict in
//! words.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A lift: the estimate, its 95% interval and the two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct LiftInterval {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    pub p_value: f64,
}

/// One group's size and mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupSummary {
    #[ts(type = "number")]
    pub recipients: u64,
    pub mean: f64,
}

/// The same lifts after CUPED (the pre-period's explained variance removed).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct CupedLift {
    pub theta: f64,
    pub absolute: LiftInterval,
    pub relative: Option<LiftInterval>,
}

/// Treatment against holdout for one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LiftReport {
    pub metric: String,
    pub holdout: GroupSummary,
    pub treatment: GroupSummary,
    /// Treatment minus holdout, per recipient.
    pub absolute: Option<LiftInterval>,
    /// (Treatment − holdout) / holdout; none when the holdout's mean is zero.
    pub relative: Option<LiftInterval>,
    pub cuped: Option<CupedLift>,
    /// The absolute lift's interval excludes zero (p < 0.05), with at least 30 recipients a group.
    pub significant: bool,
    /// A clear result, or enough recipients to tell a 10% lift from noise (80% power).
    pub enough_data: bool,
    /// How many more recipients each group needs for that, when there are not enough.
    #[ts(type = "number | null")]
    pub more_recipients_needed: Option<u64>,
    /// The answer in one sentence.
    pub verdict: String,
}

/// One group's rates over the conversion window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupRates {
    #[ts(type = "number")]
    pub recipients: u64,
    /// Share of recipients who ordered in the window.
    pub conversion_rate: f64,
    /// Share of their orders that used a discount.
    pub discount_rate: f64,
    /// What those discounts cost.
    pub discount_cost: super::dto::Money,
    /// Refunded units ÷ units sold.
    pub return_rate: f64,
    /// Revenue (items − discounts) of their orders in the window.
    pub revenue: super::dto::Money,
}

/// Margin lift within one customer group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentLift {
    pub segment: String,
    pub name: String,
    pub margin: LiftReport,
}

/// Did a flow make money that would not have come anyway?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FlowMeasurement {
    pub slug: String,
    pub name: String,
    pub window_days: u32,
    pub currency: String,
    pub treatment: GroupRates,
    pub holdout: GroupRates,
    /// Ordered in the window (0 or 1 per recipient).
    pub conversion: LiftReport,
    /// Revenue per recipient, in the currency's major unit.
    pub revenue: LiftReport,
    /// Contribution margin per recipient (revenue − unit costs − shipping cost − refunds), major unit.
    pub margin: LiftReport,
    #[ts(type = "number")]
    pub emails_sent: u64,
    /// Per email delivered.
    pub unsubscribe_rate: f64,
    pub complaint_rate: f64,
    /// Discounts redeemed in the window by treated customers the model expected to pay full price
    /// (group A), and what they cost.
    #[ts(type = "number")]
    pub leakage_orders: u64,
    pub leakage_cost: super::dto::Money,
    pub segments: Vec<SegmentLift>,
    pub notes: Vec<String>,
}
