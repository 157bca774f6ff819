//! Measurement against the truth: stores generated with a known effect of a flow (and with none),
//! written to SQLite, measured through `measure_flow` exactly as the app does. Over 200 seeds the
//! 95% interval must cover the true effect at least 90% of the time, and a flow with no effect
//! must be called significant about 5% of the time at most.

use std::sync::Arc;

use tempfile::TempDir;

use super::*;
use crate::clock::ManualClock;
use crate::demo::rng::Rng;
use crate::model::{Consent, Customer, LineItem, Order, Product, StoreSettings, StoreSource, Variant};
use crate::paths::{DataDir, DataDirSource};
use crate::store::{DecisionRow, TickWrite};

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
const START: i64 = 1_780_000_000;
/// Price 20.00, unit cost 8.00, shipping borne 3.00: every unit ordered is 9.00 of margin.
const PRICE: i64 = 2_000;
const COST: i64 = 800;
const SHIPPING_COST: i64 = 300;

/// One generated store: `n` customers enter the abandoned-cart flow, about half held out; each
/// orders on their own with chance 0.3 (1–3 units, some outside the 5-day window), and a
/// treatment customer places one more single-unit order with chance `effect`. The true margin
/// lift per recipient is `effect` × 9.00.
fn measured(seed: u64, n: i64, effect: f64) -> LiftReport {
    let tmp = TempDir::new().unwrap();
    let dir = DataDir { path: tmp.path().join("data"), source: DataDirSource::Flag };
    let now = jiff::Timestamp::from_second(START + 30 * DAY).unwrap();
    let mut app = Storeloop::open(&dir, Arc::new(ManualClock::new(now))).unwrap();
    let settings = StoreSettings {
        name: "Sim".into(),
        currency: "EUR".into(),
        timezone: "UTC".into(),
        source: StoreSource::Import,
        domain: Some("sim.example".into()),
        postal_address: Some("1 Street".into()),
        demo_seed: None,
        created_at: START,
    };
    let mut r = Rng::new(seed);
    let holdout: Vec<bool> = (0..n).map(|_| r.chance(0.5)).collect();
    let entered = |c: i64| START + c * 600;
    let mut orders = Vec::new();
    let mut order = |customer: i64, at: i64, units: i64| {
        let id = orders.len() as i64 + 1;
        orders.push(Order {
            id,
            customer_id: Some(customer),
            number: format!("#{id}"),
            created_at: at,
            currency: "EUR".into(),
            subtotal_minor: PRICE * units,
            discount_minor: 0,
            discount_code: None,
            shipping_minor: 0,
            shipping_cost_minor: Some(SHIPPING_COST),
            tax_minor: 0,
            total_minor: PRICE * units,
            financial_status: "paid".into(),
            fulfillment_status: None,
            source: None,
            cancelled_at: None,
            lines: vec![LineItem {
                id,
                variant_id: Some(1),
                sku: Some("SIM-1".into()),
                title: None,
                quantity: units,
                unit_price_minor: PRICE,
                discount_minor: 0,
                unit_cost_minor: Some(COST),
            }],
            refunds: Vec::new(),
        });
    };
    for c in 1..=n {
        let t = entered(c);
        if r.chance(0.3) {
            let units = 1 + r.below(3) as i64;
            // One order in ten comes after the window closes and must not count.
            let at = if r.chance(0.1) { t + r.between(6 * DAY, 9 * DAY) } else { t + r.between(HOUR, 5 * DAY - HOUR) };
            order(c, at, units);
        }
        if !holdout[(c - 1) as usize] && r.chance(effect) {
            order(c, t + r.between(HOUR, 4 * DAY), 1);
        }
    }
    app.store
        .bulk_load(&settings, |w| {
            w.product(&Product {
                id: 1,
                handle: "sim".into(),
                title: "Sim".into(),
                category: None,
                regulated: false,
                product_url: None,
                image_url: None,
                care_text: None,
                variants: vec![Variant {
                    id: 1,
                    sku: Some("SIM-1".into()),
                    title: "Default".into(),
                    price_minor: PRICE,
                    cost_minor: Some(COST),
                    inventory: None,
                    inventory_updated_at: None,
                }],
            })?;
            for c in 1..=n {
                w.customer(&Customer {
                    id: c,
                    email: format!("c{c}@sim.example"),
                    first_name: None,
                    last_name: None,
                    consent: Consent::Subscribed,
                    consent_source: None,
                    consent_at: None,
                    tags: String::new(),
                    timezone: None,
                    created_at: START - DAY,
                })?;
            }
            for o in &orders {
                w.order(o)?;
            }
            Ok(())
        })
        .unwrap();
    app.install_playbooks().unwrap();
    let flow = app.store.flow_id("abandoned-cart").unwrap().unwrap();
    let decisions = (1..=n)
        .map(|c| DecisionRow {
            at: entered(c),
            flow_id: Some(flow),
            enrolment_id: Some(c),
            customer_id: Some(c),
            node: Some("wait-1h".into()),
            decision: "entered",
            reason: "checkout left".into(),
            holdout: holdout[(c - 1) as usize],
            amount_minor: 0,
        })
        .collect();
    app.store.save_tick(&TickWrite { decisions, now: START, ..TickWrite::default() }).unwrap();
    let m = app.measure_flow("abandoned-cart", None).unwrap();
    assert_eq!(m.window_days, 5);
    assert_eq!(m.treatment.recipients + m.holdout.recipients, n as u64);
    m.margin
}

#[test]
fn the_interval_covers_a_known_effect_and_noise_is_rarely_called_a_result() {
    const SEEDS: u64 = 200;
    const N: i64 = 400;
    let effect = 0.35;
    let truth = effect * 9.0;
    let (mut covered, mut found, mut false_alarms) = (0u32, 0u32, 0u32);
    for seed in 0..SEEDS {
        let with = measured(seed, N, effect);
        let a = with.absolute.unwrap();
        if a.low <= truth && truth <= a.high {
            covered += 1;
        }
        if with.significant {
            found += 1;
        }
        let without = measured(10_000 + seed, N, 0.0);
        if without.significant {
            false_alarms += 1;
        }
    }
    let coverage = f64::from(covered) / SEEDS as f64;
    let alarm = f64::from(false_alarms) / SEEDS as f64;
    assert!(coverage >= 0.90, "the 95% interval covered the true effect in {covered} of {SEEDS} stores");
    assert!(alarm <= 0.08, "a flow with no effect was called significant in {false_alarms} of {SEEDS} stores");
    // Not blind either: an effect this size is found most of the time at this size.
    assert!(u64::from(found) >= SEEDS / 2, "found the effect in only {found} of {SEEDS} stores");
}

/// The demo store's flow history: the playbooks run through the real scheduler, and
/// measurement finds the effect the demo planted.
#[test]
fn the_demo_flow_history_is_measured_close_to_the_truth_it_planted() {
    let tmp = TempDir::new().unwrap();
    let dir = DataDir { path: tmp.path().join("data"), source: DataDirSource::Flag };
    let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let mut app = Storeloop::open(&dir, Arc::new(ManualClock::new(now))).unwrap();
    app.create_demo(2_000, 7, None, &mut |_| {}).unwrap();
    let mut reports = 0;
    let h = app.play_demo_flows(60, 7, &mut |_| reports += 1).unwrap();
    assert!(reports >= 60 * 4, "a progress report a tick");
    assert_eq!(h.flows.len(), 4);
    assert_eq!(app.clock.now(), now, "the real clock is back");
    let planted_orders: u64 = h.flows.iter().map(|f| f.persuaded_orders).sum();
    assert!(planted_orders > 0);
    assert!(h.last_click_orders > planted_orders, "orders that came anyway are tagged too");
    for f in &h.flows {
        assert!(f.emails_sent > 0, "{} sent nothing", f.slug);
        let m = app.measure_flow(&f.slug, None).unwrap();
        assert_eq!(m.treatment.recipients, f.treatment_recipients);
        assert!(m.holdout.recipients > 0, "{} has no holdout", f.slug);
        let a = m.margin.absolute.unwrap();
        assert!(
            a.low <= f.true_margin_per_recipient && f.true_margin_per_recipient <= a.high,
            "{}: planted {:.2} per recipient, measured {:.2} [{:.2}, {:.2}]",
            f.slug,
            f.true_margin_per_recipient,
            a.estimate,
            a.low,
            a.high
        );
        // Every planted order came through the flow's link, so last click sees at least those.
        assert!(m.last_click.orders >= f.persuaded_orders, "{}", f.slug);
        assert!(!m.weeks.is_empty());
        assert_eq!(
            m.weeks.iter().map(|w| w.treatment_recipients).sum::<u64>(),
            m.treatment.recipients,
            "weeks add up to the whole"
        );
        assert_eq!(m.weeks.iter().map(|w| w.emails_sent).sum::<u64>(), m.emails_sent);
    }
    // The queued demo emails were recorded, not left to go out later.
    let state = app.kill_state().unwrap();
    assert_eq!(state.held_messages, 0);

    // Failure metrics: a limit the flow is past raises an alert and pauses it when asked to,
    // once a week, not at every check; the digest carries the alert.
    let watch = FlowWatch {
        success_metric: "margin_per_recipient".into(),
        failure_metric: "discount_rate".into(),
        failure_threshold: 0.01,
        pause_on_failure: true,
    };
    app.save_flow_watch("abandoned-cart", &watch).unwrap();
    let bad = FlowWatch { failure_threshold: 1.5, ..watch.clone() };
    assert!(app.save_flow_watch("abandoned-cart", &bad).unwrap_err().message.contains("between 0 and 1"));
    let alerts = app.watch_flows().unwrap();
    let cart: Vec<_> = alerts.iter().filter(|a| a.slug == "abandoned-cart").collect();
    assert_eq!(cart.len(), 1, "{alerts:?}");
    assert!(cart[0].paused && cart[0].value > 0.01, "{:?}", cart[0]);
    assert!(cart[0].message.contains("past its limit of 1.00%"), "{}", cart[0].message);
    assert_eq!(app.flow_detail("abandoned-cart").unwrap().summary.status, "paused");
    assert!(app.watch_flows().unwrap().iter().all(|a| a.slug != "abandoned-cart"), "no second alert");
    assert!(app.watch_flows_if_due().unwrap().is_none(), "checked today already");
    let digest = app.weekly_digest().unwrap();
    assert!(digest.alerts.iter().any(|a| a.slug == "abandoned-cart"));
    assert!(digest.headline.contains("need"), "{}", digest.headline);
    assert_eq!(digest.flows.len(), 4);

    // Once is enough; and a real store never gets invented history.
    let err = app.play_demo_flows(60, 7, &mut |_| {}).unwrap_err();
    assert!(err.message.contains("already run"), "{}", err.message);
}

#[test]
fn flow_history_is_refused_on_a_store_that_is_not_the_demo() {
    let tmp = TempDir::new().unwrap();
    let dir = DataDir { path: tmp.path().join("data"), source: DataDirSource::Flag };
    let now = jiff::Timestamp::from_second(START + 30 * DAY).unwrap();
    let mut app = Storeloop::open(&dir, Arc::new(ManualClock::new(now))).unwrap();
    let err = app.play_demo_flows(90, 1, &mut |_| {}).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    let settings = StoreSettings {
        name: "Mine".into(),
        currency: "EUR".into(),
        timezone: "UTC".into(),
        source: StoreSource::Import,
        domain: None,
        postal_address: None,
        demo_seed: None,
        created_at: START,
    };
    app.store.bulk_load(&settings, |_| Ok(())).unwrap();
    let err = app.play_demo_flows(90, 1, &mut |_| {}).unwrap_err();
    assert!(err.message.contains("only be played on the demo store"), "{}", err.message);
}
