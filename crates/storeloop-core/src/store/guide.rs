//! The reads behind guidance: product categories, recent signals, a flow's day in the ledger,
//! test messages by key, and a product to show a test customer.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::queries::guide as q;
use super::{Error, Store};

impl Store {
    /// Product categories in use, alphabetically.
    pub fn product_categories(&self) -> Result<Vec<String>, Error> {
        let fail = |e| self.err("reading product categories", e);
        let mut stmt = self.conn.prepare_cached(q::CATEGORIES).map_err(fail)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Abandoned checkouts in [from, to), and how many of them name someone to write to.
    pub fn checkouts_between(&self, from: i64, to: i64) -> Result<(u64, u64), Error> {
        let fail = |e| self.err("counting abandoned checkouts", e);
        self.conn
            .query_row(q::CHECKOUTS_BETWEEN, params![from, to], |r| {
                Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get::<_, i64>(1)?.max(0) as u64))
            })
            .map_err(fail)
    }

    /// Events of one kind (`product_viewed`, …) in [from, to).
    pub fn events_between(&self, kind: &str, from: i64, to: i64) -> Result<u64, Error> {
        let fail = |e| self.err("counting events", e);
        self.conn
            .query_row(q::EVENTS_BETWEEN, params![kind, from, to], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(fail)
    }

    /// A flow's ledger decisions in [from, to), counted by kind.
    pub fn flow_day(&self, flow_id: i64, from: i64, to: i64) -> Result<HashMap<String, u64>, Error> {
        let fail = |e| self.err("reading the flow's ledger", e);
        let mut stmt = self.conn.prepare_cached(q::FLOW_DAY).map_err(fail)?;
        let rows = stmt
            .query_map(params![flow_id, from, to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(fail)?;
        let mut out = HashMap::new();
        for row in rows {
            let (k, n) = row.map_err(fail)?;
            out.insert(k, n.max(0) as u64);
        }
        Ok(out)
    }

    /// Messages whose idempotency key starts with `prefix`, counted by state.
    pub fn messages_keyed(&self, prefix: &str) -> Result<HashMap<String, u64>, Error> {
        let fail = |e| self.err("reading the message ledger", e);
        let mut stmt = self.conn.prepare_cached(q::MESSAGES_KEYED).map_err(fail)?;
        let rows = stmt.query_map([prefix], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(fail)?;
        let mut out = HashMap::new();
        for row in rows {
            let (k, n) = row.map_err(fail)?;
            out.insert(k, n.max(0) as u64);
        }
        Ok(out)
    }

    /// The product a test customer's cart holds: the best seller in stock (or any product).
    pub fn sample_product(&self) -> Result<Option<i64>, Error> {
        let fail = |e| self.err("choosing a product for the test customer", e);
        self.conn.query_row(q::SAMPLE_PRODUCT, [], |r| r.get(0)).optional().map_err(fail)
    }

    /// When the flow first went live, from the ledger.
    pub fn flow_launched_at(&self, flow_id: i64) -> Result<Option<i64>, Error> {
        let fail = |e| self.err("reading the flow's ledger", e);
        self.conn.query_row(q::LAUNCHED_AT, [flow_id], |r| r.get(0)).map_err(fail)
    }

    /// A product's highest variant price (None: it has no variants).
    pub fn product_price(&self, product_id: i64) -> Result<Option<i64>, Error> {
        let fail = |e| self.err("reading a product's price", e);
        self.conn.query_row(q::PRODUCT_PRICE, [product_id], |r| r.get(0)).map_err(fail)
    }
}
