//! The demo store's catalog and settings, read from `assets/demo/catalog.json` (embedded in the
//! binary), checked once, and turned into the commerce model.

use serde::Deserialize;

use crate::model::{Product, Variant};

/// The embedded catalog file.
pub const CATALOG_JSON: &str = include_str!("../../../../assets/demo/catalog.json");

#[derive(Debug, Deserialize)]
pub struct Catalog {
    pub store: StoreFile,
    pub products: Vec<ProductFile>,
    pub discount_codes: Vec<DiscountCode>,
    pub shipping: Shipping,
    pub return_reasons: Reasons,
    pub ticket_tags: Reasons,
    pub ticket_subjects: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
pub struct StoreFile {
    pub name: String,
    pub currency: String,
    pub timezone: String,
    pub domain: String,
    pub postal_address: String,
}

#[derive(Debug, Deserialize)]
pub struct ProductFile {
    pub handle: String,
    pub title: String,
    pub category: String,
    pub regulated: bool,
    pub popularity: f64,
    pub season: Option<Season>,
    pub return_risk: ReturnRisk,
    pub consumable: bool,
    pub reorder_days: Option<u32>,
    pub care: String,
    pub image_path: String,
    pub variants: Vec<VariantFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Season {
    Winter,
    Summer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReturnRisk {
    Normal,
    Misuse,
}

#[derive(Debug, Deserialize)]
pub struct VariantFile {
    pub sku: String,
    pub option: String,
    pub price_minor: i64,
    pub cost_minor: i64,
    pub inventory: i64,
}

#[derive(Debug, Deserialize)]
pub struct DiscountCode {
    pub code: String,
    pub percent: i64,
    pub purpose: String,
}

#[derive(Debug, Deserialize)]
pub struct Shipping {
    pub flat_fee_minor: i64,
    pub free_over_minor: i64,
    pub carrier_cost_minor: i64,
}

#[derive(Debug, Deserialize)]
pub struct Reasons {
    pub general: Option<Vec<String>>,
    pub normal: Option<Vec<String>>,
    pub misuse: Vec<String>,
}

impl Reasons {
    /// The reasons or tags that are not about misuse.
    pub fn ordinary(&self) -> &[String] {
        self.normal.as_deref().or(self.general.as_deref()).unwrap_or(&[])
    }
}

/// Why the embedded catalog is unusable (a build-time asset: a failure here is a bug).
#[derive(Debug, thiserror::Error)]
#[error("assets/demo/catalog.json: {0}")]
pub struct CatalogError(pub String);

impl Catalog {
    /// Parses and checks the embedded catalog.
    pub fn embedded() -> Result<Catalog, CatalogError> {
        let c: Catalog = serde_json::from_str(CATALOG_JSON)
            .map_err(|e| CatalogError(format!("line {}, column {}: {e}", e.line(), e.column())))?;
        c.check()?;
        Ok(c)
    }

    fn check(&self) -> Result<(), CatalogError> {
        let mut skus = std::collections::HashSet::new();
        if self.products.is_empty() {
            return Err(CatalogError("no products".into()));
        }
        for p in &self.products {
            if p.variants.is_empty() {
                return Err(CatalogError(format!("product `{}` has no variants", p.handle)));
            }
            for v in &p.variants {
                if !skus.insert(v.sku.as_str()) {
                    return Err(CatalogError(format!("SKU `{}` appears twice", v.sku)));
                }
                if v.price_minor <= 0 || v.cost_minor < 0 {
                    return Err(CatalogError(format!("SKU `{}` needs a positive price and a cost", v.sku)));
                }
            }
        }
        for d in &self.discount_codes {
            if !(1..=90).contains(&d.percent) {
                return Err(CatalogError(format!("discount code `{}` must be 1–90 percent", d.code)));
            }
        }
        if self.return_reasons.ordinary().is_empty() || self.ticket_tags.ordinary().is_empty() {
            return Err(CatalogError("return reasons and ticket tags need ordinary entries".into()));
        }
        Ok(())
    }

    /// The catalog as commerce-model products, with ids starting at 1 (variants likewise) and
    /// inventory counted `inventory_ages[i]` seconds before `as_of`.
    pub fn products(&self, as_of: i64, inventory_age: impl Fn(usize) -> i64) -> Vec<Product> {
        let mut variant_id = 0;
        self.products
            .iter()
            .enumerate()
            .map(|(i, p)| Product {
                id: i as i64 + 1,
                handle: p.handle.clone(),
                title: p.title.clone(),
                category: Some(p.category.clone()),
                regulated: p.regulated,
                product_url: Some(format!("https://{}/products/{}", self.store.domain, p.handle)),
                image_url: Some(format!("https://{}{}", self.store.domain, p.image_path)),
                care_text: Some(p.care.clone()),
                variants: p
                    .variants
                    .iter()
                    .map(|v| {
                        variant_id += 1;
                        Variant {
                            id: variant_id,
                            sku: Some(v.sku.clone()),
                            title: v.option.clone(),
                            price_minor: v.price_minor,
                            cost_minor: Some(v.cost_minor),
                            inventory: Some(v.inventory),
                            inventory_updated_at: Some(as_of - inventory_age(i)),
                        }
                    })
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalog_is_valid_and_believable() {
        let c = Catalog::embedded().unwrap();
        assert_eq!(c.products.len(), 60);
        assert!(c.products.iter().any(|p| p.regulated));
        assert!(c.products.iter().any(|p| p.return_risk == ReturnRisk::Misuse));
        assert!(c.products.iter().all(|p| !p.care.trim().is_empty()));
        let products = c.products(1_000, |_| 10);
        let ids: Vec<i64> = products.iter().flat_map(|p| p.variants.iter().map(|v| v.id)).collect();
        assert_eq!(ids, (1..=ids.len() as i64).collect::<Vec<_>>());
    }
}
