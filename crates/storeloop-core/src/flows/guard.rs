//! The guardrail policy every flow step passes at the moment it would act (send, offer), never at
//! enrolment: consent, suppressions, open support tickets, engagement, frequency caps, quiet
//! hours, the discount policy, lateness and the kill switch. A flow may tighten the store's
//! policy (`FlowGuardrails`), never loosen it: `Policy::for_flow` takes the stricter value.

use serde::{Deserialize, Serialize};

/// The store-wide policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub frequency_cap: u32,
    pub frequency_days: u32,
    pub quiet_start_hour: u32,
    pub quiet_end_hour: u32,
    pub max_discount_percent: u32,
    pub weekly_discount_budget_minor: i64,
    pub min_margin_percent: u32,
    pub no_discount_for_segment_a: bool,
    pub no_stacking: bool,
    pub engagement_days: u32,
    pub auto_pause_unsubscribe_percent: f64,
    pub auto_pause_complaint_percent: f64,
    pub max_late_hours: u32,
    pub kill_all: bool,
    /// Product categories no email shows or recommends (compared without case).
    #[serde(default)]
    pub excluded_categories: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            frequency_cap: 3,
            frequency_days: 7,
            quiet_start_hour: 21,
            quiet_end_hour: 8,
            max_discount_percent: 15,
            weekly_discount_budget_minor: 50_000,
            min_margin_percent: 20,
            no_discount_for_segment_a: true,
            no_stacking: true,
            engagement_days: 120,
            auto_pause_unsubscribe_percent: 2.0,
            auto_pause_complaint_percent: 0.3,
            max_late_hours: 24,
            kill_all: false,
            excluded_categories: Vec::new(),
        }
    }
}

/// How long an offer stays open (for the no-stacking rule) unless an order uses it.
pub const OFFER_OPEN_DAYS: i64 = 14;

/// Messages a flow must have delivered before its rates can pause it.
pub const AUTO_PAUSE_MIN_MESSAGES: u64 = 50;

/// Per-flow tightening of the store's policy (in the flow definition's `guardrails`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "FlowGuardrails")]
pub struct FlowGuardrails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_cap: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_discount_percent: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_late_hours: Option<u32>,
}

impl FlowGuardrails {
    pub fn is_empty(&self) -> bool {
        *self == FlowGuardrails::default()
    }
}

/// Why a setting cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {why}")]
pub struct PolicyError {
    pub field: &'static str,
    pub why: String,
}

fn bad(field: &'static str, why: impl Into<String>) -> PolicyError {
    PolicyError { field, why: why.into() }
}

impl Policy {
    /// Checks every field, naming the first that cannot be used.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.frequency_cap == 0 || self.frequency_cap > 50 {
            return Err(bad("frequency_cap", "allow between 1 and 50 marketing emails per customer"));
        }
        if self.frequency_days == 0 || self.frequency_days > 90 {
            return Err(bad("frequency_days", "count sends over 1 to 90 days"));
        }
        if self.quiet_start_hour > 23 || self.quiet_end_hour > 23 {
            return Err(bad("quiet_start_hour", "quiet hours are hours of the day, 0 to 23"));
        }
        if self.max_discount_percent > 90 {
            return Err(bad("max_discount_percent", "the deepest discount can be at most 90%"));
        }
        if self.weekly_discount_budget_minor < 0 {
            return Err(bad("weekly_discount_budget", "the weekly budget cannot be negative"));
        }
        if self.min_margin_percent > 95 {
            return Err(bad("min_margin_percent", "a minimum margin above 95% would refuse every offer"));
        }
        if self.engagement_days > 3650 {
            return Err(bad("engagement_days", "use at most 3650 days (0 turns the rule off)"));
        }
        for (field, v) in [
            ("auto_pause_unsubscribe_percent", self.auto_pause_unsubscribe_percent),
            ("auto_pause_complaint_percent", self.auto_pause_complaint_percent),
        ] {
            if !v.is_finite() || v <= 0.0 || v > 100.0 {
                return Err(bad(field, "a rate between 0 and 100 percent"));
            }
        }
        if self.max_late_hours == 0 || self.max_late_hours > 24 * 14 {
            return Err(bad("max_late_hours", "between 1 hour and 14 days"));
        }
        Ok(())
    }

    /// The policy for one flow: the stricter of the store's and the flow's.
    pub fn for_flow(&self, g: &FlowGuardrails) -> Policy {
        let mut p = self.clone();
        if let Some(v) = g.frequency_cap {
            p.frequency_cap = p.frequency_cap.min(v.max(1));
        }
        if let Some(v) = g.max_discount_percent {
            p.max_discount_percent = p.max_discount_percent.min(v);
        }
        if let Some(v) = g.engagement_days {
            if v > 0 {
                p.engagement_days = if p.engagement_days == 0 { v } else { p.engagement_days.min(v) };
            }
        }
        if let Some(v) = g.max_late_hours {
            p.max_late_hours = p.max_late_hours.min(v.max(1));
        }
        p
    }

    /// Whether `hour` (local, 0–23) is inside quiet hours.
    pub fn is_quiet(&self, hour: u32) -> bool {
        let (s, e) = (self.quiet_start_hour, self.quiet_end_hour);
        if s == e {
            false
        } else if s < e {
            hour >= s && hour < e
        } else {
            hour >= s || hour < e
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_wrap_midnight() {
        let p = Policy::default();
        assert!(p.is_quiet(21) && p.is_quiet(23) && p.is_quiet(0) && p.is_quiet(7));
        assert!(!p.is_quiet(8) && !p.is_quiet(12) && !p.is_quiet(20));
        let day = Policy { quiet_start_hour: 12, quiet_end_hour: 14, ..Policy::default() };
        assert!(day.is_quiet(12) && day.is_quiet(13) && !day.is_quiet(14) && !day.is_quiet(11));
        let off = Policy { quiet_start_hour: 5, quiet_end_hour: 5, ..Policy::default() };
        assert!((0..24).all(|h| !off.is_quiet(h)));
    }

    #[test]
    fn a_flow_can_only_tighten() {
        let p = Policy::default();
        let g = FlowGuardrails {
            frequency_cap: Some(10),
            max_discount_percent: Some(5),
            engagement_days: Some(0),
            max_late_hours: Some(100),
        };
        let f = p.for_flow(&g);
        assert_eq!(f.frequency_cap, 3);
        assert_eq!(f.max_discount_percent, 5);
        assert_eq!(f.engagement_days, 120);
        assert_eq!(f.max_late_hours, 24);
    }

    #[test]
    fn bad_settings_name_the_field() {
        let p = Policy { frequency_cap: 0, ..Policy::default() };
        assert_eq!(p.validate().unwrap_err().field, "frequency_cap");
        let p = Policy { auto_pause_complaint_percent: f64::NAN, ..Policy::default() };
        assert_eq!(p.validate().unwrap_err().field, "auto_pause_complaint_percent");
        Policy::default().validate().unwrap();
    }
}
