//! Imports of the files store owners actually have. Each importer streams its file, stores it
//! in batches (each batch with a checkpoint, so an interrupted import resumes), is idempotent
//! (importing the same file twice changes nothing), and reports every rejected row with its
//! file, line, column and reason while importing the rest.

mod events;
pub mod fields;
mod shopify_customers;
mod shopify_orders;
mod shopify_products;
mod tickets;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::clock::Clock;
use crate::progress::Progress;
use crate::store::{self, Store};

/// What can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Shopify's order export CSV.
    ShopifyOrders,
    /// Shopify's customers export CSV.
    ShopifyCustomers,
    /// Shopify's product export CSV.
    ShopifyProducts,
    /// E-commerce events as JSON lines (Segment's e-commerce spec).
    Events,
    /// Support tickets exported from a helpdesk as CSV.
    Tickets,
}

impl Kind {
    /// Every kind, by the name the CLI takes.
    pub const ALL: [(&'static str, Kind); 5] = [
        ("shopify-orders", Kind::ShopifyOrders),
        ("shopify-customers", Kind::ShopifyCustomers),
        ("shopify-products", Kind::ShopifyProducts),
        ("events", Kind::Events),
        ("tickets", Kind::Tickets),
    ];

    /// The CLI name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::ShopifyOrders => "shopify-orders",
            Kind::ShopifyCustomers => "shopify-customers",
            Kind::ShopifyProducts => "shopify-products",
            Kind::Events => "events",
            Kind::Tickets => "tickets",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Result<Kind, Error> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k).ok_or_else(|| Error::UnknownKind(name.to_owned()))
    }
}

/// One rejected row, or one field of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line in the file where the row starts.
    pub line: u64,
    /// The column's header, when one field is at fault.
    pub column: Option<String>,
    pub reason: String,
}

/// How many problems a summary keeps (all are counted).
pub const PROBLEMS_KEPT: usize = 50;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub kind: Kind,
    pub file: PathBuf,
    /// Data rows read (the header excluded), over all runs of this import.
    pub rows_read: u64,
    /// Records (orders, customers, …) new to the store.
    pub inserted: u64,
    /// Records that were stored before and changed.
    pub updated: u64,
    /// Records that were stored before, identical.
    pub unchanged: u64,
    /// Rows not stored because of a problem.
    pub rejected: u64,
    /// Rows read and deliberately not stored (for example events Storeloop does not use).
    pub skipped: u64,
    /// The first problems, in file order.
    pub problems: Vec<Problem>,
    /// Set when this run picked up an interrupted one after this line.
    pub resumed_after_line: Option<u64>,
}

/// Why an import could not run at all (row problems do not stop it).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("Could not read {path}: {source}. Check the file name and that Storeloop may read it.")]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Header { path: PathBuf, reason: String },
    #[error("This data folder ({dir}) holds the demo store, and your own data should not be mixed with made-up customers. Import into another folder (--data-dir), for example a new one for your store.")]
    DemoStore { dir: PathBuf },
    #[error("`{0}` is not something Storeloop can import. Choose one of: shopify-orders, shopify-customers, shopify-products, events, tickets.")]
    UnknownKind(String),
}

/// Imports `file` as `kind` into the store.
pub fn import(
    store: &mut Store,
    kind: Kind,
    file: &Path,
    clock: &dyn Clock,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Error> {
    if let Some(s) = store.settings()? {
        if s.source == crate::model::StoreSource::Demo {
            return Err(Error::DemoStore { dir: store.dir().to_path_buf() });
        }
    }
    match kind {
        Kind::ShopifyOrders => shopify_orders::run(store, file, clock, progress),
        Kind::ShopifyCustomers => shopify_customers::run(store, file, clock, progress),
        Kind::ShopifyProducts => shopify_products::run(store, file, clock, progress),
        Kind::Events => events::run(store, file, clock, progress),
        Kind::Tickets => tickets::run(store, file, clock, progress),
    }
}

/// The bookkeeping every import run shares: its record in the store, the running counts, the
/// first problems, and where an interrupted run left off.
pub(crate) struct Tally {
    run: i64,
    /// Lines up to here were stored by an earlier, interrupted run.
    pub resume: u64,
    pub counts: crate::store::ImportCounts,
    pub problems: Vec<Problem>,
    pub skipped: u64,
    /// The last line read by this run (the checkpoint after the final batch).
    pub last_line: u64,
}

impl Tally {
    /// Records the start of a run of `kind` over `path`, or picks up its unfinished run.
    pub fn begin(store: &mut Store, kind: Kind, path: &Path, size: u64, head: &str, now: i64) -> Result<Tally, Error> {
        let run = store.begin_import(kind.name(), &path.display().to_string(), size, head, now)?;
        let resume = run.resume_after_line;
        Ok(Tally { run: run.id, resume, counts: run.counts, problems: Vec::new(), skipped: 0, last_line: resume })
    }

    /// A row (or one field of it) that is not stored, and why.
    pub fn reject(&mut self, line: u64, column: Option<&str>, reason: String) {
        self.counts.rejected += 1;
        if self.problems.len() < PROBLEMS_KEPT {
            self.problems.push(Problem { line, column: column.map(str::to_owned), reason });
        }
    }

    /// A row the CSV reader could not read at all.
    pub fn unreadable(&mut self, e: &csv::Error) {
        let line = e.position().map_or(0, |p| p.line());
        if line > self.resume {
            self.counts.rows_read += 1;
            self.reject(line, None, read_error(e));
        }
    }

    /// The next row of a file with one record per row, or `None` to go on to the next: rows an
    /// interrupted run already stored are passed over, and unreadable or cut-off rows are
    /// reported; every other row is counted as read.
    pub fn row(
        &mut self,
        record: Result<csv::StringRecord, csv::Error>,
        columns: usize,
    ) -> Option<(u64, csv::StringRecord)> {
        let row = match record {
            Ok(r) => r,
            Err(e) => {
                self.unreadable(&e);
                return None;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        if line <= self.resume {
            return None;
        }
        self.counts.rows_read += 1;
        self.last_line = line;
        if row.len() < columns {
            let reason = format!("the row has {} of {} columns: the file may be cut off here", row.len(), columns);
            self.reject(line, None, reason);
            return None;
        }
        Some((line, row))
    }

    /// Writes `items` in one transaction with the checkpoint at `line`.
    pub fn write<T>(
        &mut self,
        store: &mut Store,
        items: &mut Vec<T>,
        line: u64,
        mut one: impl FnMut(&mut crate::store::ImportTx<'_>, &T) -> Result<crate::store::Written, store::Error>,
    ) -> Result<(), Error> {
        use crate::store::Written;
        let batch = std::mem::take(items);
        let (run, counts) = (self.run, &mut self.counts);
        store.import_batch(|tx| {
            for item in &batch {
                match one(tx, item)? {
                    Written::Inserted => counts.inserted += 1,
                    Written::Updated => counts.updated += 1,
                    Written::Unchanged => counts.unchanged += 1,
                }
            }
            tx.checkpoint(run, line, counts)
        })?;
        Ok(())
    }

    /// Marks the run finished and sums it up.
    pub fn finish(self, store: &Store, kind: Kind, path: &Path, clock: &dyn Clock) -> Result<Summary, Error> {
        store.finish_import(self.run, clock.now().as_second())?;
        let c = self.counts;
        Ok(Summary {
            kind,
            file: path.to_path_buf(),
            rows_read: c.rows_read,
            inserted: c.inserted,
            updated: c.updated,
            unchanged: c.unchanged,
            rejected: c.rejected,
            skipped: self.skipped,
            problems: self.problems,
            resumed_after_line: (self.resume > 0).then_some(self.resume),
        })
    }
}

/// Customers, products, events and tickets belong to a store that an orders import creates.
fn require_store(store: &Store, path: &Path, what: &str) -> Result<(), Error> {
    if store.settings()?.is_some() {
        return Ok(());
    }
    Err(Error::Header {
        path: path.to_path_buf(),
        reason: format!(
            "import your orders export first (storeloop import shopify-orders …): it tells Storeloop your store's currency and creates the store that {what} belong to"
        ),
    })
}

/// A row-level reason for a row the CSV reader could not read.
fn read_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the row is not valid UTF-8 text: export the file again from Shopify, or save it as \"CSV UTF-8\" in your spreadsheet".to_owned()
        }
        _ => format!("the row could not be read as CSV ({e})"),
    }
}

/// An opened CSV import file: its reader (positioned after the header), the header, the
/// column of each header name, and the file's identity for resuming.
pub(crate) struct CsvFile {
    pub reader: csv::Reader<std::io::BufReader<std::fs::File>>,
    pub headers: csv::StringRecord,
    pub columns: std::collections::HashMap<String, usize>,
    pub size: u64,
    pub head: String,
}

impl CsvFile {
    /// Opens `path` and reads its header; names are trimmed and a leading byte-order mark dropped.
    pub fn open(path: &Path) -> Result<CsvFile, Error> {
        let (size, head) = identify(path)?;
        let file = std::fs::File::open(path).map_err(|source| Error::File { path: path.to_path_buf(), source })?;
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).from_reader(std::io::BufReader::with_capacity(1 << 16, file));
        let headers = reader
            .headers()
            .map_err(|e| Error::Header {
                path: path.to_path_buf(),
                reason: format!("the first line is not a readable CSV header ({e})"),
            })?
            .clone();
        let columns =
            headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_owned(), i)).collect();
        Ok(CsvFile { reader, headers, columns, size, head })
    }
}

/// Size and a fingerprint of the first 64 KiB: how a resumed import knows it is the same file.
fn identify(path: &Path) -> Result<(u64, String), Error> {
    let file_err = |source| Error::File { path: path.to_path_buf(), source };
    let meta = std::fs::metadata(path).map_err(file_err)?;
    let mut head = Vec::with_capacity(65_536);
    std::fs::File::open(path).map_err(file_err)?.take(65_536).read_to_end(&mut head).map_err(file_err)?;
    Ok((meta.len(), format!("{:016x}", fnv1a(&head))))
}

/// FNV-1a, 64-bit: a small, stable hash (the same in every version of Storeloop).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests;
