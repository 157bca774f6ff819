//! Shopify's customers export CSV, current (2023+, "Accepts Email Marketing") and older
//! ("Accepts Marketing") headers alike: one row per customer, matched by email.

use std::path::Path;

use super::{fields, require_store, CsvFile, Error, Kind, Summary, Tally};
use crate::clock::Clock;
use crate::model::Consent;
use crate::progress::Progress;
use crate::store::{ImportedCustomer, Store};

/// Customers per transaction (each commit also moves the resume checkpoint).
const CUSTOMERS_PER_BATCH: usize = 1_000;

pub(super) fn run(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    let now = clock.now().as_second();
    require_store(store, path, "customers")?;
    let CsvFile { mut reader, headers, columns, size, head } = CsvFile::open(path)?;
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

    let mut tally = Tally::begin(store, Kind::ShopifyCustomers, path, size, &head, now)?;
    let mut batch: Vec<(ImportedCustomer, String)> = Vec::with_capacity(CUSTOMERS_PER_BATCH);
    let write =
        |tx: &mut crate::store::ImportTx<'_>, (c, tags): &(ImportedCustomer, String)| tx.upsert_customer(c, tags, now);

    for record in reader.records() {
        let Some((line, row)) = tally.row(record, headers.len()) else { continue };
        let email = row.get(email_at).unwrap_or("").trim().to_lowercase();
        if !looks_like_email(&email) {
            tally.reject(line, Some("Email"), format!("`{email}` is not an email address"));
            continue;
        }
        let accepts = match fields::yes(&get(&row, consent_column)) {
            Ok(a) => a,
            Err(reason) => {
                tally.reject(line, Some(consent_column), reason);
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
            tally.write(store, &mut batch, line, write)?;
            progress(Progress::bytes("Importing customers", row.position().map_or(0, |p| p.byte()), size));
        }
    }
    let last_line = tally.last_line;
    tally.write(store, &mut batch, last_line, write)?;
    progress(Progress::bytes("Importing customers", size, size));
    tally.finish(store, Kind::ShopifyCustomers, path, clock)
}

/// Enough of a check to catch a shifted column: one @, something on each side, a dot after it.
fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@') && !s.contains(' '),
        None => false,
    }
}
