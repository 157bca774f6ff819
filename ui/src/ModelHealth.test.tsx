// Model health (#/data/health) against a mocked core (./api): reaching it from the Data page, the
// empty states, a check on demand, the drift warning, and the full-price and suggestion reports.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import { DRIFTED_HEALTH, HEALTH, RULES_SUMMARY, SUMMARY } from './test/fixtures';
import { resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/data/health');
  mock.latestAudit.mockResolvedValue(null);
  mock.scoreSummary.mockResolvedValue(SUMMARY);
  mock.listCustomers.mockResolvedValue({ rows: [], total: 0, offset: 0 });
  mock.ruleFields.mockResolvedValue([]);
  mock.modelHealth.mockResolvedValue(HEALTH);
});

describe('model health', () => {
  it('is a tab of the Data page', async () => {
    window.location.hash = '#/data';
    render(<App />);
    await screen.findByTestId('audit');
    const tabs = screen.getByRole('navigation', { name: 'Data & audit pages' });
    expect(within(tabs).getByRole('link', { name: 'Imports & audit' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(within(tabs).getByRole('link', { name: 'Model health' }));
    await screen.findByTestId('model-health');
    expect(window.location.hash).toBe('#/data/health');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(within(nav).getByRole('link', { name: 'Data & audit' }).getAttribute('aria-current')).toBe('page');
  });

  it('asks for scores first when there is nothing to check', async () => {
    mock.modelHealth.mockResolvedValue({ latest: null, history: [] });
    mock.scoreSummary.mockResolvedValue(null);
    render(<App />);
    const empty = await screen.findByTestId('health-empty');
    expect(empty.textContent).toContain('Score your customers first');
    expect(screen.queryByTestId('health-check')).toBeNull();
    fireEvent.click(within(empty).getByRole('button', { name: 'Go to Customers' }));
    expect(window.location.hash).toBe('#/customers');
    await screen.findByTestId('customers');
  });

  it('checks on request once there are scores', async () => {
    mock.modelHealth.mockResolvedValue({ latest: null, history: [] });
    mock.runHealthCheck.mockResolvedValue(HEALTH);
    render(<App />);
    const empty = await screen.findByTestId('health-empty');
    expect(empty.textContent).toContain('No check yet');
    fireEvent.click(within(empty).getByTestId('health-check'));
    expect((await screen.findByTestId('health-ok')).textContent).toContain('On track: the predictions were 2% too high');
    expect(mock.runHealthCheck).toHaveBeenCalledTimes(1);
  });

  it('shows the latest check: predicted against actual, totals, error and past checks', async () => {
    render(<App />);
    await screen.findByTestId('health-ok');
    expect(screen.queryByTestId('health-drift')).toBeNull();
    expect(screen.getByTestId('health-message').textContent).toBe(HEALTH.latest?.message);
    expect(screen.getByTestId('health-predicted').textContent).toBe('1,433');
    expect(screen.getByTestId('health-actual').textContent).toBe('1,398');
    expect(screen.getByTestId('health-error').textContent).toBe('+2.5%');

    const chart = screen.getByTestId('holdout-chart');
    expect(within(chart).getAllByTestId('holdout-actual').map((b) => b.getAttribute('data-x'))).toEqual([
      '0', '1', '2', '3', '4', '5', '6', '7+',
    ]);
    expect(within(chart).getAllByTestId('holdout-predicted')).toHaveLength(8);
    // Read with the keyboard.
    fireEvent.keyDown(chart.querySelector('svg') as SVGSVGElement, { key: 'End' });
    expect(within(chart).getByTestId('chart-readout').textContent).toBe(
      '79 customers with 7 or more repeat purchases up to Aug 31, 2024: 2.58 purchases each afterwards, 2.54 predicted',
    );

    expect(within(screen.getByTestId('error-trend')).getAllByTestId('trend-bar')).toHaveLength(3);
    expect(screen.getByTestId('health-auc').textContent).toBe('Score 0.74');
    expect(screen.getByTestId('health-fullprice').textContent).toContain('Score 0.74 — fair at telling who will pay full price from who will not.');
    expect(within(screen.getByTestId('calibration-chart')).getAllByTestId('calibration-point')).toHaveLength(5);
    expect(screen.getByTestId('hit-rate').textContent).toBe('23.4%');
    expect(screen.getByTestId('popular-hit-rate').textContent).toBe('15.1%');
    expect(screen.getByTestId('recs-verdict').textContent).toBe('Suggestions matched 1.5 times as often as best-sellers.');
  });

  it('warns when the predictions have drifted', async () => {
    mock.modelHealth.mockResolvedValue(DRIFTED_HEALTH);
    render(<App />);
    const banner = await screen.findByTestId('health-drift');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('The predictions have drifted: they were 42% too high');
    expect(screen.queryByTestId('health-ok')).toBeNull();
    const bars = within(screen.getByTestId('error-trend')).getAllByTestId('trend-bar');
    expect(bars.map((b) => b.getAttribute('data-drifted'))).toEqual(['false', 'false', 'true']);
  });

  it('says why the full-price model and suggestions are missing in a small store', async () => {
    mock.scoreSummary.mockResolvedValue(RULES_SUMMARY);
    render(<App />);
    await screen.findByTestId('health-ok');
    expect(screen.getByTestId('health-fullprice').textContent).toContain('too little history');
    expect(screen.getByTestId('health-recommendations').textContent).toContain('too little history');
  });

  it('shows why a check could not run', async () => {
    mock.runHealthCheck.mockRejectedValue({
      kind: 'invalid_input',
      message: 'A check needs at least 90 days of orders after the first 180; this store has 62 in all.',
    });
    render(<App />);
    await screen.findByTestId('health-ok');
    fireEvent.click(screen.getByTestId('health-check'));
    await waitFor(() => expect(screen.getByTestId('health-check-error').textContent).toContain('this store has 62 in all'));
    // The last good check stays on screen.
    expect(screen.getByTestId('health-ok')).toBeTruthy();
  });
});
