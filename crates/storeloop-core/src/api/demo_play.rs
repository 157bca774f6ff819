//! Flow history for the demo store: the four playbooks played live over its last N days, tick by
//! tick through the real scheduler, with a known effect planted in what customers then do. It
//! lets an owner see what measurement looks like after a quarter of running flows, and lets the
//! tests check that measurement finds the truth the demo knows.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;

use super::error::{ApiError, ErrorKind};
use super::flows_run::CURSOR_KEY;
use super::measure_dto::{DemoFlowHistory, PlayedFlow};
use super::Progress;
use crate::clock::{Clock, ManualClock};
use crate::demo::catalog::Catalog;
use crate::demo::play::{self, Planted};
use crate::demo::rng::Rng;
use crate::flows::model::{Flow, Trigger};
use crate::store::{BasketOf, UtmTags};

const DAY: i64 = 86_400;
/// The scheduler ticks every six hours of the played history (the app ticks every minute; six
/// hours keeps the play quick and every step is still due within its lateness limit).
const TICK: i64 = 6 * 3_600;
/// An order within this long after an email may have come through its link.
const CLICK_WINDOW: i64 = 3 * DAY;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInput, message)
}

fn utm(slug: &str) -> UtmTags {
    UtmTags { source: "storeloop".into(), medium: "email".into(), campaign: slug.to_owned() }
}

/// Per flow while playing.
struct Played {
    slug: String,
    name: String,
    trigger: Trigger,
    planted: Planted,
    sent: u64,
    orders: u64,
    margin: i64,
}

impl super::Storeloop {
    /// Plays the playbooks on the demo store as if they had run live for the last `days` days:
    /// each is dry-run, approved and launched, then the scheduler ticks through the history
    /// with the store's real guardrails and holdouts. Treatment customers who got an email buy
    /// a little more often (the planted effect, see `demo::play`); the holdout gets nothing.
    /// Refused on a real store and on one whose flows have already run.
    pub fn play_demo_flows(
        &mut self,
        days: u32,
        seed: u64,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DemoFlowHistory, ApiError> {
        let settings = self
            .store
            .settings()?
            .ok_or_else(|| ApiError::new(ErrorKind::NotFound, "There is no store yet: open the demo store first."))?;
        if settings.source != crate::model::StoreSource::Demo {
            return Err(invalid(
                "Flow history can only be played on the demo store: this store's results come from its own customers.",
            ));
        }
        if !(7..=365).contains(&days) {
            return Err(invalid(format!("Play 7 to 365 days of flow history, not {days}.")));
        }
        if self.store.any_enrolment()? {
            return Err(invalid(
                "The demo store's flows have already run, so their history is already there: remove the demo store and open it again to start over.",
            ));
        }
        if self.score_summary()?.is_none() {
            self.score_customers(progress)?;
        }
        let end = self.clock.now().as_second();
        let start = end - i64::from(days) * DAY;
        let real = Arc::clone(&self.clock);
        let clock = Arc::new(ManualClock::new(ts(start)?));
        self.clock = clock.clone() as Arc<dyn Clock>;
        let result = self.play(&clock, start, end, seed, days, progress);
        self.clock = real;
        result
    }

    fn play(
        &mut self,
        clock: &ManualClock,
        start: i64,
        end: i64,
        seed: u64,
        days: u32,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<DemoFlowHistory, ApiError> {
        let catalog = Catalog::embedded().map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
        let currency = self.store.settings()?.map(|s| s.currency).unwrap_or_else(|| "EUR".into());
        let mut flows: HashMap<i64, Played> = HashMap::new();
        for f in self.flows_list()? {
            match f.status.as_str() {
                "draft" => {
                    self.simulate_flow(&f.slug, 30)?;
                    self.approve_flow(&f.slug, "demo store")?;
                    // Made-up history: the checklist is for the owner's own launches.
                    self.go_live(&f.slug, 100, None)?;
                    let id = self.store.flow_id(&f.slug)?.unwrap_or_default();
                    self.log_flow(id, "override", "demo history played without the WORKFLOW checklist")?;
                }
                "live" => {}
                _ => continue,
            }
            let def = Flow::from_json(&self.flow_definition(&f.slug)?)?;
            let id = self.store.flow_id(&f.slug)?.unwrap_or_default();
            flows.insert(
                id,
                Played {
                    slug: f.slug.clone(),
                    name: def.name.clone(),
                    planted: play::planted(&def.trigger),
                    trigger: def.trigger,
                    sent: 0,
                    orders: 0,
                    margin: 0,
                },
            );
        }
        self.store.set_setting(CURSOR_KEY, &start.to_string())?;

        let ticks = ((end - start) + TICK - 1) / TICK;
        let (mut next_order, mut next_line) = self.store.next_order_ids()?;
        let mut unsubscribes = 0u64;
        let mut at = start;
        for n in 1..=ticks {
            let prev = at;
            at = (start + n * TICK).min(end);
            clock.set(ts(at)?);
            self.run_flows()?;
            self.store.deliver_demo_messages(at)?;
            let mut orders = Vec::new();
            for s in self.store.played_sends(prev, at)? {
                let Some(p) = flows.get_mut(&s.flow_id) else { continue };
                p.sent += 1;
                let mut r = Rng::stream(seed, 7, s.decision_id as u64);
                if r.chance(play::UNSUBSCRIBE_PER_EMAIL) {
                    // Read by the next tick, which puts the unsubscribe down to this flow.
                    self.store.apply_suppression(&s.email, "unsubscribed", "demo store", at + 1)?;
                    unsubscribes += 1;
                    continue;
                }
                let Some(when) = play::persuaded_at(&mut r, &p.planted, s.offer_percent.is_some(), s.at) else {
                    continue;
                };
                if when <= at || when > end {
                    continue;
                }
                let of = match p.trigger {
                    Trigger::CheckoutAbandoned => BasketOf::Checkout(s.reference),
                    Trigger::ProductViewedWithoutAdd => BasketOf::Viewed(s.customer_id, s.at),
                    Trigger::OrderPlaced | Trigger::OrderFulfilled | Trigger::OrderDelivered => {
                        BasketOf::Order(s.reference)
                    }
                    _ => BasketOf::Favourite(s.customer_id),
                };
                let basket = self.store.basket(of)?;
                let Some(o) = play::persuaded_order(
                    next_order,
                    next_line,
                    s.customer_id,
                    when,
                    &basket,
                    s.offer_percent,
                    &catalog.shipping,
                    &currency,
                ) else {
                    continue;
                };
                next_order += 1;
                next_line += o.lines.len() as i64;
                p.orders += 1;
                p.margin += play::margin(&o);
                let checkout = matches!(of, BasketOf::Checkout(_)).then_some(s.reference);
                orders.push((o, Some(utm(&p.slug)), checkout));
            }
            self.store.add_orders(&orders)?;
            progress(Progress {
                task: "Playing the flows over the demo store's history".into(),
                done: n as u64,
                total: ticks as u64,
                message: format!("Playing the flows: day {} of {days}", (at - start) / DAY),
            });
        }

        // Some orders that came anyway went through an email's link: last-click counts them.
        let mut tags = Vec::new();
        let clickable = self.store.clickable_orders(CLICK_WINDOW)?;
        for (i, (order, slug, _)) in clickable.iter().enumerate() {
            let last_for_order = clickable.get(i + 1).is_none_or(|next| next.0 != *order);
            if last_for_order && Rng::stream(seed, 8, *order as u64).chance(play::CLICKED_THROUGH) {
                tags.push((*order, utm(slug)));
            }
        }
        self.store.tag_orders(&tags)?;
        let planted_tags = flows.values().map(|p| p.orders).sum::<u64>();

        let mut out = Vec::new();
        let mut ids: Vec<i64> = flows.keys().copied().collect();
        ids.sort_unstable();
        // Treatment recipients as measurement counts them, all flows measured at once.
        let recipients_of: HashMap<String, u64> =
            self.measure_flows()?.into_iter().map(|m| (m.slug, m.treatment.recipients)).collect();
        for id in ids {
            let p = &flows[&id];
            let recipients = recipients_of.get(&p.slug).copied().unwrap_or(0);
            let digits = crate::import::fields::minor_digits(&currency).unwrap_or(2);
            let per =
                if recipients > 0 { p.margin as f64 / 10f64.powi(digits as i32) / recipients as f64 } else { 0.0 };
            out.push(PlayedFlow {
                slug: p.slug.clone(),
                name: p.name.clone(),
                emails_sent: p.sent,
                persuaded_orders: p.orders,
                persuaded_margin: super::dto::Money { minor: p.margin, currency: currency.clone() },
                treatment_recipients: recipients,
                true_margin_per_recipient: per,
            });
        }
        Ok(DemoFlowHistory {
            days,
            from: crate::time::rfc3339(start),
            to: crate::time::rfc3339(end),
            flows: out,
            last_click_orders: tags.len() as u64 + planted_tags,
            unsubscribes,
        })
    }
}

fn ts(second: i64) -> Result<Timestamp, ApiError> {
    Timestamp::from_second(second).map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))
}
