//! The writes behind imports: one order at a time inside a batch transaction that also moves
//! the run's checkpoint, so a batch is stored with its checkpoint or not at all.

use rusqlite::{params, OptionalExtension, Transaction};

use super::queries::import as q;
use super::{queries, Error, Store};
use crate::model::{Consent, Order, StoreSettings};

/// Running totals of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub rows_read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
}

/// A recorded import run; `resume_after_line` is 0 for a fresh run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportRun {
    pub id: i64,
    pub resume_after_line: u64,
    pub counts: ImportCounts,
}

/// What writing one order did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Inserted,
    Updated,
    Unchanged,
}

/// Writes inside one batch transaction. Create with [`Store::import_batch`].
#[allow(missing_debug_implementations)]
pub struct ImportTx<'t> {
    tx: Transaction<'t>,
    path: std::path::PathBuf,
}

/// A behavioural event from an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEvent {
    pub kind: crate::model::EventKind,
    /// Lower-cased email of the customer, when the event names one.
    pub email: Option<String>,
    pub anonymous_id: Option<String>,
    /// SKU, or the product id when the event names no SKU.
    pub sku: Option<String>,
    pub occurred_at: i64,
    /// The sender's message id, or a fingerprint of the event when it has none.
    pub message_id: String,
}

/// A support ticket from a helpdesk export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTicket {
    pub external_id: String,
    /// Lower-cased requester email.
    pub email: Option<String>,
    pub subject: String,
    /// Comma-separated tags.
    pub tags: String,
    pub status: crate::model::TicketStatus,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
}

/// Who an imported order belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCustomer {
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub consent: Consent,
    pub consent_source: Option<String>,
    pub created_at: i64,
}

impl Store {
    /// Writes the store row for imported data when there is none yet.
    pub fn ensure_store(&mut self, settings: &StoreSettings) -> Result<StoreSettings, Error> {
        if let Some(existing) = self.settings()? {
            return Ok(existing);
        }
        self.conn
            .execute(
                queries::STORE_INSERT,
                params![
                    settings.name,
                    settings.currency,
                    settings.timezone,
                    settings.source.as_str(),
                    settings.domain,
                    settings.postal_address,
                    settings.demo_seed.map(|v| v as i64),
                    settings.created_at
                ],
            )
            .map_err(|e| self.err("creating the store for an import", e))?;
        Ok(settings.clone())
    }

    /// Starts recording an import of `file`, or resumes the unfinished run of the same file
    /// (same path, size and first 64 KiB).
    pub fn begin_import(
        &mut self,
        kind: &str,
        file: &str,
        size: u64,
        head: &str,
        now: i64,
    ) -> Result<ImportRun, Error> {
        let fail = |e| self.err("recording an import", e);
        let unfinished = self
            .conn
            .query_row(q::UNFINISHED_IMPORT, params![kind, file, size as i64, head], |r| {
                Ok(ImportRun {
                    id: r.get(0)?,
                    resume_after_line: r.get::<_, i64>(1)? as u64,
                    counts: ImportCounts {
                        rows_read: r.get::<_, i64>(2)? as u64,
                        inserted: r.get::<_, i64>(3)? as u64,
                        updated: r.get::<_, i64>(4)? as u64,
                        unchanged: r.get::<_, i64>(5)? as u64,
                        rejected: r.get::<_, i64>(6)? as u64,
                    },
                })
            })
            .optional()
            .map_err(fail)?;
        if let Some(run) = unfinished {
            return Ok(run);
        }
        self.conn.execute(q::INSERT_IMPORT, params![kind, file, size as i64, head, now]).map_err(fail)?;
        Ok(ImportRun { id: self.conn.last_insert_rowid(), resume_after_line: 0, counts: ImportCounts::default() })
    }

    /// Runs `f` in one transaction and commits it.
    pub fn import_batch<T>(&mut self, f: impl FnOnce(&mut ImportTx<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "writing an import batch", e);
        let tx = self.conn.transaction().map_err(fail)?;
        let mut w = ImportTx { tx, path: path.clone() };
        let out = f(&mut w)?;
        w.tx.commit().map_err(fail)?;
        Ok(out)
    }

    /// Marks an import run finished.
    pub fn finish_import(&self, run: i64, now: i64) -> Result<(), Error> {
        self.conn.execute(q::FINISH_IMPORT, params![run, now]).map(drop).map_err(|e| self.err("recording an import", e))
    }
}

impl ImportTx<'_> {
    fn fail(&self, e: rusqlite::Error) -> Error {
        Error::Sqlite { doing: "writing an import batch", path: self.path.clone(), source: e }
    }

    /// One row of a query in the batch, if any (for the other store modules).
    pub(super) fn query_opt<T>(
        &mut self,
        sql: &str,
        p: impl rusqlite::Params,
        f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>, Error> {
        self.tx.prepare_cached(sql).and_then(|mut s| s.query_row(p, f).optional()).map_err(|e| self.fail(e))
    }

    /// Runs one statement in the batch and says how many rows it changed.
    pub(super) fn execute_count(&mut self, sql: &str, p: impl rusqlite::Params) -> Result<u64, Error> {
        self.tx.prepare_cached(sql).and_then(|mut s| s.execute(p)).map(|n| n as u64).map_err(|e| self.fail(e))
    }

    /// The id of the row last inserted in the batch.
    pub(super) fn last_id(&self) -> i64 {
        self.tx.last_insert_rowid()
    }

    /// Runs one statement in the batch (for the other store modules' writes).
    pub(super) fn execute(&mut self, sql: &str, p: impl rusqlite::Params) -> Result<(), Error> {
        self.tx.prepare_cached(sql).and_then(|mut s| s.execute(p)).map(drop).map_err(|e| self.fail(e))
    }

    /// The id of the customer with this email, created when new.
    pub fn customer(&mut self, c: &ImportedCustomer) -> Result<i64, Error> {
        let found: Option<i64> = self
            .tx
            .prepare_cached(q::CUSTOMER_BY_EMAIL)
            .and_then(|mut s| s.query_row([&c.email], |r| r.get(0)).optional())
            .map_err(|e| self.fail(e))?;
        if let Some(id) = found {
            return Ok(id);
        }
        self.tx
            .execute(
                q::INSERT_CUSTOMER,
                params![
                    c.email,
                    c.first_name,
                    c.last_name,
                    c.consent.as_str(),
                    c.consent_source,
                    None::<i64>,
                    c.created_at
                ],
            )
            .map_err(|e| self.fail(e))?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Inserts or updates a customer from a customers export, keyed by (lower-cased) email.
    /// `tags` replaces the stored tags; consent moves from subscribed to unsubscribed when the
    /// export no longer says they accept email.
    pub fn upsert_customer(&mut self, c: &ImportedCustomer, tags: &str, now: i64) -> Result<Written, Error> {
        type Row = (i64, Option<String>, Option<String>, String, Option<String>, String);
        let existing: Option<Row> = self
            .tx
            .prepare_cached(q::CUSTOMER_FIELDS)
            .and_then(|mut s| {
                s.query_row([&c.email], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
                    .optional()
            })
            .map_err(|e| self.fail(e))?;
        let Some((id, first, last, consent, source, old_tags)) = existing else {
            let at = (c.consent == Consent::Subscribed).then_some(now);
            self.tx
                .prepare_cached(q::INSERT_CUSTOMER_WITH_TAGS)
                .and_then(|mut s| {
                    s.execute(params![
                        c.email,
                        c.first_name,
                        c.last_name,
                        c.consent.as_str(),
                        c.consent_source,
                        at,
                        tags,
                        c.created_at
                    ])
                })
                .map_err(|e| self.fail(e))?;
            return Ok(Written::Inserted);
        };
        // Keep a stronger stored state: "not asked" in an export does not undo an unsubscribe,
        // and a subscriber who no longer accepts email has unsubscribed.
        let new_consent = match (consent.as_str(), c.consent) {
            ("subscribed", Consent::NotAsked) => Consent::Unsubscribed,
            ("unsubscribed", Consent::NotAsked) => Consent::Unsubscribed,
            (_, other) => other,
        };
        let (new_source, changed_at) = if new_consent.as_str() == consent {
            (source.clone(), None)
        } else {
            (c.consent_source.clone(), Some(now))
        };
        let first_name = c.first_name.clone().or(first.clone());
        let last_name = c.last_name.clone().or(last.clone());
        if first_name == first && last_name == last && new_consent.as_str() == consent && tags == old_tags {
            return Ok(Written::Unchanged);
        }
        self.tx
            .prepare_cached(q::UPDATE_CUSTOMER)
            .and_then(|mut s| {
                s.execute(params![id, first_name, last_name, new_consent.as_str(), new_source, changed_at, tags])
            })
            .map_err(|e| self.fail(e))?;
        Ok(Written::Updated)
    }

    /// Inserts or updates a product by handle with its variants (by SKU, else by title); a
    /// product counts as updated when it or any of its variants changed.
    pub fn upsert_product(&mut self, p: &crate::model::Product) -> Result<Written, Error> {
        type Row = (i64, String, Option<String>, Option<String>, String);
        let status = "active";
        let existing: Option<Row> = self
            .tx
            .prepare_cached(q::PRODUCT_BY_HANDLE)
            .and_then(|mut s| {
                s.query_row([&p.handle], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).optional()
            })
            .map_err(|e| self.fail(e))?;
        let (product_id, mut written) = match existing {
            None => {
                self.tx
                    .prepare_cached(q::INSERT_PRODUCT)
                    .and_then(|mut s| s.execute(params![p.handle, p.title, p.category, status, p.image_url]))
                    .map_err(|e| self.fail(e))?;
                (self.tx.last_insert_rowid(), Written::Inserted)
            }
            Some((id, title, category, image, _)) => {
                if title == p.title && category == p.category && image == p.image_url {
                    (id, Written::Unchanged)
                } else {
                    self.tx
                        .prepare_cached(q::UPDATE_PRODUCT)
                        .and_then(|mut s| s.execute(params![id, p.title, p.category, status, p.image_url]))
                        .map_err(|e| self.fail(e))?;
                    (id, Written::Updated)
                }
            }
        };
        for v in &p.variants {
            type VRow = (i64, String, i64, Option<i64>, Option<i64>);
            let found: Option<VRow> = self
                .tx
                .prepare_cached(q::VARIANT_OF_PRODUCT)
                .and_then(|mut s| {
                    s.query_row(params![product_id, v.sku, v.title], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })
                    .optional()
                })
                .map_err(|e| self.fail(e))?;
            match found {
                None => {
                    self.tx
                        .prepare_cached(q::INSERT_VARIANT)
                        .and_then(|mut s| {
                            s.execute(params![
                                product_id,
                                v.sku,
                                v.title,
                                v.price_minor,
                                v.cost_minor,
                                v.inventory,
                                v.inventory_updated_at
                            ])
                        })
                        .map_err(|e| self.fail(e))?;
                    if written == Written::Unchanged {
                        written = Written::Updated;
                    }
                }
                Some((id, title, price, cost, inventory)) => {
                    self.tx
                        .prepare_cached(q::TOUCH_VARIANT_COUNT)
                        .and_then(|mut s| s.execute(params![id, v.inventory_updated_at]))
                        .map_err(|e| self.fail(e))?;
                    if title != v.title || price != v.price_minor || cost != v.cost_minor || inventory != v.inventory {
                        self.tx
                            .prepare_cached(q::UPDATE_VARIANT)
                            .and_then(|mut s| {
                                s.execute(params![
                                    id,
                                    v.title,
                                    v.price_minor,
                                    v.cost_minor,
                                    v.inventory,
                                    v.inventory_updated_at
                                ])
                            })
                            .map_err(|e| self.fail(e))?;
                        if written == Written::Unchanged {
                            written = Written::Updated;
                        }
                    }
                }
            }
        }
        Ok(written)
    }

    /// Stores `order` under its number: inserted when new, replaced when its fingerprint changed,
    /// left alone when it did not. `order.id` is ignored.
    pub fn order(&mut self, order: &Order, platform_id: Option<&str>, fingerprint: &str) -> Result<Written, Error> {
        let existing: Option<(i64, Option<String>)> = self
            .tx
            .prepare_cached(q::ORDER_BY_NUMBER)
            .and_then(|mut s| s.query_row([&order.number], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(|e| self.fail(e))?;
        let (id, written) = match existing {
            Some((_, Some(f))) if f == fingerprint => return Ok(Written::Unchanged),
            Some((id, _)) => {
                self.tx.prepare_cached(q::DELETE_ORDER).and_then(|mut s| s.execute([id])).map_err(|e| self.fail(e))?;
                (Some(id), Written::Updated)
            }
            None => (None, Written::Inserted),
        };
        let o = order;
        self.tx
            .prepare_cached(q::INSERT_ORDER)
            .and_then(|mut s| {
                s.execute(params![
                    id,
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
                    o.cancelled_at,
                    platform_id,
                    fingerprint
                ])
            })
            .map_err(|e| self.fail(e))?;
        let order_id = self.tx.last_insert_rowid();
        {
            let mut line = self.tx.prepare_cached(q::INSERT_LINE).map_err(|e| self.fail(e))?;
            for l in &o.lines {
                line.execute(params![order_id, l.sku, l.title, l.quantity, l.unit_price_minor, l.discount_minor])
                    .map_err(|e| self.fail(e))?;
            }
            let mut refund = self.tx.prepare_cached(q::INSERT_REFUND).map_err(|e| self.fail(e))?;
            for r in &o.refunds {
                refund.execute(params![order_id, r.amount_minor, r.created_at, r.reason]).map_err(|e| self.fail(e))?;
            }
        }
        Ok(written)
    }

    /// Stores an imported event unless its message id is already there.
    pub fn event(&mut self, e: &ImportedEvent) -> Result<Written, Error> {
        let n = self
            .tx
            .prepare_cached(q::INSERT_EVENT)
            .and_then(|mut s| {
                s.execute(params![e.email, e.kind.as_str(), e.sku, e.occurred_at, e.anonymous_id, e.message_id])
            })
            .map_err(|err| self.fail(err))?;
        Ok(if n == 0 { Written::Unchanged } else { Written::Inserted })
    }

    /// Inserts or updates a support ticket by the helpdesk's id.
    pub fn ticket(&mut self, t: &ImportedTicket) -> Result<Written, Error> {
        type Row = (i64, String, String, String, i64, Option<i64>, Option<String>);
        let existing: Option<Row> = self
            .tx
            .prepare_cached(q::TICKET_BY_EXTERNAL_ID)
            .and_then(|mut s| {
                s.query_row([&t.external_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
                })
                .optional()
            })
            .map_err(|e| self.fail(e))?;
        let status = t.status.as_str();
        match existing {
            None => {
                self.tx
                    .prepare_cached(q::INSERT_TICKET)
                    .and_then(|mut s| {
                        s.execute(params![t.email, t.subject, t.tags, status, t.opened_at, t.closed_at, t.external_id])
                    })
                    .map_err(|e| self.fail(e))?;
                Ok(Written::Inserted)
            }
            Some((id, subject, tags, old_status, opened, closed, email)) => {
                if subject == t.subject
                    && tags == t.tags
                    && old_status == status
                    && opened == t.opened_at
                    && closed == t.closed_at
                    && email == t.email
                {
                    return Ok(Written::Unchanged);
                }
                self.tx
                    .prepare_cached(q::UPDATE_TICKET)
                    .and_then(|mut s| {
                        s.execute(params![id, t.email, t.subject, t.tags, status, t.opened_at, t.closed_at])
                    })
                    .map_err(|e| self.fail(e))?;
                Ok(Written::Updated)
            }
        }
    }

    /// Links order lines that arrived before their products; returns how many were linked.
    pub fn link_lines_to_variants(&mut self) -> Result<usize, Error> {
        self.tx.prepare_cached(q::LINK_LINES).and_then(|mut s| s.execute([])).map_err(|e| self.fail(e))
    }

    /// Moves the run's checkpoint to `line` with these totals.
    pub fn checkpoint(&mut self, run: i64, line: u64, c: &ImportCounts) -> Result<(), Error> {
        self.tx
            .execute(
                q::CHECKPOINT_IMPORT,
                params![
                    run,
                    line as i64,
                    c.rows_read as i64,
                    c.inserted as i64,
                    c.updated as i64,
                    c.unchanged as i64,
                    c.rejected as i64
                ],
            )
            .map(drop)
            .map_err(|e| self.fail(e))
    }
}
