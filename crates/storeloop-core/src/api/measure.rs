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

impl super::Storeloop {
    /// Every flow that has had recipients, measured with its default window.
    pub fn measure_flows(&self) -> Result<Vec<FlowMeasurement>, ApiError> {
        let mut out = Vec::new();
        for f in self.flows_list()? {
            out.push(self.measure_flow(&f.slug, None)?);
        }
        Ok(out)
    }

    /// A flow's results against its holdout over the conversion window (default: 5 days for
    /// cart and browse flows, 30 for the others).
    pub fn measure_flow(&self, slug: &str, window_days: Option<u32>) -> Result<FlowMeasurement, ApiError> {
        use crate::flows::model::Trigger;
        let flow_id = self.store.flow_id(slug)?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, format!("There is no flow `{slug}`: `storeloop flows list` shows them."))
        })?;
        let def = self.flow_definition_of(slug)?;
        let days = window_days.unwrap_or(match def.trigger {
            Trigger::CheckoutAbandoned | Trigger::ProductViewedWithoutAdd => 5,
            _ => 30,
        });
        if days == 0 || days > 365 {
            return Err(ApiError::new(
                ErrorKind::InvalidInput,
                format!("A conversion window is 1 to 365 days, not {days}."),
            ));
        }
        let currency = self.store.settings()?.map(|s| s.currency).unwrap_or_else(|| "USD".into());
        let digits = crate::import::fields::minor_digits(&currency).unwrap_or(2);
        let scale = 10f64.powi(digits as i32);
        let money_text = |v: f64| format!("{currency} {:.*}", digits as usize, v);
        let money = |minor: i64| super::dto::Money { minor, currency: currency.clone() };
        let rows = self.store.recipients(flow_id, i64::from(days) * 86_400)?;

        let mut groups = [Groups::default(), Groups::default()]; // holdout, treatment
        let mut by_segment: std::collections::BTreeMap<String, [Sample; 2]> = Default::default();
        let (mut leak_orders, mut leak_cost) = (0u64, 0i64);
        for r in &rows {
            let g = &mut groups[usize::from(!r.holdout)];
            let margin = r.revenue_minor - r.unit_cost_minor - r.shipping_cost_minor - r.refunds_minor;
            g.conversion.push(if r.orders > 0 { 1.0 } else { 0.0 });
            g.revenue.push(r.revenue_minor as f64 / scale);
            g.margin.push(margin as f64 / scale);
            g.orders += r.orders;
            g.discounted += r.discounted_orders;
            g.discount += r.discount_minor;
            g.units += r.units;
            g.refunded += r.units_refunded;
            g.revenue_minor += r.revenue_minor;
            by_segment.entry(r.segment.clone()).or_default()[usize::from(!r.holdout)].push(margin as f64 / scale);
            if !r.holdout && r.segment == "a" && r.discounted_orders > 0 {
                leak_orders += r.discounted_orders as u64;
                leak_cost += r.discount_minor;
            }
        }
        let rates = |g: &Groups| GroupRates {
            recipients: g.conversion.n as u64,
            conversion_rate: g.conversion.mean(),
            discount_rate: if g.orders > 0 { g.discounted as f64 / g.orders as f64 } else { 0.0 },
            discount_cost: money(g.discount),
            return_rate: if g.units > 0 { g.refunded as f64 / g.units as f64 } else { 0.0 },
            revenue: money(g.revenue_minor),
        };
        let pct = |v: f64| format!("{:.1} points", v * 100.0);
        let (h, t) = (&groups[0], &groups[1]);
        let (sent, unsub, complaints) = self.store.flow_mail(flow_id)?;
        let per_sent = |n: i64| if sent > 0 { n as f64 / sent as f64 } else { 0.0 };
        let segment_name = |s: &str| match s {
            "a" => "Usually pays full price (A)",
            "b" => "Waits for a discount (B)",
            "c" => "New here (C)",
            _ => "Everyone else",
        };
        let enrolments: i64 = rows.iter().map(|r| r.enrolments).sum();
        let mut notes = vec![format!(
            "Counted per customer, because the {}% holdout is chosen per customer: {} customers entered {} times; an order in any of their windows counts once. The holdout went through the same decisions and was sent nothing.",
            def.holdout_percent,
            rows.len(),
            enrolments
        )];
        if rows.is_empty() {
            notes.push(
                "Nobody has entered this flow yet: launch it, and results appear as customers go through it.".into(),
            );
        }
        notes.push("Last-click revenue by UTM is not shown yet: orders do not carry the link they came from until the store is synced (issue 9).".into());
        Ok(FlowMeasurement {
            slug: slug.to_owned(),
            name: def.name.clone(),
            window_days: days,
            currency: currency.clone(),
            treatment: rates(t),
            holdout: rates(h),
            conversion: lift_report("conversion", &h.conversion, &t.conversion, None, &pct),
            revenue: lift_report("revenue per recipient", &h.revenue, &t.revenue, None, &money_text),
            margin: lift_report("margin per recipient", &h.margin, &t.margin, None, &money_text),
            emails_sent: sent.max(0) as u64,
            unsubscribe_rate: per_sent(unsub),
            complaint_rate: per_sent(complaints),
            leakage_orders: leak_orders,
            leakage_cost: money(leak_cost),
            segments: by_segment
                .iter()
                .map(|(s, [hold, treat])| SegmentLift {
                    segment: s.clone(),
                    name: segment_name(s).to_owned(),
                    margin: lift_report("margin per recipient", hold, treat, None, &money_text),
                })
                .collect(),
            notes,
        })
    }
}

/// One group's sums.
#[derive(Debug, Default)]
struct Groups {
    conversion: Sample,
    revenue: Sample,
    margin: Sample,
    orders: i64,
    discounted: i64,
    discount: i64,
    units: i64,
    refunded: i64,
    revenue_minor: i64,
}
