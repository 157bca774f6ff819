//! The engine against hand-made stores (each playbook's paths) and, as properties, against random
//! stores and event streams: whatever happens, no send without consent, never above the cap, no
//! discount to group A or beyond policy, nothing while a ticket is open or after the kill switch,
//! and every enrolment accounted for.

use std::collections::HashMap;

use jiff::tz::TimeZone;
use proptest::prelude::*;

use super::engine::*;
use super::guard::Policy;
use super::playbooks;

const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const H: i64 = 3600;
const D: i64 = 86_400;

fn zones() -> Zones {
    Zones {
        store: TimeZone::UTC,
        others: vec![
            crate::time::zone("America/New_York").expect("tz"),
            crate::time::zone("Asia/Tokyo").expect("tz"),
            crate::time::zone("Europe/London").expect("tz"),
        ],
    }
}

fn engine(facts: HashMap<i64, Facts>, policy: Policy) -> Engine {
    let flows = playbooks()
        .expect("playbooks")
        .iter()
        .map(|f| Compiled::new(f, 1, Mode::Live, 100, &policy).expect("compiles"))
        .collect();
    Engine::new(flows, facts, zones(), policy)
}

fn customer(segment: &'static str) -> Facts {
    Facts { segment, status: "active", order_value_minor: 5000, ..Facts::default() }
}

fn quiet_off() -> Policy {
    Policy { quiet_start_hour: 0, quiet_end_hour: 0, ..Policy::default() }
}

fn checkout(at: i64, c: i64, value: i64) -> Input {
    Input {
        value_minor: value,
        margin_minor: Some(value / 2),
        reference: 1000 + c,
        ..Input::new(at, c, EventKind::CheckoutAbandoned)
    }
}

fn ledger(e: &Engine, c: i64) -> Vec<(Decided, String)> {
    e.out.iter().filter(|d| d.customer == c).map(|d| (d.decided, d.reason.clone())).collect()
}

/// The flow index of a slug.
fn flow(e: &Engine, slug: &str) -> usize {
    e.flows.iter().position(|f| f.slug == slug).expect("flow")
}

/// Customer ids that are not in the abandoned-cart holdout.
fn treated(e: &Engine, n: usize) -> Vec<i64> {
    let f = flow(e, "abandoned-cart");
    (1..).filter(|c| !e.flows[f].in_holdout(*c)).take(n).collect()
}

#[test]
fn abandoned_cart_follows_intent() {
    let mut e = engine(HashMap::new(), quiet_off());
    let ids = treated(&e, 4);
    let (a, b, c, b2) = (ids[0], ids[1], ids[2], ids[3]);
    e.facts.insert(a, customer("a"));
    e.facts.insert(b, customer("b"));
    e.facts.insert(c, customer("c"));
    e.facts.insert(b2, customer("b"));
    let inputs = vec![
        checkout(T0, a, 8000),
        checkout(T0, b, 8000),
        checkout(T0, c, 8000),
        checkout(T0, b2, 8000),
        Input::new(T0 + 5 * H, b, EventKind::ProductViewed),
    ];
    e.run(inputs, T0 + 10 * D);
    e.finish(T0 + 10 * D);

    let cart = flow(&e, "abandoned-cart");
    let sent = |c: i64| {
        e.emails.iter().filter(|m| m.customer == c && m.flow == cart).map(|m| m.template.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(sent(a), ["cart-reminder"], "{:?}", ledger(&e, a));
    assert_eq!(sent(b), ["cart-offer"], "{:?}", ledger(&e, b));
    assert_eq!(sent(c), ["cart-education"]);
    // B without a second look gets the plain reminder after 2 days, no offer.
    assert_eq!(sent(b2), ["cart-reminder"]);
    let offer = e.emails.iter().find(|m| m.customer == b).expect("offer email");
    assert_eq!(offer.offer_percent, Some(10));
    let reminder_b2 = e.emails.iter().find(|m| m.customer == b2).expect("reminder");
    assert_eq!(reminder_b2.at, T0 + H + 2 * D);
    assert!(e.out.iter().any(|d| d.customer == b && d.decided == Decided::Offer && d.amount_minor == 800));
    for x in [a, b, c, b2] {
        assert_eq!(ledger(&e, x).last().map(|l| l.0), Some(Decided::Exited));
    }
}

#[test]
fn an_order_ends_the_cart_flow_before_the_reminder() {
    let mut e = engine(HashMap::new(), quiet_off());
    let a = treated(&e, 1)[0];
    e.facts.insert(a, customer("a"));
    e.run(vec![checkout(T0, a, 5000), Input::new(T0 + 30 * 60, a, EventKind::OrderPlaced)], T0 + 5 * D);
    assert!(e.emails.iter().all(|m| m.template != "cart-reminder"));
    assert!(ledger(&e, a).iter().any(|l| l.1 == "ended: ordered"), "{:?}", ledger(&e, a));
}

#[test]
fn the_holdout_goes_through_the_same_decisions_without_sends() {
    let mut e = engine(HashMap::new(), quiet_off());
    let f = flow(&e, "abandoned-cart");
    let held: Vec<i64> = (1..).filter(|c| e.flows[f].in_holdout(*c)).take(3).collect();
    for c in &held {
        e.facts.insert(*c, customer("a"));
    }
    e.run(held.iter().map(|c| checkout(T0, *c, 5000)).collect::<Vec<_>>(), T0 + 5 * D);
    assert!(e.emails.is_empty());
    let would = e.out.iter().filter(|d| d.decided == Decided::WouldSend).count();
    assert_eq!(would, 3);
    // The share held out is about the flow's 10%.
    let share = (1..=10_000).filter(|c| e.flows[f].in_holdout(*c)).count();
    assert!((900..1100).contains(&share), "{share}");
}

#[test]
fn guardrails_hold_and_refuse_with_reasons() {
    // Cap of 1 per 7 days: the post-purchase day-3 email is held, then late, then skipped.
    let policy = Policy { frequency_cap: 1, ..quiet_off() };
    let mut e = engine(HashMap::new(), policy);
    let c = (1..).find(|c| !e.flows.iter().any(|f| f.in_holdout(*c))).expect("a treated customer");
    e.facts.insert(c, customer("a"));
    let order = Input { value_minor: 5000, ..Input::new(T0, c, EventKind::OrderPlaced) };
    e.run(vec![order], T0 + 30 * D);
    let l = ledger(&e, c);
    assert!(l.iter().any(|x| x.0 == Decided::Held && x.1 == "held: frequency cap 1 per 7 days"), "{l:?}");
    assert!(l.iter().any(|x| x.0 == Decided::Skipped && x.1.starts_with("skipped: 4 days late")), "{l:?}");
    assert_eq!(e.emails.iter().filter(|m| m.customer == c).count(), 2, "day 0 and day 10 only");

    // Quiet hours in the customer's zone: 02:00 New York is held until 08:00 there.
    let mut e = engine(HashMap::new(), Policy::default());
    let c = (1..).find(|c| !e.flows.iter().any(|f| f.in_holdout(*c))).expect("a treated customer");
    e.facts.insert(c, Facts { zone: Some(0), ..customer("a") });
    let at = T0 + 7 * H; // 02:00 in New York
    e.run(vec![Input { value_minor: 5000, ..Input::new(at, c, EventKind::OrderPlaced) }], at + 12 * H);
    let first = e.emails.iter().find(|m| m.customer == c).expect("sent after the quiet hours");
    assert_eq!(first.at, T0 + 13 * H, "08:00 in New York");
}

#[test]
fn an_open_ticket_pauses_marketing_and_asks_a_person() {
    let mut e = engine(HashMap::new(), quiet_off());
    let c = (1..).find(|c| !e.flows.iter().any(|f| f.in_holdout(*c))).expect("a treated customer");
    e.facts.insert(c, customer("a"));
    let inputs = vec![
        Input { value_minor: 5000, ..Input::new(T0, c, EventKind::OrderPlaced) },
        Input { reference: 7, ..Input::new(T0 + D, c, EventKind::TicketOpened) },
        Input { reference: 7, ..Input::new(T0 + 3 * D + 12 * H, c, EventKind::TicketClosed) },
    ];
    e.run(inputs, T0 + 30 * D);
    assert_eq!(e.tasks.len(), 1);
    assert_eq!(e.tasks[0].ticket, Some(7));
    let l = ledger(&e, c);
    assert!(l.iter().any(|x| x.1.starts_with("held: a support ticket is open")), "{l:?}");
    // Troubleshooting (day 3) was due while the ticket was open: sent at the close, 12 hours late.
    let sends: Vec<(i64, &str)> = e.emails.iter().map(|m| (m.at, m.template.as_str())).collect();
    assert_eq!(
        sends,
        [(T0, "setup-guide"), (T0 + 3 * D + 12 * H, "troubleshooting"), (T0 + 10 * D + 12 * H, "accessories")]
    );
}

#[test]
fn the_kill_switch_holds_and_resumes_only_when_told() {
    let mut e = engine(HashMap::new(), quiet_off());
    let c = (1..).find(|c| !e.flows.iter().any(|f| f.in_holdout(*c))).expect("a treated customer");
    e.facts.insert(c, customer("a"));
    e.run(vec![Input { value_minor: 5000, ..Input::new(T0, c, EventKind::OrderPlaced) }], T0 + D);
    assert_eq!(e.emails.len(), 1);
    e.policy.kill_all = true;
    e.run(Vec::new(), T0 + 3 * D + 2 * H);
    assert_eq!(e.emails.len(), 1, "nothing after the kill switch");
    assert!(ledger(&e, c).iter().any(|x| x.0 == Decided::Held && x.1.starts_with("held: kill switch")));
    e.policy.kill_all = false;
    e.run(Vec::new(), T0 + 3 * D + 3 * H);
    assert_eq!(e.emails.len(), 1, "releasing the switch alone does not resume");
    e.wall = T0 + 3 * D + 3 * H;
    e.resume(None, T0 + 3 * D + 3 * H);
    e.run(Vec::new(), T0 + 3 * D + 3 * H);
    assert_eq!(e.emails[1].template, "troubleshooting", "3 hours late: still sent");
    e.wall = i64::MIN;

    // Stopped for weeks: what is stale is skipped with a reason, not sent late.
    e.policy.kill_all = true;
    e.run(Vec::new(), T0 + 40 * D);
    e.policy.kill_all = false;
    e.wall = T0 + 40 * D;
    e.resume(None, T0 + 40 * D);
    e.run(Vec::new(), T0 + 60 * D);
    assert_eq!(e.emails.len(), 2);
    let l = ledger(&e, c);
    assert!(l.iter().any(|x| x.0 == Decided::Skipped && x.1.starts_with("skipped: 30 days late")), "{l:?}");
}

#[test]
fn a_sleeping_laptop_does_not_send_stale_reminders() {
    let mut e = engine(HashMap::new(), quiet_off());
    let a = treated(&e, 1)[0];
    e.facts.insert(a, customer("a"));
    // The tick after a 3-day sleep sees the checkout and the due reminder at once.
    e.wall = T0 + 3 * D;
    e.run(vec![checkout(T0, a, 5000)], T0 + 3 * D);
    assert!(e.emails.is_empty());
    let l = ledger(&e, a);
    assert!(l.iter().any(|x| x.0 == Decided::Skipped && x.1.starts_with("skipped: 71 hours late")), "{l:?}");
}

#[test]
fn discounts_follow_the_policy() {
    let mut e = engine(HashMap::new(), Policy { max_discount_percent: 5, ..quiet_off() });
    let b = treated(&e, 1)[0];
    e.facts.insert(b, customer("b"));
    e.run(vec![checkout(T0, b, 8000), Input::new(T0 + 3 * H, b, EventKind::ProductViewed)], T0 + 5 * D);
    assert!(e.emails.iter().all(|m| m.template != "cart-offer"));
    assert!(ledger(&e, b).iter().any(|x| x.1 == "refused: 10% is deeper than the 5% maximum"));

    // Margin: a cart with 12% margin cannot take 10% off with a 20% minimum.
    let mut e = engine(HashMap::new(), quiet_off());
    let b = treated(&e, 1)[0];
    e.facts.insert(b, customer("b"));
    let thin = Input { margin_minor: Some(960), ..checkout(T0, b, 8000) };
    e.run(vec![thin, Input::new(T0 + 3 * H, b, EventKind::ProductViewed)], T0 + 5 * D);
    assert!(ledger(&e, b).iter().any(|x| x.1.contains("minimum margin")), "{:?}", ledger(&e, b));

    // Budget: 1,000 a week covers one 800 offer, not two.
    let mut e = engine(HashMap::new(), Policy { weekly_discount_budget_minor: 1000, ..quiet_off() });
    let ids = treated(&e, 2);
    let mut inputs = Vec::new();
    for c in &ids {
        e.facts.insert(*c, customer("b"));
        inputs.push(checkout(T0, *c, 8000));
    }
    for c in &ids {
        inputs.push(Input::new(T0 + 3 * H, *c, EventKind::ProductViewed));
    }
    e.run(inputs, T0 + 5 * D);
    assert_eq!(e.out.iter().filter(|d| d.decided == Decided::Offer).count(), 1);
    assert!(e.out.iter().any(|d| d.reason == "refused: this week's discount budget is used up"));
}

#[test]
fn auto_pause_on_unsubscribes() {
    let mut e = engine(HashMap::new(), quiet_off());
    let f = flow(&e, "post-purchase");
    let ids: Vec<i64> = (1..).filter(|c| !e.flows[f].in_holdout(*c)).take(60).collect();
    let mut inputs = Vec::new();
    for c in &ids {
        e.facts.insert(*c, customer("a"));
        inputs.push(Input { value_minor: 5000, ..Input::new(T0, *c, EventKind::OrderPlaced) });
    }
    for c in &ids[..3] {
        inputs.push(Input::new(T0 + H, *c, EventKind::Unsubscribed));
    }
    e.run(inputs, T0 + 2 * D);
    assert_eq!(e.flows[f].mode, Mode::Paused);
    let why = e.out.iter().find(|d| d.decided == Decided::AutoPaused).expect("paused");
    assert!(why.reason.contains("3.3% of 60 emails led to someone who unsubscribed (limit 2%)"), "{}", why.reason);
}

// ---- properties over random stores ----

#[derive(Debug, Clone)]
struct World {
    facts: Vec<Facts>,
    inputs: Vec<Input>,
    policy: Policy,
    kill_at: Option<i64>,
}

fn arb_world() -> impl Strategy<Value = World> {
    let customer =
        (0..4usize, 0..4usize, 0..4usize, proptest::option::of(0..40 * D)).prop_map(|(seg, consent, zone, unsub)| {
            let segment = ["a", "b", "c", "other"][seg];
            let consent_code =
                [Consent::Subscribed, Consent::Subscribed, Consent::NotAsked, Consent::Unsubscribed][consent];
            Facts {
                segment,
                status: ["active", "due", "seasonal", "lapsed"][seg],
                consent: consent_code,
                consent_at: if consent_code == Consent::Unsubscribed { unsub.map(|u| T0 + u) } else { None },
                zone: if zone == 3 { None } else { Some(zone as u32) },
                order_value_minor: 4000,
                ..Facts::default()
            }
        });
    let event = (0..40 * D, 1..25i64, 0..10usize, 500..20_000i64, 0..100i64);
    let policy = (1..5u32, 1..8u32, 0..24u32, 0..24u32, 0..25u32, 0..5000i64, any::<bool>());
    (
        proptest::collection::vec(customer, 1..25),
        proptest::collection::vec(event, 0..150),
        policy,
        proptest::option::of(0..45 * D),
    )
        .prop_map(|(facts, events, (cap, days, qs, qe, maxd, budget, stack), kill)| {
            let n = facts.len() as i64;
            let mut inputs: Vec<Input> = Vec::new();
            let mut tickets = 0;
            for (t, c, k, value, margin_pct) in events {
                let c = (c - 1) % n + 1;
                let at = T0 + t;
                let kind = [
                    EventKind::CheckoutAbandoned,
                    EventKind::CheckoutAbandoned,
                    EventKind::ProductViewed,
                    EventKind::ProductViewed,
                    EventKind::ProductAdded,
                    EventKind::OrderPlaced,
                    EventKind::TicketOpened,
                    EventKind::ReorderDue,
                    EventKind::Complained,
                    EventKind::Unsubscribed,
                ][k];
                let mut i = Input {
                    value_minor: value,
                    margin_minor: Some(value * margin_pct / 100),
                    ..Input::new(at, c, kind)
                };
                if kind == EventKind::TicketOpened {
                    tickets += 1;
                    i.reference = tickets;
                    // Every ticket closes 1 to 4 days later.
                    inputs.push(Input {
                        reference: tickets,
                        ..Input::new(at + D + (value % 3) * D, c, EventKind::TicketClosed)
                    });
                }
                inputs.push(i);
            }
            inputs.sort_by_key(|i| i.at);
            let policy = Policy {
                frequency_cap: cap,
                frequency_days: days,
                quiet_start_hour: qs,
                quiet_end_hour: qe,
                max_discount_percent: maxd,
                weekly_discount_budget_minor: budget,
                no_stacking: stack,
                ..Policy::default()
            };
            World { facts, inputs, policy, kill_at: kill.map(|k| T0 + k) }
        })
}

const GREEDY: &str = r#"{
  "slug": "greedy", "name": "Offer everyone", "trigger": { "kind": "order_placed" }, "start": "offer",
  "nodes": [
    { "id": "offer", "kind": "offer", "percent": 20, "next": "mail" },
    { "id": "mail", "kind": "email", "template": "win-back", "subject": "20% off", "next": "end" },
    { "id": "end", "kind": "exit" }
  ]
}"#;

fn run_world(w: &World) -> Engine {
    let facts: HashMap<i64, Facts> = w.facts.iter().enumerate().map(|(i, f)| (i as i64 + 1, f.clone())).collect();
    let mut e = engine(facts, w.policy.clone());
    // A careless flow that offers everyone a discount: the policy must stop what it should.
    let greedy = super::model::Flow::from_json(GREEDY).expect("greedy flow");
    e.flows.push(Compiled::new(&greedy, 1, Mode::Live, 100, &w.policy).expect("compiles"));
    e.stats.push(FlowStats::default());
    let end = T0 + 120 * D;
    match w.kill_at {
        Some(k) => {
            let (before, after): (Vec<Input>, Vec<Input>) = w.inputs.iter().partition(|i| i.at < k);
            e.run(before, k - 1);
            e.policy.kill_all = true;
            e.run(after, end);
        }
        None => e.run(w.inputs.clone(), end),
    }
    e.finish(end);
    e
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn guardrails_hold_for_any_store(w in arb_world()) {
        let e = run_world(&w);
        let facts: HashMap<i64, &Facts> = w.facts.iter().enumerate().map(|(i, f)| (i as i64 + 1, f)).collect();
        let sends: Vec<&Decision> = e.out.iter().filter(|d| matches!(d.decided, Decided::Sent | Decided::WouldSend)).collect();
        let z = zones();
        for s in &sends {
            let f = facts[&s.customer];
            // Consent at the time, and never to an address suppressed before.
            prop_assert_eq!(f.consent_at_time(s.at), Consent::Subscribed, "sent without consent: {:?}", s);
            let gone = w.inputs.iter().any(|i| i.customer == s.customer && i.at <= s.at
                && matches!(i.kind, EventKind::Complained | EventKind::Unsubscribed));
            prop_assert!(!gone, "sent after an unsubscribe or complaint: {:?}", s);
            // Nothing while a ticket is open.
            let open = w.inputs.iter().filter(|i| i.customer == s.customer && i.kind == EventKind::TicketOpened).any(|o| {
                let close = w.inputs.iter().find(|c| c.kind == EventKind::TicketClosed && c.reference == o.reference).map_or(i64::MAX, |c| c.at);
                o.at <= s.at && s.at < close
            });
            prop_assert!(!open, "sent while a ticket was open: {:?}", s);
            // Nothing after the kill switch.
            if let Some(k) = w.kill_at { prop_assert!(s.at < k, "sent after the kill switch: {:?}", s); }
            // Not in quiet hours.
            let tz = z.of(Some(f));
            let hour = Timestamp::from_second(s.at).map(|t| tz.to_datetime(t).hour() as u32).unwrap_or(0);
            prop_assert!(!w.policy.is_quiet(hour), "sent in quiet hours: {:?} at {}", s, hour);
        }
        // Never more than the cap in any window.
        let window = i64::from(w.policy.frequency_days) * D;
        let mut by_customer: HashMap<i64, Vec<i64>> = HashMap::new();
        for s in &sends { by_customer.entry(s.customer).or_default().push(s.at); }
        for times in by_customer.values_mut() {
            times.sort_unstable();
            for (i, t) in times.iter().enumerate() {
                let inside = times[i..].iter().take_while(|u| **u - t < window).count();
                prop_assert!(inside <= w.policy.frequency_cap as usize, "{} sends in {} days", inside, w.policy.frequency_days);
            }
        }
        // Discounts: none to group A, none deeper than allowed, the weekly budget kept.
        let offers: Vec<&Decision> = e.out.iter().filter(|d| d.decided == Decided::Offer).collect();
        for o in &offers {
            prop_assert_ne!(facts[&o.customer].segment, "a");
            let pct: u32 = o.reason.trim_start_matches("offered ").trim_end_matches("% off").parse().unwrap_or(999);
            prop_assert!(pct <= w.policy.max_discount_percent);
            let week: i64 = offers.iter().filter(|p| p.at <= o.at && o.at - p.at < 7 * D).map(|p| p.amount_minor).sum();
            prop_assert!(week <= w.policy.weekly_discount_budget_minor);
        }
        prop_assert!(e.emails.iter().all(|m| m.offer_percent.is_none_or(|p| p <= w.policy.max_discount_percent)));
        // Every enrolment ends in exactly one recorded decision: exited, or still in progress.
        let mut ends: HashMap<u64, usize> = HashMap::new();
        let mut entered = Vec::new();
        for d in &e.out {
            if d.decided == Decided::Entered { entered.push(d.enrolment.unwrap_or(0)); }
            if matches!(d.decided, Decided::Exited | Decided::InProgress) {
                *ends.entry(d.enrolment.unwrap_or(0)).or_default() += 1;
            }
        }
        for id in entered { prop_assert_eq!(ends.get(&id).copied(), Some(1), "enrolment {} has no single ending", id); }
    }
}

use jiff::Timestamp;

#[test]
fn a_window_across_the_clock_change_sends_once_at_local_nine() {
    // London springs forward at 01:00 UTC on 29 March 2026: 09:00 local is then 08:00 UTC.
    let mut e = engine(HashMap::new(), quiet_off());
    let f = flow(&e, "browse-abandonment");
    let c = (1..).find(|c| !e.flows[f].in_holdout(*c)).expect("a treated customer");
    e.facts.insert(c, Facts { zone: Some(2), ..customer("a") });
    let viewed: i64 = "2026-03-28T20:00:00Z".parse::<Timestamp>().expect("time").as_second();
    e.run(vec![Input::new(viewed, c, EventKind::ProductViewed)], viewed + 3 * D);
    let sends: Vec<i64> = e.emails.iter().filter(|m| m.customer == c).map(|m| m.at).collect();
    let nine_bst: i64 = "2026-03-29T08:00:00Z".parse::<Timestamp>().expect("time").as_second();
    assert_eq!(sends, [nine_bst]);
}

#[test]
fn people_who_never_open_are_not_mailed_again() {
    let mut e = engine(HashMap::new(), quiet_off());
    let f = flow(&e, "post-purchase");
    let ids: Vec<i64> = (1..).filter(|c| !e.flows.iter().any(|x| x.in_holdout(*c))).take(2).collect();
    let long_ago = T0 - 200 * D;
    e.facts.insert(ids[0], Facts { first_mailed_at: Some(long_ago), ..customer("a") });
    e.facts.insert(ids[1], Facts { first_mailed_at: Some(long_ago), engaged_at: Some(T0 - 10 * D), ..customer("a") });
    let orders = ids.iter().map(|c| Input { value_minor: 5000, ..Input::new(T0, *c, EventKind::OrderPlaced) });
    e.run(orders.collect::<Vec<_>>(), T0 + 30 * D);
    let sent = |c: i64| e.emails.iter().filter(|m| m.customer == c && m.flow == f).count();
    assert_eq!(sent(ids[0]), 0);
    assert!(ledger(&e, ids[0]).iter().any(|x| x.1 == "skipped: no open or click in 120 days"));
    assert_eq!(sent(ids[1]), 3);
}
