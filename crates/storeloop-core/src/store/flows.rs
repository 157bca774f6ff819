//! The reads and writes behind flows: saving a definition as a new version, and listing flows
//! with their current definitions.

use rusqlite::{params, OptionalExtension};

use super::queries::flows as q;
use super::{Error, Store};

/// A flow as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFlow {
    pub slug: String,
    pub name: String,
    pub status: String,
    pub live_percent: i64,
    pub version: i64,
    pub updated_at: i64,
    /// JSON.
    pub definition: String,
}

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

    /// Every flow with its current definition.
    pub fn flows(&self) -> Result<Vec<StoredFlow>, Error> {
        let fail = |e| self.err("reading flows", e);
        let mut stmt = self.conn.prepare(q::LIST).map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoredFlow {
                    slug: r.get(0)?,
                    name: r.get(1)?,
                    status: r.get(2)?,
                    live_percent: r.get(3)?,
                    version: r.get(4)?,
                    updated_at: r.get(5)?,
                    definition: r.get(6)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }
}
