// The boundary with the core: what reaches the screens when calls succeed, fail, or run outside
// the desktop app.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import {
  approveCopy,
  approveFlow,
  checkCopy,
  copyHistory,
  copyQueue,
  copyRules,
  editCopy,
  queueCopy,
  noteCopy,
  copyGenerator,
  saveCopyGenerator,
  forgetCopyGenerator,
  adCopyCsv,
  rejectCopy,
  saveCopyRules,
  startCopyTest,
  completeTask,
  flowDecisions,
  flowDetail,
  flowsList,
  guardrailSettings,
  killState,
  killSwitch,
  launchFlow,
  flowWatch,
  measureFlow,
  measureFlows,
  pauseFlow,
  playDemoFlows,
  saveFlowWatch,
  watchFlows,
  weeklyDigest,
  releaseKillSwitch,
  resumeFlow,
  runFlows,
  saveGuardrailSettings,
  simulateFlow,
  tasksList,
  customerDetail,
  deleteSegment,
  importFile,
  listCustomers,
  modelHealth,
  outboxList,
  previewSegment,
  previewTestEmail,
  ruleFields,
  runHealthCheck,
  saveSegment,
  saveSendingSettings,
  scoreCustomers,
  scoreSummary,
  sendTest,
  sendingSettings,
  NOT_IN_DESKTOP_MESSAGE,
  appStatus,
  homeStats,
  isBlockingKind,
  onProgress,
  openDemoStore,
  toApiError,
} from './api';
import type { SendingSettings } from './gen/api';
import { STATUS, STORE } from './test/fixtures';
import { GUARDRAILS } from './test/flowFixtures';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));

const invokeMock = vi.mocked(invoke);
const listenMock = vi.mocked(listen);

function enterDesktopApp() {
  (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
}

beforeEach(() => {
  vi.resetAllMocks();
});

afterEach(() => {
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
});

describe('outside the desktop app', () => {
  it.each([
    ['app_status', appStatus],
    ['open_demo_store', openDemoStore],
    ['home_stats', homeStats],
  ] as const)('%s rejects with a message saying so, and calls nothing', async (_name, call) => {
    await expect(call()).rejects.toEqual({ kind: 'internal', message: NOT_IN_DESKTOP_MESSAGE });
    expect(invokeMock).not.toHaveBeenCalled();
  });

  it('listens to nothing', async () => {
    const stop = await onProgress(() => {});
    stop();
    expect(listenMock).not.toHaveBeenCalled();
  });
});

describe('inside the desktop app', () => {
  beforeEach(enterDesktopApp);

  it('calls the snake_case commands without arguments', async () => {
    invokeMock.mockResolvedValueOnce(STATUS);
    await expect(appStatus()).resolves.toEqual(STATUS);
    expect(invokeMock).toHaveBeenCalledWith('app_status', undefined);

    invokeMock.mockResolvedValueOnce({});
    await homeStats();
    expect(invokeMock).toHaveBeenLastCalledWith('home_stats', undefined);
  });

  it('passes the import arguments by name, as the shell command declares them', async () => {
    invokeMock.mockResolvedValueOnce({});
    await importFile('shopify-orders', '/tmp/orders.csv');
    expect(invokeMock).toHaveBeenLastCalledWith('import_file', { kind: 'shopify-orders', path: '/tmp/orders.csv' });
  });

  const SAVED_SMTP: SendingSettings = {
    via: { kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'owner' },
    from: 'hello@example.com',
    from_name: 'Juniper & Oak Ceramics',
    postal_address: null,
    secret_saved: false,
  };
  const query = { search: 'anna', segment: 'a', sort: 'clv', descending: true, offset: 50, limit: 50 };
  const rules = [{ field: 'churn_risk', op: 'ge' as const, value: '0.5' }];
  const decisions = { flow: 'abandoned-cart', customer_id: 42, decision: 'held', search: 'quiet', offset: 50, limit: 50 };
  it.each<[string, () => Promise<unknown>, Record<string, unknown> | undefined]>([
    ['score_customers', () => scoreCustomers(), undefined],
    ['score_summary', () => scoreSummary(), undefined],
    ['list_customers', () => listCustomers(query), { query }],
    ['customer_detail', () => customerDetail(42), { id: 42 }],
    ['rule_fields', () => ruleFields(), undefined],
    ['preview_segment', () => previewSegment(rules), { rules }],
    ['save_segment', () => saveSegment('At risk', rules), { name: 'At risk', rules }],
    ['delete_segment', () => deleteSegment('custom-3'), { id: 'custom-3' }],
    ['model_health', () => modelHealth(), undefined],
    ['run_health_check', () => runHealthCheck(), undefined],
    ['send_test', () => sendTest('anna@example.com', { kind: 'outbox' }), { to: 'anna@example.com', via: { kind: 'outbox' } }],
    [
      'send_test',
      () => sendTest('anna@example.com', { kind: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' }),
      { to: 'anna@example.com', via: { kind: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' } },
    ],
    ['outbox_list', () => outboxList(200), { limit: 200 }],
    ['sending_settings', () => sendingSettings(), undefined],
    [
      'save_sending_settings',
      () => saveSendingSettings(SAVED_SMTP, 'app-password'),
      { settings: SAVED_SMTP, secret: 'app-password' },
    ],
    ['save_sending_settings', () => saveSendingSettings(SAVED_SMTP, null), { settings: SAVED_SMTP, secret: null }],
    ['preview_test_email', () => previewTestEmail(), undefined],
    ['flows_list', () => flowsList(), {}],
    ['flow_detail', () => flowDetail('abandoned-cart'), { slug: 'abandoned-cart' }],
    ['simulate_flow', () => simulateFlow('abandoned-cart', 60), { slug: 'abandoned-cart', days: 60 }],
    ['launch_flow', () => launchFlow('abandoned-cart', 25), { slug: 'abandoned-cart', percent: 25, overrideReason: null }],
    ['launch_flow', () => launchFlow('abandoned-cart', 20, 'testing on the demo'), { slug: 'abandoned-cart', percent: 20, overrideReason: 'testing on the demo' }],
    ['pause_flow', () => pauseFlow('abandoned-cart'), { slug: 'abandoned-cart' }],
    ['resume_flow', () => resumeFlow('abandoned-cart'), { slug: 'abandoned-cart' }],
    ['approve_flow', () => approveFlow('abandoned-cart', 'Sam'), { slug: 'abandoned-cart', by: 'Sam' }],
    ['kill_switch', () => killSwitch('abandoned-cart'), { slug: 'abandoned-cart' }],
    ['kill_switch', () => killSwitch(null), { slug: null }],
    ['release_kill_switch', () => releaseKillSwitch(), {}],
    ['kill_state', () => killState(), {}],
    ['guardrail_settings', () => guardrailSettings(), {}],
    ['save_guardrail_settings', () => saveGuardrailSettings(GUARDRAILS), { settings: GUARDRAILS }],
    ['flow_decisions', () => flowDecisions(decisions), { query: decisions }],
    ['tasks_list', () => tasksList(), {}],
    ['complete_task', () => completeTask(5), { id: 5 }],
    ['run_flows', () => runFlows(), {}],
    ['measure_flows', () => measureFlows(), {}],
    ['measure_flow', () => measureFlow('abandoned-cart', 14), { slug: 'abandoned-cart', window: 14 }],
    ['measure_flow', () => measureFlow('abandoned-cart', null), { slug: 'abandoned-cart', window: null }],
    ['play_demo_flows', () => playDemoFlows(90), { days: 90 }],
    ['weekly_digest', () => weeklyDigest(), {}],
    ['watch_flows', () => watchFlows(), {}],
    ['flow_watch', () => flowWatch('abandoned-cart'), { slug: 'abandoned-cart' }],
    [
      'save_flow_watch',
      () =>
        saveFlowWatch('abandoned-cart', {
          success_metric: 'conversion',
          failure_metric: 'complaint_rate',
          failure_threshold: 0.001,
          pause_on_failure: true,
        }),
      {
        slug: 'abandoned-cart',
        watch: { success_metric: 'conversion', failure_metric: 'complaint_rate', failure_threshold: 0.001, pause_on_failure: true },
      },
    ],
    [
      'queue_copy',
      () => queueCopy('FH-SEN-050', 'subject', 10, null, 'Sam'),
      { sku: 'FH-SEN-050', kind: 'subject', count: 10, segment: null, by: 'Sam', via: 'offline' },
    ],
    [
      'queue_copy',
      () => queueCopy('FH-SEN-050', 'ad', 3, 'b', 'Sam', 'ai'),
      { sku: 'FH-SEN-050', kind: 'ad', count: 3, segment: 'b', by: 'Sam', via: 'ai' },
    ],
    ['copy_generator', () => copyGenerator(), {}],
    [
      'save_copy_generator',
      () => saveCopyGenerator('ollama', 'llama3.1', null, null),
      { provider: 'ollama', model: 'llama3.1', baseUrl: null, key: null },
    ],
    ['forget_copy_generator', () => forgetCopyGenerator(), {}],
    ['ad_copy_csv', () => adCopyCsv('FH-SEN-050'), { sku: 'FH-SEN-050' }],
    ['copy_queue', () => copyQueue('review'), { state: 'review' }],
    ['copy_queue', () => copyQueue(null), { state: null }],
    [
      'approve_copy',
      () => approveCopy(7, 'Sam', [{ rule: 'spam', reason: 'Our brand voice' }]),
      { id: 7, by: 'Sam', overrides: [{ rule: 'spam', reason: 'Our brand voice' }] },
    ],
    ['reject_copy', () => rejectCopy(7, 'Sam', null), { id: 7, by: 'Sam', note: null }],
    ['reject_copy', () => rejectCopy(7, 'Sam', 'Too pushy'), { id: 7, by: 'Sam', note: 'Too pushy' }],
    ['edit_copy', () => editCopy(7, 'New words', 'Sam'), { id: 7, text: 'New words', by: 'Sam' }],
    ['note_copy', () => noteCopy(7, 'Sam', 'Ask Lena'), { id: 7, by: 'Sam', note: 'Ask Lena' }],
    ['copy_history', () => copyHistory(7), { id: 7 }],
    [
      'start_copy_test',
      () => startCopyTest('abandoned-cart', 'reminder', [7, 8], 'Sam'),
      { flow: 'abandoned-cart', node: 'reminder', ids: [7, 8], by: 'Sam' },
    ],
    ['check_copy', () => checkCopy('subject', 'Hello', 'FH-SEN-050'), { kind: 'subject', text: 'Hello', sku: 'FH-SEN-050' }],
    ['check_copy', () => checkCopy('subject', 'Hello', null), { kind: 'subject', text: 'Hello', sku: null }],
    ['copy_rules', () => copyRules(), {}],
    [
      'save_copy_rules',
      () => saveCopyRules({ forbidden: ['miracle'], claims: ['Hand-thrown'] }),
      { rules: { forbidden: ['miracle'], claims: ['Hand-thrown'] } },
    ],
  ])('calls %s with its arguments by name', async (command, run, args) => {
    invokeMock.mockResolvedValueOnce(null);
    await run();
    expect(invokeMock).toHaveBeenCalledWith(command, args);
  });

  it('runs one dry run per flow and days even when asked twice while it runs', async () => {
    let finish: (v: unknown) => void = () => {};
    invokeMock.mockReturnValueOnce(new Promise((res) => (finish = res)));
    const first = simulateFlow('abandoned-cart', 30);
    const second = simulateFlow('abandoned-cart', 30);
    finish({ slug: 'abandoned-cart' });
    await expect(Promise.all([first, second])).resolves.toEqual([{ slug: 'abandoned-cart' }, { slug: 'abandoned-cart' }]);
    expect(invokeMock).toHaveBeenCalledTimes(1);
    invokeMock.mockResolvedValueOnce({ slug: 'abandoned-cart', days: 90 });
    await simulateFlow('abandoned-cart', 90);
    expect(invokeMock).toHaveBeenCalledTimes(2);
  });

  it('plays the demo store’s flow history once even when asked twice while it plays', async () => {
    let finish: (v: unknown) => void = () => {};
    invokeMock.mockReturnValueOnce(new Promise((res) => (finish = res)));
    const first = playDemoFlows(90);
    const second = playDemoFlows(90);
    finish({ days: 90 });
    await expect(Promise.all([first, second])).resolves.toEqual([{ days: 90 }, { days: 90 }]);
    expect(invokeMock).toHaveBeenCalledTimes(1);
    // Once it is over, a new ask reaches the core (which refuses it when the history is there).
    invokeMock.mockRejectedValueOnce({ kind: 'invalid_input', message: 'The demo store’s flows have already run.' });
    await expect(playDemoFlows(90)).rejects.toEqual({ kind: 'invalid_input', message: 'The demo store’s flows have already run.' });
    expect(invokeMock).toHaveBeenCalledTimes(2);
  });

  it('scores once even when asked twice while scoring', async () => {
    let finish: (v: unknown) => void = () => {};
    invokeMock.mockReturnValueOnce(new Promise((res) => (finish = res)));
    const a = scoreCustomers();
    const b = scoreCustomers();
    finish({ customers: 1 });
    await Promise.all([a, b]);
    expect(invokeMock).toHaveBeenCalledTimes(1);
  });

  it('passes an ApiError from the core through unchanged', async () => {
    const err = { kind: 'locked', message: 'The database /d/storeloop.db is open in another Storeloop.' };
    invokeMock.mockRejectedValueOnce(err);
    await expect(appStatus()).rejects.toEqual(err);
  });

  it.each<[unknown, { kind: string; message: string }]>([
    ['command app_status not found', { kind: 'internal', message: 'command app_status not found' }],
    [new Error('IPC failed'), { kind: 'internal', message: 'IPC failed' }],
    [{ kind: 'no_such_kind', message: 'x' }, { kind: 'internal', message: 'Something unexpected went wrong ({"kind":"no_such_kind","message":"x"}).' }],
    [null, { kind: 'internal', message: 'Something unexpected went wrong (null).' }],
  ])('turns any other rejection (%s) into an internal ApiError', async (thrown, expected) => {
    invokeMock.mockRejectedValueOnce(thrown);
    await expect(homeStats()).rejects.toEqual(expected);
  });

  it('asks the core to make the demo store once even when asked twice at once', async () => {
    let finish: (s: typeof STORE) => void = () => {};
    invokeMock.mockReturnValueOnce(new Promise((res) => (finish = res as typeof finish)));
    const a = openDemoStore();
    const b = openDemoStore();
    finish(STORE);
    await expect(Promise.all([a, b])).resolves.toEqual([STORE, STORE]);
    expect(invokeMock).toHaveBeenCalledTimes(1);

    invokeMock.mockResolvedValueOnce(STORE);
    await openDemoStore();
    expect(invokeMock).toHaveBeenCalledTimes(2);
  });

  it('delivers progress payloads and stops listening', async () => {
    const unlisten = vi.fn();
    let handler: ((e: { payload: unknown }) => void) | undefined;
    listenMock.mockImplementation(async (_event, h) => {
      handler = h as typeof handler;
      return unlisten;
    });
    const seen: unknown[] = [];
    const stop = await onProgress((p) => seen.push(p));
    expect(listenMock).toHaveBeenCalledWith('progress', expect.any(Function));
    const payload = { task: 'demo_store', done: 1, total: 2, message: 'Making orders' };
    handler?.({ payload });
    expect(seen).toEqual([payload]);
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});

describe('error kinds', () => {
  it('knows which kinds block the whole app', () => {
    expect(['locked', 'corrupt', 'newer_version', 'io'].every((k) => isBlockingKind(k as never))).toBe(true);
    expect(['database', 'internal', 'not_found', 'invalid_input', 'needs_upgrade'].some((k) => isBlockingKind(k as never))).toBe(false);
  });

  it('keeps only kind and message from an ApiError', () => {
    expect(toApiError({ kind: 'io', message: 'm', extra: 1 })).toEqual({ kind: 'io', message: 'm' });
  });
});
