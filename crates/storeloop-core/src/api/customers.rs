//! The façade's customer intelligence: scoring every customer, the segments, the customer list
//! and page, and model health. Scores are stored whole after each run, so the screens read them
//! without refitting anything.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::customers_dto::*;
use super::dto::{GammaGammaParams, HoldoutRow, Money};
use super::error::{ApiError, ErrorKind};
use super::Storeloop;
use crate::intel::bgnbd::{cholesky, BgNbd, Rfm};
use crate::intel::score::{self, month_name, Context, Mode, Outcome, Scored, Status};
use crate::progress::Progress as CoreProgress;
use crate::store::{self, Bound, Condition, ListQuery, ScoreRow};
use crate::time::zone;

/// Checks are due this long after the last one.
const HEALTH_EVERY_DAYS: i64 = 28;
const DAY: i64 = 86_400;

/// What a run keeps of its fitted models (not a UI type).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredModels {
    bgnbd: Option<[f64; 4]>,
    /// Category names by index, for putting reasons into words.
    #[serde(default)]
    categories: Vec<String>,
    covariance: Option<[[f64; 4]; 4]>,
    mode: ScoreMode,
}

/// Built-in segments: id, name, description.
const BUILTIN: [(&str, &str, &str); 4] = [
    (
        "a",
        "Usually pay full price",
        "Earlier full-price buyers with a good chance of buying again without a discount: a reminder is enough.",
    ),
    (
        "b",
        "Wait for a discount",
        "Most of their orders used a discount: a smaller offer, later, only after a second sign of interest.",
    ),
    ("c", "New here", "No order yet, or a single order in the last 90 days: explain, reassure, show what others say."),
    ("other", "Everyone else", "Customers who fit none of the three groups above."),
];

/// Fields a custom segment may test: (name, label, kind, choices).
const RULE_FIELDS: [(&str, &str, &str, &[&str]); 11] = [
    ("orders", "Orders", "number", &[]),
    ("revenue", "Total spent", "money", &[]),
    ("discount_share", "Share of orders with a discount", "share", &[]),
    ("churn_risk", "Churn risk", "share", &[]),
    ("full_price_probability", "Chance of paying full price", "share", &[]),
    ("expected_orders_90d", "Expected orders, next 90 days", "number", &[]),
    ("clv", "Lifetime value (12 months)", "money", &[]),
    ("days_since_last_order", "Days since last order", "days", &[]),
    ("status", "Status", "choice", &["no_orders", "new", "active", "due", "at_risk", "lapsed", "seasonal"]),
    ("segment", "Built-in group", "choice", &["a", "b", "c", "other"]),
    ("consent", "Email consent", "choice", &["subscribed", "unsubscribed", "not_asked", "unknown"]),
];

fn invalid(message: String) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

fn date_in(tz: &jiff::tz::TimeZone, at: i64) -> String {
    Timestamp::from_second(at).map(|t| tz.to_datetime(t).date().to_string()).unwrap_or_default()
}

fn status_dto(code: &str) -> CustomerStatus {
    match code {
        "new" => CustomerStatus::New,
        "active" => CustomerStatus::Active,
        "due" => CustomerStatus::Due,
        "at_risk" => CustomerStatus::AtRisk,
        "lapsed" => CustomerStatus::Lapsed,
        "seasonal" => CustomerStatus::Seasonal,
        _ => CustomerStatus::NoOrders,
    }
}

fn status_label(
    code: &str,
    seasonal_month: Option<i64>,
    next_order_at: Option<i64>,
    tz: &jiff::tz::TimeZone,
) -> String {
    match code {
        "no_orders" => "No orders yet".to_owned(),
        "new" => "New customer".to_owned(),
        "active" => "Active".to_owned(),
        "due" => match next_order_at {
            Some(at) => format!("Due since {}", date_in(tz, at)),
            None => "Due".to_owned(),
        },
        "at_risk" => "At risk".to_owned(),
        "lapsed" => "Lapsed".to_owned(),
        "seasonal" => {
            format!("Seasonal, due in {}", month_name(seasonal_month.map_or(12, |m| m.clamp(1, 12) as u32)))
        }
        other => other.to_owned(),
    }
}

/// Minor units per major unit of `currency` (100 for EUR, 1 for JPY, 1000 for KWD).
fn minor_per_major(currency: &str) -> f64 {
    10f64.powi(crate::import::fields::minor_digits(currency).unwrap_or(2) as i32)
}

/// Turns rules into store conditions, naming the rule that is wrong. Money in rules is in major
/// units of `currency`.
fn conditions(rules: &[SegmentRule], currency: &str) -> Result<Vec<Condition>, ApiError> {
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let field = RULE_FIELDS.iter().find(|f| f.0 == r.field).ok_or_else(|| {
                invalid(format!("Rule {}: there is no field `{}` to test. Choose one from the list.", i + 1, r.field))
            })?;
            let column = store::column(field.0)
                .ok_or_else(|| ApiError::new(ErrorKind::Internal, format!("no column for {}", field.0)))?;
            let op = match r.op {
                RuleOp::Lt => "<",
                RuleOp::Le => "<=",
                RuleOp::Gt => ">",
                RuleOp::Ge => ">=",
                RuleOp::Eq => "=",
                RuleOp::Ne => "!=",
            };
            let value = if field.2 == "choice" {
                if !field.3.contains(&r.value.as_str()) {
                    return Err(invalid(format!(
                        "Rule {}: `{}` is not one of {} for {}.",
                        i + 1,
                        r.value,
                        field.3.join(", "),
                        field.1
                    )));
                }
                if !matches!(r.op, RuleOp::Eq | RuleOp::Ne) {
                    return Err(invalid(format!("Rule {}: {} can only be \"is\" or \"is not\".", i + 1, field.1)));
                }
                Bound::Text(r.value.clone())
            } else {
                let v: f64 = r.value.trim().parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
                    invalid(format!("Rule {}: {} needs a number, not `{}`.", i + 1, field.1, r.value))
                })?;
                // Money is typed in major units; the store keeps minor units.
                Bound::Real(if field.2 == "money" { (v * minor_per_major(currency)).round() } else { v })
            };
            Ok(Condition { column, op, value })
        })
        .collect()
}

impl Storeloop {
    /// Scores every customer now, stores the scores and the run, runs the monthly health check
    /// when it is due, and returns the run's summary.
    pub fn score_customers(&mut self, progress: &mut dyn FnMut(super::Progress)) -> Result<ScoreSummary, ApiError> {
        let started = std::time::Instant::now();
        let settings = self.store.settings()?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::NotFound,
                "There is no store to score yet: open the demo store or import your orders.",
            )
        })?;
        let tz = zone(&settings.timezone).map_err(|e| invalid(e.to_string()))?;
        let now = self.clock.now();
        let ctx = Context { as_of: now.as_second(), utc_offset: i64::from(tz.to_offset(now).seconds()) };
        let mut report = |stage: &'static str, done: u64, total: u64| {
            progress(super::progress_dto(&CoreProgress { stage, done, total, unit: crate::progress::Unit::Items }));
        };
        report("Reading the store", 0, 0);
        let input = self.store.scoring_input(ctx.as_of)?;
        let outcome = score::score(&input, &ctx, &mut report);
        report("Saving scores", 0, 1);

        // The monthly health check.
        let last_check = self.store.health_reports()?.last().map(|h| h.0);
        let health = if last_check.is_none_or(|t| ctx.as_of - t >= HEALTH_EVERY_DAYS * DAY) {
            score::health_check(&input, &ctx).map(|h| health_dto(&h, ctx.as_of, &tz))
        } else {
            None
        };
        if let Some(h) = &health {
            let json = serde_json::to_string(h).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
            self.store.save_health(ctx.as_of, h.error, h.drifted, &json)?;
        }
        let health = match health {
            Some(h) => Some(h),
            None => self.model_health()?.latest,
        };

        let rows: Vec<ScoreRow> = outcome.customers.iter().map(|c| score_row(c, &input, outcome.margin_rate)).collect();
        let mut summary = summary_dto(&outcome, &settings.currency, ctx.as_of, health);
        summary.seconds = started.elapsed().as_secs_f64();
        let models = StoredModels {
            bgnbd: outcome.bgnbd.map(|(p, _)| [p.r, p.alpha, p.a, p.b]),
            covariance: outcome.covariance,
            categories: outcome.category_names.clone(),
            mode: summary.mode,
        };
        let to_json = |v: &dyn erased::Json| v.json().map_err(|e| ApiError::new(ErrorKind::Internal, e));
        let (summary_json, models_json) = (to_json(&summary)?, to_json(&models)?);
        let crossings = self.score_crossings(&rows)?;
        self.store.save_scores(&rows, ctx.as_of, &summary_json, &models_json)?;
        if !crossings.is_empty() {
            self.store.save_crossings(&crossings, ctx.as_of)?;
        }
        summary.segments = self.segment_sizes()?;
        report("Done", 1, 1);
        Ok(summary)
    }

    /// Customers whose new score rises above a threshold a flow triggers on (it was at or below
    /// it, or unknown, before this run): (customer, score, new value).
    fn score_crossings(&self, rows: &[ScoreRow]) -> Result<Vec<(i64, String, f64)>, ApiError> {
        let mut out = Vec::new();
        for f in self.store.flow_rows()? {
            let Ok(def) = crate::flows::model::Flow::from_json(&f.definition) else { continue };
            let crate::flows::model::Trigger::ScoreCrossed { score, above } = def.trigger else { continue };
            let old = self.store.score_values(&score)?;
            for r in rows {
                let new = match score.as_str() {
                    "churn_risk" => r.churn_risk,
                    "p_alive" => r.p_alive,
                    "full_price_probability" => r.full_price_probability,
                    "expected_orders_90d" => r.expected_orders_90d,
                    "clv" => r.clv_minor.map(|v| v as f64),
                    "orders" => Some(r.orders as f64),
                    "revenue" => Some(r.revenue_minor as f64),
                    "discount_share" => Some(r.discount_share),
                    _ => None,
                };
                if let Some(v) = new.filter(|v| v.is_finite()) {
                    if v > above && old.get(&r.customer_id).is_none_or(|o| *o <= above) {
                        out.push((r.customer_id, score.clone(), v));
                    }
                }
            }
        }
        Ok(out)
    }

    /// The latest scoring run, with segment sizes as they are now; null before the first run.
    pub fn score_summary(&self) -> Result<Option<ScoreSummary>, ApiError> {
        let Some((_, json, _)) = self.store.latest_run()? else { return Ok(None) };
        let mut s: ScoreSummary = serde_json::from_str(&json).map_err(|e| {
            ApiError::new(ErrorKind::Corrupt, format!("The saved scoring run could not be read ({e}); score again."))
        })?;
        s.segments = self.segment_sizes()?;
        Ok(Some(s))
    }

    /// Built-in and custom segments with their sizes now.
    pub fn segment_sizes(&self) -> Result<Vec<SegmentSize>, ApiError> {
        let counts = self.store.segment_counts()?;
        let mut out: Vec<SegmentSize> = BUILTIN
            .iter()
            .map(|(id, name, description)| SegmentSize {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                description: (*description).to_owned(),
                builtin: true,
                customers: counts.iter().find(|c| c.0 == *id).map_or(0, |c| c.1 as u64),
                rules: Vec::new(),
            })
            .collect();
        let now = self.clock.now().as_second();
        for (id, name, rules) in self.store.custom_segments()? {
            let rules: Vec<SegmentRule> = serde_json::from_str(&rules).unwrap_or_default();
            let query = ListQuery {
                search: String::new(),
                conditions: conditions(&rules, &self.currency()?)?,
                sort: "c.id",
                descending: false,
                offset: 0,
                limit: 0,
            };
            let (_, total) = self.store.list_customers(&query, now)?;
            let description = rules.iter().map(describe_rule).collect::<Vec<_>>().join(" and ");
            out.push(SegmentSize {
                id: format!("custom-{id}"),
                name,
                description,
                builtin: false,
                customers: total as u64,
                rules,
            });
        }
        Ok(out)
    }

    /// The fields a custom segment may test.
    pub fn rule_fields(&self) -> Vec<RuleField> {
        RULE_FIELDS
            .iter()
            .map(|(name, label, kind, choices)| RuleField {
                name: (*name).to_owned(),
                label: (*label).to_owned(),
                kind: (*kind).to_owned(),
                choices: choices.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect()
    }

    /// The ids of a custom segment's (`custom-N`) members now; none when it no longer exists.
    pub(crate) fn segment_members(&self, segment: &str) -> Result<Vec<i64>, ApiError> {
        let Some(id) = segment.strip_prefix("custom-").and_then(|s| s.parse::<i64>().ok()) else {
            return Ok(Vec::new());
        };
        let Some((_, _, rules)) = self.store.custom_segments()?.into_iter().find(|s| s.0 == id) else {
            return Ok(Vec::new());
        };
        let rules: Vec<SegmentRule> = serde_json::from_str(&rules).unwrap_or_default();
        let query = ListQuery {
            search: String::new(),
            conditions: conditions(&rules, &self.currency()?)?,
            sort: "c.id",
            descending: false,
            offset: 0,
            limit: i64::MAX,
        };
        let (rows, _) = self.store.list_customers(&query, self.clock.now().as_second())?;
        Ok(rows.iter().map(|r| r.id).collect())
    }

    /// How many customers the rules match now, with a few examples (the editor's live count).
    pub fn preview_segment(&self, rules: &[SegmentRule]) -> Result<SegmentPreview, ApiError> {
        let query = ListQuery {
            search: String::new(),
            conditions: conditions(rules, &self.currency()?)?,
            sort: "s.clv_minor",
            descending: true,
            offset: 0,
            limit: 5,
        };
        let (rows, total) = self.store.list_customers(&query, self.clock.now().as_second())?;
        let tz = self.store_zone()?;
        Ok(SegmentPreview {
            customers: total as u64,
            examples: rows.iter().map(|r| self.row_dto(r, &tz)).collect::<Result<_, _>>()?,
        })
    }

    /// Saves a custom segment.
    pub fn save_segment(&mut self, name: &str, rules: &[SegmentRule]) -> Result<SegmentSize, ApiError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(invalid("Give the segment a name.".into()));
        }
        if rules.is_empty() {
            return Err(invalid("Add at least one rule: a segment of everyone is the customer list.".into()));
        }
        conditions(rules, &self.currency()?)?;
        if self.store.custom_segments()?.iter().any(|s| s.1.eq_ignore_ascii_case(name))
            || BUILTIN.iter().any(|b| b.1.eq_ignore_ascii_case(name))
        {
            return Err(invalid(format!("There is already a segment called \"{name}\". Choose another name.")));
        }
        let json = serde_json::to_string(rules).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        let id = self.store.save_segment(name, &json, self.clock.now().as_second())?;
        self.segment_sizes()?
            .into_iter()
            .find(|s| s.id == format!("custom-{id}"))
            .ok_or_else(|| ApiError::new(ErrorKind::Internal, "the saved segment was not found"))
    }

    /// Deletes a custom segment (built-in ones cannot be deleted).
    pub fn delete_segment(&mut self, id: &str) -> Result<(), ApiError> {
        let n: i64 = id.strip_prefix("custom-").and_then(|n| n.parse().ok()).ok_or_else(|| {
            invalid(format!(
                "`{id}` is a built-in segment or no segment at all; only your own segments can be deleted."
            ))
        })?;
        if !self.store.delete_segment(n)? {
            return Err(ApiError::new(ErrorKind::NotFound, format!("There is no segment {id}.")));
        }
        Ok(())
    }

    /// A page of the customer list.
    pub fn list_customers(&self, q: &CustomerQuery) -> Result<CustomerPage, ApiError> {
        let sort = match q.sort.as_str() {
            "name" | "orders" | "last_order" | "revenue" | "churn_risk" | "full_price_probability" | "clv" => {
                store::column(&q.sort).unwrap_or("c.id")
            }
            other => return Err(invalid(format!("The list cannot be sorted by `{other}`."))),
        };
        let mut conds = Vec::new();
        match q.segment.as_deref() {
            None | Some("") => {}
            Some(id) if id.starts_with("custom-") => {
                let rules = self
                    .segment_sizes()?
                    .into_iter()
                    .find(|s| s.id == id)
                    .ok_or_else(|| ApiError::new(ErrorKind::NotFound, format!("There is no segment {id}.")))?
                    .rules;
                conds = conditions(&rules, &self.currency()?)?;
            }
            Some(id) if BUILTIN.iter().any(|b| b.0 == id) => {
                conds.push(Condition { column: "s.segment", op: "=", value: Bound::Text(id.to_owned()) });
            }
            Some(id) => return Err(ApiError::new(ErrorKind::NotFound, format!("There is no segment {id}."))),
        }
        let query = ListQuery {
            search: q.search.clone(),
            conditions: conds,
            sort,
            descending: q.descending,
            offset: q.offset.min(i64::MAX as u64) as i64,
            limit: q.limit.clamp(1, 500) as i64,
        };
        let (rows, total) = self.store.list_customers(&query, self.clock.now().as_second())?;
        let tz = self.store_zone()?;
        Ok(CustomerPage {
            rows: rows.iter().map(|r| self.row_dto(r, &tz)).collect::<Result<_, _>>()?,
            total: total as u64,
            offset: q.offset,
        })
    }

    /// One customer's page.
    pub fn customer_detail(&self, id: i64) -> Result<CustomerDetail, ApiError> {
        let facts = self
            .store
            .customer_facts(id)?
            .ok_or_else(|| ApiError::new(ErrorKind::NotFound, format!("There is no customer {id}.")))?;
        let settings =
            self.store.settings()?.ok_or_else(|| ApiError::new(ErrorKind::NotFound, "There is no store open."))?;
        let tz = zone(&settings.timezone).map_err(|e| invalid(e.to_string()))?;
        let money = |minor: i64| Money { minor, currency: settings.currency.clone() };
        let orders = self.store.customer_orders(id)?;
        let score = self.store.score_of(id)?;
        let run = self.store.latest_run()?;
        let name = display_name(facts.first_name.as_deref(), facts.last_name.as_deref(), &facts.email);
        let listed = self
            .store
            .list_customers(
                &ListQuery {
                    search: String::new(),
                    conditions: vec![Condition { column: "c.id", op: "=", value: Bound::Int(id) }],
                    sort: "c.id",
                    descending: false,
                    offset: 0,
                    limit: 1,
                },
                self.clock.now().as_second(),
            )?
            .0;
        let row = match listed.first() {
            Some(r) => self.row_dto(r, &tz)?,
            None => CustomerRow {
                id,
                name: name.clone(),
                email: facts.email.clone(),
                orders: orders.iter().filter(|o| !o.cancelled).count() as u64,
                last_order: orders.iter().find(|o| !o.cancelled).map(|o| date_in(&tz, o.at)),
                revenue: money(
                    orders.iter().filter(|o| !o.cancelled).map(|o| o.subtotal_minor - o.discount_minor).sum(),
                ),
                churn_risk: None,
                full_price_probability: None,
                clv: None,
                status: CustomerStatus::NoOrders,
                status_label: "Not scored yet".to_owned(),
                segment: "other".to_owned(),
            },
        };
        let models: Option<StoredModels> = run.as_ref().and_then(|r| serde_json::from_str(&r.2).ok());
        // The 90-day interval from the parameters' uncertainty, for this customer.
        let (low, high) = match (&score, &models, run.as_ref()) {
            (
                Some(s),
                Some(StoredModels { bgnbd: Some(p), covariance: Some(cov), mode: ScoreMode::Models, .. }),
                Some(r),
            ) => {
                let offset = i64::from(tz.to_offset(Timestamp::from_second(r.0).unwrap_or_default()).seconds());
                let mut days: Vec<i64> = orders
                    .iter()
                    .filter(|o| !o.cancelled && o.at <= r.0)
                    .map(|o| (o.at + offset).div_euclid(DAY))
                    .collect();
                days.sort_unstable();
                days.dedup();
                match (days.first(), days.last(), cholesky(cov)) {
                    (Some(&first), Some(&last), Some(chol)) if s.orders > 0 => {
                        let today = (r.0 + offset).div_euclid(DAY);
                        let rfm = Rfm {
                            x: days.len() as u32 - 1,
                            t_x: (last - first) as f64 / 7.0,
                            t: (today - first) as f64 / 7.0,
                        };
                        let m = BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] };
                        let mut rng = crate::demo::rng::Rng::new(id as u64);
                        let mut v: Vec<f64> = (0..200)
                            .filter_map(|_| {
                                m.perturbed(&chol, [rng.normal(), rng.normal(), rng.normal(), rng.normal()])
                                    .expected_purchases(&rfm, 90.0 / 7.0)
                            })
                            .collect();
                        v.sort_by(f64::total_cmp);
                        if v.len() >= 20 {
                            (Some(v[(v.len() - 1) / 10]), Some(v[(v.len() - 1) * 9 / 10]))
                        } else {
                            (None, None)
                        }
                    }
                    _ => (None, None),
                }
            }
            _ => (None, None),
        };
        let names = self.store.product_names()?;
        let recommendations = score
            .as_ref()
            .and_then(|s| serde_json::from_str::<Vec<StoredPick>>(&s.recommendations).ok())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| {
                let (title, handle, category) = names.get(&p.product())?.clone();
                let because = names.get(&p.because_of()).map_or("their last order", |n| n.0.as_str());
                Some(Recommendation {
                    product: title,
                    handle,
                    category,
                    margin: money(p.margin_minor()),
                    reason: format!(
                        "Often in the next order after {because} ({:.0}% of the time).",
                        p.confidence() * 100.0
                    ),
                })
            })
            .collect();
        let reasons = score
            .as_ref()
            .and_then(|s| serde_json::from_str::<Vec<Vec<i64>>>(&s.reasons).ok())
            .unwrap_or_default()
            .iter()
            .filter_map(|code| {
                let categories = models.as_ref().map_or(&[][..], |m| m.categories.as_slice());
                score::render_reason(code, categories, &settings.currency, minor_per_major(&settings.currency))
                    .map(|(score, text)| Reason { score: score.to_owned(), text })
            })
            .collect();
        let s = score.as_ref();
        Ok(CustomerDetail {
            row,
            consent: facts.consent.clone(),
            consent_source: facts.consent_source.clone(),
            customer_since: date_in(&tz, facts.created_at),
            p_alive: s.and_then(|s| s.p_alive),
            expected_orders_90d: s.and_then(|s| s.expected_orders_90d),
            expected_orders_90d_low: low,
            expected_orders_90d_high: high,
            expected_orders_365d: s.and_then(|s| s.expected_orders_365d),
            expected_order_value: s.and_then(|s| s.expected_order_value_minor).map(money),
            reorder_days: s.and_then(|s| s.reorder_days),
            reorder_basis: s.and_then(|s| s.reorder_basis.clone()),
            next_order_date: s.and_then(|s| s.next_order_at).map(|t| date_in(&tz, t)),
            seasonal_month: s.and_then(|s| s.seasonal_month).map(|m| m as u32),
            reasons,
            recommendations,
            orders: orders
                .iter()
                .map(|o| CustomerOrderLine {
                    number: o.number.clone(),
                    date: date_in(&tz, o.at),
                    revenue: Money { minor: o.subtotal_minor - o.discount_minor, currency: o.currency.clone() },
                    discount: Money { minor: o.discount_minor, currency: o.currency.clone() },
                    discount_code: o.discount_code.clone(),
                    items: o.items.max(0) as u64,
                    cancelled: o.cancelled,
                })
                .collect(),
            scored_at: run.as_ref().map(|r| crate::time::rfc3339(r.0)),
            mode: models.map(|m| m.mode),
        })
    }

    /// The latest health check and the history of their errors.
    pub fn model_health(&self) -> Result<ModelHealth, ApiError> {
        let reports = self.store.health_reports()?;
        let checks: Vec<HealthCheck> = reports.iter().filter_map(|(_, json)| serde_json::from_str(json).ok()).collect();
        Ok(ModelHealth {
            history: checks
                .iter()
                .map(|c| HealthPoint { checked_at: c.checked_at.clone(), error: c.error, drifted: c.drifted })
                .collect(),
            latest: checks.last().cloned(),
        })
    }

    /// Runs the health check now, whatever its schedule.
    pub fn run_health_check(&mut self) -> Result<ModelHealth, ApiError> {
        let settings = self
            .store
            .settings()?
            .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "There is no store to check yet."))?;
        let tz = zone(&settings.timezone).map_err(|e| invalid(e.to_string()))?;
        let now = self.clock.now();
        let ctx = Context { as_of: now.as_second(), utc_offset: i64::from(tz.to_offset(now).seconds()) };
        let input = self.store.scoring_input(ctx.as_of)?;
        let h = score::health_check(&input, &ctx).ok_or_else(|| {
            invalid(format!(
                "There is not enough history for a check yet: it compares the last {} weeks with predictions made before them, which needs repeat customers before then.",
                score::HEALTH_WEEKS
            ))
        })?;
        let h = health_dto(&h, ctx.as_of, &tz);
        let json = serde_json::to_string(&h).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        self.store.save_health(ctx.as_of, h.error, h.drifted, &json)?;
        self.model_health()
    }

    fn currency(&self) -> Result<String, ApiError> {
        Ok(self.store.settings()?.map(|s| s.currency).unwrap_or_default())
    }

    fn store_zone(&self) -> Result<jiff::tz::TimeZone, ApiError> {
        let settings =
            self.store.settings()?.ok_or_else(|| ApiError::new(ErrorKind::NotFound, "There is no store open."))?;
        zone(&settings.timezone).map_err(|e| invalid(e.to_string()))
    }

    fn row_dto(&self, r: &store::ListedCustomer, tz: &jiff::tz::TimeZone) -> Result<CustomerRow, ApiError> {
        let currency = self.store.settings()?.map(|s| s.currency).unwrap_or_default();
        let money = |minor: i64| Money { minor, currency: currency.clone() };
        Ok(CustomerRow {
            id: r.id,
            name: display_name(r.first_name.as_deref(), r.last_name.as_deref(), &r.email),
            email: r.email.clone(),
            orders: r.orders.max(0) as u64,
            last_order: r.last_order_at.map(|t| date_in(tz, t)),
            revenue: money(r.revenue_minor),
            churn_risk: r.churn_risk,
            full_price_probability: r.full_price_probability,
            clv: r.clv_minor.map(money),
            status: status_dto(&r.status),
            status_label: status_label(&r.status, r.seasonal_month, r.next_order_at, tz),
            segment: r.segment.clone(),
        })
    }
}

/// A recommendation as stored with the scores: an array `[product, because_of, confidence in
/// thousandths, margin]`, compact because a million customers each keep three.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredPick(i64, i64, u16, i64);

/// The first product recommended to a customer (stored scores' JSON), if any.
pub(crate) fn first_pick(recommendations: &str) -> Option<i64> {
    serde_json::from_str::<Vec<StoredPick>>(recommendations).ok()?.first().map(StoredPick::product)
}

impl StoredPick {
    fn product(&self) -> i64 {
        self.0
    }
    fn because_of(&self) -> i64 {
        self.1
    }
    fn confidence(&self) -> f64 {
        f64::from(self.2) / 1000.0
    }
    fn margin_minor(&self) -> i64 {
        self.3
    }
}

mod erased {
    /// Serialises any of the run's JSON parts.
    pub trait Json {
        fn json(&self) -> Result<String, String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> Result<String, String> {
            serde_json::to_string(self).map_err(|e| e.to_string())
        }
    }
}

fn display_name(first: Option<&str>, last: Option<&str>, email: &str) -> String {
    let name = [first.unwrap_or(""), last.unwrap_or("")].join(" ").trim().to_owned();
    if name.is_empty() {
        email.to_owned()
    } else {
        name
    }
}

fn describe_rule(r: &SegmentRule) -> String {
    let label = RULE_FIELDS.iter().find(|f| f.0 == r.field).map_or(r.field.as_str(), |f| f.1);
    let op = match r.op {
        RuleOp::Lt => "below",
        RuleOp::Le => "at most",
        RuleOp::Gt => "above",
        RuleOp::Ge => "at least",
        RuleOp::Eq => "is",
        RuleOp::Ne => "is not",
    };
    format!("{label} {op} {}", r.value)
}

fn score_row(s: &Scored, input: &crate::intel::input::Input, margin_rate: f64) -> ScoreRow {
    let finite = |v: Option<f64>| v.filter(|x| x.is_finite());
    // Stored as number codes; put into words when a page is shown.
    let reasons = &s.reasons;
    let picks: Vec<StoredPick> = s
        .recommendations
        .iter()
        .filter_map(|p| {
            let product = input.products.get(p.product as usize)?;
            let because = input.products.get(p.because_of as usize)?;
            let margin = match product.cost_minor {
                Some(cost) => product.price_minor - cost,
                None => (product.price_minor as f64 * margin_rate).round() as i64,
            };
            Some(StoredPick(product.id, because.id, (p.confidence.clamp(0.0, 1.0) * 1000.0).round() as u16, margin))
        })
        .collect();
    ScoreRow {
        customer_id: s.customer_id,
        orders: i64::from(s.orders),
        first_order_at: s.first_order_at,
        last_order_at: s.last_order_at,
        revenue_minor: s.revenue_minor,
        discount_share: s.discount_share,
        p_alive: finite(s.p_alive),
        churn_risk: finite(s.p_alive).map(|p| 1.0 - p),
        expected_orders_90d: finite(s.expected_90d),
        expected_orders_365d: finite(s.expected_365d),
        expected_order_value_minor: finite(s.order_value_minor).map(|v| v.round() as i64),
        clv_minor: finite(s.clv_minor).map(|v| v.round() as i64),
        reorder_days: s.cycle.map(|c| c.days).filter(|d| d.is_finite()),
        reorder_basis: s.cycle.map(|c| {
            if c.gaps == 0 {
                "from similar customers (one order so far)".to_owned()
            } else if c.own_weight >= 0.7 {
                format!("from their own {} gaps between orders", c.gaps)
            } else {
                format!("from their {} gaps, leaning on similar customers", c.gaps)
            }
        }),
        next_order_at: s.next_order_at,
        seasonal_month: s.seasonal_month.map(i64::from),
        full_price_probability: finite(s.full_price),
        status: s.status.code(),
        segment: s.segment,
        reasons: serde_json::to_string(&reasons).unwrap_or_else(|_| "[]".to_owned()),
        recommendations: serde_json::to_string(&picks).unwrap_or_else(|_| "[]".to_owned()),
    }
}

fn health_dto(h: &score::Health, now: i64, tz: &jiff::tz::TimeZone) -> HealthCheck {
    let pct = h.error * 100.0;
    let message = if h.actual_total == 0 {
        "No customer ordered in the checked period, so there is nothing to compare yet.".to_owned()
    } else if h.drifted {
        format!(
            "The model expected {:.0} orders in the last {} weeks and customers placed {}: {:+.0}% off. Predictions are less reliable until the next check; churn risk and lifetime values may be {}.",
            h.predicted_total,
            score::HEALTH_WEEKS,
            h.actual_total,
            pct,
            if h.error > 0.0 { "too hopeful" } else { "too gloomy" }
        )
    } else {
        format!(
            "The model expected {:.0} orders in the last {} weeks and customers placed {} ({:+.0}%): within the ±{:.0}% it should be.",
            h.predicted_total,
            score::HEALTH_WEEKS,
            h.actual_total,
            pct,
            score::DRIFT * 100.0
        )
    };
    HealthCheck {
        checked_at: crate::time::rfc3339(now),
        calibration_end: date_in(tz, h.calibration_end),
        holdout_end: date_in(tz, h.holdout_end),
        rows: h
            .rows
            .iter()
            .map(|r| HoldoutRow {
                x: r.label.clone(),
                customers: r.customers,
                actual: r.actual_mean,
                predicted: r.predicted_mean,
            })
            .collect(),
        predicted_total: h.predicted_total,
        actual_total: h.actual_total,
        error: h.error,
        drifted: h.drifted,
        message,
    }
}

fn histogram(score: &str, label: &str, kind: &str, values: &[f64], bins: usize, top: Option<f64>) -> Histogram {
    let max = top.unwrap_or_else(|| {
        let mut v: Vec<f64> = values.to_vec();
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 * 0.98) as usize).min(v.len().saturating_sub(1))).copied().unwrap_or(1.0).max(1e-9)
    });
    let width = max / bins as f64;
    let mut counts = vec![0u64; bins];
    for &v in values {
        let i = ((v / width).floor().max(0.0) as usize).min(bins - 1);
        counts[i] += 1;
    }
    Histogram {
        score: score.to_owned(),
        label: label.to_owned(),
        kind: kind.to_owned(),
        bins: counts
            .iter()
            .enumerate()
            .map(|(i, &c)| HistogramBin { from: i as f64 * width, to: (i + 1) as f64 * width, customers: c })
            .collect(),
    }
}

fn summary_dto(o: &Outcome, currency: &str, now: i64, health: Option<HealthCheck>) -> ScoreSummary {
    let money = |minor: i64| Money { minor, currency: currency.to_owned() };
    let buyers: Vec<&Scored> = o.customers.iter().filter(|c| c.orders > 0).collect();
    let churn: Vec<f64> = buyers.iter().filter_map(|c| c.p_alive.map(|p| 1.0 - p)).collect();
    let full: Vec<f64> = buyers.iter().filter_map(|c| c.full_price).collect();
    let clv: Vec<f64> = buyers
        .iter()
        .filter_map(|c| c.clv_minor.map(|v| v / minor_per_major(currency)))
        .filter(|v| v.is_finite())
        .collect();
    let e90: Vec<f64> = buyers.iter().filter_map(|c| c.expected_90d).filter(|v| v.is_finite()).collect();
    let mut statuses: Vec<StatusCount> =
        [Status::NoOrders, Status::New, Status::Active, Status::Due, Status::AtRisk, Status::Lapsed, Status::Seasonal]
            .iter()
            .map(|s| StatusCount {
                status: status_dto(s.code()),
                customers: o.customers.iter().filter(|c| c.status == *s).count() as u64,
            })
            .collect();
    statuses.retain(|s| s.customers > 0);
    ScoreSummary {
        scored_at: crate::time::rfc3339(now),
        seconds: 0.0,
        mode: match o.mode {
            Mode::Models => ScoreMode::Models,
            Mode::Rules => ScoreMode::Rules,
        },
        caution: o.caution.clone(),
        currency: currency.to_owned(),
        customers: o.customers.len() as u64,
        customers_with_orders: o.customers_with_orders,
        repeat_customers: o.repeat_customers,
        history_days: o.history_days.max(0) as u64,
        bgnbd: o.bgnbd.map(|(p, ll)| BgNbdParams { r: p.r, alpha: p.alpha, a: p.a, b: p.b, log_likelihood: ll }),
        gamma_gamma: o.spend.as_ref().map(|g| GammaGammaParams {
            p: g.params.p,
            q: g.params.q,
            gamma: g.params.gamma,
            log_likelihood: g.log_likelihood,
            customers: g.customers as u64,
        }),
        propensity: o.propensity.as_ref().map(|p| PropensityReport {
            window_days: score::PROPENSITY_WINDOW_DAYS as u32,
            train_date: crate::time::rfc3339(p.train_at)[..10].to_owned(),
            test_date: crate::time::rfc3339(p.test_at)[..10].to_owned(),
            train_customers: p.train_customers,
            test_customers: p.test_customers,
            auc: p.auc,
            calibration: p
                .calibration
                .iter()
                .map(|&(predicted, actual, customers)| CalibrationBin { predicted, actual, customers })
                .collect(),
            weights: p.weights.iter().map(|(f, w)| FeatureWeight { feature: f.clone(), weight: *w }).collect(),
        }),
        recommendations: o.recommendations.as_ref().map(|r| RecommendationReport {
            k: score::RECOMMENDATIONS as u32,
            customers: r.customers,
            hit_rate: r.hit_rate,
            popular_hit_rate: r.popular_hit_rate,
        }),
        expected_orders_90d: o.expected_90d.0,
        expected_orders_90d_low: o.expected_90d.1,
        expected_orders_90d_high: o.expected_90d.2,
        total_clv: money(
            buyers.iter().filter_map(|c| c.clv_minor).filter(|v| v.is_finite()).sum::<f64>().round() as i64
        ),
        segments: Vec::new(),
        statuses,
        histograms: vec![
            histogram("churn_risk", "Churn risk", "share", &churn, 10, Some(1.0)),
            histogram("full_price_probability", "Chance of paying full price", "share", &full, 10, Some(1.0)),
            histogram("clv", "Lifetime value, next 12 months", "money", &clv, 12, None),
            histogram("expected_orders_90d", "Expected orders, next 90 days", "number", &e90, 10, None),
        ],
        health,
    }
}
