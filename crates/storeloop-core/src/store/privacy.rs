//! The reads and writes behind privacy requests: everything held about one person, and erasing
//! it while orders keep their anonymous totals. Both are logged without the personal data.

use rusqlite::{params, OptionalExtension};

use super::queries::privacy as q;
use super::{Error, Store};
use crate::model::{
    AbandonedCheckout, Consent, Customer, Event, EventKind, LineItem, Order, Refund, SupportTicket, TicketStatus,
};

/// Everything stored about one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub customer: Customer,
    pub orders: Vec<Order>,
    pub checkouts: Vec<AbandonedCheckout>,
    pub events: Vec<Event>,
    pub tickets: Vec<SupportTicket>,
}

fn event_kind(s: &str) -> EventKind {
    match s {
        "product_added" => EventKind::ProductAdded,
        "cart_viewed" => EventKind::CartViewed,
        "checkout_started" => EventKind::CheckoutStarted,
        "order_completed" => EventKind::OrderCompleted,
        _ => EventKind::ProductViewed,
    }
}

fn ticket_status(s: &str) -> TicketStatus {
    match s {
        "open" => TicketStatus::Open,
        "pending" => TicketStatus::Pending,
        _ => TicketStatus::Closed,
    }
}

impl Store {
    /// Everything held about the customer with `email` (lower-cased), or `None`.
    pub fn person(&self, email: &str) -> Result<Option<PersonRecord>, Error> {
        let fail = |e| self.err("reading a customer's data", e);
        let customer = self
            .conn
            .query_row(q::CUSTOMER, [email], |r| {
                Ok(Customer {
                    id: r.get(0)?,
                    email: r.get(1)?,
                    first_name: r.get(2)?,
                    last_name: r.get(3)?,
                    consent: Consent::from_stored(&r.get::<_, String>(4)?),
                    consent_source: r.get(5)?,
                    consent_at: r.get(6)?,
                    tags: r.get(7)?,
                    timezone: r.get(8)?,
                    created_at: r.get(9)?,
                })
            })
            .optional()
            .map_err(fail)?;
        let Some(customer) = customer else { return Ok(None) };
        let id = customer.id;
        let mut orders: Vec<Order> = {
            let mut stmt = self.conn.prepare(q::ORDERS).map_err(fail)?;
            let rows = stmt.query_map([id], |r| {
                Ok(Order {
                    id: r.get(0)?,
                    customer_id: Some(id),
                    number: r.get(1)?,
                    created_at: r.get(2)?,
                    currency: r.get(3)?,
                    subtotal_minor: r.get(4)?,
                    discount_minor: r.get(5)?,
                    discount_code: r.get(6)?,
                    shipping_minor: r.get(7)?,
                    shipping_cost_minor: None,
                    tax_minor: r.get(8)?,
                    total_minor: r.get(9)?,
                    financial_status: r.get(10)?,
                    fulfillment_status: r.get(11)?,
                    source: None,
                    cancelled_at: r.get(12)?,
                    lines: Vec::new(),
                    refunds: Vec::new(),
                })
            });
            let orders: Vec<Order> = rows.map_err(fail)?.collect::<Result<_, _>>().map_err(fail)?;
            orders
        };
        let mut lines = self.conn.prepare(q::LINES).map_err(fail)?;
        let mut refunds = self.conn.prepare(q::REFUNDS).map_err(fail)?;
        for o in &mut orders {
            o.lines = lines
                .query_map([o.id], |r| {
                    Ok(LineItem {
                        id: 0,
                        variant_id: None,
                        sku: r.get(0)?,
                        title: r.get(1)?,
                        quantity: r.get(2)?,
                        unit_price_minor: r.get(3)?,
                        discount_minor: r.get(4)?,
                        unit_cost_minor: None,
                    })
                })
                .map_err(fail)?
                .collect::<Result<_, _>>()
                .map_err(fail)?;
            o.refunds = refunds
                .query_map([o.id], |r| {
                    Ok(Refund {
                        line_item_id: None,
                        quantity: r.get(0)?,
                        amount_minor: r.get(1)?,
                        reason: r.get(2)?,
                        created_at: r.get(3)?,
                    })
                })
                .map_err(fail)?
                .collect::<Result<_, _>>()
                .map_err(fail)?;
        }
        let checkouts = self
            .conn
            .prepare(q::CHECKOUTS)
            .and_then(|mut s| {
                s.query_map([id], |r| {
                    Ok(AbandonedCheckout {
                        id: 0,
                        customer_id: Some(id),
                        email: None,
                        created_at: r.get(0)?,
                        currency: r.get(1)?,
                        value_minor: r.get(2)?,
                        recovered_order_id: r.get::<_, bool>(3)?.then_some(0),
                        items: Vec::new(),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(fail)?;
        let events = self
            .conn
            .prepare(q::EVENTS)
            .and_then(|mut s| {
                s.query_map([id], |r| {
                    Ok(Event {
                        customer_id: Some(id),
                        kind: event_kind(&r.get::<_, String>(0)?),
                        variant_id: r.get(1)?,
                        occurred_at: r.get(2)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(fail)?;
        let tickets = self
            .conn
            .prepare(q::TICKETS)
            .and_then(|mut s| {
                s.query_map([id], |r| {
                    Ok(SupportTicket {
                        customer_id: Some(id),
                        order_id: None,
                        subject: r.get(0)?,
                        tags: r.get(1)?,
                        status: ticket_status(&r.get::<_, String>(2)?),
                        opened_at: r.get(3)?,
                        closed_at: r.get(4)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(fail)?;
        Ok(Some(PersonRecord { customer, orders, checkouts, events, tickets }))
    }

    /// Records a privacy request (counts only, never personal data).
    pub fn log_privacy(&self, at: i64, action: &str, customer_id: i64, detail: &str) -> Result<(), Error> {
        self.conn
            .execute(q::LOG, params![at, action, customer_id, detail])
            .map(drop)
            .map_err(|e| self.err("logging a privacy request", e))
    }

    /// Erases the personal data of customer `id` in one transaction, and logs it.
    pub fn forget(&mut self, id: i64, at: i64, detail: &str) -> Result<(), Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "erasing a customer's data", e);
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(q::DELETE_ENGAGEMENT, [id]).map_err(fail)?;
        tx.execute(q::ANONYMISE_CUSTOMER, params![id, at]).map_err(fail)?;
        tx.execute(q::ERASE_CHECKOUT_EMAILS, [id]).map_err(fail)?;
        tx.execute(q::DELETE_EVENTS, [id]).map_err(fail)?;
        tx.execute(q::ERASE_TICKETS, [id]).map_err(fail)?;
        tx.execute(q::LOG, params![at, "forget", id, detail]).map_err(fail)?;
        tx.commit().map_err(fail)
    }
}
