//! The façade's measurement: lift of a treatment over its holdout from a per-customer file
//! (`storeloop measure lift`), in GrowthBook's frequentist way, with a verdict that says "not
//! enough data yet" rather than show noise as a result.

use std::path::Path;

use super::error::{ApiError, ErrorKind};
use super::measure_dto::*;
use crate::measure::lift::{self, Lift, Sample};
use crate::measure::table;

const ALPHA: f64 = 0.05;
const POWER: f64 = 0.8;
/// Fewer recipients than this in a group and nothing is called a result.
const MIN_GROUP: f64 = 30.0;
/// The smallest lift worth detecting, relative to the holdout's mean.
const TARGET_RELATIVE_LIFT: f64 = 0.10;

fn interval(l: &Lift) -> LiftInterval {
    LiftInterval { estimate: l.estimate, low: l.low, high: l.high, p_value: l.p_value }
}

/// Lifts, significance and the verdict for two groups.
pub(crate) fn lift_report(
    metric: &str,
    holdout: &Sample,
    treatment: &Sample,
    cuped: Option<CupedLift>,
    money: &dyn Fn(f64) -> String,
) -> LiftReport {
    let absolute = lift::ttest(holdout, treatment, false, ALPHA).ok();
    // None when the holdout's mean is zero (no baseline), or too few or no variation.
    let relative = lift::ttest(holdout, treatment, true, ALPHA).ok();
    let delta = TARGET_RELATIVE_LIFT * holdout.mean().abs();
    let needed = lift::recipients_needed(holdout.variance(), treatment.variance(), delta, ALPHA, POWER);
    let smallest = holdout.n.min(treatment.n);
    let clear = smallest >= MIN_GROUP && absolute.is_some_and(|a| a.p_value < ALPHA);
    let powered = needed.is_some_and(|n| smallest >= n);
    let enough = smallest >= MIN_GROUP && (clear || powered);
    let more = if enough {
        None
    } else {
        Some(needed.map_or(MIN_GROUP - smallest, |n| n.max(MIN_GROUP) - smallest).max(0.0) as u64)
    };
    let significant = clear;
    let verdict = match &absolute {
        None => "Not enough data yet: each group needs at least two recipients.".to_owned(),
        Some(a) if clear && a.estimate > 0.0 => format!(
            "The flow adds {} per recipient (95% interval {} to {}).",
            money(a.estimate),
            money(a.low),
            money(a.high)
        ),
        Some(a) if clear => format!(
            "The flow loses {} per recipient (95% interval {} to {}).",
            money(-a.estimate),
            money(a.low),
            money(a.high)
        ),
        Some(_) if !enough => format!(
            "Not enough data yet: about {} more recipients in each group are needed to tell a 10% lift from noise.",
            more.unwrap_or(0)
        ),
        Some(a) => format!(
            "No clear difference: per recipient the flow adds between {} and {} (95% interval).",
            money(a.low),
            money(a.high)
        ),
    };
    LiftReport {
        metric: metric.to_owned(),
        holdout: GroupSummary { recipients: holdout.n as u64, mean: holdout.mean() },
        treatment: GroupSummary { recipients: treatment.n as u64, mean: treatment.mean() },
        absolute: absolute.as_ref().map(interval),
        relative: relative.as_ref().map(interval),
        cuped,
        significant,
        enough_data: enough,
        more_recipients_needed: more,
        verdict,
    }
}

/// Lift of treatment over holdout in a per-customer CSV file (`group` and the metric's column;
/// with `cuped`, also `pre_<metric>`).
pub fn measure_lift_file(path: &Path, metric: &str, cuped: bool) -> Result<LiftReport, ApiError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        let kind = if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
        ApiError::new(kind, format!("Could not read {name}: {e}"))
    })?;
    let metric = metric.trim().to_ascii_lowercase();
    let groups =
        table::read(&text, &metric).map_err(|e| ApiError::new(ErrorKind::InvalidInput, format!("{name}: {e}.")))?;
    let cuped_lift = if cuped {
        if !groups.has_pre {
            return Err(ApiError::new(
                ErrorKind::InvalidInput,
                format!("{name}: CUPED needs a `pre_{metric}` column with each customer's value before the test."),
            ));
        }
        let (abs, theta) = lift::ttest_cuped(&groups.holdout, &groups.treatment, false, ALPHA)
            .map_err(|e| ApiError::new(ErrorKind::InvalidInput, format!("{name}: {e}.")))?;
        let rel = lift::ttest_cuped(&groups.holdout, &groups.treatment, true, ALPHA).ok().map(|(l, _)| interval(&l));
        Some(CupedLift { theta, absolute: interval(&abs), relative: rel })
    } else {
        None
    };
    let plain = |v: f64| format!("{v:.2}");
    Ok(lift_report(&metric, &groups.holdout.post, &groups.treatment.post, cuped_lift, &plain))
}
