//! The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
//! easy way"): while alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each
//! purchase they drop out with probability p ~ Beta(a, b). Fitted by maximum likelihood on each
//! customer's (x, tₓ, T): repeat purchases, time of the last one and time since the first, all
//! in weeks.

#![allow(clippy::needless_range_loop)] // small matrices read best with explicit indices

use super::optimize::minimize;
use super::parallel::sum_chunks;
use super::special::{digamma, hyp2f1, ln_beta, ln_gamma};

/// One customer's purchase history as the model sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rfm {
    /// Repeat purchases (purchases after the first; same-day purchases count once).
    pub x: u32,
    /// Weeks from the first purchase to the last.
    pub t_x: f64,
    /// Weeks from the first purchase to the end of the observation period.
    pub t: f64,
}

/// Fitted BG/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// A fit and how it went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub params: BgNbd,
    /// Total log-likelihood of the data at the fitted parameters.
    pub log_likelihood: f64,
    pub iterations: u32,
    pub converged: bool,
}

/// Why a model could not be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    #[error("There are only {0} customers; the model needs at least {MIN_CUSTOMERS} to learn anything.")]
    TooFew(usize),
    #[error("No customer bought a second time, so there is nothing to learn about repeat buying.")]
    NoRepeats,
    #[error("Every customer has the same history, so the model cannot tell them apart.")]
    AllIdentical,
    #[error("Customer {index} has an impossible history (x = {x}, tₓ = {t_x}, T = {t}): tₓ must lie between 0 and T.")]
    Invalid { index: usize, x: u32, t_x: f64, t: f64 },
    #[error("The fit did not settle (log-likelihood {0:.1}); the parameters would not be trustworthy.")]
    NotConverged(f64),
}

/// Fewest customers a fit is attempted on.
pub const MIN_CUSTOMERS: usize = 10;

/// Customers above this count are first fitted on an evenly spread sample, and the sample's
/// answer is then polished on everyone: the same maximum, found in a few full passes.
const SAMPLE: usize = 20_000;

impl BgNbd {
    /// Fits the model to `customers` by maximum likelihood.
    pub fn fit(customers: &[Rfm]) -> Result<Fit, FitError> {
        check(customers)?;
        let start = if customers.len() > 4 * SAMPLE {
            let step = customers.len() / SAMPLE;
            let sample: Vec<Rfm> = customers.iter().step_by(step).copied().collect();
            fit_from(&sample, [0.0; 4]).map(|f| f.params.logs())?
        } else {
            [0.0; 4]
        };
        fit_from(customers, start)
    }

    fn logs(&self) -> [f64; 4] {
        [self.r.ln(), self.alpha.ln(), self.a.ln(), self.b.ln()]
    }

    /// Total log-likelihood of `customers` under these parameters.
    pub fn log_likelihood(&self, customers: &[Rfm]) -> f64 {
        Terms::new(self, max_x(customers)).sum(customers, false).0
    }

    /// Covariance of the log-parameters (ln r, ln α, ln a, ln b) at this fit: the inverse of the
    /// observed information, by central differences of the analytic gradient. `None` when the
    /// information is not positive definite (a flat or degenerate likelihood).
    pub fn covariance(&self, customers: &[Rfm]) -> Option<[[f64; 4]; 4]> {
        let top = max_x(customers);
        let logs = self.logs();
        let grad = |l: [f64; 4]| {
            let p = BgNbd { r: l[0].exp(), alpha: l[1].exp(), a: l[2].exp(), b: l[3].exp() };
            let (_, g) = Terms::new(&p, top).sum(customers, true);
            [g[0] * p.r, g[1] * p.alpha, g[2] * p.a, g[3] * p.b]
        };
        let h = 1e-4;
        let mut info = [[0.0; 4]; 4];
        for j in 0..4 {
            let (mut up, mut down) = (logs, logs);
            up[j] += h;
            down[j] -= h;
            let (gu, gd) = (grad(up), grad(down));
            for i in 0..4 {
                info[i][j] = -(gu[i] - gd[i]) / (2.0 * h);
            }
        }
        for i in 0..4 {
            for j in 0..i {
                let m = 0.5 * (info[i][j] + info[j][i]);
                info[i][j] = m;
                info[j][i] = m;
            }
        }
        invert_spd(info)
    }

    /// Parameters `z` standard deviations away along the Cholesky factor of `cov` (log scale).
    pub fn perturbed(&self, chol: &[[f64; 4]; 4], z: [f64; 4]) -> BgNbd {
        let logs = self.logs();
        let l: [f64; 4] = std::array::from_fn(|i| logs[i] + (0..=i).map(|k| chol[i][k] * z[k]).sum::<f64>());
        BgNbd { r: l[0].exp(), alpha: l[1].exp(), a: l[2].exp(), b: l[3].exp() }
    }

    /// Expected repeat purchases of a new customer in their first `t` weeks, E[X(t)].
    pub fn expected_purchases_new(&self, t: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        if t <= 0.0 {
            return 0.0;
        }
        let z = t / (alpha + t);
        let f = hyp2f1(r, b, a + b - 1.0, z).unwrap_or(f64::NAN);
        (a + b - 1.0) / (a - 1.0) * (1.0 - (alpha / (alpha + t)).powf(r) * f)
    }

    /// Probability that the customer is still alive (has not dropped out) at the end of their
    /// observation period.
    pub fn p_alive(&self, c: &Rfm) -> f64 {
        if c.x == 0 {
            return 1.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(c.x);
        let odds = (a / (b + x - 1.0)) * ((r + x) * ((alpha + c.t) / (alpha + c.t_x)).ln()).exp();
        1.0 / (1.0 + odds)
    }

    /// Expected purchases in the next `t` weeks of a customer with history `c`, E[Y(t) | x, tₓ, T].
    /// `None` when the series behind it does not settle (a horizon vastly longer than the data).
    pub fn expected_purchases(&self, c: &Rfm, t: f64) -> Option<f64> {
        if t <= 0.0 {
            return Some(0.0);
        }
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(c.x);
        let span = alpha + c.t;
        let z = t / (span + t);
        let f = hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
        let head = (a + b + x - 1.0) / (a - 1.0) * (1.0 - (span / (span + t)).powf(r + x) * f);
        let alive_odds =
            if c.x > 0 { (a / (b + x - 1.0)) * ((r + x) * (span / (alpha + c.t_x)).ln()).exp() } else { 0.0 };
        let v = head / (1.0 + alive_odds);
        v.is_finite().then_some(v.max(0.0))
    }
}

/// Lower Cholesky factor of a symmetric positive definite 4×4 matrix.
pub fn cholesky(m: &[[f64; 4]; 4]) -> Option<[[f64; 4]; 4]> {
    let mut l = [[0.0; 4]; 4];
    for i in 0..4 {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                let d = m[i][i] - s;
                if d.is_nan() || d <= 0.0 {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (m[i][j] - s) / l[j][j];
            }
        }
    }
    Some(l)
}

fn invert_spd(m: [[f64; 4]; 4]) -> Option<[[f64; 4]; 4]> {
    let l = cholesky(&m)?;
    // Solve L Lᵀ X = I column by column.
    let mut inv = [[0.0; 4]; 4];
    for col in 0..4 {
        let mut y = [0.0; 4];
        for i in 0..4 {
            let e = if i == col { 1.0 } else { 0.0 };
            y[i] = (e - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
        }
        let mut x = [0.0; 4];
        for i in (0..4).rev() {
            x[i] = (y[i] - (i + 1..4).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
        }
        for i in 0..4 {
            inv[i][col] = x[i];
        }
    }
    inv.iter().flatten().all(|v| v.is_finite()).then_some(inv)
}

fn check(customers: &[Rfm]) -> Result<(), FitError> {
    if customers.len() < MIN_CUSTOMERS {
        return Err(FitError::TooFew(customers.len()));
    }
    for (index, c) in customers.iter().enumerate() {
        let ok = c.t_x.is_finite() && c.t.is_finite() && c.t_x >= 0.0 && c.t_x <= c.t && (c.x > 0 || c.t_x == 0.0);
        if !ok {
            return Err(FitError::Invalid { index, x: c.x, t_x: c.t_x, t: c.t });
        }
    }
    if customers.iter().all(|c| c.x == 0) {
        return Err(FitError::NoRepeats);
    }
    if customers.iter().all(|c| *c == customers[0]) {
        return Err(FitError::AllIdentical);
    }
    Ok(())
}

fn max_x(customers: &[Rfm]) -> u32 {
    customers.iter().map(|c| c.x).max().unwrap_or(0)
}

/// Fits from log-parameters `start`.
fn fit_from(customers: &[Rfm], start: [f64; 4]) -> Result<Fit, FitError> {
    let top = max_x(customers);
    let n = customers.len() as f64;
    // The mean negative log-likelihood keeps the minimiser's tolerances independent of size.
    let objective = |logs: &[f64; 4]| {
        if logs.iter().any(|v| !v.is_finite() || v.abs() > 30.0) {
            return (f64::NAN, [f64::NAN; 4]);
        }
        let p = BgNbd { r: logs[0].exp(), alpha: logs[1].exp(), a: logs[2].exp(), b: logs[3].exp() };
        let (ll, g) = Terms::new(&p, top).sum(customers, true);
        // Chain rule to log-parameters: ∂ℓ/∂ln θ = θ ∂ℓ/∂θ.
        let grad = [-g[0] * p.r / n, -g[1] * p.alpha / n, -g[2] * p.a / n, -g[3] * p.b / n];
        (-ll / n, grad)
    };
    let m = minimize(objective, start, 400);
    let params = BgNbd { r: m.x[0].exp(), alpha: m.x[1].exp(), a: m.x[2].exp(), b: m.x[3].exp() };
    let log_likelihood = -m.value * n;
    let degenerate = m.x.iter().any(|v| v.abs() > 25.0);
    if !m.converged || degenerate || !log_likelihood.is_finite() {
        return Err(FitError::NotConverged(log_likelihood));
    }
    Ok(Fit { params, log_likelihood, iterations: m.iterations, converged: true })
}

/// The parts of the log-likelihood that depend only on x, worked out once per evaluation.
struct Terms {
    r: f64,
    alpha: f64,
    /// Per x: ln Γ(r+x) − ln Γ(r) + r ln α − ln B(a,b), and the two beta terms.
    head: Vec<f64>,
    beta1: Vec<f64>,
    beta2: Vec<f64>,
    /// Per x: derivatives of `head` by r, of the beta terms by a and b (including −ln B(a,b)).
    head_r: Vec<f64>,
    beta1_a: Vec<f64>,
    beta1_b: Vec<f64>,
    beta2_a: Vec<f64>,
    beta2_b: Vec<f64>,
}

impl Terms {
    fn new(p: &BgNbd, top: u32) -> Self {
        let BgNbd { r, alpha, a, b } = *p;
        let size = top as usize + 1;
        let mut t = Terms {
            r,
            alpha,
            head: Vec::with_capacity(size),
            beta1: Vec::with_capacity(size),
            beta2: Vec::with_capacity(size),
            head_r: Vec::with_capacity(size),
            beta1_a: Vec::with_capacity(size),
            beta1_b: Vec::with_capacity(size),
            beta2_a: Vec::with_capacity(size),
            beta2_b: Vec::with_capacity(size),
        };
        let (lg_r, lb_ab, dg_r, dg_a, dg_b, dg_ab) =
            (ln_gamma(r), ln_beta(a, b), digamma(r), digamma(a), digamma(b), digamma(a + b));
        for x in 0..size {
            let xf = x as f64;
            let dg_abx = digamma(a + b + xf);
            t.head.push(ln_gamma(r + xf) - lg_r + r * alpha.ln() - lb_ab);
            t.head_r.push(digamma(r + xf) - dg_r + alpha.ln());
            t.beta1.push(ln_beta(a, b + xf));
            t.beta1_a.push(dg_a - dg_abx - dg_a + dg_ab);
            t.beta1_b.push(digamma(b + xf) - dg_abx - dg_b + dg_ab);
            if x > 0 {
                t.beta2.push(ln_beta(a + 1.0, b + xf - 1.0));
                t.beta2_a.push(digamma(a + 1.0) - dg_abx - dg_a + dg_ab);
                t.beta2_b.push(digamma(b + xf - 1.0) - dg_abx - dg_b + dg_ab);
            } else {
                t.beta2.push(f64::NEG_INFINITY);
                t.beta2_a.push(0.0);
                t.beta2_b.push(0.0);
            }
        }
        t
    }

    /// Log-likelihood of `customers` and (when `gradient`) its gradient by (r, α, a, b).
    fn sum(&self, customers: &[Rfm], gradient: bool) -> (f64, [f64; 4]) {
        let (ll, g) = sum_chunks(customers, |chunk| self.chunk(chunk, gradient));
        (ll, g)
    }

    fn chunk(&self, customers: &[Rfm], gradient: bool) -> (f64, [f64; 4]) {
        let (r, alpha) = (self.r, self.alpha);
        let mut ll = 0.0;
        let mut g = [0.0; 4];
        for c in customers {
            let x = c.x as usize;
            let rx = r + c.x as f64;
            let span_t = alpha + c.t;
            let lu = span_t.ln();
            let l1 = self.beta1[x] - rx * lu;
            if c.x == 0 {
                ll += self.head[x] + l1;
                if gradient {
                    g[0] += self.head_r[x] - lu;
                    g[1] += r / alpha - rx / span_t;
                    g[2] += self.beta1_a[x];
                    g[3] += self.beta1_b[x];
                }
                continue;
            }
            let span_x = alpha + c.t_x;
            let lv = span_x.ln();
            let l2 = self.beta2[x] - rx * lv;
            // log(e^l1 + e^l2) and the two shares, with one exp.
            let (hi, d) = if l1 >= l2 { (l1, l2 - l1) } else { (l2, l1 - l2) };
            let e = d.exp();
            ll += self.head[x] + hi + e.ln_1p();
            if gradient {
                let small = e / (1.0 + e);
                let (w1, w2) = if l1 >= l2 { (1.0 - small, small) } else { (small, 1.0 - small) };
                g[0] += self.head_r[x] - w1 * lu - w2 * lv;
                g[1] += r / alpha - rx * (w1 / span_t + w2 / span_x);
                g[2] += w1 * self.beta1_a[x] + w2 * self.beta2_a[x];
                g[3] += w1 * self.beta1_b[x] + w2 * self.beta2_b[x];
            }
        }
        (ll, g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Rfm> {
        // A small varied population: every combination of a few histories.
        let mut v = Vec::new();
        for x in 0..6u32 {
            for k in 0..12 {
                let t = 10.0 + 3.0 * f64::from(k);
                let t_x = if x == 0 { 0.0 } else { t * f64::from(k % 5 + 1) / 6.0 };
                for _ in 0..(6 - x) {
                    v.push(Rfm { x, t_x, t });
                }
            }
        }
        v
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let p = BgNbd { r: 0.6, alpha: 3.1, a: 0.9, b: 2.2 };
        let data = sample();
        let t = Terms::new(&p, 5);
        let (_, g) = t.sum(&data, true);
        let ll = |q: BgNbd| q.log_likelihood(&data);
        let h = 1e-6;
        let bumps = [
            (BgNbd { r: p.r + h, ..p }, BgNbd { r: p.r - h, ..p }),
            (BgNbd { alpha: p.alpha + h, ..p }, BgNbd { alpha: p.alpha - h, ..p }),
            (BgNbd { a: p.a + h, ..p }, BgNbd { a: p.a - h, ..p }),
            (BgNbd { b: p.b + h, ..p }, BgNbd { b: p.b - h, ..p }),
        ];
        for (i, (up, down)) in bumps.into_iter().enumerate() {
            let numeric = (ll(up) - ll(down)) / (2.0 * h);
            assert!((numeric - g[i]).abs() < 1e-4 * numeric.abs().max(1.0), "parameter {i}: {numeric} vs {}", g[i]);
        }
    }

    #[test]
    fn expectations_behave() {
        let p = BgNbd { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
        let c = Rfm { x: 2, t_x: 30.43, t: 38.86 };
        let e39 = p.expected_purchases(&c, 39.0).unwrap();
        let e52 = p.expected_purchases(&c, 52.0).unwrap();
        assert!(e39 > 0.0 && e52 > e39, "{e39} {e52}");
        // Long silence lowers P(alive); a recent purchase raises it.
        let quiet = Rfm { x: 2, t_x: 2.0, t: 38.86 };
        assert!(p.p_alive(&quiet) < p.p_alive(&c));
        assert!((p.p_alive(&Rfm { x: 0, t_x: 0.0, t: 20.0 }) - 1.0).abs() < f64::EPSILON);
        assert!(p.expected_purchases_new(39.0) > 0.0);
    }

    #[test]
    fn bad_inputs_are_refused_with_a_reason() {
        assert_eq!(BgNbd::fit(&[Rfm { x: 1, t_x: 1.0, t: 2.0 }]), Err(FitError::TooFew(1)));
        let zeros = vec![Rfm { x: 0, t_x: 0.0, t: 5.0 }; 50];
        assert_eq!(BgNbd::fit(&zeros), Err(FitError::NoRepeats));
        let same = vec![Rfm { x: 2, t_x: 3.0, t: 5.0 }; 50];
        assert_eq!(BgNbd::fit(&same), Err(FitError::AllIdentical));
        let mut bad = sample();
        bad[3] = Rfm { x: 1, t_x: 9.0, t: 5.0 };
        assert!(matches!(BgNbd::fit(&bad), Err(FitError::Invalid { index: 3, .. })));
    }
}
