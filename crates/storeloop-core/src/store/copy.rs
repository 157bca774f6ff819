//! The reads behind the copy studio: a product's catalog facts by SKU.

use rusqlite::OptionalExtension;

use super::queries::copy as q;
use super::{Error, Store};
use crate::copy::ProductFacts;

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
        }))
    }
}
