// The Measurement area against a mocked core (./api): a card per flow with the core's margin
// verdict, colour only on significant results, "not enough data yet" with the count still needed,
// the empty and error states, one flow's page with its window choice, lifts in words, leakage and
// groups, the CSV export, and the way in from a flow's page.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import { CSV_COLUMNS } from './measureWords';
import { CART_DETAIL, KILL_OFF } from './test/flowFixtures';
import { BROWSE_M, CART_M, MEASUREMENTS, POST_M } from './test/measureFixtures';
import { deferred, resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/measurement');
  mock.scoreSummary.mockResolvedValue(null);
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.measureFlows.mockResolvedValue(MEASUREMENTS);
  mock.measureFlow.mockImplementation((slug, window) => {
    const m = MEASUREMENTS.find((f) => f.slug === slug) ?? CART_M;
    return Promise.resolve(window === null ? m : { ...m, window_days: window });
  });
});

function card(slug: string) {
  const found = screen.getAllByTestId('measure-card').find((c) => c.getAttribute('data-slug') === slug);
  if (!found) throw new Error(`no card for ${slug}`);
  return found;
}

/** The cells of one CSV line, quotes undone. */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

describe('the overview', () => {
  it('shows a card per flow with the core’s margin verdict and both groups', async () => {
    render(<App />);
    const cards = await screen.findAllByTestId('measure-card');
    expect(cards.map((c) => c.getAttribute('data-slug'))).toEqual(MEASUREMENTS.map((m) => m.slug));
    expect(screen.queryByTestId('coming-measurement')).toBeNull();

    const cart = card('abandoned-cart');
    expect(within(cart).getByRole('heading', { level: 2 }).textContent).toBe(CART_M.name);
    expect(within(cart).getByTestId('measure-verdict-text').textContent).toBe(CART_M.margin.verdict);
    expect(within(cart).getByTestId('measure-recipients-treatment').textContent).toBe('1,083');
    expect(within(cart).getByTestId('measure-recipients-holdout').textContent).toBe('121');
    expect(within(card('browse-abandonment')).getByTestId('measure-verdict-text').textContent).toBe(BROWSE_M.margin.verdict);
    // The interval chart has its table for anyone who prefers numbers.
    fireEvent.click(within(cart).getByRole('button', { name: 'Show as a table' }));
    expect(within(cart).getByRole('table').textContent).toContain('+€1.43');
    expect(within(cart).getByRole('table').textContent).toContain('+€0.31');
  });

  it('marks a significant gain as good and leaves a result that could be chance neutral', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');

    const good = within(card('abandoned-cart'));
    expect(good.getByTestId('measure-verdict').getAttribute('data-tone')).toBe('good');
    expect(good.getByTestId('measure-badge').textContent).toBe('Earns more');
    expect(good.getByTestId('measure-badge').className).toContain('badge--success');
    expect(good.getByTestId('interval-row').getAttribute('data-tone')).toBe('good');

    const noise = within(card('browse-abandonment'));
    expect(noise.getByTestId('measure-verdict').getAttribute('data-tone')).toBe('neutral');
    expect(noise.getByTestId('measure-badge').textContent).toBe('No clear difference');
    expect(noise.getByTestId('measure-badge').className).toBe('badge');
    expect(noise.getByTestId('interval-row').getAttribute('data-tone')).toBe('neutral');
    expect(noise.queryByTestId('measure-needed')).toBeNull();
  });

  it('says “not enough data yet” with how many more people each group needs', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    const few = within(card('win-back'));
    expect(few.getByTestId('measure-badge').textContent).toBe('Not enough data yet');
    expect(few.getByTestId('measure-badge').className).toBe('badge');
    const needed = few.getByTestId('measure-needed');
    expect(needed.getAttribute('data-needed')).toBe('1240');
    expect(needed.textContent).toBe('about 1,240 more in each group');
    expect(few.getByTestId('measure-verdict').getAttribute('data-tone')).toBe('neutral');
    // A flow nobody has entered says so, and draws no chart.
    const idle = within(card('post-purchase'));
    expect(idle.getByTestId('measure-not-started').textContent).toContain('Nobody has entered this flow yet');
    expect(idle.queryByTestId('measure-margin-chart')).toBeNull();
  });

  it('says what to do when no flow has had anyone through it yet', async () => {
    mock.measureFlows.mockResolvedValue([POST_M, { ...POST_M, slug: 'win-back', name: 'Win-back' }]);
    render(<App />);
    const empty = await screen.findByTestId('measure-empty');
    expect(empty.textContent).toContain(
      'Launch a flow; results appear here as customers go through it — a holdout of 10% is kept back to compare with.',
    );
    expect(screen.queryByTestId('measure-card')).toBeNull();
    fireEvent.click(within(empty).getByRole('button', { name: 'Go to Flows' }));
    expect(window.location.hash).toBe('#/flows');
  });

  it('shows the core’s message when the results cannot be worked out, and tries again', async () => {
    mock.measureFlows.mockRejectedValueOnce({ kind: 'database', message: 'Query recipients failed: disk I/O error.' });
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe('Query recipients failed: disk I/O error.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('measure-card')).toHaveLength(4);
  });

  it('exports one CSV row per flow with the columns and values', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    fireEvent.click(screen.getByTestId('measure-export-show'));
    const csv = (screen.getByTestId('measure-csv') as HTMLTextAreaElement).value;
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + MEASUREMENTS.length);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]).toContain('abandoned-cart,"Abandoned cart, by intent",5,EUR,');
    const header = lines[0]!.split(',');
    const row = (line: string) => Object.fromEntries(csvCells(line).map((v, i) => [header[i], v]));
    const cart = row(lines[1]!);
    expect(cart).toMatchObject({
      slug: 'abandoned-cart',
      name: 'Abandoned cart, by intent',
      window_days: '5',
      currency: 'EUR',
      recipients_treatment: '1083',
      recipients_holdout: '121',
      conversion_rate_treatment: '0.148',
      conversion_rate_holdout: '0.107',
      margin_lift_per_recipient: '1.43',
      margin_lift_low: '0.31',
      margin_lift_high: '2.55',
      margin_lift_p_value: '0.012',
      margin_lift_significant: 'true',
      revenue_lift_per_recipient: '2.75',
      discount_cost_treatment: '412.50',
      leakage_orders: '12',
      leakage_cost: '74.80',
      unsubscribe_rate: '0.0031',
    });
    // A flow with no interval yet leaves those cells empty.
    const idle = row(lines[4]!);
    expect(idle).toMatchObject({ slug: 'post-purchase', margin_lift_per_recipient: '', margin_lift_p_value: '' });
  });
});

describe('one flow’s results', () => {
  it('opens from its card with the flow’s own window', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    fireEvent.click(within(card('abandoned-cart')).getByTestId('measure-card-link'));
    expect(window.location.hash).toBe('#/measurement/abandoned-cart');
    await screen.findByTestId('measure-answer');
    expect(mock.measureFlow).toHaveBeenCalledWith('abandoned-cart', null);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(CART_M.name);
    expect((screen.getByTestId('measure-window-5') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('measure-window-5').closest('label')?.textContent).toBe('5 days (usual)');
  });

  it('reads the results again for the window chosen', async () => {
    window.location.hash = '#/measurement/abandoned-cart';
    const later = deferred<typeof CART_M>();
    render(<App />);
    await screen.findByTestId('measure-answer');
    mock.measureFlow.mockReturnValueOnce(later.promise);
    fireEvent.click(screen.getByTestId('measure-window-14'));
    expect(mock.measureFlow).toHaveBeenLastCalledWith('abandoned-cart', 14);
    // The last results stay while the new ones are worked out.
    expect(screen.getByTestId('measure-answer')).toBeTruthy();
    expect(screen.getByText('Counting the orders placed within 14 days…')).toBeTruthy();
    later.resolve({ ...CART_M, window_days: 14 });
    await waitFor(() => expect(document.querySelector('.measure-results')?.getAttribute('data-window')).toBe('14'));
    expect((screen.getByTestId('measure-window-14') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('measure-rates').textContent).toContain('Ordered within 14 days');
  });

  it('puts the two groups side by side and says each lift, its range and its p-value in words', async () => {
    window.location.hash = '#/measurement/abandoned-cart';
    render(<App />);
    await screen.findByTestId('measure-answer');

    const rate = (key: string) =>
      Array.from(screen.getByTestId('measure-rates').querySelectorAll('tr')).find((r) => r.getAttribute('data-rate') === key)!
        .textContent;
    expect(rate('conversion')).toBe('Ordered within 5 days14.8%10.7%');
    expect(rate('discount-cost')).toBe('What discounts cost, in total€412.50€31.00');
    expect(rate('revenue')).toBe('Revenue, in total€10,243.00€812.10');
    expect(rate('margin-per')).toBe('Profit per person€5.53€4.10');

    const lifts = screen.getAllByTestId('measure-lift');
    expect(lifts.map((l) => l.getAttribute('data-metric'))).toEqual(['conversion', 'revenue per recipient', 'margin per recipient']);
    const [conversion, revenue, margin] = lifts;
    expect(conversion!.textContent).toContain('+4.1 points');
    expect(conversion!.textContent).toContain('+0.2 points to +8 points');
    expect(conversion!.textContent).toContain('+38%');
    expect(within(conversion!).getByTestId('measure-p').textContent).toBe(
      'p = 0.03: a difference this large would be rare if the flow did nothing.',
    );
    expect(revenue!.getAttribute('data-tone')).toBe('neutral');
    expect(revenue!.textContent).toContain('-€0.40 to +€5.90');
    expect(within(revenue!).getByTestId('measure-p').textContent).toBe('p = 0.09: a difference like this could well be chance.');
    expect(margin!.getAttribute('data-tone')).toBe('good');
    expect(margin!.textContent).toContain('+€1.43');

    expect(screen.getByTestId('measure-unsubscribe').textContent).toBe('0.31%');
    expect(screen.getByTestId('measure-complaint').textContent).toBe('0.06%');
    expect(screen.getByTestId('measure-leak-orders').textContent).toBe('12');
    expect(screen.getByTestId('measure-leak-cost').textContent).toBe('€74.80');
    expect(screen.getByTestId('measure-leakage').textContent).toContain('Of €412.50 in discounts to everyone emailed.');
  });

  it('shows each group of customers with its own verdict and bar, and the core’s notes', async () => {
    window.location.hash = '#/measurement/abandoned-cart';
    render(<App />);
    const groups = await screen.findByTestId('measure-segments');
    const rows = within(within(groups).getByTestId('measure-segments-chart')).getAllByTestId('interval-row');
    expect(rows.map((r) => r.getAttribute('data-tone'))).toEqual(['good', 'neutral', 'good']);
    const items = within(groups).getAllByTestId('measure-segment');
    expect(items.map((i) => i.getAttribute('data-segment'))).toEqual(['a', 'b']);
    expect(within(items[0]!).getByTestId('measure-verdict-text').textContent).toBe(CART_M.segments[0]!.margin.verdict);
    expect(items[0]!.textContent).toContain('430 emailed · 48 held back');
    expect(screen.getByTestId('measure-notes').textContent).toContain('the 10% holdout went through the same decisions');
  });

  it('says so when the flow cannot be found', async () => {
    window.location.hash = '#/measurement/nope';
    mock.measureFlow.mockRejectedValue({ kind: 'not_found', message: 'There is no flow `nope`.' });
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe('There is no flow `nope`.');
  });

  it('is linked from the flow’s own page', async () => {
    window.location.hash = '#/flows/abandoned-cart';
    mock.flowDetail.mockResolvedValue(CART_DETAIL);
    render(<App />);
    const link = await screen.findByTestId('flow-measurement-link');
    expect(link.textContent).toBe('See what it earned');
    expect(link.getAttribute('href')).toBe('#/measurement/abandoned-cart');
    fireEvent.click(link);
    await screen.findByTestId('measure-answer');
    expect(mock.measureFlow).toHaveBeenCalledWith('abandoned-cart', null);
  });
});
