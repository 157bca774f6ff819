// The Customers area against a mocked core (./api): scoring from nothing with progress, the
// rough-numbers banner, groups and the group editor's live count, the list's search, sort and
// paging, and a customer's page with its reasons and its missing values.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { CustomerQuery, Progress, ScoreSummary, SegmentSize } from './gen/api';
import {
  DETAIL,
  DETAIL_NO_ORDERS,
  PAGE,
  PREVIEW,
  ROWS,
  RULE_FIELDS,
  RULES_SUMMARY,
  SUMMARY,
} from './test/fixtures';
import { deferred, resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

const FIRST_QUERY: CustomerQuery = {
  search: '',
  segment: null,
  sort: 'last_order',
  descending: true,
  offset: 0,
  limit: 50,
};

beforeEach(() => {
  resetApi(api, '#/customers');
  mock.scoreSummary.mockResolvedValue(SUMMARY);
  mock.listCustomers.mockResolvedValue(PAGE);
  mock.ruleFields.mockResolvedValue(RULE_FIELDS);
});

afterEach(() => {
  vi.useRealTimers();
});

async function openCustomers() {
  render(<App />);
  return screen.findByTestId('customers');
}

describe('scoring', () => {
  it('explains scoring when it has never run, shows its progress, then the results', async () => {
    mock.scoreSummary.mockResolvedValue(null);
    let emit: (p: Progress) => void = () => {};
    const stop = vi.fn();
    mock.onProgress.mockImplementation(async (handler) => {
      emit = handler;
      return stop;
    });
    const scoring = deferred<ScoreSummary>();
    mock.scoreCustomers.mockReturnValue(scoring.promise);
    const justNow: ScoreSummary = { ...SUMMARY, scored_at: new Date(Date.now() - 3 * 3600_000).toISOString() };

    await openCustomers();
    const empty = await screen.findByTestId('score-empty');
    expect(empty.textContent).toContain('Your customers haven’t been scored yet');
    expect(empty.textContent).toContain('how likely they are to buy again');
    expect(screen.queryByTestId('statuses')).toBeNull();
    // The privacy card stays on the page.
    expect(screen.getByTestId('privacy')).toBeTruthy();

    fireEvent.click(within(empty).getByRole('button', { name: 'Score my customers' }));
    const bar = await screen.findByRole('progressbar', { name: 'Scoring your customers' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByTestId('score-run').hasAttribute('disabled')).toBe(true);

    act(() => emit({ task: 'score', done: 1200, total: 3871, message: 'Fitting the purchase model' }));
    expect(bar.getAttribute('aria-valuenow')).toBe('31');
    expect(screen.getByTestId('score-status').textContent).toContain('Fitting the purchase model · 1,200 of 3,871');

    await act(async () => scoring.resolve(justNow));
    expect((await screen.findByTestId('scored-at')).textContent).toContain('Scored 3 hours ago');
    expect(screen.getByTestId('score-run').textContent).toBe('Rescore');
    expect(stop).toHaveBeenCalled();
    expect(mock.scoreCustomers).toHaveBeenCalledTimes(1);

    expect(screen.getByTestId('kpi-expected-orders').textContent).toBe('about 412 orders (likely 380–445)');
    expect(screen.getByTestId('kpi-total-clv').textContent).toBe('€187,345.12');
    expect(screen.getByTestId('status-seasonal').textContent).toContain('Seasonal — due later');
    expect(screen.getByTestId('status-seasonal').getAttribute('data-count')).toBe('133');
    expect(screen.getByTestId('status-at_risk').textContent).toContain('At risk');
    expect(screen.getByTestId('status-lapsed').textContent).toContain('Lapsed');
    expect(within(screen.getByTestId('segment-a')).getByText('Customers who usually pay full price')).toBeTruthy();
    expect(screen.getByTestId('segment-a').textContent).toContain('1,204 customers · 24.1%');
    expect(within(screen.getByTestId('histogram-churn_risk')).getAllByTestId('histogram-bar')).toHaveLength(5);
    const clv = screen.getByTestId('histogram-clv');
    fireEvent.keyDown(clv.querySelector('svg') as SVGSVGElement, { key: 'End' });
    // The last bin of a score with no natural top holds everything above its start.
    expect(within(clv).getByTestId('chart-readout').textContent).toBe(
      'Lifetime value, next 12 months €100 or more: 247 customers (6.4%)',
    );
    expect(screen.queryByTestId('score-caution')).toBeNull();
    expect(screen.getByTestId('toast').textContent).toContain('Scored 5,000 customers in 4.2 seconds.');
    // The list is read again for the new scores.
    await waitFor(() => expect(mock.listCustomers).toHaveBeenCalledTimes(2));
  });

  it('says what went wrong when scoring fails, and keeps the button', async () => {
    mock.scoreSummary.mockResolvedValue(null);
    mock.scoreCustomers.mockRejectedValue({ kind: 'invalid_input', message: 'There are no orders to score yet. Import your orders first.' });
    await openCustomers();
    fireEvent.click(await screen.findByRole('button', { name: 'Score my customers' }));
    expect((await screen.findByTestId('score-error')).textContent).toContain('Import your orders first.');
    expect(screen.getByRole('button', { name: 'Score my customers' }).hasAttribute('disabled')).toBe(false);
  });

  it('is not a "Coming" page any more', async () => {
    await openCustomers();
    expect(screen.queryByTestId('coming-customers')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Customers');
  });
});

describe('how sure the scores are', () => {
  it('says plainly when a small store is scored with simple rules', async () => {
    mock.scoreSummary.mockResolvedValue(RULES_SUMMARY);
    await openCustomers();
    const banner = await screen.findByTestId('score-caution');
    expect(banner.getAttribute('data-mode')).toBe('rules');
    expect(banner.textContent).toContain('your store is still small');
    expect(banner.textContent).toContain('predictions are rough');
    expect(banner.textContent).toContain('simple rules');
    expect(banner.textContent).toContain('Only 41 customers have ordered twice');
  });

  it('shows a caution from the models too', async () => {
    mock.scoreSummary.mockResolvedValue({ ...SUMMARY, caution: 'Half of the orders are from the last two months.' });
    await openCustomers();
    const banner = await screen.findByTestId('score-caution');
    expect(banner.getAttribute('data-mode')).toBe('models');
    expect(banner.textContent).toContain('Read these numbers with care');
    expect(banner.textContent).toContain('Half of the orders are from the last two months.');
  });

  it('says nothing about drift while the latest check is on track', async () => {
    expect(SUMMARY.health).not.toBeNull();
    await openCustomers();
    await screen.findByTestId('segments');
    expect(screen.queryByTestId('score-drift')).toBeNull();
  });

  it('raises a drifted check where the scores are used, with a way to Model health', async () => {
    const health = { ...SUMMARY.health!, drifted: true, error: 0.31, message: 'The model expected 131 orders and customers placed 100.' };
    mock.scoreSummary.mockResolvedValue({ ...SUMMARY, health });
    await openCustomers();
    const banner = await screen.findByTestId('score-drift');
    expect(banner.textContent).toContain('The predictions have drifted');
    expect(banner.textContent).toContain('expected 131 orders');
    expect(within(banner).getByRole('link', { name: 'See Model health' }).getAttribute('href')).toBe('#/data/health');
  });
});

describe('groups', () => {
  it('filters the list to a group when its card is picked, and back', async () => {
    await openCustomers();
    const card = await screen.findByTestId('segment-b');
    const pick = within(card).getByRole('button', { pressed: false });
    fireEvent.click(pick);
    expect(pick.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(mock.listCustomers).toHaveBeenLastCalledWith({ ...FIRST_QUERY, segment: 'b' }));
    expect(screen.getByText('Customers in “Customers who wait for a discount”')).toBeTruthy();
    fireEvent.click(screen.getByTestId('list-everyone'));
    await waitFor(() => expect(mock.listCustomers).toHaveBeenLastCalledWith(FIRST_QUERY));
  });

  it('describes a saved group by its rules in words', async () => {
    await openCustomers();
    const card = await screen.findByTestId('segment-custom-1');
    await waitFor(() =>
      expect(card.textContent).toContain('Lifetime value (12 months) is at least €100.00, and Churn risk is at least 50%'),
    );
  });

  it('counts live while typing, asking once typing pauses, then saves', async () => {
    mock.previewSegment.mockResolvedValue(PREVIEW);
    const saved: SegmentSize = {
      id: 'custom-2',
      name: 'Likely to leave',
      description: '',
      builtin: false,
      customers: 1952,
      rules: [{ field: 'churn_risk', op: 'ge', value: '0.6' }],
    };
    mock.saveSegment.mockResolvedValue(saved);
    await openCustomers();
    fireEvent.click(await screen.findByTestId('segment-new'));
    const editor = await screen.findByTestId('segment-editor');
    expect(within(editor).getByLabelText('Condition 1: field')).toBeTruthy();
    expect((within(editor).getByTestId('rule-field') as HTMLSelectElement).value).toBe('orders');
    fireEvent.change(within(editor).getByTestId('rule-field'), { target: { value: 'churn_risk' } });
    expect((within(editor).getByTestId('rule-op') as HTMLSelectElement).value).toBe('ge');
    expect(within(editor).getByTestId('segment-preview').textContent).toContain('Fill in every value');

    vi.useFakeTimers();
    const value = within(editor).getByLabelText('Condition 1: value in percent');
    fireEvent.change(value, { target: { value: '5' } });
    act(() => vi.advanceTimersByTime(200));
    fireEvent.change(value, { target: { value: '60' } });
    act(() => vi.advanceTimersByTime(249));
    expect(mock.previewSegment).not.toHaveBeenCalled();
    expect(within(editor).getByTestId('segment-preview').textContent).toContain('Counting…');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(mock.previewSegment).toHaveBeenCalledTimes(1);
    expect(mock.previewSegment).toHaveBeenCalledWith([{ field: 'churn_risk', op: 'ge', value: '0.6' }]);
    vi.useRealTimers();

    const count = await within(editor).findByTestId('preview-count');
    expect(count.textContent).toBe('1,952 customers match');
    expect(within(editor).getByTestId('segment-preview').textContent).toContain('39.0% of everyone');
    expect(within(editor).getByRole('link', { name: 'Jonas Weber' }).getAttribute('href')).toBe('#/customers/7');

    const save = within(editor).getByTestId('segment-save');
    expect(save.hasAttribute('disabled')).toBe(true);
    fireEvent.change(within(editor).getByLabelText('Name of the group'), { target: { value: ' Likely to leave ' } });
    fireEvent.click(save);
    const card = await screen.findByTestId('segment-custom-2');
    expect(mock.saveSegment).toHaveBeenCalledWith('Likely to leave', [{ field: 'churn_risk', op: 'ge', value: '0.6' }]);
    expect(card.textContent).toContain('Churn risk is at least 60%');
    expect(screen.queryByTestId('segment-editor')).toBeNull();
    expect(screen.getByTestId('toast').textContent).toContain('Saved “Likely to leave”: 1,952 customers.');
  });

  it('offers the allowed values of a choice field in words', async () => {
    mock.previewSegment.mockResolvedValue({ customers: 861, examples: [] });
    await openCustomers();
    fireEvent.click(await screen.findByTestId('segment-new'));
    const editor = await screen.findByTestId('segment-editor');
    fireEvent.change(within(editor).getByTestId('rule-field'), { target: { value: 'status' } });
    const choice = within(editor).getByTestId('rule-value') as HTMLSelectElement;
    expect([...choice.options].map((o) => o.textContent)).toContain('Seasonal — due later');
    fireEvent.change(choice, { target: { value: 'at_risk' } });
    await waitFor(() => expect(mock.previewSegment).toHaveBeenLastCalledWith([{ field: 'status', op: 'eq', value: 'at_risk' }]));
    expect((await within(editor).findByTestId('preview-count')).textContent).toBe('861 customers match');
  });

  it('deletes a saved group after asking', async () => {
    mock.deleteSegment.mockResolvedValue(undefined);
    await openCustomers();
    const card = await screen.findByTestId('segment-custom-1');
    fireEvent.click(within(card).getByRole('button', { name: 'Delete the group Big spenders at risk' }));
    expect(mock.deleteSegment).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByTestId('segment-delete-confirm'));
    await waitFor(() => expect(screen.queryByTestId('segment-custom-1')).toBeNull());
    expect(mock.deleteSegment).toHaveBeenCalledWith('custom-1');
    // Storeloop's own groups cannot be deleted.
    expect(within(screen.getByTestId('segment-a')).queryByRole('button', { name: /Delete/ })).toBeNull();
  });
});

describe('the customer list', () => {
  it('shows each customer with plain numbers', async () => {
    await openCustomers();
    const rows = await screen.findAllByTestId('customer-row');
    expect(mock.listCustomers).toHaveBeenCalledWith(FIRST_QUERY);
    expect(rows).toHaveLength(3);
    const anna = rows[0] as HTMLElement;
    expect(within(anna).getByRole('link', { name: 'Anna Müller' }).getAttribute('href')).toBe('#/customers/42');
    for (const text of ['anna.mueller1@example.com', 'Oct 2, 2024', '€412.50', '18%', '81%', '€128.30', 'Active']) {
      expect(anna.textContent).toContain(text);
    }
    // Someone who never ordered: dashes, not zeros.
    const never = rows[2] as HTMLElement;
    expect(within(never).getAllByText('—').length).toBe(4);
    expect(screen.getByTestId('list-count').textContent).toBe('Showing 3 of 5,000');
  });

  it('searches once typing pauses, and sorts by the clicked header', async () => {
    await openCustomers();
    await screen.findAllByTestId('customer-row');
    const search = screen.getByLabelText('Search by name or email');
    for (const typed of ['a', 'an', 'ann', 'anna']) fireEvent.change(search, { target: { value: typed } });
    await waitFor(() => expect(mock.listCustomers).toHaveBeenLastCalledWith({ ...FIRST_QUERY, search: 'anna' }));
    const searches = mock.listCustomers.mock.calls.map(([q]) => q.search);
    expect(searches).toEqual(['', 'anna']);

    const list = screen.getByTestId('customer-list');
    const header = within(list).getByRole('button', { name: /Churn risk/ });
    fireEvent.click(header);
    await waitFor(() =>
      expect(mock.listCustomers).toHaveBeenLastCalledWith({ ...FIRST_QUERY, search: 'anna', sort: 'churn_risk', descending: true }),
    );
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(header);
    await waitFor(() =>
      expect(mock.listCustomers).toHaveBeenLastCalledWith({ ...FIRST_QUERY, search: 'anna', sort: 'churn_risk', descending: false }),
    );
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(within(list).getByRole('button', { name: /^Customer/ }));
    await waitFor(() =>
      expect(mock.listCustomers).toHaveBeenLastCalledWith({ ...FIRST_QUERY, search: 'anna', sort: 'name', descending: false }),
    );
  });

  it('loads the next page after the rows it has', async () => {
    mock.listCustomers
      .mockResolvedValueOnce(PAGE)
      .mockResolvedValueOnce({ rows: [{ ...ROWS[0]!, id: 43, name: 'Anna Schmidt' }], total: 5000, offset: 3 });
    await openCustomers();
    await screen.findAllByTestId('customer-row');
    fireEvent.click(screen.getByTestId('list-more'));
    await waitFor(() => expect(screen.getAllByTestId('customer-row')).toHaveLength(4));
    expect(mock.listCustomers).toHaveBeenLastCalledWith({ ...FIRST_QUERY, offset: 3 });
    expect(screen.getByTestId('list-count').textContent).toBe('Showing 4 of 5,000');
  });

  it('says when nobody matches a search', async () => {
    mock.listCustomers.mockResolvedValueOnce(PAGE).mockResolvedValue({ rows: [], total: 0, offset: 0 });
    await openCustomers();
    await screen.findAllByTestId('customer-row');
    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: 'zzz' } });
    expect((await screen.findByTestId('list-empty')).textContent).toContain('Nobody matches “zzz”.');
  });
});

describe('a customer’s page', () => {
  it('opens from the list and shows scores with their reasons', async () => {
    mock.customerDetail.mockResolvedValue(DETAIL);
    await openCustomers();
    const rows = await screen.findAllByTestId('customer-row');
    fireEvent.click(within(rows[0] as HTMLElement).getByText('6'));
    await screen.findByTestId('customer-page');
    expect(window.location.hash).toBe('#/customers/42');
    expect(mock.customerDetail).toHaveBeenCalledWith(42);

    expect((await screen.findByTestId('customer-name')).textContent).toBe('Anna Müller');
    expect(screen.getByTestId('customer-consent').textContent).toBe('Agreed to marketing emails');
    expect(screen.getByTestId('customer-consent-source').textContent).toBe(' — from checkout');
    expect(screen.getByTestId('score-churn').textContent).toContain('18%');
    expect(screen.getByTestId('score-orders-90').textContent).toContain('about 1.4 orders (likely 0.9–2.1)');
    expect(screen.getByTestId('score-orders-365').textContent).toContain('about 4.6');
    expect(screen.getByTestId('score-order-value').textContent).toContain('€68.90');
    expect(screen.getByTestId('score-clv').textContent).toContain('€128.30');
    expect(screen.getByTestId('next-order-date').textContent).toBe('around Dec 2, 2024');
    expect(screen.getByTestId('customer-next').textContent).toContain('Usually every 61 days — from their own 5 gaps between orders');
    expect(screen.getByTestId('customer-season').textContent).toBe('Buys around December most years');

    const reasons = screen.getByTestId('customer-reasons');
    expect(within(reasons).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Churn risk',
      'Paying full price',
      'Next order',
    ]);
    expect(reasons.textContent).toContain('5 of her 6 orders used no discount code.');
    const recs = screen.getByTestId('customer-recommendations');
    expect(recs.textContent).toContain('Stoneware Teapot, Sage');
    expect(recs.textContent).toContain('Often bought after Speckled Mug (31% of the time)');
    expect(recs.textContent).toContain('€21.50');
    const orders = screen.getByTestId('customer-orders');
    expect(within(orders).getAllByRole('row')).toHaveLength(3);
    expect(orders.textContent).toContain('SUMMER10');
    expect((screen.getByTestId('privacy-email') as HTMLInputElement).value).toBe('anna.mueller1@example.com');

    fireEvent.click(screen.getByTestId('customer-back'));
    expect(window.location.hash).toBe('#/customers');
    await screen.findByTestId('customers');
  });

  it('shows a dash and the reason where there is nothing to show', async () => {
    window.location.hash = '#/customers/311';
    mock.customerDetail.mockResolvedValue(DETAIL_NO_ORDERS);
    render(<App />);
    const churn = await screen.findByTestId('score-churn');
    expect(mock.customerDetail).toHaveBeenCalledWith(311);
    expect(screen.getByTestId('customer-name').textContent).toBe('newsletter.only@example.net');
    for (const id of ['score-churn', 'score-full-price', 'score-orders-90', 'score-orders-365', 'score-order-value', 'score-clv']) {
      const score = screen.getByTestId(id);
      expect(score.getAttribute('data-missing')).toBe('true');
      expect(score.textContent).toContain('—');
    }
    // Said once for the whole card, not under every dash.
    expect(screen.getByTestId('scores-missing').textContent).toBe('No orders yet, so there is nothing to predict from.');
    expect(screen.getByTestId('customer-next').textContent).toContain('— No orders yet, so there is nothing to predict from.');
    expect(churn.textContent).not.toContain('%');
    expect(screen.getByTestId('customer-consent-source').textContent).toContain('not recorded');
    expect(screen.getByTestId('customer-orders').textContent).toContain('No orders yet.');
    expect(screen.getByTestId('customer-recommendations').textContent).toContain('Suggestions appear after their first order.');
    expect(screen.queryByTestId('customer-season')).toBeNull();
  });

  it('says when the customer is not there', async () => {
    window.location.hash = '#/customers/99';
    mock.customerDetail.mockRejectedValue({ kind: 'not_found', message: 'No customer has the id 99.' });
    render(<App />);
    expect((await screen.findByTestId('customer-missing')).textContent).toContain('No customer has the id 99.');
    expect(screen.getByTestId('customer-back').getAttribute('href')).toBe('#/customers');
  });

  it('explains a single missing score under its dash', async () => {
    window.location.hash = '#/customers/42';
    mock.customerDetail.mockResolvedValue({ ...DETAIL, expected_order_value: null, row: { ...DETAIL.row, orders: 1 } });
    render(<App />);
    const value = await screen.findByTestId('score-order-value');
    expect(value.getAttribute('data-missing')).toBe('true');
    expect(value.textContent).toBe('Expected order value—Needs a second order to tell their usual spend from a one-off.');
    expect(screen.getByTestId('score-churn').getAttribute('data-missing')).toBe('false');
    expect(screen.queryByTestId('scores-missing')).toBeNull();
  });

  it('does not ask the core about an address that names no customer', async () => {
    window.location.hash = '#/customers/abc';
    render(<App />);
    expect((await screen.findByTestId('customer-missing')).textContent).toContain('“abc” is not a customer number.');
    expect(mock.customerDetail).not.toHaveBeenCalled();
  });
});
