//! The reads and writes behind the demo store's flow history (`api::demo_play`): the emails a
//! played tick sent, what a persuaded customer would buy, and the orders that follow.

use rusqlite::params;

use super::queries::demo_play as q;
use super::{queries, Error, Store};
use crate::model::Order;

/// A treatment email a played tick sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayedSend {
    pub decision_id: i64,
    pub at: i64,
    pub flow_id: i64,
    pub customer_id: i64,
    pub email: String,
    /// The checkout or order the enrolment is about (0 when none).
    pub reference: i64,
    pub offer_percent: Option<i64>,
}

/// One line a persuaded customer buys: variant, SKU, quantity, unit price, unit cost.
pub type BasketLine = (i64, Option<String>, i64, i64, Option<i64>);

/// What a basket is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasketOf {
    Checkout(i64),
    /// The last product the customer viewed up to the instant.
    Viewed(i64, i64),
    Order(i64),
    /// What the customer bought most of.
    Favourite(i64),
}

/// Campaign tags of an order's visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UtmTags {
    pub source: String,
    pub medium: String,
    pub campaign: String,
}

impl Store {
    /// Treatment emails sent in (`from`, `to`].
    pub fn played_sends(&self, from: i64, to: i64) -> Result<Vec<PlayedSend>, Error> {
        let fail = |e| self.err("reading the flows' emails", e);
        let mut stmt = self.conn.prepare_cached(q::SENDS).map_err(fail)?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok(PlayedSend {
                    decision_id: r.get(0)?,
                    at: r.get(1)?,
                    flow_id: r.get(2)?,
                    customer_id: r.get(3)?,
                    email: r.get(4)?,
                    reference: r.get(5)?,
                    offer_percent: r.get(6)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Records the demo store's queued flow emails as handed over (they never leave the
    /// machine); returns how many.
    pub fn deliver_demo_messages(&mut self, now: i64) -> Result<usize, Error> {
        if !self.settings()?.is_some_and(|s| s.source == crate::model::StoreSource::Demo) {
            return Err(Error::NotDemo { path: self.path.clone() });
        }
        let fail = |e| self.err("recording the demo store's emails", e);
        self.conn.execute(q::DELIVER, [now]).map_err(fail)
    }

    /// The lines of a basket (empty when there is nothing to read it from).
    pub fn basket(&self, of: BasketOf) -> Result<Vec<BasketLine>, Error> {
        let fail = |e| self.err("reading what a customer would buy", e);
        let (sql, a, b) = match of {
            BasketOf::Checkout(id) => (q::CHECKOUT_BASKET, id, None),
            BasketOf::Viewed(customer, at) => (q::VIEWED_BASKET, customer, Some(at)),
            BasketOf::Order(id) => (q::ORDER_BASKET, id, None),
            BasketOf::Favourite(customer) => (q::FAVOURITE_BASKET, customer, None),
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(fail)?;
        let map = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
        let rows = match b {
            Some(b) => stmt.query_map(params![a, b], map),
            None => stmt.query_map(params![a], map),
        }
        .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// The next free order id and line id.
    pub fn next_order_ids(&self) -> Result<(i64, i64), Error> {
        let fail = |e| self.err("reading order ids", e);
        self.conn.query_row(q::NEXT_IDS, [], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)
    }

    /// Adds new orders (ids chosen by the caller, see [`Store::next_order_ids`]), each with the
    /// campaign its visit came from and the checkout it completes, in one transaction.
    pub fn add_orders(&mut self, orders: &[(Order, Option<UtmTags>, Option<i64>)]) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "adding orders", e);
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut order = tx.prepare_cached(queries::INSERT_ORDER).map_err(fail)?;
            let mut line = tx.prepare_cached(queries::INSERT_LINE_ITEM).map_err(fail)?;
            let mut refund = tx.prepare_cached(queries::INSERT_REFUND).map_err(fail)?;
            let mut utm = tx.prepare_cached(q::SET_UTM).map_err(fail)?;
            let mut recover = tx.prepare_cached(q::RECOVER).map_err(fail)?;
            for (o, tags, checkout) in orders {
                super::bulk::write_order(&mut order, &mut line, &mut refund, o).map_err(fail)?;
                if let Some(t) = tags {
                    utm.execute(params![o.id, t.source, t.medium, t.campaign]).map_err(fail)?;
                }
                if let Some(c) = checkout {
                    recover.execute(params![c, o.id]).map_err(fail)?;
                }
            }
        }
        tx.commit().map_err(fail)
    }

    /// Untagged orders placed within `window` seconds after a treatment email, as (order, flow
    /// slug, email decision id); an order's latest email comes last.
    pub fn clickable_orders(&self, window: i64) -> Result<Vec<(i64, String, i64)>, Error> {
        let fail = |e| self.err("reading orders after flow emails", e);
        let mut stmt = self.conn.prepare_cached(q::CLICKABLE).map_err(fail)?;
        let rows = stmt.query_map([window], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Tags orders with the campaign their visit came from, in one transaction.
    pub fn tag_orders(&mut self, tags: &[(i64, UtmTags)]) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "tagging orders with their campaign", e);
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut stmt = tx.prepare_cached(q::SET_UTM).map_err(fail)?;
            for (id, t) in tags {
                stmt.execute(params![id, t.source, t.medium, t.campaign]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// Whether any flow has ever enrolled anyone.
    pub fn any_enrolment(&self) -> Result<bool, Error> {
        let fail = |e| self.err("reading enrolments", e);
        self.conn.query_row(q::ANY_ENROLMENT, [], |r| r.get(0)).map_err(fail)
    }
}
