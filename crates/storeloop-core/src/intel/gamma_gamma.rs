//! The Gamma-Gamma model of spend per order (Fader, Hardie & Lee 2005, "RFM and CLV"): each
//! order's value is Gamma(p, ν) around a customer's own mean, and ν ~ Gamma(q, γ) across
//! customers. Fitted on customers with repeat purchases, from the number of repeat orders x and
//! their mean value mₓ. A customer's expected spend per order shrinks their own mean towards the
//! population's, more so the fewer orders they have.

use super::optimize::minimize;
use super::parallel::sum_chunks;
use super::special::{digamma, ln_gamma};

/// One repeat buyer: repeat orders and their mean value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spend {
    pub x: u32,
    pub mean: f64,
}

/// Fitted Gamma-Gamma parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// A fit and its log-likelihood.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GgFit {
    pub params: GammaGamma,
    pub log_likelihood: f64,
    pub customers: usize,
}

/// Why the spend model could not be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GgError {
    #[error("Only {0} customers bought more than once; the spend model needs at least {MIN_REPEAT_BUYERS}.")]
    TooFew(usize),
    #[error("Every repeat buyer spent the same amount, so there is no spread to learn from.")]
    NoSpread,
    #[error("The spend model did not settle; its parameters would not be trustworthy.")]
    NotConverged,
}

/// Fewest repeat buyers the spend model is fitted on.
pub const MIN_REPEAT_BUYERS: usize = 10;

impl GammaGamma {
    /// Fits on repeat buyers with a positive mean spend; others are ignored.
    pub fn fit(spends: &[Spend]) -> Result<GgFit, GgError> {
        let data: Vec<Spend> =
            spends.iter().filter(|s| s.x > 0 && s.mean.is_finite() && s.mean > 0.0).copied().collect();
        if data.len() < MIN_REPEAT_BUYERS {
            return Err(GgError::TooFew(data.len()));
        }
        if data.iter().all(|s| (s.mean - data[0].mean).abs() <= 1e-12 * s.mean) {
            return Err(GgError::NoSpread);
        }
        let top = data.iter().map(|s| s.x).max().unwrap_or(1) as usize;
        let n = data.len() as f64;
        let xs_ln: Vec<f64> = (0..=top).map(|x| (x.max(1) as f64).ln()).collect();
        let logs_m: Vec<(Spend, f64)> = data.iter().map(|s| (*s, s.mean.ln())).collect();
        let mean_spend = data.iter().map(|s| s.mean).sum::<f64>() / n;
        let objective = |logs: &[f64; 3]| {
            if logs.iter().any(|v| !v.is_finite() || v.abs() > 30.0) {
                return (f64::NAN, [f64::NAN; 3]);
            }
            let (p, q, g) = (logs[0].exp(), logs[1].exp(), logs[2].exp());
            // Per x: ln Γ(px+q) − ln Γ(px), and digammas for the gradient.
            let per_x: Vec<(f64, f64, f64)> = (0..=top)
                .map(|x| {
                    let px = p * x as f64;
                    if x == 0 {
                        (0.0, 0.0, 0.0)
                    } else {
                        (ln_gamma(px + q) - ln_gamma(px), digamma(px + q), digamma(px))
                    }
                })
                .collect();
            let (lg_q, dg_q, ln_g) = (ln_gamma(q), digamma(q), g.ln());
            let (ll, grad) = sum_chunks(&logs_m, |chunk| {
                let mut ll = 0.0;
                let mut gr = [0.0; 3];
                for &(s, ln_m) in chunk {
                    let x = s.x as usize;
                    let xf = f64::from(s.x);
                    let px = p * xf;
                    let (lg, dg_pxq, dg_px) = per_x[x];
                    let span = g + s.mean * xf;
                    let ln_span = span.ln();
                    ll += lg - lg_q + q * ln_g + (px - 1.0) * ln_m + px * xs_ln[x] - (px + q) * ln_span;
                    gr[0] += xf * (dg_pxq - dg_px + ln_m + xs_ln[x] - ln_span);
                    gr[1] += dg_pxq - dg_q + ln_g - ln_span;
                    gr[2] += q / g - (px + q) / span;
                }
                (ll, gr)
            });
            (-ll / n, [-grad[0] * p / n, -grad[1] * q / n, -grad[2] * g / n])
        };
        let m = minimize(objective, [0.0, 0.0, mean_spend.ln()], 400);
        if !m.converged || m.x.iter().any(|v| v.abs() > 25.0) {
            return Err(GgError::NotConverged);
        }
        let params = GammaGamma { p: m.x[0].exp(), q: m.x[1].exp(), gamma: m.x[2].exp() };
        Ok(GgFit { params, log_likelihood: -m.value * n, customers: data.len() })
    }

    /// Expected value of this customer's future orders, E[M | x, mₓ]. For a customer without
    /// repeat orders it is the population mean, p γ / (q − 1) (when q > 1).
    pub fn expected_spend(&self, s: &Spend) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        let x = f64::from(s.x);
        let mean = if s.x > 0 { s.mean } else { 0.0 };
        (p * (gamma + x * mean)) / (p * x + q - 1.0)
    }

    /// The population's mean order value, E[Z] = p γ / (q − 1); `None` when q ≤ 1 (no mean).
    pub fn population_mean(&self) -> Option<f64> {
        (self.q > 1.0).then(|| self.p * self.gamma / (self.q - 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinks_towards_the_population_mean() {
        let gg = GammaGamma { p: 6.25, q: 3.74, gamma: 15.44 };
        let pop = gg.population_mean().unwrap();
        let one = gg.expected_spend(&Spend { x: 1, mean: 100.0 });
        let many = gg.expected_spend(&Spend { x: 20, mean: 100.0 });
        assert!(pop < one && one < many && many < 100.0, "{pop} {one} {many}");
        assert!((gg.expected_spend(&Spend { x: 0, mean: 0.0 }) - pop).abs() < 1e-9);
    }

    #[test]
    fn refuses_data_it_cannot_learn_from() {
        assert_eq!(GammaGamma::fit(&[Spend { x: 1, mean: 5.0 }; 3]), Err(GgError::TooFew(3)));
        assert_eq!(GammaGamma::fit(&[Spend { x: 2, mean: 5.0 }; 30]), Err(GgError::NoSpread));
        // Non-buyers and refunds (negative means) are left out, not fitted.
        let mut v = vec![Spend { x: 0, mean: 0.0 }; 40];
        v.push(Spend { x: 1, mean: -3.0 });
        assert_eq!(GammaGamma::fit(&v), Err(GgError::TooFew(0)));
    }
}
