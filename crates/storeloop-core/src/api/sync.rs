//! The façade's platform sync: connect a store (checking the address and key, saving the key
//! in the system keychain only), sync it (all or what changed), list connections with their
//! latest runs, and remove one (its key is deleted; the synced data stays).

use std::time::Duration;

use super::error::{ApiError, ErrorKind};
use super::sync_dto::{Connection, SyncCount, SyncRun};
use super::Progress;
use crate::model::{StoreSettings, StoreSource};
use crate::sync::{self, http::Http, shopify::Shopify, woo::Woo, SyncError};

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
    /// Refuses to connect a platform to a data folder that holds other real data (the demo
    /// store is replaced once the connection is checked, as an import replaces it).
    fn check_store_for(&self, platform: StoreSource) -> Result<(), ApiError> {
        match self.store.settings()? {
            Some(s) if s.source == StoreSource::Demo => Ok(()),
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
        self.replace_demo_store()?;
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

    /// Connects a Shopify shop: checks the address and the Admin API access token (shop name,
    /// currency, the scopes granted), then saves the token in the system keychain and the
    /// connection here. Nothing is saved when a check fails.
    pub fn connect_shopify(&mut self, shop: &str, token: &str) -> Result<Connection, ApiError> {
        self.check_store_for(StoreSource::Shopify)?;
        let token = token.trim();
        if token.is_empty() || token.contains(char::is_whitespace) {
            return Err(invalid(
                "Give the Admin API access token (shpat_…) of a custom app made in the Shopify admin (Settings → Apps and sales channels → Develop apps).",
            ));
        }
        let probe = Shopify::new(shop, token, "USD", Http::new("Shopify", REQUEST_TIMEOUT))?;
        let info = probe.connect()?;
        self.secrets.set(&secret_name("shopify"), token)?;
        self.replace_demo_store()?;
        let now = self.clock.now().as_second();
        self.store.ensure_store(&StoreSettings {
            name: info.name.clone(),
            currency: info.currency.clone(),
            timezone: info
                .timezone
                .clone()
                .filter(|t| crate::time::zone(t).is_ok())
                .unwrap_or_else(|| "UTC".to_owned()),
            source: StoreSource::Shopify,
            domain: probe.base.split("://").nth(1).map(str::to_owned),
            postal_address: None,
            demo_seed: None,
            created_at: now,
        })?;
        self.store.save_connection("shopify", &probe.base, Some(&info.name), Some(&info.scopes.join(",")), now)?;
        self.connection("shopify")
    }

    /// Removes the demo store when it is the one open (the owner's shop takes its place).
    fn replace_demo_store(&mut self) -> Result<(), ApiError> {
        if self.store.settings()?.is_some_and(|s| s.source == StoreSource::Demo) {
            self.store.remove_demo()?;
        }
        Ok(())
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

    /// Syncs what changed when a store has not been synced for `every_minutes` (the app's
    /// background sync; 0 after the computer wakes). `None` when nothing was due.
    pub fn sync_if_due(&mut self, every_minutes: i64) -> Result<Option<Vec<SyncRun>>, ApiError> {
        let now = self.clock.now().as_second();
        let due =
            self.store.connections()?.iter().any(|c| c.last_sync_at.is_none_or(|at| now - at >= every_minutes * 60));
        if !due {
            return Ok(None);
        }
        self.sync_stores(false, &mut |_| {}).map(Some)
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
            "shopify" => {
                let currency = self.store.settings()?.map(|s| s.currency).unwrap_or_else(|| "USD".to_owned());
                let all_orders =
                    c.scopes.as_deref().is_none_or(|s| s.split(',').any(|x| x.trim() == "read_all_orders"));
                Ok(Box::new(
                    Shopify::new(&c.base_url, &key, &currency, Http::new("Shopify", REQUEST_TIMEOUT))?
                        .with_recent_orders_only(!all_orders),
                ))
            }
            other => Err(invalid(format!("`{other}` is not a platform Storeloop syncs."))),
        }
    }
}

/// What `storeloop bench --sync-shopify` measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SyncBench {
    pub orders: u64,
    pub line_items: u64,
    /// The first sync: bulk operation, download, parse and store everything.
    pub full_seconds: f64,
    /// Syncs with nothing new: each resource asked for what changed.
    pub incremental_median_seconds: f64,
    pub incremental_max_seconds: f64,
    /// Seconds into the full sync when each stage reported its first batch stored.
    pub stages: Vec<(String, f64)>,
}

/// Syncs the shop at `url` (a local fake shop) into a new store: the full history once, then
/// `runs` syncs with nothing new.
pub fn bench_sync_shopify(url: &str, token: &str, runs: usize) -> Result<SyncBench, ApiError> {
    let clock = crate::clock::SystemClock;
    let tmp = std::env::temp_dir().join(format!("storeloop-bench-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        let mut store = crate::store::Store::open(&tmp, crate::store::Mode::ReadWrite, &clock)?;
        let mut shop = Shopify::new(url, token, "USD", Http::new("Shopify", REQUEST_TIMEOUT))?;
        let info = shop.connect()?;
        shop = Shopify::new(url, token, &info.currency, Http::new("Shopify", REQUEST_TIMEOUT))?;
        store.ensure_store(&StoreSettings {
            name: info.name.clone(),
            currency: info.currency.clone(),
            timezone: "UTC".to_owned(),
            source: StoreSource::Shopify,
            domain: None,
            postal_address: None,
            demo_seed: None,
            created_at: crate::clock::Clock::now(&clock).as_second(),
        })?;
        store.save_connection("shopify", url, Some(&info.name), None, 0)?;
        let started = std::time::Instant::now();
        let mut stages: Vec<(String, f64)> = Vec::new();
        sync::run(&mut store, &mut shop, true, &clock, &mut |p| {
            if stages.last().is_none_or(|(s, _)| s != p.stage) {
                stages.push((p.stage.to_owned(), started.elapsed().as_secs_f64()));
            }
        })?;
        let full_seconds = started.elapsed().as_secs_f64();
        let mut times = Vec::new();
        for _ in 0..runs.max(1) {
            let t = std::time::Instant::now();
            sync::run(&mut store, &mut shop, false, &clock, &mut |_| {})?;
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let snap = store.commerce_snapshot()?;
        Ok::<_, ApiError>(SyncBench {
            orders: snap.iter().filter(|l| l.starts_with("order|")).count() as u64,
            line_items: snap.iter().filter(|l| l.starts_with("line|")).count() as u64,
            full_seconds,
            incremental_median_seconds: times[times.len() / 2],
            incremental_max_seconds: times[times.len() - 1],
            stages,
        })
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}
