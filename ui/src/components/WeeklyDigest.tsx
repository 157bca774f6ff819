// "This week": the core's weekly digest above the Measurement cards — its headline, each flow's
// week (new customers, emails, unsubscribes) with the profit it has added so far and its 95%
// range, and the alerts of the week, each with the way to the flow where it can be paused or
// resumed. The limits can be checked now instead of waiting for the daily check.

import { useState } from 'react';
import { watchFlows, weeklyDigest } from '../api';
import type { DigestFlow, FlowAlert, StoreInfo } from '../api';
import { badgeClass } from '../customerWords';
import { defaultLocale, formatDate, formatMoneyChange } from '../format';
import { flowStatusWords, plural } from '../flowWords';
import { intervalWords, liftTone } from '../measureWords';
import { useAction } from '../useAction';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { metricLabel } from '../watchForm';
import { AreaLink } from './AreaLink';
import { ErrorState, LoadingState } from './States';

export interface WeeklyDigestPanelProps {
  /** The open store: the week is read again for another one. */
  store: StoreInfo;
  navigate: Navigate;
}

export function WeeklyDigestPanel({ store, navigate }: WeeklyDigestPanelProps) {
  const { load, retry } = useLoad(weeklyDigest, [store]);
  const check = useAction();
  const [checked, setChecked] = useState<FlowAlert[] | null>(null);
  const locale = defaultLocale();
  const timeZone = store.timezone;

  const runCheck = () =>
    void check.run(async () => {
      setChecked(null);
      const raised = await watchFlows();
      setChecked(raised);
      retry();
    });

  return (
    <section className="card card--stack digest" aria-labelledby="digest-title" data-testid="digest">
      <div className="action-bar">
        <div>
          <h2 id="digest-title" className="card__title">
            This week
          </h2>
          {load.state === 'ready' ? (
            <p className="muted small" data-testid="digest-dates">
              {formatDate(load.value.from, timeZone, locale)} to {formatDate(load.value.to, timeZone, locale)}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          className="btn btn--sm"
          onClick={runCheck}
          disabled={check.running !== null}
          data-testid="digest-check"
        >
          {check.running !== null ? 'Checking…' : 'Check the limits now'}
        </button>
      </div>

      {load.state === 'loading' ? <LoadingState title="Putting the week together…" /> : null}
      {load.state === 'error' ? <ErrorState title="The week could not be put together" error={load.error} onRetry={retry} /> : null}

      {check.error ? (
        <pre className="message-box" role="alert" data-testid="digest-check-error">
          {check.error.message}
        </pre>
      ) : null}
      {checked !== null ? (
        <p className="muted small" role="status" data-testid="digest-checked">
          {checked.length === 0
            ? 'Checked just now: no live flow is past its limit.'
            : `Checked just now: ${plural(checked.length, 'new alert', 'new alerts', locale)}, shown below.`}
        </p>
      ) : null}

      {load.state === 'ready' ? (
        <>
          <p className="digest__headline" data-testid="digest-headline">
            {load.value.headline}
          </p>
          {load.value.alerts.length > 0 ? (
            <div className="banner banner--danger" role="alert" data-testid="digest-alerts">
              <p className="banner__title">{load.value.alerts.length === 1 ? 'An alert needs you' : 'Alerts need you'}</p>
              <ul className="digest__alerts">
                {load.value.alerts.map((a) => (
                  <li key={`${a.slug}-${a.metric}-${a.at}`} data-testid="digest-alert" data-slug={a.slug}>
                    <span>{a.message}</span>{' '}
                    {a.paused ? <span className={badgeClass('warning')}>Paused</span> : null}{' '}
                    <AreaLink area="flows" path={[a.slug]} navigate={navigate} testId="digest-alert-link">
                      Open {a.name}
                    </AreaLink>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {load.value.flows.length > 0 ? (
            <ul className="digest__flows">
              {load.value.flows.map((f) => (
                <DigestLine key={f.slug} f={f} currency={load.value.currency} navigate={navigate} locale={locale} />
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DigestLine({ f, currency, navigate, locale }: { f: DigestFlow; currency: string; navigate: Navigate; locale: string }) {
  // The digest has no rollout share: "Live" says enough here.
  const status = f.status === 'live' ? { label: 'Live', tone: 'success' as const } : flowStatusWords({ status: f.status, live_percent: 0 });
  // Coloured only when the core calls the margin lift itself significant (the success metric may be another).
  const byMargin = f.success_metric === 'margin_per_recipient';
  const tone = byMargin ? liftTone(f.success) : 'neutral';
  return (
    <li className="digest__flow" data-testid="digest-flow" data-slug={f.slug}>
      <p className="digest__name">
        <AreaLink area="measurement" path={[f.slug]} navigate={navigate} testId="digest-flow-link">
          {f.name}
        </AreaLink>{' '}
        <span className={badgeClass(status.tone)}>{status.label}</span>
      </p>
      <p className="muted small num" data-testid="digest-week">
        {plural(f.new_recipients, 'new customer', 'new customers', locale)} · {plural(f.emails_sent, 'email', 'emails', locale)} ·{' '}
        {plural(f.unsubscribes, 'unsubscribe', 'unsubscribes', locale)}
      </p>
      <p className={`small interval-text interval-text--${tone}`} data-testid="digest-margin" data-tone={tone}>
        Profit added so far:{' '}
        {intervalWords(f.incremental_margin, (v) => formatMoneyChange(v, currency, locale), 'in all')}
      </p>
      {byMargin ? null : (
        <p className="muted small" data-testid="digest-success">
          Judged by {metricLabel(f.success_metric).toLowerCase()}: {f.success.verdict}
        </p>
      )}
    </li>
  );
}
