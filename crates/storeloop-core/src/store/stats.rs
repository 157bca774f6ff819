//! The reads behind the store statistics: counts, unit totals, and a pass over every order.

use super::{queries, Error, Store};

/// What the statistics need to know of one order that was not cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderSummary {
    pub customer_id: Option<i64>,
    pub created_at: i64,
    /// Gross item revenue.
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    /// A discount amount or a discount code was applied.
    pub discounted: bool,
}

impl Store {
    /// How many customers are stored.
    pub fn count_customers(&self) -> Result<i64, Error> {
        self.conn.query_row(queries::COUNT_CUSTOMERS, [], |r| r.get(0)).map_err(|e| self.err("counting customers", e))
    }

    /// Units sold and units refunded, over orders that were not cancelled.
    pub fn unit_totals(&self) -> Result<(i64, i64), Error> {
        let total = |sql: &str| -> Result<i64, Error> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, f64>(0))
                .map(|v| v as i64)
                .map_err(|e| self.err("adding up units", e))
        };
        let sold = total(queries::UNITS_ALL)? - total(queries::UNITS_CANCELLED)?;
        Ok((sold, total(queries::UNITS_REFUNDED)?))
    }

    /// Calls `visit` once per order that was not cancelled, in storage order.
    pub fn for_each_order(&self, mut visit: impl FnMut(OrderSummary)) -> Result<(), Error> {
        let mut stmt = self.conn.prepare_cached(queries::ORDER_SUMMARIES).map_err(|e| self.err("reading orders", e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err("reading orders", e))?;
        while let Some(r) = rows.next().map_err(|e| self.err("reading orders", e))? {
            let summary = (|| -> rusqlite::Result<OrderSummary> {
                Ok(OrderSummary {
                    customer_id: r.get(0)?,
                    created_at: r.get(1)?,
                    subtotal_minor: r.get(2)?,
                    discount_minor: r.get(3)?,
                    discounted: r.get(4)?,
                })
            })()
            .map_err(|e| self.err("reading orders", e))?;
            visit(summary);
        }
        Ok(())
    }
}
