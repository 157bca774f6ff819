//! Privacy requests: hand a person everything Storeloop holds about them, or erase it. Orders
//! stay, anonymous, so revenue and the other store figures do not change. Both requests are
//! logged by customer id and counts, never with the personal data.

use crate::clock::Clock;
use crate::store::{self, PersonRecord, Store};

/// What an erasure did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forgotten {
    pub customer_id: i64,
    pub orders_kept: u64,
    pub events_deleted: u64,
    pub tickets_erased: u64,
    pub checkouts_erased: u64,
}

/// Why a request could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(
        "No customer has the email address {0}. Check the spelling; addresses are compared without regard to capitals."
    )]
    NoSuchCustomer(String),
}

fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Everything held about the customer with `email`; the request is logged.
pub fn export(store: &Store, email: &str, clock: &dyn Clock) -> Result<PersonRecord, Error> {
    let record = store.person(&normalise(email))?.ok_or_else(|| Error::NoSuchCustomer(email.trim().to_owned()))?;
    let detail = counts(&record);
    store.log_privacy(clock.now().as_second(), "export", record.customer.id, &detail)?;
    Ok(record)
}

/// Erases the personal data of the customer with `email`.
pub fn forget(store: &mut Store, email: &str, clock: &dyn Clock) -> Result<Forgotten, Error> {
    let record = store.person(&normalise(email))?.ok_or_else(|| Error::NoSuchCustomer(email.trim().to_owned()))?;
    store.forget(record.customer.id, clock.now().as_second(), &counts(&record))?;
    Ok(Forgotten {
        customer_id: record.customer.id,
        orders_kept: record.orders.len() as u64,
        events_deleted: record.events.len() as u64,
        tickets_erased: record.tickets.len() as u64,
        checkouts_erased: record.checkouts.len() as u64,
    })
}

fn counts(r: &PersonRecord) -> String {
    format!(
        "orders={} checkouts={} events={} tickets={}",
        r.orders.len(),
        r.checkouts.len(),
        r.events.len(),
        r.tickets.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::store::Mode;

    #[test]
    fn a_forgotten_customer_leaves_no_personal_data_and_the_totals_stay() {
        let tmp = tempfile::TempDir::new().unwrap();
        let clock = ManualClock::new("2026-11-25T12:00:00Z".parse().unwrap());
        let mut store = Store::open(tmp.path(), Mode::ReadWrite, &clock).unwrap();
        let opts = crate::demo::DemoOptions { customers: 300, seed: 4, as_of: clock.now() };
        crate::demo::generate(&mut store, &opts, &mut |_| {}).unwrap();
        // Pick a customer with orders and browsing.
        let someone = (1..=300i64)
            .map(|id| store.person_by_id_for_tests(id))
            .find(|p| !p.orders.is_empty() && !p.events.is_empty())
            .expect("a demo customer with orders and events");
        let before = crate::stats::compute(&store).unwrap();

        let exported = export(&store, &someone.customer.email.to_uppercase(), &clock).unwrap();
        assert_eq!(exported, someone);

        let gone = forget(&mut store, &someone.customer.email, &clock).unwrap();
        assert_eq!(gone.orders_kept, someone.orders.len() as u64);
        assert!(gone.events_deleted > 0);
        let after = crate::stats::compute(&store).unwrap();
        assert_eq!(after, before, "store figures do not change");
        assert!(matches!(export(&store, &someone.customer.email, &clock), Err(Error::NoSuchCustomer(_))));
        let anon = store.person_by_id_for_tests(someone.customer.id);
        assert_eq!(anon.customer.email, format!("erased-{}@invalid", someone.customer.id));
        assert_eq!((anon.customer.first_name, anon.customer.last_name), (None, None));
        assert_eq!(anon.customer.consent, crate::model::Consent::Unsubscribed);
        assert!(anon.events.is_empty());
        assert!(anon.tickets.iter().all(|t| t.subject == "erased on request"));
        assert_eq!(anon.orders.len(), someone.orders.len());
        // The log names the customer by id only.
        let log = store.privacy_log_for_tests();
        assert_eq!(log.len(), 2);
        assert!(log.iter().all(|l| !l.contains(&someone.customer.email)), "{log:?}");
    }
}
