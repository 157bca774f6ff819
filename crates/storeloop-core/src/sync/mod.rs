//! Platform sync: Shopify (Admin GraphQL) and WooCommerce (REST v3) read into the local store,
//! resumably. Each platform is a [`Source`] that reads one page of a resource at a time from a
//! position; the engine writes the page's records and the resource's new cursor in one
//! transaction, so a sync killed at any point resumes where the stored data ends, with no gaps
//! and no duplicates (records are upserted by their platform key: order number, customer email,
//! product handle; an unchanged record is left alone).
//!
//! A resource's cursor holds the run's watermark (`since`: only records modified after it are
//! read), the position inside the run, and the newest modification seen. A finished run moves
//! `since` to that newest time, minus a small overlap, so a record changed while the run read
//! past it is read again next time rather than missed.

pub mod http;
pub mod shopify;

pub mod woo;

use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::model::{Order, Product};
use crate::progress::Progress;
use crate::store::{ImportedCustomer, Store, Written};

/// Seconds a finished run's watermark is moved back, so changes made while it ran are read again.
const OVERLAP_SECONDS: i64 = 300;

/// Why a sync could not go on. Messages name what to do and never contain a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Settings(String),
    #[error("{who} refused the access key ({said}). Make a new key in the store's admin and connect again under Connections.")]
    Auth { who: &'static str, said: String },
    #[error("{who} did not allow this ({said}). {hint}")]
    Scope { who: &'static str, said: String, hint: String },
    #[error("{url} is not a {who} store ({said}). Check the address: it is the shop's own web address.")]
    NotAStore { who: &'static str, url: String, said: String },
    #[error("Could not reach {who} ({said}). Check the network; the next sync goes on from where this one stopped.")]
    Unreachable { who: &'static str, said: String, retryable: bool },
    #[error("{who} is busy or limiting requests ({said}). The next sync goes on from where this one stopped.")]
    Busy { who: &'static str, said: String },
    #[error("{who} sent an answer Storeloop cannot read ({said}). The next sync tries again from the same place.")]
    Malformed { who: &'static str, said: String },
    #[error("{0}")]
    Store(String),
}

impl From<crate::store::Error> for SyncError {
    fn from(e: crate::store::Error) -> Self {
        SyncError::Store(e.to_string())
    }
}

/// One record read from a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Product(Product),
    /// A customer and their tags (comma-separated).
    Customer(ImportedCustomer, String),
    /// An abandoned checkout and whose it is.
    Checkout(Box<crate::store::SyncedCheckout>, Option<ImportedCustomer>),
    /// An order, who placed it, and the platform's id for it.
    Order {
        order: Box<Order>,
        customer: Option<ImportedCustomer>,
        platform_id: String,
    },
}

/// One page of a resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub records: Vec<Record>,
    /// Things worth telling the owner that did not stop the sync (a record skipped, a field cut).
    pub warnings: Vec<String>,
    /// The newest modification time among the page's records (UTC seconds).
    pub newest: Option<i64>,
    /// Where the next page starts; `None` when the resource is done for this run.
    pub next: Option<String>,
    /// How many records the run will read in all, when the platform says.
    pub total: Option<u64>,
    /// On the last page of a full read of orders made in one go: the id of every order the shop
    /// has. Orders stored from it that are not among them were deleted in the shop.
    pub complete: Option<Vec<String>>,
}

/// A platform's data, read one page at a time.
pub trait Source {
    /// `shopify` or `woocommerce`.
    fn platform(&self) -> &'static str;
    /// The resources in the order they are synced (products before the orders that name them).
    fn resources(&self) -> &'static [&'static str];
    /// The page of `resource` at `position` (`None`: the run's first page) of records modified
    /// after `since` (everything when `None`).
    fn page(&mut self, resource: &str, since: Option<i64>, position: Option<&str>) -> Result<Page, SyncError>;
}

/// Where a resource's sync stands (stored as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The running run's watermark.
    pub since: Option<i64>,
    /// The next page of the running run; `None` when no run is under way.
    pub position: Option<String>,
    /// Whether a run is under way (its first page may have no position).
    #[serde(default)]
    pub running: bool,
    /// The newest modification seen so far.
    pub newest: Option<i64>,
}

/// What one resource's sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub pages: u64,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub platform: String,
    pub full: bool,
    /// Per resource, in sync order.
    pub counts: Vec<(String, Counts)>,
    pub warnings: Vec<String>,
}

/// The most warnings kept for one run (the first ones say what kind of trouble there is).
const MAX_WARNINGS: usize = 200;

/// Syncs every resource of `source` into `store`: from the start when `full`, else from each
/// resource's cursor. Stops at the first error, with everything before it stored and the
/// cursors where the stored data ends.
pub fn run(
    store: &mut Store,
    source: &mut dyn Source,
    full: bool,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, SyncError> {
    let platform = source.platform();
    if full {
        store.reset_sync_cursors(platform)?;
    }
    let run_id = store.begin_sync_run(platform, full, clock.now().as_second())?;
    let mut report = Report { platform: platform.to_owned(), full, ..Report::default() };
    let result = sync_all(store, source, run_id, &mut report, clock, progress);
    let counts = serde_json::to_string(&report.counts).unwrap_or_default();
    let warnings = serde_json::to_string(&report.warnings).unwrap_or_default();
    let error = result.as_ref().err().map(ToString::to_string);
    store.finish_sync_run(platform, run_id, clock.now().as_second(), error.as_deref(), &counts, &warnings)?;
    result.map(|()| report)
}

fn stage(resource: &str) -> &'static str {
    match resource {
        "products" => "Reading products",
        "customers" => "Reading customers",
        "orders" => "Reading orders",
        "checkouts" => "Reading abandoned checkouts",
        _ => "Reading the store",
    }
}

fn sync_all(
    store: &mut Store,
    source: &mut dyn Source,
    run_id: i64,
    report: &mut Report,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), SyncError> {
    let platform = source.platform();
    for resource in source.resources() {
        let mut cursor: Cursor =
            store.sync_cursor(platform, resource)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        if !cursor.running {
            cursor = Cursor {
                since: cursor.newest.map(|n| n - OVERLAP_SECONDS),
                position: None,
                running: true,
                newest: cursor.newest,
            };
        }
        report.counts.push(((*resource).to_owned(), Counts::default()));
        let at = report.counts.len() - 1;
        let mut done: u64 = 0;
        loop {
            let page = source.page(resource, cursor.since, cursor.position.as_deref())?;
            let mut c = report.counts[at].1;
            c.pages += 1;
            cursor.newest = match (cursor.newest, page.newest) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            cursor.position = page.next.clone();
            cursor.running = page.next.is_some();
            for w in page.warnings {
                if report.warnings.len() < MAX_WARNINGS {
                    report.warnings.push(w);
                }
            }
            let cursor_json = serde_json::to_string(&cursor).map_err(|e| SyncError::Store(e.to_string()))?;
            let now = clock.now().as_second();
            let n = page.records.len() as u64;
            let counts_so_far = {
                let mut all = report.counts.clone();
                all[at].1 = c;
                all
            };
            let mut deleted = 0;
            let written = store.import_batch(|tx| {
                let mut written = Vec::with_capacity(page.records.len());
                for r in &page.records {
                    written.push(match r {
                        Record::Product(p) => tx.upsert_product(p)?,
                        Record::Customer(cu, tags) => tx.upsert_customer(cu, tags, now)?,
                        Record::Checkout(c, customer) => {
                            let id = customer.as_ref().map(|cu| tx.customer(cu)).transpose()?;
                            tx.upsert_checkout(c, id)?
                        }
                        Record::Order { order, customer, platform_id } => {
                            let mut o = (**order).clone();
                            if let Some(cu) = customer {
                                o.customer_id = Some(tx.customer(cu)?);
                            }
                            let fp = fingerprint(&o, customer.as_ref());
                            tx.order(&o, Some(platform_id), &fp)?
                        }
                    });
                }
                // Lines are linked to their variants once a pass ends (each link scans the lines
                // still unlinked: once a page would make a long history quadratic).
                if page.next.is_none() && (resource == &"orders" || resource == &"products") {
                    tx.link_lines_to_variants()?;
                }
                if let Some(ids) = &page.complete {
                    deleted = tx.mark_unseen_orders(platform, ids, now)?;
                }
                tx.set_sync_cursor(platform, resource, &cursor_json, now)?;
                let counts = serde_json::to_string(&counts_so_far).unwrap_or_default();
                let warnings = serde_json::to_string(&report.warnings).unwrap_or_default();
                tx.update_sync_run(run_id, &counts, &warnings)?;
                Ok(written)
            })?;
            for w in written {
                match w {
                    Written::Inserted => c.inserted += 1,
                    Written::Updated => c.updated += 1,
                    Written::Unchanged => c.unchanged += 1,
                }
            }
            report.counts[at].1 = c;
            if deleted > 0 && report.warnings.len() < MAX_WARNINGS {
                report.warnings.push(if deleted == 1 {
                    "1 order is no longer in the shop (deleted there): it is marked deleted here and no longer counts."
                        .to_owned()
                } else {
                    format!(
                        "{deleted} orders are no longer in the shop (deleted there): they are marked deleted here and no longer count."
                    )
                });
            }
            done += n;
            progress(Progress {
                stage: stage(resource),
                done,
                total: page.total.unwrap_or(0).max(done),
                unit: crate::progress::Unit::Items,
            });
            if !cursor.running {
                break;
            }
        }
    }
    Ok(())
}

/// A stable digest of an order as synced, to tell "unchanged" from "updated".
fn fingerprint(o: &Order, customer: Option<&ImportedCustomer>) -> String {
    format!("{:016x}", crate::import::fnv1a(format!("{o:?}|{customer:?}").as_bytes()))
}

/// Text of at most `max` characters: a longer value is cut, with a warning naming the record
/// and field (a 10 MB "title" must not fill the database or the screen).
pub(crate) fn bounded(text: &str, max: usize, what: &str, warnings: &mut Vec<String>) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    if cut.len() < text.len() {
        warnings
            .push(format!("{what} was {} long; the first {max} characters were kept.", human_bytes(text.len() as u64)));
    }
    cut
}

fn human_bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", n.div_ceil(1024))
    }
}
