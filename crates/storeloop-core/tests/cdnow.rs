//! The models against published results: the CDNOW sample of Fader, Hardie & Lee (2005), the
//! values printed in the paper, and an independent implementation (Python `lifetimes`, values in
//! `data/cdnow/lifetimes_reference.json`; see `data/cdnow/SOURCES.md`).

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::PathBuf;

use jiff::civil::Date;
use serde_json::Value;
use storeloop_core::intel::bgnbd::{BgNbd, Rfm};
use storeloop_core::intel::gamma_gamma::{GammaGamma, Spend};
use storeloop_core::intel::{discounted_value, fit_log, transactions};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow").join(name)
}

fn reference() -> Value {
    serde_json::from_str(&std::fs::read_to_string(data("lifetimes_reference.json")).unwrap()).unwrap()
}

fn log() -> transactions::Log {
    let d = |s: &str| s.parse::<Date>().unwrap();
    transactions::read(&data("transactions.csv"), d("1997-09-30"), Some(d("1998-06-30")), d("2026-11-25")).unwrap()
}

/// `value` rounds to `shown` at the number of decimals `shown` is printed with.
fn rounds_to(value: f64, shown: &str) {
    let decimals = shown.split_once('.').map_or(0, |(_, f)| f.len());
    assert_eq!(format!("{value:.decimals$}"), shown, "{value} should round to {shown}");
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn summary_matches_the_paper_sample() {
    let log = log();
    assert_eq!(log.customers.len(), 2357);
    assert_eq!(log.customers.iter().filter(|c| c.x > 0).count(), 946);
    assert_eq!(log.customers.iter().map(|c| u64::from(c.x)).sum::<u64>(), 2457);
    assert_eq!(log.customers.iter().map(|c| u64::from(c.holdout)).sum::<u64>(), 1882);
    assert!((log.holdout_weeks - 39.0).abs() < 1e-12);
}

#[test]
fn fit_matches_the_published_parameters() {
    let m = fit_log(&log()).unwrap();
    let p = m.bgnbd.params;
    rounds_to(p.r, "0.243");
    rounds_to(p.alpha, "4.414");
    rounds_to(p.a, "0.793");
    rounds_to(p.b, "2.426");
    rounds_to(m.bgnbd.log_likelihood, "-9582.4");
    let gg = m.spend.unwrap();
    assert_eq!(gg.customers, 946);
    rounds_to(gg.params.p, "6.25");
    rounds_to(gg.params.q, "3.74");
    rounds_to(gg.params.gamma, "15.44");

    // And the same maximum as lifetimes, to its optimiser's precision.
    let r = reference();
    let close = |ours: f64, theirs: &Value| {
        let t = f(theirs);
        assert!((ours - t).abs() <= 2e-4 * t.abs(), "{ours} vs lifetimes {t}");
    };
    close(p.r, &r["bg_nbd"]["r"]);
    close(p.alpha, &r["bg_nbd"]["alpha"]);
    close(p.a, &r["bg_nbd"]["a"]);
    close(p.b, &r["bg_nbd"]["b"]);
    close(gg.params.p, &r["gamma_gamma"]["p"]);
    close(gg.params.q, &r["gamma_gamma"]["q"]);
    close(gg.params.gamma, &r["gamma_gamma"]["v"]);
    assert!((m.bgnbd.log_likelihood - f(&r["bg_nbd"]["log_likelihood"])).abs() < 1e-3);
}

#[test]
fn holdout_table_matches_the_reference() {
    let m = fit_log(&log()).unwrap();
    let r = reference();
    let rows = r["holdout_by_calibration_x"].as_array().unwrap();
    assert_eq!(m.holdout.len(), rows.len());
    for (ours, theirs) in m.holdout.iter().zip(rows) {
        assert_eq!(ours.label, theirs["x"].as_str().unwrap());
        assert_eq!(ours.customers, theirs["customers"].as_u64().unwrap());
        assert!((ours.actual_mean - f(&theirs["mean_actual_holdout"])).abs() < 1e-12, "{ours:?}");
        // Predictions at our own fitted maximum: equal to the fourth decimal shown in reports.
        let diff = (ours.predicted_mean - f(&theirs["mean_expected_holdout"])).abs();
        assert!(diff < 5e-4, "{ours:?} vs {theirs}");
    }
}

#[test]
fn per_customer_predictions_match_lifetimes_at_its_parameters() {
    let r = reference();
    let b = &r["bg_nbd"];
    let model = BgNbd { r: f(&b["r"]), alpha: f(&b["alpha"]), a: f(&b["a"]), b: f(&b["b"]) };
    let g = &r["gamma_gamma"];
    let spend = GammaGamma { p: f(&g["p"]), q: f(&g["q"]), gamma: f(&g["v"]) };
    for c in r["customers"].as_array().unwrap() {
        let rfm = Rfm { x: c["x"].as_u64().unwrap() as u32, t_x: f(&c["t_x"]), t: f(&c["T"]) };
        let same = |ours: f64, key: &str| {
            let theirs = f(&c[key]);
            assert!(
                (ours - theirs).abs() <= 1e-9 * theirs.abs().max(1.0),
                "customer {}: {key} {ours} vs {theirs}",
                c["id"]
            );
        };
        same(model.expected_purchases(&rfm, 39.0).unwrap(), "expected_purchases_39w");
        same(model.expected_purchases(&rfm, 52.0).unwrap(), "expected_purchases_52w");
        same(model.p_alive(&rfm), "p_alive");
        let s = Spend { x: rfm.x, mean: f(&c["m_x"]) };
        if rfm.x > 0 {
            same(spend.expected_spend(&s), "expected_average_profit");
        }
        let per_order = if rfm.x > 0 { spend.expected_spend(&s) } else { spend.population_mean().unwrap() };
        same(discounted_value(&model, &rfm, per_order, 12, 0.01, 4.345).unwrap(), "clv_12_months");
    }
}
