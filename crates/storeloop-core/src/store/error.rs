//! Everything that can go wrong with the local database, each with the file involved and what
//! the user can do about it.

use std::path::PathBuf;

/// A failure of the local store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder cannot be created or written.
    #[error("Storeloop cannot write to its data folder {path}: {source}. Nothing was changed. Fix the folder's permissions, or choose another folder with --data-dir or the STORELOOP_DATA_DIR setting.")]
    DataDirUnwritable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Another Storeloop (app window or CLI command) holds the data folder.
    #[error("Another Storeloop window or command is already using the data folder {dir} (it holds {lock}). Close it and try again, or use a different folder with --data-dir. Nothing was changed.")]
    Locked { dir: PathBuf, lock: PathBuf },
    /// The file is not a SQLite database, not a Storeloop one, or is damaged.
    #[error("The file {path} is damaged or is not a Storeloop database ({detail}). It was left exactly as it is. Move it aside (or restore a copy from {backups}) and start Storeloop again to create a fresh one.")]
    Corrupt { path: PathBuf, backups: PathBuf, detail: String },
    /// The database was written by a newer Storeloop.
    #[error("The database {path} was made by a newer version of Storeloop (data version {found}; this version understands up to {supported}). It was not changed. Install the newer Storeloop, or point this one at another folder with --data-dir.")]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },
    /// A read-only opener found a database that still needs upgrading.
    #[error("The database {path} needs an upgrade (data version {found}, current {latest}) that a read-only command cannot do. Open the Storeloop app once, or run `storeloop migrate`, then try again.")]
    NeedsUpgrade { path: PathBuf, found: i64, latest: i64 },
    /// There is no database yet where one was expected.
    #[error("There is no Storeloop database at {path} yet. Open the Storeloop app once, or run `storeloop demo` to create the demo store there.")]
    Missing { path: PathBuf },
    /// Only the demo store may be removed wholesale.
    #[error("The store in {path} is your own data, not the demo store, so it was not removed.")]
    NotDemo { path: PathBuf },
    /// The database has no store in it yet.
    #[error("The database {path} holds no store yet. Open the demo store (`storeloop demo`) or import your store's data first.")]
    NoStore { path: PathBuf },
    /// The backup taken before an upgrade failed; the upgrade was not started.
    #[error("Could not back up {path} to {backup} before upgrading it ({source}). The upgrade was not started and nothing was changed. Free some disk space or fix the folder's permissions, then try again.")]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// Any other SQLite failure, with what Storeloop was doing.
    #[error("Database error while {doing} in {path}: {source}")]
    Sqlite {
        doing: &'static str,
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl Error {
    /// True for the SQLite codes that mean "this file is not a (healthy) database".
    pub(crate) fn is_corruption(e: &rusqlite::Error) -> bool {
        matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
    }
}
