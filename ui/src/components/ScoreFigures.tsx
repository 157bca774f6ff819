// The headline of a scoring run: orders expected from existing customers with their range, what
// those customers are worth over a year, and where everyone stands (active, due, at risk …).

import type { ScoreSummary } from '../gen/api';
import { STATUS_ORDER, STATUS_WORDS, badgeClass } from '../customerWords';
import { defaultLocale, formatCount, formatMoney, formatNumber, formatRate } from '../format';
import { Kpi } from './Kpi';

export function ScoreFigures({ summary, locale = defaultLocale() }: { summary: ScoreSummary; locale?: string }) {
  const mid = summary.expected_orders_90d;
  const digits = Math.abs(mid) >= 10 ? 0 : 1;
  const orders = (n: number) => formatNumber(n, digits, locale);
  const counts = new Map(summary.statuses.map((s) => [s.status, s.customers]));
  const everyone = summary.statuses.reduce((sum, s) => sum + s.customers, 0) || summary.customers;

  return (
    <>
      <section className="section" aria-labelledby="figures-title">
        <h2 id="figures-title" className="section__title">
          What to expect
        </h2>
        <div className="kpi-grid kpi-grid--3">
          <Kpi
            id="kpi-expected-orders"
            label="Orders expected in the next 90 days"
            value={`about ${orders(mid)} ${orders(mid) === '1' ? 'order' : 'orders'}`}
            range={`(likely ${orders(summary.expected_orders_90d_low)}–${orders(summary.expected_orders_90d_high)})`}
            raw={String(mid)}
            explain="From the customers you already have, new ones not counted. Eight times in ten the real number lands in the range."
          />
          <Kpi
            id="kpi-total-clv"
            label="What your customers are worth over the next year"
            value={formatMoney(summary.total_clv, locale)}
            raw={String(summary.total_clv.minor)}
            explain="The profit (after discounts, costs and refunds) expected from them in the next 12 months, in today’s money. Also called CLV."
          />
          <Kpi
            id="kpi-scored"
            label="Customers scored"
            value={formatCount(summary.customers, locale)}
            raw={String(summary.customers)}
            explain={`${formatCount(summary.customers_with_orders, locale)} have ordered, ${formatCount(summary.repeat_customers, locale)} more than once, over ${formatCount(summary.history_days, locale)} days of orders.`}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="statuses-title" data-testid="statuses">
        <div className="card__header">
          <h2 id="statuses-title" className="card__title">
            Where your customers stand
          </h2>
          <span className="card__meta">{formatCount(everyone, locale)} customers</span>
        </div>
        <ul className="statuses">
          {STATUS_ORDER.filter((s) => counts.has(s)).map((status) => {
            const n = counts.get(status) ?? 0;
            const words = STATUS_WORDS[status];
            const share = everyone > 0 ? n / everyone : 0;
            return (
              <li key={status} className="statuses__row" data-testid={`status-${status}`} data-count={n}>
                <span className={badgeClass(words.tone)}>{words.label}</span>
                <span className="statuses__count num">{formatCount(n, locale)}</span>
                <span className="statuses__bar" aria-hidden="true">
                  <span className={`statuses__fill statuses__fill--${words.tone}`} style={{ width: `${share * 100}%` }} />
                </span>
                <span className="statuses__share num muted">{formatRate(share, locale)}</span>
                <span className="statuses__explain muted">{words.explain}</span>
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
