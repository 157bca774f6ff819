//! The store's vital signs — customers, orders, revenue, repeat-purchase, discount and return
//! rates, revenue by month — computed from the local store in one pass over the orders.
//! Definitions are the ones in UX.md ("The numbers"), and nowhere else.

use std::collections::HashMap;

use jiff::Timestamp;

use crate::model::StoreSettings;
use crate::store::{self, Store};
use crate::time::{months_between, zone};

/// Width of the time buckets orders are first counted into; every whole-quarter-hour time-zone
/// offset (all of today's) starts its months on a bucket boundary.
const BUCKET_SECONDS: i64 = 15 * 60;

/// One calendar month of the store's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTotal {
    /// `YYYY-MM`.
    pub month: String,
    pub orders: i64,
    /// Net revenue: gross item revenue − discounts.
    pub revenue_minor: i64,
}

/// The statistics of a store, in minor units of its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreStats {
    pub settings: StoreSettings,
    pub customers: i64,
    /// Customers with at least one order that was not cancelled.
    pub customers_with_orders: i64,
    /// Customers with two or more such orders.
    pub repeat_customers: i64,
    /// Orders that were not cancelled.
    pub orders: i64,
    /// Of those, the ones that used a discount.
    pub discounted_orders: i64,
    /// Item prices × quantities, before discounts, without tax or shipping.
    pub gross_item_revenue_minor: i64,
    pub discounts_minor: i64,
    pub units_sold: i64,
    pub units_refunded: i64,
    pub first_order_at: Option<i64>,
    pub last_order_at: Option<i64>,
    /// Every month from the first order's to the last order's, empty months included.
    pub by_month: Vec<MonthTotal>,
}

impl StoreStats {
    /// Net revenue: gross item revenue − discounts.
    pub fn revenue_minor(&self) -> i64 {
        self.gross_item_revenue_minor - self.discounts_minor
    }
}

/// Why statistics could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("The store's time zone is not usable: {0}. Set a valid one in Settings.")]
    TimeZone(#[from] crate::time::BadTimeZone),
}

/// Computes the statistics of the store.
pub fn compute(store: &Store) -> Result<StoreStats, Error> {
    let settings = store.settings()?.ok_or_else(|| store::Error::NoStore { path: store.path().to_path_buf() })?;
    let tz = zone(&settings.timezone)?;

    let mut per_customer: HashMap<i64, u32> = HashMap::new();
    let mut buckets: HashMap<i64, (i64, i64)> = HashMap::new();
    let (mut orders, mut discounted, mut gross, mut discounts) = (0i64, 0i64, 0i64, 0i64);
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    store.for_each_order(|o| {
        orders += 1;
        discounted += i64::from(o.discounted);
        gross += o.subtotal_minor;
        discounts += o.discount_minor;
        first = first.min(o.created_at);
        last = last.max(o.created_at);
        if let Some(c) = o.customer_id {
            *per_customer.entry(c).or_default() += 1;
        }
        let bucket = buckets.entry(o.created_at.div_euclid(BUCKET_SECONDS)).or_default();
        bucket.0 += 1;
        bucket.1 += o.subtotal_minor - o.discount_minor;
    })?;
    let (units_sold, units_refunded) = store.unit_totals()?;

    let by_month = if orders == 0 {
        Vec::new()
    } else {
        let from = Timestamp::from_second(first).unwrap_or(Timestamp::UNIX_EPOCH);
        let to = Timestamp::from_second(last).unwrap_or(Timestamp::UNIX_EPOCH);
        let months = months_between(from, to, &tz);
        let mut totals: Vec<MonthTotal> =
            months.iter().map(|m| MonthTotal { month: m.key.clone(), orders: 0, revenue_minor: 0 }).collect();
        for (bucket, (n, revenue)) in buckets {
            let at = bucket * BUCKET_SECONDS;
            // Months are few (24 for two years): the first month ending after `at` holds it.
            if let Some(i) = months.iter().position(|m| at < m.end) {
                totals[i].orders += n;
                totals[i].revenue_minor += revenue;
            }
        }
        totals
    };

    Ok(StoreStats {
        customers: store.count_customers()?,
        customers_with_orders: per_customer.len() as i64,
        repeat_customers: per_customer.values().filter(|&&n| n >= 2).count() as i64,
        orders,
        discounted_orders: discounted,
        gross_item_revenue_minor: gross,
        discounts_minor: discounts,
        units_sold,
        units_refunded,
        first_order_at: (orders > 0).then_some(first),
        last_order_at: (orders > 0).then_some(last),
        by_month,
        settings,
    })
}
