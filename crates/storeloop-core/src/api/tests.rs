//! Behaviour through the façade, as the shell and the CLI see it.

use std::sync::Arc;

use tempfile::TempDir;

use super::*;
use crate::clock::ManualClock;
use crate::paths::{DataDir, DataDirSource};

fn data_dir(tmp: &TempDir) -> DataDir {
    DataDir { path: tmp.path().join("data"), source: DataDirSource::Flag }
}

fn clock() -> Arc<dyn Clock> {
    Arc::new(ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap()))
}

#[test]
fn a_first_launch_opens_the_demo_store_and_its_numbers_add_up() {
    let tmp = TempDir::new().unwrap();
    let mut app = Storeloop::open(&data_dir(&tmp), clock()).unwrap();
    assert_eq!(app.status().unwrap().store, None);
    let mut reports = 0;
    let info = app.open_demo_store(&mut |_| reports += 1).unwrap();
    assert!(reports > 0);
    assert_eq!(info.source, StoreSource::Demo);
    assert_eq!(app.status().unwrap().store, Some(info.clone()));

    let s = app.home_stats().unwrap();
    assert_eq!(s.customers, i64::from(demo::DEFAULT_CUSTOMERS));
    assert_eq!(s.revenue.minor, s.gross_item_revenue.minor - s.discounts.minor);
    assert_eq!(s.revenue_by_month.iter().map(|m| m.revenue.minor).sum::<i64>(), s.revenue.minor);
    assert_eq!(s.revenue_by_month.iter().map(|m| m.orders).sum::<i64>(), s.orders);
    let aov = s.average_order_value.clone().unwrap().minor;
    assert!((aov - s.revenue.minor / s.orders).abs() <= 1);
    assert!(s.first_order_at.as_deref().unwrap() < s.last_order_at.as_deref().unwrap());
    assert_eq!(s.revenue.currency, "EUR");

    // Opening the demo store again changes nothing.
    let again = app.open_demo_store(&mut |_| panic!("no generation the second time")).unwrap();
    assert_eq!(again, info);
    assert_eq!(app.home_stats().unwrap(), s);
}

#[test]
fn errors_cross_as_a_kind_and_a_message_that_says_what_to_do() {
    let tmp = TempDir::new().unwrap();
    let _app = Storeloop::open(&data_dir(&tmp), clock()).unwrap();
    let err = Storeloop::open(&data_dir(&tmp), clock()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Locked);
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "locked");
    assert!(json["message"].as_str().unwrap().contains("storeloop.lock"));

    let empty = TempDir::new().unwrap();
    let err = Storeloop::open_read_only(&data_dir(&empty), clock()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(err.message.contains("storeloop demo"), "{}", err.message);
}

#[test]
fn stats_of_an_empty_database_say_there_is_no_store() {
    let tmp = TempDir::new().unwrap();
    let app = Storeloop::open(&data_dir(&tmp), clock()).unwrap();
    let err = app.home_stats().unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[test]
fn progress_messages_are_plain_words_with_counts() {
    let p = progress_dto(&progress::Progress {
        stage: "Writing orders",
        done: 1_200,
        total: 15_000,
        unit: progress::Unit::Items,
    });
    assert_eq!(p.message, "Writing orders: 1,200 of 15,000");
    let p = progress_dto(&progress::Progress::bytes("Importing orders", 18_500_000, 37_000_000));
    assert_eq!(p.message, "Importing orders: 50% of the file (18.5 of 37.0 MB)");
    assert_eq!(group(0), "0");
    assert_eq!(group(999), "999");
    assert_eq!(group(1_000_000), "1,000,000");
}

#[test]
fn the_audit_runs_on_the_demo_store_is_saved_and_can_be_read_back() {
    let tmp = TempDir::new().unwrap();
    let mut app = Storeloop::open(&data_dir(&tmp), clock()).unwrap();
    assert_eq!(app.latest_audit().unwrap(), None);
    app.open_demo_store(&mut |_| {}).unwrap();
    let report = app.run_audit().unwrap();
    assert_eq!(report.ran_at, "2026-11-25T12:00:00Z");
    assert_eq!(report.findings.len(), crate::store::Check::ALL.len());
    // The demo store has its planted rough edges: unknown consent and a stale tenth of stock.
    let found = |code: &str| report.findings.iter().find(|f| f.code == code).unwrap().clone();
    assert!(found("unknown_consent").count > 0);
    assert!(found("stale_inventory").count > 0 && found("stale_inventory").count < 40);
    assert_eq!(found("unknown_skus").count, 0);
    assert!(found("unknown_consent").examples.len() <= 10);
    assert_eq!(report.problems, report.findings.iter().filter(|f| f.count > 0).count() as i64);
    assert_eq!(app.latest_audit().unwrap(), Some(report));
}

#[test]
fn the_demo_store_can_make_way_for_an_import_but_a_real_store_is_never_removed() {
    let tmp = TempDir::new().unwrap();
    let mut app = Storeloop::open(&data_dir(&tmp), clock()).unwrap();
    app.open_demo_store(&mut |_| {}).unwrap();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/shopify_orders_export.devstore-2025-12.redacted.csv");
    let err = app.import("shopify-orders", &file, &mut |_| {}).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert!(err.message.contains("demo store"), "{}", err.message);

    let status = app.remove_demo_store().unwrap();
    assert_eq!(status.store, None);
    let report = app.import("shopify-orders", &file, &mut |_| {}).unwrap();
    assert_eq!((report.inserted, report.rejected), (4, 0));
    let stats = app.home_stats().unwrap();
    assert_eq!((stats.customers, stats.orders), (2, 4));
    assert_eq!(stats.store.source, StoreSource::Import);

    let err = app.remove_demo_store().unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidInput);
    assert_eq!(app.home_stats().unwrap(), stats, "nothing was removed");
}
