//! Shopify sync against the fake shop (tests/platforms/fake_shopify.py), which answers the
//! Admin GraphQL API with the shopify.dev examples' nodes varied: connecting (name, currency,
//! scopes; a wrong token; missing scopes; an address with no Admin API), the history through a
//! bulk operation whose line items are not all next to their orders, increments by updated_at
//! with Relay cursors, the recorded THROTTLED answer (HTTP 200) waited out as the bucket needs,
//! 5xx retried, an expired bulk file explained, and a sync stopped mid-history resumed.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::FakeStore;
use serde_json::json;
use storeloop_core::model::StoreSource;
use storeloop_core::sync::{self, http::Http, shopify::Shopify, SyncError};

type Shop = common::SyncShop;

fn shop() -> Shop {
    common::sync_shop("shopify", StoreSource::Shopify, "Fernhill Snow", "CAD")
}

fn client(f: &FakeStore, token: &str) -> (Shopify, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&waits);
    let http = Http::new("Shopify", Duration::from_secs(10)).with_sleep(Arc::new(move |d| log.lock().unwrap().push(d)));
    (Shopify::new(&f.base, token, "CAD", http).unwrap(), waits)
}

fn count(r: &sync::Report, resource: &str) -> sync::Counts {
    r.counts.iter().find(|(n, _)| n == resource).unwrap().1
}

#[test]
fn connecting_reads_the_shop_and_its_scopes_and_explains_refusals() {
    let f = FakeStore::shopify(&["--orders", "3"]);
    let (c, _) = client(&f, "shpat_test");
    let info = c.connect().unwrap();
    assert_eq!((info.name.as_str(), info.currency.as_str()), ("Fernhill Snow", "CAD"));
    assert_eq!(info.timezone.as_deref(), Some("America/Toronto"));
    assert!(info.scopes.contains(&"read_all_orders".to_owned()));

    let (bad, _) = client(&f, "shpat_wrong");
    let e = bad.connect().unwrap_err();
    assert!(matches!(e, SyncError::Auth { .. }) && e.to_string().contains("Invalid API key"), "{e}");
    assert!(!e.to_string().contains("shpat_wrong"), "{e}");

    let narrow = FakeStore::shopify(&["--orders", "3", "--scopes", "read_products,read_customers"]);
    let (c, _) = client(&narrow, "shpat_test");
    let e = c.connect().unwrap_err();
    assert!(matches!(e, SyncError::Scope { .. }) && e.to_string().contains("read_orders"), "{e}");

    let http = Http::new("Shopify", Duration::from_secs(5));
    let elsewhere = Shopify::new(&format!("{}/shop", f.base), "shpat_test", "CAD", http).unwrap();
    let e = elsewhere.connect().unwrap_err();
    assert!(matches!(e, SyncError::NotAStore { .. }), "{e}");
}

#[test]
fn history_by_bulk_operation_then_increments_by_updated_at() {
    let f = FakeStore::shopify(&["--orders", "2400", "--products", "12", "--customers", "90"]);
    let mut s = shop();
    let (mut c, waits) = client(&f, "shpat_test");
    let r = sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap();
    assert_eq!(count(&r, "orders").inserted, 2400);
    assert_eq!(count(&r, "orders").pages, 3, "a thousand orders of the file a batch");
    assert_eq!(count(&r, "products").inserted, 12);
    assert_eq!(count(&r, "customers").inserted, 90);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(waits.lock().unwrap().len(), 1, "one poll of the running bulk operation");
    let requests = f.requests();
    assert!(requests.iter().any(|p| p.starts_with("/bulk/")), "the file was downloaded");
    let snap = s.store.commerce_snapshot().unwrap();
    // Line items held back in the file still found their orders: 1 + i % 3 lines each.
    let lines = snap.iter().filter(|l| l.starts_with("line|")).count();
    assert_eq!(lines, (0..2400).map(|i| 1 + i % 3).sum::<usize>());
    assert!(snap.iter().any(|l| l.starts_with("variant|snowboard-3|SB-3-151|151cm|21400|")), "{:?}", &snap[..5]);
    let subscribed = snap.iter().find(|l| l.starts_with("customer|rider0@example.com")).unwrap();
    assert!(subscribed.ends_with("|subscribed"), "{subscribed}");
    assert!(snap.iter().any(|l| l.starts_with("refund|#1001|") && l.ends_with("|Wrong size")));
    // Abandoned checkouts: 24, of which 4 were completed (bought) and are not kept; their items
    // found their variants by SKU.
    let checkouts: Vec<&String> = snap.iter().filter(|l| l.starts_with("checkout|")).collect();
    assert_eq!(checkouts.len(), 20, "{checkouts:?}");
    assert!(checkouts.iter().all(|l| !l.ends_with("|∅") && !l.contains("-x")), "{checkouts:?}");
    assert_eq!(count(&r, "checkouts").inserted, 20);

    // Increments: three new orders and two changed, read by updated_at, no bulk operation.
    f.control(&json!({"add_orders": 3, "touch_orders": ["#1005", "#1006"]}));
    let r = sync::run(&mut s.store, &mut c, false, &s.clock, &mut |_| {}).unwrap();
    assert_eq!(count(&r, "orders").inserted, 3);
    assert_eq!(count(&r, "orders").updated, 2);
    let bulk_runs = f.requests().iter().filter(|p| p.starts_with("/bulk/")).count();
    assert_eq!(bulk_runs, 1, "increments do not start another bulk operation");
}

#[test]
fn throttling_is_waited_out_as_the_bucket_needs_and_5xx_is_retried() {
    let f = FakeStore::shopify(&["--orders", "30", "--products", "3", "--customers", "5"]);
    f.control(&json!({"faults": [
        {"on": "products(", "kind": "throttle", "times": 2},
        {"on": "customers(", "kind": "status", "status": 502},
    ]}));
    let mut s = shop();
    let (mut c, waits) = client(&f, "shpat_test");
    let r = sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap();
    assert_eq!(count(&r, "orders").inserted, 30);
    let w = waits.lock().unwrap().clone();
    // The recorded answer: 752 requested, 666 available, 50 a second → 1.72 s each time.
    assert_eq!(w.iter().filter(|d| **d == Duration::from_secs_f64(1.72)).count(), 2, "{w:?}");
}

#[test]
fn an_expired_bulk_file_is_explained_and_a_stopped_history_resumes() {
    let f = FakeStore::shopify(&["--orders", "2500", "--products", "2", "--customers", "3"]);
    f.control(&json!({"faults": [{"on": "bulk-file"}]}));
    let mut s = shop();
    let (mut c, _) = client(&f, "shpat_test");
    let e = sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("expired"), "{e}");

    // A new client (as after a restart) goes on with the same bulk operation's file.
    let (mut c, _) = client(&f, "shpat_test");
    let r = sync::run(&mut s.store, &mut c, false, &s.clock, &mut |_| {}).unwrap();
    assert_eq!(count(&r, "orders").inserted, 2500);
    let ops = f.requests().iter().filter(|p| p.starts_with("/bulk/")).count();
    assert_eq!(ops, 2, "the same file asked for again");
}

#[test]
fn without_the_checkout_permission_the_rest_syncs_and_the_owner_is_told() {
    let f = FakeStore::shopify(&["--orders", "20", "--products", "2", "--customers", "3", "--no-checkout-access"]);
    let mut s = shop();
    let (mut c, _) = client(&f, "shpat_test");
    let r = sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap();
    assert_eq!(count(&r, "orders").inserted, 20);
    assert_eq!(count(&r, "checkouts").inserted, 0);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("Abandoned checkouts were not read") && w.contains("manage_abandoned_checkouts")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn orders_deleted_in_the_shop_are_marked_by_the_next_full_sync() {
    let f = FakeStore::shopify(&["--orders", "50", "--products", "2", "--customers", "3"]);
    let mut s = shop();
    let (mut c, _) = client(&f, "shpat_test");
    sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap();
    f.control(&json!({"delete_orders": ["#1003"]}));
    let r = sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap();
    assert!(r.warnings.iter().any(|w| w.starts_with("1 order is no longer in the shop")), "{:?}", r.warnings);
    let snap = s.store.commerce_snapshot().unwrap();
    let deleted: Vec<&String> = snap.iter().filter(|l| l.starts_with("order|") && l.contains("|deleted|")).collect();
    assert_eq!(deleted.len(), 1);
    assert!(deleted[0].starts_with("order|#1003|"), "{deleted:?}");
}

#[test]
fn without_read_all_orders_a_history_read_says_only_60_days_came() {
    let f = FakeStore::shopify(&["--orders", "20", "--products", "2", "--customers", "3"]);
    let mut s = shop();
    let (c, _) = client(&f, "shpat_test");
    let mut c = c.with_recent_orders_only(true);
    let r = sync::run(&mut s.store, &mut c, true, &s.clock, &mut |_| {}).unwrap();
    assert!(
        r.warnings.iter().any(|w| w.starts_with("Only the last 60 days of orders") && w.contains("read_all_orders")),
        "{:?}",
        r.warnings
    );
    // Increments say nothing more.
    let r = sync::run(&mut s.store, &mut c, false, &s.clock, &mut |_| {}).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}
