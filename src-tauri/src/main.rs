//! Storeloop's desktop shell: a window, and a list of thin commands. Each command calls one
//! `storeloop_core::api` function on a worker thread and passes its result (or its
//! `{kind, message}` error) to the UI unchanged.
//!
//! Architecture Invariant: no business logic here; if a command grows past a few lines, the
//! logic belongs in `storeloop_core::api`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::{Arc, Mutex};

use storeloop_core::api::{
    ApiError, AppStatus, AuditReport, Connection, CopyFinding, CopyGenerator, CopyOverride, CopyReview, CopyRules,
    CopyVariant, CustomerDetail, CustomerPage, CustomerQuery, DecisionPage, DecisionQuery, Delivery, DemoFlowHistory,
    DryRunReport, EmailPreview, ErrorKind, Flow, FlowAlert, FlowDetail, FlowEmailPreview, FlowMeasurement, FlowSummary,
    FlowTemplate, FlowWatch, ForgetReport, GuardrailSettings, HomeStats, ImportReport, KillState, LedgerMessage,
    MappingView, ModelHealth, PersonExport, QaState, QaWalk, QueuedVariant, Rollout, RolloutNotice, RuleField,
    SchedulerStatus, ScoreSummary, SegmentPreview, SegmentRule, SegmentSize, SendVia, SendingSettings, StoreInfo,
    Storeloop, SyncRun, TaskView, TickReport, WeeklyDigest, WorkflowChecklist, WorkflowMap,
};
use storeloop_core::paths::DataDir;
use tauri::{AppHandle, Emitter, State};

/// The open data folder, or why it could not be opened (shown by the UI, full screen).
type Session = Arc<Mutex<Result<Storeloop, ApiError>>>;

fn open_session() -> Result<Storeloop, ApiError> {
    let dir = DataDir::from_env(None).ok_or_else(|| {
        ApiError::new(ErrorKind::Io, "This computer has no app-data folder for Storeloop: set STORELOOP_DATA_DIR to a folder Storeloop may use, then start it again.")
    })?;
    Storeloop::open(&dir, storeloop_core::clock::from_env())
}

/// Runs `f` on the open session, off the UI thread. A session that failed to open (locked by
/// another window, a damaged file) is tried again first, so "Try again" in the UI works once
/// the user has dealt with the cause.
async fn with_session<T, F>(session: &Session, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Storeloop) -> Result<T, ApiError> + Send + 'static,
{
    let session = Arc::clone(session);
    tauri::async_runtime::spawn_blocking(move || {
        let mut guard = session.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_err() {
            *guard = open_session();
        }
        match guard.as_mut() {
            Ok(app) => f(app),
            Err(e) => Err(e.clone()),
        }
    })
    .await
    .map_err(|e| ApiError::new(ErrorKind::Internal, format!("a background task stopped unexpectedly: {e}")))?
}

#[tauri::command]
async fn app_status(session: State<'_, Session>) -> Result<AppStatus, ApiError> {
    with_session(&session, |app| app.status()).await
}

#[tauri::command]
async fn open_demo_store(handle: AppHandle, session: State<'_, Session>) -> Result<StoreInfo, ApiError> {
    with_session(&session, move |app| app.open_demo_store(&mut |p| drop(handle.emit("progress", p)))).await
}

#[tauri::command]
async fn home_stats(session: State<'_, Session>) -> Result<HomeStats, ApiError> {
    with_session(&session, |app| app.home_stats()).await
}

#[tauri::command]
async fn latest_audit(session: State<'_, Session>) -> Result<Option<AuditReport>, ApiError> {
    with_session(&session, |app| app.latest_audit()).await
}

#[tauri::command]
async fn run_audit(session: State<'_, Session>) -> Result<AuditReport, ApiError> {
    with_session(&session, |app| app.run_audit()).await
}

#[tauri::command]
async fn remove_demo_store(session: State<'_, Session>) -> Result<AppStatus, ApiError> {
    with_session(&session, |app| app.remove_demo_store()).await
}

#[tauri::command]
async fn import_file(
    handle: AppHandle,
    session: State<'_, Session>,
    kind: String,
    path: String,
) -> Result<ImportReport, ApiError> {
    with_session(&session, move |app| {
        app.import(&kind, std::path::Path::new(&path), &mut |p| drop(handle.emit("progress", p)))
    })
    .await
}

#[tauri::command]
async fn export_customer(session: State<'_, Session>, email: String) -> Result<PersonExport, ApiError> {
    with_session(&session, move |app| app.export_customer(&email)).await
}

#[tauri::command]
async fn forget_customer(session: State<'_, Session>, email: String) -> Result<ForgetReport, ApiError> {
    with_session(&session, move |app| app.forget_customer(&email)).await
}

#[tauri::command]
async fn score_customers(handle: AppHandle, session: State<'_, Session>) -> Result<ScoreSummary, ApiError> {
    with_session(&session, move |app| app.score_customers(&mut |p| drop(handle.emit("progress", p)))).await
}

#[tauri::command]
async fn score_summary(session: State<'_, Session>) -> Result<Option<ScoreSummary>, ApiError> {
    with_session(&session, |app| app.score_summary()).await
}

#[tauri::command]
async fn list_customers(session: State<'_, Session>, query: CustomerQuery) -> Result<CustomerPage, ApiError> {
    with_session(&session, move |app| app.list_customers(&query)).await
}

#[tauri::command]
async fn customer_detail(session: State<'_, Session>, id: i64) -> Result<CustomerDetail, ApiError> {
    with_session(&session, move |app| app.customer_detail(id)).await
}

#[tauri::command]
async fn rule_fields(session: State<'_, Session>) -> Result<Vec<RuleField>, ApiError> {
    with_session(&session, |app| Ok(app.rule_fields())).await
}

#[tauri::command]
async fn preview_segment(session: State<'_, Session>, rules: Vec<SegmentRule>) -> Result<SegmentPreview, ApiError> {
    with_session(&session, move |app| app.preview_segment(&rules)).await
}

#[tauri::command]
async fn save_segment(
    session: State<'_, Session>,
    name: String,
    rules: Vec<SegmentRule>,
) -> Result<SegmentSize, ApiError> {
    with_session(&session, move |app| app.save_segment(&name, &rules)).await
}

#[tauri::command]
async fn delete_segment(session: State<'_, Session>, id: String) -> Result<(), ApiError> {
    with_session(&session, move |app| app.delete_segment(&id)).await
}

#[tauri::command]
async fn model_health(session: State<'_, Session>) -> Result<ModelHealth, ApiError> {
    with_session(&session, |app| app.model_health()).await
}

#[tauri::command]
async fn run_health_check(session: State<'_, Session>) -> Result<ModelHealth, ApiError> {
    with_session(&session, |app| app.run_health_check()).await
}

#[tauri::command]
async fn send_test(session: State<'_, Session>, to: String, via: SendVia) -> Result<Delivery, ApiError> {
    with_session(&session, move |app| app.send_test(&to, &via)).await
}

#[tauri::command]
async fn outbox_list(session: State<'_, Session>, limit: u32) -> Result<Vec<LedgerMessage>, ApiError> {
    with_session(&session, move |app| app.outbox_list(limit)).await
}

#[tauri::command]
async fn sending_settings(session: State<'_, Session>) -> Result<SendingSettings, ApiError> {
    with_session(&session, |app| app.sending_settings()).await
}

/// `secret` (an SMTP password or API key) goes straight to the OS keychain.
#[tauri::command]
async fn save_sending_settings(
    session: State<'_, Session>,
    settings: SendingSettings,
    secret: Option<String>,
) -> Result<SendingSettings, ApiError> {
    with_session(&session, move |app| app.save_sending_settings(&settings, secret.as_deref())).await
}

#[tauri::command]
async fn preview_test_email(session: State<'_, Session>) -> Result<EmailPreview, ApiError> {
    with_session(&session, |app| app.preview_test_email()).await
}

/// A person's decision on a message whose fate was unknown.
#[tauri::command]
async fn resolve_message(session: State<'_, Session>, id: i64, arrived: bool) -> Result<Vec<LedgerMessage>, ApiError> {
    with_session(&session, move |app| app.resolve_message(id, arrived)).await
}

#[tauri::command]
async fn flows_list(session: State<'_, Session>) -> Result<Vec<FlowSummary>, ApiError> {
    with_session(&session, |app| app.flows_list()).await
}

#[tauri::command]
async fn flow_detail(session: State<'_, Session>, slug: String) -> Result<FlowDetail, ApiError> {
    with_session(&session, move |app| app.flow_detail(&slug)).await
}

#[tauri::command]
async fn simulate_flow(session: State<'_, Session>, slug: String, days: u32) -> Result<DryRunReport, ApiError> {
    with_session(&session, move |app| app.simulate_flow(&slug, days)).await
}

#[tauri::command]
async fn launch_flow(
    session: State<'_, Session>,
    slug: String,
    percent: u32,
    override_reason: Option<String>,
) -> Result<FlowSummary, ApiError> {
    with_session(&session, move |app| app.launch_flow(&slug, percent, override_reason.as_deref())).await
}

#[tauri::command]
async fn workflow_mapping(session: State<'_, Session>) -> Result<MappingView, ApiError> {
    with_session(&session, |app| app.workflow_mapping()).await
}

#[tauri::command]
async fn save_workflow_map(session: State<'_, Session>, map: WorkflowMap) -> Result<FlowSummary, ApiError> {
    with_session(&session, move |app| app.save_workflow_map(&map)).await
}

#[tauri::command]
async fn workflow_checklist(session: State<'_, Session>, slug: String) -> Result<WorkflowChecklist, ApiError> {
    with_session(&session, move |app| app.workflow_checklist(&slug)).await
}

#[tauri::command]
async fn acknowledge_flow_risks(
    session: State<'_, Session>,
    slug: String,
    by: String,
) -> Result<WorkflowChecklist, ApiError> {
    with_session(&session, move |app| app.acknowledge_flow_risks(&slug, &by)).await
}

#[tauri::command]
async fn acknowledge_finding(
    session: State<'_, Session>,
    code: String,
    by: String,
    note: String,
) -> Result<AuditReport, ApiError> {
    with_session(&session, move |app| app.acknowledge_finding(&code, &by, &note)).await
}

#[tauri::command]
async fn rollout(session: State<'_, Session>) -> Result<Rollout, ApiError> {
    with_session(&session, |app| app.rollout()).await
}

#[tauri::command]
async fn start_rollout(session: State<'_, Session>) -> Result<Rollout, ApiError> {
    with_session(&session, |app| app.start_rollout()).await
}

#[tauri::command]
async fn choose_rollout_flow(session: State<'_, Session>, slug: String) -> Result<Rollout, ApiError> {
    with_session(&session, move |app| app.choose_rollout_flow(&slug)).await
}

#[tauri::command]
async fn reset_rollout(session: State<'_, Session>) -> Result<Rollout, ApiError> {
    with_session(&session, |app| app.reset_rollout()).await
}

#[tauri::command]
async fn set_approver(session: State<'_, Session>, name: String) -> Result<Rollout, ApiError> {
    with_session(&session, move |app| app.set_approver(&name)).await
}

#[tauri::command]
async fn review_monitoring_day(session: State<'_, Session>) -> Result<Rollout, ApiError> {
    with_session(&session, |app| app.review_monitoring_day()).await
}

#[tauri::command]
async fn qa_state(session: State<'_, Session>, slug: String) -> Result<QaState, ApiError> {
    with_session(&session, move |app| app.qa_state(&slug)).await
}

#[tauri::command]
async fn qa_walk(session: State<'_, Session>, slug: String) -> Result<QaWalk, ApiError> {
    with_session(&session, move |app| app.qa_walk(&slug)).await
}

#[tauri::command]
async fn preview_flow_email(
    session: State<'_, Session>,
    slug: String,
    step: String,
    mobile: bool,
) -> Result<FlowEmailPreview, ApiError> {
    with_session(&session, move |app| app.preview_flow_email(&slug, &step, mobile)).await
}

#[tauri::command]
async fn send_flow_tests(session: State<'_, Session>, slug: String, to: String) -> Result<Vec<Delivery>, ApiError> {
    with_session(&session, move |app| app.send_flow_tests(&slug, &to)).await
}

#[tauri::command]
async fn product_categories(session: State<'_, Session>) -> Result<Vec<String>, ApiError> {
    with_session(&session, |app| app.product_categories()).await
}

#[tauri::command]
async fn pause_flow(session: State<'_, Session>, slug: String) -> Result<FlowSummary, ApiError> {
    with_session(&session, move |app| app.pause_flow(&slug)).await
}

#[tauri::command]
async fn resume_flow(session: State<'_, Session>, slug: String) -> Result<FlowSummary, ApiError> {
    with_session(&session, move |app| app.resume_flow(&slug)).await
}

#[tauri::command]
async fn approve_flow(session: State<'_, Session>, slug: String, by: String) -> Result<FlowDetail, ApiError> {
    with_session(&session, move |app| app.approve_flow(&slug, &by)).await
}

#[tauri::command]
async fn kill_switch(session: State<'_, Session>, slug: Option<String>) -> Result<KillState, ApiError> {
    with_session(&session, move |app| app.kill_switch(slug.as_deref())).await
}

#[tauri::command]
async fn release_kill_switch(session: State<'_, Session>) -> Result<KillState, ApiError> {
    with_session(&session, |app| app.release_kill_switch()).await
}

#[tauri::command]
async fn kill_state(session: State<'_, Session>) -> Result<KillState, ApiError> {
    with_session(&session, |app| app.kill_state()).await
}

#[tauri::command]
async fn guardrail_settings(session: State<'_, Session>) -> Result<GuardrailSettings, ApiError> {
    with_session(&session, |app| app.guardrail_settings()).await
}

#[tauri::command]
async fn save_guardrail_settings(
    session: State<'_, Session>,
    settings: GuardrailSettings,
) -> Result<GuardrailSettings, ApiError> {
    with_session(&session, move |app| app.save_guardrail_settings(&settings)).await
}

#[tauri::command]
async fn flow_decisions(session: State<'_, Session>, query: DecisionQuery) -> Result<DecisionPage, ApiError> {
    with_session(&session, move |app| app.flow_decisions(&query)).await
}

#[tauri::command]
async fn tasks_list(session: State<'_, Session>) -> Result<Vec<TaskView>, ApiError> {
    with_session(&session, |app| app.tasks_list()).await
}

#[tauri::command]
async fn complete_task(session: State<'_, Session>, id: i64) -> Result<TaskView, ApiError> {
    with_session(&session, move |app| app.complete_task(id)).await
}

#[tauri::command]
async fn run_flows(session: State<'_, Session>) -> Result<TickReport, ApiError> {
    with_session(&session, |app| app.run_flows()).await
}

#[tauri::command]
async fn flow_definition(session: State<'_, Session>, slug: String) -> Result<Flow, ApiError> {
    with_session(&session, move |app| app.flow_definition_of(&slug)).await
}

#[tauri::command]
async fn save_flow(session: State<'_, Session>, definition: Flow) -> Result<FlowSummary, ApiError> {
    with_session(&session, move |app| app.save_flow_definition(&definition)).await
}

#[tauri::command]
async fn flow_templates(session: State<'_, Session>) -> Result<Vec<FlowTemplate>, ApiError> {
    with_session(&session, |app| Ok(app.flow_templates())).await
}

#[tauri::command]
async fn measure_flow(
    session: State<'_, Session>,
    slug: String,
    window: Option<u32>,
) -> Result<FlowMeasurement, ApiError> {
    with_session(&session, move |app| app.measure_flow(&slug, window)).await
}

#[tauri::command]
async fn measure_flows(session: State<'_, Session>) -> Result<Vec<FlowMeasurement>, ApiError> {
    with_session(&session, |app| app.measure_flows()).await
}

/// Plays the playbooks over the demo store's last `days` days (progress as `progress` events).
#[tauri::command]
async fn play_demo_flows(
    handle: AppHandle,
    session: State<'_, Session>,
    days: u32,
) -> Result<DemoFlowHistory, ApiError> {
    with_session(&session, move |app| {
        app.play_demo_flows(days, storeloop_core::demo::DEFAULT_SEED, &mut |p| drop(handle.emit("progress", p)))
    })
    .await
}

#[tauri::command]
async fn generate_copy(
    session: State<'_, Session>,
    sku: String,
    kind: String,
    count: u32,
    segment: Option<String>,
    via: Option<String>,
) -> Result<Vec<CopyVariant>, ApiError> {
    drafts(&session, sku, kind, count, segment, via).await
}

/// Drafts offline, or from the chosen language model with the session free while it writes
/// (a slow provider must not hold up the rest of the app).
async fn drafts(
    session: &Session,
    sku: String,
    kind: String,
    count: u32,
    segment: Option<String>,
    via: Option<String>,
) -> Result<Vec<CopyVariant>, ApiError> {
    if via.as_deref() != Some("ai") {
        return with_session(session, move |app| app.generate_copy(&sku, &kind, count, segment.as_deref())).await;
    }
    let draft = with_session(session, move |app| app.prepare_ai_draft(&sku, &kind, count, segment.as_deref())).await?;
    let (draft, got) = tauri::async_runtime::spawn_blocking(move || {
        let got = draft.run();
        (draft, got)
    })
    .await
    .map_err(|e| ApiError::new(ErrorKind::Internal, format!("a background task stopped unexpectedly: {e}")))?;
    let got = got?;
    with_session(session, move |app| app.checked_ai_draft(&draft, got)).await
}

#[tauri::command]
async fn note_copy(session: State<'_, Session>, id: i64, by: String, note: String) -> Result<QueuedVariant, ApiError> {
    with_session(&session, move |app| app.note_copy(id, &by, &note)).await
}

#[tauri::command]
async fn copy_generator(session: State<'_, Session>) -> Result<CopyGenerator, ApiError> {
    with_session(&session, |app| app.copy_generator()).await
}

#[tauri::command]
async fn save_copy_generator(
    session: State<'_, Session>,
    provider: String,
    model: String,
    base_url: Option<String>,
    key: Option<String>,
) -> Result<CopyGenerator, ApiError> {
    with_session(&session, move |app| app.save_copy_generator(&provider, &model, base_url.as_deref(), key.as_deref()))
        .await
}

#[tauri::command]
async fn forget_copy_generator(session: State<'_, Session>) -> Result<CopyGenerator, ApiError> {
    with_session(&session, |app| app.forget_copy_generator()).await
}

#[tauri::command]
async fn check_copy(
    session: State<'_, Session>,
    kind: String,
    text: String,
    sku: Option<String>,
) -> Result<Vec<CopyFinding>, ApiError> {
    with_session(&session, move |app| app.check_copy(&kind, &text, sku.as_deref())).await
}

#[tauri::command]
async fn queue_copy(
    session: State<'_, Session>,
    sku: String,
    kind: String,
    count: u32,
    segment: Option<String>,
    by: String,
    via: Option<String>,
) -> Result<Vec<QueuedVariant>, ApiError> {
    let made = drafts(&session, sku, kind, count, segment, via).await?;
    with_session(&session, move |app| app.queue_variants(&made, &by)).await
}

#[tauri::command]
async fn copy_queue(session: State<'_, Session>, state: Option<String>) -> Result<Vec<QueuedVariant>, ApiError> {
    with_session(&session, move |app| app.copy_queue(state.as_deref())).await
}

#[tauri::command]
async fn approve_copy(
    session: State<'_, Session>,
    id: i64,
    by: String,
    overrides: Vec<CopyOverride>,
) -> Result<QueuedVariant, ApiError> {
    with_session(&session, move |app| app.approve_copy(id, &by, &overrides)).await
}

#[tauri::command]
async fn reject_copy(
    session: State<'_, Session>,
    id: i64,
    by: String,
    note: Option<String>,
) -> Result<QueuedVariant, ApiError> {
    with_session(&session, move |app| app.reject_copy(id, &by, note.as_deref())).await
}

#[tauri::command]
async fn edit_copy(session: State<'_, Session>, id: i64, text: String, by: String) -> Result<QueuedVariant, ApiError> {
    with_session(&session, move |app| app.edit_copy(id, &text, &by)).await
}

#[tauri::command]
async fn copy_history(session: State<'_, Session>, id: i64) -> Result<Vec<CopyReview>, ApiError> {
    with_session(&session, move |app| app.copy_history(id)).await
}

#[tauri::command]
async fn start_copy_test(
    session: State<'_, Session>,
    flow: String,
    node: String,
    ids: Vec<i64>,
    by: String,
) -> Result<(), ApiError> {
    with_session(&session, move |app| app.start_copy_test(&flow, &node, &ids, &by)).await
}

#[tauri::command]
async fn ad_copy_csv(session: State<'_, Session>, sku: String) -> Result<String, ApiError> {
    with_session(&session, move |app| app.ad_copy_csv(&sku)).await
}

#[tauri::command]
async fn copy_rules(session: State<'_, Session>) -> Result<CopyRules, ApiError> {
    with_session(&session, |app| app.copy_rules()).await
}

#[tauri::command]
async fn save_copy_rules(session: State<'_, Session>, rules: CopyRules) -> Result<CopyRules, ApiError> {
    with_session(&session, move |app| app.save_copy_rules(&rules)).await
}

#[tauri::command]
async fn weekly_digest(session: State<'_, Session>) -> Result<WeeklyDigest, ApiError> {
    with_session(&session, |app| app.weekly_digest()).await
}

#[tauri::command]
async fn watch_flows(session: State<'_, Session>) -> Result<Vec<FlowAlert>, ApiError> {
    with_session(&session, |app| app.watch_flows()).await
}

#[tauri::command]
async fn flow_watch(session: State<'_, Session>, slug: String) -> Result<FlowWatch, ApiError> {
    with_session(&session, move |app| app.flow_watch(&slug)).await
}

#[tauri::command]
async fn save_flow_watch(session: State<'_, Session>, slug: String, watch: FlowWatch) -> Result<FlowWatch, ApiError> {
    with_session(&session, move |app| app.save_flow_watch(&slug, &watch)).await
}

#[tauri::command]
async fn connections(session: State<'_, Session>) -> Result<Vec<Connection>, ApiError> {
    with_session(&session, |app| app.connections()).await
}

#[tauri::command]
async fn connect_shopify(session: State<'_, Session>, shop: String, token: String) -> Result<Connection, ApiError> {
    with_session(&session, move |app| app.connect_shopify(&shop, &token)).await
}

#[tauri::command]
async fn connect_woocommerce(
    session: State<'_, Session>,
    url: String,
    key: String,
    secret: String,
) -> Result<Connection, ApiError> {
    with_session(&session, move |app| app.connect_woocommerce(&url, &key, &secret)).await
}

/// Syncs every connected store now (progress as `progress` events).
#[tauri::command]
async fn sync_now(handle: AppHandle, session: State<'_, Session>, full: bool) -> Result<Vec<SyncRun>, ApiError> {
    with_session(&session, move |app| app.sync_stores(full, &mut |p| drop(handle.emit("progress", p)))).await
}

#[tauri::command]
async fn remove_connection(session: State<'_, Session>, platform: String) -> Result<Vec<Connection>, ApiError> {
    with_session(&session, move |app| app.remove_connection(&platform)).await
}

#[tauri::command]
async fn scheduler_status(session: State<'_, Session>) -> Result<SchedulerStatus, ApiError> {
    with_session(&session, |app| app.scheduler_status()).await
}

/// Minutes between background syncs of a connected store while the app runs.
const SYNC_EVERY_MINUTES: i64 = 15;

/// The flow scheduler: every tick (a minute; `STORELOOP_TICK_SECONDS` for tests) runs the live
/// flows up to now and sends what is due. State lives in SQLite, so a closed lid or a restart
/// resumes where it was.
fn start_scheduler(session: Session) {
    let secs = std::env::var("STORELOOP_TICK_SECONDS").ok().and_then(|s| s.parse::<u64>().ok()).unwrap_or(60).max(1);
    std::thread::spawn(move || loop {
        let slept = std::time::Instant::now();
        std::thread::sleep(std::time::Duration::from_secs(secs));
        let mut guard = session.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(app) = guard.as_mut() else { continue };
        // Connected stores sync every 15 minutes, and at once after the computer wakes (a tick
        // that took far longer than it slept). A failure is recorded on the Connections screen.
        let woke = slept.elapsed() > std::time::Duration::from_secs(secs * 3);
        let _ = app.sync_if_due(if woke { 0 } else { SYNC_EVERY_MINUTES });
        // The rollout's step for today, once a day, as a desktop notification.
        // Shown from its own thread: a desktop whose notification service is slow to answer
        // must not hold the session (and every screen) while D-Bus waits.
        if let Ok(Some(notice)) = app.rollout_notice() {
            std::thread::spawn(move || notify(&notice));
        }
        let running = app
            .flows_list()
            .map(|l| l.iter().any(|f| matches!(f.status.as_str(), "live" | "paused" | "killed")))
            .unwrap_or(false);
        if !running {
            continue;
        }
        // Failure metrics are checked once a day.
        if let Err(e) =
            app.run_flows().and_then(|_| app.send_queued(20)).and_then(|_| app.watch_flows_if_due().map(drop))
        {
            // Shown on the Flows screen; stderr too, for whoever runs the app from a terminal.
            let _ = app.note_tick_failure(&e.message);
            #[allow(clippy::print_stderr)]
            {
                eprintln!("Storeloop's flow scheduler: {}", e.message);
            }
        }
    });
}

/// Shows a desktop notification; where the desktop has no notification service the reminder
/// still waits on the Rollout panel.
fn notify(notice: &RolloutNotice) {
    let shown = notify_rust::Notification::new()
        .appname("Storeloop")
        .summary(&notice.title)
        .body(&notice.body)
        .timeout(notify_rust::Timeout::Milliseconds(15_000))
        .show();
    if let Err(e) = shown {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("Storeloop could not show today's rollout reminder as a notification: {e}");
        }
    }
}

fn main() {
    let session: Session = Arc::new(Mutex::new(open_session()));
    start_scheduler(Arc::clone(&session));
    let result = tauri::Builder::default()
        .manage(session)
        .invoke_handler(tauri::generate_handler![
            app_status,
            open_demo_store,
            home_stats,
            latest_audit,
            run_audit,
            remove_demo_store,
            import_file,
            export_customer,
            forget_customer,
            score_customers,
            score_summary,
            list_customers,
            customer_detail,
            rule_fields,
            preview_segment,
            save_segment,
            delete_segment,
            model_health,
            run_health_check,
            send_test,
            outbox_list,
            sending_settings,
            save_sending_settings,
            preview_test_email,
            resolve_message,
            flows_list,
            flow_detail,
            simulate_flow,
            launch_flow,
            workflow_mapping,
            save_workflow_map,
            workflow_checklist,
            acknowledge_flow_risks,
            acknowledge_finding,
            rollout,
            start_rollout,
            choose_rollout_flow,
            reset_rollout,
            set_approver,
            review_monitoring_day,
            qa_state,
            qa_walk,
            preview_flow_email,
            send_flow_tests,
            product_categories,
            pause_flow,
            resume_flow,
            approve_flow,
            kill_switch,
            release_kill_switch,
            kill_state,
            guardrail_settings,
            save_guardrail_settings,
            flow_decisions,
            tasks_list,
            complete_task,
            run_flows,
            flow_definition,
            save_flow,
            flow_templates,
            measure_flow,
            measure_flows,
            scheduler_status,
            connections,
            connect_shopify,
            connect_woocommerce,
            sync_now,
            remove_connection,
            play_demo_flows,
            weekly_digest,
            watch_flows,
            flow_watch,
            save_flow_watch,
            generate_copy,
            copy_generator,
            note_copy,
            save_copy_generator,
            forget_copy_generator,
            check_copy,
            copy_rules,
            save_copy_rules,
            queue_copy,
            copy_queue,
            approve_copy,
            reject_copy,
            edit_copy,
            copy_history,
            start_copy_test,
            ad_copy_csv,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("Storeloop could not start its window: {e}");
        }
        std::process::exit(1);
    }
}
