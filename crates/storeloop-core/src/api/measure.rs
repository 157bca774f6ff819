//! The façade's measurement: lift of a treatment over its holdout from a per-customer file
//! (`storeloop measure lift`), in GrowthBook's frequentist way, with a verdict that says "not
//! enough data yet" rather than show noise as a result.

use std::path::Path;

use super::error::{ApiError, ErrorKind};
use super::measure_dto::*;
use crate::measure::lift::{self, Lift, Sample};
use crate::measure::table;

const ALPHA: f64 = 0.05;
const DAY: i64 = 86_400;
/// CUPED adjusts by each recipient's revenue over this many days before they first entered.
const PRE_DAYS: i64 = 90;
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
    let (nh, nt) = (holdout.n, treatment.n);
    let share = if nh > 0.0 && nt > 0.0 { nh / (nh + nt) } else { 0.5 };
    let needed = lift::recipients_needed(holdout.variance(), treatment.variance(), share, delta, ALPHA, POWER);
    let smallest = nh.min(nt);
    let clear = smallest >= MIN_GROUP && absolute.is_some_and(|a| a.p_value < ALPHA);
    let powered = needed.is_some_and(|n| nh + nt >= n);
    let enough = smallest >= MIN_GROUP && (clear || powered);
    let more = if enough {
        None
    } else {
        // At least MIN_GROUP in the smaller group, in today's proportions.
        let floor = MIN_GROUP / share.min(1.0 - share);
        Some((needed.unwrap_or(0.0).max(floor) - nh - nt).max(1.0).ceil() as u64)
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
            "Not enough data yet: about {} more recipients (both groups together) are needed to tell a 10% lift from noise.",
            super::group(more.unwrap_or(0))
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
    /// Every flow, measured with its default window. The flows are measured side by side on
    /// the machine's cores, each extra worker on its own read-only connection.
    pub fn measure_flows(&self) -> Result<Vec<FlowMeasurement>, ApiError> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let slugs: Vec<String> = self.flows_list()?.into_iter().map(|f| f.slug).collect();
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(slugs.len()).max(1);
        let next = AtomicUsize::new(0);
        let work = |app: &super::Storeloop| -> Vec<(usize, Result<FlowMeasurement, ApiError>)> {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slug) = slugs.get(i) else { return done };
                done.push((i, app.measure_flow(slug, None)));
            }
        };
        let dir =
            crate::paths::DataDir { path: self.store.dir().to_path_buf(), source: crate::paths::DataDirSource::Flag };
        let mut results: Vec<Option<Result<FlowMeasurement, ApiError>>> = (0..slugs.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..workers)
                .map(|_| {
                    let (dir, clock, work) = (&dir, std::sync::Arc::clone(&self.clock), &work);
                    scope.spawn(move || match super::Storeloop::open_read_only(dir, clock) {
                        Ok(app) => work(&app),
                        // This worker bows out; the others (and this thread) take its share.
                        Err(_) => Vec::new(),
                    })
                })
                .collect();
            let mut all = work(self);
            for h in helpers {
                all.extend(h.join().unwrap_or_default());
            }
            for (i, r) in all {
                results[i] = Some(r);
            }
        });
        results.into_iter().zip(&slugs).map(|(r, slug)| r.unwrap_or_else(|| self.measure_flow(slug, None))).collect()
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
        let money_text = |v: f64| money_words(&currency, digits, v);
        let money = |minor: i64| super::dto::Money { minor, currency: currency.clone() };
        let rows = self.store.recipients(flow_id, i64::from(days) * DAY, PRE_DAYS * DAY)?;

        let mut groups = [Groups::default(), Groups::default()]; // holdout, treatment
                                                                 // Per segment and group: margin, revenue, conversion.
        let mut by_segment: std::collections::BTreeMap<String, [[Sample; 2]; 3]> = Default::default();
        let (mut leak_orders, mut leak_cost) = (0u64, 0i64);
        for r in &rows {
            let g = &mut groups[usize::from(!r.holdout)];
            let margin = r.revenue_minor - r.unit_cost_minor - r.shipping_cost_minor - r.refunds_minor;
            g.conversion.push(if r.orders > 0 { 1.0 } else { 0.0 });
            g.revenue.push(r.revenue_minor as f64 / scale);
            g.margin.push(margin as f64 / scale);
            g.margin_pre.push(margin as f64 / scale, r.pre_revenue_minor as f64 / scale);
            g.orders += r.orders;
            g.discounted += r.discounted_orders;
            g.discount += r.discount_minor;
            g.units += r.units;
            g.refunded += r.units_refunded;
            g.revenue_minor += r.revenue_minor;
            let seg = by_segment.entry(r.segment.clone()).or_default();
            let gi = usize::from(!r.holdout);
            seg[0][gi].push(margin as f64 / scale);
            seg[1][gi].push(r.revenue_minor as f64 / scale);
            seg[2][gi].push(if r.orders > 0 { 1.0 } else { 0.0 });
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
        let mail = self.store.flow_mail_times(flow_id)?;
        let count = |k: char| mail.iter().filter(|(_, c)| *c == k).count() as i64;
        let (sent, unsub, complaints) = (count('s'), count('u'), count('c'));
        let per_sent = |n: i64| if sent > 0 { n as f64 / sent as f64 } else { 0.0 };
        let segment_name = |s: &str| match s {
            "a" => "Usually pays full price (A)",
            "b" => "Waits for a discount (B)",
            "c" => "New here (C)",
            _ => "Everyone else",
        };
        let enrolments: i64 = rows.iter().map(|r| r.enrolments).sum();

        // Pace: customers entering per week over the last four weeks with entries (or all of them).
        let first = rows.iter().map(|r| r.entered_at).min().unwrap_or(0);
        let last = rows.iter().map(|r| r.entered_at).max().unwrap_or(0);
        let recent_from = (last - 28 * DAY).max(first);
        let recent = rows.iter().filter(|r| r.entered_at >= recent_from).count() as f64;
        let per_week =
            if rows.is_empty() { 0.0 } else { recent * 7.0 * DAY as f64 / ((last - recent_from).max(DAY) as f64) };
        let with_pace = |mut l: LiftReport| {
            if let (Some(more), true) = (l.more_recipients_needed, per_week > 0.0) {
                let weeks = (more as f64 / per_week).ceil().max(1.0) as u64;
                let pace = per_week.round().max(1.0) as u64;
                if weeks > 52 {
                    l.verdict.push_str(&format!(
                        " At this flow's pace (about {} new customers a week) that is more than a year: at this store's size a 10% lift is too small to see. A larger holdout shortens the wait, at the cost of more customers not getting the email.",
                        super::group(pace)
                    ));
                } else {
                    l.verdict.push_str(&format!(
                        " At this flow's pace (about {} new customers a week) that is about {} more week{}.",
                        super::group(pace),
                        weeks,
                        if weeks == 1 { "" } else { "s" }
                    ));
                }
            }
            l
        };

        // A/B arms: each arm's treatment against the holdout customers given the same arm.
        let arm_of = self.store.flow_arms(flow_id)?;
        let mut by_arm: std::collections::BTreeMap<&str, [[Sample; 2]; 2]> = Default::default();
        for r in &rows {
            if let Some(arm) = arm_of.get(&r.customer_id) {
                let g = usize::from(!r.holdout);
                let e = by_arm.entry(arm.as_str()).or_default();
                e[0][g].push(
                    (r.revenue_minor - r.unit_cost_minor - r.shipping_cost_minor - r.refunds_minor) as f64 / scale,
                );
                e[1][g].push(r.revenue_minor as f64 / scale);
            }
        }
        let arms = by_arm
            .iter()
            .map(|(arm, [m, rv])| {
                // Arms chosen as the email is built (subject-line tests) have no holdout of their
                // own: the holdout was never emailed. They are held against the whole holdout.
                let (hm, hr) = if m[0].n > 0.0 { (&m[0], &rv[0]) } else { (&h.margin, &h.revenue) };
                ArmLift {
                    arm: (*arm).to_owned(),
                    margin: with_pace(lift_report("margin per recipient", hm, &m[1], None, &money_text)),
                    revenue: lift_report("revenue per recipient", hr, &rv[1], None, &money_text),
                }
            })
            .collect();

        // Week by week, by first entry.
        let week_of = |at: i64| ((at - first).max(0) / (7 * DAY)) as usize;
        let n_weeks = if rows.is_empty() { 0 } else { week_of(last) + 1 };
        let mut weeks: Vec<WeekPoint> = (0..n_weeks)
            .map(|w| WeekPoint {
                week_start: crate::time::rfc3339(first + w as i64 * 7 * DAY)[..10].to_owned(),
                treatment_recipients: 0,
                holdout_recipients: 0,
                treatment_revenue_per_recipient: 0.0,
                holdout_revenue_per_recipient: 0.0,
                treatment_margin_per_recipient: 0.0,
                holdout_margin_per_recipient: 0.0,
                discount_spend: 0.0,
                emails_sent: 0,
                unsubscribes: 0,
                cumulative_margin: None,
            })
            .collect();
        let mut order: Vec<&crate::store::RecipientRow> = rows.iter().collect();
        order.sort_by_key(|r| r.entered_at);
        let mut cumulative = [Sample::default(), Sample::default()];
        let mut next = 0;
        for (w, point) in weeks.iter_mut().enumerate() {
            let (mut rev, mut mar) = ([0i64; 2], [0i64; 2]);
            while next < order.len() && week_of(order[next].entered_at) == w {
                let r = order[next];
                let g = usize::from(!r.holdout);
                let margin = r.revenue_minor - r.unit_cost_minor - r.shipping_cost_minor - r.refunds_minor;
                rev[g] += r.revenue_minor;
                mar[g] += margin;
                if g == 1 {
                    point.treatment_recipients += 1;
                    point.discount_spend += r.discount_minor as f64 / scale;
                } else {
                    point.holdout_recipients += 1;
                }
                cumulative[g].push(margin as f64 / scale);
                next += 1;
            }
            let per = |sum: i64, n: u64| if n > 0 { sum as f64 / scale / n as f64 } else { 0.0 };
            point.treatment_revenue_per_recipient = per(rev[1], point.treatment_recipients);
            point.holdout_revenue_per_recipient = per(rev[0], point.holdout_recipients);
            point.treatment_margin_per_recipient = per(mar[1], point.treatment_recipients);
            point.holdout_margin_per_recipient = per(mar[0], point.holdout_recipients);
            point.cumulative_margin =
                lift::ttest(&cumulative[0], &cumulative[1], false, ALPHA).ok().as_ref().map(interval);
        }
        for (at, kind) in &mail {
            if let Some(p) = weeks.get_mut(week_of(*at)).filter(|_| *at >= first) {
                match kind {
                    's' => p.emails_sent += 1,
                    'u' => p.unsubscribes += 1,
                    _ => {}
                }
            }
        }

        // Last click beside incrementality.
        let (lc_orders, lc_revenue) = if rows.is_empty() { (0, 0) } else { self.store.last_click(slug, first)? };
        let revenue = lift_report("revenue per recipient", &h.revenue, &t.revenue, None, &money_text);
        let n_t = t.conversion.n;
        let incremental = revenue.absolute.map(|a| LiftInterval {
            estimate: a.estimate * n_t,
            low: a.low * n_t,
            high: a.high * n_t,
            p_value: a.p_value,
        });
        let explanation = match &incremental {
            Some(i) => format!(
                "Last click credits the flow with {} from {} orders that came through its links, including orders that would have come anyway; the holdout says it added {} (95% interval {} to {}).",
                money_text(lc_revenue as f64 / scale),
                lc_orders,
                money_text(i.estimate),
                money_text(i.low),
                money_text(i.high)
            ),
            None => format!(
                "Last click credits the flow with {} from {} orders that came through its links; what it added cannot be said until both groups have recipients.",
                money_text(lc_revenue as f64 / scale),
                lc_orders
            ),
        };

        // CUPED: the same lift with each customer's margin before they entered taken out.
        let cuped = lift::ttest_cuped(&h.margin_pre, &t.margin_pre, false, ALPHA).ok().map(|(abs, theta)| CupedLift {
            theta,
            absolute: interval(&abs),
            relative: lift::ttest_cuped(&h.margin_pre, &t.margin_pre, true, ALPHA).ok().map(|(l, _)| interval(&l)),
        });
        let mut notes = vec![format!(
            "Counted per customer, because the {}% holdout is chosen per customer: {} customers entered {} times; an order in any of their windows counts once. The holdout went through the same decisions and was sent nothing.",
            def.holdout_percent,
            rows.len(),
            enrolments
        )];
        if let (Some(c), Ok(a)) = (&cuped, lift::ttest(&h.margin, &t.margin, false, ALPHA)) {
            let narrower = 1.0 - (c.absolute.high - c.absolute.low) / (a.high - a.low);
            if narrower.is_finite() {
                notes.push(format!(
                    "Adjusted for what each customer spent in the {PRE_DAYS} days before entering (CUPED), margin per recipient is {} (95% interval {} to {}), an interval {:.0}% {} than without.",
                    money_text(c.absolute.estimate),
                    money_text(c.absolute.low),
                    money_text(c.absolute.high),
                    narrower.abs() * 100.0,
                    if narrower >= 0.0 { "narrower" } else { "wider" }
                ));
            }
        }
        if rows.is_empty() {
            notes.push(
                "Nobody has entered this flow yet: launch it, and results appear as customers go through it.".into(),
            );
        }
        Ok(FlowMeasurement {
            slug: slug.to_owned(),
            name: def.name.clone(),
            window_days: days,
            currency: currency.clone(),
            treatment: rates(t),
            holdout: rates(h),
            conversion: with_pace(lift_report("conversion", &h.conversion, &t.conversion, None, &pct)),
            revenue: with_pace(revenue),
            margin: with_pace(lift_report("margin per recipient", &h.margin, &t.margin, cuped, &money_text)),
            emails_sent: sent.max(0) as u64,
            unsubscribe_rate: per_sent(unsub),
            complaint_rate: per_sent(complaints),
            leakage_orders: leak_orders,
            leakage_cost: money(leak_cost),
            segments: by_segment
                .iter()
                .map(|(s, [m, rv, cv])| SegmentLift {
                    segment: s.clone(),
                    name: segment_name(s).to_owned(),
                    margin: lift_report("margin per recipient", &m[0], &m[1], None, &money_text),
                    revenue: lift_report("revenue per recipient", &rv[0], &rv[1], None, &money_text),
                    conversion: lift_report("conversion", &cv[0], &cv[1], None, &pct),
                })
                .collect(),
            arms,
            weeks,
            recipients_per_week: per_week,
            last_click: LastClick {
                orders: lc_orders.max(0) as u64,
                revenue: money(lc_revenue),
                incremental_revenue: incremental,
                explanation,
            },
            notes,
        })
    }
}

/// "EUR 4,308.78", "EUR -12.50": an amount in the major unit with grouped thousands.
pub(super) fn money_words(currency: &str, digits: u32, v: f64) -> String {
    let text = format!("{:.*}", digits as usize, v.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let whole = super::group(whole.parse().unwrap_or(0));
    let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
    match fraction {
        Some(f) => format!("{currency} {sign}{whole}.{f}"),
        None => format!("{currency} {sign}{whole}"),
    }
}

/// One group's sums.
#[derive(Debug, Default)]
struct Groups {
    conversion: Sample,
    revenue: Sample,
    margin: Sample,
    /// Margin with the pre-period revenue beside it, for CUPED.
    margin_pre: lift::Paired,
    orders: i64,
    discounted: i64,
    discount: i64,
    units: i64,
    refunded: i64,
    revenue_minor: i64,
}

#[cfg(test)]
mod tests {
    use super::money_words;

    #[test]
    fn amounts_in_words_group_thousands_and_keep_the_sign() {
        assert_eq!(money_words("EUR", 2, 4308.784), "EUR 4,308.78");
        assert_eq!(money_words("EUR", 2, -4148.79), "EUR -4,148.79");
        assert_eq!(money_words("EUR", 2, -0.001), "EUR 0.00");
        assert_eq!(money_words("JPY", 0, 1_234_567.0), "JPY 1,234,567");
    }
}
