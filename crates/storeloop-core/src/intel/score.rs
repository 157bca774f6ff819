//! Scoring every customer: features from their orders, the models fitted to the whole store
//! (BG/NBD, Gamma-Gamma, reorder cycles, full-price propensity, next-purchase transitions), and
//! per customer the scores, status, segment, reasons and recommendations. Pure computation on
//! an [`Input`]; reading and writing the store happen around it.

use super::bgnbd::{cholesky, BgNbd, Rfm};
use super::gamma_gamma::{GammaGamma, GgFit, Spend};
use super::input::{CustomerIn, Input, OrderIn};
use super::logistic::{self, Logistic};
use super::parallel;
use super::recommend::{Pick, Transitions};
use super::reorder::{Cycle, Prior};
use super::seasonal::seasonal_month;
use super::{discounted_value, holdout_table, HoldoutRow};

const DAY: i64 = 86_400;
/// Below these the models are not trusted and simple rules score instead (and say so).
pub const MIN_REPEAT_CUSTOMERS: u64 = 200;
pub const MIN_HISTORY_DAYS: i64 = 90;
/// CLV: 12 months, 1% a month discount (≈ 12.7% a year), months of 365.25/12 days.
pub const CLV_MONTHS: u32 = 12;
pub const MONTHLY_DISCOUNT: f64 = 0.01;
pub const WEEKS_PER_MONTH: f64 = 365.25 / 12.0 / 7.0;
/// Full-price propensity: an order within this many days of the reminder date counts.
pub const PROPENSITY_WINDOW_DAYS: i64 = 60;
/// Recommendations kept per customer, and the k of hit-rate@k.
pub const RECOMMENDATIONS: usize = 3;
/// The health check compares the last quarter's purchases with predictions made before it.
pub const HEALTH_WEEKS: i64 = 13;
/// Predicted vs actual beyond this (relative) is drift.
pub const DRIFT: f64 = 0.2;

/// Names of the propensity model's features, in order (category indicators follow).
pub const FEATURES: [&str; 8] = [
    "Share of orders with a discount",
    "First order used a discount",
    "Average discount depth",
    "Order value",
    "Days since last order",
    "Days as a customer",
    "Number of orders",
    "Open cart value",
];
/// A single order at most this many days old still counts as "new here".
pub const NEW_HERE_DAYS: i64 = 90;
/// Most common main categories that get their own indicator.
const CATEGORY_FEATURES: usize = 6;

/// The store-wide facts scoring needs besides the input.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub as_of: i64,
    /// The store's UTC offset at `as_of`, for calendar days.
    pub utc_offset: i64,
}

/// Which method scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Models,
    Rules,
}

/// Where a customer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    NoOrders,
    New,
    Active,
    Due,
    AtRisk,
    Lapsed,
    Seasonal,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::NoOrders => "no_orders",
            Status::New => "new",
            Status::Active => "active",
            Status::Due => "due",
            Status::AtRisk => "at_risk",
            Status::Lapsed => "lapsed",
            Status::Seasonal => "seasonal",
        }
    }
}

/// One customer's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub customer_id: i64,
    pub orders: u32,
    pub first_order_at: Option<i64>,
    pub last_order_at: Option<i64>,
    pub revenue_minor: i64,
    pub discount_share: f64,
    pub p_alive: Option<f64>,
    pub expected_90d: Option<f64>,
    pub expected_365d: Option<f64>,
    pub order_value_minor: Option<f64>,
    pub clv_minor: Option<f64>,
    pub cycle: Option<Cycle>,
    pub next_order_at: Option<i64>,
    pub seasonal_month: Option<u32>,
    pub full_price: Option<f64>,
    pub status: Status,
    /// "a", "b", "c" or "other".
    pub segment: &'static str,
    /// (score, text).
    pub reasons: Vec<ReasonCode>,
    pub recommendations: Vec<Pick>,
}

/// The propensity model's test on the held-out period.
#[derive(Debug, Clone, PartialEq)]
pub struct PropensityEval {
    pub train_at: i64,
    pub test_at: i64,
    pub train_customers: u64,
    pub test_customers: u64,
    pub auc: f64,
    pub calibration: Vec<(f64, f64, u64)>,
    pub weights: Vec<(String, f64)>,
}

/// Hit-rate of recommendations on held-out last orders.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationEval {
    pub customers: u64,
    pub hit_rate: f64,
    pub popular_hit_rate: f64,
}

/// The monthly check of BG/NBD: fitted up to a quarter ago, predicted vs actual since.
#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    pub calibration_end: i64,
    pub holdout_end: i64,
    pub rows: Vec<HoldoutRow>,
    pub predicted_total: f64,
    pub actual_total: u64,
    pub error: f64,
    pub drifted: bool,
}

/// Everything a scoring run produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub mode: Mode,
    pub caution: Option<String>,
    pub customers: Vec<Scored>,
    pub customers_with_orders: u64,
    pub repeat_customers: u64,
    pub history_days: i64,
    pub bgnbd: Option<(BgNbd, f64)>,
    pub covariance: Option<[[f64; 4]; 4]>,
    pub spend: Option<GgFit>,
    pub propensity: Option<PropensityEval>,
    pub recommendations: Option<RecommendationEval>,
    pub expected_90d: (f64, f64, f64),
    pub margin_rate: f64,
    pub category_names: Vec<String>,
}

/// What pass one learns about each customer from their own orders.
#[derive(Debug, Clone, Default)]
struct Basics {
    /// Purchase days (local day numbers) of orders that were not cancelled, with net revenue.
    days: Vec<(i64, i64)>,
    orders: u32,
    first_at: Option<i64>,
    last_at: Option<i64>,
    revenue: i64,
    margin: i64,
    margin_base: i64,
    discounted: u32,
    main_category: u16,
    gaps: Vec<f64>,
    seasonal: Option<u32>,
}

fn local_day(at: i64, offset: i64) -> i64 {
    (at + offset).div_euclid(DAY)
}

fn basics(input: &Input, c: &CustomerIn, ctx: &Context) -> Basics {
    let mut b = Basics { main_category: u16::MAX, ..Basics::default() };
    let mut cats: Vec<(u16, u32)> = Vec::new();
    for o in input.orders_of(c).iter().filter(|o| !o.cancelled && o.at <= ctx.as_of) {
        b.orders += 1;
        b.first_at = Some(b.first_at.map_or(o.at, |f| f.min(o.at)));
        b.last_at = Some(b.last_at.map_or(o.at, |l| l.max(o.at)));
        b.revenue += o.revenue();
        if o.cost_known {
            b.margin += o.margin();
            b.margin_base += o.revenue();
        }
        b.discounted += u32::from(o.discounted);
        let day = local_day(o.at, ctx.utc_offset);
        match b.days.last_mut() {
            Some(last) if last.0 == day => last.1 += o.revenue(),
            _ => b.days.push((day, o.revenue())),
        }
        if o.category != u16::MAX {
            match cats.iter_mut().find(|x| x.0 == o.category) {
                Some(x) => x.1 += 1,
                None => cats.push((o.category, 1)),
            }
        }
    }
    b.main_category = cats.iter().max_by_key(|x| (x.1, std::cmp::Reverse(x.0))).map_or(u16::MAX, |x| x.0);
    b.gaps = b.days.windows(2).map(|w| (w[1].0 - w[0].0) as f64).collect();
    if b.days.len() >= 2 {
        let dates: Vec<(i16, u16)> = b
            .days
            .iter()
            .filter_map(|d| {
                let t = jiff::Timestamp::from_second(d.0 * DAY).ok()?;
                let dt = jiff::tz::TimeZone::UTC.to_datetime(t);
                Some((dt.year(), dt.day_of_year() as u16))
            })
            .collect();
        b.seasonal = seasonal_month(&dates);
    }
    b
}

fn rfm_at(days: &[(i64, i64)], end_day: i64) -> Option<Rfm> {
    let first = days.first()?.0;
    if first > end_day {
        return None;
    }
    let inside: Vec<&(i64, i64)> = days.iter().take_while(|d| d.0 <= end_day).collect();
    let last = inside.last().map_or(first, |d| d.0);
    Some(Rfm { x: inside.len() as u32 - 1, t_x: (last - first) as f64 / 7.0, t: (end_day - first) as f64 / 7.0 })
}

/// Features of the propensity model for a customer's orders as of `t`.
fn features(orders: &[OrderIn], c: &CustomerIn, t: i64, categories: &[u16]) -> Option<Vec<f64>> {
    let past: Vec<&OrderIn> = orders.iter().filter(|o| !o.cancelled && o.at <= t).collect();
    let first = past.first()?;
    let last = past.last()?;
    let n = past.len() as f64;
    let discounted = past.iter().filter(|o| o.discounted).count() as f64;
    let depth = past
        .iter()
        .map(|o| if o.subtotal_minor > 0 { o.discount_minor as f64 / o.subtotal_minor as f64 } else { 0.0 })
        .sum::<f64>()
        / n;
    let aov = past.iter().map(|o| o.revenue() as f64).sum::<f64>() / n / 100.0;
    let cart = match c.open_cart_at {
        Some(at) if at <= t && at > t - 30 * DAY => c.open_cart_minor as f64 / 100.0,
        _ => 0.0,
    };
    let mut counts: Vec<(u16, u32)> = Vec::new();
    for o in &past {
        match counts.iter_mut().find(|x| x.0 == o.category) {
            Some(x) => x.1 += 1,
            None => counts.push((o.category, 1)),
        }
    }
    let main = counts.iter().max_by_key(|x| (x.1, std::cmp::Reverse(x.0))).map_or(u16::MAX, |x| x.0);
    let mut row = vec![
        discounted / n,
        f64::from(u8::from(first.discounted)),
        depth,
        aov.max(0.0).ln_1p(),
        (((t - last.at) / DAY) as f64).max(0.0).ln_1p(),
        (((t - first.at) / DAY) as f64).max(0.0).ln_1p(),
        n.ln_1p(),
        cart.max(0.0).ln_1p(),
    ];
    row.extend(categories.iter().map(|&cat| f64::from(u8::from(main == cat))));
    Some(row)
}

/// Whether the customer placed a full-price order in `(t, t + window]`.
fn full_price_after(orders: &[OrderIn], t: i64) -> bool {
    orders.iter().any(|o| !o.cancelled && !o.discounted && o.at > t && o.at <= t + PROPENSITY_WINDOW_DAYS * DAY)
}

/// Scores every customer.
pub fn score(input: &Input, ctx: &Context, progress: &mut dyn FnMut(&'static str, u64, u64)) -> Outcome {
    let n = input.customers.len() as u64;
    progress("Reading each customer's history", 0, n);
    let basics: Vec<Basics> = parallel::map(&input.customers, |c| basics(input, c, ctx));
    let today = local_day(ctx.as_of, ctx.utc_offset);
    let with_orders = basics.iter().filter(|b| b.orders > 0).count() as u64;
    let repeat = basics.iter().filter(|b| b.days.len() > 1).count() as u64;
    let first_day = basics.iter().filter_map(|b| b.days.first().map(|d| d.0)).min();
    let history_days = first_day.map_or(0, |f| today - f);
    let (margin, base) = basics.iter().fold((0i64, 0i64), |a, b| (a.0 + b.margin, a.1 + b.margin_base));
    let margin_rate = if base > 0 { (margin as f64 / base as f64).clamp(0.0, 1.0) } else { 1.0 };
    let category_names = input.categories();

    // Models.
    progress("Fitting the purchase model", 0, 1);
    let rfm: Vec<Option<Rfm>> = basics.iter().map(|b| rfm_at(&b.days, today)).collect();
    let fit_data: Vec<Rfm> = rfm.iter().flatten().copied().collect();
    let fit = BgNbd::fit(&fit_data).ok();
    let covariance = fit.as_ref().and_then(|f| f.params.covariance(&fit_data));
    let spends: Vec<Spend> = basics
        .iter()
        .filter(|b| b.days.len() > 1)
        .map(|b| Spend {
            x: b.days.len() as u32 - 1,
            mean: b.days[1..].iter().map(|d| d.1 as f64).sum::<f64>() / (b.days.len() - 1) as f64,
        })
        .collect();
    let spend = GammaGamma::fit(&spends).ok();
    let prior = Prior::learn(basics.iter().map(|b| (b.gaps.as_slice(), b.main_category)), category_names.len());
    let store_gap = prior.as_ref().map_or(60.0, |p| p.store_mean.exp());

    let thin = repeat < MIN_REPEAT_CUSTOMERS || history_days < MIN_HISTORY_DAYS;
    let mode = if thin || fit.is_none() { Mode::Rules } else { Mode::Models };
    let mut caution = match (thin, &fit) {
        (true, _) => Some(format!(
            "Only {repeat} customers have ordered more than once, over {history_days} days of history. The predictions need about {MIN_REPEAT_CUSTOMERS} repeat customers and {MIN_HISTORY_DAYS} days to be reliable, so until then simple rules score your customers: someone is at risk once they are well past their usual gap between orders, and chances of paying full price come from their own orders. Treat every figure as rough."
        )),
        (false, None) => Some("The purchase model could not be fitted to this store's history, so simple rules score your customers for now.".to_owned()),
        _ => None,
    };
    if base == 0 && with_orders > 0 {
        let note = "No product costs are known, so lifetime value counts revenue, not margin.";
        caution = Some(caution.map_or(note.to_owned(), |c| format!("{c} {note}")));
    }

    // Full-price propensity: trained two windows back, tested one window back, scored now.
    progress("Learning who pays full price", 0, 1);
    let top_categories = {
        let mut counts = vec![0u64; category_names.len()];
        for b in &basics {
            if let Some(c) = counts.get_mut(b.main_category as usize) {
                *c += 1;
            }
        }
        let mut idx: Vec<u16> = (0..counts.len() as u16).filter(|&i| counts[i as usize] > 0).collect();
        idx.sort_by_key(|&i| std::cmp::Reverse(counts[i as usize]));
        idx.truncate(CATEGORY_FEATURES);
        idx
    };
    let snapshot = |t: i64| -> (Vec<Vec<f64>>, Vec<bool>) {
        let rows: Vec<Option<(Vec<f64>, bool)>> = parallel::map(&input.customers, |c| {
            let orders = input.orders_of(c);
            features(orders, c, t, &top_categories).map(|f| (f, full_price_after(orders, t)))
        });
        rows.into_iter().flatten().unzip()
    };
    let window = PROPENSITY_WINDOW_DAYS * DAY;
    let (train_at, test_at) = (ctx.as_of - 2 * window, ctx.as_of - window);
    let (train_x, train_y) = snapshot(train_at);
    let (test_x, test_y) = snapshot(test_at);
    let mut propensity = None;
    let mut scorer = None;
    if let Ok(m) = Logistic::train(&train_x, &train_y, 1.0) {
        let p: Vec<f64> = test_x.iter().map(|r| m.predict(r)).collect();
        if let Some(auc) = logistic::auc(&p, &test_y) {
            let mut names: Vec<String> = FEATURES.iter().map(|s| (*s).to_owned()).collect();
            names.extend(top_categories.iter().map(|&c| format!("Mostly buys {}", category_names[c as usize])));
            let mut weights: Vec<(String, f64)> = names.into_iter().zip(m.weights.iter().copied()).collect();
            weights.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            propensity = Some(PropensityEval {
                train_at,
                test_at,
                train_customers: train_x.len() as u64,
                test_customers: test_x.len() as u64,
                auc,
                calibration: logistic::calibration(&p, &test_y, 10),
                weights,
            });
            // The model that scores today learns from the most recent complete window.
            scorer = Logistic::train(&test_x, &test_y, 1.0).ok();
        }
    }
    if mode == Mode::Models && scorer.is_none() {
        let note = "Too few full-price reorders to learn from yet: the chance of paying full price comes from each customer's own orders.";
        caution = Some(caution.map_or(note.to_owned(), |c| format!("{c} {note}")));
    }

    // Next-purchase transitions and their held-out evaluation.
    progress("Learning what customers buy next", 0, 1);
    let mut transitions = Transitions::new(input.products.len());
    let product_lists = |c: &CustomerIn| -> Vec<&[u32]> {
        input
            .orders_of(c)
            .iter()
            .filter(|o| !o.cancelled && o.at <= ctx.as_of && o.product_count > 0)
            .map(|o| input.products_of(o))
            .collect()
    };
    for c in &input.customers {
        transitions.add(&product_lists(c), 1);
    }
    let unit_value = |p: u32| {
        let p = &input.products[p as usize];
        match p.cost_minor {
            Some(cost) => (p.price_minor - cost).max(0) as f64,
            None => p.price_minor as f64 * margin_rate,
        }
    };
    let allowed = |p: u32| {
        let p = &input.products[p as usize];
        p.active && p.in_stock && (!p.regulated || p.approved)
    };
    let recommendations = {
        let eligible: Vec<&CustomerIn> = input.customers.iter().filter(|c| product_lists(c).len() >= 2).collect();
        let step = (eligible.len() / 20_000).max(1);
        let (mut hits, mut popular_hits, mut tried) = (0u64, 0u64, 0u64);
        for c in eligible.iter().step_by(step) {
            let lists = product_lists(c);
            let (prev, last) = (lists[lists.len() - 2], lists[lists.len() - 1]);
            transitions.add(&[prev, last], -1);
            let picks = transitions.recommend(prev, RECOMMENDATIONS, unit_value, allowed);
            let popular = transitions.popular(RECOMMENDATIONS, allowed);
            transitions.add(&[prev, last], 1);
            tried += 1;
            hits += u64::from(picks.iter().any(|p| last.contains(&p.product)));
            popular_hits += u64::from(popular.iter().any(|p| last.contains(p)));
        }
        (tried > 0).then(|| RecommendationEval {
            customers: tried,
            hit_rate: hits as f64 / tried as f64,
            popular_hit_rate: popular_hits as f64 / tried as f64,
        })
    };

    // Per customer.
    progress("Scoring customers", 0, n);
    let model = fit.as_ref().map(|f| f.params).filter(|_| mode == Mode::Models);
    let value_per_order = |b: &Basics| -> Option<f64> {
        if b.orders == 0 {
            return spend.as_ref().and_then(|s| s.params.population_mean());
        }
        let x = b.days.len() as u32 - 1;
        let own =
            if x > 0 { b.days[1..].iter().map(|d| d.1 as f64).sum::<f64>() / f64::from(x) } else { b.days[0].1 as f64 };
        Some(match (&spend, mode) {
            (Some(s), Mode::Models) => s.params.expected_spend(&Spend { x, mean: own }),
            _ => b.revenue as f64 / f64::from(b.orders),
        })
    };
    let indices: Vec<usize> = (0..input.customers.len()).collect();
    let customers: Vec<Scored> = parallel::map(&indices, |&i| {
        let c = &input.customers[i];
        let b = &basics[i];
        let r = rfm[i];
        let cycle = prior.as_ref().filter(|_| b.orders > 0).map(|p| p.cycle(&b.gaps, b.main_category));
        let last_day = b.days.last().map(|d| d.0);
        let next_order_at = match (cycle, b.last_at) {
            (Some(cy), Some(last)) => Some(last + (cy.days * DAY as f64) as i64),
            _ => None,
        };
        let since_last = last_day.map(|d| today - d);
        let (p_alive, e90, e365) = match (model, r) {
            (Some(m), Some(r)) => {
                (Some(m.p_alive(&r)), m.expected_purchases(&r, 90.0 / 7.0), m.expected_purchases(&r, 365.0 / 7.0))
            }
            (None, Some(_)) => {
                // Rules: at risk once well past the usual gap; the rate is the customer's own.
                let gap = cycle.map_or(store_gap, |cy| cy.days);
                let over = since_last.unwrap_or(0) as f64 / gap;
                let alive = (1.0 - (over - 1.0) / 2.0).clamp(0.0, 1.0);
                let tenure = ((today - b.days[0].0).max(30)) as f64;
                let rate = b.days.len().saturating_sub(1).max(1) as f64 / tenure;
                (Some(alive), Some(alive * rate * 90.0), Some(alive * rate * 365.0))
            }
            _ => (None, None, None),
        };
        let order_value = value_per_order(b);
        let clv = match (model, r, order_value) {
            (Some(m), Some(r), Some(v)) => {
                discounted_value(&m, &r, v * margin_rate, CLV_MONTHS, MONTHLY_DISCOUNT, WEEKS_PER_MONTH)
            }
            (None, Some(_), Some(v)) => e365.map(|e| e * v * margin_rate),
            _ => None,
        };
        let orders = input.orders_of(c);
        let row = features(orders, c, ctx.as_of, &top_categories);
        let full_price = match (&scorer, &row) {
            (Some(m), Some(row)) if mode == Mode::Models => Some(m.predict(row)),
            _ if b.orders > 0 => Some((f64::from(b.orders - b.discounted) + 1.0) / (f64::from(b.orders) + 2.0)),
            _ => None,
        };
        let churn = p_alive.map(|p| 1.0 - p);
        let new = b.orders == 1 && b.first_at.is_some_and(|f| ctx.as_of - f <= 30 * DAY);
        let status = if b.orders == 0 {
            Status::NoOrders
        } else if new {
            Status::New
        } else if b.seasonal.is_some() && (churn.unwrap_or(0.0) >= 0.5 || next_order_at.is_some_and(|t| t < ctx.as_of))
        {
            Status::Seasonal
        } else if b.days.len() == 1 {
            // BG/NBD lets customers drop out only after a repeat purchase, so a one-time buyer's
            // P(alive) is 1 however long ago they bought. Their status uses the reorder cycle.
            let gap = cycle.map_or(store_gap, |cy| cy.days);
            let over = since_last.unwrap_or(0) as f64 / gap;
            if over > 4.0 {
                Status::Lapsed
            } else if over > 2.0 {
                Status::AtRisk
            } else if over > 1.0 {
                Status::Due
            } else {
                Status::Active
            }
        } else if churn.unwrap_or(0.0) >= 0.8 {
            Status::Lapsed
        } else if churn.unwrap_or(0.0) >= 0.5 {
            Status::AtRisk
        } else if next_order_at.is_some_and(|t| t < ctx.as_of) {
            Status::Due
        } else {
            Status::Active
        };
        let discount_share = if b.orders > 0 { f64::from(b.discounted) / f64::from(b.orders) } else { 0.0 };
        let recent_first = b.orders == 1 && b.first_at.is_some_and(|f| ctx.as_of - f <= NEW_HERE_DAYS * DAY);
        let segment = if b.orders == 0 || recent_first {
            "c"
        } else if discount_share >= 0.5 {
            "b"
        } else if discount_share <= 1.0 / 3.0 && status != Status::Lapsed {
            "a"
        } else {
            "other"
        };
        let mut reasons = Vec::new();
        reasons_for(&mut reasons, b, since_last, cycle, churn, status, segment, discount_share);
        if let (Some(m), Some(row)) = (&scorer, &row) {
            if mode == Mode::Models {
                full_price_reasons(&mut reasons, m, row, b, c, ctx, &top_categories);
            }
        }
        let recommendations = product_lists(c)
            .last()
            .map(|last| transitions.recommend(last, RECOMMENDATIONS, unit_value, allowed))
            .unwrap_or_default();
        Scored {
            customer_id: c.id,
            orders: b.orders,
            first_order_at: b.first_at,
            last_order_at: b.last_at,
            revenue_minor: b.revenue,
            discount_share,
            p_alive,
            expected_90d: e90,
            expected_365d: e365,
            order_value_minor: order_value,
            clv_minor: clv,
            cycle,
            next_order_at,
            seasonal_month: b.seasonal,
            full_price,
            status,
            segment,
            reasons,
            recommendations,
        }
    });
    progress("Scoring customers", n, n);

    // Expected orders in the next 90 days, with an 80% interval.
    let total90: f64 = customers.iter().filter_map(|c| c.expected_90d).sum();
    let interval = match (model, covariance.and_then(|c| cholesky(&c))) {
        (Some(m), Some(chol)) => {
            let sample: Vec<Rfm> = fit_data.iter().step_by((fit_data.len() / 2_000).max(1)).copied().collect();
            let scale = fit_data.len() as f64 / sample.len() as f64;
            let mut rng = crate::demo::rng::Rng::new(0x5EED);
            let mut totals: Vec<f64> = (0..200)
                .map(|_| {
                    let z = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
                    let d = m.perturbed(&chol, z);
                    sample.iter().filter_map(|r| d.expected_purchases(r, 90.0 / 7.0)).sum::<f64>() * scale
                })
                .filter(|t| t.is_finite())
                .collect();
            totals.sort_by(f64::total_cmp);
            if totals.len() >= 20 {
                // Parameter uncertainty (the draws' 10th–90th percentiles) combined with the
                // randomness of the orders themselves (Poisson: variance = mean).
                let q = |p: f64| totals[((totals.len() - 1) as f64 * p).round() as usize];
                let (below, above) = ((total90 - q(0.1)).max(0.0), (q(0.9) - total90).max(0.0));
                let noise = 1.2816 * total90.sqrt();
                ((total90 - below.hypot(noise)).max(0.0), total90 + above.hypot(noise))
            } else {
                poisson_interval(total90)
            }
        }
        _ => poisson_interval(total90),
    };
    Outcome {
        mode,
        caution,
        customers,
        customers_with_orders: with_orders,
        repeat_customers: repeat,
        history_days,
        bgnbd: fit.map(|f| (f.params, f.log_likelihood)),
        covariance,
        spend,
        propensity,
        recommendations,
        expected_90d: (total90, interval.0, interval.1),
        margin_rate,
        category_names,
    }
}

/// An 80% interval for a Poisson count with this mean (normal approximation), doubled in width
/// because the rule behind the mean is itself rough.
fn poisson_interval(mean: f64) -> (f64, f64) {
    let half = 2.0 * 1.2816 * mean.sqrt();
    ((mean - half).max(0.0), mean + half)
}

/// A reason behind a score, kept as numbers (a million customers each have several) and put
/// into words by [`render_reason`] when a customer's page is shown. The first number says which
/// reason it is.
pub type ReasonCode = Vec<i64>;

mod code {
    pub const NO_ORDERS: i64 = 0;
    pub const REPEAT: i64 = 1; // orders, days since last, usual gap
    pub const ONE_ORDER: i64 = 2; // days since
    pub const RISK: i64 = 3; // percent
    pub const SEASONAL: i64 = 4; // month
    pub const CYCLE: i64 = 5; // days, gaps, basis (0 similar, 1 own, 2 both), category or −1
    pub const SEGMENT: i64 = 6; // segment (0 a, 1 b, 2 c, 3 other), percent
    pub const FULL_PRICE: i64 = 7; // feature, up (1/0), value, second value
}

#[allow(clippy::too_many_arguments)]
fn reasons_for(
    out: &mut Vec<ReasonCode>,
    b: &Basics,
    since_last: Option<i64>,
    cycle: Option<Cycle>,
    churn: Option<f64>,
    status: Status,
    segment: &str,
    discount_share: f64,
) {
    let Some(since) = since_last else {
        out.push(vec![code::NO_ORDERS]);
        return;
    };
    match cycle {
        Some(cy) if b.days.len() > 1 => {
            out.push(vec![code::REPEAT, b.days.len() as i64, since, cy.days.round() as i64])
        }
        _ => out.push(vec![code::ONE_ORDER, since]),
    }
    if let Some(r) = churn {
        if r >= 0.5 && status != Status::Seasonal {
            out.push(vec![code::RISK, (r * 100.0).round() as i64]);
        }
    }
    if let Some(m) = b.seasonal {
        out.push(vec![code::SEASONAL, i64::from(m)]);
    }
    if let Some(cy) = cycle {
        let basis = if cy.gaps == 0 {
            0
        } else if cy.own_weight >= 0.7 {
            1
        } else {
            2
        };
        let category = if b.main_category == u16::MAX { -1 } else { i64::from(b.main_category) };
        out.push(vec![code::CYCLE, cy.days.round() as i64, i64::from(cy.gaps), basis, category]);
    }
    let (seg, pct) = match segment {
        "a" => (0, ((1.0 - discount_share) * 100.0).round() as i64),
        "b" => (1, (discount_share * 100.0).round() as i64),
        "c" => (2, 0),
        _ => (3, 0),
    };
    out.push(vec![code::SEGMENT, seg, pct]);
}

#[allow(clippy::too_many_arguments)]
fn full_price_reasons(
    out: &mut Vec<ReasonCode>,
    m: &Logistic,
    row: &[f64],
    b: &Basics,
    c: &CustomerIn,
    ctx: &Context,
    top_categories: &[u16],
) {
    let contributions = m.contributions(row);
    let mut order: Vec<usize> = (0..contributions.len()).collect();
    order.sort_by(|&x, &y| contributions[y].abs().total_cmp(&contributions[x].abs()));
    for &j in order.iter().take(2) {
        let up = i64::from(contributions[j] > 0.0);
        let (v1, v2) = match j {
            0 => (i64::from(b.discounted), i64::from(b.orders)),
            1 => (i64::from(row[1] > 0.5), 0),
            2 => ((row[2] * 100.0).round() as i64, 0),
            3 => (b.revenue / i64::from(b.orders.max(1)), 0),
            4 => (b.last_at.map_or(0, |l| (ctx.as_of - l) / DAY), 0),
            5 => (b.first_at.map_or(0, |f| (ctx.as_of - f) / DAY), 0),
            6 => (i64::from(b.orders), 0),
            7 => (if row[7] > 0.0 { c.open_cart_minor } else { 0 }, 0),
            k => match top_categories.get(k - FEATURES.len()) {
                Some(&cat) => (i64::from(cat), i64::from(row[k] > 0.5)),
                None => continue,
            },
        };
        out.push(vec![code::FULL_PRICE, j as i64, up, v1, v2]);
    }
}

/// Puts a reason into words: which score it explains, and the sentence. `categories` are the
/// run's category names; money is printed in `currency`'s major units (`minor_per_major`).
pub fn render_reason(
    r: &[i64],
    categories: &[String],
    currency: &str,
    minor_per_major: f64,
) -> Option<(&'static str, String)> {
    let at = |i: usize| r.get(i).copied().unwrap_or(0);
    let category = |i: i64| usize::try_from(i).ok().and_then(|i| categories.get(i)).filter(|c| !c.is_empty());
    let decimals = minor_per_major.log10().round().max(0.0) as usize;
    let money = |minor: i64| format!("{:.decimals$} {currency}", minor as f64 / minor_per_major);
    let plural = |n: i64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    Some(match *r.first()? {
        code::NO_ORDERS => ("segment", "Has not ordered yet.".to_owned()),
        code::REPEAT => (
            "churn_risk",
            format!(
                "{}; the last one {} days ago, usually every {} days.",
                plural(at(1), "order", "orders"),
                at(2),
                at(3)
            ),
        ),
        code::ONE_ORDER => (
            "churn_risk",
            format!("Only one order so far, {} days ago; their status follows the usual gap between orders.", at(1)),
        ),
        code::RISK => ("churn_risk", format!("A {}% chance they have stopped buying.", at(1))),
        code::SEASONAL => {
            ("segment", format!("Orders cluster around {} each year.", month_name(at(1).clamp(1, 12) as u32)))
        }
        code::CYCLE => {
            let gaps = plural(at(2), "gap between orders", "gaps between orders");
            let basis = match at(3) {
                0 => "from customers who buy the same things".to_owned(),
                1 => format!("from their own {gaps}"),
                _ => format!("from their {gaps} and customers who buy the same things"),
            };
            let what = category(at(4)).map(|c| format!(" (mostly {c})")).unwrap_or_default();
            ("next_order", format!("Usual reorder gap of {} days {basis}{what}.", at(1)))
        }
        code::SEGMENT => (
            "segment",
            match at(1) {
                0 => format!("Paid full price on {}% of their orders.", at(2)),
                1 => format!("Used a discount on {}% of their orders.", at(2)),
                2 => "New here: no order yet, or a single order in the last 90 days.".to_owned(),
                _ => "Neither a clear full-price buyer nor a discount hunter.".to_owned(),
            },
        ),
        code::FULL_PRICE => {
            let effect = if at(2) == 1 {
                "raises the chance of paying full price"
            } else {
                "lowers the chance of paying full price"
            };
            let (v1, v2) = (at(3), at(4));
            let fact = match at(1) {
                0 => format!("Used a discount on {v1} of {v2} orders"),
                1 if v1 == 1 => "First order used a discount".to_owned(),
                1 => "First order was at full price".to_owned(),
                2 => format!("Average discount {v1}%"),
                3 => format!("Orders average {}", money(v1)),
                4 => format!("Last order {v1} days ago"),
                5 => format!("Customer for {v1} days"),
                6 => plural(v1, "order", "orders"),
                7 if v1 > 0 => format!("Left a cart worth {} in the last 30 days", money(v1)),
                7 => "No open cart".to_owned(),
                _ => {
                    let name = category(v1)?;
                    if v2 == 1 {
                        format!("Mostly buys {name}")
                    } else {
                        format!("Does not mostly buy {name}")
                    }
                }
            };
            ("full_price_probability", format!("{fact} — {effect}."))
        }
        _ => return None,
    })
}

/// English month name, 1–12.
pub fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(m.clamp(1, 12) - 1) as usize]
}

/// The monthly health check: BG/NBD fitted on purchases up to a quarter ago, its predictions for
/// the quarter since compared with what happened. `None` when there is not enough history.
pub fn health_check(input: &Input, ctx: &Context) -> Option<Health> {
    let today = local_day(ctx.as_of, ctx.utc_offset);
    let end = today - HEALTH_WEEKS * 7;
    let basics: Vec<Basics> = parallel::map(&input.customers, |c| basics(input, c, ctx));
    let data: Vec<(Rfm, u32)> = basics
        .iter()
        .filter_map(|b| {
            let r = rfm_at(&b.days, end)?;
            let after = b.days.iter().filter(|d| d.0 > end && d.0 <= today).count() as u32;
            Some((r, after))
        })
        .collect();
    let rfm: Vec<Rfm> = data.iter().map(|d| d.0).collect();
    let fit = BgNbd::fit(&rfm).ok()?;
    let rows = holdout_table(&fit.params, &data, (today - end) as f64 / 7.0);
    let predicted_total: f64 = rows.iter().map(|r| r.predicted_mean * r.customers as f64).sum();
    let actual_total: u64 = data.iter().map(|d| u64::from(d.1)).sum();
    let error = if actual_total > 0 { (predicted_total - actual_total as f64) / actual_total as f64 } else { 0.0 };
    Some(Health {
        calibration_end: end * DAY - ctx.utc_offset,
        holdout_end: today * DAY - ctx.utc_offset,
        rows,
        predicted_total,
        actual_total,
        error,
        drifted: error.abs() > DRIFT,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intel::input::ProductIn;

    const NOW: i64 = 1_790_000_000;

    fn store(histories: &[Vec<(i64, i64, bool)>]) -> Input {
        let mut input = Input {
            products: vec![ProductIn {
                id: 1,
                title: "Tea".into(),
                handle: "tea".into(),
                category: Some("Tea".into()),
                active: true,
                in_stock: true,
                price_minor: 1000,
                cost_minor: Some(400),
                ..ProductIn::default()
            }],
            ..Input::default()
        };
        for (i, h) in histories.iter().enumerate() {
            input.customers.push(CustomerIn {
                id: i as i64 + 1,
                first_order: input.orders.len() as u32,
                order_count: h.len() as u32,
                ..CustomerIn::default()
            });
            for &(days_ago, amount, discounted) in h {
                input.order_products.push(0);
                input.orders.push(OrderIn {
                    at: NOW - days_ago * DAY,
                    subtotal_minor: amount,
                    discount_minor: if discounted { amount / 10 } else { 0 },
                    discounted,
                    cost_known: true,
                    category: 0,
                    first_product: input.order_products.len() as u32 - 1,
                    product_count: 1,
                    ..OrderIn::default()
                });
            }
        }
        input
    }

    fn finite_everywhere(o: &Outcome) {
        for c in &o.customers {
            for v in [c.p_alive, c.expected_90d, c.expected_365d, c.order_value_minor, c.clv_minor, c.full_price]
                .into_iter()
                .flatten()
            {
                assert!(v.is_finite(), "{c:?}");
            }
        }
        assert!(o.expected_90d.0.is_finite() && o.expected_90d.1.is_finite() && o.expected_90d.2.is_finite());
    }

    fn run(input: &Input) -> Outcome {
        score(input, &Context { as_of: NOW, utc_offset: 0 }, &mut |_, _, _| {})
    }

    #[test]
    fn one_customer_is_scored_by_rules_without_nan() {
        let o = run(&store(&[vec![(300, 2500, false), (200, 2500, true), (100, 2500, false)]]));
        assert_eq!(o.mode, Mode::Rules);
        assert!(o.caution.as_deref().is_some_and(|c| c.contains("simple rules")));
        finite_everywhere(&o);
    }

    #[test]
    fn identical_customers_and_one_order_customers_do_not_break_anything() {
        let same = vec![vec![(60, 1000, false), (30, 1000, false)]; 300];
        let o = run(&store(&same));
        finite_everywhere(&o);
        let singles = vec![vec![(400, 1000, true)]; 50];
        let o = run(&store(&singles));
        finite_everywhere(&o);
        assert_eq!(o.mode, Mode::Rules);
        assert!(o.customers.iter().all(|c| c.status == Status::Lapsed || c.status == Status::AtRisk));
    }

    #[test]
    fn orders_dated_after_now_are_not_counted() {
        let o = run(&store(&[vec![(30, 1000, false), (-40, 5000, false)]]));
        assert_eq!(o.customers[0].orders, 1);
        assert_eq!(o.customers[0].revenue_minor, 1000);
    }

    #[test]
    fn every_reason_code_reads_as_a_sentence() {
        let cats = vec!["Black tea".to_owned(), "Teaware".to_owned()];
        let cases: [(&[i64], &str); 9] = [
            (&[code::NO_ORDERS], "Has not ordered yet."),
            (&[code::REPEAT, 4, 12, 40], "4 orders; the last one 12 days ago, usually every 40 days."),
            (&[code::RISK, 83], "A 83% chance they have stopped buying."),
            (&[code::SEASONAL, 12], "Orders cluster around December each year."),
            (&[code::CYCLE, 41, 1, 2, 0], "Usual reorder gap of 41 days from their 1 gap between orders and customers who buy the same things (mostly Black tea)."),
            (&[code::SEGMENT, 1, 75], "Used a discount on 75% of their orders."),
            (&[code::FULL_PRICE, 0, 0, 3, 4], "Used a discount on 3 of 4 orders — lowers the chance of paying full price."),
            (&[code::FULL_PRICE, 3, 1, 4820, 0], "Orders average 48.20 EUR — raises the chance of paying full price."),
            (&[code::FULL_PRICE, 9, 1, 1, 1], "Mostly buys Teaware — raises the chance of paying full price."),
        ];
        for (c, text) in cases {
            assert_eq!(render_reason(c, &cats, "EUR", 100.0).map(|r| r.1).as_deref(), Some(text));
        }
        // Unknown codes and unknown categories say nothing rather than something wrong.
        assert_eq!(render_reason(&[99], &cats, "EUR", 100.0), None);
        assert_eq!(render_reason(&[code::FULL_PRICE, 9, 1, 7, 1], &cats, "EUR", 100.0), None);
    }

    #[test]
    fn a_customer_without_orders_has_no_scores_but_a_segment() {
        let o = run(&store(&[vec![], vec![(10, 1000, false)]]));
        let c = &o.customers[0];
        assert_eq!((c.status, c.segment), (Status::NoOrders, "c"));
        assert!(c.p_alive.is_none() && c.clv_minor.is_none());
    }
}
