//! The demo store: a deterministic, seeded generator of a believable small tea shop, so that a
//! first launch has something real to look at and later models have real structure to find.
//!
//! Customers are of five kinds (full-price loyalists, discount seekers, seasonal buyers,
//! one-and-done buyers, new visitors). Repeat purchases follow a BG/NBD-like process: while
//! "alive" a customer buys at their own rate, and after each purchase may drop out for good.
//! Loyalists reorder their favourite tea on its reorder cycle; one glass-teapot line is returned
//! often because buyers put it on the stove. The same seed and `as_of` give the same store.

pub mod catalog;
mod people;
pub mod play;
pub mod rng;

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::model::{
    AbandonedCheckout, Consent, Customer, Event, EventKind, LineItem, Order, Refund, StoreSettings, StoreSource,
    SupportTicket, TicketStatus,
};
use crate::progress::{Progress, Throttle};
use crate::store::{self, BulkWriter, Store};
use catalog::{Catalog, CatalogError, ReturnRisk, Season};
use rng::{cumulative, Rng};

/// Customers in the demo store the app opens on first launch.
pub const DEFAULT_CUSTOMERS: u32 = 5_000;
/// The seed of that store.
pub const DEFAULT_SEED: u64 = 2024;

const DAY: i64 = 86_400;
const HISTORY_DAYS: i64 = 730;
/// Behavioural events are kept for this many days (as stores keep them).
const EVENT_DAYS: i64 = 60;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub customers: u32,
    pub seed: u64,
    /// The generated history ends here.
    pub as_of: Timestamp,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub products: u64,
    pub variants: u64,
    pub customers: u64,
    pub orders: u64,
    pub line_items: u64,
    pub refunds: u64,
    pub checkouts: u64,
    pub events: u64,
    pub tickets: u64,
}

/// Why a demo store was not generated.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("The data folder {dir} already holds a store. Nothing was changed. Use an empty folder (--data-dir) for a new demo store.")]
    NotEmpty { dir: std::path::PathBuf },
    #[error("--customers must be between 1 and 10,000,000 (got {0}).")]
    TooManyCustomers(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Loyalist,
    DiscountSeeker,
    Seasonal,
    OneAndDone,
    NewVisitor,
}

impl Kind {
    /// The kind's name, as tests and documentation use it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Loyalist => "loyalist",
            Kind::DiscountSeeker => "discount_seeker",
            Kind::Seasonal => "seasonal",
            Kind::OneAndDone => "one_and_done",
            Kind::NewVisitor => "new_visitor",
        }
    }
}

/// The kind of customer the generator planted for each customer (index `i` is customer id
/// `i + 1`): the ground truth that tests check the models against.
pub fn planted_kinds(opts: &DemoOptions) -> Result<Vec<Kind>, Error> {
    let catalog = Catalog::embedded()?;
    let g = Generator::new(&catalog, opts);
    Ok((0..opts.customers)
        .map(|i| {
            let mut r = Rng::stream(opts.seed, 1, u64::from(i));
            g.plan(&mut r).kind
        })
        .collect())
}

const KINDS: [(Kind, f64); 5] = [
    (Kind::Loyalist, 0.20),
    (Kind::DiscountSeeker, 0.22),
    (Kind::Seasonal, 0.15),
    (Kind::OneAndDone, 0.28),
    (Kind::NewVisitor, 0.15),
];

/// What the later passes need to remember of each customer.
#[derive(Debug, Clone, Copy)]
struct Plan {
    kind: Kind,
    acquired: i64,
    /// Index into the catalog's products: the consumable a loyalist reorders.
    favourite: u16,
}

/// Generates a demo store into `store`, which must hold no store and no commerce rows yet. The
/// whole store is written in one transaction: it appears complete or not at all.
pub fn generate(
    store: &mut Store,
    opts: &DemoOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<DemoSummary, Error> {
    if opts.customers == 0 || opts.customers > 10_000_000 {
        return Err(Error::TooManyCustomers(opts.customers));
    }
    if store.settings()?.is_some() || store.has_commerce_rows()? {
        return Err(Error::NotEmpty { dir: store.dir().to_path_buf() });
    }
    let catalog = Catalog::embedded()?;
    let g = Generator::new(&catalog, opts);
    let settings = StoreSettings {
        name: catalog.store.name.clone(),
        currency: catalog.store.currency.clone(),
        timezone: catalog.store.timezone.clone(),
        source: StoreSource::Demo,
        domain: Some(catalog.store.domain.clone()),
        postal_address: Some(catalog.store.postal_address.clone()),
        demo_seed: Some(opts.seed),
        created_at: g.end,
    };
    let mut summary = DemoSummary::default();
    store.bulk_load(&settings, |w| g.run(w, &mut summary, progress))?;
    Ok(summary)
}

struct Generator<'c> {
    catalog: &'c Catalog,
    seed: u64,
    customers: u32,
    start: i64,
    end: i64,
    /// Cumulative product weights for each month of the year (index 0 = January).
    by_month: Vec<Vec<f64>>,
    consumables: Vec<f64>,
    /// First variant id of each product (variants are numbered in catalog order from 1).
    first_variant: Vec<i64>,
    /// Gift-season windows inside the history.
    seasons: Vec<(i64, i64)>,
    kinds: Vec<f64>,
}

impl<'c> Generator<'c> {
    fn new(catalog: &'c Catalog, opts: &DemoOptions) -> Self {
        let end = opts.as_of.as_second();
        let by_month = (1..=12)
            .map(|month| cumulative(catalog.products.iter().map(|p| p.popularity * season_factor(p.season, month))))
            .collect();
        let consumables = cumulative(catalog.products.iter().map(|p| if p.consumable { p.popularity } else { 0.0 }));
        let mut first_variant = Vec::with_capacity(catalog.products.len());
        let mut next = 1;
        for p in &catalog.products {
            first_variant.push(next);
            next += p.variants.len() as i64;
        }
        let start = end - HISTORY_DAYS * DAY;
        Self {
            catalog,
            seed: opts.seed,
            customers: opts.customers,
            start,
            end,
            by_month,
            consumables,
            first_variant,
            seasons: gift_seasons(start, end),
            kinds: cumulative(KINDS.iter().map(|k| k.1)),
        }
    }

    fn run(
        &self,
        w: &mut BulkWriter<'_>,
        summary: &mut DemoSummary,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), store::Error> {
        // Products, with inventory counted recently except for a stale tenth.
        let products = self.catalog.products(self.end, |i| {
            let mut r = Rng::stream(self.seed, 9, i as u64);
            if r.chance(0.1) {
                r.between(70, 200) * DAY
            } else {
                r.between(600, 20 * 3600)
            }
        });
        for p in &products {
            w.product(p)?;
            summary.products += 1;
            summary.variants += p.variants.len() as u64;
        }

        // Customers and when each of them buys.
        let mut plans = Vec::with_capacity(self.customers as usize);
        let mut purchases: Vec<(i64, u32, u16)> = Vec::with_capacity(self.customers as usize * 3);
        let mut tick = Throttle::new("Creating customers", u64::from(self.customers));
        for i in 0..self.customers {
            let mut r = Rng::stream(self.seed, 1, u64::from(i));
            let plan = self.plan(&mut r);
            let times = self.purchase_times(&mut r, &plan);
            let customer = self.customer(&mut r, i, &plan, times.len());
            w.customer(&customer)?;
            purchases.extend(times.iter().enumerate().map(|(k, &t)| (t, i, k as u16)));
            plans.push(plan);
            summary.customers += 1;
            tick.tick(u64::from(i) + 1, progress);
        }

        // Orders in time order, so numbers count up with time; checkouts and tickets that
        // belong to an order are written with it.
        purchases.sort_unstable();
        let mut tick = Throttle::new("Writing orders", purchases.len() as u64);
        let mut ids = Ids::default();
        for (n, &(at, customer, k)) in purchases.iter().enumerate() {
            let order_id = n as i64 + 1;
            let plan = &plans[customer as usize];
            let mut r = Rng::stream(self.seed, 2, (u64::from(customer) << 16) | u64::from(k));
            let order = self.order(&mut r, &mut ids, order_id, at, customer, k, plan);
            w.order(&order)?;
            summary.orders += 1;
            summary.line_items += order.lines.len() as u64;
            summary.refunds += order.refunds.len() as u64;
            if order.cancelled_at.is_none() {
                if r.chance(0.18) {
                    let checkout = self.recovered_checkout(&mut r, &mut ids, &order);
                    w.checkout(&checkout)?;
                    summary.checkouts += 1;
                }
                for e in self.order_events(&mut r, &order) {
                    w.event(&e)?;
                    summary.events += 1;
                }
                for t in self.order_tickets(&mut r, &order) {
                    w.ticket(&t)?;
                    summary.tickets += 1;
                }
            }
            tick.tick(n as u64 + 1, progress);
        }

        // Checkouts nobody came back for, and browsing that led nowhere (yet).
        let mut tick = Throttle::new("Adding browsing and abandoned checkouts", u64::from(self.customers));
        for (i, plan) in plans.iter().enumerate() {
            let mut r = Rng::stream(self.seed, 3, i as u64);
            for c in self.lost_checkouts(&mut r, &mut ids, i as i64 + 1, plan) {
                w.checkout(&c)?;
                summary.checkouts += 1;
            }
            for e in self.browsing(&mut r, i as i64 + 1, plan) {
                w.event(&e)?;
                summary.events += 1;
            }
            tick.tick(i as u64 + 1, progress);
        }
        Ok(())
    }

    fn plan(&self, r: &mut Rng) -> Plan {
        let kind = KINDS[r.pick(&self.kinds)].0;
        let span = (HISTORY_DAYS - 14) * DAY;
        let acquired = match kind {
            Kind::NewVisitor => self.end - r.between(0, 75 * DAY),
            Kind::Seasonal => {
                // Acquired during some gift season of the two years.
                let (from, to) = *r.choose(&self.seasons);
                r.between(from, to)
            }
            _ => {
                // More customers lately: density grows linearly by `g` over the history.
                let g = 1.2;
                let u = r.f64();
                let x = (-1.0 + (1.0 + 2.0 * g * u * (1.0 + g / 2.0)).sqrt()) / g;
                self.start + (x * span as f64) as i64
            }
        };
        Plan { kind, acquired, favourite: r.pick(&self.consumables) as u16 }
    }

    fn purchase_times(&self, r: &mut Rng, plan: &Plan) -> Vec<i64> {
        let mut times = Vec::new();
        let mut t = plan.acquired + r.between(0, 2 * DAY);
        match plan.kind {
            Kind::Loyalist => {
                let cycle = self.catalog.products[plan.favourite as usize].reorder_days.unwrap_or(45) as f64;
                let drop = r.beta(1.0, 35.0);
                while t < self.end {
                    times.push(t);
                    if r.chance(drop) {
                        break;
                    }
                    t += (cycle * r.gamma(6.0, 1.0 / 6.0) * DAY as f64) as i64 + r.between(0, DAY);
                }
            }
            Kind::DiscountSeeker => {
                let per_year = r.gamma(2.0, 2.6);
                let drop = r.beta(1.5, 10.0);
                while t < self.end {
                    times.push(t);
                    if r.chance(drop) {
                        break;
                    }
                    t += (r.exponential(365.0 / per_year.max(0.2)) * DAY as f64) as i64 + DAY;
                }
            }
            Kind::Seasonal => {
                times.push(t);
                for &(from, to) in &self.seasons {
                    if from <= plan.acquired + DAY * 3 {
                        continue;
                    }
                    if r.chance(0.25) {
                        break;
                    }
                    if r.chance(0.8) {
                        for _ in 0..(1 + u32::from(r.chance(0.3))) {
                            times.push(r.between(from, to));
                        }
                    }
                }
            }
            Kind::OneAndDone => {
                times.push(t);
                if r.chance(0.12) {
                    times.push(t + (r.exponential(90.0) * DAY as f64) as i64 + DAY);
                }
            }
            Kind::NewVisitor => {
                if r.chance(0.45) {
                    times.push(t + r.between(0, 10 * DAY));
                }
            }
        }
        times.retain(|&x| x < self.end && x >= self.start);
        times.sort_unstable();
        times.truncate(usize::from(u16::MAX));
        times
    }

    fn customer(&self, r: &mut Rng, index: u32, plan: &Plan, orders: usize) -> Customer {
        let id = i64::from(index) + 1;
        let who = people::person(r, id);
        let x = r.f64();
        let after = |r: &mut Rng| (plan.acquired + r.between(0, 30 * DAY)).min(self.end - 1);
        let (consent, source, at) = if plan.kind == Kind::NewVisitor && x < 0.8 {
            (Consent::Subscribed, Some("popup"), Some(plan.acquired))
        } else if x < 0.52 {
            let source = *r.choose(&["checkout", "checkout", "popup", "import"]);
            (Consent::Subscribed, Some(source), Some(plan.acquired))
        } else if x < 0.61 {
            (Consent::Unsubscribed, Some("unsubscribe_link"), Some(after(r)))
        } else if x < 0.83 {
            (Consent::NotAsked, None, None)
        } else {
            (Consent::Unknown, Some("legacy_import"), None)
        };
        let mut tags = Vec::new();
        if orders >= 6 {
            tags.push("vip");
        }
        if r.chance(0.01) {
            tags.push("wholesale");
        }
        Customer {
            id,
            email: who.email,
            first_name: Some(who.first.to_owned()),
            last_name: Some(who.last.to_owned()),
            consent,
            consent_source: source.map(str::to_owned),
            consent_at: at,
            tags: tags.join(","),
            timezone: Some(who.timezone.to_owned()),
            created_at: plan.acquired,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn order(&self, r: &mut Rng, ids: &mut Ids, id: i64, at: i64, customer: u32, k: u16, plan: &Plan) -> Order {
        let month = month_of(at);
        let n_lines = (1 + r.poisson(0.55)).min(4) as usize;
        let mut picked: Vec<usize> = Vec::with_capacity(n_lines);
        if plan.kind == Kind::Loyalist && r.chance(0.8) {
            picked.push(plan.favourite as usize);
        }
        while picked.len() < n_lines {
            let p = r.pick(&self.by_month[month - 1]);
            if !picked.contains(&p) {
                picked.push(p);
            }
        }
        let mut lines = Vec::with_capacity(picked.len());
        for &p in &picked {
            let product = &self.catalog.products[p];
            let v = r.below(product.variants.len() as u64) as usize;
            let variant = &product.variants[v];
            let quantity = match r.f64() {
                x if x < 0.8 => 1,
                x if x < 0.95 => 2,
                _ => 3,
            };
            ids.line += 1;
            lines.push(LineItem {
                id: ids.line,
                variant_id: Some(self.first_variant[p] + v as i64),
                sku: Some(variant.sku.clone()),
                title: None,
                quantity,
                unit_price_minor: variant.price_minor,
                discount_minor: 0,
                unit_cost_minor: Some(variant.cost_minor),
            });
        }
        let subtotal: i64 = lines.iter().map(|l| l.unit_price_minor * l.quantity).sum();

        let code = self.discount_for(r, plan.kind, k, month);
        let percent = code.map_or(0, |c| c.percent);
        let discount = crate::money::div_round(subtotal * percent, 100);
        crate::model::allocate_discount(&mut lines, discount);

        let ship = &self.catalog.shipping;
        let shipping = if subtotal - discount >= ship.free_over_minor { 0 } else { ship.flat_fee_minor };
        let tax: i64 = picked
            .iter()
            .zip(&lines)
            .map(|(&p, l)| {
                let rate = if self.catalog.products[p].consumable { 7 } else { 19 };
                crate::money::div_round((l.unit_price_minor * l.quantity - l.discount_minor) * rate, 100 + rate)
            })
            .sum();

        let cancelled = r.chance(0.006);
        let mut refunds = Vec::new();
        if !cancelled {
            for (&p, l) in picked.iter().zip(&lines) {
                let risk = match self.catalog.products[p].return_risk {
                    ReturnRisk::Misuse => 0.2,
                    ReturnRisk::Normal => 0.022,
                };
                if r.chance(risk) {
                    let when = at + r.between(4 * DAY, 30 * DAY);
                    if when < self.end {
                        let reasons = &self.catalog.return_reasons;
                        let reason = match self.catalog.products[p].return_risk {
                            ReturnRisk::Misuse if r.chance(0.85) => r.choose(&reasons.misuse).clone(),
                            _ => r.choose(reasons.ordinary()).clone(),
                        };
                        refunds.push(Refund {
                            line_item_id: Some(l.id),
                            quantity: l.quantity,
                            amount_minor: l.unit_price_minor * l.quantity - l.discount_minor,
                            reason: Some(reason),
                            created_at: when,
                        });
                    }
                }
            }
        }
        let financial_status = if cancelled {
            "voided"
        } else if refunds.is_empty() {
            "paid"
        } else if refunds.len() == lines.len() {
            "refunded"
        } else {
            "partially_refunded"
        };
        Order {
            id,
            customer_id: Some(i64::from(customer) + 1),
            number: format!("#{}", 1000 + id),
            created_at: at,
            currency: self.catalog.store.currency.clone(),
            subtotal_minor: subtotal,
            discount_minor: discount,
            discount_code: code.map(|c| c.code.clone()),
            shipping_minor: shipping,
            shipping_cost_minor: Some(ship.carrier_cost_minor),
            tax_minor: tax,
            total_minor: subtotal - discount + shipping,
            financial_status: financial_status.to_owned(),
            fulfillment_status: if cancelled || at > self.end - 2 * DAY { None } else { Some("fulfilled".to_owned()) },
            source: Some(if r.chance(0.93) { "web" } else { "pos" }.to_owned()),
            cancelled_at: cancelled.then_some(at + r.between(600, 6 * 3600)),
            lines,
            refunds,
        }
    }

    fn discount_for(&self, r: &mut Rng, kind: Kind, k: u16, month: usize) -> Option<&'c catalog::DiscountCode> {
        let winter = matches!(month, 10..=12 | 1);
        let summer = (5..=8).contains(&month);
        let code = |name: &str| self.catalog.discount_codes.iter().find(|c| c.code == name);
        let seasonal = || {
            if winter {
                code("WINTER15")
            } else if summer {
                code("ICEDTEA10")
            } else {
                None
            }
        };
        match kind {
            Kind::Loyalist => {
                r.chance(0.04).then(|| if r.chance(0.5) { code("LEAFLETTER12") } else { code("BIRTHDAY15") }).flatten()
            }
            Kind::DiscountSeeker => {
                if !r.chance(0.8) {
                    return None;
                }
                if k == 0 {
                    return code("WELCOME10");
                }
                if let Some(s) = seasonal().filter(|_| r.chance(0.4)) {
                    return Some(s);
                }
                let pool = ["COMEBACK20", "SHIPFREE8", "BIRTHDAY15", "LEAFLETTER12", "MIRASTEEPS25"];
                code(pool[r.pick(&cumulative([0.3, 0.25, 0.15, 0.22, 0.08]))])
            }
            Kind::Seasonal => r.chance(0.4).then(seasonal).flatten(),
            Kind::OneAndDone => match r.f64() {
                x if x < 0.3 && k == 0 => code("WELCOME10"),
                x if x < 0.36 => code("MIRASTEEPS25"),
                _ => None,
            },
            Kind::NewVisitor => r.chance(0.5).then(|| code("WELCOME10")).flatten(),
        }
    }

    fn recovered_checkout(&self, r: &mut Rng, ids: &mut Ids, order: &Order) -> AbandonedCheckout {
        ids.checkout += 1;
        AbandonedCheckout {
            id: ids.checkout,
            customer_id: order.customer_id,
            email: None,
            created_at: order.created_at - r.between(3600, 30 * 3600),
            currency: order.currency.clone(),
            value_minor: order.subtotal_minor,
            recovered_order_id: Some(order.id),
            items: order.lines.iter().map(|l| (l.variant_id.unwrap_or(0), l.quantity, l.unit_price_minor)).collect(),
        }
    }

    fn lost_checkouts(&self, r: &mut Rng, ids: &mut Ids, customer: i64, plan: &Plan) -> Vec<AbandonedCheckout> {
        let mean = match plan.kind {
            Kind::DiscountSeeker => 0.6,
            Kind::NewVisitor => 0.5,
            Kind::OneAndDone => 0.25,
            Kind::Loyalist | Kind::Seasonal => 0.15,
        };
        (0..r.poisson(mean))
            .filter_map(|_| {
                let at = r.between(plan.acquired, self.end - 600);
                if at <= plan.acquired {
                    return None;
                }
                let month = month_of(at);
                let items: Vec<(i64, i64, i64)> = (0..1 + r.below(2))
                    .map(|_| {
                        let p = r.pick(&self.by_month[month - 1]);
                        let v = r.below(self.catalog.products[p].variants.len() as u64) as usize;
                        (self.first_variant[p] + v as i64, 1, self.catalog.products[p].variants[v].price_minor)
                    })
                    .collect();
                ids.checkout += 1;
                Some(AbandonedCheckout {
                    id: ids.checkout,
                    customer_id: Some(customer),
                    email: None,
                    created_at: at,
                    currency: self.catalog.store.currency.clone(),
                    value_minor: items.iter().map(|i| i.1 * i.2).sum(),
                    recovered_order_id: None,
                    items,
                })
            })
            .collect()
    }

    fn order_events(&self, r: &mut Rng, order: &Order) -> Vec<Event> {
        if order.created_at < self.end - EVENT_DAYS * DAY {
            return Vec::new();
        }
        let mut out = Vec::new();
        let at = order.created_at;
        let ev = |kind, variant, occurred_at| Event {
            customer_id: order.customer_id,
            kind,
            variant_id: variant,
            occurred_at,
        };
        for l in &order.lines {
            for _ in 0..1 + r.poisson(0.8) {
                out.push(ev(EventKind::ProductViewed, l.variant_id, at - r.between(600, 3 * DAY)));
            }
            out.push(ev(EventKind::ProductAdded, l.variant_id, at - r.between(60, 600)));
        }
        out.push(ev(EventKind::CheckoutStarted, None, at - r.between(30, 300)));
        out.push(ev(EventKind::OrderCompleted, None, at));
        out
    }

    fn browsing(&self, r: &mut Rng, customer: i64, plan: &Plan) -> Vec<Event> {
        let window = self.end - EVENT_DAYS * DAY;
        let p = match plan.kind {
            Kind::Loyalist => 0.5,
            Kind::DiscountSeeker => 0.45,
            Kind::NewVisitor => 0.7,
            Kind::OneAndDone => 0.12,
            Kind::Seasonal => 0.1,
        };
        let from = window.max(plan.acquired);
        if from >= self.end || !r.chance(p) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for _ in 0..1 + r.poisson(0.8) {
            let at = r.between(from, self.end - 60);
            let month = month_of(at);
            for j in 0..1 + r.below(3) as i64 {
                let prod = r.pick(&self.by_month[month - 1]);
                let variant = Some(self.first_variant[prod]);
                let t = (at + j * r.between(20, 240)).min(self.end - 1);
                out.push(Event {
                    customer_id: Some(customer),
                    kind: EventKind::ProductViewed,
                    variant_id: variant,
                    occurred_at: t,
                });
                if r.chance(0.2) {
                    out.push(Event {
                        customer_id: Some(customer),
                        kind: EventKind::ProductAdded,
                        variant_id: variant,
                        occurred_at: (t + 30).min(self.end - 1),
                    });
                }
            }
        }
        out
    }

    fn order_tickets(&self, r: &mut Rng, order: &Order) -> Vec<SupportTicket> {
        let mut out = Vec::new();
        let tags = &self.catalog.ticket_tags;
        let subject =
            |tag: &str| self.catalog.ticket_subjects.get(tag).cloned().unwrap_or_else(|| tag.replace('-', " "));
        let mut push = |r: &mut Rng, tag: &str, opened: i64| {
            let opened = opened.min(self.end - 60);
            let age = self.end - opened;
            let (status, closed) = if age < 10 * DAY && r.chance(0.75) {
                (if r.chance(0.6) { TicketStatus::Open } else { TicketStatus::Pending }, None)
            } else {
                let closed = (opened + r.between(3600, 4 * DAY)).min(self.end - 1);
                (TicketStatus::Closed, Some(closed))
            };
            out.push(SupportTicket {
                customer_id: order.customer_id,
                order_id: Some(order.id),
                subject: subject(tag),
                tags: tag.to_owned(),
                status,
                opened_at: opened,
                closed_at: closed,
            });
        };
        if r.chance(0.025) {
            let tag = r.choose(tags.ordinary()).clone();
            let opened = order.created_at + r.between(DAY, 6 * DAY);
            push(r, &tag, opened);
        }
        for refund in &order.refunds {
            if self.catalog.return_reasons.misuse.contains(refund.reason.as_ref().unwrap_or(&String::new()))
                && r.chance(0.7)
            {
                let tag = r.choose(&tags.misuse).clone();
                let opened = refund.created_at - r.between(3600, DAY);
                push(r, &tag, opened);
            }
        }
        out
    }
}

/// Running ids of rows that are numbered as they are made.
#[derive(Debug, Default)]
struct Ids {
    line: i64,
    checkout: i64,
}

/// Gift-season windows (about 20 Oct – 22 Dec) that fall inside the history.
fn gift_seasons(start: i64, end: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut year_start = start - 365 * DAY;
    while year_start < end {
        if let Ok(t) = Timestamp::from_second(year_start) {
            let year = TimeZone::UTC.to_datetime(t).year();
            let from =
                TimeZone::UTC.to_timestamp(jiff::civil::date(year, 10, 20).at(0, 0, 0, 0)).map(|t| t.as_second());
            let to = TimeZone::UTC.to_timestamp(jiff::civil::date(year, 12, 22).at(0, 0, 0, 0)).map(|t| t.as_second());
            if let (Ok(from), Ok(to)) = (from, to) {
                let (from, to) = (from.max(start), to.min(end - DAY));
                if from < to {
                    out.push((from, to));
                }
            }
        }
        year_start += 365 * DAY;
    }
    if out.is_empty() {
        out.push((start, end - DAY));
    }
    out.dedup();
    out
}

fn season_factor(season: Option<Season>, month: usize) -> f64 {
    match season {
        None => 1.0,
        Some(Season::Winter) if matches!(month, 10..=12 | 1) => 3.0,
        Some(Season::Summer) if (5..=8).contains(&month) => 3.0,
        Some(_) => 0.25,
    }
}

/// Month of the year (1–12), UTC: close enough for seasonality.
fn month_of(at: i64) -> usize {
    Timestamp::from_second(at).map(|t| TimeZone::UTC.to_datetime(t).month() as usize).unwrap_or(1)
}

#[cfg(test)]
mod tests;
