//! The façade's running flows: the dry run over history, the durable scheduler tick (state read
//! from SQLite, run through the engine, written back with its decisions, tasks and outbox emails
//! in one transaction), staged launch, pause, the kill switch and resume, approvals, guardrail
//! settings, the decision ledger and tasks.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::dto::{FlowSummary, Money};
use super::error::{ApiError, ErrorKind};
use super::flows_dto::*;
use super::Storeloop;
use crate::flows::engine::{
    self, Compiled, Consent, Decided, Decision, Engine, Enrolment, Facts, Hold, Input, Mode, Zones,
};
use crate::flows::guard::{Policy, OFFER_OPEN_DAYS};
use crate::flows::model::{Flow, Step, Trigger};
use crate::mail::compose::Deferred;
use crate::store::{DecisionFilter, DecisionRow, EnrolmentRow, FactsRow, FlowMessage, FlowRow, TaskRow, TickWrite};

const DAY: i64 = 86_400;
pub(super) const POLICY_KEY: &str = "guardrails";
const KILL_KEY: &str = "flows.kill_all";
pub(super) const CURSOR_KEY: &str = "flows.cursor";
const LAST_TICK_KEY: &str = "flows.last_tick";
const TICK_FAILURE_KEY: &str = "flows.tick_failure";

fn invalid(msg: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, msg)
}

fn internal(msg: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorKind::Internal, msg.to_string())
}

/// A line of a dry run's ledger (what `flows simulate --json` prints).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LedgerLine {
    pub at: String,
    pub customer: i64,
    pub enrolment: Option<u64>,
    pub step: Option<String>,
    pub decision: &'static str,
    pub reason: String,
    pub holdout: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_minor: Option<i64>,
}

fn static_segment(s: Option<&str>) -> &'static str {
    match s {
        Some("a") => "a",
        Some("b") => "b",
        Some("c") => "c",
        Some(_) => "other",
        None => engine::UNSCORED,
    }
}

fn static_status(s: Option<&str>) -> &'static str {
    match s {
        Some("new") => "new",
        Some("active") => "active",
        Some("due") => "due",
        Some("at_risk") => "at_risk",
        Some("lapsed") => "lapsed",
        Some("seasonal") => "seasonal",
        _ => "no_orders",
    }
}

/// Facts for the engine, with the time zones they name.
fn facts_of(
    rows: Vec<FactsRow>,
    store_tz: jiff::tz::TimeZone,
    custom: &HashMap<i64, Vec<String>>,
) -> (HashMap<i64, Facts>, Zones) {
    let mut zones = Zones { store: store_tz, others: Vec::new() };
    let mut names: HashMap<String, u32> = HashMap::new();
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let zone = r.timezone.as_deref().filter(|z| !z.is_empty()).and_then(|z| {
            if let Some(i) = names.get(z) {
                return Some(*i);
            }
            let tz = crate::time::zone(z).ok()?;
            zones.others.push(tz);
            let i = (zones.others.len() - 1) as u32;
            names.insert(z.to_owned(), i);
            Some(i)
        });
        let mut numbers = [f64::NAN; 8];
        for (n, v) in numbers.iter_mut().zip(r.numbers) {
            *n = v.unwrap_or(f64::NAN);
        }
        out.insert(
            r.id,
            Facts {
                consent: Consent::from_stored(&r.consent),
                consent_at: r.consent_at,
                suppressed_at: r.suppressed_at,
                zone,
                segment: static_segment(r.segment.as_deref()),
                status: static_status(r.status.as_deref()),
                numbers,
                last_order_at: r.last_order_at,
                custom: custom.get(&r.id).cloned().unwrap_or_default(),
                engaged_at: r.engaged_at,
                first_mailed_at: r.first_mailed_at,
                order_value_minor: r.order_value_minor.unwrap_or(0),
            },
        );
    }
    (out, zones)
}

fn mode_of(status: &str) -> Option<Mode> {
    match status {
        "live" => Some(Mode::Live),
        "paused" => Some(Mode::Paused),
        "killed" => Some(Mode::Killed),
        _ => None,
    }
}

fn trigger_words(t: &Trigger) -> String {
    match t {
        Trigger::CheckoutAbandoned => "A customer leaves a checkout without ordering".into(),
        Trigger::ProductViewedWithoutAdd => "A customer views a product without adding it to the cart".into(),
        Trigger::OrderPlaced => "A customer places an order".into(),
        Trigger::OrderFulfilled => "An order is fulfilled".into(),
        Trigger::OrderDelivered => "An order is delivered".into(),
        Trigger::TicketOpened => "A support ticket is opened".into(),
        Trigger::TicketClosed => "A support ticket is closed".into(),
        Trigger::ScoreCrossed { score, above } => {
            format!("A customer's {} rises above {above}", score.replace('_', " "))
        }
        Trigger::ReorderDue => "A customer's usual reorder date passes".into(),
    }
}

fn minutes_words(m: u64) -> String {
    let plural = |n: u64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    if m.is_multiple_of(1440) {
        plural(m / 1440, "day")
    } else if m.is_multiple_of(60) {
        plural(m / 60, "hour")
    } else {
        plural(m, "minute")
    }
}

fn segment_words(s: &str) -> String {
    match s {
        "a" => "Group A: usually pays full price".into(),
        "b" => "Group B: waits for a discount".into(),
        "c" => "Group C: new here".into(),
        "other" => "Everyone else".into(),
        other => format!("Segment {other}"),
    }
}

fn condition_words(c: &crate::flows::model::Condition) -> String {
    let op = match c.op.as_str() {
        "eq" | "=" | "==" => "is",
        "ne" | "!=" => "is not",
        "lt" | "<" => "below",
        "le" | "<=" => "at most",
        "gt" | ">" => "above",
        "ge" | ">=" => "at least",
        other => other,
    };
    let field = match c.field.as_str() {
        "consent" => "Email consent".to_owned(),
        "segment" => "Group".to_owned(),
        "status" => "Status".to_owned(),
        "churn_risk" => "Churn risk".to_owned(),
        "p_alive" => "Chance still active".to_owned(),
        "full_price_probability" => "Chance of paying full price".to_owned(),
        "clv" => "12-month value".to_owned(),
        "days_since_last_order" => "Days since last order".to_owned(),
        other => {
            let words = other.replace('_', " ");
            let mut chars = words.chars();
            chars.next().map_or(String::new(), |f| f.to_uppercase().chain(chars).collect())
        }
    };
    format!("{field} {op} {}", c.value.replace('_', " "))
}

/// The flow's nodes as the canvas draws them.
fn node_views(flow: &Flow) -> Vec<FlowNodeView> {
    let edge = |to: &str, label: &str| FlowEdge { to: to.to_owned(), label: label.to_owned() };
    flow.nodes
        .iter()
        .map(|n| {
            let (title, detail, edges) = match &n.step {
                Step::Wait { minutes, next } => {
                    (format!("Wait {}", minutes_words(*minutes)), String::new(), vec![edge(next, "")])
                }
                Step::WaitWindow { from_hour, to_hour, next } => (
                    "Wait for the right time of day".into(),
                    format!("{from_hour}:00–{to_hour}:00 in the customer's time zone"),
                    vec![edge(next, "")],
                ),
                Step::WaitEvent { event, timeout_minutes, next, timeout_next } => (
                    format!("Wait for \u{201c}{}\u{201d}", event.replace('_', " ")),
                    format!("at most {}", minutes_words(*timeout_minutes)),
                    vec![
                        edge(next, "it happened"),
                        edge(timeout_next, &format!("not within {}", minutes_words(*timeout_minutes))),
                    ],
                ),
                Step::Split { branches, otherwise } => {
                    let mut edges: Vec<FlowEdge> = branches
                        .iter()
                        .map(|b| {
                            let mut parts = Vec::new();
                            if let Some(s) = &b.segment {
                                parts.push(segment_words(s));
                            }
                            if let Some(e) = &b.event {
                                parts.push(format!("{} since entry", e.replace('_', " ")));
                            }
                            parts.extend(b.conditions.iter().map(condition_words));
                            edge(&b.next, &parts.join(" and "))
                        })
                        .collect();
                    edges.push(edge(otherwise, "everyone else"));
                    ("Split".into(), format!("{} ways", edges.len()), edges)
                }
                Step::Ab { arms } => (
                    "A/B test".into(),
                    arms.iter().map(|a| format!("{} {}%", a.name, a.weight)).collect::<Vec<_>>().join(", "),
                    arms.iter().map(|a| edge(&a.next, &format!("{} ({}%)", a.name, a.weight))).collect(),
                ),
                Step::Email { template, subject, next, .. } => {
                    (format!("Send \u{201c}{subject}\u{201d}"), format!("template {template}"), vec![edge(next, "")])
                }
                Step::Offer { percent, next } => {
                    (format!("Offer {percent}% off"), "within the discount policy".into(), vec![edge(next, "")])
                }
                Step::Task { text, next } => ("Task for you".into(), text.clone(), vec![edge(next, "")]),
                Step::Exit => ("End".into(), String::new(), Vec::new()),
            };
            let kind = match &n.step {
                Step::Wait { .. } => "wait",
                Step::WaitWindow { .. } => "wait_window",
                Step::WaitEvent { .. } => "wait_event",
                Step::Split { .. } => "split",
                Step::Ab { .. } => "ab",
                Step::Email { .. } => "email",
                Step::Offer { .. } => "offer",
                Step::Task { .. } => "task",
                Step::Exit => "exit",
            };
            FlowNodeView { id: n.id.clone(), kind: kind.into(), title, detail, edges }
        })
        .collect()
}

fn count_reasons(map: HashMap<String, u64>) -> Vec<ReasonCount> {
    let mut v: Vec<ReasonCount> = map.into_iter().map(|(reason, count)| ReasonCount { reason, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));
    v
}

/// Reasons that differ only by numbers are grouped ("skipped: 3 days late" …).
fn reason_group(r: &str) -> String {
    if r.starts_with("skipped: ") && r.contains(" late") {
        return "skipped: too late to send".into();
    }
    if r.starts_with("still in the flow at") {
        return "still in the flow when the dry run ended".into();
    }
    if r.starts_with("still held at") {
        return "still held when the dry run ended".into();
    }
    r.to_owned()
}

/// The owner's excluded categories, each one a category the store's products use (matched
/// without case, stored as the products spell it).
fn clean_categories(asked: &[String], known: &[String]) -> Result<Vec<String>, ApiError> {
    let mut out: Vec<String> = Vec::new();
    for a in asked.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(a)) else {
            return Err(invalid(format!(
                "Guardrail `excluded_categories`: no product is in the category \"{a}\" (the store's categories: {}). Nothing was saved.",
                if known.is_empty() { "none yet".to_owned() } else { known.join(", ") }
            )));
        };
        if !out.contains(k) {
            out.push(k.clone());
        }
    }
    Ok(out)
}

impl Storeloop {
    /// The guardrail policy as saved (the defaults until the owner changes them).
    pub(crate) fn policy(&self) -> Result<Policy, ApiError> {
        let mut p = match self.store.setting(POLICY_KEY)? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => Policy::default(),
        };
        p.kill_all = self.store.setting(KILL_KEY)?.as_deref() == Some("1");
        Ok(p)
    }

    pub(super) fn store_currency(&self) -> Result<String, ApiError> {
        Ok(self.store.settings()?.map(|s| s.currency).unwrap_or_else(|| "USD".into()))
    }

    pub(super) fn store_tz(&self) -> Result<jiff::tz::TimeZone, ApiError> {
        let settings = self.store.settings()?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, "There is no store open: open the demo store or import your data first.")
        })?;
        crate::time::zone(&settings.timezone).map_err(|e| invalid(e.to_string()))
    }

    /// The guardrails every send passes.
    pub fn guardrail_settings(&self) -> Result<GuardrailSettings, ApiError> {
        let p = self.policy()?;
        Ok(GuardrailSettings {
            frequency_cap: p.frequency_cap,
            frequency_days: p.frequency_days,
            quiet_start_hour: p.quiet_start_hour,
            quiet_end_hour: p.quiet_end_hour,
            max_discount_percent: p.max_discount_percent,
            weekly_discount_budget: Money { minor: p.weekly_discount_budget_minor, currency: self.store_currency()? },
            min_margin_percent: p.min_margin_percent,
            no_discount_for_segment_a: p.no_discount_for_segment_a,
            no_stacking: p.no_stacking,
            engagement_days: p.engagement_days,
            auto_pause_unsubscribe_percent: p.auto_pause_unsubscribe_percent,
            auto_pause_complaint_percent: p.auto_pause_complaint_percent,
            max_late_hours: p.max_late_hours,
            kill_all: p.kill_all,
            excluded_categories: p.excluded_categories,
        })
    }

    /// The product categories the store's products use (what `excluded_categories` may name).
    pub fn product_categories(&self) -> Result<Vec<String>, ApiError> {
        Ok(self.store.product_categories()?)
    }

    /// Saves the guardrails (the kill switch has its own commands and is not changed here).
    pub fn save_guardrail_settings(&mut self, s: &GuardrailSettings) -> Result<GuardrailSettings, ApiError> {
        let p = Policy {
            frequency_cap: s.frequency_cap,
            frequency_days: s.frequency_days,
            quiet_start_hour: s.quiet_start_hour,
            quiet_end_hour: s.quiet_end_hour,
            max_discount_percent: s.max_discount_percent,
            weekly_discount_budget_minor: s.weekly_discount_budget.minor,
            min_margin_percent: s.min_margin_percent,
            no_discount_for_segment_a: s.no_discount_for_segment_a,
            no_stacking: s.no_stacking,
            engagement_days: s.engagement_days,
            auto_pause_unsubscribe_percent: s.auto_pause_unsubscribe_percent,
            auto_pause_complaint_percent: s.auto_pause_complaint_percent,
            max_late_hours: s.max_late_hours,
            kill_all: false,
            excluded_categories: clean_categories(&s.excluded_categories, &self.store.product_categories()?)?,
        };
        p.validate().map_err(|e| invalid(format!("Guardrail `{}`: {}. Nothing was saved.", e.field, e.why)))?;
        let json = serde_json::to_string(&p).map_err(internal)?;
        self.store.set_setting(POLICY_KEY, &json)?;
        self.guardrail_settings()
    }

    pub(super) fn flow_row(&self, slug: &str) -> Result<(FlowRow, Flow), ApiError> {
        let row = self.store.flow_rows()?.into_iter().find(|f| f.slug == slug).ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, format!("There is no flow `{slug}`: `storeloop flows list` shows them."))
        })?;
        let flow = Flow::from_json(&row.definition)?;
        Ok((row, flow))
    }

    pub(super) fn summary_of(&self, slug: &str) -> Result<FlowSummary, ApiError> {
        self.flows_list()?.into_iter().find(|f| f.slug == slug).ok_or_else(|| internal(format!("flow {slug} vanished")))
    }

    /// Why this version needs an owner's approval before it goes live (empty: it does not).
    pub(super) fn approval_reasons(&self, row: &FlowRow, flow: &Flow) -> Result<Vec<String>, ApiError> {
        let approved: Vec<Flow> =
            self.store.approved_definitions(row.id)?.iter().filter_map(|d| Flow::from_json(d).ok()).collect();
        let offers_in = |f: &Flow| -> HashSet<u32> {
            f.nodes
                .iter()
                .filter_map(|n| if let Step::Offer { percent, .. } = n.step { Some(percent) } else { None })
                .collect()
        };
        let known: HashSet<u32> = approved.iter().flat_map(offers_in).collect();
        let mut reasons = Vec::new();
        for n in &flow.nodes {
            if let Step::Offer { percent, .. } = n.step {
                if !known.contains(&percent) {
                    reasons.push(format!("It gives a new offer: {percent}% off (step `{}`).", n.id));
                }
            }
        }
        let conditions = flow.entry.iter().chain(flow.nodes.iter().flat_map(|n| match &n.step {
            Step::Split { branches, .. } => branches.iter().flat_map(|b| b.conditions.iter()).collect::<Vec<_>>(),
            _ => Vec::new(),
        }));
        let risky = conditions.into_iter().any(|c| {
            c.field == "churn_risk" || (c.field == "status" && matches!(c.value.as_str(), "at_risk" | "lapsed"))
        });
        if risky && approved.is_empty() {
            reasons.push("It targets customers at high risk of leaving.".into());
        }
        let shows_products = flow.nodes.iter().any(|n| match &n.step {
            Step::Email { template, .. } => crate::flows::shows_product(template),
            _ => false,
        });
        if shows_products && self.store.regulated_products()? > 0 && approved.is_empty() {
            reasons.push("Its emails may show products in a regulated category.".into());
        }
        if row.approved_at.is_some() {
            return Ok(Vec::new());
        }
        Ok(reasons)
    }

    /// A flow with its graph, approval, latest dry run and what it has done live.
    pub fn flow_detail(&self, slug: &str) -> Result<FlowDetail, ApiError> {
        let (row, flow) = self.flow_row(slug)?;
        let reasons = self.approval_reasons(&row, &flow)?;
        let dry_run = match self.store.latest_dry_run(row.id, row.version)? {
            Some(json) => serde_json::from_str(&json).ok(),
            None => None,
        };
        let (counts, active) = self.store.flow_live(row.id)?;
        Ok(FlowDetail {
            summary: self.summary_of(slug)?,
            trigger: trigger_words(&flow.trigger),
            entry: flow.entry.iter().map(condition_words).collect(),
            exits: flow
                .exit
                .iter()
                .map(|e| {
                    match e {
                        crate::flows::model::ExitWhen::Ordered => "They order",
                        crate::flows::model::ExitWhen::Unsubscribed => "They unsubscribe",
                        crate::flows::model::ExitWhen::TicketOpened => "They open a support ticket",
                    }
                    .to_owned()
                })
                .collect(),
            start: flow.start.clone(),
            nodes: node_views(&flow),
            approval: FlowApproval {
                reasons,
                approved_by: row.approved_by.clone(),
                approved_at: row.approved_at.map(crate::time::rfc3339),
            },
            dry_run,
            active: active.max(0) as u64,
            live: counts
                .into_iter()
                .map(|(reason, count)| ReasonCount { reason, count: count.max(0) as u64 })
                .collect(),
        })
    }

    /// Records an owner's approval of the flow's current version.
    pub fn approve_flow(&mut self, slug: &str, by: &str) -> Result<FlowDetail, ApiError> {
        let by = by.trim();
        if by.is_empty() {
            return Err(invalid("Say who approves: give a name (`--by NAME`)."));
        }
        let (row, _) = self.flow_row(slug)?;
        self.store.approve_flow_version(row.id, row.version, by, self.clock.now().as_second())?;
        self.log_flow(row.id, "approved", &format!("version {} approved by {by}", row.version))?;
        self.flow_detail(slug)
    }

    pub(super) fn log_flow(&mut self, flow_id: i64, decision: &'static str, reason: &str) -> Result<(), ApiError> {
        let now = self.clock.now().as_second();
        let d = DecisionRow {
            at: now,
            flow_id: Some(flow_id),
            enrolment_id: None,
            customer_id: None,
            node: None,
            decision,
            reason: reason.to_owned(),
            holdout: false,
            amount_minor: 0,
        };
        self.store.save_tick(&TickWrite { decisions: vec![d], now, ..TickWrite::default() })?;
        Ok(())
    }

    /// Custom segment memberships (`custom-N`) of customers, for splits that name them.
    fn custom_memberships(&self, flows: &[Flow]) -> Result<HashMap<i64, Vec<String>>, ApiError> {
        let named: HashSet<String> = flows
            .iter()
            .flat_map(|f| f.nodes.iter())
            .flat_map(|n| match &n.step {
                Step::Split { branches, .. } => branches.iter().filter_map(|b| b.segment.clone()).collect(),
                _ => Vec::new(),
            })
            .filter(|s| s.starts_with("custom-"))
            .collect();
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        for seg in named {
            for id in self.segment_members(&seg)? {
                out.entry(id).or_default().push(seg.clone());
            }
        }
        Ok(out)
    }

    /// What the flow would have done over the last `days` days; saved as the version's dry run
    /// (a draft becomes "dry run"). `ledger` receives every decision when given.
    pub fn simulate_flow_with(
        &mut self,
        slug: &str,
        days: u32,
        ledger: Option<&mut dyn FnMut(LedgerLine)>,
    ) -> Result<DryRunReport, ApiError> {
        if days == 0 || days > 730 {
            return Err(invalid(format!("A dry run covers 1 to 730 days, not {days}.")));
        }
        let (row, flow) = self.flow_row(slug)?;
        let mut policy = self.policy()?;
        policy.kill_all = false;
        let compiled = Compiled::new(&flow, row.version as u32, Mode::Live, 100, &policy)?;
        let now = self.clock.now().as_second();
        let from = now - i64::from(days) * DAY;
        let tz = self.store_tz()?;
        let custom = self.custom_memberships(std::slice::from_ref(&flow))?;
        let (facts, zones) = facts_of(self.store.flow_facts(None)?, tz.clone(), &custom);
        let mut engine = Engine::new(vec![compiled], facts, zones, policy);
        engine.attribute_unsubscribes = false;
        let mut inputs = self.store.flow_inputs(from, now)?;
        if flow.trigger == Trigger::ReorderDue {
            inputs.extend(self.store.reorder_due(from, now)?);
            inputs.sort_by_key(|i| i.at);
        }
        engine.run(inputs, now);
        engine.finish(now);

        let currency = self.store_currency()?;
        let scored = self.store.latest_run()?.is_some();
        let report = tally(&engine, &flow, slug, row.version as u32, days, from, now, &tz, &currency, scored);
        if let Some(sink) = ledger {
            for d in &engine.out {
                sink(LedgerLine {
                    at: crate::time::rfc3339(d.at),
                    customer: d.customer,
                    enrolment: d.enrolment,
                    step: d.node.map(|n| engine.flows[0].ids[n].clone()),
                    decision: d.decided.code(),
                    reason: d.reason.clone(),
                    holdout: d.holdout,
                    amount_minor: (d.amount_minor != 0 && matches!(d.decided, Decided::Offer | Decided::WouldOffer))
                        .then_some(d.amount_minor),
                });
            }
        }
        let json = serde_json::to_string(&report).map_err(internal)?;
        self.store.save_dry_run(row.id, row.version, now, &json)?;
        if row.status == "draft" {
            self.store.set_flow_status(row.id, "dry_run", 0, now)?;
        }
        Ok(report)
    }

    /// The dry run, without the ledger.
    pub fn simulate_flow(&mut self, slug: &str, days: u32) -> Result<DryRunReport, ApiError> {
        self.simulate_flow_with(slug, days, None)
    }

    /// Takes the flow live for `percent`% of the customers it triggers for (staged launch).
    /// Its WORKFLOW checklist must pass, or `override_reason` says why it goes live anyway
    /// (recorded in the audit trail); a dry run and any approval it needs cannot be overridden.
    pub fn launch_flow(
        &mut self,
        slug: &str,
        percent: u32,
        override_reason: Option<&str>,
    ) -> Result<FlowSummary, ApiError> {
        self.go_live(slug, percent, Some(override_reason))
    }

    /// `gate`: None skips the checklist (the demo's history player, which says so in the
    /// ledger); Some(reason) checks it.
    pub(super) fn go_live(
        &mut self,
        slug: &str,
        percent: u32,
        gate: Option<Option<&str>>,
    ) -> Result<FlowSummary, ApiError> {
        if percent == 0 || percent > 100 {
            return Err(invalid(format!("Launch for 1 to 100 percent of customers, not {percent}.")));
        }
        let (row, flow) = self.flow_row(slug)?;
        if row.status == "killed" {
            return Err(invalid(format!(
                "`{slug}` was stopped with the kill switch. Resume it first (Resume on the flow's page, or `storeloop flows resume {slug}`), then launch."
            )));
        }
        if self.store.latest_dry_run(row.id, row.version)?.is_none() {
            return Err(invalid(format!(
                "Run a dry run of version {} first, to see what it would do: Dry run on the flow's page, or `storeloop flows simulate {slug} --days 30`.",
                row.version
            )));
        }
        let reasons = self.approval_reasons(&row, &flow)?;
        if !reasons.is_empty() {
            return Err(invalid(format!(
                "Version {} needs your approval before it goes live: {} Approve it on the flow's page, or with `storeloop flows approve {slug} --by NAME`.",
                row.version,
                reasons.join(" ")
            )));
        }
        self.sender()?;
        if let Some(reason) = gate {
            self.checklist_gate(slug, row.id, reason)?;
        }
        let now = self.clock.now().as_second();
        if self.store.setting(CURSOR_KEY)?.is_none() {
            // On the demo store the first tick replays its last two days, so the owner sees
            // the flow work at once; a real store starts from now.
            let demo = self.store.settings()?.is_some_and(|s| s.source == crate::model::StoreSource::Demo);
            let start = if demo { now - 2 * DAY } else { now };
            self.store.set_setting(CURSOR_KEY, &start.to_string())?;
        }
        self.store.set_flow_status(row.id, "live", i64::from(percent), now)?;
        self.log_flow(row.id, "launched", &format!("live for {percent}% of customers"))?;
        self.summary_of(slug)
    }

    /// Pauses a flow: no new enrolments, running ones wait, its queued emails stay in the outbox.
    pub fn pause_flow(&mut self, slug: &str) -> Result<FlowSummary, ApiError> {
        let (row, _) = self.flow_row(slug)?;
        if !matches!(row.status.as_str(), "live") {
            return Err(invalid(format!(
                "`{slug}` is not live (it is {}); only a live flow can be paused.",
                row.status.replace('_', " ")
            )));
        }
        self.store.set_flow_status(row.id, "paused", row.live_percent, self.clock.now().as_second())?;
        self.log_flow(row.id, "paused", "paused by the owner")?;
        self.summary_of(slug)
    }

    /// The explicit decision to resume a paused or stopped flow: it goes live again at its
    /// launch share, and what it held moves on (stale steps are skipped, not sent late).
    pub fn resume_flow(&mut self, slug: &str) -> Result<FlowSummary, ApiError> {
        let (row, _) = self.flow_row(slug)?;
        if !matches!(row.status.as_str(), "paused" | "killed") {
            return Err(invalid(format!(
                "`{slug}` is not paused or stopped (it is {}).",
                row.status.replace('_', " ")
            )));
        }
        let now = self.clock.now().as_second();
        let pct = if row.live_percent > 0 { row.live_percent } else { 100 };
        self.store.set_flow_status(row.id, "live", pct, now)?;
        self.store.resume_enrolments(Some(row.id), now)?;
        self.log_flow(row.id, "resumed", &format!("resumed by the owner, live for {pct}%"))?;
        self.summary_of(slug)
    }

    /// The kill switch: one flow, or (with `None`) everything. Takes effect at the next
    /// scheduler tick and at once in the outbox: queued flow emails are held there, not lost.
    pub fn kill_switch(&mut self, slug: Option<&str>) -> Result<KillState, ApiError> {
        let now = self.clock.now().as_second();
        match slug {
            Some(slug) => {
                let (row, _) = self.flow_row(slug)?;
                self.store.set_flow_status(row.id, "killed", row.live_percent, now)?;
                self.log_flow(row.id, "killed", "stopped with the kill switch")?;
            }
            None => {
                self.store.set_setting(KILL_KEY, "1")?;
                let d = DecisionRow {
                    at: now,
                    flow_id: None,
                    enrolment_id: None,
                    customer_id: None,
                    node: None,
                    decision: "killed",
                    reason: "all sending stopped with the kill switch".into(),
                    holdout: false,
                    amount_minor: 0,
                };
                self.store.save_tick(&TickWrite { decisions: vec![d], now, ..TickWrite::default() })?;
            }
        }
        self.kill_state()
    }

    /// Releases the global kill switch: the explicit decision that lets held emails and steps go.
    pub fn release_kill_switch(&mut self) -> Result<KillState, ApiError> {
        let now = self.clock.now().as_second();
        self.store.set_setting(KILL_KEY, "0")?;
        self.store.resume_enrolments(None, now)?;
        let d = DecisionRow {
            at: now,
            flow_id: None,
            enrolment_id: None,
            customer_id: None,
            node: None,
            decision: "resumed",
            reason: "sending resumed by the owner".into(),
            holdout: false,
            amount_minor: 0,
        };
        self.store.save_tick(&TickWrite { decisions: vec![d], now, ..TickWrite::default() })?;
        self.kill_state()
    }

    /// Whether the kill switch is on, for which flows, and how many emails it holds.
    pub fn kill_state(&self) -> Result<KillState, ApiError> {
        let all = self.policy()?.kill_all;
        let flows = self.store.flow_rows()?.into_iter().filter(|f| f.status == "killed").map(|f| f.slug).collect();
        Ok(KillState { all, flows, held_messages: self.store.held_flow_messages(all)?.max(0) as u64 })
    }

    /// The sender: name, address and postal address; flows cannot go live without them.
    pub(super) fn sender(&self) -> Result<(String, String, String), ApiError> {
        let settings = self.store.settings()?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, "There is no store yet: open the demo store or import your data first.")
        })?;
        let from_name = self.store.setting("sending.from_name")?.unwrap_or_else(|| settings.name.clone());
        let from = match (self.store.setting("sending.from")?, &settings.domain) {
            (Some(f), _) => f,
            (None, Some(d)) => format!("hello@{d}"),
            (None, None) => {
                return Err(invalid("There is no sender address yet: set one under Connections → Email sending."))
            }
        };
        let postal = settings.postal_address.clone().ok_or_else(|| {
            invalid("Marketing email must carry the store's postal address: add it under Connections → Email sending.")
        })?;
        Ok((from_name, from, postal))
    }

    /// One scheduler tick: reads what happened since the last one, runs every live, paused or
    /// stopped flow up to now and saves the result — enrolments, decisions, tasks and the emails
    /// to send — in one transaction. Safe to repeat: a crash before the commit redoes the tick;
    /// each email's idempotency key keeps it from being queued twice.
    pub fn run_flows(&mut self) -> Result<TickReport, ApiError> {
        let now = self.clock.now().as_second();
        let policy = self.policy()?;
        let rows: Vec<FlowRow> = self.store.flow_rows()?;
        let mut flows = Vec::new();
        let mut ids = Vec::new();
        let mut defs = Vec::new();
        for r in &rows {
            let Some(mode) = mode_of(&r.status) else { continue };
            let def = Flow::from_json(&r.definition)?;
            flows.push(Compiled::new(&def, r.version as u32, mode, r.live_percent.clamp(0, 100) as u32, &policy)?);
            ids.push(r.id);
            defs.push(def);
        }
        let mut report = TickReport { at: crate::time::rfc3339(now), ..TickReport::default() };
        let cursor: i64 = self.store.setting(CURSOR_KEY)?.and_then(|c| c.parse().ok()).unwrap_or(now);
        if flows.is_empty() {
            self.store.save_tick(&TickWrite { cursor: Some(now.max(cursor)), now, ..TickWrite::default() })?;
            return Ok(report);
        }
        // A clock that went back reads nothing twice: the cursor never moves backwards.
        let until = now.max(cursor);
        let mut inputs: Vec<Input> = if now > cursor { self.store.flow_inputs(cursor, now)? } else { Vec::new() };
        if now > cursor && flows.iter().any(|f| f.trigger == Trigger::ReorderDue) {
            inputs.extend(self.store.reorder_next(cursor, now)?);
            inputs.sort_by_key(|i| i.at);
        }
        report.inputs = inputs.len() as u64;
        let mut customers: Vec<i64> = inputs.iter().map(|i| i.customer).collect();
        customers.sort_unstable();
        customers.dedup();
        let (stored, max_id) = self.store.tick_enrolments(until, &customers)?;
        let index_of: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        customers.extend(stored.iter().map(|e| e.customer_id));
        customers.sort_unstable();
        customers.dedup();
        let tz = self.store_tz()?;
        let custom = self.custom_memberships(&defs)?;
        let (facts, zones) = facts_of(self.store.flow_facts(Some(&customers))?, tz, &custom);
        let mut engine = Engine::new(flows, facts, zones, policy.clone());
        engine.wall = now;
        engine.keep_ended = true;
        engine.record_repeats = false;
        engine.next_id = (max_id + 1) as u64;
        let mut orphans = Vec::new();
        let mut originals: HashMap<u64, Enrolment> = HashMap::new();
        for e in stored {
            let Some(&f) = index_of.get(&e.flow_id) else {
                orphans.push(e);
                continue;
            };
            let Some(node) = engine.flows[f].node_index(&e.node) else {
                orphans.push(e);
                continue;
            };
            let restored = Enrolment {
                id: e.id as u64,
                flow: f,
                customer: e.customer_id,
                entered_at: e.entered_at,
                node,
                due: e.due_at,
                holdout: e.holdout,
                since: e.since,
                seen: e.seen as u32,
                event_came: e.event_came,
                hold: e.hold.as_deref().and_then(Hold::parse),
                offer_percent: e.offer_percent.map(|p| p as u32),
                value_minor: e.value_minor,
                margin_minor: e.margin_minor,
                reference: e.reference,
            };
            originals.insert(restored.id, restored.clone());
            engine.restore(restored);
        }
        let window = i64::from(policy.frequency_days.max(7)) * DAY;
        let memory = self.store.guard_memory(&customers, now, window, OFFER_OPEN_DAYS * DAY)?;
        for (c, at, flow) in memory.sends {
            engine.remember_send(c, at, flow.and_then(|f| index_of.get(&f).copied()));
        }
        for (c, at) in memory.offers {
            engine.guards.entry(c).or_default().offer_at = Some(at);
        }
        engine.spend.extend(memory.spend);
        for (flow, sent, unsub, complaints) in memory.stats {
            if let Some(&f) = index_of.get(&flow) {
                engine.stats[f] = engine::FlowStats {
                    delivered: sent.max(0) as u64,
                    unsubscribed: unsub.max(0) as u64,
                    complained: complaints.max(0) as u64,
                };
            }
        }
        let stats_before = engine.stats.clone();
        for (c, n) in memory.tickets {
            engine.guards.entry(c).or_default().open_tickets = n.max(0) as u32;
        }
        let modes: Vec<Mode> = engine.flows.iter().map(|f| f.mode).collect();
        engine.run(inputs, until);

        // What to write.
        let mut w = TickWrite { cursor: Some(until), now, ..TickWrite::default() };
        let row_of = |e: &Enrolment, flows: &[Compiled], ended: Option<i64>| EnrolmentRow {
            id: e.id as i64,
            flow_id: ids[e.flow],
            version: i64::from(flows[e.flow].version),
            customer_id: e.customer,
            entered_at: e.entered_at,
            node: flows[e.flow].ids[e.node].clone(),
            due_at: e.due,
            since: e.since,
            holdout: e.holdout,
            hold: e.hold.map(|h| h.code().to_owned()),
            seen: i64::from(e.seen),
            event_came: e.event_came,
            offer_percent: e.offer_percent.map(i64::from),
            value_minor: e.value_minor,
            margin_minor: e.margin_minor,
            reference: e.reference,
            ended_at: ended,
        };
        // Endings first: a customer may leave a flow and enter it again in one tick, and only
        // one enrolment per flow and customer may be active.
        for (e, at) in &engine.ended {
            w.enrolments.push(row_of(e, &engine.flows, Some(*at)));
        }
        for e in engine.enrolments.values() {
            // Only what this tick changed is written.
            if originals.get(&e.id) != Some(e) {
                w.enrolments.push(row_of(e, &engine.flows, None));
            }
        }
        for mut o in orphans {
            o.ended_at = Some(now);
            w.decisions.push(DecisionRow {
                at: now,
                flow_id: Some(o.flow_id),
                enrolment_id: Some(o.id),
                customer_id: Some(o.customer_id),
                node: Some(o.node.clone()),
                decision: "exited",
                reason: "ended: its flow changed or is no longer running".into(),
                holdout: o.holdout,
                amount_minor: 0,
            });
            w.enrolments.push(o);
        }
        for d in &engine.out {
            match d.decided {
                Decided::Entered => report.entered += 1,
                Decided::Held => report.held += 1,
                Decided::Exited => report.exited += 1,
                Decided::NotEntered => {}
                _ => report.steps += 1,
            }
            w.decisions.push(decision_row(d, &ids, &engine.flows));
        }
        for t in &engine.tasks {
            w.tasks.push(TaskRow {
                customer_id: t.customer,
                flow_id: t.flow.map(|f| ids[f]),
                ticket_id: t.ticket,
                text: t.text.clone(),
                created_at: t.at,
            });
        }
        for (f, (after, before)) in engine.stats.iter().zip(&stats_before).enumerate() {
            let delta = |a: u64, b: u64| a.saturating_sub(b) as i64;
            let d = (
                delta(after.delivered, before.delivered),
                delta(after.unsubscribed, before.unsubscribed),
                delta(after.complained, before.complained),
            );
            if d != (0, 0, 0) {
                w.counters.push((ids[f], d.0, d.1, d.2));
            }
        }
        for (f, before) in modes.iter().enumerate() {
            if *before == Mode::Live && engine.flows[f].mode == Mode::Paused {
                w.statuses.push((ids[f], "paused".into(), i64::from(engine.flows[f].live_percent)));
                report.paused.push(engine.flows[f].slug.clone());
            }
        }
        if !engine.emails.is_empty() {
            let mut composer = Composer::new(self)?;
            for m in &engine.emails {
                let flow = &engine.flows[m.flow];
                w.messages.push(composer.compose(self, m, flow, ids[m.flow])?);
                for (enrolment, customer, node, reason, at) in composer.arms.drain(..) {
                    w.decisions.push(DecisionRow {
                        at,
                        flow_id: Some(ids[m.flow]),
                        enrolment_id: Some(enrolment as i64),
                        customer_id: Some(customer),
                        node: Some(flow.ids[node].clone()),
                        decision: "step",
                        reason,
                        holdout: false,
                        amount_minor: 0,
                    });
                }
            }
            report.queued = w.messages.len() as u64;
        }
        self.store.save_tick(&w)?;
        let json = serde_json::to_string(&report).map_err(internal)?;
        self.store.set_setting(LAST_TICK_KEY, &json)?;
        Ok(report)
    }

    /// Records that an automatic tick failed (the app's scheduler calls this), so the Flows
    /// screen can say so instead of the failure going unseen.
    pub fn note_tick_failure(&mut self, message: &str) -> Result<(), ApiError> {
        let f = TickFailure { at: crate::time::rfc3339(self.clock.now().as_second()), message: message.to_owned() };
        let json = serde_json::to_string(&f).map_err(internal)?;
        self.store.set_setting(TICK_FAILURE_KEY, &json)?;
        Ok(())
    }

    /// The last automatic run, and a failure since, if any.
    pub fn scheduler_status(&self) -> Result<SchedulerStatus, ApiError> {
        let last_tick: Option<TickReport> =
            self.store.setting(LAST_TICK_KEY)?.and_then(|j| serde_json::from_str(&j).ok());
        let failure: Option<TickFailure> =
            self.store.setting(TICK_FAILURE_KEY)?.and_then(|j| serde_json::from_str(&j).ok());
        // RFC 3339 UTC texts of one format compare in time order.
        let failure = failure.filter(|f| last_tick.as_ref().is_none_or(|t| f.at >= t.at));
        Ok(SchedulerStatus { last_tick, failure })
    }

    /// A page of the decision ledger, newest first.
    pub fn flow_decisions(&self, q: &DecisionQuery) -> Result<DecisionPage, ApiError> {
        let filter = DecisionFilter {
            flow: q.flow.clone().filter(|s| !s.is_empty()),
            customer_id: q.customer_id,
            decision: q.decision.clone().filter(|s| !s.is_empty()),
            search: q.search.clone().filter(|s| !s.trim().is_empty()),
        };
        let limit = if q.limit == 0 { 50 } else { q.limit.min(500) };
        let (rows, total) = self.store.decisions(&filter, i64::from(q.offset), i64::from(limit))?;
        Ok(DecisionPage {
            entries: rows
                .into_iter()
                .map(|r| DecisionEntry {
                    id: r.id,
                    at: crate::time::rfc3339(r.at),
                    flow: r.flow,
                    customer_id: r.customer_id,
                    customer: r.email,
                    node: r.node,
                    decision: r.decision,
                    reason: r.reason,
                    holdout: r.holdout,
                })
                .collect(),
            total,
        })
    }

    /// Follow-ups for a person, open first.
    pub fn tasks_list(&self) -> Result<Vec<TaskView>, ApiError> {
        Ok(self
            .store
            .tasks()?
            .into_iter()
            .map(|t| TaskView {
                id: t.id,
                customer_id: t.customer_id,
                customer: t.email,
                flow: t.flow,
                text: t.text,
                created_at: crate::time::rfc3339(t.created_at),
                done_at: t.done_at.map(crate::time::rfc3339),
            })
            .collect())
    }

    /// Marks a task done.
    pub fn complete_task(&mut self, id: i64) -> Result<TaskView, ApiError> {
        if !self.store.complete_task(id, self.clock.now().as_second())? {
            return Err(invalid(format!("There is no open task {id}.")));
        }
        self.tasks_list()?.into_iter().find(|t| t.id == id).ok_or_else(|| internal("task vanished"))
    }
}

fn decision_row(d: &Decision, ids: &[i64], flows: &[Compiled]) -> DecisionRow {
    DecisionRow {
        at: d.at,
        flow_id: Some(ids[d.flow]),
        enrolment_id: d.enrolment.map(|e| e as i64),
        customer_id: Some(d.customer),
        node: d.node.map(|n| flows[d.flow].ids[n].clone()),
        decision: d.decided.code(),
        reason: d.reason.clone(),
        holdout: d.holdout,
        amount_minor: d.amount_minor,
    }
}

/// Counts a dry run's decisions into the report.
#[allow(clippy::too_many_arguments)]
fn tally(
    engine: &Engine,
    flow: &Flow,
    slug: &str,
    version: u32,
    days: u32,
    from: i64,
    to: i64,
    tz: &jiff::tz::TimeZone,
    currency: &str,
    scored: bool,
) -> DryRunReport {
    let ids = &engine.flows[0].ids;
    let mut nodes: Vec<NodeCount> =
        ids.iter().map(|id| NodeCount { node: id.clone(), ..NodeCount::default() }).collect();
    let mut reached: HashSet<(u64, usize)> = HashSet::new();
    let mut per_day: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let (mut holds, mut endings, mut refused) = (HashMap::new(), HashMap::new(), HashMap::new());
    let (mut triggered, mut entered, mut holdout, mut sent, mut discounts, mut cost) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0i64);
    let start = engine.flows[0].node_index(&flow.start).unwrap_or(0);
    for d in &engine.out {
        if let (Some(e), Some(n)) = (d.enrolment, d.node) {
            if !matches!(d.decided, Decided::InProgress) && reached.insert((e, n)) {
                nodes[n].reached += 1;
            }
        }
        match d.decided {
            Decided::Entered => {
                triggered += 1;
                entered += 1;
                holdout += u64::from(d.holdout);
                if let Some(e) = d.enrolment {
                    if reached.insert((e, start)) {
                        nodes[start].reached += 1;
                    }
                }
            }
            Decided::NotEntered => {
                triggered += 1;
                let r = if d.reason.starts_with("entry filter") {
                    d.reason.split(" (needs").next().unwrap_or(&d.reason).to_owned()
                } else {
                    d.reason.clone()
                };
                *refused.entry(r).or_insert(0) += 1;
            }
            Decided::Sent | Decided::WouldSend => {
                let day = jiff::Timestamp::from_second(d.at)
                    .map(|t| tz.to_datetime(t).date().to_string())
                    .unwrap_or_default();
                let slot = per_day.entry(day).or_insert((0, 0));
                if d.decided == Decided::Sent {
                    slot.0 += 1;
                    sent += 1;
                    if let Some(n) = d.node {
                        nodes[n].sent += 1;
                    }
                } else {
                    slot.1 += 1;
                    if let Some(n) = d.node {
                        nodes[n].would_send += 1;
                    }
                }
            }
            Decided::Held | Decided::Skipped | Decided::Refused => {
                if let Some(n) = d.node {
                    nodes[n].held += 1;
                }
                *holds.entry(reason_group(&d.reason)).or_insert(0) += 1;
            }
            Decided::Offer => {
                discounts += 1;
                cost += d.amount_minor;
            }
            Decided::Exited | Decided::InProgress => {
                *endings.entry(reason_group(&d.reason)).or_insert(0) += 1;
            }
            _ => {}
        }
    }
    let mut notes = vec![
        "Customers are grouped and scored as they are today, not as they were on each day replayed.".to_owned(),
        format!(
            "Emails sent before {} are not counted toward the frequency cap.",
            crate::time::rfc3339(from).get(..10).unwrap_or("")
        ),
    ];
    match flow.trigger {
        Trigger::OrderFulfilled | Trigger::OrderDelivered | Trigger::ScoreCrossed { .. } => notes.push(
            "The store's history does not record when this trigger happened, so the dry run cannot replay it; it will run live."
                .into(),
        ),
        Trigger::ReorderDue => notes.push("Reorder dates come from each customer's usual cycle as estimated today.".into()),
        _ => {}
    }
    if !scored {
        notes.insert(
            0,
            "Customers have not been scored yet, so every split by group takes its \u{201c}everyone else\u{201d} way and no offer is given. Score them on the Customers screen, then run the dry run again.".into(),
        );
    }
    DryRunReport {
        slug: slug.to_owned(),
        version,
        days,
        from: crate::time::rfc3339(from),
        to: crate::time::rfc3339(to),
        ran_at: crate::time::rfc3339(to),
        triggered,
        entered,
        holdout,
        nodes,
        per_day: per_day.into_iter().map(|(day, (sent, would_send))| DayCount { day, sent, would_send }).collect(),
        emails_sent: sent,
        discounts,
        discount_cost: Money { minor: cost, currency: currency.to_owned() },
        holds: count_reasons(holds),
        endings: count_reasons(endings),
        not_entered: count_reasons(refused),
        notes,
    }
}

/// Builds flow emails: templates parsed once per tick.
struct Composer {
    checked: HashSet<String>,
    products: HashMap<crate::store::ProductOf, Option<crate::store::EmailProduct>>,
    /// Each product's most common return reason, read when the first order's product is.
    issues: Option<HashMap<i64, String>>,
    /// Subject variants chosen (or refused) while building: (enrolment, customer, node, reason,
    /// at), written to the ledger with the tick.
    arms: Vec<(u64, i64, usize, String, i64)>,
    /// A step's sendable copy variants, checked once per tick: by the step's variant list.
    subjects: HashMap<Vec<String>, Vec<(i64, String)>>,
    from_name: String,
    from: String,
    postal: String,
    store_name: String,
    store_url: String,
    domain: String,
    transport: String,
    /// Categories no email shows (lowercase).
    excluded: Vec<String>,
}

/// Where a flow email's links go, and whose they are.
pub(crate) struct EmailPlaces<'a> {
    pub store_name: &'a str,
    pub store_url: &'a str,
    pub postal: &'a str,
    pub unsubscribe_url: &'a str,
    pub cart_url: &'a str,
}

/// The values a flow email's template is filled with — the same for a live email and for the
/// QA step's preview and test sends. The product is shown only where `showable`.
pub(crate) fn email_values(
    at: &EmailPlaces<'_>,
    first_name: Option<&str>,
    product: Option<&crate::store::EmailProduct>,
    excluded: &[String],
) -> std::collections::BTreeMap<String, String> {
    let mut values = std::collections::BTreeMap::new();
    values.insert("store.name".to_owned(), at.store_name.to_owned());
    values.insert("store.url".to_owned(), at.store_url.to_owned());
    values.insert("store.postal_address".to_owned(), at.postal.to_owned());
    values.insert("unsubscribe.url".to_owned(), at.unsubscribe_url.to_owned());
    values.insert("cart.url".to_owned(), at.cart_url.to_owned());
    match product.filter(|p| showable(p, excluded)) {
        Some(p) => {
            values.insert("product.title".to_owned(), p.title.clone());
            values.insert("product.url".to_owned(), p.url.clone().unwrap_or_else(|| at.store_url.to_owned()));
            if let Some(c) = p.care.as_ref().filter(|c| !c.trim().is_empty()) {
                values.insert("product.care".to_owned(), c.trim().trim_end_matches('.').to_owned() + ".");
            }
            if let Some(i) = p.issue.as_ref().filter(|i| !i.trim().is_empty()) {
                values.insert("product.issue".to_owned(), i.trim().trim_end_matches('.').to_lowercase());
            }
        }
        None => {
            values.insert("product.url".to_owned(), at.store_url.to_owned());
        }
    }
    if let Some(f) = first_name {
        values.insert("customer.first_name".to_owned(), f.to_owned());
    }
    values
}

/// Whether an email may show this product: not from an excluded category, and not sold out
/// where stock is tracked (an email about a product nobody can buy only disappoints).
pub(crate) fn showable(p: &crate::store::EmailProduct, excluded: &[String]) -> bool {
    let banned = p.category.as_ref().is_some_and(|c| excluded.iter().any(|e| e.eq_ignore_ascii_case(c.trim())));
    !banned && p.stock.is_none_or(|s| s > 0)
}

impl Composer {
    fn new(app: &Storeloop) -> Result<Composer, ApiError> {
        let (from_name, from, postal) = app.sender()?;
        let settings = app.store.settings()?.ok_or_else(|| internal("no store"))?;
        let domain = settings.domain.clone().unwrap_or_else(|| "example.com".into());
        let via = app.sending_settings()?.via;
        let transport = match via {
            super::dto::SendVia::Outbox => "outbox".to_owned(),
            super::dto::SendVia::Smtp { .. } => "smtp".to_owned(),
            super::dto::SendVia::Provider { provider, .. } => provider,
        };
        Ok(Composer {
            checked: HashSet::new(),
            products: HashMap::new(),
            issues: None,
            arms: Vec::new(),
            subjects: HashMap::new(),
            from_name,
            from,
            postal,
            store_name: settings.name,
            store_url: format!("https://{domain}/"),
            domain,
            transport,
            excluded: app.policy()?.excluded_categories,
        })
    }

    fn product_for(
        &mut self,
        app: &Storeloop,
        m: &engine::Outgoing,
        flow: &Compiled,
    ) -> Result<Option<crate::store::EmailProduct>, ApiError> {
        use crate::store::ProductOf;
        let what = if m.template == "accessories" {
            let pick = app.store.score_of(m.customer)?.and_then(|s| super::customers::first_pick(&s.recommendations));
            match pick {
                Some(id) => ProductOf::Product(id),
                None => return Ok(None),
            }
        } else {
            match flow.trigger {
                Trigger::CheckoutAbandoned => ProductOf::Checkout(m.reference),
                Trigger::OrderPlaced | Trigger::OrderFulfilled | Trigger::OrderDelivered => {
                    ProductOf::Order(m.reference)
                }
                _ => return Ok(None),
            }
        };
        if let Some(p) = self.products.get(&what) {
            return Ok(p.clone());
        }
        let mut p = app.store.email_product(what)?;
        if let (ProductOf::Order(_), Some(p)) = (what, p.as_mut()) {
            if self.issues.is_none() {
                self.issues = Some(app.store.top_return_reasons()?);
            }
            p.issue = self.issues.as_ref().and_then(|m| m.get(&p.id).cloned());
        }
        self.products.insert(what, p.clone());
        Ok(p)
    }

    fn compose(
        &mut self,
        app: &Storeloop,
        m: &engine::Outgoing,
        flow: &Compiled,
        flow_id: i64,
    ) -> Result<FlowMessage, ApiError> {
        let (email, first, last) = app
            .store
            .customer_address(m.customer)?
            .ok_or_else(|| internal(format!("customer {} vanished", m.customer)))?;
        let key = format!(
            "flow:{}:v{}:step:{}:customer:{}:enrolment:{}",
            flow.slug, flow.version, flow.ids[m.node], m.customer, m.enrolment
        );
        // A per-customer token for the unsubscribe link (the store's page handles it).
        let token = format!("{:016x}", {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in format!("{}:{}", m.customer, email).bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        });
        let unsubscribe_url = format!("https://{}/unsubscribe/{token}", self.domain);
        let cart = match m.offer_percent {
            Some(p) => format!("{}discount/THANKS{p}-{}?redirect=/cart", self.store_url, m.enrolment),
            None => format!("{}cart", self.store_url),
        };
        // The product the email is about: for a recommendations email, the customer's first
        // recommendation; otherwise the order's or cart's main product ("by SKU").
        let product = self.product_for(app, m, flow)?;
        let values = email_values(
            &EmailPlaces {
                store_name: &self.store_name,
                store_url: &self.store_url,
                postal: &self.postal,
                unsubscribe_url: &unsubscribe_url,
                cart_url: &cart,
            },
            first.as_deref(),
            product.as_ref(),
            &self.excluded,
        );
        let to_name = match (&first, &last) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (Some(f), None) => Some(f.clone()),
            _ => None,
        };
        // Copy-studio subject lines are checked again here, as the email is built: only a
        // variant approved for its exact current text (and still passing) is ever used.
        let variants = flow.email_variants(m.node);
        let mut subject = m.subject.clone();
        let mut utm_content = flow.ids[m.node].clone();
        if !variants.is_empty() {
            let salt = m.node as u64 ^ flow_id as u64;
            if !self.subjects.contains_key(variants) {
                self.subjects.insert(variants.to_vec(), app.sendable_subjects(variants)?);
            }
            match super::copy::pick_subject(&self.subjects[variants], m.customer, salt).cloned() {
                Some((id, text)) => {
                    subject = text;
                    utm_content = format!("copy-{id}");
                    self.arms.push((m.enrolment, m.customer, m.node, format!("arm copy-{id}"), m.at));
                }
                None => self.arms.push((
                    m.enrolment,
                    m.customer,
                    m.node,
                    "no approved subject variant could be used: the step's own subject was sent".into(),
                    m.at,
                )),
            }
        }
        let deferred = Deferred {
            key: key.clone(),
            template: m.template.clone(),
            values,
            utm_source: "storeloop".into(),
            utm_campaign: flow.slug.clone(),
            utm_content,
            from_name: self.from_name.clone(),
            from: self.from.clone(),
            to_name,
            to: email.clone(),
            subject,
            unsubscribe_https: unsubscribe_url,
            unsubscribe_mailto: format!("mailto:{}?subject=unsubscribe%20{token}", self.from),
            postal_address: self.postal.clone(),
            date: m.at,
        };
        if !self.checked.contains(&m.template) {
            // Built once per template and tick, so a template that cannot render stops the tick
            // here (nothing is saved) rather than failing every email at send time.
            deferred.build().map_err(|e| invalid(format!("The email for `{}` could not be built: {e}", flow.slug)))?;
            self.checked.insert(m.template.clone());
        }
        let payload = deferred.to_payload();
        Ok(FlowMessage {
            key,
            customer_id: m.customer,
            to: email,
            subject: deferred.subject.clone(),
            transport: self.transport.clone(),
            payload,
            flow_id,
        })
    }
}

/// What the flow benchmark measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FlowBench {
    pub customers: u64,
    /// Store happenings read and run through the four live playbooks.
    pub inputs: u64,
    pub ticks: u64,
    pub tick_hours: i64,
    pub seconds: f64,
    pub inputs_per_second: f64,
    pub decisions: u64,
    pub emails_queued: u64,
    pub enrolments_entered: u64,
    /// Peak resident memory of the process (Linux VmHWM), bytes.
    pub peak_rss_bytes: u64,
    /// Setting up (migrating, scoring when the store has no scores), not timed above.
    pub setup_seconds: f64,
    /// The same happenings through the same engine and guardrails in one process, in day-sized
    /// chunks, with nothing written back: the engine's own ceiling.
    pub engine_only_seconds: f64,
    pub engine_only_inputs: u64,
    pub engine_only_decisions: u64,
    pub engine_only_peak_active: u64,
}

fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb * 1024)
}

/// The four playbooks, live at 100% with guardrails on, over the store's happenings from its
/// first browsing event until `limit` inputs have been read: scheduler ticks every `tick_hours`
/// on a manual clock, through the same path as the app's scheduler (read from SQLite, run,
/// write enrolments, decisions, tasks and outbox emails back).
pub fn bench_flows(dir: &crate::paths::DataDir, limit: u64, tick_hours: i64) -> Result<FlowBench, ApiError> {
    use std::time::Instant;
    let setup = Instant::now();
    let first = {
        let app = Storeloop::open(dir, std::sync::Arc::new(crate::clock::SystemClock))?;
        app.store.first_event_at()?.ok_or_else(|| invalid("The store has no browsing events to replay."))?
    };
    let start = jiff::Timestamp::from_second(first).map_err(internal)?;
    let clock = std::sync::Arc::new(crate::clock::ManualClock::new(start));
    let mut app = Storeloop::open(dir, clock.clone())?;
    if app.store.latest_run()?.is_none() {
        app.score_customers(&mut |_| {})?;
    }
    if app.store.flow_rows()?.is_empty() {
        app.install_playbooks()?;
    }
    for row in app.store.flow_rows()? {
        app.store.set_flow_status(row.id, "live", 100, first)?;
    }
    app.store.set_setting(CURSOR_KEY, &first.to_string())?;
    let customers = app.store.settings()?.map(|_| app.store.count_customers().unwrap_or(0)).unwrap_or(0);
    let setup_seconds = setup.elapsed().as_secs_f64();

    let started = Instant::now();
    let (mut inputs, mut ticks, mut queued, mut entered, mut decisions) = (0u64, 0u64, 0u64, 0u64, 0u64);
    while inputs < limit {
        clock.advance(jiff::SignedDuration::from_hours(tick_hours));
        let t = app.run_flows()?;
        if t.inputs == 0 && app.store.first_event_after(crate::clock::Clock::now(clock.as_ref()).as_second())?.is_none()
        {
            break;
        }
        inputs += t.inputs;
        queued += t.queued;
        entered += t.entered;
        decisions += t.entered + t.steps + t.held + t.exited;
        ticks += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let (engine_only_seconds, engine_only_inputs, engine_only_decisions, engine_only_peak_active) =
        engine_only(&app, first, limit)?;
    Ok(FlowBench {
        customers: customers.max(0) as u64,
        inputs,
        ticks,
        tick_hours,
        seconds,
        inputs_per_second: inputs as f64 / seconds.max(1e-9),
        decisions,
        emails_queued: queued,
        enrolments_entered: entered,
        peak_rss_bytes: peak_rss(),
        setup_seconds,
        engine_only_seconds,
        engine_only_inputs,
        engine_only_decisions,
        engine_only_peak_active,
    })
}

/// The four playbooks, live at 100%, over `limit` happenings read a day at a time, in memory:
/// (seconds, inputs, decisions, most enrolments active at once). Decisions are counted and
/// dropped after each day, so memory holds only the customers' facts and the active enrolments.
fn engine_only(app: &Storeloop, first: i64, limit: u64) -> Result<(f64, u64, u64, u64), ApiError> {
    let started = std::time::Instant::now();
    let policy = app.policy()?;
    let flows = crate::flows::playbooks()?
        .iter()
        .map(|f| Compiled::new(f, 1, Mode::Live, 100, &policy))
        .collect::<Result<Vec<_>, _>>()?;
    let (facts, zones) = facts_of(app.store.flow_facts(None)?, app.store_tz()?, &HashMap::new());
    let mut engine = Engine::new(flows, facts, zones, policy);
    engine.record_repeats = false;
    let (mut inputs, mut decisions, mut peak, mut day) = (0u64, 0u64, 0u64, first - 1);
    while inputs < limit {
        let chunk = app.store.flow_inputs(day, day + DAY)?;
        let mut reorder = app.store.reorder_next(day, day + DAY)?;
        if chunk.is_empty() && app.store.first_event_after(day)?.is_none() {
            break;
        }
        reorder.extend(chunk);
        reorder.sort_by_key(|i| i.at);
        inputs += reorder.len() as u64;
        engine.run(reorder, day + DAY);
        decisions += engine.out.len() as u64;
        engine.out.clear();
        engine.emails.clear();
        engine.tasks.clear();
        peak = peak.max(engine.enrolments.len() as u64);
        day += DAY;
    }
    Ok((started.elapsed().as_secs_f64(), inputs, decisions, peak))
}
