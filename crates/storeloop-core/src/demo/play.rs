//! The truth planted in the demo store's flow history: how much a flow's email moves a customer
//! who got it, and the order a persuaded customer places. The holdout gets no email, so no
//! planted order: the difference between the groups is exactly what measurement should find.

use crate::flows::model::Trigger;
use crate::model::{LineItem, Order};
use crate::store::BasketLine;

use super::catalog::Shipping;
use super::rng::Rng;

const HOUR: i64 = 3_600;

/// The planted effect of one email of a flow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Planted {
    /// Chance that an email makes a customer place an order they would not otherwise have.
    pub per_email: f64,
    /// The same when the email carries an offer.
    pub with_offer: f64,
    /// The order comes this long after the email (hours, uniform): well inside the flow's
    /// conversion window, and after the scheduler tick that sent it.
    pub delay_hours: (i64, i64),
}

/// The planted effect of a flow by its trigger: reminders of a cart move people most, browse
/// reminders least (rates in the range stores report for these flows).
pub fn planted(trigger: &Trigger) -> Planted {
    match trigger {
        Trigger::CheckoutAbandoned => Planted { per_email: 0.06, with_offer: 0.10, delay_hours: (6, 48) },
        Trigger::ProductViewedWithoutAdd => Planted { per_email: 0.02, with_offer: 0.03, delay_hours: (6, 48) },
        Trigger::OrderPlaced | Trigger::OrderFulfilled | Trigger::OrderDelivered => {
            Planted { per_email: 0.02, with_offer: 0.03, delay_hours: (6, 120) }
        }
        _ => Planted { per_email: 0.04, with_offer: 0.07, delay_hours: (6, 168) },
    }
}

/// Chance that a customer who got an email unsubscribes because of it.
pub const UNSUBSCRIBE_PER_EMAIL: f64 = 0.002;
/// Chance that an order placed soon after an email came through its link (last click).
pub const CLICKED_THROUGH: f64 = 0.4;

/// The order a persuaded customer places at `at`: the basket, with the email's offer taken off.
/// `None` when the basket is empty.
#[allow(clippy::too_many_arguments)]
pub fn persuaded_order(
    id: i64,
    first_line_id: i64,
    customer: i64,
    at: i64,
    basket: &[BasketLine],
    offer_percent: Option<i64>,
    shipping: &Shipping,
    currency: &str,
) -> Option<Order> {
    if basket.is_empty() {
        return None;
    }
    let mut lines: Vec<LineItem> = basket
        .iter()
        .enumerate()
        .map(|(i, (variant, sku, quantity, price, cost))| LineItem {
            id: first_line_id + i as i64,
            variant_id: Some(*variant),
            sku: sku.clone(),
            title: None,
            quantity: (*quantity).max(1),
            unit_price_minor: *price,
            discount_minor: 0,
            unit_cost_minor: *cost,
        })
        .collect();
    let subtotal: i64 = lines.iter().map(|l| l.unit_price_minor * l.quantity).sum();
    let percent = offer_percent.unwrap_or(0).clamp(0, 100);
    let discount = crate::money::div_round(subtotal * percent, 100);
    crate::model::allocate_discount(&mut lines, discount);
    let shipping_minor = if subtotal - discount >= shipping.free_over_minor { 0 } else { shipping.flat_fee_minor };
    Some(Order {
        id,
        customer_id: Some(customer),
        number: format!("#{}", 1000 + id),
        created_at: at,
        currency: currency.to_owned(),
        subtotal_minor: subtotal,
        discount_minor: discount,
        discount_code: (percent > 0).then(|| format!("FLOW{percent}")),
        shipping_minor,
        shipping_cost_minor: Some(shipping.carrier_cost_minor),
        // Prices include VAT; tea is taxed at the reduced rate.
        tax_minor: crate::money::div_round((subtotal - discount) * 7, 107),
        total_minor: subtotal - discount + shipping_minor,
        financial_status: "paid".into(),
        fulfillment_status: Some("fulfilled".into()),
        source: Some("web".into()),
        cancelled_at: None,
        lines,
        refunds: Vec::new(),
    })
}

/// When a persuaded customer orders after an email sent at `sent`, or `None` for no order.
pub fn persuaded_at(r: &mut Rng, p: &Planted, offer: bool, sent: i64) -> Option<i64> {
    let chance = if offer { p.with_offer } else { p.per_email };
    r.chance(chance).then(|| sent + r.between(p.delay_hours.0 * HOUR, p.delay_hours.1 * HOUR))
}

/// The margin of an order as measurement counts it: items less discounts, unit costs, the
/// store's shipping cost and refunds.
pub fn margin(o: &Order) -> i64 {
    let costs: i64 = o.lines.iter().map(|l| l.quantity * l.unit_cost_minor.unwrap_or(0)).sum();
    let refunds: i64 = o.refunds.iter().map(|r| r.amount_minor).sum();
    o.subtotal_minor - o.discount_minor - costs - o.shipping_cost_minor.unwrap_or(0) - refunds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ship() -> Shipping {
        Shipping { flat_fee_minor: 490, free_over_minor: 4_000, carrier_cost_minor: 450 }
    }

    #[test]
    fn a_persuaded_order_takes_the_offer_off_and_counts_its_margin() {
        let basket = vec![(7, Some("TEA-1".into()), 2, 1_250, Some(400)), (9, None, 1, 900, None)];
        let o = persuaded_order(50, 300, 3, 1_000, &basket, Some(10), &ship(), "EUR").unwrap();
        assert_eq!(o.subtotal_minor, 3_400);
        assert_eq!(o.discount_minor, 340);
        assert_eq!(o.lines.iter().map(|l| l.discount_minor).sum::<i64>(), 340);
        assert_eq!(o.shipping_minor, 490, "under the free-shipping threshold");
        assert_eq!(o.discount_code.as_deref(), Some("FLOW10"));
        assert_eq!(o.lines[1].id, 301);
        assert_eq!(margin(&o), 3_400 - 340 - 800 - 450);
        assert!(persuaded_order(1, 1, 1, 0, &[], None, &ship(), "EUR").is_none());
    }

    #[test]
    fn persuasion_comes_at_the_planted_rate_and_inside_the_delay() {
        let p = planted(&Trigger::CheckoutAbandoned);
        let mut r = Rng::new(5);
        let n = 20_000;
        let mut hits = 0;
        for _ in 0..n {
            if let Some(at) = persuaded_at(&mut r, &p, false, 0) {
                hits += 1;
                assert!((6 * HOUR..=48 * HOUR).contains(&at), "{at}");
            }
        }
        let rate = f64::from(hits) / f64::from(n);
        assert!((rate - p.per_email).abs() < 0.006, "{rate}");
    }
}
