//! Shopify's order export CSV: columns found by header name (older exports have fewer); an
//! order spans consecutive rows sharing `Name`, whose first row carries the order-level fields.

use std::collections::HashMap;
use std::path::Path;

use super::{fields, fnv1a, Error, Kind, Problem, Summary, PROBLEMS_KEPT};
use crate::clock::Clock;
use crate::model::{Consent, LineItem, Order, Refund, StoreSettings, StoreSource};
use crate::progress::Progress;
use crate::store::{ImportCounts, ImportedCustomer, Store, Written};

/// Orders per transaction (each commit also moves the resume checkpoint).
const ORDERS_PER_BATCH: usize = 500;
const REQUIRED: [&str; 4] = ["Name", "Created at", "Lineitem quantity", "Lineitem price"];

/// Header name → column index.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        self.0.get(name).and_then(|&i| row.get(i)).map(str::trim).unwrap_or("")
    }
}

/// One order's rows: (line, row).
type Group = Vec<(u64, csv::StringRecord)>;

/// An order read from its rows, ready to store.
struct Parsed {
    order: Order,
    customer: Option<ImportedCustomer>,
    platform_id: Option<String>,
}

/// One order's outcome, and the last line its rows reach.
struct Pending {
    result: Result<Parsed, Vec<Problem>>,
    last_line: u64,
}

pub(super) fn run(
    store: &mut Store,
    path: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    let now = clock.now().as_second();
    let super::CsvFile { mut reader, headers, columns, size, head } = super::CsvFile::open(path)?;
    let columns = Columns(columns);
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !columns.0.contains_key(*c)).collect();
    if !missing.is_empty() {
        let hint = if headers.len() == 1 && (headers[0].contains(';') || headers[0].contains('\t')) {
            " The columns seem to be separated by ';' or tabs: export again from Shopify (Orders → Export → CSV), or save it from your spreadsheet as comma-separated CSV."
        } else {
            " Is this Shopify's order export (Orders → Export)?"
        };
        return Err(Error::Header {
            path: path.to_path_buf(),
            reason: format!(
                "the header has no column {}.{hint}",
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
            ),
        });
    }

    let file_name = path.display().to_string();
    let run = store.begin_import(Kind::ShopifyOrders.name(), &file_name, size, &head, now)?;
    let resume = run.resume_after_line;
    let mut counts: ImportCounts = run.counts;
    let mut problems: Vec<Problem> = Vec::new();
    let note = |problems: &mut Vec<Problem>, p: Problem| {
        if problems.len() < PROBLEMS_KEPT {
            problems.push(p);
        }
    };

    let mut batch: Vec<Pending> = Vec::new();
    let mut group: Group = Vec::new();
    let mut current_name = String::new();
    let mut last_byte = 0u64;
    let mut store_currency = store.settings()?.map(|s| s.currency);

    let flush = |store: &mut Store,
                 batch: &mut Vec<Pending>,
                 counts: &mut ImportCounts,
                 problems: &mut Vec<Problem>,
                 store_currency: &mut Option<String>|
     -> Result<(), Error> {
        if batch.is_empty() {
            return Ok(());
        }
        if store_currency.is_none() {
            if let Some(Ok(Parsed { order: o, .. })) = batch.iter().map(|b| &b.result).find(|r| r.is_ok()) {
                let settings = StoreSettings {
                    name: "My store".to_owned(),
                    currency: o.currency.clone(),
                    timezone: jiff::tz::TimeZone::system().iana_name().unwrap_or("UTC").to_owned(),
                    source: StoreSource::Import,
                    domain: None,
                    postal_address: None,
                    demo_seed: None,
                    created_at: now,
                };
                *store_currency = Some(store.ensure_store(&settings)?.currency);
            }
        }
        let last_line = batch.last().map_or(0, |b| b.last_line);
        let items = std::mem::take(batch);
        store.import_batch(|tx| {
            for pending in &items {
                match &pending.result {
                    Ok(Parsed { order, customer, platform_id }) => {
                        let mut order = order.clone();
                        if let Some(c) = customer {
                            order.customer_id = Some(tx.customer(c)?);
                        }
                        let fingerprint = fingerprint(&order, customer.as_ref());
                        match tx.order(&order, platform_id.as_deref(), &fingerprint)? {
                            Written::Inserted => counts.inserted += 1,
                            Written::Updated => counts.updated += 1,
                            Written::Unchanged => counts.unchanged += 1,
                        }
                    }
                    Err(rows) => {
                        counts.rejected += rows.len().max(1) as u64;
                        for p in rows {
                            note(problems, p.clone());
                        }
                    }
                }
            }
            tx.checkpoint(run.id, last_line, counts)
        })?;
        Ok(())
    };

    let mut records = reader.records();
    loop {
        let next = records.next();
        let record = match next {
            None => None,
            Some(Ok(r)) => Some(r),
            Some(Err(e)) => {
                let line = e.position().map_or(0, |p| p.line());
                if line > resume {
                    counts.rows_read += 1;
                    counts.rejected += 1;
                    note(&mut problems, Problem { line, column: None, reason: super::read_error(&e) });
                }
                continue;
            }
        };
        let (line, name) = match &record {
            Some(r) => {
                last_byte = r.position().map_or(last_byte, |p| p.byte());
                (r.position().map_or(0, |p| p.line()), columns.get(r, "Name").to_owned())
            }
            None => (u64::MAX, String::new()),
        };
        if record.is_none() || name != current_name || name.is_empty() {
            if !group.is_empty() {
                let last_line = group[group.len() - 1].0;
                batch.push(Pending { result: order_from(&columns, &group, now), last_line });
                group.clear();
                if batch.len() >= ORDERS_PER_BATCH {
                    flush(store, &mut batch, &mut counts, &mut problems, &mut store_currency)?;
                    progress(Progress::bytes("Importing orders", last_byte, size));
                }
            }
            current_name = name;
        }
        let Some(record) = record else { break };
        if line <= resume {
            continue;
        }
        counts.rows_read += 1;
        group.push((line, record));
    }
    flush(store, &mut batch, &mut counts, &mut problems, &mut store_currency)?;
    store.finish_import(run.id, clock.now().as_second())?;
    progress(Progress::bytes("Importing orders", size, size));
    Ok(Summary {
        kind: Kind::ShopifyOrders,
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

/// Builds the order of one `Name` group, or says everything that is wrong with it.
fn order_from(c: &Columns, group: &Group, now: i64) -> Result<Parsed, Vec<Problem>> {
    let mut problems = Vec::new();
    let (first_line, first) = (&group[0].0, &group[0].1);
    let expected = c.0.len();
    for (line, row) in group {
        if row.len() < expected {
            problems.push(Problem {
                line: *line,
                column: None,
                reason: format!("the row has {} of {} columns: the file may be cut off here", row.len(), expected),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let currency = c.get(first, "Currency").to_ascii_uppercase();
    let digits = match fields::minor_digits(&currency) {
        Some(d) => d,
        None => {
            problems.push(Problem {
                line: *first_line,
                column: Some("Currency".into()),
                reason: format!("`{currency}` is not a currency code (expected three letters such as EUR or USD)"),
            });
            2
        }
    };
    let amount = |problems: &mut Vec<Problem>, line: u64, row: &csv::StringRecord, column: &str| -> i64 {
        let text = c.get(row, column);
        if text.is_empty() {
            return 0;
        }
        fields::money(text, digits).unwrap_or_else(|reason| {
            problems.push(Problem { line, column: Some(column.to_owned()), reason });
            0
        })
    };
    let shipping = amount(&mut problems, *first_line, first, "Shipping");
    let tax = amount(&mut problems, *first_line, first, "Taxes");
    let total = amount(&mut problems, *first_line, first, "Total");
    let discount = amount(&mut problems, *first_line, first, "Discount Amount");
    let refunded = amount(&mut problems, *first_line, first, "Refunded Amount");
    let mut lines = Vec::with_capacity(group.len());
    for (line, row) in group {
        let price = amount(&mut problems, *line, row, "Lineitem price");
        let line_discount = amount(&mut problems, *line, row, "Lineitem discount");
        lines.push((*line, row, price, line_discount));
    }
    let mut items = Vec::with_capacity(lines.len());
    for (line, row, price, line_discount) in lines {
        let quantity = fields::quantity(c.get(row, "Lineitem quantity")).unwrap_or_else(|reason| {
            problems.push(Problem { line, column: Some("Lineitem quantity".into()), reason });
            0
        });
        if price < 0 {
            problems.push(Problem {
                line,
                column: Some("Lineitem price".into()),
                reason: "a price cannot be negative".into(),
            });
        }
        let sku = Some(c.get(row, "Lineitem sku").to_owned()).filter(|s| !s.is_empty());
        items.push(LineItem {
            id: 0,
            variant_id: None,
            sku,
            title: Some(c.get(row, "Lineitem name").to_owned()).filter(|s| !s.is_empty()),
            quantity,
            unit_price_minor: price,
            discount_minor: line_discount,
            unit_cost_minor: None,
        });
    }
    let created_at = match fields::instant(c.get(first, "Created at")) {
        Ok(t) if t > now + 86_400 => {
            problems.push(Problem {
                line: *first_line,
                column: Some("Created at".into()),
                reason: format!(
                    "{} is in the future: check the date or your computer's clock",
                    c.get(first, "Created at")
                ),
            });
            t
        }
        Ok(t) => t,
        Err(reason) => {
            problems.push(Problem { line: *first_line, column: Some("Created at".into()), reason });
            0
        }
    };
    let cancelled_at = match c.get(first, "Cancelled at") {
        "" => None,
        text => match fields::instant(text) {
            Ok(t) => Some(t),
            Err(reason) => {
                problems.push(Problem { line: *first_line, column: Some("Cancelled at".into()), reason });
                None
            }
        },
    };
    let accepts = fields::yes(c.get(first, "Accepts Marketing")).unwrap_or_else(|reason| {
        problems.push(Problem { line: *first_line, column: Some("Accepts Marketing".into()), reason });
        false
    });
    if !problems.is_empty() {
        return Err(problems);
    }

    let gross: i64 = items.iter().map(|l| l.unit_price_minor * l.quantity).sum();
    // The model keeps gross item revenue (from the lines) and the discount apart; the export's
    // Subtotal is after discounts, so it is not needed.
    if items.iter().all(|l| l.discount_minor == 0) && discount > 0 {
        crate::model::allocate_discount(&mut items, discount);
    }
    let discount_total = discount.max(items.iter().map(|l| l.discount_minor).sum());
    let email = c.get(first, "Email").to_ascii_lowercase();
    let customer = (!email.is_empty()).then(|| {
        let billing = c.get(first, "Billing Name");
        let (first_name, last_name) = billing.split_once(' ').map_or((billing, ""), |(a, b)| (a, b));
        ImportedCustomer {
            email: email.clone(),
            first_name: Some(first_name.to_owned()).filter(|s| !s.is_empty()),
            last_name: Some(last_name.to_owned()).filter(|s| !s.is_empty()),
            consent: if accepts { Consent::Subscribed } else { Consent::NotAsked },
            consent_source: Some("shopify_order_export".to_owned()),
            created_at,
        }
    });
    let order = Order {
        id: 0,
        customer_id: None,
        number: c.get(first, "Name").to_owned(),
        created_at,
        currency,
        subtotal_minor: gross,
        discount_minor: discount_total,
        discount_code: Some(c.get(first, "Discount Code").to_owned()).filter(|s| !s.is_empty()),
        shipping_minor: shipping,
        shipping_cost_minor: None,
        tax_minor: tax,
        total_minor: total,
        financial_status: Some(c.get(first, "Financial Status").to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "paid".into()),
        fulfillment_status: Some(c.get(first, "Fulfillment Status").to_owned()).filter(|s| !s.is_empty()),
        source: Some(c.get(first, "Source").to_owned()).filter(|s| !s.is_empty()),
        cancelled_at,
        lines: items,
        refunds: if refunded > 0 {
            vec![Refund { line_item_id: None, quantity: 0, amount_minor: refunded, reason: None, created_at }]
        } else {
            Vec::new()
        },
    };
    let platform_id = Some(c.get(first, "Id").trim_start_matches('\'').to_owned()).filter(|s| !s.is_empty());
    Ok(Parsed { order, customer, platform_id })
}

/// A stable digest of everything imported for an order, to tell "unchanged" from "updated".
fn fingerprint(o: &Order, customer: Option<&ImportedCustomer>) -> String {
    let text = format!("{o:?}|{customer:?}");
    format!("{:016x}", fnv1a(text.as_bytes()))
}
