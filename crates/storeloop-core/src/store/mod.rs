//! The local SQLite store: the only module that writes SQL.
//!
//! Architecture Invariant: SQLite is opened in exactly one function, [`Store::open`], which sets
//! WAL, foreign keys, a busy timeout and the checkpoint policy, takes the data-folder lock,
//! backs the file up and applies pending migrations.

mod audit;
mod bulk;
mod ceiling;
mod copy;
mod demo_play;
mod error;
mod flow_runs;
mod flows;
mod guide;
mod import;
mod ledger;
mod measure;
pub mod migrations;
mod privacy;
pub mod queries;
mod scores;
mod stats;
mod sync;

pub use audit::{Check, StoredFinding};
pub use stats::OrderSummary;
pub use sync::{ConnectionRow, SyncRunRow, SyncedCheckout};

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use bulk::BulkWriter;
pub use ceiling::PlainOrder;
pub use copy::{NewVariant, ReviewRow, Trail, VariantChange, VariantRow};
pub use demo_play::{BasketLine, BasketOf, PlayedSend, UtmTags};
pub use error::Error;
pub use flow_runs::{
    DecisionFilter, DecisionRow, EmailProduct, EnrolmentRow, FactsRow, FlowMessage, FlowRow, GuardMemory,
    LedgerDecision, ProductOf, StoredTask, TaskRow, TickWrite,
};
pub use import::{ImportCounts, ImportRun, ImportTx, ImportedCustomer, ImportedEvent, ImportedTicket, Written};
pub use ledger::{DueMessage, KeyState, LedgerEntry, NewMessage, Step};
pub use measure::RecipientRow;
pub use privacy::PersonRecord;
pub use scores::{
    column, Bound, Condition, CustomerFacts, CustomerOrder, ListQuery, ListedCustomer, ScoreRow, COLUMNS,
};

use crate::clock::Clock;
use crate::model::{StoreSettings, StoreSource};

/// `PRAGMA application_id` of Storeloop databases ("STLP").
pub const APPLICATION_ID: i64 = 0x5354_4C50;

/// Name of the lock file that keeps two Storeloops off one data folder.
pub const LOCK_FILE: &str = "storeloop.lock";

/// Name of the folder, inside the data folder, for backups taken before upgrades.
pub const BACKUP_DIR: &str = "backups";

/// The page cache of an open store (`PRAGMA cache_size`: negative means KiB).
const CACHE_SIZE: i64 = -32_000;
/// Reads go through a memory map of up to this many bytes of the file (`PRAGMA mmap_size`):
/// measuring a season of flows on a large store reads gigabytes, and copying each page out of
/// the OS cache cost a fifth of the time.
const MMAP_SIZE: i64 = 8 << 30;

/// How many pre-upgrade backups to keep.
const BACKUPS_KEPT: usize = 5;

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Takes the data-folder lock, creates the database if needed and upgrades it.
    ReadWrite,
    /// Reads only: no lock, no creation, no upgrade. For `storeloop stats` and friends.
    ReadOnly,
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    dir: PathBuf,
    /// Held for as long as the store is open; dropping it releases the folder.
    _lock: Option<File>,
}

impl Store {
    /// Opens (and in [`Mode::ReadWrite`] creates and upgrades) the database in `dir`.
    pub fn open(dir: &Path, mode: Mode, clock: &dyn Clock) -> Result<Store, Error> {
        Self::open_with(dir, mode, clock, migrations::MIGRATIONS)
    }

    /// [`Store::open`] with a given list of migrations (tests add one to exercise upgrades).
    pub(crate) fn open_with(
        dir: &Path,
        mode: Mode,
        clock: &dyn Clock,
        migrations: &[(&str, &str)],
    ) -> Result<Store, Error> {
        let path = dir.join(crate::paths::DATABASE_FILE);
        let lock = match mode {
            Mode::ReadWrite => Some(take_lock(dir)?),
            Mode::ReadOnly => {
                if !path.exists() {
                    return Err(Error::Missing { path });
                }
                None
            }
        };
        let flags = match mode {
            Mode::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            Mode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn =
            Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, dir, "opening the database", e))?;
        let mut store = Store { conn, path, dir: dir.to_path_buf(), _lock: lock };
        // Look before touching: the header is checked before anything (such as switching to
        // WAL) could write to a file that turns out not to be ours.
        store.configure_connection()?;
        store.check_identity()?;
        let version = store.schema_version()?;
        let latest = migrations.len() as i64;
        if version > latest {
            return Err(Error::NewerVersion { path: store.path.clone(), found: version, supported: latest });
        }
        if mode == Mode::ReadWrite {
            store.configure_journal()?;
        }
        if version < latest {
            if mode == Mode::ReadOnly {
                return Err(Error::NeedsUpgrade { path: store.path.clone(), found: version, latest });
            }
            if version > 0 {
                store.backup_before_upgrade(version, clock)?;
            }
            store.migrate(version, migrations)?;
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder holding the database, its lock and its backups.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<i64, Error> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err("reading the data version", e))
    }

    /// The store's settings, or `None` when no store has been created or imported yet.
    pub fn settings(&self) -> Result<Option<StoreSettings>, Error> {
        let mut stmt =
            self.conn.prepare_cached(queries::STORE_SETTINGS).map_err(|e| self.err("reading the store", e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err("reading the store", e))?;
        let Some(r) = rows.next().map_err(|e| self.err("reading the store", e))? else {
            return Ok(None);
        };
        let source: String = r.get(3).map_err(|e| self.err("reading the store", e))?;
        let get = |i| -> Result<Option<String>, Error> { r.get(i).map_err(|e| self.err("reading the store", e)) };
        Ok(Some(StoreSettings {
            name: r.get(0).map_err(|e| self.err("reading the store", e))?,
            currency: r.get(1).map_err(|e| self.err("reading the store", e))?,
            timezone: r.get(2).map_err(|e| self.err("reading the store", e))?,
            source: StoreSource::parse(&source).unwrap_or(StoreSource::Import),
            domain: get(4)?,
            postal_address: get(5)?,
            demo_seed: r.get::<_, Option<i64>>(6).map_err(|e| self.err("reading the store", e))?.map(|s| s as u64),
            created_at: r.get(7).map_err(|e| self.err("reading the store", e))?,
        }))
    }

    /// Copies the WAL back into the database file and truncates it (the checkpoint policy's
    /// explicit half; SQLite's auto-checkpoint every 1,000 pages is the other).
    pub fn checkpoint(&self) -> Result<(), Error> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| self.err("checkpointing the write-ahead log", e))
    }

    pub(crate) fn err(&self, doing: &'static str, e: rusqlite::Error) -> Error {
        classify(&self.path, &self.dir, doing, e)
    }

    /// Settings of this connection only; nothing is written to the file.
    fn configure_connection(&mut self) -> Result<(), Error> {
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| self.err("setting the busy timeout", e))?;
        self.conn
            .execute_batch(&format!(
                "PRAGMA foreign_keys = ON; PRAGMA cache_size = {CACHE_SIZE}; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = {MMAP_SIZE};"
            ))
            .map_err(|e| self.err("configuring the database", e))
    }

    /// WAL for readers beside the writer; `synchronous = NORMAL` (durable at checkpoints, never
    /// corrupt); the checkpoint policy: SQLite checkpoints every 1,000 pages, and the WAL left
    /// on disk is capped at 64 MiB so it cannot grow without bound.
    fn configure_journal(&mut self) -> Result<(), Error> {
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                 PRAGMA wal_autocheckpoint = 1000; PRAGMA journal_size_limit = 67108864;",
            )
            .map_err(|e| self.err("configuring the database", e))
    }

    fn check_identity(&self) -> Result<(), Error> {
        let id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.err("reading the database header", e))?;
        let version = self.schema_version()?;
        if id == APPLICATION_ID || (id == 0 && version == 0 && self.is_empty()?) {
            return Ok(());
        }
        Err(Error::Corrupt {
            path: self.path.clone(),
            backups: self.dir.join(BACKUP_DIR),
            detail: format!("it is a SQLite database of another program (application id {id:#x})"),
        })
    }

    fn is_empty(&self) -> Result<bool, Error> {
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
            .map(|n| n == 0)
            .map_err(|e| self.err("reading the database header", e))
    }

    fn migrate(&mut self, from: i64, migrations: &[(&str, &str)]) -> Result<(), Error> {
        let path = self.path.clone();
        let dir = self.dir.clone();
        for (index, (_name, sql)) in migrations.iter().enumerate().skip(from as usize) {
            let to = index as i64 + 1;
            let tx = self.conn.transaction().map_err(|e| classify(&path, &dir, "upgrading the database", e))?;
            tx.execute_batch(sql)
                .and_then(|()| {
                    tx.execute_batch(&format!("PRAGMA user_version = {to}; PRAGMA application_id = {APPLICATION_ID};"))
                })
                .and_then(|()| tx.commit())
                .map_err(|e| classify(&path, &dir, "upgrading the database", e))?;
        }
        Ok(())
    }

    fn backup_before_upgrade(&self, version: i64, clock: &dyn Clock) -> Result<(), Error> {
        let folder = self.dir.join(BACKUP_DIR);
        fs::create_dir_all(&folder).map_err(|source| Error::DataDirUnwritable { path: folder.clone(), source })?;
        let stamp = clock.now().strftime("%Y%m%dT%H%M%SZ").to_string();
        // The time stamp leads so that names sort oldest first.
        let backup = folder.join(format!("storeloop-{stamp}-v{version}.db"));
        self.conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()]).map_err(|source| Error::Backup {
            path: self.path.clone(),
            backup: backup.clone(),
            source,
        })?;
        prune_backups(&folder);
        Ok(())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Leave a small WAL behind; failures here are harmless (SQLite recovers on next open).
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

fn take_lock(dir: &Path) -> Result<File, Error> {
    fs::create_dir_all(dir).map_err(|source| Error::DataDirUnwritable { path: dir.to_path_buf(), source })?;
    let lock_path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| Error::DataDirUnwritable { path: dir.to_path_buf(), source })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(Error::Locked { dir: dir.to_path_buf(), lock: lock_path }),
        Err(fs::TryLockError::Error(source)) => Err(Error::DataDirUnwritable { path: lock_path, source }),
    }
}

fn classify(path: &Path, dir: &Path, doing: &'static str, e: rusqlite::Error) -> Error {
    if Error::is_corruption(&e) {
        return Error::Corrupt { path: path.to_path_buf(), backups: dir.join(BACKUP_DIR), detail: e.to_string() };
    }
    if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)) {
        return Error::DataDirUnwritable {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string()),
        };
    }
    Error::Sqlite { doing, path: path.to_path_buf(), source: e }
}

fn prune_backups(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    let mut backups: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "db")).collect();
    backups.sort();
    let excess = backups.len().saturating_sub(BACKUPS_KEPT);
    for old in backups.into_iter().take(excess) {
        let _ = fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests;
