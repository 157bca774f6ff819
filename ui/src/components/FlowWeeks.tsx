// One flow's results week by week (customers counted in the week they first entered): what it
// has added so far with its 95% range, profit and revenue per person emailed against held back,
// what discounts cost, and emails with the unsubscribes they brought.

import type { FlowMeasurement } from '../gen/api';
import { defaultLocale, formatCount, formatMajorMoney, formatMoneyChange, formatMoneyCompact } from '../format';
import { perRecipientByWeek } from '../measureWords';
import { WeekChart } from './WeekChart';

export function FlowWeeks({ m, locale = defaultLocale() }: { m: FlowMeasurement; locale?: string }) {
  const cur = m.currency;
  const money = (v: number) => formatMajorMoney(v, cur, locale);
  const change = (v: number) => formatMoneyChange(v, cur, locale);
  // Axis steps in full (€2.50), shortened only from a thousand up (€1.2K).
  const tick = (v: number) => (Math.abs(v) >= 1000 ? formatMoneyCompact(v, cur, locale) : money(v));
  const count = (v: number) => formatCount(v, locale);
  const weeks = m.weeks.map((w) => w.week_start);
  const margin = perRecipientByWeek(m.weeks, 'margin');
  const revenue = perRecipientByWeek(m.weeks, 'revenue');
  const cumulative = m.weeks.map((w) => w.cumulative_margin);

  return (
    <section className="card card--stack" aria-labelledby="measure-weeks-title" data-testid="measure-weeks">
      <h2 id="measure-weeks-title" className="card__title">
        Week by week
      </h2>
      {m.weeks.length === 0 ? (
        <p className="muted">No weeks to show yet.</p>
      ) : (
        <>
          <p className="muted small">
            Customers are counted in the week they first entered the flow. The latest weeks can still change: their
            customers’ {m.window_days} days to order are not over yet.
          </p>

          <div className="measure-week">
            <h3 className="measure-week__title">What it has added so far, per person emailed</h3>
            <p className="muted small">
              Emailed minus held back, over everyone who entered up to that week. The shaded band is where the true
              difference most likely lies (95%); while it crosses the zero line, it could be no difference at all.
            </p>
            <WeekChart
              testId="week-chart-cumulative"
              title={`${m.name}: profit added per person emailed so far, with its 95% range, week by week.`}
              weeks={weeks}
              locale={locale}
              panels={[
                {
                  axis: `Profit added per person emailed (${cur})`,
                  series: [
                    {
                      key: 'estimate',
                      label: 'Best estimate so far',
                      look: 'estimate',
                      kind: 'line',
                      values: cumulative.map((c) => c?.estimate ?? null),
                    },
                  ],
                  band: {
                    label: '95% range',
                    low: cumulative.map((c) => c?.low ?? null),
                    high: cumulative.map((c) => c?.high ?? null),
                  },
                  format: change,
                  tick,
                  zero: true,
                  height: 200,
                },
              ]}
            />
          </div>

          <div className="measure-grid">
            <GroupsChart
              testId="week-chart-margin"
              what="Profit per person"
              m={m}
              values={margin}
              format={money}
              tick={tick}
              locale={locale}
            />
            <GroupsChart
              testId="week-chart-revenue"
              what="Revenue per person"
              m={m}
              values={revenue}
              format={money}
              tick={tick}
              locale={locale}
            />

            <div className="measure-week">
              <h3 className="measure-week__title">What discounts cost</h3>
              <WeekChart
                testId="week-chart-discounts"
                title={`${m.name}: discounts redeemed by the customers emailed, week by week.`}
                weeks={weeks}
                locale={locale}
                panels={[
                  {
                    axis: `Discounts redeemed (${cur})`,
                    series: [
                      {
                        key: 'discounts',
                        label: 'Discounts redeemed',
                        look: 'bar',
                        kind: 'bar',
                        values: m.weeks.map((w) => w.discount_spend),
                      },
                    ],
                    format: money,
                    tick,
                    height: 180,
                  },
                ]}
              />
            </div>

            <div className="measure-week">
              <h3 className="measure-week__title">Emails and unsubscribes</h3>
              <WeekChart
                testId="week-chart-unsubscribes"
                title={`${m.name}: emails sent and unsubscribes, week by week.`}
                weeks={weeks}
                locale={locale}
                panels={[
                  {
                    axis: 'Emails sent',
                    series: [
                      { key: 'emails', label: 'Emails sent', look: 'bar', kind: 'bar', values: m.weeks.map((w) => w.emails_sent) },
                    ],
                    format: count,
                    whole: true,
                    height: 110,
                  },
                  {
                    axis: 'Unsubscribes',
                    series: [
                      {
                        key: 'unsubscribes',
                        label: 'Unsubscribes',
                        look: 'bar-2',
                        kind: 'bar',
                        values: m.weeks.map((w) => w.unsubscribes),
                      },
                    ],
                    format: count,
                    whole: true,
                    height: 70,
                  },
                ]}
              />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** One per-person figure, emailed against held back, week by week. */
function GroupsChart(props: {
  testId: string;
  what: string;
  m: FlowMeasurement;
  values: ReturnType<typeof perRecipientByWeek>;
  format: (v: number) => string;
  tick: (v: number) => string;
  locale: string;
}) {
  const { testId, what, m, values, format, tick, locale } = props;
  return (
    <div className="measure-week">
      <h3 className="measure-week__title">{what}</h3>
      <WeekChart
        testId={testId}
        title={`${m.name}: ${what.toLowerCase()}, emailed and held back, week by week.`}
        weeks={m.weeks.map((w) => w.week_start)}
        locale={locale}
        panels={[
          {
            axis: `${what} (${m.currency})`,
            series: [
              { key: 'treatment', label: 'Emailed', look: 'treatment', kind: 'line', values: values.treatment },
              { key: 'holdout', label: 'Held back', look: 'holdout', kind: 'line', values: values.holdout },
            ],
            format,
            tick,
            height: 180,
          },
        ]}
      />
    </div>
  );
}
