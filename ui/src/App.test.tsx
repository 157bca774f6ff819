// Behaviour of the whole window against a mocked core (./api): Home's numbers, first-run demo
// setup, errors with retry, blocking errors, and the navigation's "Coming" pages.
// Customers, Model health, Email sending, Flows (with the kill switch) and Measurement have their own files.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { ApiError, AuditReport, HomeStats, Progress, StoreInfo } from './gen/api';
import { EMPTY_STATS, STATS, STATUS, STORE, UNKNOWN_CONSENT } from './test/fixtures';
import { KILL_OFF } from './test/flowFixtures';
import { deferred, resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

function kpi(id: string) {
  const el = screen.getByTestId(id);
  return { raw: el.getAttribute('data-value'), text: el.textContent };
}

beforeEach(() => {
  resetApi(api, '');
  mock.homeStats.mockResolvedValue(STATS);
  mock.scoreSummary.mockResolvedValue(null);
  mock.flowsList.mockResolvedValue([]);
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.listCustomers.mockResolvedValue({ rows: [], total: 0, offset: 0 });
  mock.ruleFields.mockResolvedValue([]);
});

describe('Home with an open store', () => {
  it('shows every KPI with its raw value and its text for people', async () => {
    render(<App />);
    await screen.findByTestId('home-ready');

    expect(kpi('kpi-customers')).toEqual({ raw: '5000', text: '5,000' });
    expect(kpi('kpi-orders')).toEqual({ raw: '9234', text: '9,234' });
    expect(kpi('kpi-revenue')).toEqual({ raw: '54901234', text: '€549,012.34' });
    expect(kpi('kpi-aov')).toEqual({ raw: '5946', text: '€59.46' });
    expect(kpi('kpi-repeat-rate')).toEqual({ raw: '0.38491345', text: '38.5%' });
    expect(kpi('kpi-discount-rate')).toEqual({ raw: '0.2712', text: '27.1%' });
    expect(kpi('kpi-return-rate')).toEqual({ raw: '0.0431234', text: '4.3%' });
    expect(mock.openDemoStore).not.toHaveBeenCalled();
  });

  it('explains each number in plain words', async () => {
    render(<App />);
    await screen.findByTestId('home-ready');
    expect(screen.getByText(/less €31,111\.11 in discounts\. No tax or shipping\./)).toBeTruthy();
    expect(screen.getByText(/Of the 3,871 customers who ordered, the share who ordered twice or more/)).toBeTruthy();
    expect(screen.getByText('Share of orders that used a discount.')).toBeTruthy();
    expect(screen.getByText('Refunded units ÷ units sold: 897 of 20,811 units.')).toBeTruthy();
  });

  it("shows the store in the top bar and the order dates in the store's time zone", async () => {
    render(<App />);
    await screen.findByTestId('home-ready');
    expect(screen.getByTestId('store-name').textContent).toBe(STORE.name);
    expect(screen.getByTestId('demo-badge').textContent).toBe('Demo store');
    expect(screen.getByTestId('order-range').textContent).toBe('Orders from Jan 1, 2023 to Nov 28, 2024');
  });

  it('has no demo badge for a real store', async () => {
    const real: StoreInfo = { ...STORE, source: 'shopify' };
    mock.appStatus.mockResolvedValue({ ...STATUS, store: real });
    mock.homeStats.mockResolvedValue({ ...STATS, store: real });
    render(<App />);
    await screen.findByTestId('home-ready');
    expect(screen.queryByTestId('demo-badge')).toBeNull();
  });

  it('draws one bar per month, each titled with its exact revenue', async () => {
    render(<App />);
    await screen.findByTestId('home-ready');
    const bars = screen.getAllByTestId('revenue-bar');
    expect(bars.map((b) => b.getAttribute('data-month'))).toEqual(['2024-09', '2024-10', '2024-11']);
    expect(bars.map((b) => b.getAttribute('data-value'))).toEqual(['4812300', '2599', '5530099']);
    expect(bars[1]?.querySelector('title')?.textContent).toBe('October 2024: €25.99 from 1 order');
    expect(bars[2]?.querySelector('title')?.textContent).toBe('November 2024: €55,300.99 from 932 orders');
  });

  it('reads the chart month by month with the arrow keys', async () => {
    render(<App />);
    await screen.findByTestId('home-ready');
    const chart = screen.getByTestId('revenue-chart');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(screen.getByTestId('chart-tip').textContent).toContain('€55,300.99');
    fireEvent.keyDown(chart, { key: 'ArrowLeft' });
    expect(screen.getByTestId('chart-tip').textContent).toContain('October 2024');
    fireEvent.keyDown(chart, { key: 'Escape' });
    expect(screen.queryByTestId('chart-tip')).toBeNull();
  });

  it('shows dashes and empty raw values when there are no orders yet', async () => {
    mock.homeStats.mockResolvedValue(EMPTY_STATS);
    render(<App />);
    await screen.findByTestId('home-ready');
    for (const id of ['kpi-repeat-rate', 'kpi-discount-rate', 'kpi-return-rate', 'kpi-aov']) {
      expect(kpi(id)).toEqual({ raw: '', text: '—' });
    }
    expect(kpi('kpi-revenue')).toEqual({ raw: '0', text: '€0.00' });
    expect(screen.getByTestId('order-range').textContent).toBe('No orders yet');
    expect(screen.queryByTestId('revenue-chart')).toBeNull();
  });

  it('is honest about flows and what needs the owner', async () => {
    render(<App />);
    await screen.findByTestId('home-ready');
    expect(screen.getByText('What your flows did this week')).toBeTruthy();
    expect(screen.getByText('No flows yet.')).toBeTruthy();
    expect(screen.getByText('Nothing waiting.')).toBeTruthy();
    // The kill switch is one click away and says where sending stands.
    const kill = screen.getByTestId('kill-switch');
    expect((await within(kill).findByTestId('kill-status')).textContent).toBe('Flows may send');
    expect(within(kill).getByRole('button', { name: 'Stop all sending' })).toBeTruthy();
  });
});

describe('first run: no store yet', () => {
  it('sets up the demo store with progress, then shows its numbers', async () => {
    mock.appStatus.mockResolvedValue({ ...STATUS, store: null });
    let emit: (p: Progress) => void = () => {};
    const stop = vi.fn();
    mock.onProgress.mockImplementation(async (handler) => {
      emit = handler;
      return stop;
    });
    const opening = deferred<StoreInfo>();
    mock.openDemoStore.mockReturnValue(opening.promise);

    render(<App />);
    expect(await screen.findByText('Setting up the demo store…')).toBeTruthy();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBeNull(); // indeterminate until the first event
    expect(mock.homeStats).not.toHaveBeenCalled();

    act(() => emit({ task: 'demo_store', done: 1200, total: 5000, message: 'Making customers' }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('24');
    expect(screen.getByTestId('setup-status').textContent).toContain('Making customers · 1,200 of 5,000');

    await act(async () => opening.resolve(STORE));
    await screen.findByTestId('home-ready');
    expect(mock.openDemoStore).toHaveBeenCalledTimes(1);
    expect(mock.homeStats).toHaveBeenCalledTimes(1);
    expect(stop).toHaveBeenCalled();
    expect(kpi('kpi-customers').raw).toBe('5000');
    expect(screen.getByTestId('store-name').textContent).toBe(STORE.name);
    expect(screen.getByTestId('toast').textContent).toContain('The demo store is ready');
  });

  it('shows the error and retries when making the demo store fails', async () => {
    mock.appStatus.mockResolvedValue({ ...STATUS, store: null });
    const failure: ApiError = {
      kind: 'io',
      message: 'Could not write /home/owner/.local/share/storeloop/storeloop.db: disk full. Free some space and try again.',
    };
    mock.openDemoStore.mockRejectedValueOnce(failure).mockResolvedValueOnce(STORE);

    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe(failure.message);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('home-ready');
    expect(mock.openDemoStore).toHaveBeenCalledTimes(2);
  });
});

describe('errors', () => {
  it('shows the message from the core and recovers with Try again', async () => {
    const failure: ApiError = {
      kind: 'database',
      message: 'Query home_stats failed on /data/storeloop.db: no such table orders. Restart Storeloop.',
    };
    mock.homeStats.mockRejectedValueOnce(failure).mockResolvedValueOnce(STATS);

    render(<App />);
    const message = await screen.findByTestId('error-message');
    expect(message.textContent).toBe(failure.message);
    expect(screen.queryByTestId('home-ready')).toBeNull();
    expect(screen.getByText("Storeloop couldn't load your store's numbers")).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('home-ready');
    expect(mock.homeStats).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  it('explains outside-the-desktop-app calls instead of faking data', async () => {
    mock.appStatus.mockRejectedValue({ kind: 'internal', message: api.NOT_IN_DESKTOP_MESSAGE });
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe(api.NOT_IN_DESKTOP_MESSAGE);
    expect(screen.queryByTestId('kpi-customers')).toBeNull();
  });

  it.each(['locked', 'corrupt', 'newer_version', 'io'] as const)(
    'takes the whole window for a %s database and shows the message verbatim',
    async (kind) => {
      const message = `The database /data/storeloop.db is ${kind}:\n  details line 2`;
      mock.appStatus.mockRejectedValueOnce({ kind, message }).mockResolvedValueOnce(STATUS);
      render(<App />);
      const panel = await screen.findByTestId('blocking-error');
      expect(panel.getAttribute('data-kind')).toBe(kind);
      expect(within(panel).getByTestId('error-message').textContent).toBe(message);
      fireEvent.click(within(panel).getByRole('button', { name: 'Try again' }));
      await screen.findByTestId('home-ready');
      expect(screen.queryByTestId('blocking-error')).toBeNull();
    },
  );

  it('keeps an ordinary error inside the page', async () => {
    mock.appStatus.mockRejectedValue({ kind: 'database', message: 'Database error while reading the store.' });
    render(<App />);
    await screen.findByTestId('error');
    expect(screen.queryByTestId('blocking-error')).toBeNull();
  });
});

describe('navigation', () => {
  const coming: Array<[string, string, RegExp]> = [
    ['Settings', 'settings', /rules every flow must follow/],
  ];

  it.each(coming)('shows %s as an honest "Coming" page', async (label, id, summary) => {
    render(<App />);
    await screen.findByTestId('home-ready');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: label }));

    const page = screen.getByTestId(`coming-${id}`);
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe(label);
    expect(within(page).getByText('Coming')).toBeTruthy();
    expect(within(page).getByText(summary)).toBeTruthy();
    expect(within(nav).getByRole('link', { name: label }).getAttribute('aria-current')).toBe('page');
    expect(window.location.hash).toBe(`#/${id}`);
    expect(screen.queryByTestId('kpi-customers')).toBeNull();
    expect(within(screen.getByTestId('kill-switch')).getByRole('button', { name: 'Stop all sending' })).toBeTruthy();
  });

  it('lists the areas in order', () => {
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Home',
      'Customers',
      'Flows',
      'Copy',
      'Measurement',
      'Data & audit',
      'Connections',
      'Settings',
    ]);
  });

  it('opens Flows as a real area listing the flows, each a link to its page', async () => {
    mock.flowsList.mockResolvedValue([
      {
        slug: 'abandoned-cart',
        name: 'Abandoned cart, by intent',
        description: 'A reminder for customers who usually pay full price.',
        status: 'draft',
        live_percent: 0,
        version: 1,
        steps: 8,
        holdout_percent: 10,
        updated_at: '2026-11-25T12:00:00Z',
      },
    ]);
    window.location.hash = '#/flows';
    render(<App />);
    const rows = await screen.findAllByTestId('flow-row');
    expect(rows).toHaveLength(1);
    const row = rows[0]?.textContent ?? '';
    expect(row).toContain('Abandoned cart, by intent');
    expect(row).toContain('Draft');
    expect(row).toContain('10%');
    expect(screen.queryByTestId('coming-flows')).toBeNull();
    expect(within(rows[0]!).getByRole('link', { name: 'Abandoned cart, by intent' }).getAttribute('href')).toBe(
      '#/flows/abandoned-cart',
    );
  });

  it('opens the area named in the address and comes back Home', async () => {
    window.location.hash = '#/settings';
    render(<App />);
    expect(screen.getByTestId('coming-settings')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to Home' }));
    await screen.findByTestId('home-ready');
  });

  it('shows where the data lives on the Settings page', async () => {
    window.location.hash = '#/settings';
    render(<App />);
    expect((await screen.findByTestId('data-dir')).textContent).toBe(STATUS.data_dir);
  });

  it('loads the numbers again when coming back Home', async () => {
    render(<App />);
    await screen.findByTestId('home-ready');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Customers' }));
    const updated: HomeStats = { ...STATS, orders: 9235 };
    mock.homeStats.mockResolvedValue(updated);
    fireEvent.click(within(nav).getByRole('link', { name: 'Home' }));
    await screen.findByTestId('home-ready');
    expect(kpi('kpi-orders').raw).toBe('9235');
  });
});

describe('data audit', () => {
  const REPORT: AuditReport = {
    ran_at: '2026-11-25T12:00:00Z',
    problems: 1,
    findings: [
      UNKNOWN_CONSENT,
      {
        code: 'unknown_skus',
        severity: 'blocker',
        title: 'Order lines whose SKU is not in your catalog',
        fix: 'Import your products.',
        count: 0,
        examples: [],
        note: null,
        acknowledged: null,
      },
      {
        code: 'broken_links',
        severity: 'warning',
        title: 'Product or image links that do not open',
        fix: 'Fix them.',
        count: 0,
        examples: [],
        note: 'Not checked: no link could be reached.',
        acknowledged: null,
      },
    ],
  };

  async function openAudit() {
    render(<App />);
    await screen.findByTestId('home-ready');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Data & audit' }));
    return screen.findByTestId('audit');
  }

  it('says when it has never run, and runs on request', async () => {
    mock.latestAudit.mockResolvedValue(null);
    mock.runAudit.mockResolvedValue(REPORT);
    await openAudit();
    await screen.findByTestId('audit-never');
    fireEvent.click(screen.getByTestId('audit-run'));
    const finding = await screen.findByTestId('finding-unknown_consent');
    expect(finding.getAttribute('data-count')).toBe('848');
    expect(finding.textContent).toContain('Worth fixing');
    expect(finding.textContent).toContain('anna.mueller1@example.com');
    expect(finding.textContent).toContain('What to do: Storeloop will not email them.');
    expect(screen.getByTestId('clear-unknown_skus').textContent).toContain('none');
    expect(screen.getByTestId('audit-summary').textContent).toContain('1 of 3 checks found something.');
    expect(screen.getByTestId('unchecked-broken_links').textContent).toContain('no link could be reached');
    expect(mock.runAudit).toHaveBeenCalledTimes(1);
  });

  it('shows the last saved audit without running it again', async () => {
    mock.latestAudit.mockResolvedValue(REPORT);
    await openAudit();
    await screen.findByTestId('finding-unknown_consent');
    expect(mock.runAudit).not.toHaveBeenCalled();
    expect(screen.getByTestId('audit-run').textContent).toBe('Check again');
  });

  it('shows an error with its message and a retry', async () => {
    mock.latestAudit.mockRejectedValueOnce({ kind: 'database', message: 'Database error while reading the data audit.' });
    mock.latestAudit.mockResolvedValueOnce(null);
    await openAudit();
    const err = await screen.findByTestId('error');
    expect(err.textContent).toContain('Database error while reading the data audit.');
    fireEvent.click(within(err).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('audit-never');
  });
});

describe('import', () => {
  const REPORT = {
    kind: 'shopify-orders',
    file: '/tmp/orders.csv',
    rows_read: 14,
    inserted: 3,
    updated: 0,
    unchanged: 0,
    rejected: 1,
    skipped: 0,
    problems: [{ line: 5, column: 'Currency', reason: '`ZZZ` is not a currency code' }],
    resumed_after_line: null,
  };

  async function openData() {
    mock.latestAudit.mockResolvedValue(null);
    mock.runAudit.mockResolvedValue({ ran_at: '2026-11-25T12:00:00Z', problems: 0, findings: [] });
    render(<App />);
    await screen.findByTestId('home-ready');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Data & audit' }));
    await screen.findByTestId('import');
  }

  it('asks before replacing the demo store, then imports and shows the rejected rows', async () => {
    mock.removeDemoStore.mockResolvedValue({ ...STATUS, store: null });
    mock.importFile.mockResolvedValue(REPORT);
    await openData();
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/tmp/orders.csv' } });
    fireEvent.click(screen.getByTestId('import-run'));
    expect(mock.removeDemoStore).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId('import-confirm'));
    const summary = await screen.findByTestId('import-summary');
    expect(mock.removeDemoStore).toHaveBeenCalledTimes(1);
    expect(mock.importFile).toHaveBeenCalledWith('shopify-orders', '/tmp/orders.csv');
    expect(summary.getAttribute('data-inserted')).toBe('3');
    expect(summary.textContent).toContain('1 rows were not imported');
    expect(summary.textContent).toContain('`ZZZ` is not a currency code');
  });

  it('imports a customers export into an imported store, without touching it first', async () => {
    mock.appStatus.mockResolvedValue({ ...STATUS, store: { ...STORE, source: 'import' } });
    mock.importFile.mockResolvedValue({ ...REPORT, kind: 'shopify-customers', inserted: 2, rejected: 0, problems: [] });
    await openData();
    fireEvent.change(screen.getByTestId('import-kind'), { target: { value: 'shopify-customers' } });
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/tmp/customers.csv' } });
    fireEvent.click(screen.getByTestId('import-run'));
    const summary = await screen.findByTestId('import-summary');
    expect(summary.textContent).toContain('2 new customers');
    expect(mock.importFile).toHaveBeenCalledWith('shopify-customers', '/tmp/customers.csv');
    expect(mock.removeDemoStore).not.toHaveBeenCalled();
  });

  it('shows why a file could not be imported at all', async () => {
    mock.appStatus.mockResolvedValue({ ...STATUS, store: { ...STORE, source: 'import' } });
    mock.importFile.mockRejectedValue({ kind: 'invalid_input', message: '/tmp/x.csv: the header has no column `Name`.' });
    await openData();
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/tmp/x.csv' } });
    fireEvent.click(screen.getByTestId('import-run'));
    const err = await screen.findByTestId('import-error');
    expect(err.textContent).toContain('the header has no column `Name`');
    expect(mock.removeDemoStore).not.toHaveBeenCalled();
  });
});

describe('privacy requests', () => {
  async function openCustomers() {
    render(<App />);
    await screen.findByTestId('home-ready');
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Customers' }));
    await screen.findByTestId('privacy');
    fireEvent.change(screen.getByTestId('privacy-email'), { target: { value: 'anna@example.com' } });
  }

  it('shows everything held about a person', async () => {
    mock.exportCustomer.mockResolvedValue({
      email: 'anna@example.com',
      first_name: 'Anna',
      last_name: null,
      consent: 'subscribed',
      consent_source: 'checkout',
      consent_at: null,
      tags: '',
      timezone: null,
      customer_since: '2025-01-01T00:00:00Z',
      orders: [],
      abandoned_checkouts: [],
      events: [],
      support_tickets: [],
    });
    await openCustomers();
    fireEvent.click(screen.getByTestId('privacy-export'));
    const out = await screen.findByTestId('privacy-exported');
    expect(out.getAttribute('data-orders')).toBe('0');
    expect((screen.getByTestId('privacy-json') as HTMLTextAreaElement).value).toContain('"first_name": "Anna"');
    expect(mock.exportCustomer).toHaveBeenCalledWith('anna@example.com');
  });

  it('erases only after a confirmation, and says what was kept', async () => {
    mock.forgetCustomer.mockResolvedValue({
      customer_id: 7,
      orders_kept: 3,
      events_deleted: 12,
      tickets_erased: 1,
      checkouts_erased: 0,
    });
    await openCustomers();
    fireEvent.click(screen.getByTestId('privacy-forget'));
    expect(mock.forgetCustomer).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByTestId('privacy-forget-confirm'));
    const done = await screen.findByTestId('privacy-forgotten');
    expect(done.textContent).toContain('3 orders kept without a name');
  });

  it('says when nobody has that address', async () => {
    mock.exportCustomer.mockRejectedValue({ kind: 'not_found', message: 'No customer has the email address anna@example.com.' });
    await openCustomers();
    fireEvent.click(screen.getByTestId('privacy-export'));
    expect((await screen.findByTestId('privacy-error')).textContent).toContain('No customer has');
  });
});
