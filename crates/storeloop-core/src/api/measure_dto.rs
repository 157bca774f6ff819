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
    /// How many more recipients, both groups together in their current proportions, are needed
    /// for that, when there are not enough.
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

/// Margin, revenue and conversion lift within one customer group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentLift {
    pub segment: String,
    pub name: String,
    pub margin: LiftReport,
    pub revenue: LiftReport,
    pub conversion: LiftReport,
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
    /// Each A/B arm's treatment against the holdout customers given the same arm (the holdout
    /// goes through the same steps); empty when the flow has no A/B step.
    pub arms: Vec<ArmLift>,
    /// Week by week, by the week customers first entered.
    pub weeks: Vec<WeekPoint>,
    /// Customers entering the flow per week, lately.
    pub recipients_per_week: f64,
    pub last_click: LastClick,
    pub notes: Vec<String>,
}

/// One A/B arm measured against its own share of the holdout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArmLift {
    pub arm: String,
    pub margin: LiftReport,
    pub revenue: LiftReport,
}

/// One week of a flow, by the week its customers first entered (money in the major unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeekPoint {
    /// The week's first day (UTC), as YYYY-MM-DD.
    pub week_start: String,
    #[ts(type = "number")]
    pub treatment_recipients: u64,
    #[ts(type = "number")]
    pub holdout_recipients: u64,
    pub treatment_revenue_per_recipient: f64,
    pub holdout_revenue_per_recipient: f64,
    pub treatment_margin_per_recipient: f64,
    pub holdout_margin_per_recipient: f64,
    /// Discounts the treatment group redeemed in its windows.
    pub discount_spend: f64,
    #[ts(type = "number")]
    pub emails_sent: u64,
    #[ts(type = "number")]
    pub unsubscribes: u64,
    /// Margin per recipient lift over everyone who entered up to this week's end.
    pub cumulative_margin: Option<LiftInterval>,
}

/// Last-click revenue (orders that came through the flow's links) beside what the holdout
/// says the flow added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LastClick {
    #[ts(type = "number")]
    pub orders: u64,
    pub revenue: super::dto::Money,
    /// Revenue lift per recipient × treatment recipients, with its 95% interval (major unit).
    pub incremental_revenue: Option<LiftInterval>,
    /// Why the two differ, in one line.
    pub explanation: String,
}

/// One playbook's part of the demo store's flow history, with the truth that was planted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlayedFlow {
    pub slug: String,
    pub name: String,
    #[ts(type = "number")]
    pub emails_sent: u64,
    /// Orders placed only because of an email (the planted effect).
    #[ts(type = "number")]
    pub persuaded_orders: u64,
    /// Their margin, all together.
    pub persuaded_margin: super::dto::Money,
    #[ts(type = "number")]
    pub treatment_recipients: u64,
    /// The planted margin per treatment recipient, in the currency's major unit: what
    /// measurement should find within its interval.
    pub true_margin_per_recipient: f64,
}

/// What playing the playbooks over the demo store's recent history did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DemoFlowHistory {
    pub days: u32,
    pub from: String,
    pub to: String,
    pub flows: Vec<PlayedFlow>,
    /// Orders tagged with a flow's campaign because the customer came through its link.
    #[ts(type = "number")]
    pub last_click_orders: u64,
    #[ts(type = "number")]
    pub unsubscribes: u64,
}

/// What a flow is judged by: one success metric, one failure metric with its threshold, and
/// whether crossing it pauses the flow (the owner's choice; the mapping exercise sets these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FlowWatch {
    /// `margin_per_recipient`, `revenue_per_recipient` or `conversion`.
    pub success_metric: String,
    /// `unsubscribe_rate`, `complaint_rate`, `return_rate`, `discount_rate` or `margin_loss`.
    pub failure_metric: String,
    /// The failure metric's limit as a share (0.005 is 0.5%); unused for `margin_loss`, which
    /// fails when the margin lift is clearly below zero.
    pub failure_threshold: f64,
    pub pause_on_failure: bool,
}

/// A failure metric past its threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FlowAlert {
    pub slug: String,
    pub name: String,
    pub metric: String,
    /// The metric's value (a share, or the margin lift per recipient for `margin_loss`).
    pub value: f64,
    pub threshold: f64,
    pub at: String,
    /// Whether the flow was paused because of it.
    pub paused: bool,
    pub message: String,
}

/// One flow in the weekly digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DigestFlow {
    pub slug: String,
    pub name: String,
    pub status: String,
    /// Customers who entered in the last seven days.
    #[ts(type = "number")]
    pub new_recipients: u64,
    #[ts(type = "number")]
    pub emails_sent: u64,
    #[ts(type = "number")]
    pub unsubscribes: u64,
    /// The success metric's lift so far.
    pub success_metric: String,
    pub success: LiftReport,
    /// Incremental margin so far (margin lift × treatment recipients), major unit.
    pub incremental_margin: Option<LiftInterval>,
}

/// The week in one screen: what each flow did and what needs the owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeeklyDigest {
    pub from: String,
    pub to: String,
    pub currency: String,
    pub headline: String,
    pub flows: Vec<DigestFlow>,
    pub alerts: Vec<FlowAlert>,
}
