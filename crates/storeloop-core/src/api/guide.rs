//! Guidance: the workflow-mapping exercise (the store's revenue moments with its own numbers,
//! turned into a draft flow from the matching playbook), the WORKFLOW checklist every launch
//! passes (each item checked by the app, with its evidence; an override needs a written reason
//! and lands in the ledger), and the 14-day rollout, whose ticks are all computed from what the
//! store holds — never stored on trust.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dto::{AuditFinding, AuditReport, FlowSummary, Money, SendVia, Severity};
use super::error::{ApiError, ErrorKind};
use super::flows_dto::DryRunReport;
use super::guide_dto::*;
use super::Storeloop;
use crate::flows::model::{Flow, Step, Trigger};
use crate::guide::{self as plan, OrderFact};
use crate::model::StoreSource;

const DAY: i64 = 86_400;
const MAP_KEY: &str = "guide.map";
const MAP_FLOW_KEY: &str = "guide.map_flow";
const ROLLOUT_KEY: &str = "guide.rollout";
const APPROVER_KEY: &str = "guide.approver";
const ACKS_KEY: &str = "guide.audit_acks";
/// The least holdout that counts as a feedback loop.
pub const MIN_HOLDOUT: u32 = 5;

pub(super) fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

pub(super) fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorKind::Internal, e.to_string())
}

fn risks_key(slug: &str) -> String {
    format!("guide.risks.{slug}")
}

fn override_key(slug: &str) -> String {
    format!("guide.override.{slug}")
}

/// The rollout as stored: only what the owner chose and when — every tick is computed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct RolloutState {
    started_at: Option<i64>,
    flow: Option<String>,
    /// Monitoring days reviewed: date → when.
    #[serde(default)]
    reviews: BTreeMap<String, i64>,
    /// The last date a reminder was shown.
    #[serde(default)]
    notified: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RiskAck {
    version: u32,
    by: String,
    at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FindingAck {
    by: String,
    at: i64,
    note: String,
}

/// The playbooks, their names and the moment each serves.
const PLAYBOOKS: [(&str, &str, &str); 4] = [
    ("abandoned-cart", "Abandoned cart", "first_purchase"),
    ("browse-abandonment", "Browse abandonment", "first_purchase"),
    ("post-purchase", "Post-purchase education", "second_purchase"),
    ("win-back", "Win-back", "win_back"),
];

/// A moment's figures from its tally; the words are filled in by the caller.
fn moment(key: &str, title: &str, t: crate::guide::Tally, total_minor: i64, currency: &str) -> RevenueMoment {
    RevenueMoment {
        key: key.to_owned(),
        title: title.to_owned(),
        customers: t.customers,
        revenue: Money { minor: t.revenue_minor, currency: currency.to_owned() },
        share: share(t.revenue_minor, total_minor),
        detail: String::new(),
        trigger: String::new(),
        decision: String::new(),
        gut_feel: String::new(),
        playbooks: Vec::new(),
        signals_30d: 0,
    }
}

fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn percent_words(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn joined(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

fn item(key: &str, title: &str, question: &str, evidence: Vec<String>, missing: Vec<String>) -> CheckItem {
    CheckItem {
        key: key.to_owned(),
        title: title.to_owned(),
        question: question.to_owned(),
        passed: missing.is_empty(),
        evidence,
        missing,
    }
}

fn check(label: &str, done: bool, evidence: String, place: Option<String>) -> RolloutCheck {
    RolloutCheck { label: label.to_owned(), done, evidence, place }
}

/// The flow's split into groups: how many branches its first split by segment has.
fn segment_groups(flow: &Flow) -> usize {
    flow.nodes
        .iter()
        .filter_map(|n| match &n.step {
            Step::Split { branches, .. } => Some(branches.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

fn has_ab(flow: &Flow) -> bool {
    flow.nodes.iter().any(|n| matches!(n.step, Step::Ab { .. }))
}

fn offers(flow: &Flow) -> Vec<(String, u32)> {
    flow.nodes
        .iter()
        .filter_map(|n| if let Step::Offer { percent, .. } = n.step { Some((n.id.clone(), percent)) } else { None })
        .collect()
}

impl Storeloop {
    fn rollout_state(&self) -> Result<RolloutState, ApiError> {
        Ok(self.store.setting(ROLLOUT_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
    }

    fn save_rollout_state(&mut self, s: &RolloutState) -> Result<(), ApiError> {
        self.store.set_setting(ROLLOUT_KEY, &serde_json::to_string(s).map_err(internal)?)?;
        Ok(())
    }

    fn today(&self) -> Result<jiff::civil::Date, ApiError> {
        let tz = self.store_tz()?;
        Ok(tz.to_datetime(self.clock.now()).date())
    }

    fn date_of(&self, t: i64) -> Result<jiff::civil::Date, ApiError> {
        let tz = self.store_tz()?;
        let ts = jiff::Timestamp::from_second(t).map_err(internal)?;
        Ok(tz.to_datetime(ts).date())
    }

    // ---------------------------------------------------------------- the mapping exercise

    /// The store's three revenue moments with its own numbers, and the owner's map if saved.
    pub fn workflow_mapping(&self) -> Result<MappingView, ApiError> {
        let now = self.clock.now().as_second();
        let mut orders = Vec::new();
        self.store.for_each_order(|o| {
            if let Some(c) = o.customer_id {
                orders.push(OrderFact {
                    customer: c,
                    at: o.created_at,
                    revenue_minor: o.subtotal_minor - o.discount_minor,
                });
            }
        })?;
        let m = plan::moments(orders, now);
        let currency = self.store_currency()?;
        let digits = crate::import::fields::minor_digits(&currency).unwrap_or(2);
        let words =
            |minor: i64| super::measure::money_words(&currency, digits, minor as f64 / 10f64.powi(digits as i32));
        let (checkouts, _) = self.store.checkouts_between(now - 30 * DAY, now)?;
        let views = self.store.events_between("product_viewed", now - 30 * DAY, now)?;
        let first_playbooks: Vec<String> = if checkouts == 0 && views > 0 {
            vec!["browse-abandonment".into(), "abandoned-cart".into()]
        } else {
            vec!["abandoned-cart".into(), "browse-abandonment".into()]
        };
        let moments = vec![
            RevenueMoment {
                detail: format!(
                    "{} people ordered for the first time in the last year, worth {} ({} of revenue). In the last 30 days {} carts were left at checkout and products were viewed {} times.",
                    super::group(m.first.customers),
                    words(m.first.revenue_minor),
                    percent_words(share(m.first.revenue_minor, m.total_minor)),
                    super::group(checkouts),
                    super::group(views)
                ),
                trigger: "A shopper leaves a cart at checkout (or looks at a product and leaves).".into(),
                decision: "Who gets a reminder, who gets reassurance, and who — if anyone — gets a discount.".into(),
                gut_feel: "Whether to offer a discount: most stores guess, and give it to people who would have paid full price.".into(),
                playbooks: first_playbooks,
                signals_30d: checkouts + views,
                ..moment("first_purchase", "First purchase", m.first, m.total_minor, &currency)
            },
            RevenueMoment {
                detail: format!(
                    "{} customers came back for a second order in the last year, worth {} ({} of revenue){}. {} have ordered only once.",
                    super::group(m.second.customers),
                    words(m.second.revenue_minor),
                    percent_words(share(m.second.revenue_minor, m.total_minor)),
                    m.repeat_rate
                        .map(|r| format!("; of the year before's new customers, {} ordered again within a year", percent_words(r)))
                        .unwrap_or_default(),
                    super::group(m.one_time_recent)
                ),
                trigger: "A first order is delivered.".into(),
                decision: "What to tell a new customer about their product, and when to suggest the next one.".into(),
                gut_feel: "When to ask for the second order: the right moment differs by product and customer.".into(),
                playbooks: vec!["post-purchase".into()],
                signals_30d: m.first_orders_30d,
                ..moment("second_purchase", "Second purchase", m.second, m.total_minor, &currency)
            },
            RevenueMoment {
                detail: format!(
                    "{} customers came back after {} days or more away, worth {} ({} of revenue). {} customers have been away that long now.",
                    super::group(m.win_back.customers),
                    m.lapse_days,
                    words(m.win_back.revenue_minor),
                    percent_words(share(m.win_back.revenue_minor, m.total_minor)),
                    super::group(m.lapsed_now)
                ),
                trigger: "A customer's chance of ordering again drops (their churn risk crosses a threshold).".into(),
                decision: "Who is worth writing to, and whether they need an incentive to come back.".into(),
                gut_feel: "Who has really gone: a fixed \"90 days\" rule misses that some customers just buy rarely.".into(),
                playbooks: vec!["win-back".into()],
                signals_30d: m.lapsed_now,
                ..moment("win_back", "Win-back", m.win_back, m.total_minor, &currency)
            },
        ];
        let map = self.store.setting(MAP_KEY)?.and_then(|j| serde_json::from_str::<WorkflowMap>(&j).ok());
        let flow = self.store.setting(MAP_FLOW_KEY)?;
        Ok(MappingView { moments, map, flow })
    }

    /// Saves the finished map and turns it into a draft flow from the matching playbook: the
    /// map's guardrails tighten the flow, its metrics become what the flow is judged by, and the
    /// rollout (when started) works on that flow.
    pub fn save_workflow_map(&mut self, map: &WorkflowMap) -> Result<FlowSummary, ApiError> {
        let keys = ["first_purchase", "second_purchase", "win_back"];
        for k in keys {
            let Some(m) = map.moments.iter().find(|m| m.key == k) else {
                return Err(invalid(format!("The map needs all three moments: `{k}` is missing. Nothing was saved.")));
            };
            if m.trigger.trim().is_empty() || m.decision.trim().is_empty() {
                return Err(invalid(format!(
                    "Say what starts the `{k}` moment and who gets what (its trigger and decision). Nothing was saved."
                )));
            }
        }
        if let Some(m) = map.moments.iter().find(|m| !keys.contains(&m.key.as_str())) {
            return Err(invalid(format!("`{}` is not one of the three moments. Nothing was saved.", m.key)));
        }
        if !keys.contains(&map.ai_candidate.as_str()) {
            return Err(invalid(
                "Mark one moment's decision as the one that rests on gut feel (the AI candidate). Nothing was saved.",
            ));
        }
        let Some(&(slug, _, _)) = PLAYBOOKS.iter().find(|(s, _, _)| *s == map.playbook) else {
            return Err(invalid(format!(
                "`{}` is not a playbook: choose abandoned-cart, browse-abandonment, post-purchase or win-back. Nothing was saved.",
                map.playbook
            )));
        };
        let policy = self.policy()?;
        if map.frequency_cap == 0 || map.frequency_cap > 50 {
            return Err(invalid(format!(
                "Guardrail 1, the frequency cap, is 1 to 50 emails a week, not {}. Nothing was saved.",
                map.frequency_cap
            )));
        }
        if map.max_discount_percent > 90 {
            return Err(invalid(format!(
                "Guardrail 2, the discount limit, is 0 to 90 percent, not {}. Nothing was saved.",
                map.max_discount_percent
            )));
        }
        let watch = super::measure_dto::FlowWatch {
            success_metric: map.success_metric.clone(),
            failure_metric: map.failure_metric.clone(),
            failure_threshold: map.failure_threshold,
            pause_on_failure: true,
        };
        // The draft: the playbook's current flow (or the playbook itself), tightened.
        let mut flow: Flow = match self.flow_row(slug) {
            Ok((row, flow)) => {
                if matches!(row.status.as_str(), "live" | "paused") {
                    return Err(invalid(format!(
                        "`{slug}` is already {}: the map cannot change a running flow. Pause it and make a new version in the editor instead. Nothing was saved.",
                        row.status
                    )));
                }
                flow
            }
            Err(e) if e.kind == ErrorKind::NotFound => crate::flows::playbooks()?
                .into_iter()
                .find(|f| f.slug == slug)
                .ok_or_else(|| internal(format!("playbook {slug} is missing")))?,
            Err(e) => return Err(e),
        };
        if map.max_discount_percent == 0 && !offers(&flow).is_empty() {
            return Err(invalid(format!(
                "Guardrail 2 is a discount limit of 0%, but `{slug}` gives an offer: set a limit of at least 1%, or take the offer out in the flow's editor first. Nothing was saved."
            )));
        }
        flow.guardrails.frequency_cap = (map.frequency_cap < policy.frequency_cap).then_some(map.frequency_cap);
        flow.guardrails.max_discount_percent =
            (map.max_discount_percent < policy.max_discount_percent).then_some(map.max_discount_percent);
        for n in &mut flow.nodes {
            if let Step::Offer { percent, .. } = &mut n.step {
                *percent = (*percent).min(map.max_discount_percent);
            }
        }
        if flow.holdout_percent < MIN_HOLDOUT {
            flow.holdout_percent = 10;
        }
        let summary = self.save_flow_definition(&flow)?;
        self.save_flow_watch(slug, &watch)?;
        let mut saved = map.clone();
        saved.saved_at = Some(crate::time::rfc3339(self.clock.now().as_second()));
        self.store.set_setting(MAP_KEY, &serde_json::to_string(&saved).map_err(internal)?)?;
        self.store.set_setting(MAP_FLOW_KEY, slug)?;
        let mut r = self.rollout_state()?;
        if r.started_at.is_some() {
            r.flow = Some(slug.to_owned());
            self.save_rollout_state(&r)?;
        }
        Ok(summary)
    }

    // ---------------------------------------------------------------- acknowledgements

    /// Acknowledges an audit finding: read, understood, going on anyway (with a note).
    pub fn acknowledge_finding(&mut self, code: &str, by: &str, note: &str) -> Result<AuditReport, ApiError> {
        let by = by.trim();
        if by.is_empty() {
            return Err(invalid("Say who acknowledges the finding: give a name."));
        }
        let report = self.latest_audit()?.ok_or_else(|| invalid("Run the data audit first (Data → Run the audit)."))?;
        if !report.findings.iter().any(|f| f.code == code) {
            return Err(invalid(format!("The audit has no check `{code}`.")));
        }
        let mut acks: BTreeMap<String, FindingAck> =
            self.store.setting(ACKS_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        acks.insert(
            code.to_owned(),
            FindingAck { by: by.to_owned(), at: self.clock.now().as_second(), note: note.trim().to_owned() },
        );
        self.store.set_setting(ACKS_KEY, &serde_json::to_string(&acks).map_err(internal)?)?;
        self.latest_audit()?.ok_or_else(|| internal("the audit vanished"))
    }

    /// Fills in which findings the owner acknowledged (an acknowledgement older than the run
    /// still holds: the same finding, read once).
    pub(super) fn with_acknowledgements(&self, mut report: AuditReport) -> Result<AuditReport, ApiError> {
        let acks: BTreeMap<String, FindingAck> =
            self.store.setting(ACKS_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        for f in &mut report.findings {
            f.acknowledged = acks.get(&f.code).map(|a| Acknowledgement {
                by: a.by.clone(),
                at: crate::time::rfc3339(a.at),
                note: a.note.clone(),
            });
        }
        Ok(report)
    }

    /// Acknowledges what can go wrong with the flow's current version.
    pub fn acknowledge_flow_risks(&mut self, slug: &str, by: &str) -> Result<WorkflowChecklist, ApiError> {
        let by = by.trim();
        if by.is_empty() {
            return Err(invalid("Say who read the risks: give a name."));
        }
        let (row, _) = self.flow_row(slug)?;
        let ack = RiskAck { version: row.version.max(0) as u32, by: by.to_owned(), at: self.clock.now().as_second() };
        self.store.set_setting(&risks_key(slug), &serde_json::to_string(&ack).map_err(internal)?)?;
        self.log_flow(row.id, "acknowledged", &format!("risks of version {} acknowledged by {by}", row.version))?;
        self.workflow_checklist(slug)
    }

    /// Names who approves flows before they go live.
    pub fn set_approver(&mut self, name: &str) -> Result<Rollout, ApiError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(invalid("Give the name of the person who approves flows (1 to 80 characters)."));
        }
        self.store.set_setting(APPROVER_KEY, name)?;
        self.rollout()
    }

    // ---------------------------------------------------------------- the checklist

    /// What can go wrong with this flow, in plain words.
    fn risks_of(&self, flow: &Flow) -> Result<Vec<String>, ApiError> {
        let policy = self.policy()?.for_flow(&flow.guardrails);
        let mut out = vec![
            "It writes to real customers: a mistake in an email reaches everyone it triggers for until you pause it. The kill switch in the top bar stops every flow at once.".to_owned(),
            format!(
                "It adds to what each customer receives: no one gets more than {} marketing emails in {} days, so a busy week can hold this flow's emails back.",
                policy.frequency_cap, policy.frequency_days
            ),
        ];
        match flow.trigger {
            Trigger::CheckoutAbandoned | Trigger::ProductViewedWithoutAdd => out.push(
                "Someone may order between the trigger and the email: the flow stops when they order, but an order that reaches Storeloop late can cross with an email.".into(),
            ),
            Trigger::OrderPlaced | Trigger::OrderFulfilled | Trigger::OrderDelivered => out.push(
                "It writes right after an order: to a customer with a problem, a cheerful email feels tone-deaf (an open support ticket holds it).".into(),
            ),
            _ => out.push("It writes to customers who may be drifting away: too many emails push them to unsubscribe instead.".into()),
        }
        for (id, p) in offers(flow) {
            out.push(format!(
                "Step `{id}` gives {p}% off: discounts cost margin, may go to people who would have paid full price, and can teach customers to wait for one."
            ));
        }
        if flow.holdout_percent > 0 {
            out.push(format!(
                "{}% of the customers it triggers for get nothing from it, on purpose: the holdout is how you will know what it earns.",
                flow.holdout_percent
            ));
        }
        if self.store.regulated_products()? > 0 {
            out.push("Some products are in a regulated category: their emails need care with claims.".into());
        }
        Ok(out)
    }

    /// How many of the flow's triggers came in the last 30 days, in words (count 0: none).
    fn trigger_signals(&self, flow: &Flow) -> Result<(u64, String, String), ApiError> {
        let now = self.clock.now().as_second();
        let from = now - 30 * DAY;
        let inputs = || self.store.flow_inputs(from, now);
        use crate::flows::engine::EventKind as K;
        let count = |kinds: &[K]| -> Result<u64, ApiError> {
            Ok(inputs()?.iter().filter(|i| kinds.contains(&i.kind)).count() as u64)
        };
        Ok(match &flow.trigger {
            Trigger::CheckoutAbandoned => {
                let (n, with) = self.store.checkouts_between(from, now)?;
                (
                    n,
                    format!("{} abandoned checkouts in the last 30 days ({} with someone to write to)", super::group(n), super::group(with)),
                    "No abandoned checkouts came in the last 30 days: connect your store (Connections → Your store) or import a checkout export (Data), or start with another workflow.".into(),
                )
            }
            Trigger::ProductViewedWithoutAdd => {
                let n = self.store.events_between("product_viewed", from, now)?;
                (
                    n,
                    format!("{} product views in the last 30 days", super::group(n)),
                    "No product views came in the last 30 days: import your site's events (Data) before a browse flow can start.".into(),
                )
            }
            Trigger::OrderPlaced | Trigger::OrderFulfilled | Trigger::OrderDelivered => {
                let n = count(&[K::OrderPlaced, K::OrderFulfilled, K::OrderDelivered])?;
                (
                    n,
                    format!("{} order events in the last 30 days", super::group(n)),
                    "No orders came in the last 30 days: sync your store (Connections → Your store) or import an orders export (Data).".into(),
                )
            }
            Trigger::TicketOpened | Trigger::TicketClosed => {
                let n = count(&[K::TicketOpened, K::TicketClosed])?;
                (
                    n,
                    format!("{} support-ticket events in the last 30 days", super::group(n)),
                    "No support tickets came in the last 30 days: import your helpdesk's tickets (Data).".into(),
                )
            }
            Trigger::ScoreCrossed { .. } | Trigger::ReorderDue => match self.store.latest_run()? {
                Some((at, _, _)) => (
                    1,
                    format!("Customers were last scored on {} (scores start this flow)", self.date_of(at)?),
                    String::new(),
                ),
                None => (
                    0,
                    String::new(),
                    "Customers have never been scored: score them (Customers → Score customers).".into(),
                ),
            },
        })
    }

    /// The flow's WORKFLOW checklist, every item checked now.
    pub fn workflow_checklist(&self, slug: &str) -> Result<WorkflowChecklist, ApiError> {
        let (row, flow) = self.flow_row(slug)?;
        let version = row.version.max(0) as u32;
        let mut items = Vec::new();

        // W — what outcome.
        let watch = self
            .store
            .setting(&super::watch::watch_key(slug))?
            .and_then(|j| serde_json::from_str::<super::measure_dto::FlowWatch>(&j).ok());
        items.push(match &watch {
            Some(w) => item(
                "outcome",
                "What outcome",
                "Which number tells you it works?",
                vec![
                    format!("Success: {} against the holdout", super::watch::metric_words(&w.success_metric)),
                    if w.failure_metric == "margin_loss" {
                        "Failure: the margin lift is clearly below zero".to_owned()
                    } else {
                        format!("Failure: {} above {:.2}%", super::watch::metric_words(&w.failure_metric), w.failure_threshold * 100.0)
                    },
                ],
                vec![],
            ),
            None => item(
                "outcome",
                "What outcome",
                "Which number tells you it works?",
                vec![],
                vec![format!(
                    "Choose its success and failure metric (Measurement → {} → What it is judged by, or the workflow map).",
                    row.name
                )],
            ),
        });

        // O — observability.
        let (signals, seen, none) = self.trigger_signals(&flow)?;
        let mut evidence = Vec::new();
        let mut missing = Vec::new();
        if signals > 0 {
            evidence.push(seen);
        } else {
            missing.push(none);
        }
        match self.utm_check(&flow)? {
            Ok(words) => evidence.push(words),
            Err(words) => missing.push(words),
        }
        let decisions = self.store.flow_day(row.id, 0, i64::MAX)?.values().sum::<u64>();
        evidence.push(format!(
            "Every decision (sent, held and why) is written to the ledger: {} rows for this flow so far",
            super::group(decisions)
        ));
        items.push(item("observability", "Observability", "Will you see what it does?", evidence, missing));

        // R — risk.
        let risks = self.risks_of(&flow)?;
        let ack = self.store.setting(&risks_key(slug))?.and_then(|j| serde_json::from_str::<RiskAck>(&j).ok());
        let acknowledged = ack.as_ref().filter(|a| a.version == version).map(|a| Acknowledgement {
            by: a.by.clone(),
            at: crate::time::rfc3339(a.at),
            note: format!("version {}", a.version),
        });
        items.push(match &acknowledged {
            Some(a) => item(
                "risk",
                "Risk",
                "What can go wrong, and have you read it?",
                vec![format!(
                    "{} risks of version {version} read and acknowledged by {} on {}",
                    risks.len(),
                    a.by,
                    &a.at[..10]
                )],
                vec![],
            ),
            None => item(
                "risk",
                "Risk",
                "What can go wrong, and have you read it?",
                vec![],
                vec![format!("Read the {} risks of version {version} and acknowledge them (below).", risks.len())],
            ),
        });

        // K — knowledge.
        let mut evidence = Vec::new();
        let mut missing = Vec::new();
        match self.latest_audit()? {
            None => missing.push("Run the data audit (Data → Run the audit).".into()),
            Some(a) => {
                let open: Vec<&AuditFinding> =
                    a.findings.iter().filter(|f| f.count > 0 && f.acknowledged.is_none()).collect();
                let acked = a.findings.iter().filter(|f| f.count > 0 && f.acknowledged.is_some()).count();
                let clean = a.findings.iter().filter(|f| f.count == 0).count();
                evidence.push(format!(
                    "Data audit of {}: {clean} checks passed, {acked} findings acknowledged",
                    &a.ran_at[..10]
                ));
                for f in open {
                    let weight = match f.severity {
                        Severity::Blocker => "blocker",
                        Severity::Warning => "warning",
                        Severity::Info => "note",
                    };
                    missing.push(format!("Fix or acknowledge the audit's {weight}: {} ({}).", f.title, f.count));
                }
            }
        }
        let uses_scores = flow.nodes.iter().any(|n| matches!(&n.step, Step::Split { .. }))
            || flow.entry.iter().any(|c| c.field != "consent")
            || matches!(flow.trigger, Trigger::ScoreCrossed { .. } | Trigger::ReorderDue);
        match self.store.latest_run()? {
            Some((at, _, _)) => evidence.push(format!("Customers scored on {}", self.date_of(at)?)),
            None if uses_scores => {
                missing.push("Score customers: its groups come from the scores (Customers → Score customers).".into())
            }
            None => {}
        }
        items.push(item("knowledge", "Knowledge", "Is the data its decisions need there?", evidence, missing));

        // F — feedback loop.
        let ab = has_ab(&flow);
        items.push(if flow.holdout_percent >= MIN_HOLDOUT || ab {
            let mut ev = Vec::new();
            if flow.holdout_percent > 0 {
                ev.push(format!("{}% of customers held back as the holdout", flow.holdout_percent));
            }
            if ab {
                ev.push("An A/B test compares its emails".into());
            }
            item("feedback", "Feedback loop", "How will you learn whether it works?", ev, vec![])
        } else {
            item(
                "feedback",
                "Feedback loop",
                "How will you learn whether it works?",
                vec![format!("Holdout: {}%", flow.holdout_percent)],
                vec![format!("Hold back at least {MIN_HOLDOUT}% of customers, or add an A/B test (the flow's editor → Settings).")],
            )
        });

        // L — limits.
        let policy = self.policy()?;
        let mine = policy.for_flow(&flow.guardrails);
        let rules = self.copy_rules()?;
        let mut evidence = Vec::new();
        let mut missing = Vec::new();
        if self.store.setting(super::flows_run::POLICY_KEY)?.is_some() {
            evidence.push(format!(
                "Discounts at most {}%{}, at most {} marketing emails per person in {} days",
                mine.max_discount_percent,
                if mine.max_discount_percent < policy.max_discount_percent { " in this flow" } else { "" },
                mine.frequency_cap,
                mine.frequency_days
            ));
            evidence.push(if policy.excluded_categories.is_empty() {
                "No product category excluded from emails".to_owned()
            } else {
                format!("Never shown in emails: {}", joined(&policy.excluded_categories))
            });
        } else {
            missing.push("Review and save the guardrails: discount limit, frequency cap, excluded categories (Flows → Guardrails).".into());
        }
        if rules.forbidden.is_empty() {
            missing.push("Add the phrases your emails must never use (Copy → Your lists).".into());
        } else {
            evidence.push(format!("{} forbidden phrases checked in every email", rules.forbidden.len()));
        }
        for (id, p) in offers(&flow) {
            if p > mine.max_discount_percent {
                missing.push(format!(
                    "Step `{id}` offers {p}% off, above the {}% limit: the guardrail would refuse it every time. Lower it in the editor.",
                    mine.max_discount_percent
                ));
            }
        }
        items.push(item("limits", "Limits", "What may it never do?", evidence, missing));

        // O — ownership.
        let approver = self.store.setting(APPROVER_KEY)?;
        items.push(match (&row.approved_by, row.approved_at) {
            (Some(by), Some(at)) => item(
                "ownership",
                "Ownership",
                "Who approves it?",
                vec![format!("Version {version} approved by {by} on {}", self.date_of(at)?)],
                vec![],
            ),
            _ => item(
                "ownership",
                "Ownership",
                "Who approves it?",
                approver.iter().map(|a| format!("Flows are approved by {a}")).collect(),
                vec![format!("Approve version {version} on the flow's page, with your name.")],
            ),
        });

        // W — workflow fit.
        let mut evidence = vec![
            "Runs in Storeloop's scheduler every minute while the app is open; after sleep it catches up and skips steps too late to send".to_owned(),
        ];
        let mut missing = Vec::new();
        let demo = self.store.settings()?.is_some_and(|s| s.source == StoreSource::Demo);
        match self.sending_settings()?.via {
            SendVia::Outbox if demo => {
                evidence.push("Emails are written to the outbox folder: the demo store sends nothing".into())
            }
            SendVia::Outbox => missing.push(
                "Emails would only be written to the outbox folder: choose how email leaves (Connections → Email sending).".into(),
            ),
            SendVia::Smtp { host, port, .. } => evidence.push(format!("Emails leave through your mail server {host}:{port}")),
            SendVia::Provider { provider, .. } => evidence.push(format!("Emails leave through {provider}")),
        }
        if let Err(e) = self.sender() {
            missing.push(e.message);
        }
        match self.store.latest_dry_run(row.id, row.version)? {
            Some(json) => {
                if let Ok(d) = serde_json::from_str::<DryRunReport>(&json) {
                    let peak = d.per_day.iter().map(|p| p.sent).max().unwrap_or(0);
                    evidence.push(format!(
                        "Dry run of version {version}: {} emails over {} days (at most {} a day)",
                        super::group(d.emails_sent),
                        d.days,
                        super::group(peak)
                    ));
                }
            }
            None => {
                missing.push(format!("Dry-run version {version} to see what it would do (the flow's page → Dry run)."))
            }
        }
        items.push(item("fit", "Workflow fit", "Where does it run, and does it fit?", evidence, missing));

        let passed = items.iter().all(|i| i.passed);
        let last_override =
            self.store.setting(&override_key(slug))?.and_then(|j| serde_json::from_str::<LaunchOverride>(&j).ok());
        Ok(WorkflowChecklist {
            slug: slug.to_owned(),
            version,
            items,
            passed,
            risks,
            risks_acknowledged: acknowledged,
            last_override,
        })
    }

    /// Renders one of the flow's emails and checks its links carry the UTM convention.
    fn utm_check(&self, flow: &Flow) -> Result<Result<String, String>, ApiError> {
        let Some(template) = flow.nodes.iter().find_map(|n| match &n.step {
            Step::Email { template, .. } => Some(template.clone()),
            _ => None,
        }) else {
            return Ok(Err("The flow sends no email yet, so there are no links to tag.".into()));
        };
        let preview = self.render_flow_email(flow, &template, "check", None)?;
        let want =
            ["utm_source=storeloop".to_owned(), "utm_medium=email".to_owned(), format!("utm_campaign={}", flow.slug)];
        let tagged = preview.html.split("href=\"").skip(1).any(|link| {
            let link = link.split('"').next().unwrap_or("");
            !link.contains("/unsubscribe/") && want.iter().all(|w| link.contains(w.as_str()))
        });
        Ok(if tagged {
            Ok(format!(
                "Links are tagged utm_source=storeloop, utm_medium=email, utm_campaign={} (checked in `{template}`)",
                flow.slug
            ))
        } else {
            Err(format!(
                "The links of `{template}` do not carry the UTM tags: check its links are full https:// addresses."
            ))
        })
    }

    /// Whether the checklist lets the flow go live, or the override that does; records it.
    pub(super) fn checklist_gate(&mut self, slug: &str, flow_id: i64, reason: Option<&str>) -> Result<(), ApiError> {
        let list = self.workflow_checklist(slug)?;
        if list.passed {
            return Ok(());
        }
        let open: Vec<String> = list.items.iter().filter(|i| !i.passed).map(|i| i.title.clone()).collect();
        let reason = reason.map(str::trim).unwrap_or("");
        if reason.chars().count() < 10 {
            let first = list.items.iter().filter(|i| !i.passed).flat_map(|i| i.missing.iter()).next().cloned();
            return Err(invalid(format!(
                "The WORKFLOW checklist of `{slug}` has {} open: {}. {} Finish it on the flow's page, or launch anyway with a written reason of at least 10 characters (`--override \"why\"`); the reason goes into the audit trail.",
                if open.len() == 1 { "one item".to_owned() } else { format!("{} items", open.len()) },
                joined(&open),
                first.unwrap_or_default()
            )));
        }
        let o = LaunchOverride {
            version: list.version,
            reason: reason.to_owned(),
            open: open.clone(),
            at: crate::time::rfc3339(self.clock.now().as_second()),
        };
        self.store.set_setting(&override_key(slug), &serde_json::to_string(&o).map_err(internal)?)?;
        self.log_flow(flow_id, "override", &format!("launched with {} open: {reason}", joined(&open)))?;
        Ok(())
    }

    // ---------------------------------------------------------------- the rollout

    /// Starts the 14-day rollout today (a second start keeps the first date).
    pub fn start_rollout(&mut self) -> Result<Rollout, ApiError> {
        self.store_tz()?;
        let mut r = self.rollout_state()?;
        if r.started_at.is_none() {
            r.started_at = Some(self.clock.now().as_second());
            if r.flow.is_none() {
                r.flow = self.store.setting(MAP_FLOW_KEY)?;
            }
            self.save_rollout_state(&r)?;
        }
        self.rollout()
    }

    /// Chooses (or changes) the workflow the rollout works on; later steps re-check against it.
    pub fn choose_rollout_flow(&mut self, slug: &str) -> Result<Rollout, ApiError> {
        self.flow_row(slug)?;
        let mut r = self.rollout_state()?;
        if r.started_at.is_none() {
            r.started_at = Some(self.clock.now().as_second());
        }
        r.flow = Some(slug.to_owned());
        self.save_rollout_state(&r)?;
        self.rollout()
    }

    /// Starts over: the dates and choices go; what was done in the store stays done.
    pub fn reset_rollout(&mut self) -> Result<Rollout, ApiError> {
        self.save_rollout_state(&RolloutState::default())?;
        self.rollout()
    }

    /// Records that the owner went through today's monitoring numbers.
    pub fn review_monitoring_day(&mut self) -> Result<Rollout, ApiError> {
        let view = self.rollout()?;
        let today = view.today.clone();
        if !view.monitoring.iter().any(|d| d.date == today) {
            return Err(invalid(
                "There is no monitoring day today: the daily check runs for the week after the flow goes live.",
            ));
        }
        let mut r = self.rollout_state()?;
        r.reviews.insert(today, self.clock.now().as_second());
        self.save_rollout_state(&r)?;
        self.rollout()
    }

    /// The reminder to show today, once a day (None: nothing to remind, or already shown).
    pub fn rollout_notice(&mut self) -> Result<Option<RolloutNotice>, ApiError> {
        if self.store.settings()?.is_none() {
            return Ok(None);
        }
        let view = self.rollout()?;
        // Only a rollout the owner started reminds them; an unstarted one waits on its panel.
        if view.started_on.is_none() {
            return Ok(None);
        }
        let Some(step) = view.today_step.clone() else { return Ok(None) };
        let mut r = self.rollout_state()?;
        if r.notified.as_deref() == Some(view.today.as_str()) {
            return Ok(None);
        }
        r.notified = Some(view.today.clone());
        self.save_rollout_state(&r)?;
        Ok(Some(RolloutNotice { title: format!("Storeloop rollout — day {}", view.day), body: step }))
    }

    /// The rollout as it stands: every step's checks verified now.
    pub fn rollout(&self) -> Result<Rollout, ApiError> {
        let r = self.rollout_state()?;
        let today = self.today()?;
        let rows = self.store.flow_rows()?;
        let any_flow_live = rows.iter().any(|f| f.status == "live");
        let (start, day) = match r.started_at {
            Some(t) => {
                let start = self.date_of(t)?;
                let days = (today - start).get_days().max(0) as u32;
                (Some(start), days + 1)
            }
            None => (None, 0),
        };
        let flow = r.flow.as_ref().and_then(|s| rows.iter().find(|f| &f.slug == s)).cloned();
        let checklist = match &flow {
            Some(f) => Some(self.workflow_checklist(&f.slug)?),
            None => None,
        };
        let definition = match &flow {
            Some(f) => Some(Flow::from_json(&f.definition)?),
            None => None,
        };
        let ck = |key: &str| checklist.as_ref().and_then(|c| c.items.iter().find(|i| i.key == key)).cloned();
        let words = |i: &Option<CheckItem>, fallback: &str| -> (bool, String) {
            match i {
                Some(i) if i.passed => (true, i.evidence.join("; ")),
                Some(i) => (false, i.missing.join(" ")),
                None => (false, fallback.to_owned()),
            }
        };
        let no_flow = "Choose the workflow first (day 1–2).";
        let flow_place = flow.as_ref().map(|f| format!("#/flows/{}", f.slug));
        let measure_place = flow.as_ref().map(|f| format!("#/measurement/{}", f.slug));

        let mut steps = Vec::new();
        for stage in plan::STAGES {
            let checks: Vec<RolloutCheck> = match stage.key {
                "choose" => {
                    let map = self.store.setting(MAP_KEY)?.and_then(|j| serde_json::from_str::<WorkflowMap>(&j).ok());
                    let outcome = words(&ck("outcome"), no_flow);
                    vec![
                        check(
                            "Your store's revenue moments mapped",
                            map.is_some(),
                            match &map {
                                Some(m) => format!(
                                    "Map saved on {}: start with {}, AI candidate: {}",
                                    m.saved_at.as_deref().map_or("", |s| &s[..10]),
                                    PLAYBOOKS.iter().find(|p| p.0 == m.playbook).map_or(m.playbook.as_str(), |p| p.1),
                                    m.ai_candidate.replace('_', " ")
                                ),
                                None => "Do the mapping exercise (about 30 minutes).".into(),
                            },
                            Some("#/home/map".into()),
                        ),
                        check(
                            "One workflow chosen",
                            flow.is_some(),
                            flow.as_ref().map_or_else(
                                || "No workflow chosen yet.".into(),
                                |f| format!("{} ({})", f.name, f.slug),
                            ),
                            Some("#/home/rollout".into()),
                        ),
                        check("Its outcome metric set", outcome.0, outcome.1, measure_place.clone()),
                    ]
                }
                "audit" => {
                    let (audited, audit_words) = match self.latest_audit()? {
                        None => (false, "Run the data audit.".to_owned()),
                        Some(a) => {
                            let open: Vec<String> = a
                                .findings
                                .iter()
                                .filter(|f| f.count > 0 && f.acknowledged.is_none())
                                .map(|f| f.title.clone())
                                .collect();
                            let acked = a.findings.iter().filter(|f| f.count > 0 && f.acknowledged.is_some()).count();
                            if open.is_empty() {
                                (
                                    true,
                                    format!(
                                        "Data audit of {}: every finding fixed or acknowledged ({acked} acknowledged)",
                                        &a.ran_at[..10]
                                    ),
                                )
                            } else {
                                (false, format!("Fix or acknowledge: {}.", joined(&open)))
                            }
                        }
                    };
                    let scored = self.store.latest_run()?;
                    vec![
                        check(
                            "The data audit passes, or each finding is acknowledged",
                            audited,
                            audit_words,
                            Some("#/data".into()),
                        ),
                        check(
                            "Customers scored",
                            scored.is_some(),
                            match scored {
                                Some((at, _, _)) => format!("Customers scored on {}", self.date_of(at)?),
                                None => {
                                    "Score your customers: the flow's groups and offers come from the scores.".into()
                                }
                            },
                            Some("#/customers".into()),
                        ),
                    ]
                }
                "guardrails" => {
                    let saved = self.store.setting(super::flows_run::POLICY_KEY)?.is_some();
                    let p = self.policy()?;
                    let forbidden = self.copy_rules()?.forbidden.len();
                    let approver = self.store.setting(APPROVER_KEY)?;
                    vec![
                        check(
                            "Discount limits and frequency cap saved",
                            saved,
                            if saved {
                                format!(
                                    "At most {}% off, a weekly discount budget, at most {} emails per person in {} days",
                                    p.max_discount_percent, p.frequency_cap, p.frequency_days
                                )
                            } else {
                                "Review the guardrails and save them (the defaults are a start).".into()
                            },
                            Some("#/flows/guardrails".into()),
                        ),
                        check(
                            "Suppression rules on",
                            saved,
                            if saved {
                                format!(
                                    "Unsubscribes, bounces and complaints are never mailed; no email to anyone without consent{}; excluded categories: {}",
                                    if p.engagement_days > 0 { format!(" or silent for {} days", p.engagement_days) } else { String::new() },
                                    if p.excluded_categories.is_empty() { "none".to_owned() } else { joined(&p.excluded_categories) }
                                )
                            } else {
                                "Saved with the guardrails.".into()
                            },
                            Some("#/flows/guardrails".into()),
                        ),
                        check(
                            "Forbidden phrases listed",
                            forbidden > 0,
                            format!("{forbidden} phrases no email may use"),
                            Some("#/copy".into()),
                        ),
                        check(
                            "Who approves named",
                            approver.is_some(),
                            approver.map_or_else(
                                || "Name the person who approves flows.".into(),
                                |a| format!("Flows are approved by {a}"),
                            ),
                            Some("#/home/rollout".into()),
                        ),
                    ]
                }
                "build" => {
                    let groups = definition.as_ref().map_or(0, segment_groups);
                    let dry = match &flow {
                        Some(f) => self.store.latest_dry_run(f.id, f.version)?.is_some(),
                        None => false,
                    };
                    let risk = words(&ck("risk"), no_flow);
                    vec![
                        check(
                            "The flow splits customers into 2–3 groups",
                            (2..=3).contains(&groups),
                            match groups {
                                0 => "It sends everyone the same: add a split by customer group in the editor.".into(),
                                1 => "Its split has one branch: give it two or three groups.".into(),
                                n @ 2..=3 => format!("{n} groups, each with its own path"),
                                n => format!(
                                    "{n} groups: more than three is hard to learn from at this volume; merge some."
                                ),
                            },
                            flow.as_ref().map(|f| format!("#/flows/{}/edit", f.slug)),
                        ),
                        check(
                            "A dry run of this version",
                            dry,
                            if dry {
                                format!("Dry run of version {} saved", flow.as_ref().map_or(0, |f| f.version))
                            } else {
                                "Dry-run it over the last 30 days.".into()
                            },
                            flow_place.clone(),
                        ),
                        check("Its risks read and acknowledged", risk.0, risk.1, flow_place.clone()),
                    ]
                }
                "measure" => {
                    let f = words(&ck("feedback"), no_flow);
                    let o = ck("observability");
                    let utm =
                        o.as_ref().and_then(|o| o.evidence.iter().find(|e| e.starts_with("Links are tagged")).cloned());
                    let alarm = checklist.as_ref().and_then(|c| c.items.iter().find(|i| i.key == "outcome")).cloned();
                    vec![
                        check(
                            "A holdout of at least 5% (or an A/B test)",
                            f.0,
                            f.1,
                            flow.as_ref().map(|f| format!("#/flows/{}/edit", f.slug)),
                        ),
                        check(
                            "Links follow the UTM convention",
                            utm.is_some(),
                            utm.unwrap_or_else(|| no_flow.into()),
                            flow_place.clone(),
                        ),
                        check(
                            "The dashboard watches its failure metric daily",
                            alarm.as_ref().is_some_and(|a| a.passed),
                            alarm.map_or_else(
                                || no_flow.into(),
                                |a| if a.passed { a.evidence.join("; ") } else { a.missing.join(" ") },
                            ),
                            measure_place.clone(),
                        ),
                    ]
                }
                "qa" => match &flow {
                    None => vec![check("Test it like a customer", false, no_flow.into(), None)],
                    Some(f) => {
                        let qa = self.qa_state(&f.slug)?;
                        let walk = qa.walk.as_ref();
                        let normal = walk.and_then(|w| w.cases.iter().find(|c| c.key == "normal"));
                        let edges: Vec<&WalkCase> =
                            walk.map(|w| w.cases.iter().filter(|c| c.key != "normal").collect()).unwrap_or_default();
                        let missing_previews: Vec<String> =
                            qa.emails.iter().filter(|e| !qa.previewed.contains(e)).cloned().collect();
                        vec![
                            check(
                                "A test customer walked through the flow",
                                normal.is_some_and(|c| c.passed),
                                normal.map_or_else(|| "Walk a test customer through it.".into(), |c| c.outcome.clone()),
                                Some("#/home/rollout".into()),
                            ),
                            check(
                                "Test emails sent to your own address",
                                qa.tests_to.is_some(),
                                match (&qa.tests_to, &qa.tests_at) {
                                    (Some(to), Some(at)) => {
                                        format!("{} emails sent to {to} on {}", qa.emails.len(), &at[..10])
                                    }
                                    _ => "Send its emails to yourself.".into(),
                                },
                                Some("#/home/rollout".into()),
                            ),
                            check(
                                "Each email seen at phone size",
                                !qa.emails.is_empty() && missing_previews.is_empty(),
                                if missing_previews.is_empty() {
                                    format!("Seen at 375 px: {}", qa.emails.join(", "))
                                } else {
                                    format!("Not seen at phone size yet: {}", missing_previews.join(", "))
                                },
                                Some("#/home/rollout".into()),
                            ),
                            check(
                                "Edge cases run: no consent, open ticket, sold-out product",
                                edges.len() == 3 && edges.iter().all(|c| c.passed),
                                if edges.is_empty() {
                                    "Run the edge cases.".into()
                                } else {
                                    edges
                                        .iter()
                                        .map(|c| format!("{}: {}", c.title, c.outcome))
                                        .collect::<Vec<_>>()
                                        .join(" ")
                                },
                                Some("#/home/rollout".into()),
                            ),
                        ]
                    }
                },
                _ => {
                    let (live, pct, holdout) = match (&flow, &definition) {
                        (Some(f), Some(d)) => {
                            (f.status == "live", f.live_percent.clamp(0, 100) as u32, d.holdout_percent)
                        }
                        _ => (false, 0, 0),
                    };
                    // Widening to everyone after a week live is the next step, not a regression.
                    let week_live = match &flow {
                        Some(f) => self
                            .store
                            .flow_launched_at(f.id)?
                            .is_some_and(|t| self.clock.now().as_second() - t >= i64::from(plan::MONITOR_DAYS) * DAY),
                        None => false,
                    };
                    let list_ok = checklist
                        .as_ref()
                        .is_some_and(|c| c.passed || c.last_override.as_ref().is_some_and(|o| o.version == c.version));
                    vec![
                        check(
                            "The WORKFLOW checklist passes",
                            list_ok,
                            match &checklist {
                                Some(c) if c.passed => "Every item verified".into(),
                                Some(c) => match &c.last_override {
                                    Some(o) if o.version == c.version => {
                                        format!("Launched with {} open, because: {}", joined(&o.open), o.reason)
                                    }
                                    _ => format!(
                                        "Open: {}",
                                        joined(
                                            &c.items
                                                .iter()
                                                .filter(|i| !i.passed)
                                                .map(|i| i.title.clone())
                                                .collect::<Vec<_>>()
                                        )
                                    ),
                                },
                                None => no_flow.into(),
                            },
                            flow_place.clone(),
                        ),
                        check(
                            "Live for part of your customers",
                            live && (pct < 100 || week_live),
                            if live {
                                if pct < 100 || week_live {
                                    format!("Live for {pct}% of the customers it triggers for")
                                } else {
                                    "Live for everyone: a first launch is safer at a share (20% is a good start)."
                                        .into()
                                }
                            } else {
                                "Not live yet: launch it at 20% on the flow's page.".into()
                            },
                            flow_place.clone(),
                        ),
                        check(
                            "With a holdout",
                            live && holdout >= MIN_HOLDOUT,
                            format!("{holdout}% held back"),
                            flow_place.clone(),
                        ),
                    ]
                }
            };
            let done = checks.iter().all(|c| c.done);
            steps.push(RolloutStep {
                key: stage.key.to_owned(),
                first_day: stage.first_day,
                last_day: stage.last_day,
                first_date: start
                    .map(|s| (s + jiff::Span::new().days(i64::from(stage.first_day) - 1)).to_string())
                    .unwrap_or_default(),
                last_date: start
                    .map(|s| (s + jiff::Span::new().days(i64::from(stage.last_day) - 1)).to_string())
                    .unwrap_or_default(),
                title: stage.title.to_owned(),
                why: stage.why.to_owned(),
                state: plan::state(done, day, stage.first_day, stage.last_day).to_owned(),
                checks,
            });
        }
        let launched = steps.last().is_some_and(|s| s.state == "done");
        let live_percent =
            flow.as_ref().filter(|f| f.status == "live").map_or(0, |f| f.live_percent.clamp(0, 100) as u32);

        // The week after launch: one check a day, from the day it went live.
        let mut monitoring = Vec::new();
        let mut next = None;
        if let (Some(f), true) = (&flow, launched) {
            let went_live = self.store.flow_launched_at(f.id)?.unwrap_or(f.updated_at);
            let first = self.date_of(went_live)?;
            let tz = self.store_tz()?;
            let alerts = self.recent_alerts()?;
            for i in 0..plan::MONITOR_DAYS {
                let date = first + jiff::Span::new().days(i64::from(i) + 1);
                let from = crate::time::start_of_day(date, &tz);
                let to = crate::time::start_of_day(date + jiff::Span::new().days(1), &tz);
                let counts = if date <= today { self.store.flow_day(f.id, from, to)? } else { Default::default() };
                let get = |k: &str| counts.get(k).copied().unwrap_or(0);
                let key = date.to_string();
                let reviewed = r.reviews.get(&key).copied();
                let rollout_day = start.map_or(0, |s| ((date - s).get_days().max(0) + 1) as u32);
                monitoring.push(MonitorDay {
                    date: key.clone(),
                    day: rollout_day,
                    sent: get("sent"),
                    held: get("held") + get("skipped"),
                    unsubscribed: get("attributed"),
                    complaints: get("complained"),
                    alerts: alerts
                        .iter()
                        .filter(|a| a.slug == f.slug && a.at.get(..10) == Some(key.as_str()))
                        .map(|a| a.message.clone())
                        .collect(),
                    reviewed_at: reviewed.map(crate::time::rfc3339),
                    state: if reviewed.is_some() {
                        "done"
                    } else if date == today {
                        "today"
                    } else if date < today {
                        "late"
                    } else {
                        "upcoming"
                    }
                    .to_owned(),
                });
            }
            let from_date = first + jiff::Span::new().days(30);
            next = self.suggest_next(&rows, &from_date.to_string())?;
        }

        let today_step = if r.started_at.is_none() {
            Some("Start the 14-day rollout: day 1 maps your store's revenue moments.".to_owned())
        } else if let Some(s) = steps.iter().find(|s| s.state == "today" || s.state == "late") {
            let open: Vec<String> = s.checks.iter().filter(|c| !c.done).map(|c| c.label.to_lowercase()).collect();
            Some(format!(
                "{} (day {}{}) — still to do: {}.",
                s.title,
                s.first_day,
                if s.last_day > s.first_day { format!("–{}", s.last_day) } else { String::new() },
                joined(&open)
            ))
        } else {
            monitoring
                .iter()
                .find(|d| d.state == "today")
                .map(|_| "Today's monitoring check: look at yesterday's sends, holds and unsubscribes.".to_owned())
        };
        Ok(Rollout {
            started_on: start.map(|s| s.to_string()),
            day,
            today: today.to_string(),
            flow: flow.as_ref().map(|f| f.slug.clone()),
            flow_name: flow.as_ref().map(|f| f.name.clone()),
            steps,
            launched,
            live_percent,
            monitoring,
            next,
            today_step,
            any_flow_live,
        })
    }

    /// The next workflow to add, chosen from the store's numbers among the playbooks not live.
    fn suggest_next(&self, rows: &[crate::store::FlowRow], from_date: &str) -> Result<Option<NextWorkflow>, ApiError> {
        let mapping = self.workflow_mapping()?;
        let busy = |slug: &str| rows.iter().any(|f| f.slug == slug && matches!(f.status.as_str(), "live" | "paused"));
        let mut best: Option<(f64, NextWorkflow)> = None;
        for (slug, name, moment) in PLAYBOOKS {
            if busy(slug) {
                continue;
            }
            let Some(m) = mapping.moments.iter().find(|m| m.key == moment) else { continue };
            if m.signals_30d == 0 {
                continue;
            }
            // The moment's share of revenue, weighted by how many signals a month would start it.
            let score = (m.share + 0.01) * (m.signals_30d as f64).ln_1p();
            let why = format!(
                "{} {}",
                m.title,
                m.detail.split(". ").next().unwrap_or("").trim_end_matches('.').to_lowercase()
            );
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    NextWorkflow {
                        slug: slug.to_owned(),
                        name: name.to_owned(),
                        why: format!("{why}."),
                        from_date: from_date.to_owned(),
                    },
                ));
            }
        }
        Ok(best.map(|(_, n)| n))
    }
}
