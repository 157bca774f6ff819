//! The reads and writes behind running flows: what the engine needs to know (customers, the
//! store's happenings in a time window, guardrail memory), enrolments saved as they stand after
//! each scheduler tick together with its decisions, tasks and outbox messages in one transaction,
//! and the ledger, tasks and dry runs as the UI reads them.

use rusqlite::{params, OptionalExtension};

use super::queries::flow_runs as q;
use super::{Error, Store};
use crate::flows::engine::{EventKind, Input};

/// A product as an email shows it: id, title, link, care text, most common return reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailProduct {
    pub id: i64,
    pub title: String,
    pub url: Option<String>,
    pub care: Option<String>,
    pub issue: Option<String>,
    pub category: Option<String>,
    /// Units in stock over its variants (None: stock is not tracked).
    pub stock: Option<i64>,
}

/// Which product an email is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProductOf {
    Order(i64),
    Checkout(i64),
    Product(i64),
}

/// A customer's address, first and last name.
pub type Addressee = (String, Option<String>, Option<String>);

/// A flow with its current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub live_percent: i64,
    pub version: i64,
    pub updated_at: i64,
    pub definition: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
}

/// What the store holds about a customer, for the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct FactsRow {
    pub id: i64,
    pub consent: String,
    pub consent_at: Option<i64>,
    pub timezone: Option<String>,
    pub segment: Option<String>,
    pub status: Option<String>,
    /// orders, revenue, discount share, churn risk, P(alive), expected orders 90 d, CLV, P(full price).
    pub numbers: [Option<f64>; 8],
    pub last_order_at: Option<i64>,
    pub order_value_minor: Option<i64>,
    pub suppressed_at: Option<i64>,
    pub first_mailed_at: Option<i64>,
    /// Last open or click of a marketing email.
    pub engaged_at: Option<i64>,
}

/// An enrolment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentRow {
    pub id: i64,
    pub flow_id: i64,
    pub version: i64,
    pub customer_id: i64,
    pub entered_at: i64,
    pub node: String,
    pub due_at: Option<i64>,
    pub since: i64,
    pub holdout: bool,
    pub hold: Option<String>,
    pub seen: i64,
    pub event_came: bool,
    pub offer_percent: Option<i64>,
    pub value_minor: i64,
    pub margin_minor: Option<i64>,
    pub reference: i64,
    /// Set when it ended.
    pub ended_at: Option<i64>,
}

/// A decision for the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    pub at: i64,
    pub flow_id: Option<i64>,
    pub enrolment_id: Option<i64>,
    pub customer_id: Option<i64>,
    pub node: Option<String>,
    pub decision: &'static str,
    pub reason: String,
    pub holdout: bool,
    pub amount_minor: i64,
}

/// A task for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    pub customer_id: i64,
    pub flow_id: Option<i64>,
    pub ticket_id: Option<i64>,
    pub text: String,
    pub created_at: i64,
}

/// A flow email for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowMessage {
    pub key: String,
    pub customer_id: i64,
    pub to: String,
    pub subject: String,
    pub transport: String,
    pub payload: String,
    pub flow_id: i64,
}

/// Everything one scheduler tick writes, committed together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TickWrite {
    pub enrolments: Vec<EnrolmentRow>,
    pub decisions: Vec<DecisionRow>,
    pub tasks: Vec<TaskRow>,
    pub messages: Vec<FlowMessage>,
    /// (flow id, status, live percent).
    pub statuses: Vec<(i64, String, i64)>,
    /// Where the next tick starts reading happenings (settings key `flows.cursor`).
    pub cursor: Option<i64>,
    /// (flow id, emails delivered, unsubscribes, complaints) added this tick.
    pub counters: Vec<(i64, i64, i64, i64)>,
    pub now: i64,
}

/// A ledger row as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerDecision {
    pub id: i64,
    pub at: i64,
    pub flow: Option<String>,
    pub customer_id: Option<i64>,
    pub email: Option<String>,
    pub node: Option<String>,
    pub decision: String,
    pub reason: String,
    pub holdout: bool,
}

/// Ledger filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    pub flow: Option<String>,
    pub customer_id: Option<i64>,
    pub decision: Option<String>,
    pub search: Option<String>,
}

/// A task as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTask {
    pub id: i64,
    pub customer_id: i64,
    pub email: String,
    pub flow: Option<String>,
    pub text: String,
    pub created_at: i64,
    pub done_at: Option<i64>,
}

/// The guardrails' memory, read back for a tick.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuardMemory {
    /// (customer, at, flow id) of sends, oldest first.
    pub sends: Vec<(i64, i64, Option<i64>)>,
    /// (customer, at) of offers still open.
    pub offers: Vec<(i64, i64)>,
    /// (at, cost) of discounts given.
    pub spend: Vec<(i64, i64)>,
    /// (flow id, sent, unsubscribes, complaints).
    pub stats: Vec<(i64, i64, i64, i64)>,
    /// (customer, open tickets).
    pub tickets: Vec<(i64, i64)>,
}

impl Store {
    /// Every flow with its current version's definition and approval.
    pub fn flow_rows(&self) -> Result<Vec<FlowRow>, Error> {
        let fail = |e| self.err("reading flows", e);
        let mut stmt = self.conn.prepare_cached(q::FLOWS).map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FlowRow {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    name: r.get(2)?,
                    status: r.get(3)?,
                    live_percent: r.get(4)?,
                    version: r.get(5)?,
                    updated_at: r.get(6)?,
                    definition: r.get(7)?,
                    approved_by: r.get(8)?,
                    approved_at: r.get(9)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Sets a flow's status and launch share.
    pub fn set_flow_status(&mut self, id: i64, status: &str, live_percent: i64, now: i64) -> Result<(), Error> {
        let fail = |e| self.err("changing a flow's status", e);
        self.conn.execute(q::SET_STATUS, params![id, status, live_percent, now]).map_err(fail)?;
        Ok(())
    }

    /// Records the approval of a flow version.
    pub fn approve_flow_version(&mut self, id: i64, version: i64, by: &str, at: i64) -> Result<(), Error> {
        let fail = |e| self.err("approving a flow", e);
        self.conn.execute(q::APPROVE, params![id, version, by, at]).map_err(fail)?;
        Ok(())
    }

    /// The definitions of a flow's approved versions.
    pub fn approved_definitions(&self, id: i64) -> Result<Vec<String>, Error> {
        let fail = |e| self.err("reading approvals", e);
        let mut stmt = self.conn.prepare_cached(q::APPROVED_VERSIONS).map_err(fail)?;
        let rows = stmt.query_map([id], |r| r.get(0)).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// What the engine knows of customers: all of them, or those in `only`.
    pub fn flow_facts(&self, only: Option<&[i64]>) -> Result<Vec<FactsRow>, Error> {
        let fail = |e| self.err("reading customers for flows", e);
        let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<FactsRow> {
            let mut numbers = [None; 8];
            for (i, n) in numbers.iter_mut().enumerate() {
                *n = r.get::<_, Option<f64>>(6 + i)?;
            }
            Ok(FactsRow {
                id: r.get(0)?,
                consent: r.get(1)?,
                consent_at: r.get(2)?,
                timezone: r.get(3)?,
                segment: r.get(4)?,
                status: r.get(5)?,
                numbers,
                last_order_at: r.get(14)?,
                order_value_minor: r.get(15)?,
                suppressed_at: r.get(16)?,
                first_mailed_at: r.get(17)?,
                engaged_at: r.get(18)?,
            })
        };
        match only {
            None => {
                let mut stmt = self.conn.prepare(q::FACTS).map_err(fail)?;
                let rows = stmt.query_map([], read).map_err(fail)?;
                rows.collect::<Result<_, _>>().map_err(fail)
            }
            Some(ids) => {
                let mut stmt = self.conn.prepare_cached(q::FACTS_OF).map_err(fail)?;
                let rows = stmt.query_map([json_ids(ids)], read).map_err(fail)?;
                rows.collect::<Result<_, _>>().map_err(fail)
            }
        }
    }

    /// The store's happenings in (`from`, `to`], sorted by time: checkouts left, product views
    /// and adds, orders, tickets opened and closed, unsubscribes, bounces and complaints.
    pub fn flow_inputs(&self, from: i64, to: i64) -> Result<Vec<Input>, Error> {
        let fail = |e| self.err("reading the store's happenings for flows", e);
        let mut out = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(q::CHECKOUTS).map_err(fail)?;
            let rows = stmt
                .query_map(params![from, to], |r| {
                    Ok(Input {
                        value_minor: r.get(2)?,
                        margin_minor: r.get(3)?,
                        reference: r.get(4)?,
                        ..Input::new(r.get(0)?, r.get(1)?, EventKind::CheckoutAbandoned)
                    })
                })
                .map_err(fail)?;
            for r in rows {
                out.push(r.map_err(fail)?);
            }
        }
        {
            let mut stmt = self.conn.prepare_cached(q::BROWSING).map_err(fail)?;
            let mut rows = stmt.query(params![from, to]).map_err(fail)?;
            while let Some(r) = rows.next().map_err(fail)? {
                let kind: String = r.get(2).map_err(fail)?;
                let kind = if kind == "product_viewed" { EventKind::ProductViewed } else { EventKind::ProductAdded };
                out.push(Input::new(r.get(0).map_err(fail)?, r.get(1).map_err(fail)?, kind));
            }
        }
        for (sql, kind) in [
            (q::ORDERS, EventKind::OrderPlaced),
            (q::TICKETS_OPENED, EventKind::TicketOpened),
            (q::TICKETS_CLOSED, EventKind::TicketClosed),
        ] {
            let mut stmt = self.conn.prepare_cached(sql).map_err(fail)?;
            let mut rows = stmt.query(params![from, to]).map_err(fail)?;
            while let Some(r) = rows.next().map_err(fail)? {
                let mut i = Input::new(r.get(0).map_err(fail)?, r.get(1).map_err(fail)?, kind);
                if kind == EventKind::OrderPlaced {
                    i.value_minor = r.get(2).map_err(fail)?;
                    i.reference = r.get(3).map_err(fail)?;
                } else {
                    i.reference = r.get(2).map_err(fail)?;
                }
                out.push(i);
            }
        }
        {
            let mut stmt = self.conn.prepare_cached(q::UNSUBSCRIBES).map_err(fail)?;
            let mut rows = stmt.query(params![from, to]).map_err(fail)?;
            while let Some(r) = rows.next().map_err(fail)? {
                out.push(Input::new(r.get(0).map_err(fail)?, r.get(1).map_err(fail)?, EventKind::Unsubscribed));
            }
        }
        {
            let mut stmt = self.conn.prepare_cached(q::SUPPRESSED).map_err(fail)?;
            let mut rows = stmt.query(params![from, to]).map_err(fail)?;
            while let Some(r) = rows.next().map_err(fail)? {
                let reason: String = r.get(2).map_err(fail)?;
                let kind = if reason == "complained" { EventKind::Complained } else { EventKind::Bounced };
                out.push(Input::new(r.get(0).map_err(fail)?, r.get(1).map_err(fail)?, kind));
            }
        }
        {
            let mut stmt = self.conn.prepare_cached(q::CROSSINGS).map_err(fail)?;
            let mut rows = stmt.query(params![from, to]).map_err(fail)?;
            while let Some(r) = rows.next().map_err(fail)? {
                let field: String = r.get(2).map_err(fail)?;
                out.push(Input {
                    field: crate::flows::engine::Field::parse(&field),
                    number: r.get(3).map_err(fail)?,
                    ..Input::new(r.get(0).map_err(fail)?, r.get(1).map_err(fail)?, EventKind::Scored)
                });
            }
        }
        out.sort_by_key(|i| i.at);
        Ok(out)
    }

    /// Each scored customer's value of a score column (`store::column` names it), where known.
    pub fn score_values(&self, field: &str) -> Result<std::collections::HashMap<i64, f64>, Error> {
        let fail = |e| self.err("reading scores", e);
        let Some(column) = super::scores::column(field) else { return Ok(Default::default()) };
        let sql = format!("SELECT s.customer_id, {column} FROM customer_scores s WHERE {column} IS NOT NULL");
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Records scores that crossed a flow's threshold: (customer, field, new value), at `at`.
    pub fn save_crossings(&mut self, rows: &[(i64, String, f64)], at: i64) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving score changes", e);
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut ins = tx.prepare_cached(q::INSERT_CROSSING).map_err(fail)?;
            for (c, f, v) in rows {
                ins.execute(params![c, f, v, at]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// Reorder dates reached in (`from`, `to`]: each customer's order plus their usual cycle,
    /// when no order came before it.
    pub fn reorder_due(&self, from: i64, to: i64) -> Result<Vec<Input>, Error> {
        let fail = |e| self.err("reading reorder cycles", e);
        let mut stmt = self.conn.prepare_cached(q::REORDER_HISTORY).map_err(fail)?;
        let mut rows = stmt.query([to]).map_err(fail)?;
        let mut out = Vec::new();
        let mut last: Option<(i64, i64, f64)> = None; // customer, order time, cycle days
        let flush = |prev: Option<(i64, i64, f64)>, next_order: Option<i64>, out: &mut Vec<Input>| {
            if let Some((c, at, days)) = prev {
                let due = at + (days * 86_400.0).round() as i64;
                if due > from && due <= to && next_order.is_none_or(|n| n > due) {
                    out.push(Input::new(due, c, EventKind::ReorderDue));
                }
            }
        };
        while let Some(r) = rows.next().map_err(fail)? {
            let c: i64 = r.get(0).map_err(fail)?;
            let at: i64 = r.get(1).map_err(fail)?;
            let days: f64 = r.get(2).map_err(fail)?;
            let next = if last.is_some_and(|l| l.0 == c) { Some(at) } else { None };
            flush(last, next, &mut out);
            last = Some((c, at, days));
        }
        flush(last, None, &mut out);
        out.sort_by_key(|i| i.at);
        Ok(out)
    }

    /// Expected reorder dates (as last scored) in (`from`, `to`]: the live scheduler's trigger.
    pub fn reorder_next(&self, from: i64, to: i64) -> Result<Vec<Input>, Error> {
        let fail = |e| self.err("reading expected reorder dates", e);
        let mut stmt = self.conn.prepare_cached(q::REORDER_NEXT).map_err(fail)?;
        let rows = stmt
            .query_map(params![from, to], |r| Ok(Input::new(r.get(1)?, r.get(0)?, EventKind::ReorderDue)))
            .map_err(fail)?;
        let mut out: Vec<Input> = rows.collect::<Result<_, _>>().map_err(fail)?;
        out.sort_by_key(|i| i.at);
        Ok(out)
    }

    /// When the first browsing event happened.
    pub fn first_event_at(&self) -> Result<Option<i64>, Error> {
        let fail = |e| self.err("reading events", e);
        self.conn.query_row(q::FIRST_EVENT, [], |r| r.get(0)).map_err(fail)
    }

    /// The first browsing event after `t`.
    pub fn first_event_after(&self, t: i64) -> Result<Option<i64>, Error> {
        let fail = |e| self.err("reading events", e);
        self.conn.query_row(q::EVENT_AFTER, [t], |r| r.get(0)).map_err(fail)
    }

    /// The guardrails' memory as of `now`, for the customers in `ids`.
    pub fn guard_memory(
        &self,
        ids: &[i64],
        now: i64,
        send_window: i64,
        offer_window: i64,
    ) -> Result<GuardMemory, Error> {
        let fail = |e| self.err("reading the guardrails' memory", e);
        let list = json_ids(ids);
        let mut m = GuardMemory::default();
        let mut stmt = self.conn.prepare_cached(q::SENDS_OF).map_err(fail)?;
        let rows = stmt
            .query_map(params![list, now - send_window], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(fail)?;
        m.sends = rows.collect::<Result<_, _>>().map_err(fail)?;
        let mut stmt = self.conn.prepare_cached(q::OFFERS_OF).map_err(fail)?;
        let rows = stmt.query_map(params![list, now - offer_window], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        m.offers = rows.collect::<Result<_, _>>().map_err(fail)?;
        let mut stmt = self.conn.prepare_cached(q::SPEND).map_err(fail)?;
        let rows = stmt.query_map([now - 7 * 86_400], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        m.spend = rows.collect::<Result<_, _>>().map_err(fail)?;
        let mut stmt = self.conn.prepare_cached(q::FLOW_STATS).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).map_err(fail)?;
        m.stats = rows.collect::<Result<_, _>>().map_err(fail)?;
        let mut stmt = self.conn.prepare_cached(q::TICKETS_OF).map_err(fail)?;
        let rows = stmt.query_map(params![list, now], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        m.tickets = rows.collect::<Result<_, _>>().map_err(fail)?;
        Ok(m)
    }

    /// Active enrolments a tick needs: those due by `until`, and every one of the customers in
    /// `ids` (who have something happening); with the highest enrolment id ever given.
    pub fn tick_enrolments(&self, until: i64, ids: &[i64]) -> Result<(Vec<EnrolmentRow>, i64), Error> {
        let fail = |e| self.err("reading enrolments", e);
        let mut out: Vec<EnrolmentRow> = Vec::new();
        let mut stmt = self.conn.prepare_cached(q::DUE_ENROLMENTS).map_err(fail)?;
        let rows = stmt.query_map([until], enrolment_row).map_err(fail)?;
        for r in rows {
            out.push(r.map_err(fail)?);
        }
        let mut stmt = self.conn.prepare_cached(q::ENROLMENTS_OF).map_err(fail)?;
        let rows = stmt.query_map([json_ids(ids)], enrolment_row).map_err(fail)?;
        for r in rows {
            out.push(r.map_err(fail)?);
        }
        out.sort_by_key(|e| e.id);
        out.dedup_by_key(|e| e.id);
        let max: i64 = self.conn.query_row(q::MAX_ENROLMENT, [], |r| r.get(0)).map_err(fail)?;
        Ok((out, max))
    }

    /// Writes one tick: enrolments as they stand, decisions, tasks, outbox messages, flow
    /// statuses and the cursor, all or nothing.
    pub fn save_tick(&mut self, w: &TickWrite) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving what the flows did", e);
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut up = tx.prepare_cached(q::UPSERT_ENROLMENT).map_err(fail)?;
            // Endings first: a customer may leave a flow and enter it again within one tick,
            // and only one enrolment per flow and customer may be active.
            let (ended, active): (Vec<&EnrolmentRow>, Vec<&EnrolmentRow>) =
                w.enrolments.iter().partition(|e| e.ended_at.is_some());
            for e in ended.into_iter().chain(active) {
                up.execute(params![
                    e.id,
                    e.flow_id,
                    e.version,
                    e.customer_id,
                    e.entered_at,
                    e.node,
                    e.due_at,
                    e.since,
                    e.holdout,
                    if e.ended_at.is_some() { "ended" } else { "active" },
                    e.hold,
                    e.seen,
                    e.event_came,
                    e.offer_percent,
                    e.value_minor,
                    e.margin_minor,
                    e.reference,
                    e.ended_at
                ])
                .map_err(fail)?;
            }
            let mut ins = tx.prepare_cached(q::INSERT_DECISION).map_err(fail)?;
            for d in &w.decisions {
                ins.execute(params![
                    d.at,
                    d.flow_id,
                    d.enrolment_id,
                    d.customer_id,
                    d.node,
                    d.decision,
                    d.reason,
                    d.holdout,
                    d.amount_minor
                ])
                .map_err(fail)?;
            }
            let mut task = tx.prepare_cached(q::INSERT_TASK).map_err(fail)?;
            for t in &w.tasks {
                task.execute(params![t.customer_id, t.flow_id, t.ticket_id, t.text, t.created_at]).map_err(fail)?;
            }
            let mut msg = tx.prepare_cached(q::ENQUEUE_FLOW_MESSAGE).map_err(fail)?;
            for m in &w.messages {
                msg.execute(params![m.key, m.customer_id, m.to, m.subject, m.transport, w.now, m.payload, m.flow_id])
                    .map_err(fail)?;
            }
            let mut add = tx.prepare_cached(q::ADD_COUNTERS).map_err(fail)?;
            for (id, d, u, c) in &w.counters {
                add.execute(params![id, d, u, c]).map_err(fail)?;
            }
            let mut st = tx.prepare_cached(q::SET_STATUS).map_err(fail)?;
            for (id, status, pct) in &w.statuses {
                st.execute(params![id, status, pct, w.now]).map_err(fail)?;
            }
            if let Some(c) = w.cursor {
                tx.execute(q::SET_CURSOR, [c.to_string()]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(())
    }

    /// A customer's address and name.
    pub fn customer_address(&self, id: i64) -> Result<Option<Addressee>, Error> {
        let fail = |e| self.err("reading a customer's address", e);
        self.conn
            .prepare_cached(q::CUSTOMER_ADDRESS)
            .map_err(fail)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
            .map_err(fail)
    }

    /// A page of the ledger, newest first, and how many rows match.
    pub fn decisions(&self, f: &DecisionFilter, offset: i64, limit: i64) -> Result<(Vec<LedgerDecision>, i64), Error> {
        let fail = |e| self.err("reading the decision ledger", e);
        let search = f.search.as_deref().map(|s| s.replace(['%', '_'], ""));
        let mut stmt = self.conn.prepare_cached(q::DECISIONS).map_err(fail)?;
        let rows = stmt
            .query_map(params![f.flow, f.customer_id, f.decision, search, limit, offset], |r| {
                Ok(LedgerDecision {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    flow: r.get(2)?,
                    customer_id: r.get(3)?,
                    email: r.get(4)?,
                    node: r.get(5)?,
                    decision: r.get(6)?,
                    reason: r.get(7)?,
                    holdout: r.get(8)?,
                })
            })
            .map_err(fail)?;
        let rows = rows.collect::<Result<_, _>>().map_err(fail)?;
        let total = self
            .conn
            .query_row(q::COUNT_DECISIONS, params![f.flow, f.customer_id, f.decision, search], |r| r.get(0))
            .map_err(fail)?;
        Ok((rows, total))
    }

    /// A flow's live decisions by kind, and its active enrolments.
    pub fn flow_live(&self, id: i64) -> Result<(Vec<(String, i64)>, i64), Error> {
        let fail = |e| self.err("reading a flow's decisions", e);
        let mut stmt = self.conn.prepare_cached(q::LIVE_COUNTS).map_err(fail)?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        let counts = rows.collect::<Result<_, _>>().map_err(fail)?;
        let active = self.conn.query_row(q::ACTIVE_IN_FLOW, [id], |r| r.get(0)).map_err(fail)?;
        Ok((counts, active))
    }

    /// Tasks, open first.
    pub fn tasks(&self) -> Result<Vec<StoredTask>, Error> {
        let fail = |e| self.err("reading tasks", e);
        let mut stmt = self.conn.prepare_cached(q::TASKS).map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoredTask {
                    id: r.get(0)?,
                    customer_id: r.get(1)?,
                    email: r.get(2)?,
                    flow: r.get(3)?,
                    text: r.get(4)?,
                    created_at: r.get(5)?,
                    done_at: r.get(6)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Marks a task done; false when there is no such open task.
    pub fn complete_task(&mut self, id: i64, at: i64) -> Result<bool, Error> {
        let fail = |e| self.err("completing a task", e);
        Ok(self.conn.execute(q::COMPLETE_TASK, params![id, at]).map_err(fail)? > 0)
    }

    /// Saves a dry run's report (JSON).
    pub fn save_dry_run(&mut self, flow_id: i64, version: i64, at: i64, report: &str) -> Result<(), Error> {
        let fail = |e| self.err("saving a dry run", e);
        self.conn.execute(q::INSERT_DRY_RUN, params![flow_id, version, at, report]).map_err(fail)?;
        Ok(())
    }

    /// The newest dry run of a flow version (JSON).
    pub fn latest_dry_run(&self, flow_id: i64, version: i64) -> Result<Option<String>, Error> {
        let fail = |e| self.err("reading a dry run", e);
        self.conn.query_row(q::LATEST_DRY_RUN, params![flow_id, version], |r| r.get(0)).optional().map_err(fail)
    }

    /// Flow emails held in the outbox (all flow emails when `all`).
    pub fn held_flow_messages(&self, all: bool) -> Result<i64, Error> {
        let fail = |e| self.err("counting held emails", e);
        self.conn.query_row(q::HELD_MESSAGES, [i64::from(all)], |r| r.get(0)).map_err(fail)
    }

    /// Records an open or click of `address` at `at` (keeps the latest).
    pub fn record_engagement(&mut self, address: &str, at: i64) -> Result<(), Error> {
        let fail = |e| self.err("recording an open or click", e);
        self.conn.execute(q::RECORD_ENGAGEMENT, params![address, at]).map_err(fail)?;
        Ok(())
    }

    /// The main product of an order (`order`), of a checkout, or a product by id.
    pub fn email_product(&self, what: ProductOf) -> Result<Option<EmailProduct>, Error> {
        let fail = |e| self.err("reading a product for an email", e);
        let (sql, id) = match what {
            ProductOf::Order(id) => (q::ORDER_PRODUCT, id),
            ProductOf::Checkout(id) => (q::CHECKOUT_PRODUCT, id),
            ProductOf::Product(id) => (q::PRODUCT, id),
        };
        self.conn
            .prepare_cached(sql)
            .map_err(fail)?
            .query_row([id], |r| {
                Ok(EmailProduct {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    care: r.get(3)?,
                    issue: r.get(4)?,
                    category: r.get(5)?,
                    stock: r.get(6)?,
                })
            })
            .optional()
            .map_err(fail)
    }

    /// Each product's most common return reason (ties: the alphabetically first), by product id.
    pub fn top_return_reasons(&self) -> Result<std::collections::HashMap<i64, String>, Error> {
        let fail = |e| self.err("reading return reasons", e);
        let mut stmt = self.conn.prepare_cached(q::RETURN_REASONS).map_err(fail)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))
            .map_err(fail)?;
        let mut best: std::collections::HashMap<i64, (i64, String)> = std::collections::HashMap::new();
        for row in rows {
            let (product, reason, n) = row.map_err(fail)?;
            let e = best.entry(product).or_insert((0, String::new()));
            if n > e.0 || (n == e.0 && reason < e.1) {
                *e = (n, reason);
            }
        }
        Ok(best.into_iter().map(|(p, (_, r))| (p, r)).collect())
    }

    /// Makes enrolments held by the kill switch or a pause due now (of one flow, or all).
    pub fn resume_enrolments(&mut self, flow_id: Option<i64>, now: i64) -> Result<u64, Error> {
        let fail = |e| self.err("resuming flows", e);
        Ok(self.conn.execute(q::RESUME_ENROLMENTS, params![flow_id, now]).map_err(fail)? as u64)
    }

    /// How many active products are in a regulated category.
    pub fn regulated_products(&self) -> Result<i64, Error> {
        let fail = |e| self.err("reading products", e);
        self.conn.query_row(q::REGULATED_PRODUCTS, [], |r| r.get(0)).map_err(fail)
    }

    /// Ends a flow's active enrolments with a recorded reason (a new version replaces theirs).
    pub fn end_flow_enrolments(&mut self, flow_id: i64, now: i64, reason: &str) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "ending a flow's enrolments", e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(q::END_FLOW_DECISIONS, params![flow_id, now, reason]).map_err(fail)?;
        tx.execute(q::END_FLOW_ENROLMENTS, params![flow_id, now]).map_err(fail)?;
        tx.commit().map_err(fail)
    }
}

/// An enrolment row as the enrolment queries select it.
fn enrolment_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EnrolmentRow> {
    Ok(EnrolmentRow {
        id: r.get(0)?,
        flow_id: r.get(1)?,
        version: r.get(2)?,
        customer_id: r.get(3)?,
        entered_at: r.get(4)?,
        node: r.get(5)?,
        due_at: r.get(6)?,
        since: r.get(7)?,
        holdout: r.get(8)?,
        hold: r.get(9)?,
        seen: r.get(10)?,
        event_came: r.get(11)?,
        offer_percent: r.get(12)?,
        value_minor: r.get(13)?,
        margin_minor: r.get(14)?,
        reference: r.get(15)?,
        ended_at: None,
    })
}

/// Ids as a JSON array, for `json_each`.
fn json_ids(ids: &[i64]) -> String {
    let mut s = String::with_capacity(ids.len() * 8 + 2);
    s.push('[');
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&id.to_string());
    }
    s.push(']');
    s
}
