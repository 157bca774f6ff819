//! The models on the demo store recover the customer kinds the generator planted: loyalists,
//! discount seekers, seasonal buyers, one-and-done buyers and new visitors. The figures this
//! prints are the ones docs/MODELS.md records (`cargo test -p storeloop-core --test demo_models
//! -- --nocapture`).

#![allow(clippy::unwrap_used, clippy::print_stderr)] // test code: a panic is the failure report

use std::collections::HashMap;
use std::sync::Arc;

use storeloop_core::api::{CustomerQuery, CustomerStatus, ScoreMode, Storeloop};
use storeloop_core::clock::ManualClock;
use storeloop_core::demo::{self, DemoOptions};
use storeloop_core::paths::{DataDir, DataDirSource};

#[derive(Default, Debug)]
struct Tally {
    n: f64,
    with_orders: f64,
    churn: f64,
    churn_n: f64,
    e365: f64,
    full_price: f64,
    full_n: f64,
    seasonal: f64,
    lapsed: f64,
    seg: HashMap<String, f64>,
}

#[test]
fn models_recover_the_planted_customer_kinds() {
    let tmp = tempfile::tempdir().unwrap();
    let as_of: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let dir = DataDir { path: tmp.path().to_path_buf(), source: DataDirSource::Flag };
    let mut app = Storeloop::open(&dir, Arc::new(ManualClock::new(as_of))).unwrap();
    let opts = DemoOptions { customers: 5_000, seed: demo::DEFAULT_SEED, as_of };
    app.create_demo(opts.customers, opts.seed, Some(as_of), &mut |_| {}).unwrap();
    let summary = app.score_customers(&mut |_| {}).unwrap();
    assert_eq!(summary.mode, ScoreMode::Models, "{:?}", summary.caution);
    let kinds = demo::planted_kinds(&opts).unwrap();

    let mut by_kind: HashMap<&str, Tally> = HashMap::new();
    let mut offset = 0;
    loop {
        let q = CustomerQuery {
            search: String::new(),
            segment: None,
            sort: "name".into(),
            descending: false,
            offset,
            limit: 500,
        };
        let page = app.list_customers(&q).unwrap();
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len() as u64;
        for row in page.rows {
            let kind = kinds[(row.id - 1) as usize].name();
            let t = by_kind.entry(kind).or_default();
            t.n += 1.0;
            *t.seg.entry(row.segment.clone()).or_default() += 1.0;
            t.seasonal += f64::from(u8::from(row.status == CustomerStatus::Seasonal));
            t.lapsed += f64::from(u8::from(row.status == CustomerStatus::Lapsed));
            if row.orders > 0 {
                t.with_orders += 1.0;
                if let Some(c) = row.churn_risk {
                    t.churn += c;
                    t.churn_n += 1.0;
                }
                if let Some(p) = row.full_price_probability {
                    t.full_price += p;
                    t.full_n += 1.0;
                }
                let d = app.customer_detail(row.id).unwrap();
                t.e365 += d.expected_orders_365d.unwrap_or(0.0);
                // Every customer with orders has reasons in words, and a predicted next order.
                assert!(
                    d.reasons.iter().any(|r| r.score == "churn_risk" && r.text.contains("days ago")),
                    "{:?}",
                    d.reasons
                );
                assert!(d.reasons.iter().any(|r| r.score == "segment"), "{:?}", d.reasons);
                assert!(d.next_order_date.is_some() && d.reorder_days.is_some());
            }
        }
    }
    assert_eq!(offset, 5_000);

    let share = |k: &str, seg: &str| by_kind[k].seg.get(seg).copied().unwrap_or(0.0) / by_kind[k].n;
    let mean = |k: &str, f: fn(&Tally) -> f64| f(&by_kind[k]);
    eprintln!("kind             customers  segA  segB  segC  seasonal  lapsed  churn  E[orders 365d]  P(full price)");
    for k in ["loyalist", "discount_seeker", "seasonal", "one_and_done", "new_visitor"] {
        let t = &by_kind[k];
        eprintln!(
            "{k:<16} {:>9} {:>5.0}% {:>4.0}% {:>4.0}% {:>8.0}% {:>6.0}% {:>5.2} {:>15.2} {:>13.2}",
            t.n,
            share(k, "a") * 100.0,
            share(k, "b") * 100.0,
            share(k, "c") * 100.0,
            t.seasonal / t.n * 100.0,
            t.lapsed / t.n * 100.0,
            t.churn / t.churn_n.max(1.0),
            t.e365 / t.with_orders.max(1.0),
            t.full_price / t.full_n.max(1.0),
        );
    }
    let e365 = |t: &Tally| t.e365 / t.with_orders;
    let full = |t: &Tally| t.full_price / t.full_n;
    // Loyalists: the most expected orders, mostly full price.
    for other in ["discount_seeker", "seasonal", "one_and_done", "new_visitor"] {
        assert!(mean("loyalist", e365) > mean(other, e365), "loyalists should expect the most orders");
    }
    assert!(share("loyalist", "a") > 0.6, "most loyalists usually pay full price");
    // Discount seekers: price-sensitive group, lowest chance of paying full price among repeaters.
    assert!(share("discount_seeker", "b") > 0.7, "most discount seekers wait for a discount");
    assert!(mean("discount_seeker", full) < mean("loyalist", full));
    // New visitors: the "new here" group.
    assert!(share("new_visitor", "c") > 0.9, "new visitors are new here");
    // Seasonal buyers: found as seasonal, and nobody else much.
    let seasonal_found: f64 = by_kind.values().map(|t| t.seasonal).sum();
    assert!(by_kind["seasonal"].seasonal / seasonal_found > 0.8, "seasonal labels go to seasonal buyers");
    // One-and-done: mostly lapsed.
    assert!(by_kind["one_and_done"].lapsed / by_kind["one_and_done"].n > 0.5);
    // The full-price model separates on held-out data.
    assert!(summary.propensity.as_ref().unwrap().auc > 0.75);
    // Recommendations beat best sellers on held-out last orders.
    let r = summary.recommendations.as_ref().unwrap();
    assert!(r.hit_rate > r.popular_hit_rate, "{r:?}");
}
