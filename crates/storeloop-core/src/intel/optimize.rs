//! A small quasi-Newton minimiser (BFGS with a backtracking line search) for the models' few
//! parameters. The objective returns its value and gradient together, because for the models
//! both come out of one pass over the customers.

#![allow(clippy::needless_range_loop)] // small matrices read best with explicit indices

/// Where a minimisation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimum<const N: usize> {
    pub x: [f64; N],
    pub value: f64,
    pub iterations: u32,
    /// The gradient became small (or the value stopped moving) before the iteration limit.
    pub converged: bool,
}

/// Minimises `f` from `x0`. `f` may return a non-finite value for points it cannot evaluate;
/// the line search then steps back.
pub fn minimize<const N: usize>(
    mut f: impl FnMut(&[f64; N]) -> (f64, [f64; N]),
    x0: [f64; N],
    max_iterations: u32,
) -> Minimum<N> {
    let mut x = x0;
    let (mut fx, mut g) = f(&x);
    if !fx.is_finite() {
        return Minimum { x, value: fx, iterations: 0, converged: false };
    }
    // Inverse Hessian estimate, starting from the identity.
    let mut h = [[0.0; N]; N];
    for (i, row) in h.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    let scale = |v: f64| v.abs().max(1.0);
    for iteration in 1..=max_iterations {
        if norm(&g) <= 1e-9 * scale(fx) {
            return Minimum { x, value: fx, iterations: iteration - 1, converged: true };
        }
        let mut dir = [0.0; N];
        for i in 0..N {
            dir[i] = -(0..N).map(|j| h[i][j] * g[j]).sum::<f64>();
        }
        let mut slope = dot(&dir, &g);
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            for (i, row) in h.iter_mut().enumerate() {
                *row = [0.0; N];
                row[i] = 1.0;
            }
            dir = g.map(|v| -v);
            slope = dot(&dir, &g);
        }
        // Keep the first steps of a restart from leaping far out of range.
        let longest = dir.iter().fold(0.0_f64, |m, d| m.max(d.abs()));
        let mut step = if longest > 5.0 { 5.0 / longest } else { 1.0 };
        let mut accepted = None;
        for _ in 0..60 {
            let trial: [f64; N] = std::array::from_fn(|i| x[i] + step * dir[i]);
            let (ft, gt) = f(&trial);
            if ft.is_finite() && ft <= fx + 1e-4 * step * slope && gt.iter().all(|v| v.is_finite()) {
                accepted = Some((trial, ft, gt));
                break;
            }
            step *= 0.5;
        }
        let Some((xn, fnew, gn)) = accepted else {
            // No step lowers the value: we are at the minimum to machine precision.
            return Minimum { x, value: fx, iterations: iteration, converged: norm(&g) <= 1e-4 * scale(fx) };
        };
        let s: [f64; N] = std::array::from_fn(|i| xn[i] - x[i]);
        let y: [f64; N] = std::array::from_fn(|i| gn[i] - g[i]);
        let sy = dot(&s, &y);
        let settled = (fx - fnew).abs() <= 1e-15 * scale(fx);
        x = xn;
        fx = fnew;
        g = gn;
        if settled {
            return Minimum { x, value: fx, iterations: iteration, converged: true };
        }
        if sy > 1e-12 {
            // BFGS update of the inverse Hessian.
            let hy: [f64; N] = std::array::from_fn(|i| (0..N).map(|j| h[i][j] * y[j]).sum());
            let yhy = dot(&y, &hy);
            for i in 0..N {
                for j in 0..N {
                    h[i][j] += (sy + yhy) * s[i] * s[j] / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
                }
            }
        }
    }
    Minimum { x, value: fx, iterations: max_iterations, converged: false }
}

fn dot<const N: usize>(a: &[f64; N], b: &[f64; N]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm<const N: usize>(a: &[f64; N]) -> f64 {
    dot(a, a).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let rosen = |p: &[f64; 2]| {
            let (x, y) = (p[0], p[1]);
            let v = (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2);
            (v, [-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)])
        };
        let m = minimize(rosen, [-1.2, 1.0], 500);
        assert!(m.converged, "{m:?}");
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6, "{m:?}");
    }

    #[test]
    fn steps_back_from_points_it_cannot_evaluate() {
        // ln is undefined below zero: the minimiser must stay inside.
        let f = |p: &[f64; 1]| {
            let x = p[0];
            if x <= 0.0 {
                (f64::NAN, [f64::NAN])
            } else {
                (x - 3.0 * x.ln(), [1.0 - 3.0 / x])
            }
        };
        let m = minimize(f, [0.5], 200);
        assert!(m.converged && (m.x[0] - 3.0).abs() < 1e-6, "{m:?}");
    }

    #[test]
    fn reports_a_function_it_cannot_start_from() {
        let m = minimize(|_: &[f64; 1]| (f64::INFINITY, [0.0]), [1.0], 10);
        assert!(!m.converged);
    }
}
