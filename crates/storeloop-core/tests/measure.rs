//! Measurement against reference vectors: the 20,000-customer holdout file reproduces
//! GrowthBook's (gbstats 0.8.0) lifts, intervals and p-value to 1e-6; and over many simulated
//! stores the 95% interval covers a known true effect, and a null effect is rarely called
//! significant.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use storeloop_core::api::measure_lift_file;
use storeloop_core::measure::lift::{ttest, Sample};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn the_holdout_file_matches_gbstats() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/measure/holdout_rpu_20k.csv");
    let r = measure_lift_file(&file, "revenue", false).unwrap();
    let rel = r.relative.unwrap();
    assert!(close(rel.estimate, 0.135356), "{rel:?}");
    assert!(close(rel.low, -0.002234), "{rel:?}");
    assert!(close(rel.high, 0.272947), "{rel:?}");
    assert!(close(rel.p_value, 0.053834), "{rel:?}");
    let abs = r.absolute.unwrap();
    assert!(close(abs.estimate, 1.430885), "{abs:?}");
    assert!(close(abs.low, 0.135553), "{abs:?}");
    assert!(close(abs.high, 2.726217), "{abs:?}");
    assert_eq!(r.holdout.recipients + r.treatment.recipients, 20_000);

    // CUPED with the pre-period revenue narrows the interval around a similar estimate.
    let c = measure_lift_file(&file, "revenue", true).unwrap().cuped.unwrap();
    assert!(c.absolute.high - c.absolute.low < abs.high - abs.low, "{c:?}");
    assert!((c.absolute.estimate - abs.estimate).abs() < 0.5, "{c:?}");
}

/// A small, fast generator (SplitMix64) so the simulation is the same on every machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Revenue of one recipient: buys with probability `p`, then a log-normal basket.
    fn revenue(&mut self, p: f64, scale: f64) -> f64 {
        if self.next() >= p {
            return 0.0;
        }
        let (u1, u2) = (self.next().max(1e-12), self.next());
        let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        scale * (3.5 + 0.6 * z).exp()
    }
}

#[test]
fn intervals_cover_the_truth_and_noise_is_not_called_a_result() {
    // Treatment buys with probability 0.12 against 0.10 (true lift: 0.02 × E[basket]).
    let basket = (3.5f64 + 0.18).exp(); // E[exp(3.5 + 0.6 Z)]
    let truth = (0.12 - 0.10) * basket;
    let (mut covered, mut false_alarms) = (0, 0);
    let seeds = 200;
    for seed in 0..seeds {
        let mut rng = Rng(seed);
        let (mut c, mut t, mut c0, mut t0) =
            (Sample::default(), Sample::default(), Sample::default(), Sample::default());
        for _ in 0..2_000 {
            c.push(rng.revenue(0.10, 1.0));
            t.push(rng.revenue(0.12, 1.0));
            c0.push(rng.revenue(0.10, 1.0));
            t0.push(rng.revenue(0.10, 1.0));
        }
        let l = ttest(&c, &t, false, 0.05).unwrap();
        if l.low <= truth && truth <= l.high {
            covered += 1;
        }
        if ttest(&c0, &t0, false, 0.05).unwrap().p_value < 0.05 {
            false_alarms += 1;
        }
    }
    assert!(covered >= 180, "the 95% interval covered the true effect in {covered} of {seeds} stores");
    assert!(false_alarms <= 18, "a null effect was called significant in {false_alarms} of {seeds} stores");
}

#[test]
fn small_or_noisy_samples_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, rows: &[(&str, f64)]| {
        let mut text = String::from("group,revenue\n");
        for (g, v) in rows {
            text.push_str(&format!("{g},{v}\n"));
        }
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let few: Vec<(&str, f64)> =
        (0..10).map(|i| (if i % 2 == 0 { "holdout" } else { "treatment" }, f64::from(i))).collect();
    let r = measure_lift_file(&write("few.csv", &few), "revenue", false).unwrap();
    assert!(!r.significant && !r.enough_data);
    assert!(r.verdict.starts_with("Not enough data yet: about"), "{}", r.verdict);
    assert!(r.more_recipients_needed.unwrap() > 0);

    // The same distribution in both groups, many recipients: no clear difference.
    let mut rng = Rng(7);
    let same: Vec<(&str, f64)> =
        (0..40_000).map(|i| (if i % 2 == 0 { "holdout" } else { "treatment" }, rng.revenue(0.3, 1.0))).collect();
    let r = measure_lift_file(&write("same.csv", &same), "revenue", false).unwrap();
    assert!(r.enough_data, "{r:?}");
    if !r.significant {
        assert!(r.verdict.starts_with("No clear difference"), "{}", r.verdict);
    }
    let e = measure_lift_file(&write("x.csv", &few), "revenue", true).unwrap_err();
    assert!(e.message.contains("CUPED needs a `pre_revenue` column"), "{}", e.message);
}
