// The Flows area against a mocked core (./api): the list with its statuses, a flow's page (the
// canvas with per-step counts, the dry run, approval, launch, pause, stop and resume), the
// guardrail form, the audit trail's filters and paging, follow-ups, running the flows now, and the
// kill switch in the top bar with its red banner on every screen.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { DecisionEntry, DecisionQuery, DryRunReport, FlowDetail, KillState } from './gen/api';
import {
  CART,
  CART_DETAIL,
  CART_WITH_RUN,
  DECISIONS_PAGE,
  DECISION_ENTRIES,
  DRY_RUN,
  FLOWS,
  GUARDRAILS,
  KILL_ALL,
  KILL_OFF,
  TASKS,
  TICK,
} from './test/flowFixtures';
import { deferred, resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/flows');
  mock.scoreSummary.mockResolvedValue(null);
  mock.flowsList.mockResolvedValue(FLOWS);
  mock.flowDetail.mockResolvedValue(CART_DETAIL);
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.guardrailSettings.mockResolvedValue(GUARDRAILS);
  mock.saveGuardrailSettings.mockImplementation((s) => Promise.resolve(s));
  mock.flowDecisions.mockResolvedValue(DECISIONS_PAGE);
  mock.tasksList.mockResolvedValue(TASKS);
});

async function openFlow(detail: FlowDetail = CART_DETAIL) {
  mock.flowDetail.mockResolvedValue(detail);
  window.location.hash = `#/flows/${detail.summary.slug}`;
  render(<App />);
  return screen.findByTestId('flow-launch-10').then(() => screen.getByTestId('flow-page'));
}

describe('the list of flows', () => {
  it('shows each flow with its status, and opens its page', async () => {
    render(<App />);
    const rows = await screen.findAllByTestId('flow-row');
    // The end-to-end test counts these rows: one per flow.
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => within(r).getByTestId('flow-status').textContent)).toEqual([
      'Draft',
      'Dry run',
      'Live 25%',
      'Stopped',
    ]);
    fireEvent.click(within(rows[0]!).getByRole('link', { name: CART.name }));
    expect(window.location.hash).toBe('#/flows/abandoned-cart');
    await screen.findByTestId('flow-page');
    expect(mock.flowDetail).toHaveBeenCalledWith('abandoned-cart');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(CART.name);
  });

  it('runs the flows once on request and says what happened', async () => {
    mock.runFlows.mockResolvedValue({ ...TICK, paused: ['Win-back: 1.4% unsubscribed (limit 1%)'] });
    render(<App />);
    await screen.findAllByTestId('flow-row');
    fireEvent.click(screen.getByTestId('run-flows-run'));
    const report = await screen.findByTestId('run-flows-report');
    expect(report.textContent).toContain('3 entered · 7 steps taken · 2 emails queued · 1 held · 0 left a flow');
    expect(screen.getByTestId('run-flows-paused').textContent).toContain('Win-back: 1.4% unsubscribed');
    expect(mock.runFlows).toHaveBeenCalledTimes(1);
    // A safety stop may have paused a flow: the list is read again.
    await waitFor(() => expect(mock.flowsList).toHaveBeenCalledTimes(2));
  });

  it('shows when the flows last ran by themselves, and a failed automatic run', async () => {
    mock.schedulerStatus.mockResolvedValue({
      last_tick: { ...TICK, at: new Date(Date.now() - 120_000).toISOString() },
      failure: { at: new Date().toISOString(), message: 'There is no sender address yet: set one under Connections.' },
    });
    render(<App />);
    const failure = await screen.findByTestId('run-flows-failure');
    expect(failure.textContent).toContain('There is no sender address yet: set one under Connections.');
    expect(screen.getByTestId('run-flows-last').textContent).toContain('3 entered · 2 emails queued · 1 held');
  });

  it('says when the flows cannot be read, with the message from the core', async () => {
    mock.flowsList.mockRejectedValueOnce({ kind: 'database', message: 'Query flows failed: no such table flows.' });
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe('Query flows failed: no such table flows.');
  });
});

describe('a flow’s page', () => {
  it('says in words what starts it, who enters and when people leave', async () => {
    const page = await openFlow();
    expect(within(page).getByTestId('flow-trigger').textContent).toBe(CART_DETAIL.trigger);
    expect(within(page).getByTestId('flow-entry').textContent).toContain('Agreed to marketing emails');
    expect(within(page).getByTestId('flow-exits').textContent).toContain('They open a support ticket');
    expect(within(page).getByTestId('flow-page-status').textContent).toBe('Draft');
  });

  it('draws a node per step on the canvas, with the dry run’s counts', async () => {
    await openFlow(CART_WITH_RUN);
    const nodes = await screen.findAllByTestId('flow-node');
    expect(nodes.map((n) => n.getAttribute('data-node')).sort()).toEqual(CART_DETAIL.nodes.map((n) => n.id).sort());
    const reminder = nodes.find((n) => n.getAttribute('data-node') === 'reminder')!;
    expect(reminder.textContent).toContain('Send “Still thinking it over?”');
    expect(reminder.textContent).toContain('Template cart-reminder');
    expect(reminder.getAttribute('data-reached')).toBe('702');
    expect(reminder.getAttribute('data-sent')).toBe('611');
    expect(reminder.getAttribute('data-held')).toBe('23');
    expect(within(reminder).getByTestId('flow-node-counts').textContent).toBe('702 reached611 sent23 held');
    // Keyboard and screen-reader users reach each step and hear it whole.
    const wrapper = reminder.closest('.react-flow__node')!;
    expect(wrapper.getAttribute('tabindex')).toBe('0');
    expect(wrapper.getAttribute('aria-label')).toBe(
      'Email. Send “Still thinking it over?”. Template cart-reminder. 702 reached · 611 sent · 68 would have been sent (held back) · 23 held',
    );
    // The arrows carry the words for each way.
    await waitFor(() => expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(10));
    expect(screen.getByText('waits for a discount', { selector: '.react-flow__edge-text' })).toBeTruthy();
    const wait = nodes.find((n) => n.getAttribute('data-node') === 'wait-1h')!;
    expect(wait.textContent).toContain('Start');
    expect(within(wait).getByTestId('flow-node-counts').textContent).toBe('1,204 reached');
    // The same steps in words, with the ways out of each.
    const steps = screen.getByTestId('flow-steps');
    expect(within(steps).getAllByText(/^Send “Still thinking it over\?”$/).length).toBeGreaterThan(0);
    expect(steps.textContent).toContain('pays full price: Send “Still thinking it over?”');
    expect(steps.textContent).toContain('702 reached · 611 sent · 68 would have been sent (held back) · 23 held');
  });

  it('lays the steps out top to bottom by rank from the start', async () => {
    await openFlow(CART_WITH_RUN);
    const nodes = await screen.findAllByTestId('flow-node');
    const y = (id: string) => {
      const wrapper = nodes.find((n) => n.getAttribute('data-node') === id)!.closest('.react-flow__node') as HTMLElement;
      const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(wrapper.style.transform);
      return Number(m?.[2]);
    };
    expect(y('wait-1h')).toBeLessThan(y('by-intent'));
    // The reminder comes after the second-look wait's timeout, so it sits below it.
    expect(y('wait-second-look')).toBeLessThan(y('reminder'));
    expect(y('offer-email')).toBeLessThan(y('done'));
  });

  it('shows no counts and says what to do before a dry run', async () => {
    await openFlow();
    const nodes = await screen.findAllByTestId('flow-node');
    expect(nodes).toHaveLength(CART_DETAIL.nodes.length);
    expect(screen.queryAllByTestId('flow-node-counts')).toHaveLength(0);
    expect(screen.getByTestId('dry-run-empty').textContent).toContain(
      'Run a dry run to see what this flow would have done over the last 30 days',
    );
    expect(screen.getByTestId('check-dry-run').getAttribute('data-done')).toBe('false');
  });

  it('runs a dry run for the days chosen, busy while it runs, then shows the report', async () => {
    await openFlow();
    const running = deferred<DryRunReport>();
    mock.simulateFlow.mockReturnValue(running.promise);
    // Read again after the run: the core now holds the report (and calls the flow "dry run").
    mock.flowDetail.mockResolvedValue({ ...CART_WITH_RUN, dry_run: { ...DRY_RUN, days: 90 } });

    fireEvent.click(screen.getByTestId('dry-run-days-90'));
    fireEvent.click(screen.getByTestId('dry-run-run'));
    expect(mock.simulateFlow).toHaveBeenCalledWith('abandoned-cart', 90);
    expect(screen.getByTestId('dry-run-run').textContent).toBe('Running the dry run…');
    expect((screen.getByTestId('dry-run-run') as HTMLButtonElement).disabled).toBe(true);
    expect(within(screen.getByTestId('dry-run-running')).getByRole('progressbar').getAttribute('aria-label')).toBe(
      'Replaying the last 90 days',
    );

    await act(async () => running.resolve({ ...DRY_RUN, days: 90 }));
    const report = await screen.findByTestId('dry-run-report');
    expect(screen.queryByTestId('dry-run-running')).toBeNull();
    expect(screen.getByTestId('dry-run-run').textContent).toBe('Run it again');
    expect(within(report).getByTestId('dry-triggered').textContent).toBe('1,450');
    expect(within(report).getByTestId('dry-entered').textContent).toBe('1,204');
    expect(within(report).getByTestId('dry-holdout').textContent).toBe('121 (10.0%)');
    expect(within(report).getByTestId('dry-sent').textContent).toBe('848');
    expect(report.textContent).toContain('95 more would have gone to the held-back group.');
    expect(within(report).getByTestId('dry-discounts').textContent).toBe('71');
    expect(within(report).getByTestId('dry-discount-cost').textContent).toBe('€412.50');
    expect(within(report).getByTestId('dry-run-range').textContent).toContain('(90 days)');

    const sent = within(report).getAllByTestId('sends-bar');
    expect(sent.map((b) => [b.getAttribute('data-day'), b.getAttribute('data-value')])).toEqual([
      ['2026-11-22', '31'],
      ['2026-11-23', '28'],
      ['2026-11-24', '0'],
    ]);
    expect(within(report).getAllByTestId('would-send-bar').map((b) => b.getAttribute('data-value'))).toEqual([
      '3',
      '4',
      '0',
    ]);

    const holds = within(report).getByTestId('dry-holds');
    expect(Array.from(holds.querySelectorAll('li')).map((li) => li.getAttribute('data-reason'))).toEqual([
      'frequency cap (3 in 7 days)',
      'quiet hours',
    ]);
    expect(within(report).getByTestId('dry-endings').textContent).toContain('ordered402');
    expect(within(report).getByTestId('dry-not-entered').textContent).toContain('no marketing consent246');
    expect(within(report).getByTestId('dry-notes').textContent).toContain('Product views before 1 Nov 2026');

    // The canvas now carries the counts too.
    const reminder = (await screen.findAllByTestId('flow-node')).find((n) => n.getAttribute('data-node') === 'reminder')!;
    expect(reminder.getAttribute('data-reached')).toBe('702');
  });

  it('shows why a dry run failed, as the core wrote it', async () => {
    await openFlow();
    mock.simulateFlow.mockRejectedValue({ kind: 'invalid_input', message: 'The store has no orders in the last 30 days.' });
    fireEvent.click(screen.getByTestId('dry-run-run'));
    const err = await screen.findByTestId('dry-run-error');
    expect(err.textContent).toContain('The store has no orders in the last 30 days.');
    expect(err.textContent).toContain('Nothing was sent');
  });

  it('asks for a name, then approves the version and shows who approved it', async () => {
    await openFlow();
    const box = screen.getByTestId('approval');
    expect(within(box).getByTestId('approval-reasons').textContent).toContain('It gives a discount (10% off).');
    fireEvent.click(within(box).getByTestId('approval-approve'));
    expect(mock.approveFlow).not.toHaveBeenCalled();
    expect(box.textContent).toContain('Type your name to approve.');

    // Once approved the core lists no reasons any more, only who approved and when.
    mock.approveFlow.mockResolvedValue({
      ...CART_DETAIL,
      approval: { reasons: [], approved_by: 'Sam Rivera', approved_at: '2026-11-25T12:05:00Z' },
    });
    fireEvent.change(within(box).getByLabelText('Your name'), { target: { value: '  Sam Rivera ' } });
    fireEvent.click(within(box).getByTestId('approval-approve'));
    const done = await screen.findByTestId('approval-done');
    expect(mock.approveFlow).toHaveBeenCalledWith('abandoned-cart', 'Sam Rivera');
    expect(done.textContent).toContain('Approved by Sam Rivera on');
    expect(done.textContent).toMatch(/1:05\sPM/); // 12:05 UTC in the store's time zone (Berlin)
    expect(screen.getByTestId('check-approval').getAttribute('data-done')).toBe('true');
  });

  it('shows the core’s reason when a launch is refused', async () => {
    await openFlow();
    const message = 'Version 2 needs your approval before it can go live: it gives a discount.';
    mock.launchFlow.mockRejectedValue({ kind: 'invalid_input', message });
    fireEvent.click(screen.getByTestId('flow-launch-10'));
    expect(mock.launchFlow).toHaveBeenCalledWith('abandoned-cart', 10);
    expect((await screen.findByTestId('launch-error')).textContent).toBe(message);
    expect(screen.getByTestId('flow-page-status').textContent).toBe('Draft');
  });

  it('launches for a share, widens, pauses and resumes', async () => {
    await openFlow(CART_WITH_RUN);
    mock.launchFlow.mockImplementation((_slug, percent) =>
      Promise.resolve({ ...CART, status: 'live', live_percent: percent }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Launch for 10% of customers' }));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Live 10%'));
    expect(screen.getByRole('button', { name: 'Live for 10% of customers now' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Change to 25% of customers' }));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Live 25%'));
    expect(mock.launchFlow).toHaveBeenLastCalledWith('abandoned-cart', 25);

    mock.pauseFlow.mockResolvedValue({ ...CART, status: 'paused', live_percent: 25 });
    fireEvent.click(screen.getByTestId('flow-pause'));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Paused'));
    expect(mock.pauseFlow).toHaveBeenCalledWith('abandoned-cart');
    expect(screen.getByTestId('flow-held-banner').textContent).toContain('This flow is paused');
    expect(screen.queryByTestId('flow-launch-10')).toBeNull();

    mock.resumeFlow.mockResolvedValue({ ...CART, status: 'live', live_percent: 25 });
    fireEvent.click(screen.getByTestId('flow-resume'));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Live 25%'));
    expect(mock.resumeFlow).toHaveBeenCalledWith('abandoned-cart');
    // Each action reads the kill switch again.
    expect(mock.killState.mock.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('stops this flow only after a confirm, and can resume it', async () => {
    await openFlow({ ...CART_WITH_RUN, summary: { ...CART, status: 'live', live_percent: 50 }, active: 37 });
    expect(screen.getByTestId('flow-active').textContent).toBe('37 customers are in this flow now.');
    const stopped: KillState = { all: false, flows: ['abandoned-cart'], held_messages: 4 };
    mock.killSwitch.mockResolvedValue(stopped);
    mock.flowDetail.mockResolvedValue({ ...CART_WITH_RUN, summary: { ...CART, status: 'killed', live_percent: 50 } });

    fireEvent.click(screen.getByTestId('flow-kill'));
    expect(mock.killSwitch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('flow-kill-confirm'));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Stopped'));
    expect(mock.killSwitch).toHaveBeenCalledWith('abandoned-cart');
    expect(screen.getByTestId('kill-status').textContent).toBe('Flows may send · 1 flow stopped');
    expect(screen.queryByTestId('flow-kill')).toBeNull();

    mock.resumeFlow.mockResolvedValue({ ...CART, status: 'live', live_percent: 50 });
    mock.killState.mockResolvedValue(KILL_OFF);
    fireEvent.click(screen.getByTestId('flow-resume'));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Live 50%'));
    await waitFor(() => expect(screen.getByTestId('kill-status').textContent).toBe('Flows may send'));
  });

  it('cancels stopping with Escape', async () => {
    await openFlow(CART_WITH_RUN);
    fireEvent.click(screen.getByTestId('flow-kill'));
    const confirm = screen.getByTestId('flow-kill-confirm');
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByTestId('flow-kill-confirm')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('flow-kill'));
  });

  it('shows live decision counts in words, and links to them in the audit trail', async () => {
    await openFlow({
      ...CART_WITH_RUN,
      summary: { ...CART, status: 'live', live_percent: 10 },
      live: [
        { reason: 'sent', count: 40 },
        { reason: 'held', count: 3 },
        { reason: 'would_send', count: 5 },
      ],
    });
    const live = screen.getByTestId('flow-live-counts');
    expect(Array.from(live.querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'Sent40',
      'Would have sent5',
      'Held3',
    ]);
    fireEvent.click(screen.getByTestId('flow-audit-link'));
    expect(window.location.hash).toBe('#/flows/audit/abandoned-cart');
    await screen.findByTestId('flow-audit');
    await waitFor(() => expect(mock.flowDecisions).toHaveBeenCalled());
    expect(mock.flowDecisions.mock.calls[0]?.[0].flow).toBe('abandoned-cart');
  });

  it('explains a flow that cannot be found, with a way back', async () => {
    mock.flowDetail.mockRejectedValue({ kind: 'not_found', message: 'There is no flow `nope`.' });
    window.location.hash = '#/flows/nope';
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe('There is no flow `nope`.');
    fireEvent.click(screen.getByTestId('flow-back'));
    await screen.findAllByTestId('flow-row');
  });
});

describe('guardrails', () => {
  async function openGuardrails() {
    window.location.hash = '#/flows/guardrails';
    render(<App />);
    await screen.findByTestId('guardrail-form');
  }

  const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;

  it('shows every setting in a sentence with its saved value', async () => {
    await openGuardrails();
    expect(value('guard-frequency_cap')).toBe('3');
    expect(value('guard-frequency_days')).toBe('7');
    expect(value('guard-quiet_start_hour')).toBe('21');
    expect(value('guard-quiet_end_hour')).toBe('8');
    expect(value('guard-max_discount_percent')).toBe('15');
    expect(value('guard-weekly_discount_budget')).toBe('200.00');
    expect(value('guard-min_margin_percent')).toBe('30');
    expect(value('guard-engagement_days')).toBe('180');
    expect(value('guard-auto_pause_unsubscribe_percent')).toBe('1');
    expect(value('guard-auto_pause_complaint_percent')).toBe('0.1');
    expect(value('guard-max_late_hours')).toBe('6');
    expect((screen.getByTestId('guard-no_discount_for_segment_a') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('guard-no_stacking') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Most marketing emails per customer').closest('p')?.textContent).toBe(
      'At most  marketing emails per customer in  days, across all flows.',
    );
    expect(screen.getByRole('link', { name: 'Guardrails' }).getAttribute('aria-current')).toBe('page');
  });

  it('saves what was changed and shows it as saved', async () => {
    await openGuardrails();
    fireEvent.change(screen.getByTestId('guard-frequency_cap'), { target: { value: '4' } });
    fireEvent.change(screen.getByTestId('guard-weekly_discount_budget'), { target: { value: '250,5' } });
    fireEvent.change(screen.getByTestId('guard-quiet_start_hour'), { target: { value: '22' } });
    fireEvent.change(screen.getByTestId('guard-auto_pause_complaint_percent'), { target: { value: '0.05' } });
    fireEvent.click(screen.getByTestId('guard-no_stacking'));
    expect(screen.getByText('You have unsaved changes.')).toBeTruthy();

    fireEvent.click(screen.getByTestId('guard-save'));
    await screen.findByText('Saved.');
    expect(mock.saveGuardrailSettings).toHaveBeenCalledWith({
      ...GUARDRAILS,
      frequency_cap: 4,
      quiet_start_hour: 22,
      weekly_discount_budget: { minor: 25_050, currency: 'EUR' },
      auto_pause_complaint_percent: 0.05,
      no_stacking: false,
    });
    expect(value('guard-weekly_discount_budget')).toBe('250.50');
    expect(screen.getByTestId('toast').textContent).toContain('Guardrails saved');
  });

  it('shows the core’s error next to the field it names, and keeps what was typed', async () => {
    await openGuardrails();
    const message = 'frequency_days must be between 1 and 90 (got 400).';
    mock.saveGuardrailSettings.mockRejectedValue({ kind: 'invalid_input', message });
    fireEvent.change(screen.getByTestId('guard-frequency_days'), { target: { value: '400' } });
    fireEvent.click(screen.getByTestId('guard-save'));
    const err = await screen.findByTestId('guard-error');
    expect(err.textContent).toContain(message);
    expect(err.textContent).toContain('Nothing was changed');
    expect(screen.getByTestId('guard-error-frequency_days').textContent).toBe(message);
    expect(screen.getByTestId('guard-frequency_days').getAttribute('aria-invalid')).toBe('true');
    expect(value('guard-frequency_days')).toBe('400');
  });

  it('catches numbers that are not numbers before asking the core', async () => {
    await openGuardrails();
    fireEvent.change(screen.getByTestId('guard-frequency_cap'), { target: { value: 'three' } });
    fireEvent.change(screen.getByTestId('guard-weekly_discount_budget'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByTestId('guard-save'));
    expect(mock.saveGuardrailSettings).not.toHaveBeenCalled();
    expect(screen.getByTestId('guard-error-frequency_cap').textContent).toBe('Type a whole number, such as 3.');
    expect(screen.getByTestId('guard-error-weekly_discount_budget').textContent).toContain('200.50');
    fireEvent.click(screen.getByTestId('guard-discard'));
    expect(value('guard-frequency_cap')).toBe('3');
    expect(screen.queryByTestId('guard-error-frequency_cap')).toBeNull();
  });

  it('never changes the kill switch from the form', async () => {
    mock.killState.mockResolvedValue(KILL_ALL);
    await openGuardrails();
    await screen.findByTestId('kill-banner');
    fireEvent.change(screen.getByTestId('guard-frequency_cap'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('guard-save'));
    await waitFor(() => expect(mock.saveGuardrailSettings).toHaveBeenCalled());
    expect(mock.saveGuardrailSettings.mock.calls[0]?.[0].kill_all).toBe(true);
  });
});

describe('the audit trail', () => {
  const lastQuery = (): DecisionQuery => {
    const q = mock.flowDecisions.mock.calls.at(-1)?.[0];
    if (!q) throw new Error('the ledger was never asked');
    return q;
  };

  async function openAudit() {
    window.location.hash = '#/flows/audit';
    render(<App />);
    await screen.findAllByTestId('trail-row');
  }

  it('asks for the newest page with no filters, and shows holdout rows as such', async () => {
    await openAudit();
    expect(lastQuery()).toEqual({ flow: null, customer_id: null, decision: null, search: null, offset: 0, limit: 50 });
    const rows = screen.getAllByTestId('trail-row');
    expect(rows.map((r) => r.getAttribute('data-decision'))).toEqual(['would_send', 'sent', 'held']);
    expect(within(rows[0]!).getByTestId('trail-decision-label').textContent).toBe('holdout (would have sent)');
    expect(rows[0]!.textContent).toContain('Abandoned cart, by intent');
    expect(rows[0]!.textContent).toContain('Ben Okafor');
    expect(within(rows[2]!).getByTestId('trail-decision-label').textContent).toBe('Held');
    expect(rows[2]!.textContent).toContain('quiet hours until 08:00');
  });

  it('sends each filter to the core, starting from the first page', async () => {
    const fifty: DecisionEntry[] = Array.from({ length: 50 }, (_, i) => ({
      ...DECISION_ENTRIES[0]!,
      id: 10_000 - i,
      at: new Date(Date.UTC(2026, 10, 25, 12) - i * 60_000).toISOString(),
    }));
    mock.flowDecisions.mockResolvedValue({ entries: fifty, total: 1234 });
    await openAudit();
    expect(screen.getByTestId('trail-count').textContent).toBe('1–50 of 1,234');

    fireEvent.click(screen.getByTestId('trail-next'));
    await waitFor(() => expect(lastQuery().offset).toBe(50));
    await waitFor(() => expect(screen.getByTestId('trail-count').textContent).toBe('51–100 of 1,234'));

    fireEvent.change(screen.getByTestId('trail-flow'), { target: { value: 'abandoned-cart' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ flow: 'abandoned-cart', offset: 0 }));

    fireEvent.change(screen.getByTestId('trail-decision'), { target: { value: 'held' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ flow: 'abandoned-cart', decision: 'held' }));

    fireEvent.change(screen.getByTestId('trail-search'), { target: { value: '  quiet hours ' } });
    await waitFor(() => expect(lastQuery().search).toBe('quiet hours'));

    fireEvent.change(screen.getByTestId('trail-customer'), { target: { value: '42' } });
    await waitFor(() =>
      expect(lastQuery()).toEqual({
        flow: 'abandoned-cart',
        customer_id: 42,
        decision: 'held',
        search: 'quiet hours',
        offset: 0,
        limit: 50,
      }),
    );

    fireEvent.click(screen.getByTestId('trail-next'));
    await waitFor(() => expect(lastQuery().offset).toBe(50));
    fireEvent.click(screen.getByTestId('trail-prev'));
    await waitFor(() => expect(lastQuery().offset).toBe(0));

    fireEvent.click(screen.getByTestId('trail-clear'));
    await waitFor(() =>
      expect(lastQuery()).toEqual({ flow: null, customer_id: null, decision: null, search: null, offset: 0, limit: 50 }),
    );
  });

  it('does not ask with a customer number that is not one', async () => {
    await openAudit();
    const asked = mock.flowDecisions.mock.calls.length;
    fireEvent.change(screen.getByTestId('trail-customer'), { target: { value: 'anna' } });
    expect(screen.getByText('A customer number is digits only, as on the customer’s page.')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 400));
    expect(mock.flowDecisions.mock.calls.length).toBe(asked);
  });

  it('says what to do when nothing matches', async () => {
    mock.flowDecisions.mockResolvedValue({ entries: [], total: 0 });
    window.location.hash = '#/flows/audit';
    render(<App />);
    expect((await screen.findByTestId('trail-empty')).textContent).toContain('As soon as a flow runs');
    fireEvent.change(screen.getByTestId('trail-decision'), { target: { value: 'skipped' } });
    await waitFor(() => expect(screen.getByTestId('trail-empty').textContent).toContain('Loosen or clear them'));
  });
});

describe('follow-ups', () => {
  it('lists open follow-ups and marks one done', async () => {
    window.location.hash = '#/flows/tasks';
    mock.completeTask.mockResolvedValue({ ...TASKS[0]!, done_at: '2026-11-25T12:10:00Z' });
    render(<App />);
    const open = await screen.findByTestId('tasks-open');
    expect(within(open).getAllByTestId('task')).toHaveLength(1);
    expect(open.textContent).toContain('Answer her support ticket');
    expect(open.textContent).toContain('Anna Müller');
    expect(open.textContent).toContain('from “Abandoned cart, by intent”');
    expect(screen.getByTestId('tasks-done').textContent).toContain('Call about the bulk order.');

    fireEvent.click(within(open).getByRole('button', { name: /^Done: Answer her support ticket/ }));
    await waitFor(() => expect(screen.getByTestId('tasks-empty')).toBeTruthy());
    expect(mock.completeTask).toHaveBeenCalledWith(5);
    expect(within(screen.getByTestId('tasks-done')).getAllByTestId('task')).toHaveLength(2);
  });
});

describe('the kill switch', () => {
  it('is in the top bar of every screen, and stops everything only after a confirm', async () => {
    window.location.hash = '#/copy';
    render(<App />);
    const bar = screen.getByTestId('kill-switch');
    await waitFor(() => expect(within(bar).getByTestId('kill-status').textContent).toBe('Flows may send'));
    expect(screen.queryByTestId('kill-banner')).toBeNull();

    fireEvent.click(within(bar).getByRole('button', { name: 'Stop all sending' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop all sending?' });
    expect(dialog.textContent).toContain('Emails already waiting are held, not lost.');
    expect(mock.killSwitch).not.toHaveBeenCalled();

    mock.killSwitch.mockResolvedValue(KILL_ALL);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop all sending now' }));
    const banner = await screen.findByTestId('kill-banner');
    expect(mock.killSwitch).toHaveBeenCalledWith(null);
    expect(screen.getByTestId('kill-banner-title').textContent).toBe(
      'All sending is stopped. 12 emails are held, not lost.',
    );
    expect(banner.getAttribute('role')).toBe('alert');
    expect(within(bar).getByTestId('kill-status').textContent).toBe('All sending stopped');
    expect(within(bar).queryByRole('button', { name: 'Stop all sending' })).toBeNull();
  });

  it('cancels with Escape and gives focus back', async () => {
    render(<App />);
    const open = await screen.findByRole('button', { name: 'Stop all sending' });
    fireEvent.click(open);
    const confirm = screen.getByTestId('kill-stop-confirm');
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
    expect(mock.killSwitch).not.toHaveBeenCalled();
  });

  it('shows the red banner on every screen while all is stopped, and resumes', async () => {
    mock.killState.mockResolvedValue({ all: true, flows: [], held_messages: 1 });
    window.location.hash = '#/settings';
    render(<App />);
    expect((await screen.findByTestId('kill-banner-title')).textContent).toBe(
      'All sending is stopped. 1 email is held, not lost.',
    );
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Flows' }));
    await screen.findAllByTestId('flow-row');
    expect(screen.getByTestId('kill-banner')).toBeTruthy();

    mock.releaseKillSwitch.mockResolvedValue(KILL_OFF);
    fireEvent.click(screen.getByRole('button', { name: 'Resume sending' }));
    await waitFor(() => expect(screen.queryByTestId('kill-banner')).toBeNull());
    expect(mock.releaseKillSwitch).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('kill-status').textContent).toBe('Flows may send');
  });

  it('keeps the banner and shows why when resuming fails', async () => {
    mock.killState.mockResolvedValue(KILL_ALL);
    mock.releaseKillSwitch.mockRejectedValue({ kind: 'database', message: 'Could not save: the database is busy.' });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Resume sending' }));
    expect((await screen.findByTestId('kill-resume-error')).textContent).toBe('Could not save: the database is busy.');
    expect(screen.getByTestId('kill-banner')).toBeTruthy();
  });

  it('asks nothing before a store is open', async () => {
    mock.appStatus.mockReturnValue(new Promise(() => {}));
    render(<App />);
    expect(screen.getByTestId('kill-switch').textContent).toContain('No store open — nothing can send');
    expect(mock.killState).not.toHaveBeenCalled();
  });
});
