//! Flow definitions: a trigger, entry filters, exit conditions and a graph of steps, kept as
//! versioned JSON. `validate` refuses what cannot run — a cycle, a wait of zero or of years, A/B
//! weights that do not add up, a template or segment that does not exist — naming the node.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

/// What starts an enrolment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(rename = "FlowTrigger")]
pub enum Trigger {
    CheckoutAbandoned,
    ProductViewedWithoutAdd,
    OrderPlaced,
    OrderFulfilled,
    OrderDelivered,
    TicketOpened,
    TicketClosed,
    /// A score crossed a threshold (e.g. churn_risk above 0.7).
    ScoreCrossed {
        score: String,
        above: f64,
    },
    /// The customer's expected reorder date was reached.
    ReorderDue,
}

/// What ends an enrolment early; checked before every step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "FlowExit")]
pub enum ExitWhen {
    Ordered,
    Unsubscribed,
    TicketOpened,
}

/// A condition on the customer: a field of the segment rules (`orders`, `churn_risk`, `segment`,
/// `consent` …), a comparison and a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "FlowCondition")]
pub struct Condition {
    pub field: String,
    pub op: String,
    pub value: String,
}

/// One branch of a conditional split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "FlowBranch")]
pub struct Branch {
    /// The built-in group ("a", "b", "c", "other") or a custom segment id.
    #[serde(default)]
    pub segment: Option<String>,
    /// Or: an event that happened since entry ("product_viewed" …).
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    pub next: String,
}

/// One arm of an A/B/n split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "FlowArm")]
pub struct Arm {
    pub name: String,
    /// Percent; the arms add up to 100.
    pub weight: u32,
    pub next: String,
}

/// A step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(rename = "FlowStep")]
pub enum Step {
    /// Wait a duration.
    Wait {
        minutes: u64,
        next: String,
    },
    /// Wait until the customer's local time is inside a window (hours 0–23).
    WaitWindow {
        from_hour: u8,
        to_hour: u8,
        next: String,
    },
    /// Wait for an event, at most `timeout_minutes`.
    WaitEvent {
        event: String,
        timeout_minutes: u64,
        next: String,
        timeout_next: String,
    },
    /// Go down the first branch that matches, else `otherwise`.
    Split {
        branches: Vec<Branch>,
        otherwise: String,
    },
    /// Random but stable assignment by weight.
    Ab {
        arms: Vec<Arm>,
    },
    /// Send an email: a template and approved copy variants.
    Email {
        template: String,
        subject: String,
        #[serde(default)]
        variants: Vec<String>,
        next: String,
    },
    /// Give an offer from the discount policy (percent off).
    Offer {
        percent: u32,
        next: String,
    },
    /// A task for a person.
    Task {
        text: String,
        next: String,
    },
    Exit,
}

impl Step {
    /// The steps this one can go to.
    pub fn successors(&self) -> Vec<&str> {
        match self {
            Step::Wait { next, .. }
            | Step::WaitWindow { next, .. }
            | Step::Email { next, .. }
            | Step::Offer { next, .. }
            | Step::Task { next, .. } => vec![next.as_str()],
            Step::WaitEvent { next, timeout_next, .. } => vec![next.as_str(), timeout_next.as_str()],
            Step::Split { branches, otherwise } => {
                branches.iter().map(|b| b.next.as_str()).chain(std::iter::once(otherwise.as_str())).collect()
            }
            Step::Ab { arms } => arms.iter().map(|a| a.next.as_str()).collect(),
            Step::Exit => Vec::new(),
        }
    }
}

/// A node: an id and its step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "FlowNode")]
pub struct Node {
    pub id: String,
    #[serde(flatten)]
    pub step: Step,
}

/// A flow definition (one version of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "FlowDefinition")]
pub struct Flow {
    /// Short stable name, used on the command line ("abandoned-cart").
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub trigger: Trigger,
    #[serde(default)]
    pub entry: Vec<Condition>,
    #[serde(default)]
    pub exit: Vec<ExitWhen>,
    /// Share of entrants held back for measurement (percent, default 10).
    #[serde(default = "default_holdout")]
    pub holdout_percent: u32,
    pub start: String,
    pub nodes: Vec<Node>,
    /// Where this flow is stricter than the store's guardrails.
    #[serde(default, skip_serializing_if = "super::guard::FlowGuardrails::is_empty")]
    pub guardrails: super::guard::FlowGuardrails,
}

fn default_holdout() -> u32 {
    10
}

/// Longest wait a step may have: a year.
pub const MAX_WAIT_MINUTES: u64 = 365 * 24 * 60;

/// Why a flow cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    #[error("The flow file is not a flow definition: {0}")]
    Format(String),
    #[error("Node `{node}`: {why}")]
    Node { node: String, why: String },
    #[error("{0}")]
    Flow(String),
}

fn node_err(node: &str, why: impl Into<String>) -> FlowError {
    FlowError::Node { node: node.to_owned(), why: why.into() }
}

/// What exists outside the flow that it may name.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub templates: HashSet<String>,
    pub segments: HashSet<String>,
}

impl Flow {
    /// Reads a definition from JSON.
    pub fn from_json(text: &str) -> Result<Flow, FlowError> {
        serde_json::from_str(text)
            .map_err(|e| FlowError::Format(format!("line {}, column {}: {e}", e.line(), e.column())))
    }

    /// Checks everything that would stop the flow from running, naming the node.
    pub fn validate(&self, known: &Known) -> Result<(), FlowError> {
        let slug_ok = !self.slug.is_empty()
            && self.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            return Err(FlowError::Flow(format!(
                "The flow's slug `{}` must be lower-case letters, digits and dashes.",
                self.slug
            )));
        }
        if self.name.trim().is_empty() {
            return Err(FlowError::Flow("The flow needs a name.".into()));
        }
        if self.holdout_percent > 50 {
            return Err(FlowError::Flow(format!(
                "A holdout of {}% is more than half; use at most 50%.",
                self.holdout_percent
            )));
        }
        if let Trigger::ScoreCrossed { score, above } = &self.trigger {
            let numeric = matches!(
                score.as_str(),
                "churn_risk"
                    | "p_alive"
                    | "full_price_probability"
                    | "expected_orders_90d"
                    | "clv"
                    | "orders"
                    | "revenue"
                    | "discount_share"
            );
            if !numeric || !above.is_finite() {
                return Err(FlowError::Flow(format!(
                    "The trigger watches `{score}` above {above}: use a score (churn_risk, p_alive, full_price_probability, expected_orders_90d, clv, orders, revenue, discount_share) and a number."
                )));
            }
        }
        let mut by_id: HashMap<&str, &Node> = HashMap::new();
        for n in &self.nodes {
            if n.id.trim().is_empty() {
                return Err(FlowError::Flow("A node has no id.".into()));
            }
            if by_id.insert(n.id.as_str(), n).is_some() {
                return Err(node_err(&n.id, "two nodes have this id"));
            }
        }
        if !by_id.contains_key(self.start.as_str()) {
            return Err(FlowError::Flow(format!("The flow starts at `{}`, which is not a node.", self.start)));
        }
        for n in &self.nodes {
            for next in n.step.successors() {
                if !by_id.contains_key(next) {
                    return Err(node_err(&n.id, format!("goes to `{next}`, which is not a node")));
                }
            }
            match &n.step {
                Step::Wait { minutes, .. } => {
                    if *minutes == 0 {
                        return Err(node_err(&n.id, "waits 0 minutes; remove the wait or give it a length"));
                    }
                    if *minutes > MAX_WAIT_MINUTES {
                        return Err(node_err(
                            &n.id,
                            format!("waits {} days; the longest wait is a year", minutes / 1440),
                        ));
                    }
                }
                Step::WaitEvent { timeout_minutes, .. }
                    if *timeout_minutes == 0 || *timeout_minutes > MAX_WAIT_MINUTES =>
                {
                    return Err(node_err(&n.id, "waits for the event between 1 minute and a year"));
                }
                Step::WaitWindow { from_hour, to_hour, .. }
                    if *from_hour > 23 || *to_hour > 24 || from_hour == to_hour =>
                {
                    return Err(node_err(&n.id, "the time window must be hours 0–24 and not empty"));
                }
                Step::Ab { arms } => {
                    let total: u32 = arms.iter().map(|a| a.weight).sum();
                    if arms.len() < 2 {
                        return Err(node_err(&n.id, "an A/B split needs at least two arms"));
                    }
                    if total != 100 {
                        return Err(node_err(&n.id, format!("the arms' weights add up to {total}, not 100")));
                    }
                }
                Step::Split { branches, .. } => {
                    for b in branches {
                        if let Some(seg) = &b.segment {
                            if !known.segments.contains(seg) {
                                return Err(node_err(
                                    &n.id,
                                    format!("uses the segment `{seg}`, which no longer exists"),
                                ));
                            }
                        }
                        if b.segment.is_none() && b.event.is_none() && b.conditions.is_empty() {
                            return Err(node_err(&n.id, "a branch has no condition; use `otherwise` for the rest"));
                        }
                    }
                }
                Step::Email { template, subject, .. } => {
                    if !known.templates.contains(template) {
                        return Err(node_err(&n.id, format!("sends the template `{template}`, which does not exist")));
                    }
                    crate::mail::address::header_text("subject", subject)
                        .map_err(|e| node_err(&n.id, e.to_string()))?;
                }
                Step::Offer { percent, .. } if *percent == 0 || *percent > 90 => {
                    return Err(node_err(&n.id, format!("offers {percent}% off; an offer is 1–90%")));
                }
                Step::Task { text, .. } if text.trim().is_empty() => {
                    return Err(node_err(&n.id, "the task says nothing to do"));
                }
                _ => {}
            }
        }
        // No cycles: a flow always moves forward to an exit.
        let mut state: HashMap<&str, u8> = HashMap::new(); // 1 = on the path, 2 = done
        fn visit<'a>(
            id: &'a str,
            by_id: &HashMap<&'a str, &'a Node>,
            state: &mut HashMap<&'a str, u8>,
        ) -> Result<(), FlowError> {
            match state.get(id) {
                Some(1) => return Err(node_err(id, "is part of a loop; a flow must always move on to an exit")),
                Some(_) => return Ok(()),
                None => {}
            }
            state.insert(id, 1);
            if let Some(n) = by_id.get(id) {
                for next in n.step.successors() {
                    visit(next, by_id, state)?;
                }
            }
            state.insert(id, 2);
            Ok(())
        }
        visit(self.start.as_str(), &by_id, &mut state)?;
        if let Some(orphan) = self.nodes.iter().find(|n| !state.contains_key(n.id.as_str())) {
            return Err(node_err(&orphan.id, "cannot be reached from the start"));
        }
        Ok(())
    }
}
