//! The façade's door to the customer models that need no store: fitting a purchase log.

use std::path::Path;

use jiff::civil::Date;

use super::dto::{GammaGammaParams, HoldoutRow, PurchaseLogModel};
use super::error::{ApiError, ErrorKind};
use crate::intel::{self, transactions};

/// Fits BG/NBD and Gamma-Gamma to a `customer_id,date,amount` file, with the calibration period
/// ending on `calibration_end` and the holdout on `holdout_end` (default: the file's last date).
/// Rows dated after `today` are left out.
pub fn fit_purchase_log(
    path: &Path,
    calibration_end: &str,
    holdout_end: Option<&str>,
    today: Date,
) -> Result<PurchaseLogModel, ApiError> {
    let date = |flag: &str, text: &str| {
        transactions::parse_date(text).ok_or_else(|| {
            ApiError::new(ErrorKind::InvalidInput, format!("{flag} `{text}` is not a date: write it as YYYY-MM-DD"))
        })
    };
    let calibration = date("--calibration-end", calibration_end)?;
    let holdout = holdout_end.map(|h| date("--holdout-end", h)).transpose()?;
    let log = transactions::read(path, calibration, holdout, today)?;
    let models = intel::fit_log(&log)?;
    let holdout_end = holdout.or(log.last_date).unwrap_or(calibration).max(calibration);
    let mut notes = Vec::new();
    if log.refund_rows > 0 {
        notes.push(format!("{} rows with a negative amount are refunds, not purchases: left out.", log.refund_rows));
    }
    if log.later_rows > 0 {
        notes.push(format!("{} transactions after the holdout end (or after today) were left out.", log.later_rows));
    }
    if log.later_customers > 0 {
        notes.push(format!(
            "{} customers first bought after the calibration end, so they are not in the cohort.",
            log.later_customers
        ));
    }
    if log.holdout_weeks == 0.0 {
        notes.push("There is no holdout period (no purchases after the calibration end), so the holdout table is empty of purchases.".into());
    }
    let (gamma_gamma, gamma_gamma_note) = match &models.spend {
        Ok(f) => (
            Some(GammaGammaParams {
                p: f.params.p,
                q: f.params.q,
                gamma: f.params.gamma,
                log_likelihood: f.log_likelihood,
                customers: f.customers as u64,
            }),
            None,
        ),
        Err(e) => (None, Some(e.to_string())),
    };
    let p = models.bgnbd.params;
    Ok(PurchaseLogModel {
        file: path.display().to_string(),
        calibration_end: calibration.to_string(),
        holdout_end: holdout_end.to_string(),
        holdout_weeks: log.holdout_weeks,
        rows: log.rows,
        customers: log.customers.len() as u64,
        repeat_buyers: log.customers.iter().filter(|c| c.x > 0).count() as u64,
        transactions: log.transactions,
        notes,
        r: p.r,
        alpha: p.alpha,
        a: p.a,
        b: p.b,
        log_likelihood: models.bgnbd.log_likelihood,
        iterations: models.bgnbd.iterations,
        gamma_gamma,
        gamma_gamma_note,
        holdout: models
            .holdout
            .iter()
            .map(|h| HoldoutRow {
                x: h.label.clone(),
                customers: h.customers,
                actual: h.actual_mean,
                predicted: h.predicted_mean,
            })
            .collect(),
    })
}

/// What `storeloop bench --bgnbd` measured: fitting BG/NBD to every customer of a summary file,
/// and scoring all of them (52-week expected purchases and P(alive)). Not a UI type.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BgNbdBench {
    pub file: String,
    pub customers: u64,
    pub repeat_buyers: u64,
    pub runs: usize,
    pub fit_seconds: Vec<f64>,
    pub score_seconds: Vec<f64>,
    pub fit_best_seconds: f64,
    pub score_best_seconds: f64,
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
    pub log_likelihood: f64,
    pub iterations: u32,
    /// Sum of the 52-week expectations: a check that scoring did the work.
    pub expected_purchases_52w: f64,
}

/// Times the fit and the scoring on a `x,t_x,T` file (weeks), `runs` times each.
pub fn bench_bgnbd(path: &Path, runs: usize) -> Result<BgNbdBench, ApiError> {
    use crate::intel::bgnbd::{BgNbd, Rfm};
    use std::time::Instant;

    let name = path.display().to_string();
    let bad = |line: u64, why: String| ApiError::new(ErrorKind::InvalidInput, format!("{name}, line {line}: {why}"));
    let mut reader = csv::Reader::from_path(path).map_err(|e| ApiError::new(ErrorKind::Io, format!("{name}: {e}")))?;
    let mut customers = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let row = row.map_err(|e| bad(line, e.to_string()))?;
        let num = |k: usize| -> Result<f64, ApiError> {
            row.get(k)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .ok_or_else(|| bad(line, format!("column {} is not a number", k + 1)))
        };
        let x = num(0)?;
        if x < 0.0 || x.fract() != 0.0 || x > f64::from(u32::MAX) {
            return Err(bad(line, format!("x = {x} is not a whole count")));
        }
        customers.push(Rfm { x: x as u32, t_x: num(1)?, t: num(2)? });
    }
    let runs = runs.max(1);
    let mut fit_seconds = Vec::with_capacity(runs);
    let mut score_seconds = Vec::with_capacity(runs);
    let mut fit = None;
    let mut total = 0.0;
    for _ in 0..runs {
        let started = Instant::now();
        let f = BgNbd::fit(&customers)?;
        fit_seconds.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        let scores = crate::intel::parallel::map(&customers, |c| {
            (f.params.expected_purchases(c, 52.0).unwrap_or(f64::NAN), f.params.p_alive(c))
        });
        score_seconds.push(started.elapsed().as_secs_f64());
        total = scores.iter().map(|s| s.0).sum();
        fit = Some(f);
    }
    let f = fit.ok_or_else(|| ApiError::new(ErrorKind::Internal, "no benchmark run"))?;
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    Ok(BgNbdBench {
        file: name,
        customers: customers.len() as u64,
        repeat_buyers: customers.iter().filter(|c| c.x > 0).count() as u64,
        runs,
        fit_best_seconds: best(&fit_seconds),
        score_best_seconds: best(&score_seconds),
        fit_seconds,
        score_seconds,
        r: f.params.r,
        alpha: f.params.alpha,
        a: f.params.a,
        b: f.params.b,
        log_likelihood: f.log_likelihood,
        iterations: f.iterations,
        expected_purchases_52w: total,
    })
}
