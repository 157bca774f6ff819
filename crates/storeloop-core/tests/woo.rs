//! WooCommerce sync against the fake store (tests/platforms/fake_store.py), which serves the
//! REST API docs' real payloads with varied ids, dates and amounts: connecting (shop name,
//! currency, a wrong key, an address that is not a store), pagination, incremental syncs that
//! read only what changed, 429 with Retry-After, 5xx, a slow answer, malformed JSON, a list that
//! changes between pages, a 10 MB field and an order naming a product the catalog does not have.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::FakeStore;
use serde_json::json;
use storeloop_core::model::StoreSource;
use storeloop_core::sync::{self, http::Http, woo::Woo, SyncError};

type Shop = common::SyncShop;

fn shop() -> Shop {
    common::sync_shop("woocommerce", StoreSource::WooCommerce, "Fernhill Test Shop", "USD")
}

/// A client recording its waits instead of sleeping.
fn http(timeout: Duration) -> (Http, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&waits);
    (Http::new("WooCommerce", timeout).with_sleep(Arc::new(move |d| log.lock().unwrap().push(d))), waits)
}

fn woo(f: &FakeStore, h: Http) -> Woo {
    Woo::new(&f.base, "ck_test", "cs_test", "USD", h).unwrap()
}

fn sync(s: &mut Shop, w: &mut Woo, full: bool) -> Result<sync::Report, SyncError> {
    sync::run(&mut s.store, w, full, &s.clock, &mut |_| {})
}

fn count(r: &sync::Report, resource: &str) -> sync::Counts {
    r.counts.iter().find(|(n, _)| n == resource).unwrap().1
}

#[test]
fn connecting_checks_the_address_and_the_key() {
    let f = FakeStore::start(&["--orders", "3"]);
    let (h, _) = http(Duration::from_secs(5));
    let shop = Woo::connect(&f.base, "ck_test", "cs_test", h.clone()).unwrap();
    assert_eq!(shop.name, "Fernhill Test Shop");
    assert_eq!(shop.currency, "USD");

    let e = Woo::connect(&f.base, "ck_test", "cs_wrong", h.clone()).unwrap_err();
    assert!(matches!(e, SyncError::Auth { .. }), "{e}");
    assert!(e.to_string().contains("Sorry, you cannot list resources") && !e.to_string().contains("cs_wrong"), "{e}");
    // A web page that is not WordPress.
    let e = Woo::connect(&format!("{}/blog", f.base), "ck_test", "cs_test", h.clone()).unwrap_err();
    assert!(matches!(e, SyncError::NotAStore { .. }) && e.to_string().contains("/wp-json/"), "{e}");
    // The key only travels encrypted.
    let e = Woo::connect("http://shop.example.com", "ck_test", "cs_test", h.clone()).unwrap_err();
    assert!(e.to_string().contains("https://"), "{e}");
    // Nothing listening at all.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = Woo::connect(&format!("http://127.0.0.1:{port}"), "ck_test", "cs_test", h).unwrap_err();
    assert!(matches!(e, SyncError::Unreachable { .. }), "{e}");
}

#[test]
fn a_full_sync_reads_every_page_and_an_incremental_one_only_what_changed() {
    let f = FakeStore::start(&["--orders", "450", "--products", "25", "--customers", "120"]);
    let mut s = shop();
    let (h, _) = http(Duration::from_secs(5));
    let mut w = woo(&f, h);
    let r = sync(&mut s, &mut w, true).unwrap();
    assert_eq!(count(&r, "orders").inserted, 450);
    assert_eq!(count(&r, "orders").pages, 5, "100 a page");
    assert_eq!(count(&r, "products").inserted, 25);
    assert_eq!(count(&r, "customers").inserted, 120);
    let requests = f.requests();
    assert!(requests.iter().all(|r| !r.contains("/orders") || r.contains("per_page=100")), "{requests:?}");
    // Variable products bring their variations as variants; money strings became minor units.
    let snap = s.store.commerce_snapshot().unwrap();
    assert!(snap.iter().any(|l| l.starts_with("variant|") && l.contains("|WOO-1004-BLA|Black|")), "{snap:?}");
    let first = snap.iter().find(|l| l.starts_with("order|5000|")).unwrap();
    assert!(first.contains("|buyer0@example.com|"), "{first}");
    assert!(snap.iter().any(|l| l.starts_with("refund|") && l.contains("Damaged in transit")));
    let consent = snap.iter().find(|l| l.starts_with("customer|buyer0@example.com")).unwrap();
    assert!(consent.ends_with("|unknown"), "WooCommerce has no marketing consent: {consent}");

    // Nothing changed: the next sync reads one page of each and stores nothing new.
    let before = f.requests().len();
    let r = sync(&mut s, &mut w, false).unwrap();
    assert_eq!(count(&r, "orders").inserted + count(&r, "orders").updated, 0);
    let asked: Vec<String> = f.requests()[before..].iter().filter(|r| !r.starts_with("/__")).cloned().collect();
    // One page of each resource, and the variations of the newest product (read again by the
    // watermark's overlap).
    assert!(asked.len() <= 5, "{asked:?}");

    // Five new orders and three changed: exactly those are read.
    f.control(&json!({"add_orders": 5, "touch_orders": [5001, 5002, 5003]}));
    let r = sync(&mut s, &mut w, false).unwrap();
    assert_eq!(count(&r, "orders").inserted, 5);
    // 5003 was on hold and is now completed; 5001 and 5002 were completed already, so only their
    // modification date moved: read, and left as they were.
    assert_eq!(count(&r, "orders").updated, 1);
    assert!(count(&r, "orders").unchanged >= 2);
    let last = f.requests().into_iter().rev().find(|r| r.contains("/orders?")).unwrap();
    assert!(last.contains("modified_after=") && last.contains("dates_are_gmt=true"), "{last}");
}

#[test]
fn rate_limits_server_errors_and_slow_answers_are_retried() {
    let f = FakeStore::start(&["--orders", "250", "--products", "5", "--customers", "10"]);
    f.control(&json!({"faults": [
        {"path": "/orders", "status": 429, "retry_after": 3},
        {"path": "/orders", "status": 503},
        {"path": "/customers", "kind": "slow", "seconds": 1.5},
    ]}));
    let mut s = shop();
    let (h, waits) = http(Duration::from_millis(700));
    let mut w = woo(&f, h);
    let r = sync(&mut s, &mut w, true).unwrap();
    assert_eq!(count(&r, "orders").inserted, 250);
    let waits = waits.lock().unwrap().clone();
    assert!(waits.contains(&Duration::from_secs(3)), "Retry-After is honoured: {waits:?}");
    assert_eq!(waits.len(), 3, "one wait for each fault (the slow answer timed out once): {waits:?}");
}

#[test]
fn a_malformed_page_stops_the_sync_and_the_next_one_goes_on_from_there() {
    let f = FakeStore::start(&["--orders", "350", "--products", "5", "--customers", "10"]);
    let mut s = shop();
    let (h, _) = http(Duration::from_secs(5));
    let mut w = woo(&f, h);
    // The orders' third page is not JSON.
    f.control(&json!({"faults": [{"path": "/orders", "kind": "skip"}, {"path": "/orders", "kind": "skip"}]}));
    f.control(&json!({"faults": [{"path": "/orders", "kind": "malformed"}]}));
    let e = sync(&mut s, &mut w, true).unwrap_err();
    assert!(matches!(e, SyncError::Malformed { .. }) && e.to_string().contains("tries again"), "{e}");
    let stored = s.store.commerce_snapshot().unwrap().iter().filter(|l| l.starts_with("order|")).count();
    assert_eq!(stored % 100, 0, "whole pages only: {stored}");
    let runs = s.store.sync_runs("woocommerce", 1).unwrap();
    assert_eq!(runs[0].status, "failed");
    let r = sync(&mut s, &mut w, false).unwrap();
    assert_eq!(count(&r, "orders").inserted as usize + stored, 350, "the rest, and nothing twice");
}

#[test]
fn a_list_that_changes_between_pages_is_read_again_and_nothing_is_skipped() {
    let f = FakeStore::start(&["--orders", "300", "--products", "5", "--customers", "10"]);
    let mut s = shop();
    let (h, _) = http(Duration::from_secs(5));
    let mut w = woo(&f, h);
    // After the first orders page, the oldest order is deleted: every later page shifts by one.
    f.control(&json!({"delete_after": 1}));
    let r = sync(&mut s, &mut w, true).unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("changed while they were read")), "{:?}", r.warnings);
    let snap = s.store.commerce_snapshot().unwrap();
    for n in 5001..5300 {
        assert!(snap.iter().any(|l| l.starts_with(&format!("order|{n}|"))), "order {n} was skipped");
    }
}

#[test]
fn a_huge_field_is_cut_and_an_unknown_product_is_kept_on_the_line() {
    let f = FakeStore::start(&["--orders", "20", "--products", "0", "--customers", "5"]);
    f.control(&json!({"long_field": 10 * 1024 * 1024}));
    let mut s = shop();
    let (h, _) = http(Duration::from_secs(20));
    let mut w = woo(&f, h);
    let r = sync(&mut s, &mut w, true).unwrap();
    assert_eq!(count(&r, "orders").inserted, 20);
    assert!(r.warnings.iter().any(|w| w.contains("10.0 MB") && w.contains("Order 5000")), "{:?}", r.warnings);
    let snap = s.store.commerce_snapshot().unwrap();
    let line = snap.iter().find(|l| l.starts_with("line|5000|")).unwrap();
    assert!(line.len() < 1_000, "the name was cut");
    // The shop has no products, so the lines name products Storeloop does not have: kept, unlinked.
    assert!(line.ends_with("|-"), "{line}");
}

#[test]
fn orders_deleted_in_the_shop_are_marked_by_the_next_full_sync() {
    let f = FakeStore::start(&["--orders", "230", "--products", "3", "--customers", "5"]);
    let mut s = shop();
    let (h, _) = http(Duration::from_secs(5));
    let mut w = woo(&f, h);
    sync(&mut s, &mut w, true).unwrap();
    f.control(&json!({"delete_orders": [5007, 5100]}));
    // An incremental sync cannot see a deletion; a full one can.
    sync(&mut s, &mut w, false).unwrap();
    let r = sync(&mut s, &mut w, true).unwrap();
    assert!(r.warnings.iter().any(|w| w.starts_with("2 orders are no longer in the shop")), "{:?}", r.warnings);
    let snap = s.store.commerce_snapshot().unwrap();
    let deleted: Vec<&String> = snap.iter().filter(|l| l.starts_with("order|") && l.contains("|deleted|")).collect();
    assert_eq!(deleted.len(), 2, "{deleted:?}");
    assert!(deleted[0].starts_with("order|5007|") && deleted[1].starts_with("order|5100|"), "{deleted:?}");
    // Nothing more on the next full sync.
    let r = sync(&mut s, &mut w, true).unwrap();
    assert!(!r.warnings.iter().any(|w| w.contains("no longer in the shop")), "{:?}", r.warnings);
}

#[test]
fn a_record_missing_a_field_is_skipped_with_a_note_and_the_rest_arrive() {
    let f = FakeStore::start(&["--orders", "40", "--products", "3", "--customers", "5"]);
    f.control(&json!({"drop_field": "date_created_gmt"}));
    let mut s = shop();
    let (h, _) = http(Duration::from_secs(5));
    let mut w = woo(&f, h);
    let r = sync(&mut s, &mut w, true).unwrap();
    assert_eq!(count(&r, "orders").inserted, 39);
    assert!(r.warnings.iter().any(|w| w.contains("Order 5000 has no date_created_gmt")), "{:?}", r.warnings);
}
