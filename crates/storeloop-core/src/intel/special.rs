//! Special functions the models need: log-gamma, digamma, log-beta and the Gauss
//! hypergeometric series. Written for positive real arguments, which is all the models use.

use std::f64::consts::PI;

/// Lanczos approximation (g = 7, nine terms): relative error about 1e-15 for x ≥ 0.5.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        return (PI / (PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ψ(x), the derivative of ln Γ, for x > 0: the recurrence up to x ≥ 10, then the asymptotic
/// series (error below 1e-13 there).
pub fn digamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series =
        inv2 * (1.0 / 12.0 - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 * (1.0 / 132.0)))));
    shift + x.ln() - 0.5 * inv - series
}

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, summed
/// until a term no longer changes the sum. Returns `None` when the series has not settled
/// after `max_terms` (z very close to 1), so callers can say so rather than return noise.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    const MAX_TERMS: u32 = 20_000;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 0..MAX_TERMS {
        let n = f64::from(n);
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        let next = sum + term;
        if !next.is_finite() {
            return None;
        }
        if (next - sum).abs() <= f64::EPSILON * next.abs() {
            return Some(next);
        }
        sum = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(n) = (n − 1)!
        let mut fact = 1.0_f64;
        for n in 1..30 {
            assert!(close(ln_gamma(f64::from(n)), fact.ln(), 1e-13), "n = {n}");
            fact *= f64::from(n);
        }
        // Γ(1/2) = √π; Γ(0.1) = 9.513507698668731836…
        assert!(close(ln_gamma(0.5), PI.sqrt().ln(), 1e-14));
        assert!(close(ln_gamma(0.1), 9.513_507_698_668_732_f64.ln(), 1e-13));
        assert!(close(ln_gamma(1e-3), 999.423_772_484_595_5_f64.ln(), 1e-12));
    }

    #[test]
    fn digamma_matches_known_values_and_ln_gamma_slope() {
        // ψ(1) = −γ (Euler–Mascheroni), ψ(1/2) = −γ − 2 ln 2.
        let euler = 0.577_215_664_901_532_9;
        assert!(close(digamma(1.0), -euler, 1e-13));
        assert!(close(digamma(0.5), -euler - 2.0 * 2f64.ln(), 1e-13));
        for &x in &[0.05, 0.3, 1.7, 4.2, 9.0, 31.5, 400.0] {
            let h = 1e-5 * x;
            let slope = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(close(digamma(x), slope, 1e-7), "x = {x}: {} vs {slope}", digamma(x));
        }
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z.
        for &z in &[0.01, 0.3, 0.7, 0.95] {
            let f = hyp2f1(1.0, 1.0, 2.0, z).unwrap();
            assert!(close(f, -(1.0 - z).ln() / z, 1e-13), "z = {z}");
        }
        // ₂F₁(a, b; b; z) = (1 − z)^−a.
        assert!(close(hyp2f1(2.5, 3.0, 3.0, 0.4).unwrap(), 0.6f64.powf(-2.5), 1e-13));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), Some(1.0));
    }
}
