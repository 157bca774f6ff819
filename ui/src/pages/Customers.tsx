// The Customers area: scoring (with its progress), how sure the scores are, what to expect, the
// groups customers fall into, how scores are spread, the list, and privacy requests. A path such
// as #/customers/42 shows that customer's page instead; what was chosen here survives the visit.

import { useCallback, useEffect, useState } from 'react';
import { hashFor } from '../areas';
import { onProgress, ruleFields, scoreCustomers, scoreSummary, deleteSegment, toApiError } from '../api';
import type { ApiError, Progress, RuleField, ScoreSummary, SegmentSize, StoreInfo } from '../api';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { defaultLocale, formatCount, formatNumber, formatRelative } from '../format';
import { useToast } from '../components/Toast';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { WorkProgress } from '../components/WorkProgress';
import { ScoreFigures } from '../components/ScoreFigures';
import { ScoreHistogram } from '../components/ScoreHistogram';
import { SegmentCards } from '../components/SegmentCards';
import { SegmentEditor } from '../components/SegmentEditor';
import { CustomerList, DEFAULT_CHOICE } from '../components/CustomerList';
import type { ListChoice } from '../components/CustomerList';
import { PrivacyCard } from '../components/PrivacyCard';
import { CustomerPage } from './CustomerPage';

type Scoring =
  | { step: 'idle' }
  | { step: 'running'; progress: Progress | null }
  | { step: 'failed'; error: ApiError };

type Fields = { state: 'loading' } | { state: 'ready'; fields: RuleField[] } | { state: 'error'; error: ApiError };

export interface CustomersAreaProps {
  store: StoreInfo;
  /** The route's path inside the area: [] for the overview, [id] for a customer. */
  path: string[];
  navigate: Navigate;
}

export function CustomersArea({ store, path, navigate }: CustomersAreaProps) {
  const { load, retry, show, update } = useLoad(() => scoreSummary().then((summary) => summary ?? null), [store]);
  const [scoring, setScoring] = useState<Scoring>({ step: 'idle' });
  const [fields, setFields] = useState<Fields>({ state: 'loading' });
  const [choice, setChoice] = useState<ListChoice>(DEFAULT_CHOICE);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const toast = useToast();

  const summary = load.state === 'ready' ? load.value : null;
  const scored = summary !== null;

  // The rule fields name the conditions of saved groups and feed the editor.
  const loadFields = useCallback(() => {
    setFields({ state: 'loading' });
    ruleFields()
      .then((f) => setFields({ state: 'ready', fields: f ?? [] }))
      .catch((e: unknown) => setFields({ state: 'error', error: toApiError(e) }));
  }, []);
  useEffect(() => {
    if (scored) loadFields();
  }, [scored, loadFields]);

  const score = async () => {
    setScoring({ step: 'running', progress: null });
    const stop = await onProgress((progress) => setScoring({ step: 'running', progress }));
    try {
      const result = await scoreCustomers();
      show(result);
      setScoring({ step: 'idle' });
      toast.show({
        tone: 'success',
        text: `Scored ${formatCount(result.customers)} customers in ${formatNumber(result.seconds, 1)} seconds.`,
      });
    } catch (e) {
      setScoring({ step: 'failed', error: toApiError(e) });
    } finally {
      stop();
    }
  };

  const setSegments = (change: (all: SegmentSize[]) => SegmentSize[]) =>
    update((s) => (s ? { ...s, segments: change(s.segments) } : s));

  const segments = summary?.segments ?? [];
  const segment = segments.find((s) => s.id === segmentId) ?? null;

  if (path[0] !== undefined) {
    return (
      <CustomerPage
        key={path[0]}
        id={path[0]}
        store={store}
        segments={segments}
        onBack={() => navigate('customers')}
      />
    );
  }

  return (
    <div className="page" data-testid="customers">
      <header className="page__header">
        <div className="page__title-row">
          <h1>Customers</h1>
        </div>
        <p className="page__lede">
          Who buys from you, in groups you can understand: how likely each customer is to buy again, when,
          what they are likely to be worth, and why.
        </p>
      </header>

      {load.state === 'loading' ? <LoadingState title="Reading the latest scores…" /> : null}
      {load.state === 'error' ? (
        <ErrorState error={load.error} onRetry={retry} title="Couldn't read the customer scores" />
      ) : null}

      {load.state === 'ready' ? (
        <ScoreBar summary={summary} scoring={scoring} onScore={() => void score()} timeZone={store.timezone} />
      ) : null}

      {summary ? <Caution summary={summary} /> : null}
      {summary?.health?.drifted ? <Drift message={summary.health.message} /> : null}

      {summary ? (
        <ScoredOverview
          summary={summary}
          fields={fields}
          onRetryFields={loadFields}
          segmentId={segmentId}
          onSegment={setSegmentId}
          onSaved={(s) => {
            setSegments((all) => [...all.filter((x) => x.id !== s.id), s]);
            toast.show({
              tone: 'success',
              text: `Saved “${s.name}”: ${formatCount(s.customers)} ${s.customers === 1 ? 'customer' : 'customers'}.`,
            });
          }}
          onDelete={async (s) => {
            await deleteSegment(s.id);
            setSegments((all) => all.filter((x) => x.id !== s.id));
            if (segmentId === s.id) setSegmentId(null);
            toast.show({ tone: 'info', text: `Deleted “${s.name}”. Its customers are not affected.` });
          }}
        />
      ) : null}

      {load.state === 'ready' ? (
        <CustomerList
          choice={choice}
          onChoice={setChoice}
          segment={segment}
          onClearSegment={() => setSegmentId(null)}
          onOpen={(id) => navigate('customers', String(id))}
          version={summary?.scored_at ?? 'unscored'}
          timeZone={store.timezone}
        />
      ) : null}

      <PrivacyCard />
    </div>
  );
}

/** Never scored: what scoring does and a button. Scored: when, and a button to do it again. */
function ScoreBar({
  summary,
  scoring,
  onScore,
  timeZone,
}: {
  summary: ScoreSummary | null;
  scoring: Scoring;
  onScore: () => void;
  timeZone: string;
}) {
  const running = scoring.step === 'running';
  const locale = defaultLocale();

  const progress = running ? (
    <div className="score-run" data-testid="score-progress">
      <WorkProgress
        progress={scoring.progress}
        label="Scoring your customers"
        starting="Reading your orders…"
        statusId="score-status"
      />
    </div>
  ) : null;

  const failed =
    scoring.step === 'failed' ? (
      <pre className="message-box" role="alert" data-testid="score-error">
        {scoring.error.message}
      </pre>
    ) : null;

  if (summary === null) {
    return (
      <section className="card" aria-label="Scoring" data-testid="score-empty">
        <EmptyState
          title="Your customers haven’t been scored yet"
          action={
            <button type="button" className="btn btn--primary" onClick={onScore} disabled={running} data-testid="score-run">
              {running ? 'Scoring…' : 'Score my customers'}
            </button>
          }
        >
          <p>
            Scoring reads every order and works out, for each customer, how likely they are to buy again and when,
            what they are likely to be worth over the next year, and how likely they are to pay full price — each
            with the reasons. It runs on this computer, takes a moment, changes no orders and sends nothing.
          </p>
        </EmptyState>
        {progress}
        {failed}
      </section>
    );
  }

  return (
    <section className="card action-bar" aria-label="Scoring" data-testid="score-bar">
      <div className="score-bar__main">
        <p data-testid="scored-at">
          <strong>
            Scored{' '}
            <time dateTime={summary.scored_at} title={new Date(summary.scored_at).toLocaleString(locale, { timeZone })}>
              {formatRelative(summary.scored_at, Date.now(), locale)}
            </time>
          </strong>{' '}
          <span className="muted">
            · {formatCount(summary.customers, locale)} customers in {formatNumber(summary.seconds, 1, locale)} seconds ·
            scores change as new orders come in
          </span>
        </p>
        {progress}
        {failed}
      </div>
      <button type="button" className="btn" onClick={onScore} disabled={running} data-testid="score-run">
        {running ? 'Scoring…' : 'Rescore'}
      </button>
    </section>
  );
}

/** Never silent about rough numbers: simple-rules mode and any caution from the core. */
function Caution({ summary }: { summary: ScoreSummary }) {
  if (summary.mode !== 'rules' && !summary.caution) return null;
  return (
    <div className="banner banner--warning" role="note" data-testid="score-caution" data-mode={summary.mode}>
      <p className="banner__title">
        {summary.mode === 'rules' ? 'Rough numbers: your store is still small' : 'Read these numbers with care'}
      </p>
      {summary.mode === 'rules' ? (
        <p>
          There is not yet enough order history for Storeloop’s statistical models, so predictions are rough and
          come from simple rules — such as how long it has been since someone’s last order compared with how often
          they usually buy. They will sharpen as orders come in.
        </p>
      ) : null}
      {summary.caution ? <p data-testid="score-caution-text">{summary.caution}</p> : null}
    </div>
  );
}

/** The monthly check found the predictions off: said where the scores are used, not only on Model health. */
function Drift({ message }: { message: string }) {
  return (
    <div className="banner banner--warning" role="alert" data-testid="score-drift">
      <p className="banner__title">The predictions have drifted</p>
      <p>
        {message} <a href={hashFor('data', 'health')}>See Model health</a>
      </p>
    </div>
  );
}

function ScoredOverview({
  summary,
  fields,
  onRetryFields,
  segmentId,
  onSegment,
  onSaved,
  onDelete,
}: {
  summary: ScoreSummary;
  fields: Fields;
  onRetryFields: () => void;
  segmentId: string | null;
  onSegment: (id: string | null) => void;
  onSaved: (s: SegmentSize) => void;
  onDelete: (s: SegmentSize) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const locale = defaultLocale();
  const known = fields.state === 'ready' ? fields.fields : [];

  return (
    <>
      <ScoreFigures summary={summary} locale={locale} />

      <section className="section" aria-labelledby="segments-title">
        <div className="section__head">
          <h2 id="segments-title" className="section__title">
            Groups
          </h2>
          <span className="muted section__hint">Pick a group to see its customers in the list below.</span>
          <button
            type="button"
            className="btn btn--sm"
            onClick={() => setEditing((e) => !e)}
            aria-expanded={editing}
            data-testid="segment-new"
          >
            New group
          </button>
        </div>
        <SegmentCards
          segments={summary.segments}
          total={summary.customers}
          selected={segmentId}
          onSelect={onSegment}
          onDelete={onDelete}
          fields={known}
          currency={summary.currency}
          locale={locale}
        />
        {editing ? (
          fields.state === 'ready' ? (
            <SegmentEditor
              fields={fields.fields}
              segments={summary.segments}
              currency={summary.currency}
              total={summary.customers}
              locale={locale}
              onCancel={() => setEditing(false)}
              onSaved={(s) => {
                setEditing(false);
                onSaved(s);
              }}
            />
          ) : fields.state === 'error' ? (
            <ErrorState error={fields.error} onRetry={onRetryFields} title="Couldn't load what a group can be built from" />
          ) : (
            <LoadingState title="Loading…" />
          )
        ) : null}
      </section>

      {summary.histograms.length > 0 ? (
        <section className="section" aria-labelledby="spread-title">
          <h2 id="spread-title" className="section__title">
            How the scores are spread
          </h2>
          <div className="histograms">
            {summary.histograms.map((h) => (
              <div key={h.score} className="card">
                <h3 className="card__title histograms__title">{h.label}</h3>
                <ScoreHistogram histogram={h} currency={summary.currency} locale={locale} />
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
