// Model health (#/data/health): how well the predictions matched what customers then did. The
// latest check (predicted against actual by group, totals, error, drift), the errors of past
// checks, and from the latest scoring the full-price model's accuracy and how recommendations
// compare with simply suggesting best-sellers.

import { useCallback, useEffect, useState } from 'react';
import { modelHealth, runHealthCheck, scoreSummary, toApiError } from '../api';
import type {
  ApiError,
  HealthCheck,
  ModelHealth,
  PropensityReport,
  RecommendationReport,
  ScoreSummary,
  StoreInfo,
} from '../api';
import type { Navigate } from '../useHashRoute';
import { defaultLocale, formatCount, formatDate, formatNumber, formatRate } from '../format';
import { DataTabs } from '../components/DataTabs';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { HoldoutChart } from '../components/HoldoutChart';
import { ErrorTrend, errorWords } from '../components/ErrorTrend';
import { CalibrationChart } from '../components/CalibrationChart';
import { Kpi } from '../components/Kpi';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; health: ModelHealth; summary: ScoreSummary | null }
  | { state: 'error'; error: ApiError };

/** "25 Nov 2026, 13:00" in the store's time zone. */
function formatWhen(iso: string, timeZone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** What an AUC means for someone who has never heard of one. */
export function aucWords(auc: number): string {
  const apart = 'at telling who will pay full price from who will not';
  if (!Number.isFinite(auc)) return 'could not be measured';
  if (auc < 0.55) return 'no better than guessing who will pay full price';
  if (auc < 0.65) return 'a little better than guessing who will pay full price';
  if (auc < 0.75) return `fair ${apart}`;
  if (auc < 0.85) return `good ${apart}`;
  return `very good ${apart}`;
}

export function ModelHealthPage({ store, navigate }: { store: StoreInfo; navigate: Navigate }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<ApiError | null>(null);

  const fetchAll = useCallback(() => {
    setLoad({ state: 'loading' });
    Promise.all([modelHealth(), scoreSummary()])
      .then(([health, summary]) => setLoad({ state: 'ready', health, summary: summary ?? null }))
      .catch((e: unknown) => setLoad({ state: 'error', error: toApiError(e) }));
  }, []);

  useEffect(fetchAll, [fetchAll, store]);

  const check = () => {
    setChecking(true);
    setCheckError(null);
    runHealthCheck()
      .then((health) => setLoad((l) => (l.state === 'ready' ? { ...l, health } : { state: 'ready', health, summary: null })))
      .catch((e: unknown) => setCheckError(toApiError(e)))
      .finally(() => setChecking(false));
  };

  const locale = defaultLocale();
  const tz = store.timezone;
  const ready = load.state === 'ready' ? load : null;
  const latest = ready?.health.latest ?? null;
  const summary = ready?.summary ?? null;

  const checkButton = (primary: boolean) => (
    <button
      type="button"
      className={`btn${primary ? ' btn--primary' : ''}`}
      onClick={check}
      disabled={checking}
      data-testid="health-check"
    >
      {checking ? 'Checking…' : 'Check now'}
    </button>
  );

  return (
    <div className="page" data-testid="model-health">
      <header className="page__header">
        <div className="page__title-row">
          <h1>Data &amp; audit</h1>
        </div>
        <p className="page__lede">
          How well Storeloop’s predictions matched what your customers really did — so you know how far to trust
          them.
        </p>
      </header>
      <DataTabs current="health" navigate={navigate} />

      {load.state === 'loading' ? <LoadingState title="Reading the last check…" /> : null}
      {load.state === 'error' ? (
        <ErrorState error={load.error} onRetry={fetchAll} title="Couldn't read the model checks" />
      ) : null}

      {ready && !latest ? (
        <section className="card" aria-label="No check yet" data-testid="health-empty">
          {summary === null ? (
            <EmptyState
              title="Score your customers first"
              action={
                <button type="button" className="btn btn--primary" onClick={() => navigate('customers')}>
                  Go to Customers
                </button>
              }
            >
              <p>
                A check compares what the models predicted with what customers then did, so there must be
                predictions to check. Score your customers on the Customers page, then come back here.
              </p>
            </EmptyState>
          ) : (
            <EmptyState title="No check yet" action={checkButton(true)}>
              <p>
                A check teaches the models on your older orders only, then compares what they predicted with the
                orders that really came after. It takes a moment, changes nothing and sends nothing. Storeloop
                checks once a month by itself.
              </p>
            </EmptyState>
          )}
          {checkError ? (
            <pre className="message-box" role="alert" data-testid="health-check-error">
              {checkError.message}
            </pre>
          ) : null}
        </section>
      ) : null}

      {ready && latest ? (
        <>
          <section className="card action-bar" aria-label="Latest check">
            <p data-testid="health-checked">
              <strong>Checked {formatWhen(latest.checked_at, tz, locale)}.</strong>{' '}
              <span className="muted">Storeloop checks once a month; you can check now at any time.</span>
            </p>
            {checkButton(false)}
          </section>
          {checkError ? (
            <pre className="message-box" role="alert" data-testid="health-check-error">
              {checkError.message}
            </pre>
          ) : null}
          <LatestCheck check={latest} timeZone={tz} locale={locale} />
          <section className="card" aria-labelledby="trend-title">
            <div className="card__header">
              <h2 id="trend-title" className="card__title">
                Past checks
              </h2>
              <span className="card__meta">
                {ready.health.history.length === 1 ? '1 check' : `${formatCount(ready.health.history.length, locale)} checks`}
              </span>
            </div>
            {ready.health.history.length > 1 ? (
              <ErrorTrend history={ready.health.history} timeZone={tz} locale={locale} />
            ) : (
              <p className="muted">
                One check so far. After the next monthly check this shows whether the models are getting better or
                worse.
              </p>
            )}
          </section>
        </>
      ) : null}

      {ready && summary ? (
        <div className="health-grid">
          <FullPriceModel report={summary.propensity} rulesMode={summary.mode === 'rules'} locale={locale} />
          <Recommendations report={summary.recommendations} rulesMode={summary.mode === 'rules'} locale={locale} />
        </div>
      ) : null}
    </div>
  );
}

function LatestCheck({ check, timeZone, locale }: { check: HealthCheck; timeZone: string; locale: string }) {
  const end = formatDate(check.calibration_end, timeZone, locale);
  return (
    <>
      {check.drifted ? (
        <div className="banner banner--danger" role="alert" data-testid="health-drift">
          <p className="banner__title">The predictions have drifted: they were {errorWords(check.error, locale)}</p>
          <p>
            More than 20% off is more than chance explains: how your customers buy may have changed. Scores and
            flows that use them are less reliable until the models catch up — score your customers again after
            importing recent orders.
          </p>
        </div>
      ) : (
        <div className="banner banner--success" role="note" data-testid="health-ok">
          <p className="banner__title">On track: the predictions were {errorWords(check.error, locale)}</p>
        </div>
      )}
      <p className="health__message" data-testid="health-message">
        {check.message}
      </p>

      <div className="kpi-grid kpi-grid--3">
        <Kpi
          id="health-predicted"
          label="Purchases predicted"
          value={formatNumber(check.predicted_total, 0, locale)}
          raw={String(check.predicted_total)}
          explain={`What the models expected after ${formatDate(check.calibration_end, timeZone, locale)}, up to ${formatDate(check.holdout_end, timeZone, locale)}, knowing only the orders before.`}
        />
        <Kpi
          id="health-actual"
          label="Purchases made"
          value={formatCount(check.actual_total, locale)}
          raw={String(check.actual_total)}
          explain="What the same customers really bought in that time (several orders on one day count once)."
        />
        <Kpi
          id="health-error"
          label="How far off"
          value={Number.isFinite(check.error) ? `${check.error > 0 ? '+' : ''}${formatRate(check.error, locale)}` : '—'}
          raw={String(check.error)}
          explain={`Predicted ${errorWords(check.error, locale)} against what happened. Beyond 20% either way counts as drift.`}
        />
      </div>

      <section className="card" aria-labelledby="holdout-title">
        <div className="card__header">
          <h2 id="holdout-title" className="card__title">
            Predicted against actual, by how often customers had bought
          </h2>
          <span className="card__meta">
            Learned up to {end} · compared to {formatDate(check.holdout_end, timeZone, locale)}
          </span>
        </div>
        {check.rows.length > 0 ? (
          <HoldoutChart rows={check.rows} calibrationEnd={end} locale={locale} />
        ) : (
          <p className="muted">No customers to compare in this period.</p>
        )}
      </section>
    </>
  );
}

function FullPriceModel({
  report,
  rulesMode,
  locale,
}: {
  report: PropensityReport | null;
  rulesMode: boolean;
  locale: string;
}) {
  return (
    <section className="card health-card" aria-labelledby="fullprice-title" data-testid="health-fullprice">
      <h2 id="fullprice-title" className="card__title">
        Who pays full price
      </h2>
      {report === null ? (
        <p className="muted">
          {rulesMode
            ? 'Not fitted: your store has too little history yet, so simple rules stand in for this model.'
            : 'Not fitted in the latest scoring. Score your customers again to check it.'}
        </p>
      ) : (
        <>
          <p>
            <strong className="num" data-testid="health-auc" data-value={report.auc}>
              Score {formatNumber(report.auc, 2, locale)}
            </strong>{' '}
            — {aucWords(report.auc)}.{' '}
            <span className="muted">(0.5 is guessing, 1 is perfect.)</span>
          </p>
          <p className="muted small">
            Taught on {formatCount(report.train_customers, locale)} customers as of {formatDate(report.train_date, undefined, locale)},
            tested on {formatCount(report.test_customers, locale)} as of {formatDate(report.test_date, undefined, locale)}: an order at
            full price within {report.window_days} days counts.
          </p>
          {report.calibration.length > 0 ? (
            <>
              <h3 className="health-card__sub">Does “a 30% chance” mean 30%?</h3>
              <CalibrationChart bins={report.calibration} locale={locale} />
            </>
          ) : null}
          {report.weights.length > 0 ? (
            <details className="health-card__details">
              <summary>What the model pays most attention to</summary>
              <ul className="weights">
                {report.weights.slice(0, 8).map((w) => (
                  <li key={w.feature}>
                    <span className="mono">{w.feature}</span>{' '}
                    <span className="muted">
                      {w.weight >= 0 ? 'makes full price more likely' : 'makes full price less likely'} (
                      {formatNumber(w.weight, 2, locale)})
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}

function Recommendations({
  report,
  rulesMode,
  locale,
}: {
  report: RecommendationReport | null;
  rulesMode: boolean;
  locale: string;
}) {
  return (
    <section className="card health-card" aria-labelledby="recs-health-title" data-testid="health-recommendations">
      <h2 id="recs-health-title" className="card__title">
        Product suggestions
      </h2>
      {report === null ? (
        <p className="muted">
          {rulesMode
            ? 'Not tested: your store has too little history yet.'
            : 'Not tested in the latest scoring. Score your customers again to check them.'}
        </p>
      ) : (
        <>
          <p>
            For {formatCount(report.customers, locale)} customers, Storeloop hid their last order and suggested{' '}
            {report.k} products from what came before. How often was one of them in the order?
          </p>
          <dl className="compare">
            <CompareBar label={`Storeloop’s ${report.k} suggestions`} value={report.hit_rate} locale={locale} strong id="hit-rate" />
            <CompareBar label={`Your ${report.k} best-sellers`} value={report.popular_hit_rate} locale={locale} id="popular-hit-rate" />
          </dl>
          <p className="muted small" data-testid="recs-verdict">
            {recommendationVerdict(report)}
          </p>
        </>
      )}
    </section>
  );
}

export function recommendationVerdict(r: RecommendationReport): string {
  if (!(r.popular_hit_rate > 0)) {
    return r.hit_rate > 0 ? 'Best-sellers never matched; the suggestions sometimes did.' : 'Neither matched yet.';
  }
  const ratio = r.hit_rate / r.popular_hit_rate;
  if (ratio >= 1.1) return `Suggestions matched ${formatNumber(ratio, 1)} times as often as best-sellers.`;
  if (ratio > 0.9) return 'Suggestions did about as well as best-sellers.';
  return 'Best-sellers did better than the suggestions so far.';
}

function CompareBar({
  label,
  value,
  locale,
  strong = false,
  id,
}: {
  label: string;
  value: number;
  locale: string;
  strong?: boolean;
  id: string;
}) {
  return (
    <div className="compare__row">
      <dt>{label}</dt>
      <dd>
        <span className="compare__bar" aria-hidden="true">
          <span
            className={`compare__fill${strong ? ' compare__fill--strong' : ''}`}
            style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }}
          />
        </span>
        <span className="num" data-testid={id} data-value={value}>
          {formatRate(value, locale)}
        </span>
      </dd>
    </div>
  );
}
