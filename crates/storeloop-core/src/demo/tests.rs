//! The demo store is deterministic, believable, and refuses to overwrite a store.

use jiff::Timestamp;
use tempfile::TempDir;

use super::*;
use crate::clock::ManualClock;
use crate::store::Mode;

fn as_of() -> Timestamp {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

fn generate_into(dir: &std::path::Path, customers: u32, seed: u64) -> (DemoSummary, crate::stats::StoreStats) {
    let clock = ManualClock::new(as_of());
    let mut store = Store::open(dir, Mode::ReadWrite, &clock).unwrap();
    let summary = generate(&mut store, &DemoOptions { customers, seed, as_of: as_of() }, &mut |_| {}).unwrap();
    (summary, crate::stats::compute(&store).unwrap())
}

#[test]
fn the_same_seed_gives_the_same_store_and_another_seed_another() {
    let (a, b, c) = (TempDir::new().unwrap(), TempDir::new().unwrap(), TempDir::new().unwrap());
    let first = generate_into(a.path(), 400, 11);
    let again = generate_into(b.path(), 400, 11);
    let other = generate_into(c.path(), 400, 12);
    assert_eq!(first, again);
    assert_ne!(first.0, other.0);
    // The database files themselves are identical, byte for byte.
    let read = |d: &TempDir| std::fs::read(d.path().join(crate::paths::DATABASE_FILE)).unwrap();
    assert!(read(&a) == read(&b), "same seed, different bytes");
}

#[test]
fn a_small_store_looks_like_a_small_shop() {
    let tmp = TempDir::new().unwrap();
    let (summary, stats) = generate_into(tmp.path(), 2_000, DEFAULT_SEED);
    assert_eq!(summary.customers, 2_000);
    assert_eq!(summary.products, 60);
    let per_customer = summary.orders as f64 / summary.customers as f64;
    assert!((2.5..=3.6).contains(&per_customer), "orders per customer {per_customer}");
    let repeat = stats.repeat_customers as f64 / stats.customers_with_orders as f64;
    assert!((0.3..=0.6).contains(&repeat), "repeat rate {repeat}");
    let discount = stats.discounted_orders as f64 / stats.orders as f64;
    assert!((0.15..=0.45).contains(&discount), "discount rate {discount}");
    let returns = stats.units_refunded as f64 / stats.units_sold as f64;
    assert!((0.02..=0.08).contains(&returns), "return rate {returns}");
    assert!(summary.checkouts > 0 && summary.events > 0 && summary.tickets > 0 && summary.refunds > 0);
    let aov = stats.revenue_minor() / stats.orders;
    assert!((2_500..=6_000).contains(&aov), "average order value {aov} cents");
    assert_eq!(stats.by_month.len(), 25, "two years of months, both ends partial");
}

#[test]
fn a_store_is_never_generated_over_another() {
    let tmp = TempDir::new().unwrap();
    generate_into(tmp.path(), 50, 1);
    let clock = ManualClock::new(as_of());
    let mut store = Store::open(tmp.path(), Mode::ReadWrite, &clock).unwrap();
    let before = crate::stats::compute(&store).unwrap();
    let err = generate(&mut store, &DemoOptions { customers: 50, seed: 2, as_of: as_of() }, &mut |_| {}).unwrap_err();
    assert!(matches!(err, Error::NotEmpty { .. }), "{err:?}");
    assert_eq!(crate::stats::compute(&store).unwrap(), before);
}

#[test]
fn progress_is_reported_and_reaches_the_end() {
    let tmp = TempDir::new().unwrap();
    let clock = ManualClock::new(as_of());
    let mut store = Store::open(tmp.path(), Mode::ReadWrite, &clock).unwrap();
    let mut seen = Vec::new();
    generate(&mut store, &DemoOptions { customers: 300, seed: 3, as_of: as_of() }, &mut |p| seen.push(p)).unwrap();
    assert!(seen.len() > 10 && seen.len() < 400, "{} reports", seen.len());
    for stage in ["Creating customers", "Writing orders", "Adding browsing and abandoned checkouts"] {
        let last = seen.iter().rfind(|p| p.stage == stage).unwrap();
        assert_eq!(last.done, last.total, "{stage} did not finish");
    }
}

#[test]
fn discounts_are_spread_over_lines_exactly() {
    let line = |price, quantity| LineItem {
        id: 0,
        variant_id: None,
        sku: None,
        title: None,
        quantity,
        unit_price_minor: price,
        discount_minor: 0,
        unit_cost_minor: None,
    };
    let mut lines = vec![line(999, 1), line(1_290, 2), line(333, 3)];
    crate::model::allocate_discount(&mut lines, 577);
    assert_eq!(lines.iter().map(|l| l.discount_minor).sum::<i64>(), 577);
    assert!(lines.iter().all(|l| l.discount_minor >= 0));
}
