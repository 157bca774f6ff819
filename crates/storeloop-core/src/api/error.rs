//! The one error shape that leaves the core: `{kind, message}`. The kinds are a closed set the
//! UI can switch on; the message names the file or setting involved and says what to do, and
//! never contains a secret.

use serde::Serialize;
use ts_rs::TS;

use crate::{audit, demo, import, privacy, stats, store};

/// What sort of failure, for the UI to choose how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The request itself was wrong (a bad option, a value out of range).
    InvalidInput,
    /// Something asked for does not exist (yet).
    NotFound,
    /// Another Storeloop holds the data folder.
    Locked,
    /// The database file is damaged or not Storeloop's.
    Corrupt,
    /// The database was made by a newer Storeloop.
    NewerVersion,
    /// The database needs an upgrade that this command may not do.
    NeedsUpgrade,
    /// A file or folder could not be read or written.
    Io,
    /// Any other database failure.
    Database,
    /// A bug: please report it.
    Internal,
}

/// An error as the UI and the CLI's JSON output receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ApiError {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }
}

impl From<store::Error> for ApiError {
    fn from(e: store::Error) -> Self {
        let kind = match &e {
            store::Error::DataDirUnwritable { .. } | store::Error::Backup { .. } => ErrorKind::Io,
            store::Error::Locked { .. } => ErrorKind::Locked,
            store::Error::Corrupt { .. } => ErrorKind::Corrupt,
            store::Error::NewerVersion { .. } => ErrorKind::NewerVersion,
            store::Error::NeedsUpgrade { .. } => ErrorKind::NeedsUpgrade,
            store::Error::Missing { .. } | store::Error::NoStore { .. } => ErrorKind::NotFound,
            store::Error::NotDemo { .. } => ErrorKind::InvalidInput,
            store::Error::Sqlite { .. } => ErrorKind::Database,
        };
        Self::new(kind, e.to_string())
    }
}

impl From<stats::Error> for ApiError {
    fn from(e: stats::Error) -> Self {
        match e {
            stats::Error::Store(e) => e.into(),
            stats::Error::TimeZone(_) => Self::new(ErrorKind::InvalidInput, e.to_string()),
        }
    }
}

impl From<demo::Error> for ApiError {
    fn from(e: demo::Error) -> Self {
        match e {
            demo::Error::Store(e) => e.into(),
            demo::Error::Catalog(_) => Self::new(ErrorKind::Internal, e.to_string()),
            demo::Error::NotEmpty { .. } | demo::Error::TooManyCustomers(_) => {
                Self::new(ErrorKind::InvalidInput, e.to_string())
            }
        }
    }
}

impl From<audit::Error> for ApiError {
    fn from(e: audit::Error) -> Self {
        match e {
            audit::Error::Store(e) => e.into(),
        }
    }
}

impl From<import::Error> for ApiError {
    fn from(e: import::Error) -> Self {
        match e {
            import::Error::Store(e) => e.into(),
            import::Error::File { .. } => Self::new(ErrorKind::Io, e.to_string()),
            import::Error::Header { .. } | import::Error::DemoStore { .. } | import::Error::UnknownKind(_) => {
                Self::new(ErrorKind::InvalidInput, e.to_string())
            }
        }
    }
}

impl From<privacy::Error> for ApiError {
    fn from(e: privacy::Error) -> Self {
        match e {
            privacy::Error::Store(e) => e.into(),
            privacy::Error::NoSuchCustomer(_) => Self::new(ErrorKind::NotFound, e.to_string()),
        }
    }
}

impl From<crate::intel::transactions::LogError> for ApiError {
    fn from(e: crate::intel::transactions::LogError) -> Self {
        use crate::intel::transactions::LogError;
        match e {
            LogError::Io { ref source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Self::new(ErrorKind::NotFound, e.to_string())
            }
            LogError::Io { .. } => Self::new(ErrorKind::Io, e.to_string()),
            _ => Self::new(ErrorKind::InvalidInput, e.to_string()),
        }
    }
}

impl From<crate::intel::bgnbd::FitError> for ApiError {
    fn from(e: crate::intel::bgnbd::FitError) -> Self {
        Self::new(ErrorKind::InvalidInput, e.to_string())
    }
}
