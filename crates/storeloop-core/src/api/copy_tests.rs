//! The copy studio's promise, end to end on the demo store with no network: generate ten subject
//! lines for the abandoned-cart playbook, see which fail which rule, approve three, start a test
//! of two — and no email is ever built with a variant that is not approved for its exact text.

use std::sync::Arc;

use tempfile::TempDir;

use super::*;
use crate::clock::ManualClock;
use crate::paths::{DataDir, DataDirSource};

fn demo() -> (TempDir, Storeloop) {
    let (tmp, app, _) = demo_with_clock();
    (tmp, app)
}

fn demo_with_clock() -> (TempDir, Storeloop, Arc<ManualClock>) {
    let tmp = TempDir::new().unwrap();
    let dir = DataDir { path: tmp.path().join("data"), source: DataDirSource::Flag };
    let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let clock = Arc::new(ManualClock::new(now));
    let mut app =
        Storeloop::open(&dir, clock.clone()).unwrap().with_secrets(Arc::new(crate::secrets::MemorySecrets::default()));
    app.create_demo(1_500, 9, None, &mut |_| {}).unwrap();
    app.score_customers(&mut |_| {}).unwrap();
    (tmp, app, clock)
}

#[test]
fn only_copy_approved_for_its_exact_text_is_ever_sent() {
    let (_tmp, mut app, clock) = demo_with_clock();
    let queued = app.queue_copy("FH-SEN-050", "subject", 10, Some("b"), "Sam").unwrap();
    assert_eq!(queued.len(), 10);
    assert!(queued.iter().all(|v| v.state == "review" && !v.sendable));
    // One written by hand that breaks rules: its findings say which.
    let bad = app
        .store
        .add_variants(
            &[(
                "subject".into(),
                Some("FH-SEN-050".into()),
                "40% off the BEST sencha!!!".into(),
                None,
                "manual".into(),
            )],
            "Sam",
            0,
        )
        .unwrap()[0];
    let bad_v = app.copy_queue(Some("review")).unwrap().into_iter().find(|v| v.id == bad).unwrap();
    let rules: Vec<&str> = bad_v.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"discount") && rules.contains(&"claim") && rules.contains(&"spam"), "{rules:?}");
    let err = app.approve_copy(bad, "Sam", &[]).unwrap_err();
    assert!(err.message.contains("does not pass"), "{}", err.message);

    // Approve three; test two on the cart reminder.
    let (a, b, c) = (queued[0].id, queued[1].id, queued[2].id);
    for id in [a, b, c] {
        assert!(app.approve_copy(id, "Sam", &[]).unwrap().sendable);
    }
    let unapproved = queued[3].id;
    assert!(app.start_copy_test("abandoned-cart", "reminder", &[a, unapproved], "Sam").is_err(), "only approved copy");
    app.start_copy_test("abandoned-cart", "reminder", &[a, b], "Sam").unwrap();
    let step = app.flow_definition_of("abandoned-cart").unwrap();
    let json = serde_json::to_string(&step).unwrap();
    assert!(json.contains(&format!("copy:{a}")) && json.contains(&format!("copy:{b}")));

    // B is edited after its approval: back to review, and from now on never sent.
    let b_text = app.copy_queue(None).unwrap().into_iter().find(|v| v.id == b).unwrap().text;
    let edited = app.edit_copy(b, &format!("{b_text} (new)"), "Sam").unwrap();
    assert_eq!((edited.state.as_str(), edited.sendable, edited.version), ("review", false, 2));
    let history = app.copy_history(b).unwrap();
    let actions: Vec<&str> = history.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["generated", "approved", "tested", "edited"]);
    assert_eq!(history[1].by, "Sam");

    // Live over the demo's last three weeks, a scheduler tick every six hours.
    clock.advance(jiff::SignedDuration::from_hours(-21 * 24));
    app.simulate_flow("abandoned-cart", 30).unwrap();
    app.approve_flow("abandoned-cart", "Sam").unwrap();
    app.launch_flow("abandoned-cart", 100, Some("copy studio test: a live flow to send from")).unwrap();
    for _ in 0..(21 * 4) {
        clock.advance(jiff::SignedDuration::from_hours(6));
        app.run_flows().unwrap();
    }
    let subjects: Vec<String> = app
        .outbox_list(10_000)
        .unwrap()
        .into_iter()
        .filter(|m| m.idempotency_key.contains(":step:reminder:"))
        .map(|m| m.subject)
        .collect();
    let a_now = app.copy_queue(None).unwrap().into_iter().find(|v| v.id == a).unwrap();
    let notes = app
        .flow_decisions(&DecisionQuery {
            flow: Some("abandoned-cart".into()),
            decision: Some("step".into()),
            limit: 500,
            ..DecisionQuery::default()
        })
        .unwrap();
    let reasons: std::collections::BTreeSet<String> = notes.entries.iter().map(|e| e.reason.clone()).collect();
    assert!(a_now.sendable, "{a_now:?} {reasons:?}");
    let a_text = a_now.text;
    assert!(!subjects.is_empty(), "the cart flow sent no reminder in three weeks of the demo");
    assert!(subjects.iter().all(|s| *s == a_text), "only A may go out: {subjects:?} {reasons:?}");
    assert!(!subjects.iter().any(|s| s.starts_with(&b_text)), "B was edited after approval");
}

#[test]
fn a_flow_that_names_unapproved_copy_sends_its_own_subject_and_says_so() {
    let (_tmp, mut app) = demo();
    let queued = app.queue_copy("FH-SEN-050", "subject", 2, None, "Sam").unwrap();
    // A definition written by hand (or imported) that points at copy nobody approved.
    let mut def = app.flow_definition_of("abandoned-cart").unwrap();
    for n in &mut def.nodes {
        if let crate::flows::model::Step::Email { variants, .. } = &mut n.step {
            *variants = queued.iter().map(|v| format!("copy:{}", v.id)).collect();
        }
    }
    app.save_flow_definition(&def).unwrap();
    app.simulate_flow("abandoned-cart", 30).unwrap();
    app.approve_flow("abandoned-cart", "Sam").unwrap();
    app.launch_flow("abandoned-cart", 100, Some("copy studio test: a live flow to send from")).unwrap();
    app.run_flows().unwrap();
    let sent: Vec<String> = app.outbox_list(10_000).unwrap().into_iter().map(|m| m.subject).collect();
    assert!(!sent.is_empty());
    for v in &queued {
        assert!(!sent.contains(&v.text), "unapproved copy went out: {}", v.text);
    }
    let page = app
        .flow_decisions(&DecisionQuery {
            flow: Some("abandoned-cart".into()),
            search: Some("no approved subject".into()),
            ..DecisionQuery::default()
        })
        .unwrap();
    assert!(page.total > 0, "the ledger says why the step's own subject was used");
}

#[test]
fn copy_that_cannot_be_checked_now_is_never_sent() {
    let (_tmp, mut app) = demo();
    let text = "A note about your order";
    let id = app
        .store
        .add_variants(&[("subject".into(), Some("GONE-1".into()), text.into(), None, "manual".into())], "Sam", 0)
        .unwrap()[0];
    // Its product is not in the catalog, so it cannot be approved through the app …
    assert_eq!(app.approve_copy(id, "Sam", &[]).unwrap_err().kind, ErrorKind::NotFound);
    // … and even marked approved behind the app's back, it is neither shown as sendable nor used.
    let hash = super::copy::text_hash(text);
    let trail = crate::store::Trail { by: "someone", at: 0, checks: None, overridden: None, note: None };
    app.store.review_variant(id, crate::store::VariantChange::Decide("approved", Some(&hash)), &trail).unwrap();
    let v = app.copy_queue(Some("approved")).unwrap().into_iter().find(|v| v.id == id).unwrap();
    assert!(!v.sendable);
    assert!(app.sendable_subjects(&[format!("copy:{id}")]).unwrap().is_empty());
}

#[test]
fn a_note_is_kept_without_deciding_anything() {
    let (_tmp, mut app) = demo();
    let v = app.queue_copy("FH-SEN-050", "subject", 1, None, "Sam").unwrap().remove(0);
    let approved = app.approve_copy(v.id, "Sam", &[]);
    let before = approved.map(|a| (a.state, a.sendable)).unwrap_or(("review".into(), false));
    let noted = app.note_copy(v.id, "Lena", "  Ask the supplier about the tin size. ").unwrap();
    assert_eq!(noted.note.as_deref(), Some("Ask the supplier about the tin size."));
    assert_eq!((noted.state, noted.sendable), before, "a note changes no decision");
    let last = app.copy_history(v.id).unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.by.as_str()), ("noted", "Lena"));
    assert!(app.note_copy(v.id, "Lena", "   ").unwrap_err().message.contains("Write the note"));
    assert!(app.note_copy(v.id, " ", "x").unwrap_err().message.contains("who is writing"));
}
