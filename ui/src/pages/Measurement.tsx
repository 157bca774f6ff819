// The Measurement area: every flow against the customers held back from it (#/measurement) — did it
// make money that would not have come anyway? — with the week's digest above the cards, the numbers
// as CSV (a row per flow, or per flow and week), on the demo store a way to play example results
// when nothing has run yet, and one flow's results in full under it (#/measurement/<slug>).

import { useMemo, useState } from 'react';
import { measureFlows } from '../api';
import type { DemoFlowHistory, FlowMeasurement, StoreInfo } from '../api';
import { defaultLocale, formatCount, formatMoney, formatMoneyChange } from '../format';
import { hasRecipients, intervalWords, liftTone, measurementCsv, weeksCsv } from '../measureWords';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { AreaLink } from '../components/AreaLink';
import { CopyBox } from '../components/CopyBox';
import { LastClickLine } from '../components/LastClick';
import { GroupFacts, LiftVerdict, MarginChart } from '../components/LiftVerdict';
import { PlayDemoFlows, PlayedNote } from '../components/PlayDemoFlows';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { WeeklyDigestPanel } from '../components/WeeklyDigest';
import { MeasureFlowPage } from './MeasureFlow';

export interface MeasurementAreaProps {
  store: StoreInfo;
  /** The route's path inside the area: [] for every flow, [slug] for one. */
  path: string[];
  navigate: Navigate;
}

export function MeasurementArea({ store, path, navigate }: MeasurementAreaProps) {
  const [slug] = path;
  if (slug !== undefined) return <MeasureFlowPage key={slug} slug={slug} navigate={navigate} />;
  return <MeasurementOverview store={store} navigate={navigate} />;
}

function MeasurementOverview({ store, navigate }: { store: StoreInfo; navigate: Navigate }) {
  const { load, retry } = useLoad(measureFlows, [store]);
  const [played, setPlayed] = useState<DemoFlowHistory | null>(null);
  const locale = defaultLocale();
  const started = load.state === 'ready' && load.value.some(hasRecipients);

  const onPlayed = (history: DemoFlowHistory) => {
    setPlayed(history);
    // The cards and the week's digest (shown with them) are read afresh.
    retry();
  };

  return (
    <div className="page" data-testid="measurement">
      <header className="page__header">
        <div className="page__title-row">
          <h1>Measurement</h1>
        </div>
        <p className="page__lede">
          Did each flow make money that would not have come anyway? Everyone who sets a flow off is compared with a
          small group held back from it, who got nothing: the difference is what the flow itself added.
        </p>
      </header>

      {played !== null ? (
        <PlayedNote history={played} currency={store.currency} timeZone={store.timezone} onClose={() => setPlayed(null)} />
      ) : null}

      {load.state === 'loading' ? <LoadingState title="Working out what each flow earned…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The results could not be worked out" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' && !started ? (
        <section className="card" data-testid="measure-empty">
          <EmptyState
            title="No results yet"
            action={
              <button type="button" className="btn btn--primary" onClick={() => navigate('flows')}>
                Go to Flows
              </button>
            }
          >
            <p>
              Launch a flow; results appear here as customers go through it — a holdout of 10% is kept back to compare
              with.
            </p>
          </EmptyState>
          {store.source === 'demo' ? <PlayDemoFlows onPlayed={onPlayed} /> : null}
        </section>
      ) : null}
      {load.state === 'ready' && started ? (
        <>
          <WeeklyDigestPanel store={store} navigate={navigate} />
          <div className="measure-grid">
            {load.value.map((m) => (
              <MeasureCard key={m.slug} m={m} navigate={navigate} locale={locale} />
            ))}
          </div>
          <ExportCard flows={load.value} />
        </>
      ) : null}
    </div>
  );
}

function MeasureCard({ m, navigate, locale }: { m: FlowMeasurement; navigate: Navigate; locale: string }) {
  const titleId = `measure-${m.slug}-title`;
  const started = hasRecipients(m);
  const tone = liftTone(m.margin);
  return (
    <article
      className="card card--stack measure-card"
      aria-labelledby={titleId}
      data-testid="measure-card"
      data-slug={m.slug}
    >
      <h2 id={titleId} className="card__title">
        <AreaLink area="measurement" path={[m.slug]} navigate={navigate} testId="measure-card-link">
          {m.name}
        </AreaLink>
      </h2>
      {started ? (
        <>
          <LiftVerdict report={m.margin} />
          <p className={`interval-text interval-text--${tone}`} data-testid={`margin-interval-${m.slug}`} data-tone={tone}>
            <span className="interval-text__label">Profit it added: </span>
            {intervalWords(m.margin.absolute, (v) => formatMoneyChange(v, m.currency, locale))}
          </p>
          <GroupFacts m={m} locale={locale} />
          <MarginChart m={m} locale={locale} />
        </>
      ) : (
        <>
          <p className="muted" data-testid="measure-not-started">
            Nobody has entered this flow yet. Results appear here once customers go through it.
          </p>
          <p className="interval-text interval-text--neutral" data-testid={`margin-interval-${m.slug}`} data-tone="neutral">
            <span className="interval-text__label">Profit it added: </span>
            not known until people enter it.
          </p>
        </>
      )}
      <dl className="measure-card__facts">
        <dt>Discounts likely given away</dt>
        <dd data-testid={`leakage-${m.slug}`} data-orders={m.leakage_orders} data-cost={m.leakage_cost.minor}>
          {m.leakage_orders === 0
            ? 'None: no discount went to a customer who usually pays full price.'
            : `${formatCount(m.leakage_orders, locale)} ${m.leakage_orders === 1 ? 'order' : 'orders'} by customers who usually pay full price, costing ${formatMoney(m.leakage_cost, locale)}`}
        </dd>
        <LastClickLine m={m} locale={locale} />
      </dl>
    </article>
  );
}

/** Every flow's numbers as CSV, to copy into a spreadsheet: a row per flow, or per flow and week. */
function ExportCard({ flows }: { flows: FlowMeasurement[] }) {
  const [open, setOpen] = useState<'flows' | 'weeks' | null>(null);
  const csv = useMemo(() => measurementCsv(flows), [flows]);
  const weeks = useMemo(() => weeksCsv(flows), [flows]);
  const weekRows = flows.reduce((n, m) => n + m.weeks.length, 0);
  const toggle = (which: 'flows' | 'weeks') => setOpen((o) => (o === which ? null : which));
  return (
    <section className="card card--stack" aria-labelledby="measure-export-title" data-testid="measure-export">
      <div className="action-bar">
        <div>
          <h2 id="measure-export-title" className="card__title">
            Export every number
          </h2>
          <p className="muted small">
            As CSV for a spreadsheet. One row per flow: the people in each group, how many ordered, the difference in
            profit and revenue per person with its range, discounts, discounts to customers who usually pay full
            price, unsubscribes, and last click beside what the flow really added. Or one row per flow and week: each
            group’s revenue and profit per person, discounts, emails, unsubscribes and the running difference with its
            range. Money is in {flows[0]?.currency ?? 'your currency'}, rates are shares (0.125 is 12.5%).
          </p>
        </div>
        <div className="measure-export__buttons">
          <button
            type="button"
            className="btn"
            aria-expanded={open === 'flows'}
            onClick={() => toggle('flows')}
            data-testid="measure-export-show"
          >
            {open === 'flows' ? 'Hide the CSV' : 'Show as CSV'}
          </button>
          <button
            type="button"
            className="btn"
            aria-expanded={open === 'weeks'}
            onClick={() => toggle('weeks')}
            data-testid="measure-export-weeks-show"
          >
            {open === 'weeks' ? 'Hide the weeks' : 'Show the weeks as CSV'}
          </button>
        </div>
      </div>
      {open === 'flows' ? (
        <CopyBox
          text={csv}
          label="Every flow's results, as CSV"
          rows={Math.min(12, flows.length + 2)}
          wrap={false}
          testId="measure-csv"
        />
      ) : null}
      {open === 'weeks' ? (
        <CopyBox
          text={weeks}
          label="Every flow's results week by week, as CSV"
          rows={Math.min(16, weekRows + 2)}
          wrap={false}
          testId="measure-weeks-csv"
        />
      ) : null}
    </section>
  );
}
