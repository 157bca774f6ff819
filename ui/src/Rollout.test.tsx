// The 14-day rollout against a mocked core (./api): the wizard before and after it starts (steps
// with their dates and verified checks, the chosen workflow, the approver, the QA panel, the
// monitoring week and what comes next, starting over), the panel above the areas and Home's card,
// and the workflow map that makes the first draft flow.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { Rollout, WorkflowMap } from './gen/api';
import { REVIEWER_NAME_KEY } from './reviewerName';
import { STATS } from './test/fixtures';
import { CART, FLOWS, KILL_OFF } from './test/flowFixtures';
import { deferred, resetApi } from './test/mockApi';
import { MAPPING, QA_STATE, QA_WALK, ROLLOUT_DAY3, ROLLOUT_LIVE, ROLLOUT_NEW } from './test/rolloutFixtures';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/home/rollout');
  window.localStorage.clear();
  mock.homeStats.mockResolvedValue(STATS);
  mock.scoreSummary.mockResolvedValue(null);
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.flowsList.mockResolvedValue(FLOWS);
  mock.rollout.mockResolvedValue(ROLLOUT_DAY3);
  mock.qaState.mockResolvedValue(QA_STATE);
  mock.workflowMapping.mockResolvedValue(MAPPING);
});

async function openRollout(r: Rollout = ROLLOUT_DAY3) {
  mock.rollout.mockResolvedValue(r);
  render(<App />);
  await screen.findByTestId(r.started_on === null ? 'rollout-intro' : 'rollout-summary');
  return screen.getByTestId('rollout');
}

describe('the rollout before it starts', () => {
  it('explains it, lists the plan and starts it on request', async () => {
    await openRollout(ROLLOUT_NEW);
    expect(screen.getByTestId('rollout-plan').textContent).toContain('Day 1–2 Choose one workflow');
    const started: Rollout = { ...ROLLOUT_DAY3, day: 1, today: '2024-12-08' };
    mock.startRollout.mockResolvedValue(started);
    fireEvent.click(screen.getByTestId('rollout-start'));
    expect(mock.startRollout).toHaveBeenCalledTimes(1);
    expect((await screen.findByTestId('rollout-day')).textContent).toBe('Day 1 of 14');
    expect(screen.queryByTestId('rollout-start')).toBeNull();
  });

  it('shows why it could not start, as the core wrote it', async () => {
    await openRollout(ROLLOUT_NEW);
    mock.startRollout.mockRejectedValue({ kind: 'invalid_input', message: 'Open a store first.' });
    fireEvent.click(screen.getByTestId('rollout-start'));
    expect((await screen.findByTestId('rollout-error')).textContent).toBe('Open a store first.');
  });
});

describe('the rollout once started', () => {
  it('shows the day, the progress and every step with its dates, state and checks', async () => {
    await openRollout();
    expect(screen.getByTestId('rollout-day').textContent).toBe('Day 3 of 14');
    expect(screen.getByRole('progressbar', { name: 'Rollout steps done' }).getAttribute('aria-valuenow')).toBe('14');
    expect(screen.getByTestId('rollout-steps-done').textContent).toBe('1 of 7 steps done');
    expect(screen.getByTestId('rollout-today').textContent).toBe(ROLLOUT_DAY3.today_step);

    const choose = screen.getByTestId('rollout-step-choose');
    expect(choose.getAttribute('data-state')).toBe('done');
    expect(within(choose).getByTestId('rollout-step-state').textContent).toBe('Done');
    expect(within(choose).getByTestId('rollout-step-days').textContent).toBe('Day 1–2 · Sun, Dec 8 – Mon, Dec 9');
    const done = within(choose).getByTestId('rollout-check');
    expect(done.getAttribute('data-done')).toBe('true');
    expect(within(done).getByTestId('rollout-check-evidence').textContent).toBe('What Storeloop saw: Seen for choose');

    const audit = screen.getByTestId('rollout-step-audit');
    expect(audit.getAttribute('data-state')).toBe('today');
    expect(within(audit).getByTestId('rollout-step-state').textContent).toBe('Today');
    expect(within(audit).getByTestId('rollout-step-days').textContent).toBe('Day 3–4 · Tue, Dec 10 – Wed, Dec 11');
    const open = within(audit).getByTestId('rollout-check');
    expect(open.getAttribute('data-done')).toBe('false');
    expect(open.textContent).toContain('Not done yet: Still open for audit');
    expect(within(open).getByTestId('rollout-check-go').getAttribute('href')).toBe('#/data');

    const guardrails = screen.getByTestId('rollout-step-guardrails');
    expect(within(guardrails).getByTestId('rollout-step-days').textContent).toBe('Day 5 · Thu, Dec 12');
    expect(within(guardrails).getByTestId('rollout-step-state').textContent).toBe('Coming up');
    // A check to do on this very page needs no "Go there".
    expect(within(screen.getByTestId('rollout-step-qa')).queryByTestId('rollout-check-go')).toBeNull();
  });

  it('says when a step is behind', async () => {
    const late: Rollout = {
      ...ROLLOUT_DAY3,
      steps: ROLLOUT_DAY3.steps.map((s) => (s.key === 'audit' ? { ...s, state: 'late' } : s)),
    };
    await openRollout(late);
    expect(within(screen.getByTestId('rollout-step-audit')).getByTestId('rollout-step-state').textContent).toBe(
      'Behind — still to do',
    );
  });

  it('goes to the place a check names', async () => {
    mock.latestAudit.mockResolvedValue(null);
    await openRollout();
    fireEvent.click(within(screen.getByTestId('rollout-step-audit')).getByTestId('rollout-check-go'));
    await screen.findByTestId('audit');
    expect(window.location.hash).toBe('#/data');
  });

  it('changes the workflow from the list of flows', async () => {
    await openRollout();
    const select = screen.getByTestId('rollout-flow') as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(FLOWS.length));
    expect(select.value).toBe('abandoned-cart');
    mock.chooseRolloutFlow.mockResolvedValue({ ...ROLLOUT_DAY3, flow: 'win-back', flow_name: 'Win-back' });
    fireEvent.change(select, { target: { value: 'win-back' } });
    expect(mock.chooseRolloutFlow).toHaveBeenCalledWith('win-back');
    await waitFor(() => expect(select.value).toBe('win-back'));
    expect(screen.getByTestId('rollout-flow-open').getAttribute('href')).toBe('#/flows/win-back');
  });

  it('reads every check again on request', async () => {
    await openRollout();
    const before = mock.rollout.mock.calls.length;
    mock.rollout.mockResolvedValue({ ...ROLLOUT_DAY3, steps: ROLLOUT_LIVE.steps });
    fireEvent.click(screen.getByTestId('rollout-refresh'));
    await waitFor(() => expect(screen.getByTestId('rollout-steps-done').textContent).toBe('7 of 7 steps done'));
    expect(mock.rollout.mock.calls.length).toBe(before + 1);
  });

  it('names who approves flows, starting from the name used before', async () => {
    window.localStorage.setItem(REVIEWER_NAME_KEY, 'Sam Rivera');
    await openRollout();
    const step = screen.getByTestId('rollout-step-guardrails');
    const input = within(step).getByTestId('approver-name') as HTMLInputElement;
    expect(input.value).toBe('Sam Rivera');
    fireEvent.change(input, { target: { value: '  Alex Chen ' } });
    mock.setApprover.mockResolvedValue(ROLLOUT_DAY3);
    fireEvent.click(within(step).getByTestId('approver-save'));
    await within(step).findByTestId('approver-saved');
    expect(mock.setApprover).toHaveBeenCalledWith('Alex Chen');
  });

  it('links the launch step to the flow’s page', async () => {
    await openRollout();
    const link = within(screen.getByTestId('rollout-step-launch')).getByTestId('rollout-launch-link');
    expect(link.getAttribute('href')).toBe('#/flows/abandoned-cart');
  });

  it('starts over only after a confirm', async () => {
    await openRollout();
    mock.resetRollout.mockResolvedValue(ROLLOUT_NEW);
    fireEvent.click(screen.getByTestId('rollout-reset'));
    expect(mock.resetRollout).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('rollout-reset-confirm'));
    await screen.findByTestId('rollout-intro');
    expect(mock.resetRollout).toHaveBeenCalledTimes(1);
  });
});

describe('the QA panel', () => {
  it('walks a test customer through the flow and shows each case', async () => {
    await openRollout();
    const qa = await screen.findByTestId('qa');
    expect(mock.qaState).toHaveBeenCalledWith('abandoned-cart');
    const rolloutReads = mock.rollout.mock.calls.length;
    mock.qaWalk.mockResolvedValue(QA_WALK);
    mock.qaState.mockResolvedValue({ ...QA_STATE, walk: QA_WALK });
    fireEvent.click(within(qa).getByTestId('qa-walk'));
    const normal = await within(qa).findByTestId('qa-case-normal');
    expect(mock.qaWalk).toHaveBeenCalledWith('abandoned-cart');
    expect(normal.getAttribute('data-passed')).toBe('true');
    expect(normal.textContent).toContain('Should: Gets the reminder after an hour.');
    expect(within(normal).getByTestId('qa-walk-step').textContent).toBe(
      'after 1 hour · reminder · Sent · passed every guardrail',
    );
    expect(within(normal).getByTestId('qa-case-outcome').textContent).toBe(
      'What happened: Got “Still thinking it over?” after 1 hour.',
    );
    const noConsent = within(qa).getByTestId('qa-case-no_consent');
    expect(noConsent.getAttribute('data-passed')).toBe('false');
    expect(within(noConsent).getByTestId('qa-walk-step').textContent).toBe('at once · Held · no marketing consent');
    // What QA verified, and the rollout's checks, are read again.
    await waitFor(() => expect(mock.rollout.mock.calls.length).toBe(rolloutReads + 1));
    expect(mock.qaState).toHaveBeenCalledTimes(2);
  });

  it('sends the flow’s emails to the address typed, and shows what happened', async () => {
    await openRollout();
    const qa = await screen.findByTestId('qa');
    expect((within(qa).getByTestId('qa-send-to') as HTMLInputElement).value).toBe('');
    mock.sendFlowTests.mockResolvedValue([
      { id: 1, state: 'sent', already: false, transport: 'outbox', provider_message_id: null, detail: null },
      { id: 2, state: 'failed', already: false, transport: 'smtp', provider_message_id: null, detail: 'Mailbox full' },
    ]);
    mock.qaState.mockResolvedValue({ ...QA_STATE, tests_to: 'me@example.com', tests_at: '2024-12-18T10:00:00Z' });
    fireEvent.change(within(qa).getByTestId('qa-send-to'), { target: { value: ' me@example.com ' } });
    fireEvent.click(within(qa).getByTestId('qa-send'));
    const rows = await within(qa).findAllByTestId('qa-delivery');
    expect(mock.sendFlowTests).toHaveBeenCalledWith('abandoned-cart', 'me@example.com');
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['sent', 'failed']);
    expect(rows[1]!.textContent).toContain('Mailbox full');
    expect((await within(qa).findByTestId('qa-sent-before')).textContent).toContain('me@example.com');
  });

  it('shows an email at a phone’s width in a sandboxed frame', async () => {
    await openRollout();
    const qa = await screen.findByTestId('qa');
    await within(qa).findByTestId('qa-preview-reminder');
    mock.previewFlowEmail.mockResolvedValue({
      step: 'reminder',
      subject: 'Still thinking it over?',
      html: '<p>Hello</p>',
      text: 'Hello',
    });
    mock.qaState.mockResolvedValue({ ...QA_STATE, previewed: ['reminder'] });
    fireEvent.click(within(qa).getByTestId('qa-preview-reminder'));
    const frame = await within(qa).findByTestId('qa-preview-frame');
    expect(mock.previewFlowEmail).toHaveBeenCalledWith('abandoned-cart', 'reminder', true);
    expect(frame.getAttribute('width')).toBe('375');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe('<p>Hello</p>');
    expect(within(qa).getByTestId('qa-preview-subject').textContent).toBe('Still thinking it over?');
    await waitFor(() =>
      expect(within(qa).getAllByTestId('qa-email').map((e) => e.getAttribute('data-seen'))).toEqual(['true', 'false']),
    );
  });

  it('shows the core’s error as written', async () => {
    await openRollout();
    const qa = await screen.findByTestId('qa');
    mock.sendFlowTests.mockRejectedValue({ kind: 'invalid_input', message: 'Type an email address to send to.' });
    fireEvent.click(within(qa).getByTestId('qa-send'));
    expect((await within(qa).findByTestId('qa-error')).textContent).toBe('Type an email address to send to.');
  });
});

describe('the first week live', () => {
  it('shows each day’s numbers, records today’s check and suggests what comes next', async () => {
    await openRollout(ROLLOUT_LIVE);
    expect(screen.getByTestId('rollout-day').textContent).toBe('Day 16: the first weeks live');
    const days = within(screen.getByTestId('monitor')).getAllByTestId('monitor-day');
    expect(days.map((d) => d.getAttribute('data-state'))).toEqual(['done', 'today', 'upcoming']);
    expect(days[0]!.textContent).toContain('41');
    expect(days[0]!.textContent).toContain('Gone through');
    expect(days[1]!.textContent).toContain('Unsubscribes above 0.5% of emails');

    const reviewed: Rollout = {
      ...ROLLOUT_LIVE,
      monitoring: ROLLOUT_LIVE.monitoring.map((d) => (d.state === 'today' ? { ...d, state: 'done' } : d)),
      today_step: null,
    };
    mock.reviewMonitoringDay.mockResolvedValue(reviewed);
    fireEvent.click(screen.getByTestId('monitor-review'));
    await waitFor(() => expect(screen.queryByTestId('monitor-review')).toBeNull());
    expect(mock.reviewMonitoringDay).toHaveBeenCalledTimes(1);

    const next = screen.getByTestId('rollout-next');
    expect(next.textContent).toContain('Next month: Post-purchase education');
    expect(next.textContent).toContain('Second purchase 412 customers came back');
    expect(next.textContent).toContain('Jan 21, 2025');
  });

  it('has no review button when no day is today', async () => {
    await openRollout({ ...ROLLOUT_LIVE, monitoring: ROLLOUT_LIVE.monitoring.filter((d) => d.state !== 'today') });
    expect(screen.queryByTestId('monitor-review')).toBeNull();
  });
});

describe('the rollout panel above the areas', () => {
  it('shows today’s step on other pages and opens the rollout', async () => {
    window.location.hash = '#/flows';
    render(<App />);
    const banner = await screen.findByTestId('rollout-banner');
    expect(within(banner).getByTestId('rollout-banner-step').textContent).toBe(ROLLOUT_DAY3.today_step);
    expect(banner.textContent).toContain('Day 3 of 14');
    fireEvent.click(within(banner).getByTestId('rollout-banner-open'));
    await screen.findByTestId('rollout-summary');
    expect(window.location.hash).toBe('#/home/rollout');
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
  });

  it('reads the rollout again when the page changes', async () => {
    window.location.hash = '#/flows';
    render(<App />);
    await screen.findByTestId('rollout-banner');
    const reads = mock.rollout.mock.calls.length;
    mock.rollout.mockResolvedValue({ ...ROLLOUT_DAY3, today_step: 'Day 5: Set the guardrails — still to do: x.' });
    act(() => {
      window.location.hash = '#/flows/guardrails';
    });
    await waitFor(() =>
      expect(screen.getByTestId('rollout-banner-step').textContent).toBe('Day 5: Set the guardrails — still to do: x.'),
    );
    expect(mock.rollout.mock.calls.length).toBeGreaterThan(reads);
  });

  it('steps aside once a flow is live and no rollout runs', async () => {
    mock.rollout.mockResolvedValue({ ...ROLLOUT_NEW, any_flow_live: true });
    window.location.hash = '#/flows';
    render(<App />);
    await screen.findAllByTestId('flow-row');
    await waitFor(() => expect(mock.rollout).toHaveBeenCalled());
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
  });

  it('stays through the monitoring week, and leaves after it', async () => {
    window.location.hash = '#/flows';
    mock.rollout.mockResolvedValue(ROLLOUT_LIVE);
    const { unmount } = render(<App />);
    await screen.findByTestId('rollout-banner');
    unmount();
    const reads = mock.rollout.mock.calls.length;
    mock.rollout.mockResolvedValue({ ...ROLLOUT_LIVE, today: '2024-12-30', today_step: null });
    render(<App />);
    await screen.findAllByTestId('flow-row');
    await waitFor(() => expect(mock.rollout.mock.calls.length).toBeGreaterThan(reads));
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
  });

  it('stays out of the way when the rollout cannot be read', async () => {
    mock.rollout.mockRejectedValue({ kind: 'database', message: 'Database error.' });
    window.location.hash = '#/flows';
    render(<App />);
    await screen.findAllByTestId('flow-row');
    expect(screen.queryByTestId('rollout-banner')).toBeNull();
  });

  it('is on Home too, with Home’s own card for today’s step', async () => {
    window.location.hash = '';
    render(<App />);
    await screen.findByTestId('home-ready');
    const card = await screen.findByTestId('home-rollout-step');
    expect(card.textContent).toBe(ROLLOUT_DAY3.today_step);
    expect(screen.getByTestId('home-rollout-open').getAttribute('href')).toBe('#/home/rollout');
  });
});

describe('the workflow map', () => {
  async function openMap() {
    window.location.hash = '#/home/map';
    render(<App />);
    return screen.findByTestId('mapping-form');
  }

  it('shows the three moments with the store’s numbers', async () => {
    await openMap();
    const first = screen.getByTestId('moment-first_purchase');
    expect(within(first).getByTestId('moment-customers').textContent).toBe('1,204');
    expect(within(first).getByTestId('moment-revenue').textContent).toBe('€72,150.00');
    expect(within(first).getByTestId('moment-share').getAttribute('aria-label')).toBe('42.0% of the year’s revenue');
    expect(first.textContent).toContain('1,204 people ordered for the first time in the last year.');
    expect(first.textContent).toContain('Whether to offer a discount.');
    expect((screen.getByTestId('moment-trigger-win_back') as HTMLTextAreaElement).value).toBe(
      "A customer's chance of ordering again drops.",
    );
    const playbook = screen.getByTestId('map-playbook') as HTMLSelectElement;
    expect(Array.from(playbook.options).map((o) => o.textContent)).toEqual([
      'Abandoned cart',
      'Browse abandonment',
      'Post-purchase education',
      'Win-back',
    ]);
    expect(playbook.value).toBe('abandoned-cart');
    expect((screen.getByTestId('map-cap') as HTMLInputElement).value).toBe('3');
    expect((screen.getByTestId('map-discount') as HTMLInputElement).value).toBe('15');
    expect((screen.getByTestId('map-threshold') as HTMLInputElement).value).toBe('0.5');
  });

  it('saves the map as typed and links to the draft flow and the rollout', async () => {
    await openMap();
    fireEvent.change(screen.getByTestId('moment-decision-second_purchase'), {
      target: { value: 'A care guide, then a refill reminder.' },
    });
    fireEvent.click(screen.getByTestId('ai-candidate-second_purchase'));
    fireEvent.change(screen.getByTestId('map-playbook'), { target: { value: 'post-purchase' } });
    fireEvent.change(screen.getByTestId('map-cap'), { target: { value: ' 2 ' } });
    fireEvent.change(screen.getByTestId('map-discount'), { target: { value: '10' } });
    fireEvent.change(screen.getByTestId('map-success'), { target: { value: 'conversion' } });
    fireEvent.change(screen.getByTestId('map-failure'), { target: { value: 'complaint_rate' } });
    fireEvent.change(screen.getByTestId('map-threshold'), { target: { value: '0,3' } });
    mock.saveWorkflowMap.mockResolvedValue({ ...CART, slug: 'post-purchase', name: 'Post-purchase care' });
    fireEvent.click(screen.getByTestId('map-save'));

    const saved = await screen.findByTestId('map-saved');
    const expected: WorkflowMap = {
      moments: [
        { key: 'first_purchase', trigger: 'A shopper leaves a cart at checkout.', decision: 'Who gets a reminder, and who gets a discount.' },
        { key: 'second_purchase', trigger: 'A first order is delivered.', decision: 'A care guide, then a refill reminder.' },
        { key: 'win_back', trigger: "A customer's chance of ordering again drops.", decision: 'Who is worth writing to.' },
      ],
      ai_candidate: 'second_purchase',
      playbook: 'post-purchase',
      frequency_cap: 2,
      max_discount_percent: 10,
      success_metric: 'conversion',
      failure_metric: 'complaint_rate',
      failure_threshold: 0.003,
      saved_at: null,
    };
    expect(mock.saveWorkflowMap).toHaveBeenCalledWith(expected);
    expect(saved.textContent).toContain('“Post-purchase care” is ready as a draft');
    expect(within(saved).getByTestId('map-open-flow').getAttribute('href')).toBe('#/flows/post-purchase');
    expect(within(saved).getByTestId('map-to-rollout').getAttribute('href')).toBe('#/home/rollout');
  });

  it('starts from the map saved before', async () => {
    mock.workflowMapping.mockResolvedValue({
      ...MAPPING,
      map: {
        moments: [{ key: 'first_purchase', trigger: 'Cart left for an hour.', decision: 'Reminder only.' }],
        ai_candidate: 'win_back',
        playbook: 'win-back',
        frequency_cap: 4,
        max_discount_percent: 20,
        success_metric: 'revenue_per_recipient',
        failure_metric: 'margin_loss',
        failure_threshold: 0.01,
        saved_at: '2024-12-08T10:00:00Z',
      },
      flow: 'win-back',
    });
    await openMap();
    expect(screen.getByTestId('map-saved-before').textContent).toContain('Win-back');
    expect((screen.getByTestId('moment-trigger-first_purchase') as HTMLTextAreaElement).value).toBe('Cart left for an hour.');
    // A moment the saved map lacks starts from the core's suggestion.
    expect((screen.getByTestId('moment-trigger-second_purchase') as HTMLTextAreaElement).value).toBe(
      'A first order is delivered.',
    );
    expect((screen.getByTestId('ai-candidate-win_back') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('map-playbook') as HTMLSelectElement).value).toBe('win-back');
    expect((screen.getByTestId('map-cap') as HTMLInputElement).value).toBe('4');
    expect((screen.getByTestId('map-discount') as HTMLInputElement).value).toBe('20');
    expect((screen.getByTestId('map-success') as HTMLSelectElement).value).toBe('revenue_per_recipient');
    expect((screen.getByTestId('map-failure') as HTMLSelectElement).value).toBe('margin_loss');
    // "Loses money" has no limit to type; the saved one is sent back unchanged.
    expect(screen.queryByTestId('map-threshold')).toBeNull();
    mock.saveWorkflowMap.mockResolvedValue({ ...CART, slug: 'win-back', name: 'Win-back' });
    fireEvent.click(screen.getByTestId('map-save'));
    await screen.findByTestId('map-saved');
    expect(mock.saveWorkflowMap.mock.calls[0]?.[0].failure_threshold).toBe(0.01);
  });

  it('catches a limit that is not a number, and shows the core’s refusal as written', async () => {
    await openMap();
    fireEvent.change(screen.getByTestId('map-threshold'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByTestId('map-save'));
    expect(screen.getByTestId('map-invalid').textContent).toBe('Type the failure limit as a percent, such as 0.5.');
    expect(mock.saveWorkflowMap).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('map-threshold'), { target: { value: '0.5' } });
    const message =
      'Mark one moment’s decision as the one that rests on gut feel (the AI candidate). Nothing was saved.';
    const answer = deferred<never>();
    mock.saveWorkflowMap.mockReturnValue(answer.promise);
    fireEvent.click(screen.getByTestId('map-save'));
    expect(screen.getByTestId('map-save').textContent).toBe('Saving…');
    await act(async () => answer.reject({ kind: 'invalid_input', message }));
    expect((await screen.findByTestId('map-error')).textContent).toContain(message);
    expect(mock.saveWorkflowMap.mock.calls[0]?.[0].ai_candidate).toBe('');
  });

  it('says when the moments cannot be read', async () => {
    mock.workflowMapping.mockRejectedValue({ kind: 'database', message: 'Database error while reading orders.' });
    window.location.hash = '#/home/map';
    render(<App />);
    expect((await screen.findByTestId('error')).textContent).toContain('Database error while reading orders.');
  });
});
