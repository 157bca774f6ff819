//! Customer intelligence: the statistical models behind churn risk, expected orders, spend and
//! lifetime value (BG/NBD and Gamma-Gamma), and the checks that they predict well.
//!
//! Everything here is plain arithmetic on summaries; reading the store and writing scores back
//! happen elsewhere, so the models can be tested against published results on their own.

pub mod bgnbd;
pub mod gamma_gamma;
pub mod input;
pub mod logistic;
pub mod optimize;
pub mod parallel;
pub mod recommend;
pub mod reorder;
pub mod score;
pub mod seasonal;
pub mod special;
pub mod transactions;

use bgnbd::{BgNbd, Fit, FitError, Rfm};
use gamma_gamma::{GammaGamma, GgError, GgFit, Spend};

/// Rows of the calibration/holdout table: x = 0 … 6 and "7+".
pub const HOLDOUT_BUCKETS: usize = 8;

/// One row of the calibration/holdout comparison: customers with `x` repeat purchases in the
/// calibration period, and their mean purchases in the holdout period, actual and predicted.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldoutRow {
    /// "0" … "6", "7+".
    pub label: String,
    pub customers: u64,
    pub actual_mean: f64,
    pub predicted_mean: f64,
}

/// The calibration/holdout table for customers `(rfm, holdout purchases)` over `weeks`.
pub fn holdout_table(model: &BgNbd, customers: &[(Rfm, u32)], weeks: f64) -> Vec<HoldoutRow> {
    let mut n = [0u64; HOLDOUT_BUCKETS];
    let mut actual = [0.0; HOLDOUT_BUCKETS];
    let mut predicted = [0.0; HOLDOUT_BUCKETS];
    let expectations = parallel::map(customers, |(c, _)| model.expected_purchases(c, weeks).unwrap_or(f64::NAN));
    for ((c, held), e) in customers.iter().zip(expectations) {
        let k = (c.x as usize).min(HOLDOUT_BUCKETS - 1);
        n[k] += 1;
        actual[k] += f64::from(*held);
        predicted[k] += e;
    }
    (0..HOLDOUT_BUCKETS)
        .map(|k| {
            let label = if k + 1 == HOLDOUT_BUCKETS { format!("{k}+") } else { k.to_string() };
            let per = |v: f64| if n[k] == 0 { 0.0 } else { v / n[k] as f64 };
            HoldoutRow { label, customers: n[k], actual_mean: per(actual[k]), predicted_mean: per(predicted[k]) }
        })
        .collect()
}

/// Both models fitted to one purchase log, with the holdout comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct LogModels {
    pub bgnbd: Fit,
    pub spend: Result<GgFit, GgError>,
    pub holdout: Vec<HoldoutRow>,
}

/// Fits BG/NBD and Gamma-Gamma to a summarised log and compares predictions with its holdout.
pub fn fit_log(log: &transactions::Log) -> Result<LogModels, FitError> {
    let rfm: Vec<Rfm> = log.customers.iter().map(|c| Rfm { x: c.x, t_x: c.t_x, t: c.t }).collect();
    let bgnbd = BgNbd::fit(&rfm)?;
    let spends: Vec<Spend> = log.customers.iter().map(|c| Spend { x: c.x, mean: c.mean_repeat }).collect();
    let spend = GammaGamma::fit(&spends);
    let with_holdout: Vec<(Rfm, u32)> = rfm.iter().zip(&log.customers).map(|(r, c)| (*r, c.holdout)).collect();
    let holdout = holdout_table(&bgnbd.params, &with_holdout, log.holdout_weeks);
    Ok(LogModels { bgnbd, spend, holdout })
}

/// Discounted value of a customer's next `months` months: expected purchases in each month
/// (BG/NBD) × `value_per_order` (e.g. expected margin per order), discounted by
/// `monthly_discount` per month. `weeks_per_month` sets the month's length in the model's unit.
pub fn discounted_value(
    model: &BgNbd,
    c: &Rfm,
    value_per_order: f64,
    months: u32,
    monthly_discount: f64,
    weeks_per_month: f64,
) -> Option<f64> {
    let mut total = 0.0;
    let mut before = 0.0;
    for m in 1..=months {
        let upto = model.expected_purchases(c, f64::from(m) * weeks_per_month)?;
        total += (upto - before) * value_per_order / (1.0 + monthly_discount).powi(m as i32);
        before = upto;
    }
    Some(total)
}
