// The Measurement area against a mocked core (./api): a card per flow with the core's margin
// verdict and its range in words, colour only on significant results, "not enough data yet" with
// the count still needed, leakage and last click on each card, the week's digest with its alerts,
// the empty and error states, example results played on the demo store, one flow's page with its
// window choice, week-by-week charts, last click, A/B versions, lifts in words, leakage and groups,
// what the flow is judged by, the CSV exports, and the way in from a flow's page.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { DemoFlowHistory, FlowWatch, Progress } from './gen/api';
import { CSV_COLUMNS, WEEK_CSV_COLUMNS } from './measureWords';
import { STATUS, STORE } from './test/fixtures';
import { CART_DETAIL, KILL_OFF } from './test/flowFixtures';
import { BROWSE_M, CART_M, CART_WEEKS, DIGEST, MEASUREMENTS, PLAYED, POST_M, WATCH, WINBACK_M } from './test/measureFixtures';
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
  mock.weeklyDigest.mockResolvedValue(DIGEST);
  mock.flowWatch.mockResolvedValue(WATCH);
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
    expect(needed.textContent).toBe('about 1,240 more customers, both groups together');
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
    // Conversion and revenue per group too, each with its range.
    const more = within(items[1]!).getByTestId('measure-segment-more').textContent ?? '';
    expect(more).toMatch(/Ordered: \+9(\.0)? points/);
    expect(more).toContain('anywhere from');
    expect(more).toMatch(/Revenue per person: \+€4\.10/);
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

describe('each card’s figures', () => {
  it('says the profit it added with its range, coloured only for a clear result', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    const cart = screen.getByTestId('margin-interval-abandoned-cart');
    expect(cart.textContent).toBe('Profit it added: +€1.43 per person emailed (could be anywhere from +€0.31 to +€2.55)');
    expect(cart.getAttribute('data-tone')).toBe('good');
    expect(cart.className).toContain('interval-text--good');

    // Not enough data yet: still the range, in neutral, beside the core's verdict with its pace as it is.
    const few = screen.getByTestId('margin-interval-win-back');
    expect(few.textContent).toBe('Profit it added: +€2.00 per person emailed (could be anywhere from -€3.10 to +€7.10)');
    expect(few.getAttribute('data-tone')).toBe('neutral');
    expect(within(card('win-back')).getByTestId('measure-verdict-text').textContent).toBe(WINBACK_M.margin.verdict);
    expect(within(card('win-back')).getByTestId('measure-verdict-text').textContent).toContain('about 52 more weeks');

    expect(screen.getByTestId('margin-interval-browse-abandonment').getAttribute('data-tone')).toBe('neutral');
    expect(screen.getByTestId('margin-interval-post-purchase').textContent).toBe(
      'Profit it added: not known until people enter it.',
    );
  });

  it('shows the discounts likely given away, in orders and cost', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    const cart = screen.getByTestId('leakage-abandoned-cart');
    expect(cart.textContent).toBe('12 orders by customers who usually pay full price, costing €74.80');
    expect(cart.getAttribute('data-cost')).toBe('7480');
    expect(screen.getByTestId('leakage-browse-abandonment').textContent).toBe(
      'None: no discount went to a customer who usually pays full price.',
    );
    expect(within(card('post-purchase')).getByTestId('leakage-post-purchase').getAttribute('data-orders')).toBe('0');
  });

  it('puts last click beside the revenue the flow really added', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    expect(screen.getByTestId('last-click-abandoned-cart').textContent).toBe(
      'Last click €6,124.00 from 61 orders · really added +€2,978.25 (-€433.20 to +€6,389.70)',
    );
    expect(screen.getByTestId('last-click-post-purchase').textContent).toBe(
      'Last click €0.00 from 0 orders · really added not known yet',
    );
  });
});

describe('this week', () => {
  it('puts the core’s headline and each flow’s week above the cards', async () => {
    render(<App />);
    await screen.findByTestId('digest-headline');
    const digest = screen.getByTestId('digest');
    expect(digest.compareDocumentPosition(screen.getAllByTestId('measure-card')[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(digest).getByTestId('digest-headline').textContent).toBe(DIGEST.headline);
    expect(within(digest).getByTestId('digest-dates').textContent).toBe('Sep 7, 2026 to Sep 14, 2026');

    const lines = within(digest).getAllByTestId('digest-flow');
    expect(lines.map((l) => l.getAttribute('data-slug'))).toEqual(['abandoned-cart', 'browse-abandonment', 'win-back']);
    const [cart, browse, winBack] = lines;
    expect(within(cart!).getByTestId('digest-week').textContent).toBe('236 new customers · 314 emails · 1 unsubscribe');
    const margin = within(cart!).getByTestId('digest-margin');
    expect(margin.textContent).toBe('Profit added so far: +€1,548.69 in all (could be anywhere from +€335.73 to +€2,761.65)');
    expect(margin.getAttribute('data-tone')).toBe('good');
    expect(within(browse!).getByTestId('digest-margin').getAttribute('data-tone')).toBe('neutral');
    expect(browse!.textContent).toContain('Paused');
    // A flow judged by something else than profit says so, in the core's words.
    expect(within(winBack!).getByTestId('digest-success').textContent).toBe(
      `Judged by revenue per person: ${DIGEST.flows[2]!.success.verdict}`,
    );
    expect(within(winBack!).getByTestId('digest-margin').getAttribute('data-tone')).toBe('neutral');
    expect(within(cart!).getByTestId('digest-flow-link').getAttribute('href')).toBe('#/measurement/abandoned-cart');
  });

  it('shows the week’s alerts as alerts, each with the way to its flow', async () => {
    render(<App />);
    const alerts = await screen.findByTestId('digest-alerts');
    expect(alerts.getAttribute('role')).toBe('alert');
    expect(alerts.className).toContain('banner--danger');
    const [alert] = within(alerts).getAllByTestId('digest-alert');
    expect(alert!.textContent).toContain(DIGEST.alerts[0]!.message);
    expect(alert!.textContent).toContain('Paused');
    const link = within(alert!).getByTestId('digest-alert-link');
    expect(link.textContent).toBe('Open Browse abandonment');
    expect(link.getAttribute('href')).toBe('#/flows/browse-abandonment');
    fireEvent.click(link);
    expect(window.location.hash).toBe('#/flows/browse-abandonment');
  });

  it('shows no alert box in a quiet week', async () => {
    mock.weeklyDigest.mockResolvedValue({ ...DIGEST, alerts: [] });
    render(<App />);
    await screen.findByTestId('digest-headline');
    expect(screen.queryByTestId('digest-alerts')).toBeNull();
  });

  it('checks the limits now and reads the week again', async () => {
    mock.watchFlows.mockResolvedValue([]);
    render(<App />);
    await screen.findByTestId('digest-headline');
    fireEvent.click(screen.getByTestId('digest-check'));
    expect((await screen.findByTestId('digest-checked')).textContent).toBe(
      'Checked just now: no live flow is past its limit.',
    );
    expect(mock.watchFlows).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(mock.weeklyDigest).toHaveBeenCalledTimes(2));

    mock.watchFlows.mockRejectedValueOnce({ kind: 'database', message: 'Query flow_mail failed: disk I/O error.' });
    fireEvent.click(screen.getByTestId('digest-check'));
    expect((await screen.findByTestId('digest-check-error')).textContent).toBe('Query flow_mail failed: disk I/O error.');
  });

  it('keeps the cards when the week cannot be put together', async () => {
    mock.weeklyDigest.mockRejectedValue({ kind: 'database', message: 'Query flow_between failed.' });
    render(<App />);
    const digest = await screen.findByTestId('digest');
    expect((await within(digest).findByTestId('error-message')).textContent).toBe('Query flow_between failed.');
    expect(screen.getAllByTestId('measure-card')).toHaveLength(4);
  });
});

describe('example results on the demo store', () => {
  const NOBODY = [POST_M, { ...POST_M, slug: 'win-back', name: 'Win-back' }];

  it('plays 90 days with progress, reads the results again and shows what was planted', async () => {
    mock.measureFlows.mockResolvedValueOnce(NOBODY);
    let emit: (p: Progress) => void = () => {};
    const stop = vi.fn();
    mock.onProgress.mockImplementation(async (handler) => {
      emit = handler;
      return stop;
    });
    const playing = deferred<DemoFlowHistory>();
    mock.playDemoFlows.mockReturnValue(playing.promise);
    render(<App />);

    const empty = await screen.findByTestId('measure-empty');
    expect(within(empty).getByRole('button', { name: 'Go to Flows' })).toBeTruthy();
    expect(empty.textContent).toContain(
      'it launches the four playbooks as if they had run for the last 90 days, with a known effect planted, so measurement has something to show.',
    );
    const play = within(empty).getByTestId('play-demo-flows');
    expect(play.textContent).toBe('Play 90 days of example results');
    fireEvent.click(play);
    const bar = await screen.findByRole('progressbar', { name: 'Playing 90 days of example results' });
    await waitFor(() => expect(mock.playDemoFlows).toHaveBeenCalledWith(90));
    expect(screen.getByTestId('play-demo-flows').hasAttribute('disabled')).toBe(true);
    act(() => emit({ task: 'play', done: 120, total: 360, message: 'Playing the flows: day 30 of 90' }));
    expect(bar.getAttribute('aria-valuenow')).toBe('33');
    expect(screen.getByTestId('play-status').textContent).toContain('Playing the flows: day 30 of 90 · 120 of 360');

    await act(async () => playing.resolve(PLAYED));
    expect(await screen.findAllByTestId('measure-card')).toHaveLength(4);
    expect(mock.measureFlows).toHaveBeenCalledTimes(2);
    expect(stop).toHaveBeenCalled();
    await screen.findByTestId('digest-headline');

    const note = screen.getByTestId('played-note');
    expect(note.textContent).toContain('90 days of example results played');
    const flows = within(note).getAllByTestId('played-flow');
    expect(flows.map((f) => f.getAttribute('data-slug'))).toEqual(PLAYED.flows.map((f) => f.slug));
    expect(flows[0]!.textContent).toBe(
      'Abandoned cart, by intent: +€1.25 per person emailed (1,083 people emailed, 48 orders the emails caused)',
    );
    fireEvent.click(within(note).getByTestId('played-close'));
    expect(screen.queryByTestId('played-note')).toBeNull();
  });

  it('shows the core’s message when it refuses, and leaves the page as it was', async () => {
    mock.measureFlows.mockResolvedValue(NOBODY);
    mock.playDemoFlows.mockRejectedValue({
      kind: 'invalid_input',
      message: 'The demo store’s flows have already run, so their history is already there.',
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId('play-demo-flows'));
    expect((await screen.findByTestId('play-error')).textContent).toBe(
      'The demo store’s flows have already run, so their history is already there.',
    );
    expect(screen.queryByTestId('played-note')).toBeNull();
    expect(mock.measureFlows).toHaveBeenCalledTimes(1);
  });

  it('is not offered on the owner’s own store', async () => {
    mock.appStatus.mockResolvedValue({ ...STATUS, store: { ...STORE, source: 'import' } });
    mock.measureFlows.mockResolvedValue(NOBODY);
    render(<App />);
    const empty = await screen.findByTestId('measure-empty');
    expect(within(empty).getByRole('button', { name: 'Go to Flows' })).toBeTruthy();
    expect(screen.queryByTestId('play-demo-flows')).toBeNull();
  });
});

describe('the weeks as CSV', () => {
  it('exports a row per flow and week', async () => {
    render(<App />);
    await screen.findAllByTestId('measure-card');
    expect(screen.queryByTestId('measure-weeks-csv')).toBeNull();
    fireEvent.click(screen.getByTestId('measure-export-weeks-show'));
    const csv = (screen.getByTestId('measure-weeks-csv') as HTMLTextAreaElement).value;
    const lines = csv.trimEnd().split('\n');
    const weeks = MEASUREMENTS.reduce((n, m) => n + m.weeks.length, 0);
    expect(lines).toHaveLength(1 + weeks);
    expect(lines[0]).toBe(WEEK_CSV_COLUMNS.join(','));
    const header = lines[0]!.split(',');
    const last = Object.fromEntries(csvCells(lines[CART_WEEKS.length]!).map((v, i) => [header[i], v]));
    expect(last).toMatchObject({
      slug: 'abandoned-cart',
      week_start: '2026-09-07',
      recipients_treatment: '212',
      margin_per_recipient_holdout: '4',
      discount_spend: '77.5',
      cumulative_margin_lift_low: '0.31',
    });
    // One box at a time: the flows' CSV replaces the weeks'.
    fireEvent.click(screen.getByTestId('measure-export-show'));
    expect(screen.queryByTestId('measure-weeks-csv')).toBeNull();
    expect(screen.getByTestId('measure-csv')).toBeTruthy();
  });
});

describe('one flow, week by week', () => {
  async function openCart() {
    window.location.hash = '#/measurement/abandoned-cart';
    render(<App />);
    return screen.findByTestId('measure-weeks');
  }

  function readout(chart: HTMLElement, key: string) {
    fireEvent.keyDown(chart.querySelector('svg') as SVGSVGElement, { key });
    return within(chart).getByTestId('chart-readout').textContent;
  }

  it('draws profit per person emailed and held back, with a gap where nobody was held back', async () => {
    await openCart();
    const chart = screen.getByTestId('week-chart-margin');
    expect(within(chart).getByRole('group', { name: /profit per person, emailed and held back, week by week\. 6 weeks/ })).toBeTruthy();
    expect(within(chart).getByTestId('week-axis').textContent).toBe('Profit per person (EUR)');
    expect(within(chart).getByRole('list', { name: 'Legend' }).textContent).toContain('Held back');
    const points = within(chart).getAllByTestId('week-point');
    const of = (series: string) => points.filter((p) => p.getAttribute('data-series') === series);
    expect(of('treatment').map((p) => p.getAttribute('data-value'))).toEqual(['5.8', '5.2', '5.6', '5.7', '5.4', '5.5']);
    expect(of('holdout').map((p) => p.getAttribute('data-week'))).toEqual(CART_WEEKS.slice(1).map((w) => w.week_start));
    const holdoutLine = within(chart).getAllByTestId('week-line').find((l) => l.getAttribute('data-series') === 'holdout')!;
    // One line through the five weeks with a holdout, starting at the second week's point.
    const d = holdoutLine.getAttribute('d')!;
    expect(d.match(/[ML]/g)).toHaveLength(5);
    expect(Number(/^M([\d.]+),/.exec(d)![1])).toBeCloseTo(Number(of('holdout')[0]!.getAttribute('cx')), 1);
    // Week dates under the plot.
    expect(within(chart).getAllByTestId('week-label').map((l) => l.textContent)).toEqual([
      'Aug 3',
      'Aug 10',
      'Aug 17',
      'Aug 24',
      'Aug 31',
      'Sep 7',
    ]);
    expect(readout(chart, 'Home')).toBe('Week of Aug 3, 2026: Emailed €5.80, Held back not yet known');
    expect(readout(chart, 'End')).toBe('Week of Sep 7, 2026: Emailed €5.50, Held back €4.00');
  });

  it('draws revenue per person emailed and held back', async () => {
    await openCart();
    const chart = screen.getByTestId('week-chart-revenue');
    expect(within(chart).getByTestId('week-axis').textContent).toBe('Revenue per person (EUR)');
    expect(readout(chart, 'End')).toBe('Week of Sep 7, 2026: Emailed €9.40, Held back €6.70');
  });

  it('draws what discounts cost as bars', async () => {
    await openCart();
    const chart = screen.getByTestId('week-chart-discounts');
    expect(within(chart).getByTestId('week-axis').textContent).toBe('Discounts redeemed (EUR)');
    const bars = within(chart).getAllByTestId('week-bar');
    expect(bars.map((b) => Number(b.getAttribute('data-value')))).toEqual(CART_WEEKS.map((w) => w.discount_spend));
    // The biggest week has the tallest bar.
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights.indexOf(Math.max(...heights))).toBe(4);
    fireEvent.click(within(chart).getByRole('button', { name: 'Show as a table' }));
    expect(within(chart).getByRole('table').textContent).toContain('Sep 7, 2026€77.50');
  });

  it('draws emails above unsubscribes, each on its own scale', async () => {
    await openCart();
    const chart = screen.getByTestId('week-chart-unsubscribes');
    expect(within(chart).getAllByTestId('week-axis').map((a) => a.textContent)).toEqual(['Emails sent', 'Unsubscribes']);
    const bars = within(chart).getAllByTestId('week-bar');
    const of = (series: string) => bars.filter((b) => b.getAttribute('data-series') === series).map((b) => Number(b.getAttribute('data-value')));
    expect(of('emails')).toEqual([18, 280, 320, 335, 345, 314]);
    expect(of('unsubscribes')).toEqual([0, 1, 1, 2, 0, 1]);
    expect(readout(chart, 'End')).toBe('Week of Sep 7, 2026: Emails sent 314, Unsubscribes 1');
  });

  it('draws what the flow has added so far with its 95% band and the zero line', async () => {
    await openCart();
    const chart = screen.getByTestId('week-chart-cumulative');
    expect(within(chart).getByTestId('week-axis').textContent).toBe('Profit added per person emailed (EUR)');
    expect(within(chart).getByTestId('week-zero')).toBeTruthy();
    // No running estimate in the first week: five points and one shaded band.
    expect(within(chart).getAllByTestId('week-point')).toHaveLength(5);
    expect(within(chart).getByTestId('week-band').getAttribute('d')!.match(/Z/g)).toHaveLength(1);
    expect(within(chart).getByRole('list', { name: 'Legend' }).textContent).toContain('95% range');
    expect(readout(chart, 'Home')).toBe('Week of Aug 3, 2026: Best estimate so far not yet known');
    expect(readout(chart, 'End')).toBe('Week of Sep 7, 2026: Best estimate so far +€1.43, 95% range +€0.31 to +€2.55');
  });

  it('says so when there are no weeks yet', async () => {
    window.location.hash = '#/measurement/abandoned-cart';
    mock.measureFlow.mockResolvedValue({ ...CART_M, weeks: [] });
    render(<App />);
    expect((await screen.findByTestId('measure-weeks')).textContent).toContain('No weeks to show yet.');
    expect(screen.queryByTestId('week-chart-margin')).toBeNull();
  });

  it('shows how many customers enter a week lately', async () => {
    await openCart();
    expect(screen.getByTestId('measure-pace').textContent).toBe('about 151 a week');
  });
});

describe('one flow: last click and versions', () => {
  it('puts last click beside what the flow really added, with the core’s explanation', async () => {
    window.location.hash = '#/measurement/abandoned-cart';
    render(<App />);
    const block = await screen.findByTestId('last-click');
    expect(within(block).getByTestId('last-click-revenue').textContent).toBe('€6,124.00');
    expect(block.textContent).toContain('From 61 orders that came through its links.');
    expect(within(block).getByTestId('last-click-incremental').textContent).toBe('+€2,978.25');
    expect(block.textContent).toContain('Could be anywhere from -€433.20 to +€6,389.70 (95%)');
    expect(within(block).getByTestId('last-click-explanation').textContent).toBe(CART_M.last_click.explanation);
  });

  it('shows each A/B version against the people held back', async () => {
    window.location.hash = '#/measurement/abandoned-cart';
    render(<App />);
    const arms = await screen.findByTestId('measure-arms');
    const rows = within(arms).getAllByTestId('measure-arm');
    expect(rows.map((r) => r.getAttribute('data-arm'))).toEqual(['Reminder only', 'Reminder + 10% off']);
    expect(rows[0]!.getAttribute('data-tone')).toBe('good');
    expect(rows[0]!.textContent).toContain('Reminder only54061+€1.90+€0.35 to +€3.45Earns more');
    expect(rows[1]!.getAttribute('data-tone')).toBe('neutral');
    expect(rows[1]!.textContent).toContain('Not enough data yet');
    expect(within(rows[1]!).getByTestId('measure-arm-verdict').textContent).toBe(CART_M.arms[1]!.margin.verdict);
  });

  it('has no versions table for a flow without an A/B step', async () => {
    window.location.hash = '#/measurement/browse-abandonment';
    render(<App />);
    await screen.findByTestId('last-click');
    expect(screen.queryByTestId('measure-arms')).toBeNull();
  });
});

describe('what a flow is judged by', () => {
  async function openForm(slug = 'abandoned-cart') {
    window.location.hash = `#/measurement/${slug}`;
    render(<App />);
    return screen.findByTestId('watch-form');
  }
  const field = (id: string) => screen.getByTestId(id) as HTMLInputElement & HTMLSelectElement;

  it('shows what is saved, with the limit as a percent', async () => {
    await openForm();
    expect(mock.flowWatch).toHaveBeenCalledWith('abandoned-cart');
    expect(field('watch-success').value).toBe('margin_per_recipient');
    expect(field('watch-failure').value).toBe('unsubscribe_rate');
    expect(field('watch-threshold').value).toBe('0.5');
    expect(field('watch-pause').checked).toBe(false);
    expect(screen.getByTestId('watch-save').hasAttribute('disabled')).toBe(true);
    expect(screen.getByLabelText('Pause the flow when this is crossed')).toBe(screen.getByTestId('watch-pause'));
  });

  it('saves the limit as a share, and what was chosen', async () => {
    const saved = deferred<FlowWatch>();
    mock.saveFlowWatch.mockReturnValue(saved.promise);
    await openForm();
    fireEvent.change(field('watch-success'), { target: { value: 'revenue_per_recipient' } });
    fireEvent.change(field('watch-failure'), { target: { value: 'complaint_rate' } });
    fireEvent.change(field('watch-threshold'), { target: { value: '0,1' } });
    fireEvent.click(field('watch-pause'));
    fireEvent.click(screen.getByTestId('watch-save'));
    const watch: FlowWatch = {
      success_metric: 'revenue_per_recipient',
      failure_metric: 'complaint_rate',
      failure_threshold: 0.001,
      pause_on_failure: true,
    };
    expect(mock.saveFlowWatch).toHaveBeenCalledWith('abandoned-cart', watch);
    expect(screen.getByTestId('watch-save').textContent).toBe('Saving…');
    await act(async () => saved.resolve(watch));
    expect(screen.getByTestId('watch-save').hasAttribute('disabled')).toBe(true);
    expect(field('watch-threshold').value).toBe('0.1');
    expect(screen.getByTestId('watch-form').textContent).toContain('No changes to save.');
  });

  it('has no limit to type for “loses money”', async () => {
    mock.saveFlowWatch.mockImplementation((_slug, w) => Promise.resolve(w));
    await openForm();
    fireEvent.change(field('watch-failure'), { target: { value: 'margin_loss' } });
    expect(screen.queryByTestId('watch-threshold')).toBeNull();
    expect(screen.getByTestId('watch-margin-loss-hint').textContent).toContain('whole 95% range below zero');
    fireEvent.click(screen.getByTestId('watch-save'));
    expect(mock.saveFlowWatch).toHaveBeenCalledWith('abandoned-cart', { ...WATCH, failure_metric: 'margin_loss' });
    await waitFor(() => expect(screen.getByTestId('watch-save').hasAttribute('disabled')).toBe(true));
  });

  it('shows the core’s message when it refuses, and keeps what was typed', async () => {
    mock.saveFlowWatch.mockRejectedValue({
      kind: 'invalid_input',
      message: 'The failure threshold is a share between 0 and 1 (0.005 is 0.5%), not 1.5.',
    });
    await openForm();
    fireEvent.change(field('watch-threshold'), { target: { value: '150' } });
    fireEvent.click(screen.getByTestId('watch-save'));
    expect(mock.saveFlowWatch).toHaveBeenCalledWith('abandoned-cart', { ...WATCH, failure_threshold: 1.5 });
    const error = await screen.findByTestId('watch-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('The failure threshold is a share between 0 and 1 (0.005 is 0.5%), not 1.5.');
    expect(field('watch-threshold').value).toBe('150');
  });

  it('asks for a number before sending anything', async () => {
    await openForm();
    fireEvent.change(field('watch-threshold'), { target: { value: 'half a percent' } });
    fireEvent.click(screen.getByTestId('watch-save'));
    expect(screen.getByTestId('watch-invalid').textContent).toBe('Type the limit as a percent, such as 0.5.');
    expect(mock.saveFlowWatch).not.toHaveBeenCalled();
  });

  it('can be set before anyone has entered the flow', async () => {
    await openForm('post-purchase');
    expect(screen.getByTestId('measure-flow-empty')).toBeTruthy();
    expect(mock.flowWatch).toHaveBeenCalledWith('post-purchase');
  });
});
