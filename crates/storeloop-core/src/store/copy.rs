//! The reads and writes behind the copy studio: a product's catalog facts by SKU, and the review
//! queue (variants with their versions, and every action on them).

use rusqlite::{params, OptionalExtension};

use super::queries::copy as q;
use super::{Error, Store};
use crate::copy::ProductFacts;

/// A variant as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantRow {
    pub id: i64,
    pub kind: String,
    pub sku: Option<String>,
    pub text: String,
    pub hook: Option<String>,
    pub generator: String,
    pub version: i64,
    pub state: String,
    pub approved_hash: Option<String>,
    pub note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A new variant: kind, SKU, text, hook, generator.
pub type NewVariant = (String, Option<String>, String, Option<String>, String);

/// One action on a variant: version, time, who, action, checks (JSON), overrides (JSON), note.
pub type ReviewRow = (i64, i64, String, String, Option<String>, Option<String>, Option<String>);

fn variant_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<VariantRow> {
    Ok(VariantRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        sku: r.get(2)?,
        text: r.get(3)?,
        hook: r.get(4)?,
        generator: r.get(5)?,
        version: r.get(6)?,
        state: r.get(7)?,
        approved_hash: r.get(8)?,
        note: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// A product's id, title, category, whether it is regulated, and its care text.
type ProductHead = (i64, String, Option<String>, bool, Option<String>);

impl Store {
    /// What the catalog says about the product of `sku`, or `None` when no variant has it.
    pub fn product_facts(&self, sku: &str) -> Result<Option<ProductFacts>, Error> {
        let fail = |e| self.err("reading a product's facts", e);
        let head: Option<ProductHead> = self
            .conn
            .prepare_cached(q::PRODUCT_BY_SKU)
            .map_err(fail)?
            .query_row([sku], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()
            .map_err(fail)?;
        let Some((id, title, category, regulated, care)) = head else { return Ok(None) };
        let mut stmt = self.conn.prepare_cached(q::VARIANTS).map_err(fail)?;
        let variants: Vec<(String, i64, Option<i64>)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(fail)?
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        let return_reason: Option<String> = self
            .conn
            .prepare_cached(q::RETURN_REASON)
            .map_err(fail)?
            .query_row([id], |r| r.get(0))
            .optional()
            .map_err(fail)?;
        let currency = self.settings()?.map(|s| s.currency).unwrap_or_else(|| "USD".into());
        // What customers ask about it: ticket tags by how often, each with one of its subjects.
        let mut stmt = self.conn.prepare_cached(q::PRODUCT_TICKETS).map_err(fail)?;
        let tickets: Vec<(i64, String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(fail)?
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        let mut by_tag: std::collections::BTreeMap<String, (usize, String)> = Default::default();
        for (_, tags, subject) in &tickets {
            for tag in tags.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                by_tag.entry(tag.to_owned()).or_insert((0, subject.clone())).0 += 1;
            }
        }
        let mut questions: Vec<(String, usize, String)> = by_tag.into_iter().map(|(t, (n, s))| (t, n, s)).collect();
        questions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let known: Vec<i64> = variants.iter().filter_map(|v| v.2).collect();
        Ok(Some(ProductFacts {
            sku: sku.to_owned(),
            title,
            category,
            regulated,
            care,
            options: variants.iter().map(|v| v.0.clone()).filter(|o| !o.trim().is_empty()).collect(),
            prices_minor: variants.iter().map(|v| v.1).collect(),
            currency,
            inventory: (!known.is_empty()).then(|| known.iter().sum()),
            return_reason,
            questions: questions.into_iter().take(5).map(|(t, _, s)| (t, s)).collect(),
        }))
    }

    /// Adds variants to the review queue (each with a "generated" row by `by`), in one
    /// transaction; returns their ids.
    pub fn add_variants(&mut self, variants: &[NewVariant], by: &str, now: i64) -> Result<Vec<i64>, Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving copy variants", e);
        let tx = self.conn.transaction().map_err(fail)?;
        let mut ids = Vec::with_capacity(variants.len());
        {
            let mut insert = tx.prepare_cached(q::INSERT_VARIANT).map_err(fail)?;
            let mut review = tx.prepare_cached(q::INSERT_REVIEW).map_err(fail)?;
            for (kind, sku, text, hook, generator) in variants {
                insert.execute(params![kind, sku, text, hook, generator, now]).map_err(fail)?;
                let id = tx.last_insert_rowid();
                review
                    .execute(params![id, 1, now, by, "generated", None::<String>, None::<String>, None::<String>])
                    .map_err(fail)?;
                ids.push(id);
            }
        }
        tx.commit().map_err(fail)?;
        Ok(ids)
    }

    /// One variant.
    pub fn variant(&self, id: i64) -> Result<Option<VariantRow>, Error> {
        let fail = |e| self.err("reading a copy variant", e);
        self.conn.prepare_cached(q::VARIANT).map_err(fail)?.query_row([id], variant_row).optional().map_err(fail)
    }

    /// Variants in `state` (all when `None`), newest first, at most `limit`.
    pub fn variants(&self, state: Option<&str>, limit: i64) -> Result<Vec<VariantRow>, Error> {
        let fail = |e| self.err("reading copy variants", e);
        let mut stmt = self.conn.prepare_cached(q::VARIANTS_BY_STATE).map_err(fail)?;
        let rows = stmt.query_map(params![state, limit], variant_row).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Records an action on a variant and its new state, together: `Edit(text)` makes a new
    /// version back in review; `Decide(state, hash)` approves or rejects; `Note(text)` notes.
    pub fn review_variant(&mut self, id: i64, change: VariantChange<'_>, trail: &Trail<'_>) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "saving a copy review", e);
        let tx = self.conn.transaction().map_err(fail)?;
        let action = match change {
            VariantChange::Edit(text) => {
                tx.execute(q::EDIT_VARIANT, params![id, text, trail.at]).map_err(fail)?;
                "edited"
            }
            VariantChange::Decide(state, hash) => {
                tx.execute(q::DECIDE_VARIANT, params![id, state, hash, trail.at]).map_err(fail)?;
                if state == "approved" {
                    "approved"
                } else {
                    "rejected"
                }
            }
            VariantChange::Note(note) => {
                tx.execute(q::NOTE_VARIANT, params![id, note, trail.at]).map_err(fail)?;
                "noted"
            }
            VariantChange::Tested => "tested",
        };
        let version: i64 = tx.query_row(q::VARIANT_VERSION, [id], |r| r.get(0)).map_err(fail)?;
        tx.execute(
            q::INSERT_REVIEW,
            params![id, version, trail.at, trail.by, action, trail.checks, trail.overridden, trail.note],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// A variant's review trail, oldest first.
    pub fn variant_reviews(&self, id: i64) -> Result<Vec<ReviewRow>, Error> {
        let fail = |e| self.err("reading a copy variant's reviews", e);
        let mut stmt = self.conn.prepare_cached(q::REVIEWS).map_err(fail)?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }
}

/// What an action does to a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantChange<'a> {
    Edit(&'a str),
    /// `approved` with the approved text's hash, or `rejected`.
    Decide(&'a str, Option<&'a str>),
    Note(&'a str),
    /// Put into an A/B test.
    Tested,
}

/// Who did it, when, and what was true then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trail<'a> {
    pub by: &'a str,
    pub at: i64,
    pub checks: Option<&'a str>,
    pub overridden: Option<&'a str>,
    pub note: Option<&'a str>,
}
