// One flow's results against its holdout (#/measurement/<slug>): the margin verdict with its
// interval, a choice of conversion window, the results week by week, last click beside what the
// flow really added, its A/B versions, the two groups side by side, the three lifts with their
// ranges and p-values in words, unsubscribes and complaints per email, discounts given to customers
// who would have paid full price, the result for each group of customers, the core's notes, and
// what the flow is judged by.

import { useEffect, useState } from 'react';
import { measureFlow } from '../api';
import type { FlowMeasurement, LiftReport } from '../api';
import { badgeClass } from '../customerWords';
import {
  defaultLocale,
  formatCount,
  formatFineRate,
  formatMajorMoney,
  formatMoney,
  formatMoneyChange,
  formatPercentChange,
  formatPoints,
  formatRate,
} from '../format';
import { WINDOWS, hasRecipients, intervalWords, liftBadge, liftTone, pWords } from '../measureWords';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { AreaLink } from '../components/AreaLink';
import { ArmTable } from '../components/ArmTable';
import { Figure } from '../components/Figure';
import { FlowWeeks } from '../components/FlowWeeks';
import { IntervalChart } from '../components/IntervalChart';
import { LastClickBlock } from '../components/LastClick';
import { GroupFacts, LiftVerdict, MarginChart } from '../components/LiftVerdict';
import { Notes } from '../components/Notes';
import { Segmented } from '../components/Segmented';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { WatchCard } from '../components/WatchForm';

export interface MeasureFlowPageProps {
  slug: string;
  navigate: Navigate;
}

export function MeasureFlowPage({ slug, navigate }: MeasureFlowPageProps) {
  // Null: the flow's own default window, until the owner picks one.
  const [windowDays, setWindowDays] = useState<number | null>(null);
  const { load, retry } = useLoad(() => measureFlow(slug, windowDays), [slug, windowDays]);
  // While another window is read, the last results stay on screen.
  const [shown, setShown] = useState<FlowMeasurement | null>(null);
  const [defaultDays, setDefaultDays] = useState<number | null>(null);
  useEffect(() => {
    if (load.state !== 'ready') return;
    setShown(load.value);
    if (windowDays === null) setDefaultDays(load.value.window_days);
  }, [load, windowDays]);
  const locale = defaultLocale();

  const m = load.state === 'ready' ? load.value : load.state === 'loading' ? shown : null;
  const days = windowDays ?? m?.window_days ?? null;
  const reading = load.state === 'loading';

  return (
    <div className="page" data-testid="measure-flow" data-slug={slug}>
      <AreaLink area="measurement" navigate={navigate} className="back-link" testId="measure-back">
        ← Every flow’s results
      </AreaLink>
      <header className="page__header">
        <p className="page__eyebrow">Measurement</p>
        <div className="page__title-row">
          <h1>{m?.name ?? slug}</h1>
        </div>
        <p className="page__lede">
          What this flow added compared with the customers held back from it: did it make money that would not have
          come anyway?{' '}
          <AreaLink area="flows" path={[slug]} navigate={navigate} testId="measure-flow-link">
            Open the flow
          </AreaLink>
        </p>
      </header>

      <section className="card measure-window" aria-label="Conversion window">
        <Segmented<number>
          legend="Orders count when placed within"
          options={WINDOWS}
          value={days}
          onChange={setWindowDays}
          label={(d) => (d === defaultDays ? `${d} days (usual)` : `${d} days`)}
          disabled={reading && m === null}
          testIdPrefix="measure-window-"
        />
        <p className="muted small" role="status" aria-live="polite">
          {reading && m !== null
            ? `Counting the orders placed within ${days ?? ''} days…`
            : 'Days after entering the flow. A short window counts what the emails most likely caused; a longer one also catches slower decisions.'}
        </p>
      </section>

      {load.state === 'loading' && m === null ? <LoadingState title="Working out what this flow earned…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The results could not be worked out" error={load.error} onRetry={retry} />
      ) : null}
      {m !== null ? <Results m={m} locale={locale} busy={reading} /> : null}
      {m !== null ? <WatchCard slug={slug} /> : null}
    </div>
  );
}

function Results({ m, locale, busy }: { m: FlowMeasurement; locale: string; busy: boolean }) {
  const money = (v: number) => formatMoneyChange(v, m.currency, locale);
  if (!hasRecipients(m)) {
    return (
      <div className="measure-results" aria-busy={busy}>
        <section className="card" data-testid="measure-flow-empty">
          <EmptyState title="Nobody has entered this flow yet">
            <p>
              Launch it; results appear here as customers go through it — a holdout of 10% is kept back to compare
              with.
            </p>
          </EmptyState>
        </section>
        <Notes notes={m.notes} testId="measure-notes" />
      </div>
    );
  }

  return (
    <div className="measure-results" aria-busy={busy} data-window={m.window_days}>
      <section className="card card--stack" aria-labelledby="measure-answer-title" data-testid="measure-answer">
        <h2 id="measure-answer-title" className="card__title">
          Did it make money that would not have come anyway?
        </h2>
        <LiftVerdict report={m.margin} />
        <GroupFacts m={m} locale={locale} pace />
        <MarginChart m={m} locale={locale} />
      </section>

      <FlowWeeks m={m} locale={locale} />
      <LastClickBlock m={m} locale={locale} />
      {m.arms.length > 0 ? <ArmTable arms={m.arms} currency={m.currency} locale={locale} /> : null}

      <section className="card card--stack" aria-labelledby="measure-rates-title">
        <h2 id="measure-rates-title" className="card__title">
          The two groups side by side
        </h2>
        <RatesTable m={m} locale={locale} />
        <p className="muted small">
          Totals are for groups of different sizes: compare the shares and the amounts per person.
        </p>
      </section>

      <section className="card card--stack" aria-labelledby="measure-lifts-title">
        <h2 id="measure-lifts-title" className="card__title">
          What the flow changed, per person
        </h2>
        <p className="muted small">
          Emailed minus held back, for each person who entered. The range is where the true difference most likely
          lies (95% of the time); a range that crosses zero means it could be no difference at all.
        </p>
        <div className="table-wrap">
          <table className="table" data-testid="measure-lifts">
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col" className="right">
                  Difference
                </th>
                <th scope="col" className="right">
                  Could be anywhere from
                </th>
                <th scope="col" className="right">
                  Relative
                </th>
                <th scope="col">How sure</th>
              </tr>
            </thead>
            <tbody>
              <LiftRow label={`Ordered within ${m.window_days} days`} report={m.conversion} format={(v) => formatPoints(v, locale)} locale={locale} />
              <LiftRow label="Revenue per person" report={m.revenue} format={money} locale={locale} />
              <LiftRow label="Profit per person (contribution margin)" report={m.margin} format={money} locale={locale} />
            </tbody>
          </table>
        </div>
      </section>

      <div className="measure-grid">
        <section className="card card--stack" aria-labelledby="measure-email-title" data-testid="measure-emails">
          <h2 id="measure-email-title" className="card__title">
            Unsubscribes and complaints
          </h2>
          <dl className="figures figures--3">
            <Figure id="measure-sent" label="Emails sent" value={formatCount(m.emails_sent, locale)} raw={m.emails_sent}>
              By this flow, to the people emailed.
            </Figure>
            <Figure id="measure-unsubscribe" label="Unsubscribed" value={formatFineRate(m.unsubscribe_rate, locale)} raw={m.unsubscribe_rate}>
              Per email.
            </Figure>
            <Figure id="measure-complaint" label="Marked as spam" value={formatFineRate(m.complaint_rate, locale)} raw={m.complaint_rate}>
              Per email.
            </Figure>
          </dl>
        </section>

        <section className="card card--stack" aria-labelledby="measure-leak-title" data-testid="measure-leakage">
          <h2 id="measure-leak-title" className="card__title">
            Discounts that were likely given away
          </h2>
          <dl className="figures figures--2">
            <Figure id="measure-leak-orders" label="Discounted orders" value={formatCount(m.leakage_orders, locale)} raw={m.leakage_orders}>
              By emailed customers who usually pay full price.
            </Figure>
            <Figure id="measure-leak-cost" label="What they cost" value={formatMoney(m.leakage_cost, locale)} raw={m.leakage_cost.minor}>
              Of {formatMoney(m.treatment.discount_cost, locale)} in discounts to everyone emailed.
            </Figure>
          </dl>
          <p className="muted small">
            {m.leakage_orders === 0
              ? 'No discount went to a customer the model expected to pay full price.'
              : 'The model expected these customers to pay full price, so the discount was most likely money given away.'}
          </p>
        </section>
      </div>

      <Segments m={m} locale={locale} />
      <Notes notes={m.notes} testId="measure-notes" />
    </div>
  );
}

function RatesTable({ m, locale }: { m: FlowMeasurement; locale: string }) {
  const per = (v: number) => formatMajorMoney(v, m.currency, locale);
  const rows: Array<{ key: string; label: string; t: string; h: string }> = [
    { key: 'recipients', label: 'People', t: formatCount(m.treatment.recipients, locale), h: formatCount(m.holdout.recipients, locale) },
    {
      key: 'conversion',
      label: `Ordered within ${m.window_days} days`,
      t: formatRate(m.treatment.conversion_rate, locale),
      h: formatRate(m.holdout.conversion_rate, locale),
    },
    { key: 'revenue-per', label: 'Revenue per person', t: per(m.revenue.treatment.mean), h: per(m.revenue.holdout.mean) },
    { key: 'margin-per', label: 'Profit per person', t: per(m.margin.treatment.mean), h: per(m.margin.holdout.mean) },
    { key: 'revenue', label: 'Revenue, in total', t: formatMoney(m.treatment.revenue, locale), h: formatMoney(m.holdout.revenue, locale) },
    {
      key: 'discount-rate',
      label: 'Orders that used a discount',
      t: formatRate(m.treatment.discount_rate, locale),
      h: formatRate(m.holdout.discount_rate, locale),
    },
    {
      key: 'discount-cost',
      label: 'What discounts cost, in total',
      t: formatMoney(m.treatment.discount_cost, locale),
      h: formatMoney(m.holdout.discount_cost, locale),
    },
    {
      key: 'return-rate',
      label: 'Units returned',
      t: formatRate(m.treatment.return_rate, locale),
      h: formatRate(m.holdout.return_rate, locale),
    },
  ];
  return (
    <div className="table-wrap">
      <table className="table" data-testid="measure-rates">
        <thead>
          <tr>
            <th scope="col">In the {m.window_days} days after entering</th>
            <th scope="col" className="right">
              Emailed
            </th>
            <th scope="col" className="right">
              Held back
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid="measure-rate" data-rate={r.key}>
              <th scope="row">{r.label}</th>
              <td className="right">{r.t}</td>
              <td className="right">{r.h}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LiftRow({
  label,
  report,
  format,
  locale,
}: {
  label: string;
  report: LiftReport;
  format: (v: number) => string;
  locale: string;
}) {
  const a = report.absolute;
  const badge = liftBadge(report);
  return (
    <tr data-testid="measure-lift" data-metric={report.metric} data-tone={liftTone(report)}>
      <th scope="row">{label}</th>
      <td className="right">{a ? format(a.estimate) : '—'}</td>
      <td className="right">{a ? `${format(a.low)} to ${format(a.high)}` : '—'}</td>
      <td className="right">{report.relative ? formatPercentChange(report.relative.estimate, locale) : '—'}</td>
      <td>
        <span className={badgeClass(badge.tone)}>{badge.label}</span>
        <div className="muted small" data-testid="measure-p">
          {a ? pWords(a.p_value, report.significant, locale) : 'Too few people in a group to tell yet.'}
        </div>
      </td>
    </tr>
  );
}

function Segments({ m, locale }: { m: FlowMeasurement; locale: string }) {
  const rows = [
    { key: 'all', label: 'Everyone', interval: m.margin.absolute, tone: liftTone(m.margin) },
    ...m.segments.map((s) => ({ key: s.segment, label: s.name, interval: s.margin.absolute, tone: liftTone(s.margin) })),
  ];
  return (
    <section className="card card--stack" aria-labelledby="measure-groups-title" data-testid="measure-segments">
      <h2 id="measure-groups-title" className="card__title">
        By group of customers
      </h2>
      {m.segments.length === 0 ? (
        <p className="muted">No group has people in both the emailed and the held-back group yet.</p>
      ) : (
        <>
          <p className="muted small">
            Profit per person, emailed minus held back, for each group. Groups are smaller than the whole, so their
            ranges are wider: a clear result for everyone can be unclear for each group.
          </p>
          <IntervalChart
            testId="measure-segments-chart"
            title={`${m.name}: profit per person by group of customers, emailed minus held back.`}
            format={(v) => formatMoneyChange(v, m.currency, locale)}
            rows={rows}
            labelWidth={210}
          />
          <ul className="measure-segments">
            {m.segments.map((s) => (
              <li key={s.segment} data-testid="measure-segment" data-segment={s.segment}>
                <p className="measure-segments__name">
                  <strong>{s.name}</strong>{' '}
                  <span className="muted small">
                    {formatCount(s.margin.treatment.recipients, locale)} emailed ·{' '}
                    {formatCount(s.margin.holdout.recipients, locale)} held back
                  </span>
                </p>
                <LiftVerdict report={s.margin} />
                <p className="muted small" data-testid="measure-segment-more">
                  Ordered: {intervalWords(s.conversion.absolute, (v) => formatPoints(v, locale), '')}. Revenue per
                  person: {intervalWords(s.revenue.absolute, (v) => formatMoneyChange(v, m.currency, locale), '')}.
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
