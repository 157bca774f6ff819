//! Bulk loading of a new store: many rows through prepared statements in one transaction, so a
//! load is all or nothing. For speed the secondary indexes are dropped at the start and built
//! again (from their own definitions in the schema) at the end, foreign keys are not checked
//! row by row (the demo generator's rows are checked by a test instead), and the page cache is
//! enlarged; all of that is undone whether the load succeeds or fails.

use rusqlite::{params, Connection, Statement};

use super::{queries, Error, Store};
use crate::model::{AbandonedCheckout, Customer, Event, Order, Product, StoreSettings, SupportTicket};

/// Page cache during a bulk load, in KiB (SQLite's negative `cache_size`).
const BULK_CACHE_KIB: i64 = 256 * 1024;

/// Writes rows of a new store. Create one with [`Store::bulk_load`].
#[allow(missing_debug_implementations)]
pub struct BulkWriter<'c> {
    store: &'c Store,
    product: Statement<'c>,
    variant: Statement<'c>,
    customer: Statement<'c>,
    order: Statement<'c>,
    line: Statement<'c>,
    refund: Statement<'c>,
    checkout: Statement<'c>,
    checkout_item: Statement<'c>,
    event: Statement<'c>,
    ticket: Statement<'c>,
}

impl Store {
    /// True when any customer, product or order is stored.
    pub fn has_commerce_rows(&self) -> Result<bool, Error> {
        self.conn
            .query_row(queries::HAS_COMMERCE_ROWS, [], |r| r.get(0))
            .map_err(|e| self.err("looking for stored data", e))
    }

    /// Deletes the demo store, all of it, in one transaction; refuses any other store.
    /// Returns whether there was a demo store to delete.
    pub fn remove_demo(&mut self) -> Result<bool, Error> {
        match self.settings()? {
            Some(s) if s.source == crate::model::StoreSource::Demo => {}
            Some(_) => return Err(Error::NotDemo { path: self.path.clone() }),
            None => return Ok(false),
        }
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "removing the demo store", e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute_batch(queries::CLEAR_STORE).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(true)
    }

    /// Runs `load` with a writer, then writes `settings` as the store row and commits, all in
    /// one transaction: on any error nothing of the load remains. Meant for an empty database.
    pub fn bulk_load<F>(&mut self, settings: &StoreSettings, load: F) -> Result<(), Error>
    where
        F: FnOnce(&mut BulkWriter<'_>) -> Result<(), Error>,
    {
        let conn = &self.conn;
        let restore = format!("PRAGMA foreign_keys = ON; PRAGMA cache_size = {};", super::CACHE_SIZE);
        let start = format!("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -{BULK_CACHE_KIB}; BEGIN IMMEDIATE");
        if let Err(e) = conn.execute_batch(&start) {
            let _ = conn.execute_batch(&restore);
            return Err(self.err("starting a bulk load", e));
        }
        let result = (|| {
            let indexes = self.drop_secondary_indexes()?;
            let mut w = BulkWriter::new(self)?;
            load(&mut w)?;
            w.finish(settings)?;
            drop(w);
            for sql in &indexes {
                conn.execute_batch(sql).map_err(|e| self.err("rebuilding an index after a bulk load", e))?;
            }
            conn.execute_batch("COMMIT").map_err(|e| self.err("finishing a bulk load", e))
        })();
        if result.is_err() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        let restored = conn.execute_batch(&restore).map_err(|e| self.err("finishing a bulk load", e));
        result?;
        restored?;
        self.checkpoint()
    }

    /// Drops every index that SQLite did not make itself (those have no SQL) and returns their
    /// definitions, to be run again after the load.
    fn drop_secondary_indexes(&self) -> Result<Vec<String>, Error> {
        let fail = |e| self.err("preparing a bulk load", e);
        let mut stmt = self.conn.prepare(queries::SECONDARY_INDEXES).map_err(fail)?;
        let indexes: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(fail)?
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        for (name, _) in &indexes {
            self.conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\""))).map_err(fail)?;
        }
        Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
    }
}

impl<'c> BulkWriter<'c> {
    fn new(store: &'c Store) -> Result<Self, Error> {
        let conn: &'c Connection = &store.conn;
        let prep = |sql: &str| conn.prepare(sql).map_err(|e| store.err("preparing a bulk load", e));
        Ok(Self {
            store,
            product: prep(queries::INSERT_PRODUCT)?,
            variant: prep(queries::INSERT_VARIANT)?,
            customer: prep(queries::INSERT_CUSTOMER)?,
            order: prep(queries::INSERT_ORDER)?,
            line: prep(queries::INSERT_LINE_ITEM)?,
            refund: prep(queries::INSERT_REFUND)?,
            checkout: prep(queries::INSERT_CHECKOUT)?,
            checkout_item: prep(queries::INSERT_CHECKOUT_ITEM)?,
            event: prep(queries::INSERT_EVENT)?,
            ticket: prep(queries::INSERT_TICKET)?,
        })
    }

    fn fail(&self, e: rusqlite::Error) -> Error {
        self.store.err("writing a bulk load", e)
    }

    /// A product with its variants.
    pub fn product(&mut self, p: &Product) -> Result<(), Error> {
        self.product
            .execute(params![p.id, p.handle, p.title, p.category, p.regulated, p.product_url, p.image_url, p.care_text])
            .map_err(|e| self.fail(e))?;
        for v in &p.variants {
            self.variant
                .execute(params![
                    v.id,
                    p.id,
                    v.sku,
                    v.title,
                    v.price_minor,
                    v.cost_minor,
                    v.inventory,
                    v.inventory_updated_at
                ])
                .map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    /// A customer.
    pub fn customer(&mut self, c: &Customer) -> Result<(), Error> {
        self.customer
            .execute(params![
                c.id,
                c.email,
                c.first_name,
                c.last_name,
                c.consent.as_str(),
                c.consent_source,
                c.consent_at,
                c.tags,
                c.timezone,
                c.created_at
            ])
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// An order with its lines and refunds.
    pub fn order(&mut self, o: &Order) -> Result<(), Error> {
        write_order(&mut self.order, &mut self.line, &mut self.refund, o).map_err(|e| self.fail(e))
    }

    /// An abandoned checkout with its items.
    pub fn checkout(&mut self, c: &AbandonedCheckout) -> Result<(), Error> {
        self.checkout
            .execute(params![
                c.id,
                c.customer_id,
                c.email,
                c.created_at,
                c.currency,
                c.value_minor,
                c.recovered_order_id
            ])
            .map_err(|e| self.fail(e))?;
        for (variant, quantity, price) in &c.items {
            self.checkout_item.execute(params![c.id, variant, quantity, price]).map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    /// A behavioural event.
    pub fn event(&mut self, e: &Event) -> Result<(), Error> {
        self.event
            .execute(params![e.customer_id, e.kind.as_str(), e.variant_id, e.occurred_at])
            .map_err(|err| self.fail(err))?;
        Ok(())
    }

    /// A support ticket.
    pub fn ticket(&mut self, t: &SupportTicket) -> Result<(), Error> {
        self.ticket
            .execute(params![t.customer_id, t.order_id, t.subject, t.tags, t.status.as_str(), t.opened_at, t.closed_at])
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    fn finish(&mut self, s: &StoreSettings) -> Result<(), Error> {
        self.store
            .conn
            .execute(
                queries::STORE_INSERT,
                params![
                    s.name,
                    s.currency,
                    s.timezone,
                    s.source.as_str(),
                    s.domain,
                    s.postal_address,
                    s.demo_seed.map(|v| v as i64),
                    s.created_at
                ],
            )
            .map_err(|e| self.fail(e))?;
        Ok(())
    }
}

/// Writes an order with its lines and refunds through `queries::INSERT_ORDER`,
/// `INSERT_LINE_ITEM` and `INSERT_REFUND` (a bulk load and the demo's flow history share it).
pub(super) fn write_order(
    order: &mut Statement<'_>,
    line: &mut Statement<'_>,
    refund: &mut Statement<'_>,
    o: &Order,
) -> rusqlite::Result<()> {
    order.execute(params![
        o.id,
        o.customer_id,
        o.number,
        o.created_at,
        o.currency,
        o.subtotal_minor,
        o.discount_minor,
        o.discount_code,
        o.shipping_minor,
        o.shipping_cost_minor,
        o.tax_minor,
        o.total_minor,
        o.financial_status,
        o.fulfillment_status,
        o.source,
        o.cancelled_at
    ])?;
    for l in &o.lines {
        line.execute(params![
            l.id,
            o.id,
            l.variant_id,
            l.sku,
            l.title,
            l.quantity,
            l.unit_price_minor,
            l.discount_minor,
            l.unit_cost_minor
        ])?;
    }
    for r in &o.refunds {
        refund.execute(params![o.id, r.line_item_id, r.quantity, r.amount_minor, r.reason, r.created_at])?;
    }
    Ok(())
}
