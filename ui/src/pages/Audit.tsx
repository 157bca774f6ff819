// The Data & audit area's first page: imports, and the data audit — what in the store would make
// automation misfire, each with a count, examples and what to do, and the owner's acknowledgement
// of a finding they read and go on with anyway (the rollout's data step accepts that). Model
// health is the other tab.

import { useCallback, useEffect, useId, useState } from 'react';
import { acknowledgeFinding, latestAudit, runAudit, toApiError } from '../api';
import type { ApiError, AuditFinding, AuditReport, StoreInfo } from '../api';
import { defaultLocale, formatCount } from '../format';
import { useReviewerName } from '../reviewerName';
import { useAction } from '../useAction';
import { ErrorState } from '../components/States';
import { ImportCard } from '../components/ImportCard';
import { DataTabs } from '../components/DataTabs';
import type { Navigate } from '../useHashRoute';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; report: AuditReport | null }
  | { state: 'error'; error: ApiError };

const SEVERITY_WORDS: Record<AuditFinding['severity'], { label: string; badge: string }> = {
  blocker: { label: 'Fix first', badge: 'badge--danger' },
  warning: { label: 'Worth fixing', badge: 'badge--warning' },
  info: { label: 'Good to know', badge: '' },
};

/** "25 Nov 2026, 13:00" in the store's time zone. */
function formatWhen(iso: string, timeZone: string | null, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: timeZone ?? undefined,
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

export interface AuditPageProps {
  store: StoreInfo;
  onStoreChanged: () => Promise<void>;
  navigate: Navigate;
}

export function AuditPage({ store, onStoreChanged, navigate }: AuditPageProps) {
  const timezone = store.timezone;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [running, setRunning] = useState(false);
  const locale = defaultLocale();

  const fetchLatest = useCallback(() => {
    setLoad({ state: 'loading' });
    latestAudit()
      .then((report) => setLoad({ state: 'ready', report }))
      .catch((e: unknown) => setLoad({ state: 'error', error: toApiError(e) }));
  }, []);

  useEffect(fetchLatest, [fetchLatest]);

  const run = () => {
    setRunning(true);
    runAudit()
      .then((report) => setLoad({ state: 'ready', report }))
      .catch((e: unknown) => setLoad({ state: 'error', error: toApiError(e) }))
      .finally(() => setRunning(false));
  };

  const afterImport = async () => {
    await onStoreChanged();
    run();
  };

  const report = load.state === 'ready' ? load.report : null;
  const found = report?.findings.filter((f) => f.count > 0) ?? [];
  const unchecked = report?.findings.filter((f) => f.count === 0 && f.note !== null) ?? [];
  const clear = report?.findings.filter((f) => f.count === 0 && f.note === null) ?? [];

  return (
    <div className="page" data-testid="audit">
      <header className="page__header">
        <div className="page__title-row">
          <h1>Data &amp; audit</h1>
        </div>
        <p className="page__lede">
          Automation is only as good as the data under it. The audit looks for what would make emails go
          wrong — orders that point at no product, missing costs, old stock counts, unknown consent.
        </p>
      </header>
      <DataTabs current="audit" navigate={navigate} />

      <ImportCard store={store} onImported={afterImport} />

      <section className="card audit__bar" aria-live="polite">
        <div>
          {report ? (
            <p data-testid="audit-summary">
              <strong>
                {found.length === 0
                  ? 'Nothing to fix.'
                  : `${found.length} of ${report.findings.length} checks found something.`}
              </strong>{' '}
              <span className="muted">
                Checked {formatWhen(report.ran_at, timezone, locale)}.
              </span>
            </p>
          ) : load.state === 'ready' ? (
            <p data-testid="audit-never">The audit has not run yet. It takes a moment and changes nothing.</p>
          ) : (
            <p className="muted">Loading the last audit…</p>
          )}
        </div>
        <button type="button" className="btn btn--primary" onClick={run} disabled={running} data-testid="audit-run">
          {running ? 'Checking…' : report ? 'Check again' : 'Run the audit'}
        </button>
      </section>

      {load.state === 'error' ? (
        <ErrorState error={load.error} onRetry={fetchLatest} title="Couldn't read the data audit" />
      ) : null}

      {found.length > 0 ? (
        <section className="section" aria-labelledby="audit-found">
          <h2 id="audit-found" className="section__title">
            What to look at
          </h2>
          <ul className="audit__list">
            {found.map((f) => (
              <li key={f.code} className="card audit__finding" data-testid={`finding-${f.code}`} data-count={f.count}>
                <div className="audit__head">
                  <span className={`badge ${SEVERITY_WORDS[f.severity].badge}`}>{SEVERITY_WORDS[f.severity].label}</span>
                  <h3>{f.title}</h3>
                  <span className="audit__count num">{formatCount(f.count, locale)}</span>
                </div>
                {f.examples.length > 0 ? (
                  <ul className="audit__examples">
                    {f.examples.map((e) => (
                      <li key={e} className="mono">
                        {e}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <p className="audit__fix">
                  <strong>What to do:</strong> {f.fix}
                </p>
                <FindingAck
                  finding={f}
                  timeZone={timezone}
                  locale={locale}
                  onReport={(next) => setLoad({ state: 'ready', report: next })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {unchecked.length > 0 ? (
        <section className="section" aria-labelledby="audit-unchecked">
          <h2 id="audit-unchecked" className="section__title">
            Not checked
          </h2>
          <ul className="card audit__clear">
            {unchecked.map((f) => (
              <li key={f.code} data-testid={`unchecked-${f.code}`}>
                <span className="badge">Not checked</span> {f.title}. {f.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {clear.length > 0 ? (
        <section className="section" aria-labelledby="audit-clear">
          <h2 id="audit-clear" className="section__title">
            All clear
          </h2>
          <ul className="card audit__clear">
            {clear.map((f) => (
              <li key={f.code} data-testid={`clear-${f.code}`}>
                <span className="badge badge--success">OK</span> {f.title}: none
              </li>
            ))}
          </ul>
        </section>
      ) : null}

    </div>
  );
}

/** "Acknowledged by Sam on 25 Nov 2026: …", or the form to acknowledge the finding. */
function FindingAck({
  finding,
  timeZone,
  locale,
  onReport,
}: {
  finding: AuditFinding;
  timeZone: string | null;
  locale: string;
  onReport: (report: AuditReport) => void;
}) {
  const [by, setBy] = useReviewerName();
  const [note, setNote] = useState('');
  const ack = useAction();
  const id = useId();
  const code = finding.code;

  if (finding.acknowledged) {
    const a = finding.acknowledged;
    return (
      <p className="audit__ack small" data-testid={`ack-done-${code}`}>
        <span className="badge badge--success">Acknowledged</span> by {a.by} on {formatWhen(a.at, timeZone, locale)}
        {a.note ? `: ${a.note}` : '.'}
      </p>
    );
  }

  return (
    <form
      className="audit__ack-form"
      onSubmit={(e) => {
        e.preventDefault();
        void ack.run(async () => onReport(await acknowledgeFinding(code, by.trim(), note.trim())));
      }}
      noValidate
      aria-label={`Acknowledge: ${finding.title}`}
    >
      <p className="muted small">
        Read it and going on anyway? Acknowledge it: the rollout’s data step counts it as handled.
      </p>
      <div className="audit__ack-row">
        <label className="visually-hidden" htmlFor={`${id}-by`}>
          Your name
        </label>
        <input
          id={`${id}-by`}
          className="input"
          placeholder="Your name"
          autoComplete="name"
          value={by}
          onChange={(e) => setBy(e.target.value)}
          data-testid={`ack-by-${code}`}
        />
        <label className="visually-hidden" htmlFor={`${id}-note`}>
          Why it is fine for now
        </label>
        <input
          id={`${id}-note`}
          className="input"
          placeholder="Why it is fine for now"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid={`ack-note-${code}`}
        />
        <button type="submit" className="btn btn--sm" disabled={ack.running !== null} data-testid={`ack-${code}`}>
          {ack.running !== null ? 'Saving…' : 'Acknowledge'}
        </button>
      </div>
      {ack.error ? (
        <pre className="message-box" role="alert" data-testid={`ack-error-${code}`}>
          {ack.error.message}
        </pre>
      ) : null}
    </form>
  );
}
