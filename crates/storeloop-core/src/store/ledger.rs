//! The reads and writes behind sending: the exactly-once message ledger, its attempts,
//! suppressions, and app settings. Each state change commits on its own, before the next step
//! of a send, so a crash leaves the ledger saying how far a message got.

use rusqlite::{params, OptionalExtension};

use super::queries::mail as q;
use super::{Error, Store};

/// A message as the ledger lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: i64,
    pub idempotency_key: String,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub transport: String,
    pub state: String,
    pub provider_message_id: Option<String>,
    pub detail: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Attempts that ended (sent, failed or cut off).
    pub attempts: i64,
}

/// What the ledger holds under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyState {
    pub id: i64,
    pub state: String,
    pub provider_message_id: Option<String>,
    pub detail: Option<String>,
}

/// One move of a message between states, with the attempt's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// started, sent, temporary, permanent or cut_off.
    pub outcome: &'a str,
    pub provider_id: Option<&'a str>,
    pub detail: Option<&'a str>,
}

/// A new message for the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage<'a> {
    pub idempotency_key: &'a str,
    pub kind: &'a str,
    pub customer_id: Option<i64>,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub transport: &'a str,
    /// What is to be sent (JSON), kept until the message is sent, failed or suppressed.
    pub payload: Option<&'a str>,
}

/// A queued message that is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueMessage {
    pub id: i64,
    pub idempotency_key: String,
    pub payload: String,
    /// Temporary failures so far.
    pub retries: i64,
}

impl Store {
    /// Queues a message unless its key is already in the ledger; returns what the ledger holds
    /// under the key and whether this call created it.
    pub fn enqueue(&mut self, m: &NewMessage<'_>, now: i64) -> Result<(KeyState, bool), Error> {
        let fail = |e| self.err("queueing a message", e);
        let created = self
            .conn
            .execute(
                q::ENQUEUE,
                params![m.idempotency_key, m.kind, m.customer_id, m.to_address, m.subject, m.transport, now, m.payload],
            )
            .map_err(fail)?
            > 0;
        let state = self
            .message_by_key(m.idempotency_key)?
            .ok_or_else(|| self.err("queueing a message", rusqlite::Error::QueryReturnedNoRows))?;
        Ok((state, created))
    }

    /// What the ledger holds under a key.
    pub fn message_by_key(&self, key: &str) -> Result<Option<KeyState>, Error> {
        let fail = |e| self.err("reading the message ledger", e);
        self.conn
            .query_row(q::MESSAGE_BY_KEY, [key], |r| {
                Ok(KeyState { id: r.get(0)?, state: r.get(1)?, provider_message_id: r.get(2)?, detail: r.get(3)? })
            })
            .optional()
            .map_err(fail)
    }

    /// Moves message `id` as `step` says and records the attempt's outcome, in one transaction.
    /// False when the message was not in `step.from` (someone else moved it).
    pub fn transition(&mut self, id: i64, step: &Step<'_>, now: i64) -> Result<bool, Error> {
        let Step { from, to, outcome, provider_id, detail } = *step;
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "recording a message's progress", e);
        let tx = self.conn.transaction().map_err(fail)?;
        let moved = tx.execute(q::TRANSITION, params![id, from, to, provider_id, detail, now]).map_err(fail)? > 0;
        if moved {
            tx.execute(q::ATTEMPT, params![id, now, outcome, detail]).map_err(fail)?;
            tx.execute(q::DROP_PAYLOAD, [id]).map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        Ok(moved)
    }

    /// When a queued message is tried next.
    pub fn reschedule(&mut self, id: i64, at: i64) -> Result<(), Error> {
        let fail = |e| self.err("scheduling a retry", e);
        self.conn.execute(q::RESCHEDULE, params![id, at]).map_err(fail)?;
        Ok(())
    }

    /// Up to `limit` queued messages due by `now`, oldest first.
    pub fn due_messages(&self, now: i64, limit: i64) -> Result<Vec<DueMessage>, Error> {
        let fail = |e| self.err("reading the send queue", e);
        let mut stmt = self.conn.prepare(q::DUE).map_err(fail)?;
        let rows = stmt
            .query_map(params![now, limit], |r| {
                Ok(DueMessage { id: r.get(0)?, idempotency_key: r.get(1)?, payload: r.get(2)?, retries: r.get(3)? })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Marks every message left in `sending` (the process stopped mid-send) as `unknown`, for a
    /// human to decide; returns how many.
    pub fn mark_cut_off(&mut self, now: i64) -> Result<u64, Error> {
        let ids: Vec<i64> = {
            let fail = |e| self.err("checking for interrupted sends", e);
            let mut stmt = self.conn.prepare(q::CUT_OFF).map_err(fail)?;
            let rows = stmt.query_map([], |r| r.get(0)).map_err(fail)?;
            rows.collect::<Result<_, _>>().map_err(fail)?
        };
        let detail = "The app stopped while handing this message over; whether it left is not known.";
        for &id in &ids {
            let step =
                Step { from: "sending", to: "unknown", outcome: "cut_off", provider_id: None, detail: Some(detail) };
            self.transition(id, &step, now)?;
        }
        Ok(ids.len() as u64)
    }

    /// A human's decision on a message whose fate was unknown: `sent` or `failed`.
    pub fn resolve_unknown(&mut self, id: i64, state: &str, detail: &str, now: i64) -> Result<bool, Error> {
        let fail = |e| self.err("recording a decision on a message", e);
        Ok(self.conn.execute(q::RESOLVE_UNKNOWN, params![id, state, detail, now]).map_err(fail)? > 0)
    }

    /// The newest `limit` messages.
    pub fn ledger(&self, limit: i64) -> Result<Vec<LedgerEntry>, Error> {
        let fail = |e| self.err("reading the message ledger", e);
        let mut stmt = self.conn.prepare(q::LIST).map_err(fail)?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok(LedgerEntry {
                    id: r.get(0)?,
                    idempotency_key: r.get(1)?,
                    kind: r.get(2)?,
                    to_address: r.get(3)?,
                    subject: r.get(4)?,
                    transport: r.get(5)?,
                    state: r.get(6)?,
                    provider_message_id: r.get(7)?,
                    detail: r.get(8)?,
                    created_at: r.get(9)?,
                    updated_at: r.get(10)?,
                    attempts: r.get(11)?,
                })
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Messages per state.
    pub fn ledger_counts(&self) -> Result<Vec<(String, i64)>, Error> {
        let fail = |e| self.err("counting messages", e);
        let mut stmt = self.conn.prepare(q::COUNT_BY_STATE).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Why an address is suppressed, if it is: (reason, source).
    pub fn suppression(&self, address: &str) -> Result<Option<(String, String)>, Error> {
        let fail = |e| self.err("checking suppressions", e);
        self.conn.query_row(q::SUPPRESSION, [address], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(fail)
    }

    /// Suppresses an address; true when it was not suppressed before.
    pub fn suppress(&mut self, address: &str, reason: &str, source: &str, now: i64) -> Result<bool, Error> {
        let fail = |e| self.err("suppressing an address", e);
        Ok(self.conn.execute(q::SUPPRESS, params![address, reason, source, now]).map_err(fail)? > 0)
    }

    /// Suppresses an address from a provider event and, for an unsubscribe or complaint,
    /// withdraws the customer's consent too — together. True when the address is newly suppressed.
    pub fn apply_suppression(&mut self, address: &str, reason: &str, source: &str, now: i64) -> Result<bool, Error> {
        let (path, dir) = (self.path.clone(), self.dir.clone());
        let fail = |e| super::classify(&path, &dir, "recording a suppression", e);
        let tx = self.conn.transaction().map_err(fail)?;
        let new = tx.execute(q::SUPPRESS, params![address, reason, source, now]).map_err(fail)? > 0;
        if reason == "unsubscribed" || reason == "complained" {
            tx.execute(q::WITHDRAW_CONSENT, params![address, format!("{reason} ({source})"), now]).map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        Ok(new)
    }

    /// A customer's id and consent by email.
    pub fn consent_of(&self, email: &str) -> Result<Option<(i64, String)>, Error> {
        let fail = |e| self.err("reading a customer's consent", e);
        self.conn.query_row(q::CONSENT, [email], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(fail)
    }

    /// Sets the store's postal address (null to clear it).
    pub fn set_postal_address(&mut self, address: Option<&str>) -> Result<(), Error> {
        let fail = |e| self.err("saving the postal address", e);
        self.conn.execute(q::SET_POSTAL_ADDRESS, [address]).map_err(fail)?;
        Ok(())
    }

    /// One app setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        let fail = |e| self.err("reading a setting", e);
        self.conn.query_row(q::SETTING, [key], |r| r.get(0)).optional().map_err(fail)
    }

    /// Sets one app setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), Error> {
        let fail = |e| self.err("saving a setting", e);
        self.conn.execute(q::SET_SETTING, params![key, value]).map_err(fail)?;
        Ok(())
    }

    /// Removes one app setting (nothing happens when it is not set).
    pub fn delete_setting(&mut self, key: &str) -> Result<(), Error> {
        let fail = |e| self.err("removing a setting", e);
        self.conn.execute(q::DELETE_SETTING, [key]).map_err(fail)?;
        Ok(())
    }
}
