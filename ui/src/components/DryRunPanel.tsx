// The dry run: the last 30, 60 or 90 days of the store replayed through the flow, sending nothing.
// Shows how often it would have started, who entered and who was held back, the emails and
// discounts (with their cost), the emails per day, what the guardrails held, how people left, who
// was turned away at entry, and what the replay could not see.

import { useId, useState } from 'react';
import { simulateFlow } from '../api';
import type { DryRunReport } from '../api';
import { defaultLocale, formatCount, formatDate, formatMoney, formatRate, formatRelative } from '../format';
import { useAction } from '../useAction';
import { Figure } from './Figure';
import { Notes } from './Notes';
import { ProgressBar } from './ProgressBar';
import { ReasonList } from './ReasonList';
import { Segmented } from './Segmented';
import { SendsChart } from './SendsChart';
import { EmptyState } from './States';

export const DRY_RUN_DAYS = [30, 60, 90] as const;

export interface DryRunPanelProps {
  slug: string;
  report: DryRunReport | null;
  /** The flow's current version, to say when the report is of an older one. */
  version: number;
  timeZone: string;
  onRan: (report: DryRunReport) => void;
  locale?: string;
}

export function DryRunPanel({ slug, report, version, timeZone, onRan, locale = defaultLocale() }: DryRunPanelProps) {
  const [days, setDays] = useState<number>(report?.days ?? 30);
  const action = useAction();
  const running = action.running !== null;
  const error = action.error;
  const id = useId();

  const run = () => action.run(async () => onRan(await simulateFlow(slug, days)));

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} aria-busy={running} data-testid="dry-run">
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          Dry run
        </h2>
        <span className="card__meta">Replays your store’s past days through this flow. Nothing is sent.</span>
      </div>

      <div className="dry-run__controls">
        <Segmented
          legend="How far back"
          options={DRY_RUN_DAYS}
          value={days}
          onChange={setDays}
          label={(d) => `${d} days`}
          disabled={running}
          testIdPrefix="dry-run-days-"
        />
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void run()}
          disabled={running}
          data-testid="dry-run-run"
        >
          {running ? 'Running the dry run…' : report ? 'Run it again' : 'Run a dry run'}
        </button>
      </div>

      {running ? (
        <div className="dry-run__progress" data-testid="dry-run-running">
          <ProgressBar value={null} label={`Replaying the last ${days} days`} />
          <p className="muted small" aria-live="polite">
            Replaying the last {days} days of orders, checkouts and visits through this flow…
          </p>
        </div>
      ) : null}

      {error ? (
        <div role="alert" data-testid="dry-run-error">
          <p className="state__title">The dry run did not finish</p>
          <pre className="message-box">{error.message}</pre>
          <p className="muted small">Nothing was sent and nothing was changed. Fix what the message says, then run it again.</p>
        </div>
      ) : null}

      {report === null && !running ? (
        <EmptyState title="No dry run yet">
          <p data-testid="dry-run-empty">
            Run a dry run to see what this flow would have done over the last {days} days: who it would have reached,
            what it would have sent, and what the guardrails would have held. It sends nothing.
          </p>
        </EmptyState>
      ) : null}

      {report ? <DryRunReportView report={report} version={version} timeZone={timeZone} locale={locale} /> : null}
    </section>
  );
}

function DryRunReportView({
  report,
  version,
  timeZone,
  locale,
}: {
  report: DryRunReport;
  version: number;
  timeZone: string;
  locale: string;
}) {
  const wouldSend = report.nodes.reduce((sum, n) => sum + n.would_send, 0);
  const heldShare = report.entered > 0 ? report.holdout / report.entered : null;

  return (
    <div className="dry-run__report" data-testid="dry-run-report">
      <p className="muted small" data-testid="dry-run-range">
        {formatDate(report.from, timeZone, locale)} to {formatDate(report.to, timeZone, locale)} ({report.days} days) ·
        run{' '}
        <time dateTime={report.ran_at} title={new Date(report.ran_at).toLocaleString(locale, { timeZone })}>
          {formatRelative(report.ran_at, Date.now(), locale)}
        </time>{' '}
        · version {report.version}
      </p>
      {report.version !== version ? (
        <div className="banner banner--warning" role="note" data-testid="dry-run-stale">
          <p className="banner__title">This dry run is of an earlier version</p>
          <p>The flow has changed since (now version {version}). Run it again to see what this version would do.</p>
        </div>
      ) : null}

      <dl className="figures">
        <Figure id="dry-triggered" label="Times it started" value={formatCount(report.triggered, locale)} raw={report.triggered}>
          Times a customer did what starts this flow.
        </Figure>
        <Figure id="dry-entered" label="Entered" value={formatCount(report.entered, locale)} raw={report.entered}>
          Passed the entry rules.{' '}
          <span data-testid="dry-holdout" data-value={report.holdout}>
            {formatCount(report.holdout, locale)}
            {heldShare === null ? '' : ` (${formatRate(heldShare, locale)})`}
          </span>{' '}
          of them were held back on purpose and got nothing, so you can see what the flow adds.
        </Figure>
        <Figure id="dry-sent" label="Emails sent" value={formatCount(report.emails_sent, locale)} raw={report.emails_sent}>
          To customers not held back.
          {wouldSend > 0
            ? ` ${formatCount(wouldSend, locale)} more would have gone to the held-back group.`
            : ''}
        </Figure>
        <Figure id="dry-discounts" label="Discounts" value={formatCount(report.discounts, locale)} raw={report.discounts}>
          {report.discounts > 0 ? (
            <>
              Costing{' '}
              <span data-testid="dry-discount-cost" data-value={report.discount_cost.minor}>
                {formatMoney(report.discount_cost, locale)}
              </span>{' '}
              at the carts’ and orders’ value.
            </>
          ) : (
            'No discount would have been given.'
          )}
        </Figure>
      </dl>

      <section className="section" aria-labelledby="dry-days-title">
        <h3 id="dry-days-title" className="section__title">
          Emails per day
        </h3>
        {report.per_day.some((d) => d.sent > 0 || d.would_send > 0) ? (
          <SendsChart days={report.per_day} locale={locale} />
        ) : (
          <p className="muted small" data-testid="dry-days-empty">
            No email would have gone out on any day.
          </p>
        )}
      </section>

      <div className="dry-run__reasons">
        <section className="section" aria-labelledby="dry-holds-title">
          <h3 id="dry-holds-title" className="section__title">
            Held by the guardrails
          </h3>
          <ReasonList reasons={report.holds} empty="Nothing was held." testId="dry-holds" locale={locale} />
        </section>
        <section className="section" aria-labelledby="dry-endings-title">
          <h3 id="dry-endings-title" className="section__title">
            How people left the flow
          </h3>
          <ReasonList reasons={report.endings} empty="Nobody left it yet." testId="dry-endings" locale={locale} />
        </section>
        <section className="section" aria-labelledby="dry-not-entered-title">
          <h3 id="dry-not-entered-title" className="section__title">
            Turned away at entry
          </h3>
          <ReasonList
            reasons={report.not_entered}
            empty="Nobody was turned away."
            testId="dry-not-entered"
            locale={locale}
          />
        </section>
      </div>

      <Notes notes={report.notes} testId="dry-notes" />
    </div>
  );
}
