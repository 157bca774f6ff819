//! Shopify's product export CSV: rows grouped by handle, the first carrying the product, each
//! row with variant fields one variant (rows with only an image are skipped). Older and newer
//! exports name some columns differently; both names are accepted. Stock counts are dated by
//! the file's modification time, so an old export shows up in the audit as old stock.

use std::path::Path;

use super::{fields, CsvFile, Error, Kind, Summary, Tally};
use crate::clock::Clock;
use crate::model::{Product, Variant};
use crate::progress::Progress;
use crate::store::Store;

/// Products per transaction (each commit also moves the resume checkpoint).
const PRODUCTS_PER_BATCH: usize = 200;

/// Each field, by the names exports have used for it (older name first).
const HANDLE: &[&str] = &["Handle", "URL handle"];
const TITLE: &[&str] = &["Title"];
const SKU: &[&str] = &["Variant SKU", "SKU"];
const PRICE: &[&str] = &["Variant Price", "Price"];
const COST: &[&str] = &["Cost per item", "Variant Cost"];
const STOCK: &[&str] = &["Variant Inventory Qty", "Inventory quantity"];
const CATEGORY: &[&str] = &["Product Category", "Type"];
const IMAGE: &[&str] = &["Image Src", "Product image URL"];
const OPTIONS: [&[&str]; 3] =
    [&["Option1 Value", "Option1 value"], &["Option2 Value", "Option2 value"], &["Option3 Value", "Option3 value"]];

struct Columns(std::collections::HashMap<String, usize>);

impl Columns {
    fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.0.get(*n).copied())
    }
    fn get<'r>(&self, row: &'r csv::StringRecord, names: &[&str]) -> &'r str {
        self.find(names).and_then(|i| row.get(i)).map(str::trim).unwrap_or("")
    }
}

pub(super) fn run(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    let now = clock.now().as_second();
    let Some(settings) = store.settings()? else {
        return Err(Error::Header {
            path: path.to_path_buf(),
            reason: "import your orders export first (storeloop import shopify-orders …): it tells Storeloop your store's currency, which product prices are in".to_owned(),
        });
    };
    let digits = fields::minor_digits(&settings.currency).unwrap_or(2);
    // When the export was made (its file time), for "how old is this stock count".
    let counted_at = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(now, |d| (d.as_secs() as i64).min(now));
    let CsvFile { mut reader, headers, columns, size, head } = CsvFile::open(path)?;
    let c = Columns(columns);
    let missing: Vec<&str> =
        [HANDLE, TITLE, PRICE].iter().filter(|names| c.find(names).is_none()).map(|names| names[0]).collect();
    if !missing.is_empty() {
        return Err(Error::Header {
            path: path.to_path_buf(),
            reason: format!(
                "the header has no column {}. Is this Shopify's product export (Products → Export)?",
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
            ),
        });
    }

    let mut tally = Tally::begin(store, Kind::ShopifyProducts, path, size, &head, now)?;
    let mut batch: Vec<Product> = Vec::new();
    let mut current: Option<(Product, u64)> = None;
    let mut last_line = tally.resume;
    // Each batch, then the order lines that were waiting for these products (idempotent).
    let write = |tally: &mut Tally, store: &mut Store, batch: &mut Vec<Product>, line: u64| -> Result<(), Error> {
        tally.write(store, batch, line, |tx, p| tx.upsert_product(p))?;
        store.import_batch(|tx| tx.link_lines_to_variants())?;
        Ok(())
    };

    let mut records = reader.records();
    loop {
        let row = match records.next() {
            None => None,
            Some(Ok(r)) => Some(r),
            Some(Err(e)) => {
                tally.unreadable(&e);
                continue;
            }
        };
        let line = row.as_ref().map_or(u64::MAX, |r| r.position().map_or(0, |p| p.line()));
        let handle = row.as_ref().map(|r| c.get(r, HANDLE).to_owned()).unwrap_or_default();
        // A new handle (or the end) completes the product before it.
        if current.as_ref().is_none_or(|(p, _)| p.handle != handle) {
            if let Some((product, end)) = current.take() {
                last_line = end;
                if !product.variants.is_empty() {
                    batch.push(product);
                }
                if batch.len() >= PRODUCTS_PER_BATCH {
                    write(&mut tally, store, &mut batch, last_line)?;
                    progress(Progress::bytes("Importing products", 0, 0));
                }
            }
        }
        let Some(row) = row else { break };
        if line <= tally.resume {
            continue;
        }
        tally.counts.rows_read += 1;
        let mut reject = |column: Option<&str>, reason: String| tally.reject(line, column, reason);
        if row.len() < headers.len() {
            reject(
                None,
                format!("the row has {} of {} columns: the file may be cut off here", row.len(), headers.len()),
            );
            continue;
        }
        if handle.is_empty() {
            reject(Some(HANDLE[0]), "a row needs the product's handle".to_owned());
            continue;
        }
        if current.is_none() {
            let title = c.get(&row, TITLE);
            if title.is_empty() {
                reject(Some(TITLE[0]), format!("the first row of `{handle}` needs the product's title"));
                continue;
            }
            current = Some((
                Product {
                    id: 0,
                    handle: handle.clone(),
                    title: title.to_owned(),
                    category: Some(c.get(&row, CATEGORY).to_owned()).filter(|s| !s.is_empty()),
                    regulated: false,
                    product_url: None,
                    image_url: Some(c.get(&row, IMAGE).to_owned()).filter(|s| !s.is_empty()),
                    care_text: None,
                    variants: Vec::new(),
                },
                line,
            ));
        }
        let price_text = c.get(&row, PRICE);
        if price_text.is_empty() {
            // An image row: nothing about a variant.
            if let Some((_, end)) = current.as_mut() {
                *end = line;
            }
            continue;
        }
        let money = |text: &str| -> Result<Option<i64>, String> {
            if text.is_empty() {
                return Ok(None);
            }
            match fields::money(text, digits)? {
                v if v < 0 => Err(format!("`{text}` is negative")),
                v => Ok(Some(v)),
            }
        };
        let price = match money(price_text) {
            Ok(p) => p.unwrap_or(0),
            Err(reason) => {
                reject(Some(PRICE[0]), reason);
                continue;
            }
        };
        let cost = match money(c.get(&row, COST)) {
            Ok(v) => v,
            Err(reason) => {
                reject(Some(COST[0]), reason);
                continue;
            }
        };
        let stock = match c.get(&row, STOCK) {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    reject(Some(STOCK[0]), format!("`{t}` is not a whole number"));
                    continue;
                }
            },
        };
        let options: Vec<&str> =
            OPTIONS.iter().map(|names| c.get(&row, names)).filter(|v| !v.is_empty() && *v != "Default Title").collect();
        if let Some((product, end)) = current.as_mut() {
            *end = line;
            product.variants.push(Variant {
                id: 0,
                sku: Some(c.get(&row, SKU).to_owned()).filter(|s| !s.is_empty()),
                title: if options.is_empty() { "Default".to_owned() } else { options.join(" / ") },
                price_minor: price,
                cost_minor: cost,
                inventory: stock,
                inventory_updated_at: stock.map(|_| counted_at),
            });
        }
    }
    write(&mut tally, store, &mut batch, last_line)?;
    progress(Progress::bytes("Importing products", size, size));
    tally.finish(store, Kind::ShopifyProducts, path, clock)
}
