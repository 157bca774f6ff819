// The one place the UI talks to the Storeloop core, through Tauri's `invoke` and events.
//
// Every call resolves with a type from `gen/api.ts` or rejects with an `ApiError` — never with
// anything else, so screens can switch on `kind` and show `message` as it is. Outside the desktop
// app (a plain browser tab) every call rejects with a message saying so: there is no fake data.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  ApiError,
  AppStatus,
  AuditReport,
  Connection,
  CopyFinding,
  CopyGenerator,
  CopyOverride,
  CopyReview,
  CopyRules,
  CustomerDetail,
  CustomerPage,
  CustomerQuery,
  DecisionPage,
  DemoFlowHistory,
  DecisionQuery,
  Delivery,
  DryRunReport,
  EmailPreview,
  ErrorKind,
  SyncRun,
  FlowDefinition,
  FlowAlert,
  FlowDetail,
  FlowMeasurement,
  FlowSummary,
  FlowTemplate,
  FlowWatch,
  FlowEmailPreview,
  MappingView,
  QaState,
  QaWalk,
  Rollout,
  WorkflowChecklist,
  WorkflowMap,
  ForgetReport,
  GuardrailSettings,
  HomeStats,
  ImportReport,
  KillState,
  LedgerMessage,
  ModelHealth,
  PersonExport,
  Progress,
  QueuedVariant,
  RuleField,
  ScoreSummary,
  SegmentPreview,
  SegmentRule,
  SchedulerStatus,
  SegmentSize,
  SendVia,
  SendingSettings,
  StoreInfo,
  TaskView,
  TickReport,
  WeeklyDigest,
} from './gen/api';

// Every generated type, for screens that import from here rather than from gen/.
export type * from './gen/api';

export const NOT_IN_DESKTOP_MESSAGE =
  "Storeloop's screens need the desktop app: run it with the README's run command.";

// A record, not a list, so that a kind added in Rust (and so in gen/api.ts) fails the type check
// here until it is handled.
const ERROR_KIND_SET: Record<ErrorKind, true> = {
  invalid_input: true,
  not_found: true,
  locked: true,
  corrupt: true,
  newer_version: true,
  needs_upgrade: true,
  io: true,
  database: true,
  internal: true,
};
const ERROR_KINDS = Object.keys(ERROR_KIND_SET) as readonly ErrorKind[];

/** Kinds where the app cannot go on until the owner does something outside it. */
const BLOCKING_KINDS: readonly ErrorKind[] = ['locked', 'corrupt', 'newer_version', 'io'];

export function isBlockingKind(kind: ErrorKind): boolean {
  return BLOCKING_KINDS.includes(kind);
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    (ERROR_KINDS as readonly string[]).includes(v.kind) &&
    typeof v.message === 'string'
  );
}

/** Turns whatever a rejection carried into an `ApiError`; unknown shapes become kind "internal". */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return { kind: value.kind, message: value.message };
  if (typeof value === 'string' && value.trim() !== '') return { kind: 'internal', message: value };
  if (value instanceof Error && value.message !== '') {
    return { kind: 'internal', message: value.message };
  }
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return { kind: 'internal', message: `Something unexpected went wrong (${shown}).` };
}

/** True inside the Tauri webview, where the core is reachable. */
export function inDesktopApp(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!inDesktopApp()) {
    throw { kind: 'internal', message: NOT_IN_DESKTOP_MESSAGE } satisfies ApiError;
  }
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** Version, data location and the open store (null when the database holds none yet). */
export function appStatus(): Promise<AppStatus> {
  return call<AppStatus>('app_status');
}

let demoInFlight: Promise<StoreInfo> | null = null;

/**
 * Opens the demo store, generating it first when the database has no store (about a second).
 * Calls made while one is running share it, so a double click or React's development
 * double-mount never asks the core to generate twice.
 */
export function openDemoStore(): Promise<StoreInfo> {
  if (demoInFlight === null) {
    demoInFlight = call<StoreInfo>('open_demo_store').finally(() => {
      demoInFlight = null;
    });
  }
  return demoInFlight;
}

/** The store-pulse numbers for Home. */
export function homeStats(): Promise<HomeStats> {
  return call<HomeStats>('home_stats');
}

/** The latest saved data audit, or null when none has run yet. */
export function latestAudit(): Promise<AuditReport | null> {
  return call<AuditReport | null>('latest_audit');
}

/** Deletes the demo store (only the demo store) so the owner's own data can come in. */
export function removeDemoStore(): Promise<AppStatus> {
  return call<AppStatus>('remove_demo_store');
}

/** Imports a file on this computer; rejected rows come back in the report. */
export function importFile(kind: string, path: string): Promise<ImportReport> {
  return call<ImportReport>('import_file', { kind, path });
}

/**
 * Calls `handler` with the paths of files dropped on the window.
 * Resolves with a function that stops listening; outside the desktop app it listens to nothing.
 */
export async function onFileDrop(handler: (paths: string[]) => void): Promise<() => void> {
  if (!inDesktopApp()) return () => {};
  try {
    const { getCurrentWebview } = await import('@tauri-apps/api/webview');
    const unlisten = await getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === 'drop') handler(event.payload.paths);
    });
    return () => {
      void unlisten();
    };
  } catch {
    // Dropping is a convenience: the path field still works.
    return () => {};
  }
}

/** Everything held about one customer, by email (the request is logged). */
export function exportCustomer(email: string): Promise<PersonExport> {
  return call<PersonExport>('export_customer', { email });
}

/** Erases one customer's personal data; their orders stay, anonymous. */
export function forgetCustomer(email: string): Promise<ForgetReport> {
  return call<ForgetReport>('forget_customer', { email });
}

/** Runs the data audit now; the result is saved and returned. */
export function runAudit(): Promise<AuditReport> {
  return call<AuditReport>('run_audit');
}

let scoringInFlight: Promise<ScoreSummary> | null = null;

/**
 * Scores every customer (seconds to a minute; emits `progress` events like an import) and keeps
 * the result until the next run. A second call while one runs shares it instead of starting over.
 */
export function scoreCustomers(): Promise<ScoreSummary> {
  if (scoringInFlight === null) {
    scoringInFlight = call<ScoreSummary>('score_customers').finally(() => {
      scoringInFlight = null;
    });
  }
  return scoringInFlight;
}

/** The latest stored scoring run, or null when the customers have never been scored. */
export function scoreSummary(): Promise<ScoreSummary | null> {
  return call<ScoreSummary | null>('score_summary');
}

/** One page of the customer list: searched, filtered to a segment and sorted by the core. */
export function listCustomers(query: CustomerQuery): Promise<CustomerPage> {
  return call<CustomerPage>('list_customers', { query });
}

/** Everything on one customer's page: scores with reasons, predictions, orders. */
export function customerDetail(id: number): Promise<CustomerDetail> {
  return call<CustomerDetail>('customer_detail', { id });
}

/** The fields a custom segment's rules may test, with the words the editor shows. */
export function ruleFields(): Promise<RuleField[]> {
  return call<RuleField[]>('rule_fields');
}

/** How many customers a set of rules would hold now, with a few examples; saves nothing. */
export function previewSegment(rules: SegmentRule[]): Promise<SegmentPreview> {
  return call<SegmentPreview>('preview_segment', { rules });
}

/** Saves a custom segment and returns it with its current size. */
export function saveSegment(name: string, rules: SegmentRule[]): Promise<SegmentSize> {
  return call<SegmentSize>('save_segment', { name, rules });
}

/** Deletes a custom segment (built-in ones cannot be deleted). Customers are not touched. */
export function deleteSegment(id: string): Promise<void> {
  return call<void>('delete_segment', { id });
}

/** The latest check of the models against what customers did, and the errors of past checks. */
export function modelHealth(): Promise<ModelHealth> {
  return call<ModelHealth>('model_health');
}

/** Checks the models now; the result is saved and returned with the history. */
export function runHealthCheck(): Promise<ModelHealth> {
  return call<ModelHealth>('run_health_check');
}

/**
 * Sends the test email to one address through the outbox, an SMTP server or a provider, recorded
 * in the message ledger like any message. Resolves with what happened (sent, queued, failed,
 * unknown…); rejects only when nothing could be recorded (no store, no sender address, a malformed
 * address, no password or API key in the keychain for `via`).
 */
export function sendTest(to: string, via: SendVia): Promise<Delivery> {
  return call<Delivery>('send_test', { to, via });
}

/** Every flow with its status and current version. */
export function flowsList(): Promise<FlowSummary[]> {
  return call<FlowSummary[]>('flows_list', {});
}

/** The newest `limit` messages of the ledger, newest first. */
export function outboxList(limit: number): Promise<LedgerMessage[]> {
  return call<LedgerMessage[]>('outbox_list', { limit });
}

/** One flow with its graph in words, approval, latest dry run, active enrolments and live counts. */
export function flowDetail(slug: string): Promise<FlowDetail> {
  return call<FlowDetail>('flow_detail', { slug });
}

/** A flow's current version as its definition: what the editor changes. */
export function flowDefinition(slug: string): Promise<FlowDefinition> {
  return call<FlowDefinition>('flow_definition', { slug });
}

/**
 * Checks a definition and saves it as the flow's next version (a new slug: version 1), back to
 * draft: a changed flow needs a new dry run, and approval where needed. Rejects, saving nothing,
 * with a message that names the step at fault ("Node `wait-4h`: …") or the flow's setting.
 */
export function saveFlow(definition: FlowDefinition): Promise<FlowSummary> {
  return call<FlowSummary>('save_flow', { definition });
}

/** The email templates a flow's email step may send, each with its first line. */
export function flowTemplates(): Promise<FlowTemplate[]> {
  return call<FlowTemplate[]>('flow_templates', {});
}

const dryRunsInFlight = new Map<string, Promise<DryRunReport>>();

/**
 * The dry run: replays the last `days` days of the store through the flow's current version and
 * saves the report (a second or two; sends nothing). A second call for the same flow and days while
 * one runs shares it.
 */
export function simulateFlow(slug: string, days: number): Promise<DryRunReport> {
  const key = `${slug}\u0000${days}`;
  let running = dryRunsInFlight.get(key);
  if (running === undefined) {
    running = call<DryRunReport>('simulate_flow', { slug, days }).finally(() => {
      dryRunsInFlight.delete(key);
    });
    dryRunsInFlight.set(key, running);
  }
  return running;
}

/**
 * Makes the flow live for `percent` of the customers who trigger it. Rejects, with a message
 * written for the owner, when the version needs approval or has had no dry run.
 */
export function launchFlow(slug: string, percent: number, overrideReason?: string): Promise<FlowSummary> {
  return call<FlowSummary>('launch_flow', { slug, percent, overrideReason: overrideReason ?? null });
}

/** The store's three revenue moments with its own numbers, and the saved workflow map. */
export function workflowMapping(): Promise<MappingView> {
  return call<MappingView>('workflow_mapping', {});
}

/** Saves the workflow map; it becomes a draft flow from the matching playbook. */
export function saveWorkflowMap(map: WorkflowMap): Promise<FlowSummary> {
  return call<FlowSummary>('save_workflow_map', { map });
}

/** A flow's WORKFLOW checklist, every item verified now with its evidence. */
export function workflowChecklist(slug: string): Promise<WorkflowChecklist> {
  return call<WorkflowChecklist>('workflow_checklist', { slug });
}

/** Records that `by` read the risks of the flow's current version. */
export function acknowledgeFlowRisks(slug: string, by: string): Promise<WorkflowChecklist> {
  return call<WorkflowChecklist>('acknowledge_flow_risks', { slug, by });
}

/** Acknowledges an audit finding (read, going on anyway), with a note. */
export function acknowledgeFinding(code: string, by: string, note: string): Promise<AuditReport> {
  return call<AuditReport>('acknowledge_finding', { code, by, note });
}

/** The 14-day rollout as verified now. */
export function rollout(): Promise<Rollout> {
  return call<Rollout>('rollout', {});
}

/** Starts the rollout today (a second start keeps the first date). */
export function startRollout(): Promise<Rollout> {
  return call<Rollout>('start_rollout', {});
}

/** Chooses or changes the workflow being rolled out. */
export function chooseRolloutFlow(slug: string): Promise<Rollout> {
  return call<Rollout>('choose_rollout_flow', { slug });
}

/** Starts over: dates and choices go, what was done in the store stays. */
export function resetRollout(): Promise<Rollout> {
  return call<Rollout>('reset_rollout', {});
}

/** Names who approves flows. */
export function setApprover(name: string): Promise<Rollout> {
  return call<Rollout>('set_approver', { name });
}

/** Records that today's monitoring numbers were gone through. */
export function reviewMonitoringDay(): Promise<Rollout> {
  return call<Rollout>('review_monitoring_day', {});
}

/** What QA has verified for the flow's current version. */
export function qaState(slug: string): Promise<QaState> {
  return call<QaState>('qa_state', { slug });
}

/** Walks a test customer through the flow, with the edge cases. */
export function qaWalk(slug: string): Promise<QaWalk> {
  return call<QaWalk>('qa_walk', { slug });
}

/** One of the flow's emails as a test customer gets it; `mobile` records the phone-size look. */
export function previewFlowEmail(slug: string, step: string, mobile: boolean): Promise<FlowEmailPreview> {
  return call<FlowEmailPreview>('preview_flow_email', { slug, step, mobile });
}

/** Sends each of the flow's emails to `to` as test messages. */
export function sendFlowTests(slug: string, to: string): Promise<Delivery[]> {
  return call<Delivery[]>('send_flow_tests', { slug, to });
}

/** The product categories the store's products use. */
export function productCategories(): Promise<string[]> {
  return call<string[]>('product_categories', {});
}

/**
 * Every flow's results against its holdout, each over its default conversion window (5 days for
 * cart and browse flows, 30 for the others). Flows nobody has entered yet come back with no recipients.
 */
export function measureFlows(): Promise<FlowMeasurement[]> {
  return call<FlowMeasurement[]>('measure_flows', {});
}

/**
 * One flow's results against its holdout, counting orders placed within `window` days of entering
 * it (1 to 365); null is the flow's default window.
 */
export function measureFlow(slug: string, window: number | null): Promise<FlowMeasurement> {
  return call<FlowMeasurement>('measure_flow', { slug, window });
}

const playsInFlight = new Map<number, Promise<DemoFlowHistory>>();

/**
 * Demo store only: launches the playbooks and plays them as if they had run live for the last
 * `days` days (7 to 365), with a known effect planted in what customers then do, so measurement
 * has results to show. Long (seconds to a minute): emits `progress` events like opening the demo
 * store. A second call for the same days while one runs shares it. Rejects on a real store and
 * on a demo store whose flows have already run.
 */
export function playDemoFlows(days: number): Promise<DemoFlowHistory> {
  let running = playsInFlight.get(days);
  if (running === undefined) {
    running = call<DemoFlowHistory>('play_demo_flows', { days }).finally(() => {
      playsInFlight.delete(days);
    });
    playsInFlight.set(days, running);
  }
  return running;
}

/** The last seven days on one screen: a headline, each flow's week and results so far, the alerts. */
export function weeklyDigest(): Promise<WeeklyDigest> {
  return call<WeeklyDigest>('weekly_digest', {});
}

/**
 * Checks every live flow's failure metric against its limit now; resolves with the alerts this
 * raised (a flow is paused where the owner asked for it). The app also does this once a day.
 */
export function watchFlows(): Promise<FlowAlert[]> {
  return call<FlowAlert[]>('watch_flows', {});
}

/** What a flow is judged by: its success metric, its failure metric and limit (defaults until set). */
export function flowWatch(slug: string): Promise<FlowWatch> {
  return call<FlowWatch>('flow_watch', { slug });
}

/** Saves what a flow is judged by; rejects, saving nothing, with a message naming what is wrong. */
export function saveFlowWatch(slug: string, watch: FlowWatch): Promise<FlowWatch> {
  return call<FlowWatch>('save_flow_watch', { slug, watch });
}

/** Pauses a flow: nothing more is sent by it until someone resumes it. */
export function pauseFlow(slug: string): Promise<FlowSummary> {
  return call<FlowSummary>('pause_flow', { slug });
}

/** The explicit decision that releases a stopped or paused flow and the emails it held. */
export function resumeFlow(slug: string): Promise<FlowSummary> {
  return call<FlowSummary>('resume_flow', { slug });
}

/** Records the owner's approval of the flow's current version, under the name they typed. */
export function approveFlow(slug: string, by: string): Promise<FlowDetail> {
  return call<FlowDetail>('approve_flow', { slug, by });
}

/** Stops one flow (`slug`) or, with null, every flow at once; emails waiting are held, not lost. */
export function killSwitch(slug: string | null): Promise<KillState> {
  return call<KillState>('kill_switch', { slug });
}

/** Undoes the stop of everything. Flows stopped one by one stay stopped until resumed. */
export function releaseKillSwitch(): Promise<KillState> {
  return call<KillState>('release_kill_switch', {});
}

/** Whether everything, or which flows, are stopped, and how many emails wait because of it. */
export function killState(): Promise<KillState> {
  return call<KillState>('kill_state', {});
}

/** The store-wide guardrails every send passes. */
export function guardrailSettings(): Promise<GuardrailSettings> {
  return call<GuardrailSettings>('guardrail_settings', {});
}

/** Saves the guardrails, all checked first; a rejection names the field that is wrong. */
export function saveGuardrailSettings(settings: GuardrailSettings): Promise<GuardrailSettings> {
  return call<GuardrailSettings>('save_guardrail_settings', { settings });
}

/** One page of the decision ledger (the audit trail), filtered, newest first. */
export function flowDecisions(query: DecisionQuery): Promise<DecisionPage> {
  return call<DecisionPage>('flow_decisions', { query });
}

/** Follow-ups for a person: a paused customer's support ticket, a flow's task step. */
export function tasksList(): Promise<TaskView[]> {
  return call<TaskView[]>('tasks_list', {});
}

/** Marks a follow-up done and returns it so. */
export function completeTask(id: number): Promise<TaskView> {
  return call<TaskView>('complete_task', { id });
}

/** Runs the flows once now: enrols, takes every step that is due, queues what may be sent. */
export function runFlows(): Promise<TickReport> {
  return call<TickReport>('run_flows', {});
}

/** The last automatic run of the flows, and a failure since, if any. */
export function schedulerStatus(): Promise<SchedulerStatus> {
  return call<SchedulerStatus>('scheduler_status', {});
}

/** Where drafts are written: on this computer from the catalog's facts, or by the chosen language model. */
export type CopyVia = 'offline' | 'ai';

/**
 * Writes `count` drafts of `kind` (subject, preheader, hook, bullets, description, faq, ad) about the
 * product with `sku`, for customers of `segment` ("a", "b", "c") or anyone, and puts them in the review
 * queue recorded under `by`. `via` "offline" (the default) needs no network; "ai" asks the language model
 * chosen with `saveCopyGenerator`, and its drafts are checked like any other.
 */
export function queueCopy(
  sku: string,
  kind: string,
  count: number,
  segment: string | null,
  by: string,
  via: CopyVia = 'offline',
): Promise<QueuedVariant[]> {
  return call<QueuedVariant[]>('queue_copy', { sku, kind, count, segment, by, via });
}

/** The language model drafts may be asked of, whether its key is in the system keychain, and the providers. */
export function copyGenerator(): Promise<CopyGenerator> {
  return call<CopyGenerator>('copy_generator', {});
}

/**
 * Chooses the language model for drafts. `key`, when given, goes to the system keychain only (null keeps
 * a saved one). Rejects, saving nothing, when the provider needs a key and has none, or the model or
 * address is not usable.
 */
export function saveCopyGenerator(
  provider: string,
  model: string,
  baseUrl: string | null,
  key: string | null,
): Promise<CopyGenerator> {
  return call<CopyGenerator>('save_copy_generator', { provider, model, baseUrl, key });
}

/** Forgets the chosen model and deletes every saved provider key from the keychain. */
export function forgetCopyGenerator(): Promise<CopyGenerator> {
  return call<CopyGenerator>('forget_copy_generator', {});
}

/** Ad copy for the product with `sku`, a few variants per audience pain, as CSV text for ad platforms. */
export function adCopyCsv(sku: string): Promise<string> {
  return call<string>('ad_copy_csv', { sku });
}

/** The review queue in `state` (review, approved, rejected; null for all), newest first, checked as it stands now. */
export function copyQueue(state: string | null): Promise<QueuedVariant[]> {
  return call<QueuedVariant[]>('copy_queue', { state });
}

/**
 * Approves a variant for its current text under `by`. Rejects, with a message naming the rules,
 * unless every failing rule has an override with a written reason.
 */
export function approveCopy(id: number, by: string, overrides: CopyOverride[]): Promise<QueuedVariant> {
  return call<QueuedVariant>('approve_copy', { id, by, overrides });
}

/** Rejects a variant under `by`, with an optional note kept in its history. */
export function rejectCopy(id: number, by: string, note: string | null): Promise<QueuedVariant> {
  return call<QueuedVariant>('reject_copy', { id, by, note });
}

/** Saves new text for a variant: a new version, back to review (an approval was for the old text). */
export function editCopy(id: number, text: string, by: string): Promise<QueuedVariant> {
  return call<QueuedVariant>('edit_copy', { id, text, by });
}

/** Keeps a note on a variant (shown on it and in its history) under `by`, without deciding anything. */
export function noteCopy(id: number, by: string, note: string): Promise<QueuedVariant> {
  return call<QueuedVariant>('note_copy', { id, by, note });
}

/** A variant's review trail, oldest first: who did what to which version, the checks then, overrides, notes. */
export function copyHistory(id: number): Promise<CopyReview[]> {
  return call<CopyReview[]>('copy_history', { id });
}

/**
 * Starts an A/B test of two or more approved subject lines on the email step `node` of `flow`: a new
 * version of the flow, which needs a dry run (and approval) on its page before it goes live.
 */
export function startCopyTest(flow: string, node: string, ids: number[], by: string): Promise<void> {
  return call<void>('start_copy_test', { flow, node, ids, by });
}

/** Checks a piece of copy as it stands (while it is being edited), about the product of `sku` when given. */
export function checkCopy(kind: string, text: string, sku: string | null): Promise<CopyFinding[]> {
  return call<CopyFinding[]>('check_copy', { kind, text, sku });
}

/** The owner's forbidden phrases and approved claims. */
export function copyRules(): Promise<CopyRules> {
  return call<CopyRules>('copy_rules', {});
}

/** Saves the lists (blank lines dropped, the rest trimmed) and resolves with them as saved. */
export function saveCopyRules(rules: CopyRules): Promise<CopyRules> {
  return call<CopyRules>('save_copy_rules', { rules });
}

/**
 * How email leaves this computer and who it is from, as saved (the outbox until something else
 * is). `secret_saved` says whether the keychain holds the password or API key; the secret itself
 * never comes back.
 */
export function sendingSettings(): Promise<SendingSettings> {
  return call<SendingSettings>('sending_settings');
}

/**
 * Saves the sending settings, all checked first so nothing is saved half-way, and resolves with
 * them as saved. `secret` (the SMTP password or provider API key the owner typed) goes straight to
 * the OS keychain; null keeps the one already saved.
 */
export function saveSendingSettings(settings: SendingSettings, secret: string | null): Promise<SendingSettings> {
  return call<SendingSettings>('save_sending_settings', { settings, secret });
}

/** The test email exactly as it will be sent: subject, HTML part and plain-text part. */
export function previewTestEmail(): Promise<EmailPreview> {
  return call<EmailPreview>('preview_test_email');
}

/**
 * Calls `handler` for each `progress` event the core emits during long work.
 * Resolves with a function that stops listening; outside the desktop app it listens to nothing.
 */
export async function onProgress(handler: (p: Progress) => void): Promise<() => void> {
  if (!inDesktopApp()) return () => {};
  try {
    const unlisten = await listen<Progress>('progress', (event) => handler(event.payload));
    return () => {
      void unlisten();
    };
  } catch {
    // Progress is a nicety: without it the bar stays indeterminate.
    return () => {};
  }
}

/** Every connected store (Shopify, WooCommerce) with its last syncs; never a key. */
export function connections(): Promise<Connection[]> {
  return call<Connection[]>('connections', {});
}

/**
 * Connects a Shopify shop (`shop`: its myshopify name or address) with an Admin API access token.
 * The token is checked (shop name, currency, scopes) and kept only in the system keychain; nothing is
 * saved when the check fails.
 */
export function connectShopify(shop: string, token: string): Promise<Connection> {
  return call<Connection>('connect_shopify', { shop, token });
}

/** Connects a WooCommerce store at `url` with a REST API key pair (checked, then kept in the keychain). */
export function connectWoocommerce(url: string, key: string, secret: string): Promise<Connection> {
  return call<Connection>('connect_woocommerce', { url, key, secret });
}

/**
 * Syncs every connected store now: what changed since the last sync (an interrupted one goes on where it
 * stopped), or everything when `full`. Progress arrives through `onProgress`.
 */
export function syncNow(full: boolean): Promise<SyncRun[]> {
  return call<SyncRun[]>('sync_now', { full });
}

/** Removes a store's connection and deletes its key from the keychain; the synced data stays. */
export function removeConnection(platform: string): Promise<Connection[]> {
  return call<Connection[]>('remove_connection', { platform });
}
