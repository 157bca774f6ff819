//! The customer-intelligence types that cross into the UI: scores, segments, the customer list
//! and page, and model health. Stored runs are kept as this JSON, so these also deserialise.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dto::{HoldoutRow, Money};

/// Whether scores come from the statistical models or, on a store with too little history, from
/// simple rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScoreMode {
    Models,
    Rules,
}

/// Where a customer stands, in the owner's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomerStatus {
    /// Never ordered (a subscriber or a browser).
    NoOrders,
    /// First order in the last 30 days.
    New,
    /// Ordering as usual.
    Active,
    /// Past their usual reorder date, still likely to come back.
    Due,
    /// Churn risk at or above 50%.
    AtRisk,
    /// Churn risk at or above 80%: probably gone.
    Lapsed,
    /// Buys in the same season every year; not churned, due in `seasonal_month`.
    Seasonal,
}

/// A comparison in a segment rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RuleOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// One condition of a custom segment: `field op value`. Numeric fields take a number (money in
/// major units, shares and probabilities as 0–1); `status` and `segment` take their names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentRule {
    /// One of [`RuleField::ALL`]'s names.
    pub field: String,
    pub op: RuleOp,
    pub value: String,
}

/// A field a rule may test, with the words the editor shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RuleField {
    pub name: String,
    pub label: String,
    /// "number", "money", "share" (0–1 shown as %), "days" or "choice".
    pub kind: String,
    /// For "choice": the allowed values.
    pub choices: Vec<String>,
}

/// A segment and how many customers are in it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentSize {
    /// "a", "b", "c", "other" for the built-in ones; "custom-<n>" for saved rule segments.
    pub id: String,
    pub name: String,
    pub description: String,
    pub builtin: bool,
    #[ts(type = "number")]
    pub customers: u64,
    /// All rules must hold (custom segments only).
    pub rules: Vec<SegmentRule>,
}

/// One bar of a score histogram: customers with `from ≤ score < to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistogramBin {
    pub from: f64,
    pub to: f64,
    #[ts(type = "number")]
    pub customers: u64,
}

/// The distribution of one score over customers with orders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Histogram {
    /// "churn_risk", "full_price_probability", "clv", "expected_orders_90d".
    pub score: String,
    pub label: String,
    /// "share" or "money" or "number": how to print the bin edges.
    pub kind: String,
    pub bins: Vec<HistogramBin>,
}

/// Customers per status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    pub status: CustomerStatus,
    #[ts(type = "number")]
    pub customers: u64,
}

/// One point of a calibration curve: customers whose predicted probability fell in a band, the
/// mean prediction and the share that actually did it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CalibrationBin {
    pub predicted: f64,
    pub actual: f64,
    #[ts(type = "number")]
    pub customers: u64,
}

/// How well the full-price model separates and calibrates on the held-out period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PropensityReport {
    /// Days after a reminder date within which a full-price order counts.
    pub window_days: u32,
    /// Trained on customers as of `train_date`, tested as of `test_date` (YYYY-MM-DD).
    pub train_date: String,
    pub test_date: String,
    #[ts(type = "number")]
    pub train_customers: u64,
    #[ts(type = "number")]
    pub test_customers: u64,
    /// Area under the ROC curve on the test period (0.5 = guessing, 1 = perfect).
    pub auc: f64,
    pub calibration: Vec<CalibrationBin>,
    /// Feature names and fitted weights (on standardised features), largest first.
    pub weights: Vec<FeatureWeight>,
}

/// One feature's weight in the full-price model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FeatureWeight {
    pub feature: String,
    pub weight: f64,
}

/// How well "next logical purchase" recommendations did on each customer's held-out last order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecommendationReport {
    pub k: u32,
    #[ts(type = "number")]
    pub customers: u64,
    /// Share of customers whose last order held one of the top-k recommended products.
    pub hit_rate: f64,
    /// The same for the k best sellers, for comparison.
    pub popular_hit_rate: f64,
}

/// Fitted BG/NBD parameters (weeks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BgNbdParams {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
}

/// A monthly check of the models: fitted on data up to `calibration_end`, their predictions
/// for the period after it compared with what customers actually did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HealthCheck {
    /// RFC 3339.
    pub checked_at: String,
    /// YYYY-MM-DD.
    pub calibration_end: String,
    pub holdout_end: String,
    pub rows: Vec<HoldoutRow>,
    pub predicted_total: f64,
    #[ts(type = "number")]
    pub actual_total: u64,
    /// (predicted − actual) ÷ actual, for all customers together.
    pub error: f64,
    /// True when the error is beyond ±20%.
    pub drifted: bool,
    /// What this means, in plain words.
    pub message: String,
}

/// The Model health screen: the latest check and the history of their errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModelHealth {
    pub latest: Option<HealthCheck>,
    pub history: Vec<HealthPoint>,
}

/// One past check, for the trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HealthPoint {
    pub checked_at: String,
    pub error: f64,
    pub drifted: bool,
}

/// The result of scoring every customer (`storeloop score`), kept until the next run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreSummary {
    /// RFC 3339.
    pub scored_at: String,
    pub seconds: f64,
    pub mode: ScoreMode,
    /// Why the simpler rules are used, or what to be careful of; null when the models are sure.
    pub caution: Option<String>,
    pub currency: String,
    #[ts(type = "number")]
    pub customers: u64,
    #[ts(type = "number")]
    pub customers_with_orders: u64,
    #[ts(type = "number")]
    pub repeat_customers: u64,
    #[ts(type = "number")]
    pub history_days: u64,
    pub bgnbd: Option<BgNbdParams>,
    pub gamma_gamma: Option<super::dto::GammaGammaParams>,
    pub propensity: Option<PropensityReport>,
    pub recommendations: Option<RecommendationReport>,
    /// Orders expected from existing customers in the next 90 days, with an 80% interval (the
    /// fitted parameters' uncertainty and the orders' own randomness).
    pub expected_orders_90d: f64,
    pub expected_orders_90d_low: f64,
    pub expected_orders_90d_high: f64,
    /// Sum of every customer's 12-month discounted expected margin.
    pub total_clv: Money,
    pub segments: Vec<SegmentSize>,
    pub statuses: Vec<StatusCount>,
    pub histograms: Vec<Histogram>,
    pub health: Option<HealthCheck>,
}

/// A reason behind a score, in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reason {
    /// Which score it explains: "churn_risk", "full_price_probability", "segment", "next_order".
    pub score: String,
    pub text: String,
}

/// One line of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerRow {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub email: String,
    #[ts(type = "number")]
    pub orders: u64,
    /// YYYY-MM-DD in the store's time zone.
    pub last_order: Option<String>,
    pub revenue: Money,
    pub churn_risk: Option<f64>,
    pub full_price_probability: Option<f64>,
    pub clv: Option<Money>,
    pub status: CustomerStatus,
    /// "Seasonal, due in December", "Due since 3 March", "Active" …
    pub status_label: String,
    /// Built-in segment id: "a", "b", "c" or "other".
    pub segment: String,
}

/// How the list is asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerQuery {
    /// Matches name or email, case-insensitively; empty for all.
    pub search: String,
    /// A segment id, or null for everyone.
    pub segment: Option<String>,
    /// "name", "orders", "last_order", "revenue", "churn_risk", "full_price_probability", "clv".
    pub sort: String,
    pub descending: bool,
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
}

/// A page of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerPage {
    pub rows: Vec<CustomerRow>,
    /// Customers matching the query in all.
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
}

/// A product recommended as this customer's next purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recommendation {
    pub product: String,
    pub handle: String,
    pub category: Option<String>,
    /// Expected margin of one unit.
    pub margin: Money,
    /// Why: "Often bought after Assam Breakfast (31% of the time)".
    pub reason: String,
}

/// One of the customer's orders, for their page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerOrderLine {
    pub number: String,
    /// YYYY-MM-DD in the store's time zone.
    pub date: String,
    pub revenue: Money,
    pub discount: Money,
    pub discount_code: Option<String>,
    #[ts(type = "number")]
    pub items: u64,
    pub cancelled: bool,
}

/// The customer page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerDetail {
    pub row: CustomerRow,
    pub consent: String,
    pub consent_source: Option<String>,
    /// YYYY-MM-DD.
    pub customer_since: String,
    pub p_alive: Option<f64>,
    pub expected_orders_90d: Option<f64>,
    /// 80% interval of the 90-day expectation from the parameters' uncertainty.
    pub expected_orders_90d_low: Option<f64>,
    pub expected_orders_90d_high: Option<f64>,
    pub expected_orders_365d: Option<f64>,
    pub expected_order_value: Option<Money>,
    /// Usual days between orders, and how that was worked out.
    pub reorder_days: Option<f64>,
    pub reorder_basis: Option<String>,
    /// YYYY-MM-DD.
    pub next_order_date: Option<String>,
    /// 1–12 when the customer buys seasonally.
    pub seasonal_month: Option<u32>,
    pub reasons: Vec<Reason>,
    pub recommendations: Vec<Recommendation>,
    pub orders: Vec<CustomerOrderLine>,
    /// Null until the customers have been scored.
    pub scored_at: Option<String>,
    pub mode: Option<ScoreMode>,
}

/// What a segment editor's live count returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SegmentPreview {
    #[ts(type = "number")]
    pub customers: u64,
    /// Up to five example customers.
    pub examples: Vec<CustomerRow>,
}
