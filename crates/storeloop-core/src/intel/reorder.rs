//! Reorder cycles: how many days a customer usually leaves between orders. A customer's own gaps
//! are trusted as far as there are enough of them; otherwise the estimate leans on their main
//! category's cycle, which itself leans on the store's (empirical Bayes on log-gaps).

/// A customer's cycle estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cycle {
    pub days: f64,
    /// Share of the estimate that comes from the customer's own gaps (0–1).
    pub own_weight: f64,
    /// Their own gaps counted.
    pub gaps: u32,
}

/// What the population says about gaps: per-category and store-wide means of log-gaps and the
/// within/between-customer variances that set how far each customer is trusted.
#[derive(Debug, Clone, PartialEq)]
pub struct Prior {
    pub store_mean: f64,
    pub category_mean: Vec<f64>,
    /// Variance of one gap around the customer's own mean (log scale).
    pub within: f64,
    /// Variance of customers' true means around their category's (log scale).
    pub between: f64,
}

/// Minimum gap, so same-week reorders do not dominate the logs.
const MIN_GAP_DAYS: f64 = 1.0;
/// How many customers' worth of weight the store-wide mean gets in a category's mean.
const CATEGORY_PSEUDO: f64 = 20.0;

impl Prior {
    /// Learns the prior from every customer's (gaps in days, main category index).
    pub fn learn<'a>(customers: impl Iterator<Item = (&'a [f64], u16)>, categories: usize) -> Option<Prior> {
        let mut means: Vec<(f64, usize, u16)> = Vec::new();
        let (mut within_sum, mut within_n) = (0.0, 0.0);
        for (gaps, cat) in customers {
            if gaps.is_empty() {
                continue;
            }
            let logs: Vec<f64> = gaps.iter().map(|g| g.max(MIN_GAP_DAYS).ln()).collect();
            let m = logs.iter().sum::<f64>() / logs.len() as f64;
            if logs.len() >= 2 {
                within_sum += logs.iter().map(|l| (l - m).powi(2)).sum::<f64>();
                within_n += (logs.len() - 1) as f64;
            }
            means.push((m, logs.len(), cat));
        }
        if means.len() < 5 {
            return None;
        }
        let store_mean = means.iter().map(|m| m.0).sum::<f64>() / means.len() as f64;
        let within = if within_n > 0.0 { within_sum / within_n } else { 0.5 };
        let var_means = means.iter().map(|m| (m.0 - store_mean).powi(2)).sum::<f64>() / (means.len() - 1) as f64;
        let noise = within * means.iter().map(|m| 1.0 / m.1 as f64).sum::<f64>() / means.len() as f64;
        let between = (var_means - noise).max(0.01);
        let mut sums = vec![(0.0, 0.0); categories];
        for &(m, _, cat) in &means {
            if let Some(s) = sums.get_mut(cat as usize) {
                s.0 += m;
                s.1 += 1.0;
            }
        }
        let category_mean =
            sums.iter().map(|&(s, n)| (s + CATEGORY_PSEUDO * store_mean) / (n + CATEGORY_PSEUDO)).collect();
        Some(Prior { store_mean, category_mean, within, between })
    }

    /// A customer's cycle from their gaps (days) and main category.
    pub fn cycle(&self, gaps: &[f64], category: u16) -> Cycle {
        let prior = self.category_mean.get(category as usize).copied().unwrap_or(self.store_mean);
        let n = gaps.len() as f64;
        if gaps.is_empty() {
            return Cycle { days: prior.exp(), own_weight: 0.0, gaps: 0 };
        }
        let own = gaps.iter().map(|g| g.max(MIN_GAP_DAYS).ln()).sum::<f64>() / n;
        // Posterior mean of a normal mean with known variances.
        let w = (n / self.within) / (n / self.within + 1.0 / self.between);
        let log_days = w * own + (1.0 - w) * prior;
        Cycle { days: log_days.exp(), own_weight: w, gaps: gaps.len() as u32 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trusts_long_histories_and_shrinks_short_ones() {
        // A population of 30-day and 90-day buyers in two categories.
        let mut pop: Vec<(Vec<f64>, u16)> = Vec::new();
        for i in 0..200 {
            let cat = (i % 2) as u16;
            let base = if cat == 0 { 30.0 } else { 90.0 };
            pop.push(((0..4).map(|k| base * (1.0 + 0.1 * f64::from((i + k) % 3) - 0.1)).collect(), cat));
        }
        let prior = Prior::learn(pop.iter().map(|(g, c)| (g.as_slice(), *c)), 2).unwrap();
        // Someone with many 60-day gaps is believed.
        let long = prior.cycle(&[60.0; 12], 0);
        assert!((long.days - 60.0).abs() < 8.0 && long.own_weight > 0.7, "{long:?}");
        // One gap of 60 in the 30-day category is pulled towards 30.
        let short = prior.cycle(&[60.0], 0);
        assert!(short.days < 60.0 && short.days > 25.0, "{short:?}");
        // No gaps: the category's cycle.
        let none = prior.cycle(&[], 1);
        assert!((none.days - 90.0).abs() < 30.0 && none.own_weight == 0.0, "{none:?}");
    }
}
