//! Where Storeloop keeps its data: the OS app-data folder, unless `STORELOOP_DATA_DIR` or an
//! explicit folder (the CLI's `--data-dir`) says otherwise.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder for both the app and the CLI.
pub const DATA_DIR_ENV: &str = "STORELOOP_DATA_DIR";

/// The database file's name inside the data folder.
pub const DATABASE_FILE: &str = "storeloop.db";

/// Where a data folder choice came from, for messages that tell the user what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataDirSource {
    /// `--data-dir` on the command line.
    Flag,
    /// The `STORELOOP_DATA_DIR` environment variable.
    Env,
    /// The operating system's application-data folder.
    OsDefault,
}

/// A chosen data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// The folder.
    pub path: PathBuf,
    /// Why this folder.
    pub source: DataDirSource,
}

impl DataDir {
    /// The database file inside this folder.
    pub fn database(&self) -> PathBuf {
        self.path.join(DATABASE_FILE)
    }

    /// Picks the folder: `flag` first, then `env` (the value of `STORELOOP_DATA_DIR`), then the
    /// OS default. Empty values count as unset.
    pub fn resolve(flag: Option<&Path>, env: Option<&str>) -> Option<DataDir> {
        if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
            return Some(DataDir { path: p.to_path_buf(), source: DataDirSource::Flag });
        }
        if let Some(e) = env.map(str::trim).filter(|e| !e.is_empty()) {
            return Some(DataDir { path: PathBuf::from(e), source: DataDirSource::Env });
        }
        os_default().map(|path| DataDir { path, source: DataDirSource::OsDefault })
    }

    /// Like [`DataDir::resolve`], reading `STORELOOP_DATA_DIR` from the process environment.
    pub fn from_env(flag: Option<&Path>) -> Option<DataDir> {
        let env = std::env::var(DATA_DIR_ENV).ok();
        Self::resolve(flag, env.as_deref())
    }
}

/// The desktop app's identifier; its app-data folder is named after it on every OS.
pub const APP_IDENTIFIER: &str = "app.storeloop.desktop";

/// The OS application-data folder for Storeloop, the same one Tauri gives the desktop app:
/// `~/.local/share/app.storeloop.desktop` on Linux, `~/Library/Application Support/…` on macOS,
/// `%APPDATA%\…` on Windows.
pub fn os_default() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_dir().join(APP_IDENTIFIER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() {
        let d = DataDir::resolve(Some(Path::new("/a")), Some("/b")).unwrap();
        assert_eq!((d.path.as_path(), d.source), (Path::new("/a"), DataDirSource::Flag));
        let d = DataDir::resolve(None, Some("/b")).unwrap();
        assert_eq!((d.path.as_path(), d.source), (Path::new("/b"), DataDirSource::Env));
        let d = DataDir::resolve(None, Some("  "));
        assert!(d.is_none_or(|d| d.source == DataDirSource::OsDefault));
    }
}
