// What the rollout added to existing pages, against a mocked core (./api): the WORKFLOW checklist
// beside a flow's canvas (evidence, what is missing, the risks acknowledged under a name), a launch
// with open items carrying the owner's reason, acknowledging a data-audit finding, and the product
// categories no email shows in the guardrails.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { AuditReport, FlowDetail } from './gen/api';
import { REVIEWER_NAME_KEY } from './reviewerName';
import { STATS, UNKNOWN_CONSENT } from './test/fixtures';
import { CART, CART_DETAIL, CART_WITH_RUN, DRY_RUN, FLOWS, GUARDRAILS, KILL_OFF } from './test/flowFixtures';
import { resetApi } from './test/mockApi';
import { CHECKLIST, CHECKLIST_PASSED } from './test/rolloutFixtures';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/flows');
  window.localStorage.clear();
  mock.homeStats.mockResolvedValue(STATS);
  mock.scoreSummary.mockResolvedValue(null);
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.flowsList.mockResolvedValue(FLOWS);
  mock.flowDetail.mockResolvedValue(CART_DETAIL);
  mock.workflowChecklist.mockResolvedValue(CHECKLIST);
  mock.guardrailSettings.mockResolvedValue(GUARDRAILS);
  mock.saveGuardrailSettings.mockImplementation((s) => Promise.resolve(s));
  mock.productCategories.mockResolvedValue(['Gift cards', 'Mugs', 'Supplements']);
});

async function openFlow(detail: FlowDetail = CART_DETAIL) {
  mock.flowDetail.mockResolvedValue(detail);
  window.location.hash = `#/flows/${detail.summary.slug}`;
  render(<App />);
  await screen.findByTestId('flow-launch-10');
  return screen.findByTestId('checklist-verdict').then(() => screen.getByTestId('checklist'));
}

describe('the WORKFLOW checklist on a flow’s page', () => {
  it('shows each item verified, with what Storeloop saw and what is still to do', async () => {
    const card = await openFlow();
    expect(mock.workflowChecklist).toHaveBeenCalledWith('abandoned-cart');
    expect(card.getAttribute('data-passed')).toBe('false');
    expect(within(card).getByTestId('checklist-count').textContent).toBe('Version 2 · 1 of 3 verified');

    const outcome = within(card).getByTestId('check-outcome');
    expect(outcome.getAttribute('data-passed')).toBe('true');
    expect(within(outcome).getByTestId('check-evidence').textContent).toBe('Judged by profit per person');
    expect(within(outcome).queryByTestId('check-missing')).toBeNull();

    const feedback = within(card).getByTestId('check-feedback');
    expect(feedback.getAttribute('data-passed')).toBe('false');
    expect(feedback.textContent).toContain('What Storeloop saw');
    expect(within(feedback).getByTestId('check-missing').textContent).toBe('Run a dry run of version 2.');

    const risk = within(card).getByTestId('check-risk');
    expect(within(risk).getByTestId('risks-list').textContent).toContain('It gives 10% off to price-sensitive customers.');
  });

  it('records who read the risks, starting from the name used before', async () => {
    window.localStorage.setItem(REVIEWER_NAME_KEY, 'Sam Rivera');
    const card = await openFlow();
    const by = within(card).getByTestId('risks-by') as HTMLInputElement;
    expect(by.value).toBe('Sam Rivera');
    mock.acknowledgeFlowRisks.mockResolvedValue({
      ...CHECKLIST,
      risks_acknowledged: { by: 'Sam Rivera', at: '2026-11-25T12:00:00Z', note: 'version 2' },
    });
    fireEvent.click(within(card).getByTestId('risks-ack'));
    const done = await within(card).findByTestId('risks-acknowledged');
    expect(mock.acknowledgeFlowRisks).toHaveBeenCalledWith('abandoned-cart', 'Sam Rivera');
    expect(done.textContent).toContain('Read by Sam Rivera on');
    expect(within(card).queryByTestId('risks-ack')).toBeNull();
  });

  it('shows the core’s refusal to record an unnamed reading', async () => {
    const card = await openFlow();
    mock.acknowledgeFlowRisks.mockRejectedValue({ kind: 'invalid_input', message: 'Say who read the risks: give a name.' });
    fireEvent.click(within(card).getByTestId('risks-ack'));
    expect((await within(card).findByTestId('risks-error')).textContent).toBe('Say who read the risks: give a name.');
  });

  it('shows the last launch that went ahead with items open', async () => {
    mock.workflowChecklist.mockResolvedValue({
      ...CHECKLIST,
      last_override: { version: 2, reason: 'Testing on the demo store', open: ['Risk'], at: '2026-11-25T12:00:00Z' },
    });
    const card = await openFlow();
    expect(within(card).getByTestId('checklist-override').textContent).toContain('Risk open, because: “Testing on the demo store”');
  });

  it('is read again after a dry run', async () => {
    await openFlow();
    const reads = mock.workflowChecklist.mock.calls.length;
    mock.simulateFlow.mockResolvedValue(DRY_RUN);
    mock.flowDetail.mockResolvedValue(CART_WITH_RUN);
    fireEvent.click(screen.getByTestId('dry-run-run'));
    await screen.findByTestId('dry-run-report');
    await waitFor(() => expect(mock.workflowChecklist.mock.calls.length).toBeGreaterThan(reads));
  });

  it('says so when it cannot be read, and reads it again on request', async () => {
    mock.workflowChecklist.mockRejectedValueOnce({ kind: 'database', message: 'Database error while checking.' });
    window.location.hash = '#/flows/abandoned-cart';
    render(<App />);
    const err = await screen.findByTestId('checklist-error');
    expect(err.textContent).toContain('Database error while checking.');
    fireEvent.click(within(err).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('checklist-verdict');
  });
});

describe('launching with the checklist open', () => {
  it('asks why, names the open items, and sends the reason with the launch', async () => {
    await openFlow(CART_WITH_RUN);
    const box = screen.getByTestId('launch-override-box');
    expect(box.textContent).toContain('The WORKFLOW checklist has open items: Risk, Feedback.');
    mock.launchFlow.mockResolvedValue({ ...CART, status: 'live', live_percent: 20 });
    fireEvent.change(screen.getByTestId('launch-override'), { target: { value: '  Testing on the demo store  ' } });
    fireEvent.click(screen.getByTestId('flow-launch-20'));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Live 20%'));
    expect(mock.launchFlow).toHaveBeenCalledWith('abandoned-cart', 20, 'Testing on the demo store');
  });

  it('shows the core’s refusal when no reason was written', async () => {
    await openFlow(CART_WITH_RUN);
    const message = 'The WORKFLOW checklist of `abandoned-cart` has 2 open: Risk, Feedback.';
    mock.launchFlow.mockRejectedValue({ kind: 'invalid_input', message });
    fireEvent.click(screen.getByTestId('flow-launch-10'));
    expect((await screen.findByTestId('launch-error')).textContent).toBe(message);
    expect(mock.launchFlow).toHaveBeenCalledWith('abandoned-cart', 10, '');
  });

  it('asks nothing when every item passes', async () => {
    mock.workflowChecklist.mockResolvedValue(CHECKLIST_PASSED);
    await openFlow(CART_WITH_RUN);
    expect(screen.getByTestId('checklist').getAttribute('data-passed')).toBe('true');
    expect(screen.queryByTestId('launch-override')).toBeNull();
    mock.launchFlow.mockResolvedValue({ ...CART, status: 'live', live_percent: 20 });
    fireEvent.click(screen.getByTestId('flow-launch-20'));
    await waitFor(() => expect(screen.getByTestId('flow-page-status').textContent).toBe('Live 20%'));
    expect(mock.launchFlow).toHaveBeenCalledWith('abandoned-cart', 20);
  });
});

describe('acknowledging an audit finding', () => {
  const REPORT: AuditReport = {
    ran_at: '2026-11-25T12:00:00Z',
    problems: 1,
    findings: [
      UNKNOWN_CONSENT,
      {
        code: 'missing_costs',
        severity: 'warning',
        title: 'Products without a unit cost',
        fix: 'Add costs.',
        count: 12,
        examples: [],
        note: null,
        acknowledged: { by: 'Alex Chen', at: '2026-11-24T09:00:00Z', note: 'Costs come next month' },
      },
    ],
  };

  it('records the name and note, then shows who acknowledged it', async () => {
    window.localStorage.setItem(REVIEWER_NAME_KEY, 'Sam Rivera');
    mock.latestAudit.mockResolvedValue(REPORT);
    window.location.hash = '#/data';
    render(<App />);
    const finding = await screen.findByTestId('finding-unknown_consent');
    expect(screen.getByTestId('ack-done-missing_costs').textContent).toContain(
      'Acknowledged by Alex Chen on Nov 24, 2026, 10:00 AM: Costs come next month',
    );
    expect(screen.queryByTestId('ack-missing_costs')).toBeNull();

    expect((within(finding).getByTestId('ack-by-unknown_consent') as HTMLInputElement).value).toBe('Sam Rivera');
    fireEvent.change(within(finding).getByTestId('ack-note-unknown_consent'), {
      target: { value: 'They are not emailed anyway.' },
    });
    mock.acknowledgeFinding.mockResolvedValue({
      ...REPORT,
      findings: REPORT.findings.map((f) =>
        f.code === 'unknown_consent'
          ? { ...f, acknowledged: { by: 'Sam Rivera', at: '2026-11-25T12:30:00Z', note: 'They are not emailed anyway.' } }
          : f,
      ),
    });
    fireEvent.click(within(finding).getByTestId('ack-unknown_consent'));
    const done = await screen.findByTestId('ack-done-unknown_consent');
    expect(mock.acknowledgeFinding).toHaveBeenCalledWith('unknown_consent', 'Sam Rivera', 'They are not emailed anyway.');
    expect(done.textContent).toContain('by Sam Rivera on');
    expect(done.textContent).toContain(': They are not emailed anyway.');
  });

  it('shows the core’s refusal as written', async () => {
    mock.latestAudit.mockResolvedValue(REPORT);
    window.location.hash = '#/data';
    render(<App />);
    await screen.findByTestId('finding-unknown_consent');
    mock.acknowledgeFinding.mockRejectedValue({ kind: 'invalid_input', message: 'Say who acknowledges the finding: give a name.' });
    fireEvent.click(screen.getByTestId('ack-unknown_consent'));
    expect((await screen.findByTestId('ack-error-unknown_consent')).textContent).toBe(
      'Say who acknowledges the finding: give a name.',
    );
  });
});

describe('product categories no email shows', () => {
  it('ticks categories and saves them with the guardrails', async () => {
    mock.guardrailSettings.mockResolvedValue({ ...GUARDRAILS, excluded_categories: ['Discontinued'] });
    window.location.hash = '#/flows/guardrails';
    render(<App />);
    await screen.findByTestId('excluded-Mugs');
    // A category saved before that no product uses now still shows, ticked, so it can be unticked.
    expect((screen.getByTestId('excluded-Discontinued') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('excluded-Gift cards') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByTestId('excluded-Gift cards'));
    fireEvent.click(screen.getByTestId('excluded-Discontinued'));
    expect(screen.getByText('You have unsaved changes.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('guard-save'));
    await screen.findByText('Saved.');
    expect(mock.saveGuardrailSettings).toHaveBeenCalledWith({ ...GUARDRAILS, excluded_categories: ['Gift cards'] });
  });

  it('says when the store’s products have no categories', async () => {
    mock.productCategories.mockResolvedValue([]);
    window.location.hash = '#/flows/guardrails';
    render(<App />);
    await screen.findByTestId('guard-no-categories');
  });
});
