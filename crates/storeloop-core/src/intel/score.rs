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
    pub reasons: Vec<(&'static str, String)>,
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
        reasons_for(&mut reasons, b, since_last, cycle, churn, status, segment, discount_share, ctx, &category_names);
        if let (Some(m), Some(row)) = (&scorer, &row) {
            if mode == Mode::Models {
                full_price_reasons(&mut reasons, m, row, b, c, ctx, &top_categories, &category_names);
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
                let q = |p: f64| totals[((totals.len() - 1) as f64 * p).round() as usize];
                (q(0.1).min(total90), q(0.9).max(total90))
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

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[allow(clippy::too_many_arguments)]
fn reasons_for(
    out: &mut Vec<(&'static str, String)>,
    b: &Basics,
    since_last: Option<i64>,
    cycle: Option<Cycle>,
    churn: Option<f64>,
    status: Status,
    segment: &str,
    discount_share: f64,
    ctx: &Context,
    categories: &[String],
) {
    let Some(since) = since_last else {
        out.push(("segment", "Has not ordered yet.".to_owned()));
        return;
    };
    let orders = plural(b.days.len() as u32, "order", "orders");
    match cycle {
        Some(cy) if b.days.len() > 1 => out.push((
            "churn_risk",
            format!("{orders}; the last one {since} days ago, usually every {:.0} days.", cy.days),
        )),
        _ => out.push((
            "churn_risk",
            format!("Only one order so far, {since} days ago. The purchase model counts one-time buyers as active until they buy again, so their status follows the usual reorder gap instead."),
        )),
    }
    if let Some(r) = churn {
        if r >= 0.5 && status != Status::Seasonal {
            out.push(("churn_risk", format!("A {:.0}% chance they have stopped buying.", r * 100.0)));
        }
    }
    if let Some(m) = b.seasonal {
        out.push(("segment", format!("Orders cluster around {} each year.", month_name(m))));
    }
    if let Some(cy) = cycle {
        let basis = if cy.gaps == 0 {
            "from customers who buy the same things".to_owned()
        } else if cy.own_weight >= 0.7 {
            format!("from their own {}", plural(cy.gaps, "gap between orders", "gaps between orders"))
        } else {
            format!(
                "from their {} and customers who buy the same things",
                plural(cy.gaps, "gap between orders", "gaps between orders")
            )
        };
        let what = categories.get(b.main_category as usize).map(|c| format!(" (mostly {c})")).unwrap_or_default();
        out.push(("next_order", format!("Usual reorder gap of {:.0} days {basis}{what}.", cy.days)));
    }
    let _ = ctx;
    let seg = match segment {
        "a" => format!("Paid full price on {:.0}% of their orders.", (1.0 - discount_share) * 100.0),
        "b" => format!("Used a discount on {:.0}% of their orders.", discount_share * 100.0),
        "c" => "New here: no order yet, or a single order in the last 90 days.".to_owned(),
        _ => "Neither a clear full-price buyer nor a discount hunter.".to_owned(),
    };
    out.push(("segment", seg));
}

#[allow(clippy::too_many_arguments)]
fn full_price_reasons(
    out: &mut Vec<(&'static str, String)>,
    m: &Logistic,
    row: &[f64],
    b: &Basics,
    c: &CustomerIn,
    ctx: &Context,
    top_categories: &[u16],
    categories: &[String],
) {
    let contributions = m.contributions(row);
    let mut order: Vec<usize> = (0..contributions.len()).collect();
    order.sort_by(|&x, &y| contributions[y].abs().total_cmp(&contributions[x].abs()));
    for &j in order.iter().take(2) {
        let up = contributions[j] > 0.0;
        let effect =
            if up { "raises the chance of paying full price" } else { "lowers the chance of paying full price" };
        let fact = match j {
            0 => format!("Used a discount on {} of {} orders", b.discounted, b.orders),
            1 => {
                if row[1] > 0.5 {
                    "First order used a discount".to_owned()
                } else {
                    "First order was at full price".to_owned()
                }
            }
            2 => format!("Average discount {:.0}%", row[2] * 100.0),
            3 => format!("Orders average {:.2}", b.revenue as f64 / f64::from(b.orders.max(1)) / 100.0),
            4 => format!("Last order {} days ago", b.last_at.map_or(0, |l| (ctx.as_of - l) / DAY)),
            5 => format!("Customer for {} days", b.first_at.map_or(0, |f| (ctx.as_of - f) / DAY)),
            6 => plural(b.orders, "order", "orders"),
            7 => {
                if c.open_cart_minor > 0 && row[7] > 0.0 {
                    format!("Left a cart worth {:.2} in the last 30 days", c.open_cart_minor as f64 / 100.0)
                } else {
                    "No open cart".to_owned()
                }
            }
            k => {
                let cat = top_categories.get(k - FEATURES.len()).and_then(|&i| categories.get(i as usize));
                match (cat, row[k] > 0.5) {
                    (Some(name), true) => format!("Mostly buys {name}"),
                    (Some(name), false) => format!("Does not mostly buy {name}"),
                    _ => continue,
                }
            }
        };
        out.push(("full_price_probability", format!("{fact} — {effect}.")));
    }
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
