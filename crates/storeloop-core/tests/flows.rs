//! The four playbooks on the demo store, end to end, on a manual clock: dry run, approval, staged
//! launch, hourly scheduler ticks across restarts, the outbox, the kill switch holding queued
//! emails until someone resumes, a clock that jumps back, and a ledger that accounts for every
//! enrolment.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::collections::HashSet;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use storeloop_core::api::{DecisionQuery, ErrorKind, Storeloop};
use storeloop_core::clock::{Clock, ManualClock};
use storeloop_core::demo;
use storeloop_core::paths::{DataDir, DataDirSource};

const PLAYBOOKS: [&str; 4] = ["abandoned-cart", "browse-abandonment", "post-purchase", "win-back"];

fn all_decisions(app: &Storeloop, flow: Option<&str>) -> Vec<storeloop_core::api::DecisionEntry> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let q = DecisionQuery { flow: flow.map(str::to_owned), offset, limit: 500, ..DecisionQuery::default() };
        let page = app.flow_decisions(&q).unwrap();
        if page.entries.is_empty() {
            break;
        }
        offset += page.entries.len() as u32;
        out.extend(page.entries);
    }
    out
}

#[test]
fn the_playbooks_run_on_the_demo_store_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let as_of: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let dir = DataDir { path: tmp.path().to_path_buf(), source: DataDirSource::Flag };
    // The app runs two days behind the data: its hourly ticks see the store's last days arrive
    // live (customers leave and re-enter flows between ticks).
    let clock = Arc::new(ManualClock::new(as_of - SignedDuration::from_hours(48)));
    let mut app = Storeloop::open(&dir, clock.clone()).unwrap();
    app.create_demo(2_000, demo::DEFAULT_SEED, Some(as_of), &mut |_| {}).unwrap();
    app.score_customers(&mut |_| {}).unwrap();

    // A draft cannot go live before its dry run; an offer needs an approval.
    let e = app.launch_flow("abandoned-cart", 100, None).unwrap_err();
    assert!(e.message.contains("Run a dry run of version 1 first"), "{}", e.message);
    for slug in PLAYBOOKS {
        let r = app.simulate_flow(slug, 30).unwrap();
        assert!(r.entered > 0, "{slug}: nobody entered the dry run");
        assert_eq!(r.nodes.iter().map(|n| n.sent).sum::<u64>(), r.emails_sent);
    }
    let e = app.launch_flow("abandoned-cart", 100, None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(e.message.contains("needs your approval") && e.message.contains("10% off"), "{}", e.message);
    let detail = app.approve_flow("abandoned-cart", "Owner").unwrap();
    assert!(detail.approval.reasons.is_empty());
    assert_eq!(detail.approval.approved_by.as_deref(), Some("Owner"));
    for slug in ["browse-abandonment", "post-purchase", "win-back"] {
        let reasons = app.flow_detail(slug).unwrap().approval.reasons;
        assert!(!reasons.is_empty(), "{slug} should need an approval (offer or regulated products)");
        app.approve_flow(slug, "Owner").unwrap();
    }
    // The WORKFLOW checklist is open (no outcome metric, risks unread, audit not run): a launch
    // needs a written reason, which lands in the audit trail.
    let e = app.launch_flow("abandoned-cart", 100, None).unwrap_err();
    assert!(e.message.contains("WORKFLOW checklist") && e.message.contains("Risk"), "{}", e.message);
    let e = app.launch_flow("abandoned-cart", 100, Some("soon")).unwrap_err();
    assert!(e.message.contains("at least 10 characters"), "{}", e.message);
    for slug in PLAYBOOKS {
        let pct = if slug == "browse-abandonment" { 50 } else { 100 };
        let s = app.launch_flow(slug, pct, Some("flow engine test: the checklist is tested on its own")).unwrap();
        assert_eq!(s.status, "live");
    }

    // Two days of hourly ticks, reopening the app (a restart) every six hours.
    for hour in 0..48 {
        if hour % 6 == 5 {
            drop(app);
            app = Storeloop::open(&dir, clock.clone()).unwrap();
        }
        app.run_flows().unwrap();
        clock.advance(SignedDuration::from_hours(1));
    }
    let ledger = app.outbox_list(100_000).unwrap();
    let flow_mail: Vec<_> = ledger.iter().filter(|m| m.kind == "marketing").collect();
    assert!(!flow_mail.is_empty(), "the live flows queued nothing");

    // Every flow did something live, and every send was to a subscribed customer.
    let decisions = all_decisions(&app, None);
    for slug in PLAYBOOKS {
        let n = decisions.iter().filter(|d| d.flow.as_deref() == Some(slug) && d.decision == "entered").count();
        assert!(n > 0, "{slug}: no live enrolments");
    }
    let sent = decisions.iter().filter(|d| d.decision == "sent").count();
    assert_eq!(sent, flow_mail.len(), "one outbox message per send decision");
    // Flow emails leave through the outbox; the setup guide names what the customer bought and
    // how to look after it ("by SKU"), never a placeholder.
    let report = app.send_queued(10_000).unwrap();
    assert!(report.sent > 0, "{report:?}");
    let outbox = tmp.path().join("outbox");
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap().replace("=\r\n", "").replace("=\n", ""))
        .collect();
    let guides: Vec<&String> =
        mails.iter().filter(|m| m.contains("Subject: Getting the best from your order")).collect();
    assert!(!guides.is_empty(), "no setup guide among {} emails", mails.len());
    assert!(guides.iter().all(|m| m.contains("A short guide to") && !m.contains("what you bought")), "{}", guides[0]);
    assert!(mails.iter().all(|m| !m.contains("{{")), "a placeholder was left in an email");
    // Each playbook's measurement counts the customers who entered it, once each.
    for slug in PLAYBOOKS {
        let m = app.measure_flow(slug, None).unwrap();
        let customers: HashSet<i64> = decisions
            .iter()
            .filter(|d| d.flow.as_deref() == Some(slug) && d.decision == "entered")
            .filter_map(|d| d.customer_id)
            .collect();
        let entered = customers.len() as u64;
        assert_eq!(m.treatment.recipients + m.holdout.recipients, entered, "{slug}");
        assert_eq!(m.conversion.treatment.recipients, m.treatment.recipients);
        assert!(m.holdout.recipients > 0 || entered < 30, "{slug}: nobody held out of {entered}");
    }
    // Idempotency keys are unique in the ledger: nothing was queued twice across restarts.
    let keys: HashSet<&str> = flow_mail.iter().map(|m| m.idempotency_key.as_str()).collect();
    assert_eq!(keys.len(), flow_mail.len());

    // The last automatic run is kept; a failure after it is shown until a tick succeeds again.
    let status = app.scheduler_status().unwrap();
    assert!(status.last_tick.is_some() && status.failure.is_none(), "{status:?}");
    app.note_tick_failure("There is no sender address yet").unwrap();
    assert_eq!(app.scheduler_status().unwrap().failure.unwrap().message, "There is no sender address yet");
    clock.advance(SignedDuration::from_secs(60));
    app.run_flows().unwrap();
    assert!(app.scheduler_status().unwrap().failure.is_none());

    // The kill switch: nothing new is queued, queued mail is held, and only resuming releases it.
    let before = app.outbox_list(100_000).unwrap().iter().filter(|m| m.kind == "marketing").count();
    let k = app.kill_switch(None).unwrap();
    assert!(k.all);
    for _ in 0..24 {
        app.run_flows().unwrap();
        clock.advance(SignedDuration::from_hours(1));
    }
    let after = app.outbox_list(100_000).unwrap().iter().filter(|m| m.kind == "marketing").count();
    assert_eq!(before, after, "a flow queued email while the kill switch was on");
    let held = app
        .flow_decisions(&DecisionQuery {
            decision: Some("held".into()),
            search: Some("kill switch".into()),
            limit: 5,
            ..DecisionQuery::default()
        })
        .unwrap();
    assert!(held.total > 0, "no enrolment was held by the kill switch");
    let r = app.release_kill_switch().unwrap();
    assert!(!r.all);
    app.run_flows().unwrap();
    let stale = app
        .flow_decisions(&DecisionQuery { decision: Some("skipped".into()), limit: 5, ..DecisionQuery::default() })
        .unwrap();
    assert!(stale.total > 0, "steps held for a day should be skipped as late, not sent");

    // The clock jumps back three hours: the next ticks neither re-read nor re-send.
    let count = |app: &Storeloop| app.outbox_list(100_000).unwrap().len();
    let n = count(&app);
    clock.advance(SignedDuration::from_hours(-3));
    app.run_flows().unwrap();
    app.run_flows().unwrap();
    assert_eq!(count(&app), n);

    // Idempotency keys name the flow version, step, customer and enrolment.
    let keys: Vec<String> = app.outbox_list(5).unwrap().into_iter().map(|m| m.idempotency_key).collect();
    assert!(
        keys.iter().all(|k| k.starts_with("flow:") && k.contains(":v1:step:") && k.contains(":enrolment:")),
        "{keys:?}"
    );
    assert!(clock.now() > as_of - SignedDuration::from_hours(48));
}

#[test]
fn a_score_crossing_its_threshold_starts_a_flow() {
    let tmp = tempfile::tempdir().unwrap();
    let as_of: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let dir = DataDir { path: tmp.path().to_path_buf(), source: DataDirSource::Flag };
    let clock = Arc::new(ManualClock::new(as_of));
    let mut app = Storeloop::open(&dir, clock.clone()).unwrap();
    app.create_demo(1_500, demo::DEFAULT_SEED, Some(as_of), &mut |_| {}).unwrap();
    app.score_customers(&mut |_| {}).unwrap();
    let flow = r#"{
      "slug": "at-risk", "name": "Slipping away", "trigger": { "kind": "score_crossed", "score": "churn_risk", "above": 0.5 },
      "entry": [{ "field": "consent", "op": "eq", "value": "subscribed" }], "exit": ["ordered", "unsubscribed"],
      "start": "task",
      "nodes": [
        { "id": "task", "kind": "task", "text": "Call them: their churn risk just passed 50%.", "next": "end" },
        { "id": "end", "kind": "exit" }
      ]
    }"#;
    app.save_flow(flow).unwrap();
    // A bad score is refused at save, naming what to use.
    let bad = flow.replace("\"churn_risk\"", "\"mood\"");
    assert!(app.save_flow(&bad).unwrap_err().message.contains("use a score (churn_risk"));

    app.simulate_flow("at-risk", 30).unwrap();
    let reasons = app.flow_detail("at-risk").unwrap().approval.reasons;
    assert!(reasons.is_empty(), "{reasons:?}");
    app.launch_flow("at-risk", 100, Some("flow engine test of a custom flow")).unwrap();
    app.run_flows().unwrap();
    // Four months without orders: churn risk rises past 50% for some, and the next tick enrols them.
    clock.advance(SignedDuration::from_hours(24 * 120));
    app.score_customers(&mut |_| {}).unwrap();
    let tick = app.run_flows().unwrap();
    assert!(tick.entered > 0, "{tick:?}");
    let entered = app
        .flow_decisions(&DecisionQuery {
            flow: Some("at-risk".into()),
            decision: Some("entered".into()),
            limit: 1,
            ..DecisionQuery::default()
        })
        .unwrap();
    assert_eq!(entered.total as u64, tick.entered);
    assert!(!app.tasks_list().unwrap().is_empty());
}

#[test]
fn the_canvas_edits_a_typed_definition_and_saves_a_checked_version() {
    let tmp = tempfile::tempdir().unwrap();
    let as_of: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let dir = DataDir { path: tmp.path().to_path_buf(), source: DataDirSource::Flag };
    let mut app = Storeloop::open(&dir, Arc::new(ManualClock::new(as_of))).unwrap();
    app.create_demo(200, demo::DEFAULT_SEED, Some(as_of), &mut |_| {}).unwrap();
    let templates = app.flow_templates();
    assert_eq!(templates.len(), 8);
    assert!(templates.iter().all(|t| !t.headline.is_empty()), "{templates:?}");
    assert!(templates.iter().any(|t| t.name == "accessories" && t.shows_products));

    let mut flow = app.flow_definition_of("browse-abandonment").unwrap();
    if let storeloop_core::api::Step::Wait { minutes, .. } = &mut flow.nodes[0].step {
        *minutes = 0;
    }
    let e = app.save_flow_definition(&flow).unwrap_err();
    assert_eq!(e.message, "Node `wait-4h`: waits 0 minutes; remove the wait or give it a length");
    if let storeloop_core::api::Step::Wait { minutes, .. } = &mut flow.nodes[0].step {
        *minutes = 180;
    }
    let saved = app.save_flow_definition(&flow).unwrap();
    assert_eq!((saved.version, saved.status.as_str()), (2, "draft"));
}
