//! The reads behind measurement: each recipient of a flow with their orders in the window.

use rusqlite::{params, OptionalExtension};

use super::queries::measure as q;
use super::{Error, Store};

/// One recipient (a customer who entered the flow) and what they bought in its conversion
/// windows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientRow {
    /// How many times they entered.
    pub enrolments: i64,
    pub customer_id: i64,
    pub holdout: bool,
    pub entered_at: i64,
    pub segment: String,
    pub orders: i64,
    pub revenue_minor: i64,
    pub discount_minor: i64,
    pub discounted_orders: i64,
    pub shipping_cost_minor: i64,
    pub unit_cost_minor: i64,
    pub refunds_minor: i64,
    pub units: i64,
    pub units_refunded: i64,
    /// Revenue of their orders in the pre-period before their first entry.
    pub pre_revenue_minor: i64,
}

impl Store {
    /// The flow's id, if it exists.
    pub fn flow_id(&self, slug: &str) -> Result<Option<i64>, Error> {
        let fail = |e| self.err("reading flows", e);
        self.conn.query_row(q::FLOW_ID, [slug], |r| r.get(0)).optional().map_err(fail)
    }

    /// Every customer who entered flow `flow_id`, with their orders in the `window` seconds after
    /// any of their entries, and their revenue in the `pre` seconds before the first.
    pub fn recipients(&self, flow_id: i64, window: i64, pre: i64) -> Result<Vec<RecipientRow>, Error> {
        let fail = |e| self.err("reading a flow's recipients", e);
        let mut stmt = self.conn.prepare_cached(q::RECIPIENTS).map_err(fail)?;
        let rows = stmt
            .query_map(params![flow_id, window, pre], |r| {
                Ok(RecipientRow {
                    enrolments: r.get(0)?,
                    customer_id: r.get(1)?,
                    holdout: r.get(2)?,
                    entered_at: r.get(3)?,
                    segment: r.get(4)?,
                    orders: r.get(5)?,
                    revenue_minor: r.get(6)?,
                    discount_minor: r.get(7)?,
                    discounted_orders: r.get(8)?,
                    shipping_cost_minor: r.get(9)?,
                    unit_cost_minor: r.get(10)?,
                    refunds_minor: r.get(11)?,
                    units: r.get(12)?,
                    units_refunded: r.get(13)?,
                    pre_revenue_minor: r.get(14)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// When a flow's emails went (`'s'`), and the unsubscribes (`'u'`) and complaints (`'c'`)
    /// put down to it, in time order.
    pub fn flow_mail_times(&self, flow_id: i64) -> Result<Vec<(i64, char)>, Error> {
        let fail = |e| self.err("reading a flow's emails", e);
        let mut stmt = self.conn.prepare_cached(q::MAIL_TIMES).map_err(fail)?;
        let rows = stmt
            .query_map([flow_id], |r| {
                let kind: String = r.get(1)?;
                Ok((r.get(0)?, kind.chars().next().unwrap_or('s')))
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// The A/B arm each customer of a flow was first given, by customer.
    pub fn flow_arms(&self, flow_id: i64) -> Result<std::collections::HashMap<i64, String>, Error> {
        let fail = |e| self.err("reading a flow's A/B arms", e);
        let mut stmt = self.conn.prepare_cached(q::ARMS).map_err(fail)?;
        let rows = stmt.query_map([flow_id], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Orders since `since` that came through the campaign `campaign`: count and revenue.
    pub fn last_click(&self, campaign: &str, since: i64) -> Result<(i64, i64), Error> {
        let fail = |e| self.err("reading orders by campaign", e);
        self.conn.query_row(q::LAST_CLICK, params![campaign, since], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)
    }

    /// A flow's customers who entered, emails sent and unsubscribes put down to it in (`from`, `to`].
    pub fn flow_between(&self, flow_id: i64, from: i64, to: i64) -> Result<(i64, i64, i64), Error> {
        let fail = |e| self.err("reading a flow's week", e);
        self.conn
            .query_row(q::FLOW_WEEK, params![flow_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(fail)
    }
}
