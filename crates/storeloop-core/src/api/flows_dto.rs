//! The flow types that cross into the UI: a flow's graph in plain words, its dry run, the
//! guardrail settings, the decision ledger (audit trail), tasks for a person and the kill switch.
//! Dry-run reports and guardrail settings are stored as this JSON, so these also deserialise.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dto::{FlowSummary, Money};

/// One way out of a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlowEdge {
    pub to: String,
    /// What takes this way ("segment A", "no view in 2 days", "arm B (50%)"); empty when it is the
    /// only way.
    pub label: String,
}

/// A node of the flow as the canvas draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlowNodeView {
    pub id: String,
    /// wait, wait_window, wait_event, split, ab, email, offer, task or exit.
    pub kind: String,
    /// In words: "Wait 1 hour", "Send “Still thinking it over?”".
    pub title: String,
    /// A second line: the template, the window, the timeout.
    pub detail: String,
    pub edges: Vec<FlowEdge>,
}

/// Whether the current version needs an owner's approval before it may go live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlowApproval {
    /// Why approval is needed (empty: it is not).
    pub reasons: Vec<String>,
    pub approved_by: Option<String>,
    /// RFC 3339.
    pub approved_at: Option<String>,
}

/// How many enrolments reached a node in a dry run, and what happened there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NodeCount {
    pub node: String,
    pub reached: u64,
    /// Emails sent (customers not in the holdout).
    pub sent: u64,
    /// Emails the holdout would have been sent.
    pub would_send: u64,
    /// Held or skipped by a guardrail.
    pub held: u64,
}

/// Sends on one day of a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayCount {
    /// YYYY-MM-DD in the store's time zone.
    pub day: String,
    pub sent: u64,
    pub would_send: u64,
}

/// A reason and how often it came up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReasonCount {
    pub reason: String,
    pub count: u64,
}

/// What a flow would have done over the last `days` days of the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DryRunReport {
    pub slug: String,
    pub version: u32,
    pub days: u32,
    /// RFC 3339.
    pub from: String,
    pub to: String,
    /// RFC 3339: when the dry run ran.
    pub ran_at: String,
    /// Times the trigger fired for a customer.
    pub triggered: u64,
    /// Enrolments started (after entry filters).
    pub entered: u64,
    /// Of those, in the holdout.
    pub holdout: u64,
    pub nodes: Vec<NodeCount>,
    pub per_day: Vec<DayCount>,
    pub emails_sent: u64,
    pub discounts: u64,
    /// What the discounts would cost at the carts' or orders' value.
    pub discount_cost: Money,
    /// Guardrail holds and refusals by reason.
    pub holds: Vec<ReasonCount>,
    /// How enrolments ended, by reason.
    pub endings: Vec<ReasonCount>,
    /// Triggers turned away at entry, by reason ("no marketing consent").
    pub not_entered: Vec<ReasonCount>,
    /// Things the owner should know about what the replay could and could not see.
    pub notes: Vec<String>,
}

/// A flow with its graph, approval and latest dry run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FlowDetail {
    pub summary: FlowSummary,
    /// The trigger in words.
    pub trigger: String,
    /// Entry filters in words.
    pub entry: Vec<String>,
    /// Exit conditions in words.
    pub exits: Vec<String>,
    pub start: String,
    pub nodes: Vec<FlowNodeView>,
    pub approval: FlowApproval,
    /// The latest dry run of the current version, if any.
    pub dry_run: Option<DryRunReport>,
    /// Enrolments now in the flow.
    pub active: u64,
    /// What this flow has done live, by decision.
    pub live: Vec<ReasonCount>,
}

/// The guardrails every send passes, store-wide. A flow may tighten them, never loosen them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GuardrailSettings {
    /// At most this many marketing emails per customer …
    pub frequency_cap: u32,
    /// … in this many days, across all flows.
    pub frequency_days: u32,
    /// No marketing email between these local hours of the customer (start > end wraps midnight).
    pub quiet_start_hour: u32,
    pub quiet_end_hour: u32,
    /// The deepest discount any flow may give (percent).
    pub max_discount_percent: u32,
    /// What discounts may cost per week, all flows together.
    pub weekly_discount_budget: Money,
    /// The margin an order must keep after the discount (percent of the discounted price).
    pub min_margin_percent: u32,
    /// Customers who usually pay full price (segment A) are never given a discount.
    pub no_discount_for_segment_a: bool,
    /// No new offer while an earlier one (from any flow) is still open.
    pub no_stacking: bool,
    /// Stop mailing customers who have not opened or clicked in this many days (0: never).
    pub engagement_days: u32,
    /// A flow pauses itself when this share of its recipients unsubscribe …
    pub auto_pause_unsubscribe_percent: f64,
    /// … or complain.
    pub auto_pause_complaint_percent: f64,
    /// A step later than this (after sleep or a long hold) is skipped, not sent late.
    pub max_late_hours: u32,
    /// The global kill switch: nothing is sent by any flow.
    pub kill_all: bool,
    /// Product categories no email shows or recommends.
    #[serde(default)]
    pub excluded_categories: Vec<String>,
}

/// One decision of the ledger (the audit trail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub flow: Option<String>,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub customer: Option<String>,
    pub node: Option<String>,
    /// entered, not_entered, step, sent, would_send, held, skipped, offer, task, exited, paused …
    pub decision: String,
    pub reason: String,
    pub holdout: bool,
}

/// Filters on the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionQuery {
    pub flow: Option<String>,
    #[ts(type = "number | null")]
    pub customer_id: Option<i64>,
    pub decision: Option<String>,
    /// Words in the reason.
    pub search: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

/// A page of the ledger, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionPage {
    pub entries: Vec<DecisionEntry>,
    #[ts(type = "number")]
    pub total: i64,
}

/// A follow-up for a person (an open support ticket paused marketing, a flow's task step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub customer_id: i64,
    pub customer: String,
    pub flow: Option<String>,
    pub text: String,
    /// RFC 3339.
    pub created_at: String,
    pub done_at: Option<String>,
}

/// What one scheduler tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TickReport {
    /// RFC 3339.
    pub at: String,
    /// Store happenings read since the last tick.
    pub inputs: u64,
    pub entered: u64,
    pub steps: u64,
    pub queued: u64,
    pub held: u64,
    pub exited: u64,
    /// Flows paused automatically this tick, with why.
    pub paused: Vec<String>,
}

/// The kill switch: everything, or these flows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KillState {
    pub all: bool,
    pub flows: Vec<String>,
    /// Flow emails waiting in the outbox, held until someone resumes.
    pub held_messages: u64,
}

/// A built-in email template a flow's email step may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlowTemplate {
    pub name: String,
    /// Its first line, in words ("Still thinking it over?").
    pub headline: String,
    /// Whether it shows a product (needs approval on a store with regulated products).
    pub shows_products: bool,
}

/// A scheduler tick that failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TickFailure {
    /// RFC 3339.
    pub at: String,
    pub message: String,
}

/// How the automatic runs are going: the last one, and a failure since, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SchedulerStatus {
    pub last_tick: Option<TickReport>,
    /// The newest failure, when it came after the last successful tick.
    pub failure: Option<TickFailure>,
}
