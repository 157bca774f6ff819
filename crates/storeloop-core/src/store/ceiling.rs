//! The raw ceiling for import benchmarks: the same orders written with nothing but prepared
//! INSERTs in one transaction, with every index in place, and no parsing, grouping, look-ups
//! or checks. An importer's time divided by this one says how much its own work costs.

use rusqlite::params;

use super::{queries, Error, Store};

/// A line as read back: (sku, title, quantity, unit price, discount).
pub type PlainLine = (Option<String>, Option<String>, i64, i64, i64);

/// Orders as read back for the ceiling: (email, order row values, lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainOrder {
    pub email: Option<String>,
    pub number: String,
    pub created_at: i64,
    pub currency: String,
    /// subtotal, discount, shipping, tax, total.
    pub money: [i64; 5],
    pub discount_code: Option<String>,
    pub financial_status: String,
    pub lines: Vec<PlainLine>,
}

impl Store {
    /// Reads every order and line back (for benchmarks; holds them all in memory).
    pub fn plain_orders(&self) -> Result<Vec<PlainOrder>, Error> {
        let fail = |e| self.err("reading orders back", e);
        let mut ids = Vec::new();
        let mut orders = Vec::new();
        {
            let mut stmt = self.conn.prepare(queries::ALL_ORDERS).map_err(fail)?;
            let mut rows = stmt.query([]).map_err(fail)?;
            while let Some(r) = rows.next().map_err(fail)? {
                ids.push(r.get::<_, i64>(0).map_err(fail)?);
                orders.push(PlainOrder {
                    email: r.get(1).map_err(fail)?,
                    number: r.get(2).map_err(fail)?,
                    created_at: r.get(3).map_err(fail)?,
                    currency: r.get(4).map_err(fail)?,
                    money: [
                        r.get(5).map_err(fail)?,
                        r.get(6).map_err(fail)?,
                        r.get(8).map_err(fail)?,
                        r.get(9).map_err(fail)?,
                        r.get(10).map_err(fail)?,
                    ],
                    discount_code: r.get(7).map_err(fail)?,
                    financial_status: r.get(11).map_err(fail)?,
                    lines: Vec::new(),
                });
            }
        }
        let index: std::collections::HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut stmt = self.conn.prepare(queries::ALL_LINES).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let order: i64 = r.get(0).map_err(fail)?;
            if let Some(&i) = index.get(&order) {
                orders[i].lines.push((
                    r.get(1).map_err(fail)?,
                    r.get(2).map_err(fail)?,
                    r.get(3).map_err(fail)?,
                    r.get(4).map_err(fail)?,
                    r.get(5).map_err(fail)?,
                ));
            }
        }
        Ok(orders)
    }

    /// Writes `orders` (with a customer per distinct email) using only prepared INSERTs in one
    /// transaction: the ceiling an importer is measured against.
    pub fn insert_plain(&mut self, orders: &[PlainOrder]) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "writing the benchmark ceiling", e);
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut customer = tx.prepare(queries::import::INSERT_CUSTOMER).map_err(fail)?;
            let mut order = tx.prepare(queries::INSERT_ORDER).map_err(fail)?;
            let mut line = tx.prepare(queries::INSERT_LINE_ITEM).map_err(fail)?;
            let mut customers: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
            let mut line_id = 0i64;
            for (n, o) in orders.iter().enumerate() {
                let customer_id = match o.email.as_deref() {
                    Some(email) => Some(match customers.get(email) {
                        Some(&id) => id,
                        None => {
                            customer
                                .execute(params![
                                    email,
                                    None::<String>,
                                    None::<String>,
                                    "unknown",
                                    None::<String>,
                                    None::<i64>,
                                    o.created_at
                                ])
                                .map_err(fail)?;
                            let id = tx.last_insert_rowid();
                            customers.insert(email, id);
                            id
                        }
                    }),
                    None => None,
                };
                let id = n as i64 + 1;
                order
                    .execute(params![
                        id,
                        customer_id,
                        o.number,
                        o.created_at,
                        o.currency,
                        o.money[0],
                        o.money[1],
                        o.discount_code,
                        o.money[2],
                        None::<i64>,
                        o.money[3],
                        o.money[4],
                        o.financial_status,
                        None::<String>,
                        None::<String>,
                        None::<i64>
                    ])
                    .map_err(fail)?;
                for (sku, title, quantity, price, discount) in &o.lines {
                    line_id += 1;
                    line.execute(params![line_id, id, None::<i64>, sku, title, quantity, price, discount, None::<i64>])
                        .map_err(fail)?;
                }
            }
        }
        tx.commit().map_err(fail)?;
        self.checkpoint()
    }
}
