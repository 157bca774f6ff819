//! Shopify's customers export CSV, current (2023+, "Accepts Email Marketing") and older
//! ("Accepts Marketing") headers alike: one row per customer, matched by email.

use std::path::Path;

use super::{fields, Error, Kind, Problem, Summary, PROBLEMS_KEPT};
use crate::clock::Clock;
use crate::model::Consent;
use crate::progress::Progress;
use crate::store::{ImportedCustomer, Store, Written};

/// Customers per transaction (each commit also moves the resume checkpoint).
const CUSTOMERS_PER_BATCH: usize = 1_000;

pub(super) fn run(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    let now = clock.now().as_second();
    if store.settings()?.is_none() {
        return Err(Error::Header {
            path: path.to_path_buf(),
            reason: "import your orders export first (storeloop import shopify-orders …): it tells Storeloop your store's currency and creates the store that customers belong to".to_owned(),
        });
    }
    let super::CsvFile { mut reader, headers, columns, size, head } = super::CsvFile::open(path)?;
    let consent_column =
        ["Accepts Email Marketing", "Accepts Marketing"].into_iter().find(|c| columns.contains_key(*c));
    let (Some(&email_at), Some(consent_column)) = (columns.get("Email"), consent_column) else {
        return Err(Error::Header {
            path: path.to_path_buf(),
            reason: "the header needs the columns `Email` and `Accepts Email Marketing` (or, in older exports, `Accepts Marketing`). Is this Shopify's customers export (Customers → Export)?".to_owned(),
        });
    };
    let get = |row: &csv::StringRecord, name: &str| -> String {
        columns.get(name).and_then(|&i| row.get(i)).map(str::trim).unwrap_or("").to_owned()
    };

    let run = store.begin_import(Kind::ShopifyCustomers.name(), &path.display().to_string(), size, &head, now)?;
    let resume = run.resume_after_line;
    let mut counts = run.counts;
    let mut problems: Vec<Problem> = Vec::new();
    let mut batch: Vec<(ImportedCustomer, String)> = Vec::with_capacity(CUSTOMERS_PER_BATCH);
    let mut last_line = resume;

    let flush = |store: &mut Store,
                 batch: &mut Vec<(ImportedCustomer, String)>,
                 counts: &mut crate::store::ImportCounts,
                 line: u64| {
        let items = std::mem::take(batch);
        store.import_batch(|tx| {
            for (c, tags) in &items {
                match tx.upsert_customer(c, tags, now)? {
                    Written::Inserted => counts.inserted += 1,
                    Written::Updated => counts.updated += 1,
                    Written::Unchanged => counts.unchanged += 1,
                }
            }
            tx.checkpoint(run.id, line, counts)
        })
    };

    for record in reader.records() {
        let row = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                if line > resume {
                    counts.rows_read += 1;
                    counts.rejected += 1;
                    if problems.len() < PROBLEMS_KEPT {
                        problems.push(Problem { line, column: None, reason: super::read_error(&e) });
                    }
                }
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        if line <= resume {
            continue;
        }
        counts.rows_read += 1;
        last_line = line;
        let mut reject = |column: Option<&str>, reason: String| {
            counts.rejected += 1;
            if problems.len() < PROBLEMS_KEPT {
                problems.push(Problem { line, column: column.map(str::to_owned), reason });
            }
        };
        if row.len() < headers.len() {
            reject(
                None,
                format!("the row has {} of {} columns: the file may be cut off here", row.len(), headers.len()),
            );
            continue;
        }
        let email = row.get(email_at).unwrap_or("").trim().to_lowercase();
        if !looks_like_email(&email) {
            reject(Some("Email"), format!("`{email}` is not an email address"));
            continue;
        }
        let accepts = match fields::yes(&get(&row, consent_column)) {
            Ok(a) => a,
            Err(reason) => {
                reject(Some(consent_column), reason);
                continue;
            }
        };
        let customer = ImportedCustomer {
            email,
            first_name: Some(get(&row, "First Name")).filter(|s| !s.is_empty()),
            last_name: Some(get(&row, "Last Name")).filter(|s| !s.is_empty()),
            consent: if accepts { Consent::Subscribed } else { Consent::NotAsked },
            consent_source: Some("shopify_customer_export".to_owned()),
            created_at: now,
        };
        let tags = get(&row, "Tags").split(',').map(str::trim).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(",");
        batch.push((customer, tags));
        if batch.len() >= CUSTOMERS_PER_BATCH {
            flush(store, &mut batch, &mut counts, line)?;
            progress(Progress::bytes("Importing customers", row.position().map_or(0, |p| p.byte()), size));
        }
    }
    flush(store, &mut batch, &mut counts, last_line)?;
    store.finish_import(run.id, clock.now().as_second())?;
    progress(Progress::bytes("Importing customers", size, size));
    Ok(Summary {
        kind: Kind::ShopifyCustomers,
        file: path.to_path_buf(),
        rows_read: counts.rows_read,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        skipped: 0,
        problems,
        resumed_after_line: (resume > 0).then_some(resume),
    })
}

/// Enough of a check to catch a shifted column: one @, something on each side, a dot after it.
fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@') && !s.contains(' '),
        None => false,
    }
}
