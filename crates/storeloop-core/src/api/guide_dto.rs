//! Guidance's types that cross into the UI and the command line: the workflow map, the WORKFLOW
//! checklist, the 14-day rollout and the QA walk.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dto::Money;

/// One of the store's three revenue moments, with the store's own numbers (last 365 days).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RevenueMoment {
    /// `first_purchase`, `second_purchase` or `win_back`.
    pub key: String,
    pub title: String,
    /// Customers who had this moment in the last 365 days.
    #[ts(type = "number")]
    pub customers: u64,
    /// Revenue of the orders that were this moment.
    pub revenue: Money,
    /// Share of the year's revenue (0–1).
    pub share: f64,
    /// One sentence with the numbers that matter for it.
    pub detail: String,
    /// What usually starts it, in plain words (a suggestion the owner may change).
    pub trigger: String,
    /// Who gets what, today (a suggestion).
    pub decision: String,
    /// The decision here that usually rests on gut feel.
    pub gut_feel: String,
    /// The playbooks that serve it, best first.
    pub playbooks: Vec<String>,
    /// Signals in the last 30 days the playbooks start from (abandoned checkouts, product
    /// views, first orders, lapsed customers).
    #[ts(type = "number")]
    pub signals_30d: u64,
}

/// One moment as the owner mapped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MappedMoment {
    pub key: String,
    pub trigger: String,
    pub decision: String,
}

/// The finished mapping exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkflowMap {
    /// The three moments, each with its trigger and decision.
    pub moments: Vec<MappedMoment>,
    /// The moment whose decision rests on gut feel today: the AI candidate.
    pub ai_candidate: String,
    /// The playbook the first flow starts from (it must serve one of the moments).
    pub playbook: String,
    /// Guardrail 1: at most this many marketing emails per person in 7 days.
    pub frequency_cap: u32,
    /// Guardrail 2: no discount deeper than this.
    pub max_discount_percent: u32,
    /// `margin_per_recipient`, `revenue_per_recipient` or `conversion`.
    pub success_metric: String,
    /// `unsubscribe_rate`, `complaint_rate`, `return_rate`, `discount_rate` or `margin_loss`.
    pub failure_metric: String,
    pub failure_threshold: f64,
    /// When it was saved (filled by the app).
    pub saved_at: Option<String>,
}

/// The mapping exercise: the store's moments and, once saved, the owner's map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MappingView {
    pub moments: Vec<RevenueMoment>,
    pub map: Option<WorkflowMap>,
    /// The flow the map became, when it has been saved.
    pub flow: Option<String>,
}

/// One WORKFLOW checklist item, as the app verified it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckItem {
    /// `outcome`, `observability`, `risk`, `knowledge`, `feedback`, `limits`, `ownership`, `fit`.
    pub key: String,
    /// "What outcome", "Observability" …
    pub title: String,
    /// The question it answers.
    pub question: String,
    pub passed: bool,
    /// What the app saw.
    pub evidence: Vec<String>,
    /// What is missing, and where to do it.
    pub missing: Vec<String>,
}

/// Someone's acknowledgement, with when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Acknowledgement {
    pub by: String,
    pub at: String,
    /// What was acknowledged (a finding's note, or the flow version for risks).
    pub note: String,
}

/// A launch with checklist items open, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LaunchOverride {
    pub version: u32,
    pub reason: String,
    /// The items that were open.
    pub open: Vec<String>,
    pub at: String,
}

/// A flow's WORKFLOW checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkflowChecklist {
    pub slug: String,
    pub version: u32,
    pub items: Vec<CheckItem>,
    /// Every item passed: the flow may go live without an override.
    pub passed: bool,
    /// What can go wrong with this version (to acknowledge under Risk).
    pub risks: Vec<String>,
    pub risks_acknowledged: Option<Acknowledgement>,
    pub last_override: Option<LaunchOverride>,
}

/// One thing a rollout step needs, verified by the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RolloutCheck {
    pub label: String,
    pub done: bool,
    /// What the app saw (or what is missing).
    pub evidence: String,
    /// Where in the app to do it (a hash route such as `#/flows/abandoned-cart`).
    pub place: Option<String>,
}

/// A step of the 14-day rollout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RolloutStep {
    /// `choose`, `audit`, `guardrails`, `build`, `measure`, `qa`, `launch`.
    pub key: String,
    pub first_day: u32,
    pub last_day: u32,
    /// Its calendar dates in the store's time zone (YYYY-MM-DD).
    pub first_date: String,
    pub last_date: String,
    pub title: String,
    pub why: String,
    /// `done`, `today`, `late` or `upcoming`.
    pub state: String,
    pub checks: Vec<RolloutCheck>,
}

/// A day of the first week live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonitorDay {
    pub date: String,
    /// Day of the rollout (15–21).
    pub day: u32,
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub held: u64,
    #[ts(type = "number")]
    pub unsubscribed: u64,
    #[ts(type = "number")]
    pub complaints: u64,
    /// Alerts raised for the flow that day.
    pub alerts: Vec<String>,
    /// When the owner went through the day's numbers (None: not yet).
    pub reviewed_at: Option<String>,
    /// `done`, `today`, `late` or `upcoming`.
    pub state: String,
}

/// The next workflow to add, from the store's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NextWorkflow {
    pub slug: String,
    pub name: String,
    pub why: String,
    /// From this date (a month after the first one went live).
    pub from_date: String,
}

/// The 14-day rollout, as verified today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rollout {
    /// The day it started (store time zone), None before it starts.
    pub started_on: Option<String>,
    /// Today's day of the rollout (1 on the start day; 0 before it starts).
    pub day: u32,
    pub today: String,
    /// The workflow being rolled out.
    pub flow: Option<String>,
    pub flow_name: Option<String>,
    pub steps: Vec<RolloutStep>,
    /// Live at partial volume with a holdout.
    pub launched: bool,
    pub live_percent: u32,
    pub monitoring: Vec<MonitorDay>,
    pub next: Option<NextWorkflow>,
    /// What today asks for, in one line (also the desktop notification).
    pub today_step: Option<String>,
    /// A flow is live already: the rollout panel may step aside.
    pub any_flow_live: bool,
}

/// A reminder for the desktop notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RolloutNotice {
    pub title: String,
    pub body: String,
}

/// One step of a test customer's way through a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WalkStep {
    /// Time since the trigger, in words ("after 1 hour").
    pub after: String,
    /// The step's id in the flow, when there is one.
    pub step: Option<String>,
    /// The decision's code (entered, sent, held, …) and its reason.
    pub decision: String,
    pub reason: String,
}

/// A test customer walked through a flow in one situation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WalkCase {
    /// `normal`, `no_consent`, `open_ticket`, `out_of_stock`.
    pub key: String,
    pub title: String,
    /// What should happen.
    pub expected: String,
    pub steps: Vec<WalkStep>,
    /// What did happen, in one sentence.
    pub outcome: String,
    pub passed: bool,
}

/// The QA walk of a flow version: a simulated cart or order and the edge cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QaWalk {
    pub slug: String,
    pub version: u32,
    pub at: String,
    pub cases: Vec<WalkCase>,
    pub passed: bool,
}

/// A flow email rendered with a test customer's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlowEmailPreview {
    pub step: String,
    pub subject: String,
    pub html: String,
    pub text: String,
}

/// What the QA step has verified for the flow's current version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QaState {
    pub slug: String,
    pub version: u32,
    /// The flow's email steps.
    pub emails: Vec<String>,
    pub walk: Option<QaWalk>,
    /// Test emails sent for this version: to whom and when.
    pub tests_to: Option<String>,
    pub tests_at: Option<String>,
    /// Email steps whose 375-px preview was shown for this version.
    pub previewed: Vec<String>,
}
