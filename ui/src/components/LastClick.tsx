// Last click beside what the flow really added: the revenue of orders that came through its links
// (what most email tools report, orders that would have come anyway included) against the revenue
// lift the holdout shows, with its 95% range and the core's one-line explanation.

import type { FlowMeasurement } from '../gen/api';
import { defaultLocale, formatMoney, formatMoneyChange } from '../format';
import { plural } from '../flowWords';
import { Figure } from './Figure';

export function LastClickBlock({ m, locale = defaultLocale() }: { m: FlowMeasurement; locale?: string }) {
  const lc = m.last_click;
  const inc = lc.incremental_revenue;
  const change = (v: number) => formatMoneyChange(v, m.currency, locale);
  return (
    <section className="card card--stack" aria-labelledby="last-click-title" data-testid="last-click">
      <h2 id="last-click-title" className="card__title">
        Last click against what it really added
      </h2>
      <dl className="figures figures--2">
        <Figure id="last-click-revenue" label="Last click credits it with" value={formatMoney(lc.revenue, locale)} raw={lc.revenue.minor}>
          From {plural(lc.orders, 'order', 'orders', locale)} that came through its links.
        </Figure>
        <Figure
          id="last-click-incremental"
          label="Revenue it really added"
          value={inc ? change(inc.estimate) : '—'}
          raw={inc ? inc.estimate : ''}
        >
          {inc
            ? `Could be anywhere from ${change(inc.low)} to ${change(inc.high)} (95%), compared with the people held back.`
            : 'Not known until both groups have people in them.'}
        </Figure>
      </dl>
      <p className="muted" data-testid="last-click-explanation">
        {lc.explanation}
      </p>
    </section>
  );
}

/** The same on a card, in one line. */
export function LastClickLine({ m, locale = defaultLocale() }: { m: FlowMeasurement; locale?: string }) {
  const lc = m.last_click;
  const inc = lc.incremental_revenue;
  const change = (v: number) => formatMoneyChange(v, m.currency, locale);
  return (
    <>
      <dt>Revenue: last click against really added</dt>
      <dd data-testid={`last-click-${m.slug}`}>
        Last click {formatMoney(lc.revenue, locale)} from {plural(lc.orders, 'order', 'orders', locale)} · really added{' '}
        {inc ? `${change(inc.estimate)} (${change(inc.low)} to ${change(inc.high)})` : 'not known yet'}
      </dd>
    </>
  );
}
