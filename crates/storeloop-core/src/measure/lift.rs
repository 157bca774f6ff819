//! Lift of a treatment over a holdout, the way GrowthBook's frequentist engine computes it:
//! sample means and variances from (n, Σx, Σx²), absolute lift with variance v_t/n_t + v_c/n_c,
//! relative lift by the delta method, Welch–Satterthwaite degrees of freedom, Student-t intervals
//! and two-sided p-values; optionally CUPED (a pre-period covariate removes explained variance);
//! and a power calculation for "how many more recipients are needed".

use crate::intel::special::ln_beta;

/// A metric summed over one group.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sample {
    pub n: f64,
    pub sum: f64,
    pub sum_squares: f64,
}

impl Sample {
    pub fn of(values: &[f64]) -> Sample {
        values.iter().fold(Sample::default(), |s, v| Sample {
            n: s.n + 1.0,
            sum: s.sum + v,
            sum_squares: s.sum_squares + v * v,
        })
    }
    pub fn push(&mut self, v: f64) {
        self.n += 1.0;
        self.sum += v;
        self.sum_squares += v * v;
    }
    pub fn mean(&self) -> f64 {
        if self.n > 0.0 {
            self.sum / self.n
        } else {
            0.0
        }
    }
    /// The sample variance (n − 1 in the denominator).
    pub fn variance(&self) -> f64 {
        if self.n < 2.0 {
            return 0.0;
        }
        ((self.sum_squares - self.sum * self.sum / self.n) / (self.n - 1.0)).max(0.0)
    }
}

/// A lift with its 95% (or 1 − α) interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lift {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    pub p_value: f64,
    pub dof: f64,
    pub std_error: f64,
}

/// Why a lift cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LiftError {
    #[error("each group needs at least two recipients (holdout {control}, treatment {treatment})")]
    TooFew { control: u64, treatment: u64 },
    #[error("the holdout's mean is zero, so a relative lift has no meaning; use the absolute lift")]
    ZeroBaseline,
    #[error("both groups have no variation at all, so nothing can be said about a difference")]
    NoVariance,
}

/// Two-sided Welch t-test of treatment against control (`relative`: (t − c) / c by the delta
/// method; the denominator is the plain holdout mean, also under CUPED).
pub fn ttest(control: &Sample, treatment: &Sample, relative: bool, alpha: f64) -> Result<Lift, LiftError> {
    ttest_with(control, treatment, control.mean(), relative, alpha)
}

fn ttest_with(
    control: &Sample,
    treatment: &Sample,
    mean_c_unadjusted: f64,
    relative: bool,
    alpha: f64,
) -> Result<Lift, LiftError> {
    if control.n < 2.0 || treatment.n < 2.0 {
        return Err(LiftError::TooFew { control: control.n as u64, treatment: treatment.n as u64 });
    }
    let (mc, mt) = (control.mean(), treatment.mean());
    let (vc, vt) = (control.variance(), treatment.variance());
    let (nc, nt) = (control.n, treatment.n);
    if vc == 0.0 && vt == 0.0 {
        return Err(LiftError::NoVariance);
    }
    let (estimate, variance) = if relative {
        if mean_c_unadjusted == 0.0 {
            return Err(LiftError::ZeroBaseline);
        }
        let c = mean_c_unadjusted;
        ((mt - mc) / c, vt / (c * c * nt) + vc * mt * mt / (c.powi(4) * nc))
    } else {
        (mt - mc, vt / nt + vc / nc)
    };
    let dof = (vt / nt + vc / nc).powi(2) / (vt * vt / (nt * nt * (nt - 1.0)) + vc * vc / (nc * nc * (nc - 1.0)));
    let se = variance.sqrt();
    let t = estimate / se;
    let p_value = 2.0 * (1.0 - t_cdf(t.abs(), dof));
    let width = t_quantile(1.0 - alpha / 2.0, dof) * se;
    Ok(Lift {
        estimate,
        low: estimate - width,
        high: estimate + width,
        p_value: p_value.clamp(0.0, 1.0),
        dof,
        std_error: se,
    })
}

/// A metric with a pre-period covariate, per group: (metric, covariate) pairs summed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Paired {
    pub post: Sample,
    pub pre: Sample,
    pub sum_products: f64,
}

impl Paired {
    pub fn push(&mut self, post: f64, pre: f64) {
        self.post.push(post);
        self.pre.push(pre);
        self.sum_products += post * pre;
    }
}

/// CUPED: θ = cov(post, pre) / var(pre) over both groups together; each group's metric becomes
/// post − θ(pre − mean pre), whose variance is var(post) − 2θ cov + θ² var(pre). The relative
/// lift keeps the plain holdout mean as its denominator.
pub fn ttest_cuped(control: &Paired, treatment: &Paired, relative: bool, alpha: f64) -> Result<(Lift, f64), LiftError> {
    let n = control.post.n + treatment.post.n;
    let (sx, sy) = (control.pre.sum + treatment.pre.sum, control.post.sum + treatment.post.sum);
    let sxx = control.pre.sum_squares + treatment.pre.sum_squares;
    let sxy = control.sum_products + treatment.sum_products;
    let var_x = (sxx - sx * sx / n) / (n - 1.0);
    let cov = (sxy - sx * sy / n) / (n - 1.0);
    let theta = if var_x > 0.0 { cov / var_x } else { 0.0 };
    let adjust = |g: &Paired| -> Sample {
        let (m, v) = (g.post.n, g.post.variance());
        let vx = g.pre.variance();
        let cxy = if m > 1.0 { (g.sum_products - g.pre.sum * g.post.sum / m) / (m - 1.0) } else { 0.0 };
        let mean = g.post.mean() - theta * (g.pre.mean() - sx / n);
        let var = (v - 2.0 * theta * cxy + theta * theta * vx).max(0.0);
        // A Sample with this mean and variance.
        let sum = mean * m;
        Sample { n: m, sum, sum_squares: var * (m - 1.0) + sum * sum / m }
    };
    let (c, t) = (adjust(control), adjust(treatment));
    Ok((ttest_with(&c, &t, control.post.mean(), relative, alpha)?, theta))
}

/// Recipients needed in both groups together to detect an absolute difference `delta` with this
/// power at two-sided level α, given the groups' variances and the holdout's share of recipients
/// (normal approximation: Var(diff) = σ²_h / (s·N) + σ²_t / ((1 − s)·N)).
pub fn recipients_needed(
    var_holdout: f64,
    var_treatment: f64,
    holdout_share: f64,
    delta: f64,
    alpha: f64,
    power: f64,
) -> Option<f64> {
    if delta == 0.0 || !delta.is_finite() || !(holdout_share > 0.0 && holdout_share < 1.0) {
        return None;
    }
    let z = normal_quantile(1.0 - alpha / 2.0) + normal_quantile(power);
    Some((z * z * (var_holdout / holdout_share + var_treatment / (1.0 - holdout_share)) / (delta * delta)).ceil())
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified
/// Lentz), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where that converges faster.
pub fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - inc_beta(b, a, 1.0 - x);
    }
    let front = (a * x.ln() + b * (1.0 - x).ln() - ln_beta(a, b)).exp() / a;
    const TINY: f64 = 1e-300;
    let (mut f, mut c, mut d) = (1.0, 1.0, 0.0);
    for i in 0..10_000 {
        let m = f64::from(i / 2);
        let numerator = if i == 0 {
            1.0
        } else if i % 2 == 0 {
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
        } else {
            -((a + m) * (a + b + m) * x) / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))
        };
        d = 1.0 + numerator * d;
        if d.abs() < TINY {
            d = TINY;
        }
        d = 1.0 / d;
        c = 1.0 + numerator / c;
        if c.abs() < TINY {
            c = TINY;
        }
        let step = c * d;
        f *= step;
        if (1.0 - step).abs() < 1e-15 {
            break;
        }
    }
    front * (f - 1.0)
}

/// Student's t cumulative distribution.
pub fn t_cdf(t: f64, dof: f64) -> f64 {
    if !t.is_finite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let tail = 0.5 * inc_beta(dof / 2.0, 0.5, dof / (dof + t * t));
    if t > 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Student's t quantile, by bisection on the CDF (to the last bit that matters).
pub fn t_quantile(p: f64, dof: f64) -> f64 {
    if (p - 0.5).abs() < f64::EPSILON {
        return 0.0;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, dof);
    }
    let (mut lo, mut hi) = (0.0, 1.0);
    while t_cdf(hi, dof) < p {
        hi *= 2.0;
        if hi > 1e12 {
            return f64::INFINITY;
        }
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if t_cdf(mid, dof) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-15 * hi.max(1.0) {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// The regularized upper incomplete gamma function Q(a, x): its series below a + 1, its
/// continued fraction (modified Lentz) above.
fn upper_gamma(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let log_front = a * x.ln() - x - crate::intel::special::ln_gamma(a);
    if x < a + 1.0 {
        let (mut term, mut sum, mut k) = (1.0 / a, 1.0 / a, a);
        for _ in 0..10_000 {
            k += 1.0;
            term *= x / k;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        return 1.0 - sum * log_front.exp();
    }
    const TINY: f64 = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..10_000 {
        let an = -f64::from(i) * (f64::from(i) - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-16 {
            break;
        }
    }
    log_front.exp() * h
}

/// The standard normal distribution function: Φ(x) = ½ erfc(−x/√2), erfc(z) = Q(½, z²).
pub fn normal_cdf(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    let tail = 0.5 * upper_gamma(0.5, z * z);
    if x >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The standard normal quantile, by bisection on Φ.
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let (mut lo, mut hi) = (-40.0, 40.0);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if normal_cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-15 {
            break;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growthbooks_own_unit_test() {
        // gbstats' test: control n=3407, Σ=1396.87, Σ²=52377.9767; treatment n=3461, Σ=2422.7,
        // Σ²=134698.29 → relative 0.707317, CI [−0.035260, 1.449894], p = 0.061912.
        let c = Sample { n: 3407.0, sum: 1396.87, sum_squares: 52377.9767 };
        let t = Sample { n: 3461.0, sum: 2422.7, sum_squares: 134698.29 };
        let l = ttest(&c, &t, true, 0.05).unwrap();
        assert!((l.estimate - 0.707317).abs() < 1e-6, "{l:?}");
        assert!((l.low - -0.035260).abs() < 1e-6, "{l:?}");
        assert!((l.high - 1.449894).abs() < 1e-6, "{l:?}");
        assert!((l.p_value - 0.061912).abs() < 1e-6, "{l:?}");
    }

    #[test]
    fn the_t_distribution_matches_known_values() {
        // Tables: t(0.975, 10) = 2.228139, t(0.975, 1) = 12.706205, z(0.975) = 1.959964.
        assert!((t_quantile(0.975, 10.0) - 2.228_138_85).abs() < 1e-7);
        assert!((t_quantile(0.975, 1.0) - 12.706_204_74).abs() < 1e-6);
        assert!((normal_quantile(0.975) - 1.959_963_98).abs() < 1e-7);
        assert!((t_cdf(2.0, 5.0) - 0.949_030_26).abs() < 1e-7);
    }

    proptest::proptest! {
        #[test]
        fn the_cdf_and_quantile_invert(p in 0.001f64..0.999, dof in 1.0f64..5000.0) {
            let q = t_quantile(p, dof);
            proptest::prop_assert!((t_cdf(q, dof) - p).abs() < 1e-9);
        }
    }
}
