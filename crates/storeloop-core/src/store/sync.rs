//! The writes behind platform sync: connections (never their keys), each resource's cursor —
//! moved in the same transaction as the records of the page it covers, so a sync stopped at
//! any point resumes where the data ends — and the record of every run.

use rusqlite::{params, OptionalExtension};

use super::import::ImportTx;
use super::queries::sync as q;
use super::{Error, Store};

/// A saved connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionRow {
    pub platform: String,
    pub base_url: String,
    pub shop_name: Option<String>,
    pub scopes: Option<String>,
    pub created_at: i64,
    pub last_sync_at: Option<i64>,
    pub last_status: Option<String>,
    pub last_error: Option<String>,
}

/// A recorded sync run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRunRow {
    pub id: i64,
    pub full: bool,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub status: String,
    /// JSON.
    pub counts: String,
    /// JSON.
    pub warnings: String,
    pub error: Option<String>,
}

impl Store {
    /// Saves the connection to `platform` (its key goes to the keychain, not here).
    pub fn save_connection(
        &mut self,
        platform: &str,
        base_url: &str,
        shop_name: Option<&str>,
        scopes: Option<&str>,
        now: i64,
    ) -> Result<(), Error> {
        let fail = |e| self.err("saving a connection", e);
        self.conn.execute(q::UPSERT_CONNECTION, params![platform, base_url, shop_name, scopes, now]).map_err(fail)?;
        Ok(())
    }

    /// Every saved connection.
    pub fn connections(&self) -> Result<Vec<ConnectionRow>, Error> {
        let fail = |e| self.err("reading connections", e);
        let mut stmt = self.conn.prepare_cached(q::CONNECTIONS).map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ConnectionRow {
                    platform: r.get(0)?,
                    base_url: r.get(1)?,
                    shop_name: r.get(2)?,
                    scopes: r.get(3)?,
                    created_at: r.get(4)?,
                    last_sync_at: r.get(5)?,
                    last_status: r.get(6)?,
                    last_error: r.get(7)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Removes the connection to `platform` and its cursors (the synced data stays).
    pub fn remove_connection(&mut self, platform: &str) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "removing a connection", e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(q::DELETE_CONNECTION, [platform]).map_err(fail)?;
        tx.execute(q::DELETE_CURSORS, [platform]).map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// Forgets every cursor of `platform`: the next sync reads everything again.
    pub fn reset_sync_cursors(&mut self, platform: &str) -> Result<(), Error> {
        let fail = |e| self.err("starting a full sync", e);
        self.conn.execute(q::DELETE_CURSORS, [platform]).map(drop).map_err(fail)
    }

    /// One resource's cursor (JSON), when it has one.
    pub fn sync_cursor(&self, platform: &str, resource: &str) -> Result<Option<String>, Error> {
        let fail = |e| self.err("reading a sync cursor", e);
        self.conn.query_row(q::CURSOR, params![platform, resource], |r| r.get(0)).optional().map_err(fail)
    }

    /// Starts recording a run; runs left "running" by a stopped app are marked interrupted.
    pub fn begin_sync_run(&mut self, platform: &str, full: bool, now: i64) -> Result<i64, Error> {
        let fail = |e| self.err("recording a sync", e);
        self.conn.execute(q::INTERRUPTED_RUNS, params![platform, now]).map_err(fail)?;
        self.conn.execute(q::INSERT_RUN, params![platform, i64::from(full), now]).map_err(fail)?;
        let id = self.conn.last_insert_rowid();
        self.conn.execute(q::CONNECTION_STATUS, params![platform, now, "running", None::<String>]).map_err(fail)?;
        Ok(id)
    }

    /// Ends a run (and says so on its connection).
    #[allow(clippy::too_many_arguments)]
    pub fn finish_sync_run(
        &mut self,
        platform: &str,
        run: i64,
        now: i64,
        error: Option<&str>,
        counts: &str,
        warnings: &str,
    ) -> Result<(), Error> {
        let fail = |e| self.err("recording a sync", e);
        let status = if error.is_some() { "failed" } else { "ok" };
        self.conn.execute(q::FINISH_RUN, params![run, now, status, error, counts, warnings]).map_err(fail)?;
        self.conn.execute(q::CONNECTION_STATUS, params![platform, now, status, error]).map_err(fail)?;
        Ok(())
    }

    /// The latest `limit` runs of `platform`, newest first.
    pub fn sync_runs(&self, platform: &str, limit: i64) -> Result<Vec<SyncRunRow>, Error> {
        let fail = |e| self.err("reading sync runs", e);
        let mut stmt = self.conn.prepare_cached(q::RUNS).map_err(fail)?;
        let rows = stmt
            .query_map(params![platform, limit], |r| {
                Ok(SyncRunRow {
                    id: r.get(0)?,
                    full: r.get::<_, i64>(1)? == 1,
                    started_at: r.get(2)?,
                    finished_at: r.get(3)?,
                    status: r.get(4)?,
                    counts: r.get(5)?,
                    warnings: r.get(6)?,
                    error: r.get(7)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }
}

impl Store {
    /// The store's commerce content as canonical lines, without internal ids: two stores with
    /// the same lines hold the same data (how a resumed sync is compared with an uninterrupted
    /// one).
    pub fn commerce_snapshot(&self) -> Result<Vec<String>, Error> {
        let fail = |e| self.err("reading the store's content", e);
        let mut out = Vec::new();
        for sql in [
            q::SNAP_CUSTOMERS,
            q::SNAP_PRODUCTS,
            q::SNAP_VARIANTS,
            q::SNAP_ORDERS,
            q::SNAP_LINES,
            q::SNAP_REFUNDS,
            q::SNAP_CHECKOUTS,
        ] {
            let mut stmt = self.conn.prepare(sql).map_err(fail)?;
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let mut line = String::new();
                    for i in 0..n {
                        if i > 0 {
                            line.push('|');
                        }
                        match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Integer(v) => line.push_str(&v.to_string()),
                            rusqlite::types::ValueRef::Text(t) => line.push_str(&String::from_utf8_lossy(t)),
                            rusqlite::types::ValueRef::Null => line.push('∅'),
                            other => line.push_str(&format!("{other:?}")),
                        }
                    }
                    Ok(line)
                })
                .map_err(fail)?;
            for r in rows {
                out.push(r.map_err(fail)?);
            }
        }
        Ok(out)
    }
}

/// An abandoned checkout read from a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedCheckout {
    pub platform_id: String,
    pub email: Option<String>,
    pub created_at: i64,
    pub currency: String,
    pub value_minor: i64,
    /// (SKU, quantity, unit price).
    pub items: Vec<(Option<String>, i64, i64)>,
    /// Bought after all: it is no longer abandoned.
    pub completed: bool,
}

impl ImportTx<'_> {
    /// Inserts or updates a checkout by the platform's id (its items written again), with the
    /// customer's id when known; a completed one is removed unless a flow already counted it
    /// as recovered.
    pub fn upsert_checkout(&mut self, c: &SyncedCheckout, customer_id: Option<i64>) -> Result<super::Written, Error> {
        if c.completed {
            self.execute(q::DELETE_SYNCED_CHECKOUT, [&c.platform_id])?;
            return Ok(super::Written::Unchanged);
        }
        let existing: Option<(i64, i64, i64, String, i64)> =
            self.query_opt(q::CHECKOUT_BY_PLATFORM, [&c.platform_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        // The items are written again every time (a basket can change without its total).
        let (id, written) = match existing {
            Some((id, cust, at, cur, value)) => {
                let same = cust == customer_id.unwrap_or(-1)
                    && at == c.created_at
                    && cur == c.currency
                    && value == c.value_minor;
                if !same {
                    self.execute(
                        q::UPDATE_SYNCED_CHECKOUT,
                        params![id, customer_id, c.email, c.created_at, c.currency, c.value_minor],
                    )?;
                }
                self.execute(q::DELETE_CHECKOUT_ITEMS, [id])?;
                (id, if same { super::Written::Unchanged } else { super::Written::Updated })
            }
            None => {
                self.execute(
                    q::INSERT_SYNCED_CHECKOUT,
                    params![customer_id, c.email, c.created_at, c.currency, c.value_minor, c.platform_id],
                )?;
                (self.last_id(), super::Written::Inserted)
            }
        };
        for (sku, qty, price) in c.items.iter().filter(|i| i.1 > 0) {
            self.execute(q::INSERT_SYNCED_CHECKOUT_ITEM, params![id, sku, qty, price])?;
        }
        Ok(written)
    }

    /// Marks the orders of `platform` that are not among `seen` (every order id a full sync
    /// read) as deleted in the shop; returns how many.
    pub fn mark_unseen_orders(&mut self, platform: &str, seen: &[String], now: i64) -> Result<u64, Error> {
        self.execute(q::SEEN_TABLE, [])?;
        self.execute(q::SEEN_CLEAR, [])?;
        for id in seen {
            self.execute(q::SEEN_ADD, [id])?;
        }
        let n = self.execute_count(q::MARK_UNSEEN_ORDERS, params![platform, now])?;
        self.execute(q::SEEN_CLEAR, [])?;
        Ok(n)
    }

    /// Moves a resource's cursor inside this batch: it commits with the records or not at all.
    pub fn set_sync_cursor(&mut self, platform: &str, resource: &str, cursor: &str, now: i64) -> Result<(), Error> {
        self.execute(q::SET_CURSOR, params![platform, resource, cursor, now])
    }

    /// Saves a run's counts and warnings so far with the batch.
    pub fn update_sync_run(&mut self, run: i64, counts: &str, warnings: &str) -> Result<(), Error> {
        self.execute(q::UPDATE_RUN, params![run, counts, warnings])
    }
}
