//! Saving a flow definition as a new version (listing flows is `flow_runs::flow_rows`).

use rusqlite::{params, OptionalExtension};

use super::queries::flows as q;
use super::{Error, Store};

impl Store {
    /// Saves `definition` (already checked) as the flow's next version, creating the flow at
    /// version 1; returns the version. One transaction.
    pub fn save_flow(&mut self, slug: &str, name: &str, definition: &str, now: i64) -> Result<i64, Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving a flow", e);
        let tx = self.conn.transaction().map_err(fail)?;
        let existing: Option<(i64, i64)> =
            tx.query_row(q::BY_SLUG, [slug], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(fail)?;
        let (id, version) = match existing {
            Some((id, current)) => {
                tx.execute(q::NEW_VERSION, params![id, name, current + 1, now]).map_err(fail)?;
                (id, current + 1)
            }
            None => {
                tx.execute(q::INSERT, params![slug, name, now]).map_err(fail)?;
                (tx.last_insert_rowid(), 1)
            }
        };
        tx.execute(q::INSERT_VERSION, params![id, version, definition, now]).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(version)
    }
}
