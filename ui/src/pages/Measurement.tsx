// The Measurement area: every flow against the customers held back from it (#/measurement) — did it
// make money that would not have come anyway? — with the numbers as CSV, and one flow's results
// in full under it (#/measurement/<slug>).

import { useMemo, useState } from 'react';
import { measureFlows } from '../api';
import type { FlowMeasurement, StoreInfo } from '../api';
import { defaultLocale } from '../format';
import { hasRecipients, measurementCsv } from '../measureWords';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { AreaLink } from '../components/AreaLink';
import { CopyBox } from '../components/CopyBox';
import { GroupFacts, LiftVerdict, MarginChart } from '../components/LiftVerdict';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
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
  const locale = defaultLocale();

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

      {load.state === 'loading' ? <LoadingState title="Working out what each flow earned…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The results could not be worked out" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' && !load.value.some(hasRecipients) ? (
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
        </section>
      ) : null}
      {load.state === 'ready' && load.value.some(hasRecipients) ? (
        <>
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
          <GroupFacts m={m} locale={locale} />
          <MarginChart m={m} locale={locale} />
        </>
      ) : (
        <p className="muted" data-testid="measure-not-started">
          Nobody has entered this flow yet. Results appear here once customers go through it.
        </p>
      )}
    </article>
  );
}

/** Every flow's numbers as CSV, to copy into a spreadsheet. */
function ExportCard({ flows }: { flows: FlowMeasurement[] }) {
  const [open, setOpen] = useState(false);
  const csv = useMemo(() => measurementCsv(flows), [flows]);
  return (
    <section className="card card--stack" aria-labelledby="measure-export-title" data-testid="measure-export">
      <div className="action-bar">
        <div>
          <h2 id="measure-export-title" className="card__title">
            Export every number
          </h2>
          <p className="muted small">
            One row per flow, as CSV for a spreadsheet: the people in each group, how many ordered, the difference in
            profit and revenue per person with its range, discounts, discounts to customers who usually pay full
            price, and unsubscribes. Money is in {flows[0]?.currency ?? 'your currency'}, rates are shares (0.125 is
            12.5%).
          </p>
        </div>
        <button
          type="button"
          className="btn"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          data-testid="measure-export-show"
        >
          {open ? 'Hide the CSV' : 'Show as CSV'}
        </button>
      </div>
      {open ? (
        <CopyBox
          text={csv}
          label="Every flow's results, as CSV"
          rows={Math.min(12, flows.length + 2)}
          wrap={false}
          testId="measure-csv"
        />
      ) : null}
    </section>
  );
}
