//! Bulk loading: many rows through prepared statements, committed in chunks so the WAL stays
//! small. The store row is written last, in the final commit, so a load that was interrupted
//! leaves a database without a store row, which [`Store::clear_incomplete`] recognises and
//! empties before the next try.

use rusqlite::{params, Connection, Statement};

use super::{queries, Error, Store};
use crate::model::{AbandonedCheckout, Customer, Event, Order, Product, StoreSettings, SupportTicket};

/// Rows per transaction during a bulk load.
const ROWS_PER_COMMIT: usize = 200_000;

/// Writes rows of a new store. Create one with [`Store::bulk_load`].
#[allow(missing_debug_implementations)]
pub struct BulkWriter<'c> {
    conn: &'c Connection,
    store: &'c Store,
    rows_since_commit: usize,
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

    /// Empties the commerce tables when they hold rows but no store row: the remains of a bulk
    /// load that was interrupted. Returns whether anything was removed.
    pub fn clear_incomplete(&mut self) -> Result<bool, Error> {
        if self.settings()?.is_some() || !self.has_commerce_rows()? {
            return Ok(false);
        }
        let tx = self.conn.transaction().map_err(|e| classify_tx(&self.path, &self.dir, e))?;
        tx.execute_batch(queries::CLEAR_COMMERCE)
            .and_then(|()| tx.commit())
            .map_err(|e| classify_tx(&self.path, &self.dir, e))?;
        Ok(true)
    }

    /// Runs `load` with a writer, then writes `settings` as the store row and commits.
    /// On error the current chunk is rolled back and no store row is written.
    pub fn bulk_load<F>(&mut self, settings: &StoreSettings, load: F) -> Result<(), Error>
    where
        F: FnOnce(&mut BulkWriter<'_>) -> Result<(), Error>,
    {
        let conn = &self.conn;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| self.err("starting a bulk load", e))?;
        let result = (|| {
            let mut w = BulkWriter::new(self)?;
            load(&mut w)?;
            w.finish(settings)
        })();
        match result {
            Ok(()) => {
                conn.execute_batch("COMMIT").map_err(|e| self.err("finishing a bulk load", e))?;
                self.checkpoint()
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn classify_tx(path: &std::path::Path, dir: &std::path::Path, e: rusqlite::Error) -> Error {
    super::classify(path, dir, "clearing an interrupted load", e)
}

impl<'c> BulkWriter<'c> {
    fn new(store: &'c Store) -> Result<Self, Error> {
        let conn = &store.conn;
        let prep = |sql: &str| conn.prepare(sql).map_err(|e| store.err("preparing a bulk load", e));
        Ok(Self {
            conn,
            store,
            rows_since_commit: 0,
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

    fn wrote(&mut self, rows: usize) -> Result<(), Error> {
        self.rows_since_commit += rows;
        if self.rows_since_commit >= ROWS_PER_COMMIT {
            self.rows_since_commit = 0;
            self.conn
                .execute_batch("COMMIT; BEGIN IMMEDIATE")
                .map_err(|e| self.store.err("committing a bulk load", e))?;
        }
        Ok(())
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
        self.wrote(1 + p.variants.len())
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
        self.wrote(1)
    }

    /// An order with its lines and refunds.
    pub fn order(&mut self, o: &Order) -> Result<(), Error> {
        self.order
            .execute(params![
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
            ])
            .map_err(|e| self.fail(e))?;
        for l in &o.lines {
            self.line
                .execute(params![
                    l.id,
                    o.id,
                    l.variant_id,
                    l.sku,
                    l.title,
                    l.quantity,
                    l.unit_price_minor,
                    l.discount_minor,
                    l.unit_cost_minor
                ])
                .map_err(|e| self.fail(e))?;
        }
        for r in &o.refunds {
            self.refund
                .execute(params![o.id, r.line_item_id, r.quantity, r.amount_minor, r.reason, r.created_at])
                .map_err(|e| self.fail(e))?;
        }
        self.wrote(1 + o.lines.len() + o.refunds.len())
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
        self.wrote(1 + c.items.len())
    }

    /// A behavioural event.
    pub fn event(&mut self, e: &Event) -> Result<(), Error> {
        self.event
            .execute(params![e.customer_id, e.kind.as_str(), e.variant_id, e.occurred_at])
            .map_err(|err| self.fail(err))?;
        self.wrote(1)
    }

    /// A support ticket.
    pub fn ticket(&mut self, t: &SupportTicket) -> Result<(), Error> {
        self.ticket
            .execute(params![t.customer_id, t.order_id, t.subject, t.tags, t.status.as_str(), t.opened_at, t.closed_at])
            .map_err(|e| self.fail(e))?;
        self.wrote(1)
    }

    fn finish(&mut self, s: &StoreSettings) -> Result<(), Error> {
        self.conn
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
