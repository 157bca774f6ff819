//! The reads and writes behind customer scoring: the input in one pass per table, the scores
//! written back whole in one transaction, runs and health checks, and custom segments.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, OptionalExtension};

use super::queries::scores as q;
use super::{Error, Store};
use crate::intel::input::{CustomerIn, Input, OrderIn, ProductIn};

/// A customer's scores as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreRow {
    pub customer_id: i64,
    pub orders: i64,
    pub first_order_at: Option<i64>,
    pub last_order_at: Option<i64>,
    pub revenue_minor: i64,
    pub discount_share: f64,
    pub p_alive: Option<f64>,
    pub churn_risk: Option<f64>,
    pub expected_orders_90d: Option<f64>,
    pub expected_orders_365d: Option<f64>,
    pub expected_order_value_minor: Option<i64>,
    pub clv_minor: Option<i64>,
    pub reorder_days: Option<f64>,
    pub reorder_basis: Option<String>,
    pub next_order_at: Option<i64>,
    pub seasonal_month: Option<i64>,
    pub full_price_probability: Option<f64>,
    pub status: &'static str,
    pub segment: &'static str,
    /// JSON.
    pub reasons: String,
    /// JSON.
    pub recommendations: String,
}

/// A row of the customer list: the customer and their stored scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedCustomer {
    pub id: i64,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub orders: i64,
    pub last_order_at: Option<i64>,
    pub revenue_minor: i64,
    pub churn_risk: Option<f64>,
    pub full_price_probability: Option<f64>,
    pub clv_minor: Option<i64>,
    pub status: String,
    pub segment: String,
    pub next_order_at: Option<i64>,
    pub seasonal_month: Option<i64>,
}

/// A product's title, handle and category.
pub type ProductName = (String, String, Option<String>);

/// A customer as their page shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerFacts {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub consent: String,
    pub consent_source: Option<String>,
    pub created_at: i64,
}

/// One of a customer's orders, for their page.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerOrder {
    pub number: String,
    pub at: i64,
    pub currency: String,
    pub subtotal_minor: i64,
    pub discount_minor: i64,
    pub discount_code: Option<String>,
    pub cancelled: bool,
    pub items: i64,
}

/// A condition over `customer_scores` (alias `s`) and `customers` (alias `c`): a column chosen
/// from a fixed list and a bound value, never text from outside in the SQL.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub column: &'static str,
    pub op: &'static str,
    pub value: Bound,
}

/// A value bound into a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<&Bound> for rusqlite::types::Value {
    fn from(b: &Bound) -> Self {
        match b {
            Bound::Int(v) => (*v).into(),
            Bound::Real(v) => (*v).into(),
            Bound::Text(v) => v.clone().into(),
        }
    }
}

/// How the list is filtered, sorted and cut.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub search: String,
    pub conditions: Vec<Condition>,
    /// A column from a fixed list.
    pub sort: &'static str,
    pub descending: bool,
    pub offset: i64,
    pub limit: i64,
}

/// The columns a rule or a sort may name, with their SQL.
pub const COLUMNS: &[(&str, &str)] = &[
    ("orders", "s.orders"),
    ("revenue", "s.revenue_minor"),
    ("discount_share", "s.discount_share"),
    ("churn_risk", "s.churn_risk"),
    ("p_alive", "s.p_alive"),
    ("expected_orders_90d", "s.expected_orders_90d"),
    ("clv", "s.clv_minor"),
    ("full_price_probability", "s.full_price_probability"),
    ("days_since_last_order", "((?1 - s.last_order_at) / 86400.0)"),
    ("status", "s.status"),
    ("segment", "s.segment"),
    ("consent", "c.consent"),
    ("name", "lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || c.email)"),
    ("last_order", "s.last_order_at"),
];

/// The SQL of a named column, if it is one.
pub fn column(name: &str) -> Option<&'static str> {
    COLUMNS.iter().find(|c| c.0 == name).map(|c| c.1)
}

impl Store {
    /// Reads everything scoring needs about orders placed up to `as_of`.
    pub fn scoring_input(&self, as_of: i64) -> Result<Input, Error> {
        let fail = |e| self.err("reading the store for scoring", e);
        let conn = &self.conn;
        let mut input = Input::default();

        // Products and their category indexes.
        let mut categories: HashMap<String, u16> = HashMap::new();
        let mut product_index: HashMap<i64, u32> = HashMap::new();
        let mut stmt = conn.prepare(q::PRODUCTS).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let category: Option<String> = r.get(3).map_err(fail)?;
            let category_index = match &category {
                Some(c) => {
                    let n = categories.len() as u16;
                    *categories.entry(c.clone()).or_insert(n)
                }
                None => u16::MAX,
            };
            let id: i64 = r.get(0).map_err(fail)?;
            product_index.insert(id, input.products.len() as u32);
            input.products.push(ProductIn {
                id,
                title: r.get(1).map_err(fail)?,
                handle: r.get(2).map_err(fail)?,
                category,
                category_index,
                active: r.get::<_, String>(4).map_err(fail)? == "active",
                regulated: r.get(5).map_err(fail)?,
                approved: r.get(6).map_err(fail)?,
                in_stock: r.get(7).map_err(fail)?,
                price_minor: r.get::<_, Option<i64>>(8).map_err(fail)?.unwrap_or(0),
                cost_minor: r.get::<_, Option<f64>>(9).map_err(fail)?.map(|c| c.round() as i64),
            });
        }

        // Customers.
        let mut customer_index: HashMap<i64, u32> = HashMap::new();
        let mut stmt = conn.prepare(q::CUSTOMERS).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let id: i64 = r.get(0).map_err(fail)?;
            customer_index.insert(id, input.customers.len() as u32);
            input.customers.push(CustomerIn { id, created_at: r.get(1).map_err(fail)?, ..CustomerIn::default() });
        }

        // Orders, by customer then time.
        let mut order_ids: Vec<i64> = Vec::new();
        let mut stmt = conn.prepare(q::ORDERS).map_err(fail)?;
        let mut rows = stmt.query([as_of]).map_err(fail)?;
        let mut current: Option<u32> = None;
        while let Some(r) = rows.next().map_err(fail)? {
            let customer: i64 = r.get(1).map_err(fail)?;
            let Some(&ci) = customer_index.get(&customer) else { continue };
            if current != Some(ci) {
                input.customers[ci as usize].first_order = input.orders.len() as u32;
                current = Some(ci);
            }
            input.customers[ci as usize].order_count += 1;
            order_ids.push(r.get(0).map_err(fail)?);
            input.orders.push(OrderIn {
                at: r.get(2).map_err(fail)?,
                subtotal_minor: r.get(3).map_err(fail)?,
                discount_minor: r.get(4).map_err(fail)?,
                discounted: r.get(5).map_err(fail)?,
                shipping_cost_minor: r.get(6).map_err(fail)?,
                cancelled: r.get(7).map_err(fail)?,
                cost_known: true,
                category: u16::MAX,
                ..OrderIn::default()
            });
        }

        // Order ids → positions (ids are SQLite's own, so dense enough for a table).
        let max_id = order_ids.iter().copied().max().unwrap_or(0).max(0) as usize;
        let mut position = vec![u32::MAX; max_id + 1];
        for (i, &id) in order_ids.iter().enumerate() {
            if id >= 0 {
                position[id as usize] = i as u32;
            }
        }
        let at = |id: i64| if id >= 0 && (id as usize) < position.len() { position[id as usize] } else { u32::MAX };

        // Lines: costs, the largest line's category, and the products, grouped by order.
        let mut lines: Vec<(u32, u32)> = Vec::with_capacity(input.orders.len() * 2);
        let mut largest: Vec<i64> = vec![-1; input.orders.len()];
        let mut stmt = conn.prepare(q::LINES).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let pos = at(r.get(0).map_err(fail)?);
            if pos == u32::MAX {
                continue;
            }
            let o = &mut input.orders[pos as usize];
            let product: Option<i64> = r.get(1).map_err(fail)?;
            let quantity: i64 = r.get(2).map_err(fail)?;
            let price: i64 = r.get(3).map_err(fail)?;
            match r.get::<_, Option<i64>>(4).map_err(fail)? {
                Some(cost) => o.cost_minor += cost * quantity,
                None => o.cost_known = false,
            }
            if let Some(&pi) = product.and_then(|p| product_index.get(&p)) {
                lines.push((pos, pi));
                if price * quantity > largest[pos as usize] {
                    largest[pos as usize] = price * quantity;
                    o.category = input.products[pi as usize].category_index;
                }
            }
        }
        lines.sort_unstable();
        lines.dedup();
        input.order_products.reserve(lines.len());
        let mut i = 0;
        while i < lines.len() {
            let pos = lines[i].0;
            let o = &mut input.orders[pos as usize];
            o.first_product = input.order_products.len() as u32;
            while i < lines.len() && lines[i].0 == pos {
                input.order_products.push(lines[i].1);
                i += 1;
            }
            o.product_count = input.order_products.len() as u32 - o.first_product;
        }

        // Refunds per order.
        let mut stmt = conn.prepare(q::REFUNDS).map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let pos = at(r.get(0).map_err(fail)?);
            if pos != u32::MAX {
                input.orders[pos as usize].refunds_minor = r.get(1).map_err(fail)?;
            }
        }

        // Browsing and open carts.
        let mut stmt = conn.prepare(q::VIEWS).map_err(fail)?;
        let mut rows = stmt.query(params![as_of - 30 * 86_400, as_of]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            if let Some(&ci) = customer_index.get(&r.get::<_, i64>(0).map_err(fail)?) {
                input.customers[ci as usize].views_30d = r.get::<_, i64>(1).map_err(fail)? as u32;
            }
        }
        let mut stmt = conn.prepare(q::OPEN_CARTS).map_err(fail)?;
        let mut rows = stmt.query([as_of]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            if let Some(&ci) = customer_index.get(&r.get::<_, i64>(0).map_err(fail)?) {
                let c = &mut input.customers[ci as usize];
                c.open_cart_minor = r.get(1).map_err(fail)?;
                c.open_cart_at = Some(r.get(2).map_err(fail)?);
            }
        }
        Ok(input)
    }

    /// Replaces every customer's scores and records the run, in one transaction.
    pub fn save_scores(&mut self, rows: &[ScoreRow], ran_at: i64, summary: &str, models: &str) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving customer scores", e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(q::CLEAR_SCORES, []).map_err(fail)?;
        {
            let mut insert = tx.prepare(q::INSERT_SCORE).map_err(fail)?;
            for s in rows {
                insert
                    .execute(params![
                        s.customer_id,
                        s.orders,
                        s.first_order_at,
                        s.last_order_at,
                        s.revenue_minor,
                        s.discount_share,
                        s.p_alive,
                        s.churn_risk,
                        s.expected_orders_90d,
                        s.expected_orders_365d,
                        s.expected_order_value_minor,
                        s.clv_minor,
                        s.reorder_days,
                        s.reorder_basis,
                        s.next_order_at,
                        s.seasonal_month,
                        s.full_price_probability,
                        s.status,
                        s.segment,
                        s.reasons,
                        s.recommendations,
                    ])
                    .map_err(fail)?;
            }
        }
        tx.execute(q::INSERT_RUN, params![ran_at, summary, models]).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(())
    }

    /// The latest run's summary and models JSON.
    pub fn latest_run(&self) -> Result<Option<(i64, String, String)>, Error> {
        let fail = |e| self.err("reading the latest scoring run", e);
        self.conn.query_row(q::LATEST_RUN, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional().map_err(fail)
    }

    /// Records a health check.
    pub fn save_health(&mut self, checked_at: i64, error: f64, drifted: bool, report: &str) -> Result<(), Error> {
        let fail = |e| self.err("saving a model health check", e);
        self.conn.execute(q::INSERT_HEALTH, params![checked_at, error, drifted, report]).map_err(fail)?;
        Ok(())
    }

    /// Every health check's report JSON, oldest first.
    pub fn health_reports(&self) -> Result<Vec<(i64, String)>, Error> {
        let fail = |e| self.err("reading model health checks", e);
        let mut stmt = self.conn.prepare(q::HEALTH_REPORTS).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Customers per built-in segment.
    pub fn segment_counts(&self) -> Result<Vec<(String, i64)>, Error> {
        let fail = |e| self.err("counting segments", e);
        let mut stmt = self.conn.prepare(q::SEGMENT_COUNTS).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Saved custom segments: id, name, rules JSON.
    pub fn custom_segments(&self) -> Result<Vec<(i64, String, String)>, Error> {
        let fail = |e| self.err("reading custom segments", e);
        let mut stmt = self.conn.prepare(q::CUSTOM_SEGMENTS).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Saves a custom segment; its id.
    pub fn save_segment(&mut self, name: &str, rules: &str, at: i64) -> Result<i64, Error> {
        let fail = |e| self.err("saving a segment", e);
        self.conn.execute(q::INSERT_SEGMENT, params![name, rules, at]).map_err(fail)?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Deletes a custom segment; whether it existed.
    pub fn delete_segment(&mut self, id: i64) -> Result<bool, Error> {
        let fail = |e| self.err("deleting a segment", e);
        Ok(self.conn.execute(q::DELETE_SEGMENT, [id]).map_err(fail)? > 0)
    }

    /// Customers matching `query`, and how many match in all. `now` binds `?1` for
    /// time-relative columns.
    pub fn list_customers(&self, query: &ListQuery, now: i64) -> Result<(Vec<ListedCustomer>, i64), Error> {
        let fail = |e| self.err("listing customers", e);
        let mut values: Vec<rusqlite::types::Value> = vec![now.into()];
        let mut filter = String::from(" WHERE ?1 IS NOT NULL");
        if !query.search.trim().is_empty() {
            values.push(format!("%{}%", query.search.trim().to_lowercase()).into());
            let n = values.len();
            filter.push_str(&format!(
                " AND (c.email LIKE ?{n} OR lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) LIKE ?{n})"
            ));
        }
        for cond in &query.conditions {
            values.push((&cond.value).into());
            filter.push_str(&format!(" AND {} {} ?{}", cond.column, cond.op, values.len()));
        }
        let total: i64 = self
            .conn
            .query_row(&format!("{}{filter}", q::LIST_COUNT), params_from_iter(values.iter()), |r| r.get(0))
            .map_err(fail)?;
        let order = if query.descending { "DESC" } else { "ASC" };
        values.push(query.limit.into());
        values.push(query.offset.into());
        let sql = format!(
            "{}{filter} ORDER BY {} IS NULL, {} {order}, c.id LIMIT ?{} OFFSET ?{}",
            q::LIST,
            query.sort,
            query.sort,
            values.len() - 1,
            values.len()
        );
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok(ListedCustomer {
                    id: r.get(0)?,
                    email: r.get(1)?,
                    first_name: r.get(2)?,
                    last_name: r.get(3)?,
                    orders: r.get(4)?,
                    last_order_at: r.get(5)?,
                    revenue_minor: r.get(6)?,
                    churn_risk: r.get(7)?,
                    full_price_probability: r.get(8)?,
                    clv_minor: r.get(9)?,
                    status: r.get(10)?,
                    segment: r.get(11)?,
                    next_order_at: r.get(12)?,
                    seasonal_month: r.get(13)?,
                })
            })
            .map_err(fail)?;
        Ok((rows.collect::<Result<_, _>>().map_err(fail)?, total))
    }

    /// A customer's own facts, by id.
    pub fn customer_facts(&self, id: i64) -> Result<Option<CustomerFacts>, Error> {
        let fail = |e| self.err("reading a customer", e);
        self.conn
            .query_row(q::CUSTOMER_BY_ID, [id], |r| {
                Ok(CustomerFacts {
                    email: r.get(0)?,
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    consent: r.get(3)?,
                    consent_source: r.get(4)?,
                    created_at: r.get(5)?,
                })
            })
            .optional()
            .map_err(fail)
    }

    /// A customer's orders, newest first.
    pub fn customer_orders(&self, id: i64) -> Result<Vec<CustomerOrder>, Error> {
        let fail = |e| self.err("reading a customer's orders", e);
        let mut stmt = self.conn.prepare(q::CUSTOMER_ORDERS).map_err(fail)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(CustomerOrder {
                    number: r.get(0)?,
                    at: r.get(1)?,
                    currency: r.get(2)?,
                    subtotal_minor: r.get(3)?,
                    discount_minor: r.get(4)?,
                    discount_code: r.get(5)?,
                    cancelled: r.get(6)?,
                    items: r.get::<_, f64>(7)? as i64,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Product id → (title, handle, category).
    pub fn product_names(&self) -> Result<HashMap<i64, ProductName>, Error> {
        let fail = |e| self.err("reading product names", e);
        let mut stmt = self.conn.prepare(q::PRODUCT_NAMES).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// One customer's stored scores.
    pub fn score_of(&self, customer_id: i64) -> Result<Option<ScoreRow>, Error> {
        let fail = |e| self.err("reading a customer's scores", e);
        self.conn
            .query_row(q::SCORE_OF, [customer_id], |r| {
                Ok(ScoreRow {
                    customer_id,
                    orders: r.get(0)?,
                    first_order_at: r.get(1)?,
                    last_order_at: r.get(2)?,
                    revenue_minor: r.get(3)?,
                    discount_share: r.get(4)?,
                    p_alive: r.get(5)?,
                    churn_risk: r.get(6)?,
                    expected_orders_90d: r.get(7)?,
                    expected_orders_365d: r.get(8)?,
                    expected_order_value_minor: r.get(9)?,
                    clv_minor: r.get(10)?,
                    reorder_days: r.get(11)?,
                    reorder_basis: r.get(12)?,
                    next_order_at: r.get(13)?,
                    seasonal_month: r.get(14)?,
                    full_price_probability: r.get(15)?,
                    status: "",
                    segment: "",
                    reasons: r.get(16)?,
                    recommendations: r.get(17)?,
                })
            })
            .optional()
            .map_err(fail)
    }
}
