//! The façade's platform sync: connect a store (checking the address and key, saving the key
//! in the system keychain only), sync it (all or what changed), list connections with their
//! latest runs, and remove one (its key is deleted; the synced data stays).

use std::time::Duration;

use super::error::{ApiError, ErrorKind};
use super::sync_dto::{Connection, SyncCount, SyncRun};
use super::Progress;
use crate::model::{StoreSettings, StoreSource};
use crate::sync::{self, http::Http, woo::Woo, SyncError};

const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> Self {
        let kind = match e {
            SyncError::Settings(_) | SyncError::Auth { .. } | SyncError::Scope { .. } | SyncError::NotAStore { .. } => {
                ErrorKind::InvalidInput
            }
            _ => ErrorKind::Io,
        };
        ApiError::new(kind, e.to_string())
    }
}

/// The keychain entry holding a platform's key.
fn secret_name(platform: &str) -> String {
    format!("sync.{platform}")
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

fn run_dto(platform: &str, r: crate::store::SyncRunRow) -> SyncRun {
    let counts: Vec<(String, sync::Counts)> = serde_json::from_str(&r.counts).unwrap_or_default();
    SyncRun {
        platform: platform.to_owned(),
        full: r.full,
        started_at: crate::time::rfc3339(r.started_at),
        finished_at: r.finished_at.map(crate::time::rfc3339),
        status: r.status,
        counts: counts
            .into_iter()
            .map(|(resource, c)| SyncCount {
                resource,
                inserted: c.inserted,
                updated: c.updated,
                unchanged: c.unchanged,
                pages: c.pages,
            })
            .collect(),
        warnings: serde_json::from_str(&r.warnings).unwrap_or_default(),
        error: r.error,
    }
}

impl super::Storeloop {
    /// Refuses to connect a platform to a data folder that holds other data.
    fn check_store_for(&self, platform: StoreSource) -> Result<(), ApiError> {
        match self.store.settings()? {
            Some(s) if s.source == StoreSource::Demo => Err(invalid(
                "This data folder holds the demo store: remove it first (Settings → Remove demo store), then connect your shop.",
            )),
            Some(s) if s.source != platform => Err(invalid(format!(
                "This data folder already holds {} data: connect the shop in a new data folder so the two are not mixed.",
                match s.source {
                    StoreSource::Shopify => "Shopify",
                    StoreSource::WooCommerce => "WooCommerce",
                    _ => "imported",
                }
            ))),
            _ => Ok(()),
        }
    }

    /// Connects a WooCommerce store: checks the address and the key pair (shop name, currency),
    /// then saves the key pair in the system keychain and the connection here. Nothing is saved
    /// when a check fails.
    pub fn connect_woocommerce(&mut self, url: &str, key: &str, secret: &str) -> Result<Connection, ApiError> {
        self.check_store_for(StoreSource::WooCommerce)?;
        let (key, secret) = (key.trim(), secret.trim());
        if key.is_empty() || secret.is_empty() || format!("{key}{secret}").contains(char::is_whitespace) {
            return Err(invalid(
                "Give the REST API consumer key (ck_…) and secret (cs_…) from WooCommerce → Settings → Advanced → REST API.",
            ));
        }
        let shop = Woo::connect(url, key, secret, Http::new("WooCommerce", REQUEST_TIMEOUT))?;
        let base = Woo::new(url, key, secret, &shop.currency, Http::new("WooCommerce", REQUEST_TIMEOUT))?.base;
        self.secrets.set(&secret_name("woocommerce"), &format!("{key}\n{secret}"))?;
        let now = self.clock.now().as_second();
        self.store.ensure_store(&StoreSettings {
            name: shop.name.clone(),
            currency: shop.currency.clone(),
            timezone: shop.timezone.clone().unwrap_or_else(|| "UTC".to_owned()),
            source: StoreSource::WooCommerce,
            domain: base.split("://").nth(1).map(|h| h.split('/').next().unwrap_or(h).to_owned()),
            postal_address: None,
            demo_seed: None,
            created_at: now,
        })?;
        self.store.save_connection("woocommerce", &base, Some(&shop.name), None, now)?;
        self.connection("woocommerce")
    }

    fn connection(&self, platform: &str) -> Result<Connection, ApiError> {
        self.connections()?
            .into_iter()
            .find(|c| c.platform == platform)
            .ok_or_else(|| ApiError::new(ErrorKind::NotFound, format!("There is no {platform} connection.")))
    }

    /// Every connected store with its latest runs.
    pub fn connections(&self) -> Result<Vec<Connection>, ApiError> {
        self.store
            .connections()?
            .into_iter()
            .map(|c| {
                let runs = self.store.sync_runs(&c.platform, 5)?.into_iter().map(|r| run_dto(&c.platform, r)).collect();
                Ok(Connection {
                    key_saved: self.secrets.get(&secret_name(&c.platform)).map(|k| k.is_some()).unwrap_or(false),
                    scopes: c
                        .scopes
                        .as_deref()
                        .map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
                        .unwrap_or_default(),
                    connected_at: crate::time::rfc3339(c.created_at),
                    last_sync_at: c.last_sync_at.map(crate::time::rfc3339),
                    platform: c.platform,
                    base_url: c.base_url,
                    shop_name: c.shop_name,
                    last_status: c.last_status,
                    last_error: c.last_error,
                    runs,
                })
            })
            .collect()
    }

    /// Removes a connection and deletes its key from the keychain; the synced data stays.
    pub fn remove_connection(&mut self, platform: &str) -> Result<Vec<Connection>, ApiError> {
        self.secrets.delete(&secret_name(platform))?;
        self.store.remove_connection(platform)?;
        self.connections()
    }

    /// Syncs every connected store: everything when `full`, else what changed since the last
    /// sync (an interrupted one goes on where it stopped). One run per store, newest data first.
    pub fn sync_stores(&mut self, full: bool, progress: &mut dyn FnMut(Progress)) -> Result<Vec<SyncRun>, ApiError> {
        let connections = self.store.connections()?;
        if connections.is_empty() {
            return Err(ApiError::new(
                ErrorKind::NotFound,
                "No store is connected: connect Shopify or WooCommerce under Connections (or `storeloop connect`).",
            ));
        }
        let mut out = Vec::new();
        for c in connections {
            let mut source = self.source_for(&c)?;
            let mut report = |p: crate::progress::Progress| progress(super::progress_dto(&p));
            let result = sync::run(&mut self.store, source.as_mut(), full, self.clock.as_ref(), &mut report);
            result?;
            if let Some(r) = self.store.sync_runs(&c.platform, 1)?.into_iter().next() {
                out.push(run_dto(&c.platform, r));
            }
        }
        Ok(out)
    }

    fn source_for(&self, c: &crate::store::ConnectionRow) -> Result<Box<dyn sync::Source>, ApiError> {
        let key = self.secrets.get(&secret_name(&c.platform))?.ok_or_else(|| {
            invalid(format!("The key for {} is not in the system keychain: connect the store again.", c.base_url))
        })?;
        match c.platform.as_str() {
            "woocommerce" => {
                let (k, s) = key
                    .split_once('\n')
                    .ok_or_else(|| invalid("The saved WooCommerce key is damaged: connect the store again."))?;
                let currency = self.store.settings()?.map(|s| s.currency).unwrap_or_else(|| "USD".to_owned());
                Ok(Box::new(Woo::new(&c.base_url, k, s, &currency, Http::new("WooCommerce", REQUEST_TIMEOUT))?))
            }
            other => Err(invalid(format!("`{other}` is not a platform Storeloop syncs."))),
        }
    }
}
