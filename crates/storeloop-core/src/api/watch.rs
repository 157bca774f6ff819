//! Watching flows by what they are for: each flow's failure metric is checked against its
//! threshold (once a day by the app, or on demand), crossing it raises an alert and, when the
//! owner chose so, pauses the flow; and the weekly digest puts the week on one screen.

use super::error::{ApiError, ErrorKind};
use super::measure_dto::*;

const DAY: i64 = 86_400;
const ALERTS_KEY: &str = "measure.alerts";
const LAST_WATCH_KEY: &str = "measure.last_watch";
/// How many alerts are kept for the digest.
const KEEP_ALERTS: usize = 100;
/// The same flow and metric alert again only after this long.
const REALERT: i64 = 7 * DAY;
/// Rates per email are judged only after this many emails (as the automatic pause is).
const MIN_EMAILS: u64 = crate::flows::guard::AUTO_PAUSE_MIN_MESSAGES;
/// Rates per recipient only after this many recipients.
const MIN_RECIPIENTS: u64 = 30;

pub const SUCCESS_METRICS: [&str; 3] = ["margin_per_recipient", "revenue_per_recipient", "conversion"];
pub const FAILURE_METRICS: [&str; 5] =
    ["unsubscribe_rate", "complaint_rate", "return_rate", "discount_rate", "margin_loss"];

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

pub(super) fn watch_key(slug: &str) -> String {
    format!("watch.{slug}")
}

impl Default for FlowWatch {
    fn default() -> Self {
        Self {
            success_metric: "margin_per_recipient".into(),
            failure_metric: "unsubscribe_rate".into(),
            failure_threshold: 0.005,
            pause_on_failure: false,
        }
    }
}

pub(super) fn metric_words(m: &str) -> &'static str {
    match m {
        "margin_per_recipient" => "margin per recipient",
        "revenue_per_recipient" => "revenue per recipient",
        "conversion" => "conversion",
        "unsubscribe_rate" => "unsubscribe rate",
        "complaint_rate" => "complaint rate",
        "return_rate" => "return rate",
        "discount_rate" => "share of orders with a discount",
        "margin_loss" => "margin lost to the flow",
        _ => "metric",
    }
}

impl super::Storeloop {
    /// What a flow is judged by (defaults until the owner sets them).
    pub fn flow_watch(&self, slug: &str) -> Result<FlowWatch, ApiError> {
        self.store.flow_id(slug)?.ok_or_else(|| {
            ApiError::new(ErrorKind::NotFound, format!("There is no flow `{slug}`: `storeloop flows list` shows them."))
        })?;
        Ok(self.store.setting(&watch_key(slug))?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
    }

    /// Sets what a flow is judged by.
    pub fn save_flow_watch(&mut self, slug: &str, watch: &FlowWatch) -> Result<FlowWatch, ApiError> {
        self.flow_watch(slug)?;
        if !SUCCESS_METRICS.contains(&watch.success_metric.as_str()) {
            return Err(invalid(format!(
                "The success metric `{}` is not one Storeloop measures: choose {}.",
                watch.success_metric,
                SUCCESS_METRICS.join(", ")
            )));
        }
        if !FAILURE_METRICS.contains(&watch.failure_metric.as_str()) {
            return Err(invalid(format!(
                "The failure metric `{}` is not one Storeloop measures: choose {}.",
                watch.failure_metric,
                FAILURE_METRICS.join(", ")
            )));
        }
        let t = watch.failure_threshold;
        if watch.failure_metric != "margin_loss" && !(t > 0.0 && t < 1.0) {
            return Err(invalid(format!("The failure threshold is a share between 0 and 1 (0.005 is 0.5%), not {t}.")));
        }
        let json = serde_json::to_string(watch).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.set_setting(&watch_key(slug), &json)?;
        Ok(watch.clone())
    }

    /// Checks every live flow's failure metric now: an alert for each one past its threshold
    /// (once a week per flow and metric), and a pause where the owner asked for one.
    pub fn watch_flows(&mut self) -> Result<Vec<FlowAlert>, ApiError> {
        let now = self.clock.now().as_second();
        let mut kept = self.recent_alerts()?;
        let mut raised = Vec::new();
        for f in self.flows_list()? {
            if f.status != "live" {
                continue;
            }
            let watch = self.flow_watch(&f.slug)?;
            let m = self.measure_flow(&f.slug, None)?;
            let Some((value, crossed)) = failure_value(&m, &watch) else { continue };
            if !crossed {
                continue;
            }
            let recent = kept.iter().any(|a| {
                a.slug == f.slug
                    && a.metric == watch.failure_metric
                    && crate::time::parse_rfc3339(&a.at).is_some_and(|t| now - t < REALERT)
            });
            if recent {
                continue;
            }
            let shown = |v: f64| {
                if watch.failure_metric == "margin_loss" {
                    format!("{v:.2} {} per recipient", m.currency)
                } else {
                    format!("{:.2}%", v * 100.0)
                }
            };
            let mut message = if watch.failure_metric == "margin_loss" {
                format!("{} loses money: its margin lift is {} and clearly below zero.", m.name, shown(value))
            } else {
                format!(
                    "{}: the {} is {}, past its limit of {}.",
                    m.name,
                    metric_words(&watch.failure_metric),
                    shown(value),
                    shown(watch.failure_threshold)
                )
            };
            if watch.pause_on_failure {
                self.pause_flow(&f.slug)?;
                message.push_str(" The flow is paused: look at it, then resume it on its page.");
            } else {
                message.push_str(" Look at the flow: pause it on its page if this is not expected.");
            }
            let id = self.store.flow_id(&f.slug)?.unwrap_or_default();
            self.log_flow(id, "alert", &message)?;
            raised.push(FlowAlert {
                slug: f.slug.clone(),
                name: m.name.clone(),
                metric: watch.failure_metric.clone(),
                value,
                threshold: watch.failure_threshold,
                at: crate::time::rfc3339(now),
                paused: watch.pause_on_failure,
                message,
            });
        }
        kept.extend(raised.iter().cloned());
        let start = kept.len().saturating_sub(KEEP_ALERTS);
        let json =
            serde_json::to_string(&kept[start..]).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.set_setting(ALERTS_KEY, &json)?;
        self.store.set_setting(LAST_WATCH_KEY, &now.to_string())?;
        Ok(raised)
    }

    /// Runs [`Self::watch_flows`] when it has not run for a day (the app's scheduler calls this).
    pub fn watch_flows_if_due(&mut self) -> Result<Option<Vec<FlowAlert>>, ApiError> {
        let now = self.clock.now().as_second();
        let last: i64 = self.store.setting(LAST_WATCH_KEY)?.and_then(|s| s.parse().ok()).unwrap_or(0);
        if now - last < DAY {
            return Ok(None);
        }
        self.watch_flows().map(Some)
    }

    pub(super) fn recent_alerts(&self) -> Result<Vec<FlowAlert>, ApiError> {
        Ok(self.store.setting(ALERTS_KEY)?.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
    }

    /// The last seven days on one screen: each flow that has run, its week and its results so
    /// far, and the alerts of the week.
    pub fn weekly_digest(&self) -> Result<WeeklyDigest, ApiError> {
        let now = self.clock.now().as_second();
        let from = now - 7 * DAY;
        let currency = self.store.settings()?.map(|s| s.currency).unwrap_or_else(|| "USD".into());
        let mut flows = Vec::new();
        // Every flow measured at once, on all cores.
        let mut measured: std::collections::HashMap<String, FlowMeasurement> =
            self.measure_flows()?.into_iter().map(|m| (m.slug.clone(), m)).collect();
        for f in self.flows_list()? {
            let Some(m) = measured.remove(&f.slug) else { continue };
            let id = self.store.flow_id(&f.slug)?.unwrap_or_default();
            let (entered, sent, unsub) = self.store.flow_between(id, from, now)?;
            if f.status == "draft" && entered == 0 && m.treatment.recipients + m.holdout.recipients == 0 {
                continue;
            }
            let watch = self.flow_watch(&f.slug)?;
            let n = m.treatment.recipients as f64;
            let success = match watch.success_metric.as_str() {
                "revenue_per_recipient" => m.revenue.clone(),
                "conversion" => m.conversion.clone(),
                _ => m.margin.clone(),
            };
            flows.push(DigestFlow {
                slug: f.slug.clone(),
                name: m.name.clone(),
                status: f.status.clone(),
                new_recipients: entered.max(0) as u64,
                emails_sent: sent.max(0) as u64,
                unsubscribes: unsub.max(0) as u64,
                success_metric: watch.success_metric.clone(),
                success,
                incremental_margin: m.margin.absolute.map(|a| LiftInterval {
                    estimate: a.estimate * n,
                    low: a.low * n,
                    high: a.high * n,
                    p_value: a.p_value,
                }),
            });
        }
        let alerts: Vec<FlowAlert> = self
            .recent_alerts()?
            .into_iter()
            .filter(|a| crate::time::parse_rfc3339(&a.at).is_some_and(|t| t > from))
            .collect();
        let sent: u64 = flows.iter().map(|f| f.emails_sent).sum();
        let entered: u64 = flows.iter().map(|f| f.new_recipients).sum();
        let paying = flows
            .iter()
            .filter(|f| f.success.significant && f.success.absolute.is_some_and(|a| a.estimate > 0.0))
            .count();
        let headline = if flows.is_empty() {
            "No flow has run yet: launch one from Flows, and its week shows here.".to_owned()
        } else {
            let mut h = format!(
                "This week {} flow{} sent {} email{} to {} new customer{}; {} of them clearly pay{} off so far.",
                flows.len(),
                if flows.len() == 1 { "" } else { "s" },
                sent,
                if sent == 1 { "" } else { "s" },
                entered,
                if entered == 1 { "" } else { "s" },
                paying,
                if paying == 1 { "s" } else { "" }
            );
            if !alerts.is_empty() {
                h.push_str(&format!(
                    " {} alert{} need{} you.",
                    alerts.len(),
                    if alerts.len() == 1 { "" } else { "s" },
                    if alerts.len() == 1 { "s" } else { "" }
                ));
            }
            h
        };
        Ok(WeeklyDigest {
            from: crate::time::rfc3339(from),
            to: crate::time::rfc3339(now),
            currency,
            headline,
            flows,
            alerts,
        })
    }
}

/// The failure metric's value and whether it crossed the threshold; `None` when there is too
/// little data to judge.
fn failure_value(m: &FlowMeasurement, w: &FlowWatch) -> Option<(f64, bool)> {
    let t = w.failure_threshold;
    match w.failure_metric.as_str() {
        "unsubscribe_rate" if m.emails_sent >= MIN_EMAILS => Some((m.unsubscribe_rate, m.unsubscribe_rate > t)),
        "complaint_rate" if m.emails_sent >= MIN_EMAILS => Some((m.complaint_rate, m.complaint_rate > t)),
        "return_rate" if m.treatment.recipients >= MIN_RECIPIENTS => {
            Some((m.treatment.return_rate, m.treatment.return_rate > t))
        }
        "discount_rate" if m.treatment.recipients >= MIN_RECIPIENTS => {
            Some((m.treatment.discount_rate, m.treatment.discount_rate > t))
        }
        "margin_loss" => {
            let a = m.margin.absolute?;
            Some((a.estimate, m.margin.significant && a.estimate < 0.0))
        }
        _ => None,
    }
}
