//! The reads and writes behind the data audit: run one check, save a run, read the latest.

use rusqlite::params;

use super::queries::audit as q;
use super::{Error, Store};

/// One thing the audit looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    UnknownSkus,
    MissingSkus,
    DuplicateSkus,
    MissingCosts,
    SoldOutSelling,
    UnknownConsent,
    OrphanEvents,
    StaleInventory,
    OtherCurrency,
    /// Product and image links that do not open (checked over the network, not in SQL).
    BrokenLinks,
}

impl Check {
    /// Every check, in the order the report lists them.
    pub const ALL: [Check; 10] = [
        Check::UnknownSkus,
        Check::DuplicateSkus,
        Check::OtherCurrency,
        Check::MissingCosts,
        Check::MissingSkus,
        Check::SoldOutSelling,
        Check::StaleInventory,
        Check::UnknownConsent,
        Check::OrphanEvents,
        Check::BrokenLinks,
    ];

    /// The count and examples queries of a check that SQL answers.
    fn sql(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Check::UnknownSkus => (q::UNKNOWN_SKUS_COUNT, q::UNKNOWN_SKUS_EXAMPLES),
            Check::MissingSkus => (q::MISSING_SKUS_COUNT, q::MISSING_SKUS_EXAMPLES),
            Check::DuplicateSkus => (q::DUPLICATE_SKUS_COUNT, q::DUPLICATE_SKUS_EXAMPLES),
            Check::MissingCosts => (q::MISSING_COSTS_COUNT, q::MISSING_COSTS_EXAMPLES),
            Check::SoldOutSelling => (q::SOLD_OUT_SELLING_COUNT, q::SOLD_OUT_SELLING_EXAMPLES),
            Check::UnknownConsent => (q::UNKNOWN_CONSENT_COUNT, q::UNKNOWN_CONSENT_EXAMPLES),
            Check::OrphanEvents => (q::ORPHAN_EVENTS_COUNT, q::ORPHAN_EVENTS_EXAMPLES),
            Check::StaleInventory => (q::STALE_INVENTORY_COUNT, q::STALE_INVENTORY_EXAMPLES),
            Check::OtherCurrency => (q::OTHER_CURRENCY_COUNT, q::OTHER_CURRENCY_EXAMPLES),
            Check::BrokenLinks => return None,
        })
    }
}

/// A finding as stored: check code, severity, count, examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFinding {
    pub code: String,
    pub severity: String,
    pub count: i64,
    pub examples: Vec<String>,
    /// Why the check could not be done, when it could not.
    pub note: Option<String>,
}

impl Store {
    /// Runs one check: how many problems, and up to ten examples.
    pub fn audit_check(&self, check: Check, now: i64, currency: &str) -> Result<(i64, Vec<String>), Error> {
        let fail = |e| self.err("running the data audit", e);
        let Some((count_sql, examples_sql)) = check.sql() else {
            return Ok((0, Vec::new()));
        };
        let bind = |stmt: &mut rusqlite::Statement<'_>| -> rusqlite::Result<()> {
            let n = stmt.parameter_count();
            if n >= 1 {
                stmt.raw_bind_parameter(1, now)?;
            }
            if n >= 2 {
                stmt.raw_bind_parameter(2, currency)?;
            }
            Ok(())
        };
        let mut stmt = self.conn.prepare_cached(count_sql).map_err(fail)?;
        bind(&mut stmt).map_err(fail)?;
        let count: i64 =
            stmt.raw_query().next().map_err(fail)?.map(|r| r.get(0)).transpose().map_err(fail)?.unwrap_or(0);
        drop(stmt);
        let mut examples = Vec::new();
        if count > 0 {
            let mut stmt = self.conn.prepare_cached(examples_sql).map_err(fail)?;
            bind(&mut stmt).map_err(fail)?;
            let mut rows = stmt.raw_query();
            while let Some(r) = rows.next().map_err(fail)? {
                examples.push(r.get::<_, Option<String>>(0).map_err(fail)?.unwrap_or_default());
            }
        }
        Ok((count, examples))
    }

    /// Every product and image link: (product title, address).
    pub fn product_links(&self) -> Result<Vec<(String, String)>, Error> {
        let fail = |e| self.err("reading product links", e);
        let mut stmt = self.conn.prepare_cached(q::PRODUCT_LINKS).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(fail)
    }

    /// Saves an audit run and its findings in one transaction; returns the run's id.
    pub fn save_audit(&mut self, ran_at: i64, findings: &[StoredFinding]) -> Result<i64, Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving the data audit", e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(q::INSERT_AUDIT_RUN, [ran_at]).map_err(fail)?;
        let run = tx.last_insert_rowid();
        {
            let mut stmt = tx.prepare(q::INSERT_AUDIT_FINDING).map_err(fail)?;
            for f in findings {
                stmt.execute(params![run, f.code, f.severity, f.count, f.examples.join("\n"), f.note]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(run)
    }

    /// The latest audit run: when it ran and what it found.
    pub fn latest_audit(&self) -> Result<Option<(i64, Vec<StoredFinding>)>, Error> {
        let fail = |e| self.err("reading the data audit", e);
        let run: Option<(i64, i64)> = {
            let mut stmt = self.conn.prepare_cached(q::LATEST_AUDIT_RUN).map_err(fail)?;
            let mut rows = stmt.query([]).map_err(fail)?;
            match rows.next().map_err(fail)? {
                Some(r) => Some((r.get(0).map_err(fail)?, r.get(1).map_err(fail)?)),
                None => None,
            }
        };
        let Some((id, ran_at)) = run else { return Ok(None) };
        let mut stmt = self.conn.prepare_cached(q::AUDIT_FINDINGS).map_err(fail)?;
        let findings = stmt
            .query_map([id], |r| {
                let examples: String = r.get(3)?;
                Ok(StoredFinding {
                    code: r.get(0)?,
                    severity: r.get(1)?,
                    count: r.get(2)?,
                    examples: if examples.is_empty() {
                        Vec::new()
                    } else {
                        examples.lines().map(str::to_owned).collect()
                    },
                    note: r.get(4)?,
                })
            })
            .map_err(fail)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?;
        Ok(Some((ran_at, findings)))
    }
}
