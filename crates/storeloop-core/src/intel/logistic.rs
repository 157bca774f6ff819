//! L2-regularised logistic regression fitted by Newton's method on standardised features, with
//! the area under the ROC curve and a calibration table for judging it on held-out data.

#![allow(clippy::needless_range_loop)] // small matrices read best with explicit indices

/// A fitted model: feature means and spreads (for standardising), weights and intercept.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    pub mean: Vec<f64>,
    pub scale: Vec<f64>,
    pub weights: Vec<f64>,
    pub intercept: f64,
}

/// Why a model could not be trained.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrainError {
    #[error("Only {positives} customers did it and {negatives} did not; at least {MIN_EACH} of each are needed.")]
    TooFew { positives: usize, negatives: usize },
    #[error("The model did not settle.")]
    NotConverged,
}

/// Fewest examples of each outcome to train on.
pub const MIN_EACH: usize = 20;

impl Logistic {
    /// Trains on rows `x` (all of one length) with outcomes `y`, penalty `lambda` on the weights.
    pub fn train(x: &[Vec<f64>], y: &[bool], lambda: f64) -> Result<Logistic, TrainError> {
        let positives = y.iter().filter(|&&v| v).count();
        let negatives = y.len() - positives;
        if positives < MIN_EACH || negatives < MIN_EACH {
            return Err(TrainError::TooFew { positives, negatives });
        }
        let d = x.first().map_or(0, Vec::len);
        let n = x.len() as f64;
        let mut mean = vec![0.0; d];
        for row in x {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v / n;
            }
        }
        let mut scale = vec![0.0; d];
        for row in x {
            for ((s, v), m) in scale.iter_mut().zip(row).zip(&mean) {
                *s += (v - m).powi(2) / n;
            }
        }
        for s in &mut scale {
            *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
        }
        // Parameters: intercept then weights (standardised space).
        let k = d + 1;
        let mut beta = vec![0.0; k];
        let prior = positives as f64 / n;
        beta[0] = (prior / (1.0 - prior)).ln();
        let mut z = vec![0.0; k];
        for _ in 0..50 {
            let mut grad = vec![0.0; k];
            let mut hess = vec![vec![0.0; k]; k];
            for (row, &label) in x.iter().zip(y) {
                z[0] = 1.0;
                for j in 0..d {
                    z[j + 1] = (row[j] - mean[j]) / scale[j];
                }
                let eta: f64 = z.iter().zip(&beta).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-eta).exp());
                let r = f64::from(u8::from(label)) - p;
                let w = p * (1.0 - p);
                for i in 0..k {
                    grad[i] += r * z[i];
                    let wz = w * z[i];
                    for j in 0..=i {
                        hess[i][j] += wz * z[j];
                    }
                }
            }
            for i in 1..k {
                grad[i] -= lambda * beta[i];
                hess[i][i] += lambda;
            }
            for i in 0..k {
                for j in 0..i {
                    hess[j][i] = hess[i][j];
                }
            }
            let step = solve(hess, grad).ok_or(TrainError::NotConverged)?;
            let size = step.iter().map(|s| s.abs()).fold(0.0, f64::max);
            for (b, s) in beta.iter_mut().zip(&step) {
                *b += s;
            }
            if !size.is_finite() {
                return Err(TrainError::NotConverged);
            }
            if size < 1e-8 {
                return Ok(Logistic { mean, scale, intercept: beta[0], weights: beta[1..].to_vec() });
            }
        }
        Err(TrainError::NotConverged)
    }

    /// The standardised value of each feature of `row` times its weight: what pushes this
    /// prediction up (positive) or down.
    pub fn contributions(&self, row: &[f64]) -> Vec<f64> {
        row.iter().enumerate().map(|(j, v)| self.weights[j] * (v - self.mean[j]) / self.scale[j]).collect()
    }

    /// Probability of the outcome for `row`.
    pub fn predict(&self, row: &[f64]) -> f64 {
        let eta = self.intercept + self.contributions(row).iter().sum::<f64>();
        1.0 / (1.0 + (-eta).exp())
    }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            for k in col..n {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| a[i][k] * x[k]).sum();
        x[i] = (b[i] - s) / a[i][i];
    }
    Some(x)
}

/// Area under the ROC curve: the chance that a random positive scores above a random negative
/// (ties count half). `None` without both outcomes.
pub fn auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let positives = labels.iter().filter(|&&l| l).count() as f64;
    let negatives = labels.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of positive ranks, with tied scores sharing their mean rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]].total_cmp(&scores[idx[i]]).is_eq() {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            if labels[k] {
                rank_sum += mean_rank;
            }
        }
        i = j + 1;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// Calibration table: `bins` groups of equal size by predicted probability; for each, the mean
/// prediction, the share that happened, and the count.
pub fn calibration(scores: &[f64], labels: &[bool], bins: usize) -> Vec<(f64, f64, u64)> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let size = idx.len().div_ceil(bins.max(1)).max(1);
    idx.chunks(size)
        .map(|c| {
            let n = c.len() as f64;
            let p = c.iter().map(|&i| scores[i]).sum::<f64>() / n;
            let a = c.iter().filter(|&&i| labels[i]).count() as f64 / n;
            (p, a, c.len() as u64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_known_model_and_ranks_well() {
        // y = 1 when 2·x0 − x1 + noise > 0, from a simple deterministic sequence.
        let mut x = Vec::new();
        let mut y = Vec::new();
        let mut s = 12345u64;
        let mut next = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..4000 {
            let (a, b, noise) = (next() * 2.0 - 1.0, next() * 2.0 - 1.0, next() - 0.5);
            x.push(vec![a, b, next()]);
            y.push(2.0 * a - b + noise > 0.0);
        }
        let m = Logistic::train(&x, &y, 1.0).unwrap();
        assert!(m.weights[0] > 0.0 && m.weights[1] < 0.0 && m.weights[0] > m.weights[2].abs() * 5.0, "{m:?}");
        let p: Vec<f64> = x.iter().map(|r| m.predict(r)).collect();
        assert!(auc(&p, &y).unwrap() > 0.95);
        for (pred, act, _) in calibration(&p, &y, 10) {
            assert!((pred - act).abs() < 0.15, "{pred} vs {act}");
        }
    }

    #[test]
    fn auc_of_known_orderings() {
        assert_eq!(auc(&[0.1, 0.2, 0.3, 0.4], &[false, false, true, true]), Some(1.0));
        assert_eq!(auc(&[0.1, 0.2, 0.3, 0.4], &[true, true, false, false]), Some(0.0));
        assert_eq!(auc(&[0.5, 0.5], &[true, false]), Some(0.5));
        assert_eq!(auc(&[0.5], &[true]), None);
    }

    #[test]
    fn refuses_too_few_outcomes() {
        let x = vec![vec![1.0]; 30];
        let y = vec![true; 30];
        assert!(matches!(Logistic::train(&x, &y, 1.0), Err(TrainError::TooFew { positives: 30, negatives: 0 })));
    }
}
