//! Guidance on the demo store, on a manual clock: the 14-day rollout from day 1 to a cart flow
//! live at 20% with a holdout, where every tick is something the app verified — and stays
//! consistent when steps are skipped, answers changed, the app closed mid-step, or the store has
//! no abandoned checkouts at all.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use storeloop_core::api::{MappedMoment, Rollout, Storeloop, WorkflowMap};
use storeloop_core::clock::{Clock, ManualClock};
use storeloop_core::demo;
use storeloop_core::paths::{DataDir, DataDirSource};

const DAY: i64 = 24;

fn step<'a>(r: &'a Rollout, key: &str) -> &'a storeloop_core::api::RolloutStep {
    r.steps.iter().find(|s| s.key == key).unwrap()
}

fn done(r: &Rollout, key: &str) -> bool {
    step(r, key).state == "done"
}

fn map(playbook: &str) -> WorkflowMap {
    let moment = |key: &str| MappedMoment {
        key: key.to_owned(),
        trigger: format!("{key} trigger in my words"),
        decision: format!("{key} decision in my words"),
    };
    WorkflowMap {
        moments: vec![moment("first_purchase"), moment("second_purchase"), moment("win_back")],
        ai_candidate: "first_purchase".into(),
        playbook: playbook.into(),
        frequency_cap: 2,
        max_discount_percent: 10,
        success_metric: "margin_per_recipient".into(),
        failure_metric: "unsubscribe_rate".into(),
        failure_threshold: 0.005,
        saved_at: None,
    }
}

fn open(dir: &DataDir, clock: &Arc<ManualClock>) -> Storeloop {
    Storeloop::open(dir, clock.clone()).unwrap()
}

/// A demo store of `customers` as of 2026-11-25 noon, on a manual clock standing there.
fn demo_store(customers: u32) -> (tempfile::TempDir, DataDir, Arc<ManualClock>, Storeloop, Timestamp) {
    let tmp = tempfile::tempdir().unwrap();
    let as_of: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let dir = DataDir { path: tmp.path().to_path_buf(), source: DataDirSource::Flag };
    let clock = Arc::new(ManualClock::new(as_of));
    let mut app = open(&dir, &clock);
    app.create_demo(customers, demo::DEFAULT_SEED, Some(as_of), &mut |_| {}).unwrap();
    (tmp, dir, clock, app, as_of)
}

#[test]
fn the_rollout_takes_a_newcomer_from_day_one_to_a_cart_flow_live_at_twenty_percent() {
    let (_tmp, dir, clock, mut app, _) = demo_store(2_000);

    // Before it starts, the panel says how to begin; nothing is ticked on trust.
    let r = app.rollout().unwrap();
    assert_eq!(r.day, 0);
    assert!(r.today_step.as_deref().unwrap().contains("Start the 14-day rollout"));
    assert!(r.steps.iter().all(|s| s.state == "upcoming"), "{:?}", r.steps);
    assert!(app.rollout_notice().unwrap().is_none(), "an unstarted rollout sends no reminder");

    // Day 1: start, and map the store's moments with its own numbers.
    let r = app.start_rollout().unwrap();
    assert_eq!((r.day, r.started_on.as_deref()), (1, Some("2026-11-25")));
    assert_eq!(step(&r, "choose").state, "today");
    let mapping = app.workflow_mapping().unwrap();
    assert_eq!(mapping.moments.len(), 3);
    let first = &mapping.moments[0];
    assert_eq!(first.key, "first_purchase");
    assert!(first.customers > 0 && first.revenue.minor > 0 && first.share > 0.0 && first.share <= 1.0);
    assert!(first.detail.contains("carts were left"), "{}", first.detail);
    assert_eq!(first.playbooks[0], "abandoned-cart");
    let total: f64 = mapping.moments.iter().map(|m| m.share).sum();
    assert!(total > 0.0);

    // A map with a moment missing is refused and nothing is saved.
    let mut bad = map("abandoned-cart");
    bad.moments.pop();
    assert!(app.save_workflow_map(&bad).unwrap_err().message.contains("`win_back` is missing"));
    assert!(app.workflow_mapping().unwrap().map.is_none());
    let mut zero = map("abandoned-cart");
    zero.max_discount_percent = 0;
    assert!(app.save_workflow_map(&zero).unwrap_err().message.contains("discount limit of 0%"));
    assert_eq!(app.flows_list().unwrap().iter().find(|f| f.slug == "abandoned-cart").unwrap().version, 1);
    let summary = app.save_workflow_map(&map("abandoned-cart")).unwrap();
    assert_eq!((summary.slug.as_str(), summary.version), ("abandoned-cart", 2));
    let def = app.flow_definition_of("abandoned-cart").unwrap();
    assert_eq!(def.guardrails.frequency_cap, Some(2), "the map's cap tightens the flow");
    let r = app.rollout().unwrap();
    assert_eq!(r.flow.as_deref(), Some("abandoned-cart"));
    assert!(done(&r, "choose"), "{:?}", step(&r, "choose"));

    // Skipping ahead: day-12 work done on day 1 ticks when verified, and only for this version.
    let walk = app.qa_walk("abandoned-cart").unwrap();
    assert!(walk.passed, "{walk:#?}");
    let case = |k: &str| walk.cases.iter().find(|c| c.key == k).unwrap();
    assert!(case("normal").steps.iter().any(|s| s.decision == "sent"), "{:#?}", case("normal"));
    assert!(case("no_consent").steps.iter().all(|s| s.decision != "sent"));
    assert!(case("open_ticket").steps.iter().all(|s| s.decision != "sent"));
    assert!(case("out_of_stock").outcome.contains("sold out"), "{}", case("out_of_stock").outcome);

    // Closing the app mid-step loses nothing.
    drop(app);
    let mut app = open(&dir, &clock);
    assert!(done(&app.rollout().unwrap(), "choose"));
    assert!(step(&app.rollout().unwrap(), "qa").checks[0].done, "the walk is remembered");

    // Days 3–4: the data audit passes or each finding is acknowledged.
    clock.advance(SignedDuration::from_hours(2 * DAY));
    assert_eq!(app.rollout().unwrap().day, 3);
    app.score_customers(&mut |_| {}).unwrap();
    let audit = app.run_audit().unwrap();
    let open_findings: Vec<String> = audit.findings.iter().filter(|f| f.count > 0).map(|f| f.code.clone()).collect();
    if !open_findings.is_empty() {
        assert!(!done(&app.rollout().unwrap(), "audit"), "findings not read yet");
        assert!(app.acknowledge_finding(&open_findings[0], " ", "x").is_err(), "a name is needed");
        for code in &open_findings {
            app.acknowledge_finding(code, "Sam", "demo data, known").unwrap();
        }
    }
    assert!(done(&app.rollout().unwrap(), "audit"), "{:?}", step(&app.rollout().unwrap(), "audit"));

    // Days 5–6 and 7–9 in one sitting: guardrails, approver, dry run, risks.
    clock.advance(SignedDuration::from_hours(2 * DAY));
    let g = app.guardrail_settings().unwrap();
    let mut bad = g.clone();
    bad.excluded_categories = vec!["Spaceships".into()];
    assert!(app.save_guardrail_settings(&bad).unwrap_err().message.contains("Spaceships"));
    app.save_guardrail_settings(&g).unwrap();
    app.set_approver("Sam").unwrap();
    assert!(done(&app.rollout().unwrap(), "guardrails"));
    app.simulate_flow("abandoned-cart", 30).unwrap();
    app.acknowledge_flow_risks("abandoned-cart", "Sam").unwrap();
    let r = app.rollout().unwrap();
    assert!(done(&r, "build"), "{:?}", step(&r, "build"));
    assert!(done(&r, "measure"), "{:?}", step(&r, "measure"));

    // Going back and changing an answer: a new map makes version 3; what was verified for
    // version 2 (dry run, risks, the QA walk) no longer ticks.
    let mut changed = map("abandoned-cart");
    changed.max_discount_percent = 8;
    assert_eq!(app.save_workflow_map(&changed).unwrap().version, 3);
    let r = app.rollout().unwrap();
    assert!(!done(&r, "build") && !step(&r, "qa").checks[0].done);
    app.simulate_flow("abandoned-cart", 30).unwrap();
    app.acknowledge_flow_risks("abandoned-cart", "Sam").unwrap();
    assert!(done(&app.rollout().unwrap(), "build"));

    // Days 12–13: QA — walk, test emails to the owner, phone-size previews, edge cases.
    clock.advance(SignedDuration::from_hours(7 * DAY));
    assert_eq!(app.rollout().unwrap().day, 12);
    assert!(app.send_flow_tests("abandoned-cart", "not an address").unwrap_err().message.contains("Nothing was sent"));
    app.qa_walk("abandoned-cart").unwrap();
    let sent = app.send_flow_tests("abandoned-cart", "owner@example.com").unwrap();
    assert_eq!(sent.len(), 3);
    assert!(sent.iter().all(|d| d.state == "sent"), "{sent:?}");
    let qa = app.qa_state("abandoned-cart").unwrap();
    for email in &qa.emails {
        let p = app.preview_flow_email("abandoned-cart", email, true).unwrap();
        assert!(p.html.contains("utm_campaign=abandoned-cart"));
        assert!(!p.subject.is_empty());
    }
    let r = app.rollout().unwrap();
    assert!(done(&r, "qa"), "{:?}", step(&r, "qa"));

    // Day 14: the checklist passes with nothing open except the approval, which the launch
    // refuses without; once approved, it goes live at 20% without any override.
    clock.advance(SignedDuration::from_hours(2 * DAY));
    let list = app.workflow_checklist("abandoned-cart").unwrap();
    let open_items: Vec<&str> = list.items.iter().filter(|i| !i.passed).map(|i| i.key.as_str()).collect();
    assert_eq!(open_items, ["ownership"], "{list:#?}");
    assert!(list.items.iter().all(|i| i.passed == i.missing.is_empty()));
    assert!(list.items.iter().filter(|i| i.passed).all(|i| !i.evidence.is_empty()), "every tick shows evidence");
    app.approve_flow("abandoned-cart", "Sam").unwrap();
    let list = app.workflow_checklist("abandoned-cart").unwrap();
    assert!(list.passed, "{list:#?}");
    let s = app.launch_flow("abandoned-cart", 20, None).unwrap();
    assert_eq!((s.status.as_str(), s.live_percent, s.holdout_percent), ("live", 20, 10));
    let r = app.rollout().unwrap();
    assert_eq!(r.day, 14);
    assert!(r.launched && r.live_percent == 20, "{:?}", step(&r, "launch"));
    assert!(r.steps.iter().all(|s| s.state == "done"), "{:?}", r.steps);

    // The week after: one monitoring check a day, from the ledger; then the next workflow.
    assert_eq!(r.monitoring.len(), 7);
    assert!(r.monitoring.iter().all(|d| d.state == "upcoming"));
    assert!(app.review_monitoring_day().is_err(), "no monitoring on launch day");
    clock.advance(SignedDuration::from_hours(DAY));
    app.run_flows().unwrap();
    let r = app.rollout().unwrap();
    assert_eq!(r.monitoring[0].state, "today");
    assert!(r.today_step.as_deref().unwrap().contains("monitoring"));
    let r = app.review_monitoring_day().unwrap();
    assert_eq!(r.monitoring[0].state, "done");
    let next = r.next.unwrap();
    assert_ne!(next.slug, "abandoned-cart");

    // A reminder once a day, not twice.
    clock.advance(SignedDuration::from_hours(DAY));
    assert!(app.rollout_notice().unwrap().is_some());
    assert!(app.rollout_notice().unwrap().is_none());

    // A week later the owner widens it to everyone: the rollout stays done.
    clock.advance(SignedDuration::from_hours(6 * DAY));
    assert_eq!(app.launch_flow("abandoned-cart", 100, None).unwrap().live_percent, 100);
    let r = app.rollout().unwrap();
    assert!(r.launched, "{:?}", step(&r, "launch"));
}

#[test]
fn the_checklist_gates_a_launch_and_an_override_lands_in_the_audit_trail() {
    let (_tmp, _, _, mut app, _) = demo_store(1_000);
    app.simulate_flow("post-purchase", 30).unwrap();
    app.approve_flow("post-purchase", "Sam").unwrap();
    let e = app.launch_flow("post-purchase", 20, None).unwrap_err();
    assert!(e.message.contains("WORKFLOW checklist") && e.message.contains("What outcome"), "{}", e.message);
    assert_eq!(app.flows_list().unwrap().iter().find(|f| f.slug == "post-purchase").unwrap().status, "dry_run");
    app.launch_flow("post-purchase", 20, Some("Trying it on the demo store first")).unwrap();
    let list = app.workflow_checklist("post-purchase").unwrap();
    let o = list.last_override.unwrap();
    assert_eq!(o.reason, "Trying it on the demo store first");
    assert!(o.open.contains(&"What outcome".to_owned()));
    let q = storeloop_core::api::DecisionQuery {
        flow: Some("post-purchase".into()),
        decision: Some("override".into()),
        limit: 10,
        ..Default::default()
    };
    let page = app.flow_decisions(&q).unwrap();
    assert_eq!(page.entries.len(), 1);
    assert!(page.entries[0].reason.contains("Trying it on the demo store first"));
}

#[test]
fn a_store_without_recent_abandoned_checkouts_is_told_what_is_missing() {
    let (_tmp, _, clock, mut app, as_of) = demo_store(1_000);
    // Sixty days later nothing new has come in: no abandoned checkouts in the last 30 days.
    clock.advance(SignedDuration::from_hours(60 * DAY));
    let list = app.workflow_checklist("abandoned-cart").unwrap();
    let obs = list.items.iter().find(|i| i.key == "observability").unwrap();
    assert!(!obs.passed);
    assert!(obs.missing.iter().any(|m| m.contains("No abandoned checkouts came in the last 30 days")), "{obs:?}");
    let mapping = app.workflow_mapping().unwrap();
    assert_eq!(mapping.moments[0].signals_30d, 0);
    // The wizard still works: the QA walk simulates its own cart.
    assert!(app.qa_walk("abandoned-cart").unwrap().cases[0].passed);
    assert!(clock.now() > as_of);
}
