//! Platform sync's types that cross into the UI and the command line.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A connected store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Connection {
    /// `shopify` or `woocommerce`.
    pub platform: String,
    /// The shop's address.
    pub base_url: String,
    /// The shop's name as the platform gave it.
    pub shop_name: Option<String>,
    /// The access the key was granted, as the platform named it (empty when it does not say).
    pub scopes: Vec<String>,
    pub connected_at: String,
    /// Whether the system keychain holds its key (the key itself never leaves it).
    pub key_saved: bool,
    pub last_sync_at: Option<String>,
    /// `ok`, `failed` or `running`.
    pub last_status: Option<String>,
    pub last_error: Option<String>,
    /// The latest runs, newest first.
    pub runs: Vec<SyncRun>,
}

/// What one resource's sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncCount {
    /// `products`, `customers`, `orders`, `checkouts`.
    pub resource: String,
    #[ts(type = "number")]
    pub inserted: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub pages: u64,
}

/// One sync of one store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncRun {
    pub platform: String,
    /// Everything read again, not only what changed.
    pub full: bool,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// `ok`, `failed` or `running`.
    pub status: String,
    pub counts: Vec<SyncCount>,
    /// What did not stop the sync but is worth knowing (a record skipped, a field cut).
    pub warnings: Vec<String>,
    pub error: Option<String>,
}
