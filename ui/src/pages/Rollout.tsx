// The 14-day rollout (#/home/rollout): from a map of the store's revenue moments to one workflow
// live for a share of customers with a holdout, then a week of daily checks. Every tick is the
// core's, verified against the store when the page is read — clicking here never ticks anything by
// itself. Steps have days, but none is locked: the owner may do a later one early.

import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import {
  chooseRolloutFlow,
  flowsList,
  resetRollout,
  reviewMonitoringDay,
  rollout,
  setApprover,
  startRollout,
} from '../api';
import type { MonitorDay, Rollout, RolloutCheck, RolloutStep, StoreInfo } from '../api';
import { badgeClass } from '../customerWords';
import { defaultLocale, formatCount, formatDate, formatDayWithWeekday } from '../format';
import { loadReviewerName } from '../reviewerName';
import {
  monitorStateWords,
  placeRoute,
  rolloutDayWords,
  stepDaysWords,
  stepStateWords,
  todayLine,
} from '../rolloutWords';
import { useAction } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { AreaLink } from '../components/AreaLink';
import { CheckMark } from '../components/CheckMark';
import { ProgressBar } from '../components/ProgressBar';
import { QaPanel } from '../components/QaPanel';
import { ErrorState, InlineError, LoadingState } from '../components/States';

/** The hash of this page: a check whose place is here needs no "Go there". */
const HERE = '#/home/rollout';

export interface RolloutPageProps {
  store: StoreInfo;
  navigate: Navigate;
}

export function RolloutPage({ store, navigate }: RolloutPageProps) {
  const { load, retry, show } = useLoad(rollout, [store]);

  return (
    <div className="page" data-testid="rollout">
      <AreaLink area="home" navigate={navigate} className="back-link" testId="rollout-back">
        ← Home
      </AreaLink>
      <header className="page__header">
        <p className="page__eyebrow">Rollout</p>
        <h1>Your first flow in 14 days</h1>
        <p className="page__lede">
          One workflow, from a map of where your revenue comes from to a flow live for a share of your customers, with a
          group held back to show what it adds. Storeloop checks each step against your store: a tick means it saw it done.
        </p>
      </header>
      {load.state === 'loading' ? <LoadingState title="Reading the rollout…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The rollout could not be read" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' ? (
        load.value.started_on === null ? (
          <NotStarted r={load.value} onRollout={show} navigate={navigate} />
        ) : (
          <Started r={load.value} onRollout={show} navigate={navigate} timeZone={store.timezone} />
        )
      ) : null}
    </div>
  );
}

function NotStarted({ r, onRollout, navigate }: { r: Rollout; onRollout: (r: Rollout) => void; navigate: Navigate }) {
  const start = useAction();
  const locale = defaultLocale();
  return (
    <section className="card card--stack" aria-labelledby="rollout-intro-title" data-testid="rollout-intro">
      <h2 id="rollout-intro-title" className="card__title">
        Two weeks, one workflow, one step at a time
      </h2>
      <p>
        Starting gives each step its dates from today. Each day you see what is due and what Storeloop already found done.
        Nothing is sent to customers until you launch the flow yourself, and you can start over at any time.
      </p>
      {r.steps.length > 0 ? (
        <ol className="rollout-plan" data-testid="rollout-plan">
          {r.steps.map((s) => (
            <li key={s.key}>
              <span className="muted small">{stepDaysWords(s, locale)}</span> <strong>{s.title}</strong>
            </li>
          ))}
        </ol>
      ) : null}
      <div className="rollout__actions">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void start.run(async () => onRollout(await startRollout()))}
          disabled={start.running !== null}
          data-testid="rollout-start"
        >
          {start.running !== null ? 'Starting…' : 'Start the 14-day rollout'}
        </button>
        <AreaLink area="home" path={['map']} navigate={navigate} testId="rollout-map-link">
          Or look at your store’s revenue moments first
        </AreaLink>
      </div>
      {start.error ? (
        <pre className="message-box" role="alert" data-testid="rollout-error">
          {start.error.message}
        </pre>
      ) : null}
    </section>
  );
}

interface StartedProps {
  r: Rollout;
  onRollout: (r: Rollout) => void;
  navigate: Navigate;
  timeZone: string;
}

function Started({ r, onRollout, navigate, timeZone }: StartedProps) {
  const locale = defaultLocale();
  const refresh = useAction();
  const done = r.steps.filter((s) => s.state === 'done').length;
  const total = r.steps.length;

  // Read again after something was done elsewhere on the page (QA): quietly, keeping what is shown.
  const reread = () => {
    rollout()
      .then(onRollout)
      .catch(() => {
        // The page keeps what it shows; "Refresh checks" says what went wrong.
      });
  };

  return (
    <>
      <section className="card card--stack" aria-labelledby="rollout-day" data-testid="rollout-summary">
        <div className="card__head">
          <h2 id="rollout-day" className="card__title" data-testid="rollout-day" data-day={r.day}>
            {rolloutDayWords(r)}
          </h2>
          <span className="card__meta">
            Started {formatDayWithWeekday(r.started_on ?? '', locale)} · today is {formatDayWithWeekday(r.today, locale)}
          </span>
        </div>
        <ProgressBar value={total > 0 ? done / total : 0} label="Rollout steps done" />
        <p className="muted small" data-testid="rollout-steps-done" data-done={done} data-total={total}>
          {done} of {total} steps done
        </p>
        <p data-testid="rollout-today">{todayLine(r)}</p>
        <div className="rollout__actions">
          <button
            type="button"
            className="btn"
            onClick={() => void refresh.run(async () => onRollout(await rollout()))}
            disabled={refresh.running !== null}
            data-testid="rollout-refresh"
          >
            {refresh.running !== null ? 'Checking…' : 'Refresh checks'}
          </button>
          <span className="muted small">Did something in another window or app? Storeloop checks every step again.</span>
        </div>
        {refresh.error ? (
          <pre className="message-box" role="alert" data-testid="rollout-refresh-error">
            {refresh.error.message}
          </pre>
        ) : null}
      </section>

      <FlowChoice r={r} onRollout={onRollout} navigate={navigate} />

      <ol className="rollout-steps" aria-label="The steps">
        {r.steps.map((s) => (
          <li key={s.key}>
            <StepCard step={s} navigate={navigate} locale={locale}>
              {s.key === 'guardrails' ? <ApproverForm onRollout={onRollout} /> : null}
              {s.key === 'qa' ? (
                r.flow ? (
                  <QaPanel slug={r.flow} onChanged={reread} timeZone={timeZone} locale={locale} />
                ) : (
                  <p className="muted small">Choose the workflow above first: the tests run on it.</p>
                )
              ) : null}
              {s.key === 'launch' && r.flow ? (
                <p className="small" data-testid="rollout-launch">
                  When the checks above pass, launch it at 20% on{' '}
                  <AreaLink area="flows" path={[r.flow]} navigate={navigate} testId="rollout-launch-link">
                    its page
                  </AreaLink>
                  . A fifth of the customers it is for is enough to learn from, and the group held back keeps showing
                  what it adds.
                </p>
              ) : null}
            </StepCard>
          </li>
        ))}
      </ol>

      {r.launched ? <MonitorCard r={r} onRollout={onRollout} locale={locale} /> : null}

      {r.next ? (
        <section className="card card--stack" aria-labelledby="rollout-next-title" data-testid="rollout-next">
          <h2 id="rollout-next-title" className="card__title">
            Next month: {r.next.name}
          </h2>
          <p>
            {r.next.name} — {r.next.why}
          </p>
          <p className="muted small">
            From {formatDate(r.next.from_date, undefined, locale)}, once this one has run for a month and you know what it
            adds.
          </p>
        </section>
      ) : null}

      <StartOver onRollout={onRollout} />
    </>
  );
}

function FlowChoice({ r, onRollout, navigate }: { r: Rollout; onRollout: (r: Rollout) => void; navigate: Navigate }) {
  const flows = useLoad(flowsList, []);
  const choose = useAction();
  const id = useId();
  const list = flows.load.state === 'ready' ? flows.load.value : [];
  const known = r.flow === null || list.some((f) => f.slug === r.flow);

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="rollout-choice">
      <h2 id={`${id}-title`} className="card__title">
        The workflow you are rolling out
      </h2>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-flow`}>
          Workflow
        </label>
        <div className="rollout__actions">
          <select
            id={`${id}-flow`}
            className="select"
            value={r.flow ?? ''}
            onChange={(e) => {
              const slug = e.target.value;
              if (slug !== '') void choose.run(async () => onRollout(await chooseRolloutFlow(slug)));
            }}
            disabled={choose.running !== null || flows.load.state === 'loading'}
            data-testid="rollout-flow"
          >
            {r.flow === null ? (
              <option value="" disabled>
                Choose a workflow…
              </option>
            ) : null}
            {!known && r.flow !== null ? <option value={r.flow}>{r.flow_name ?? r.flow}</option> : null}
            {list.map((f) => (
              <option key={f.slug} value={f.slug}>
                {f.name}
              </option>
            ))}
          </select>
          {r.flow !== null ? (
            <AreaLink area="flows" path={[r.flow]} navigate={navigate} testId="rollout-flow-open">
              Open “{r.flow_name ?? r.flow}”
            </AreaLink>
          ) : null}
        </div>
        <span className="field__hint">
          Not sure which?{' '}
          <AreaLink area="home" path={['map']} navigate={navigate} testId="rollout-map-link">
            Map your store’s revenue moments
          </AreaLink>{' '}
          — saving the map makes a draft flow and chooses it here.
        </span>
      </div>
      {flows.load.state === 'error' ? (
        <InlineError error={flows.load.error} onRetry={flows.retry} testId="rollout-flows-error" />
      ) : null}
      {choose.error ? (
        <pre className="message-box" role="alert" data-testid="rollout-flow-error">
          {choose.error.message}
        </pre>
      ) : null}
    </section>
  );
}

function StepCard({
  step,
  navigate,
  locale,
  children,
}: {
  step: RolloutStep;
  navigate: Navigate;
  locale: string;
  children?: ReactNode;
}) {
  const words = stepStateWords(step.state);
  const id = useId();
  return (
    <section
      className={`card card--stack rollout-step rollout-step--${step.state}`}
      aria-labelledby={`${id}-title`}
      data-testid={`rollout-step-${step.key}`}
      data-state={step.state}
    >
      <div className="rollout-step__head">
        <div>
          <p className="muted small" data-testid="rollout-step-days">
            {stepDaysWords(step, locale)}
          </p>
          <h2 id={`${id}-title`} className="card__title">
            {step.title}
          </h2>
        </div>
        <span className={badgeClass(words.tone)} data-testid="rollout-step-state">
          {words.label}
        </span>
      </div>
      <p className="muted">{step.why}</p>
      <ul className="checklist rollout-checks">
        {step.checks.map((c, i) => (
          <CheckRow key={`${c.label}-${i}`} check={c} navigate={navigate} />
        ))}
      </ul>
      {children}
    </section>
  );
}

function CheckRow({ check, navigate }: { check: RolloutCheck; navigate: Navigate }) {
  const route = check.place === HERE ? null : placeRoute(check.place);
  return (
    <li
      className={`checklist__item checklist__item--top${check.done ? ' is-done' : ''}`}
      data-testid="rollout-check"
      data-done={check.done ? 'true' : 'false'}
    >
      <CheckMark mark={check.done ? 'done' : 'open'} />
      <div className="rollout-check">
        <span className="rollout-check__label">{check.label}</span>
        <span className="muted small" data-testid="rollout-check-evidence">
          {check.done ? 'What Storeloop saw: ' : 'Not done yet: '}
          {check.evidence}
        </span>
        {route ? (
          <AreaLink
            area={route.area}
            path={route.path}
            navigate={navigate}
            className="small rollout-check__go"
            testId="rollout-check-go"
          >
            Go there
          </AreaLink>
        ) : null}
      </div>
    </li>
  );
}

function ApproverForm({ onRollout }: { onRollout: (r: Rollout) => void }) {
  const [name, setName] = useState(loadReviewerName);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const id = useId();
  return (
    <form
      className="rollout-approver"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void save.run(async () => {
          onRollout(await setApprover(name.trim()));
          setSaved(true);
        });
      }}
      noValidate
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Who approves flows
        </label>
        <div className="rollout__actions">
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            autoComplete="name"
            data-testid="approver-name"
          />
          <button type="submit" className="btn" disabled={save.running !== null} data-testid="approver-save">
            {save.running !== null ? 'Saving…' : 'Save'}
          </button>
          {saved ? (
            <span className="muted small" role="status" data-testid="approver-saved">
              Saved.
            </span>
          ) : null}
        </div>
        <span className="field__hint">The person who reads a flow and says yes before it goes live.</span>
      </div>
      {save.error ? (
        <pre className="message-box" role="alert" data-testid="approver-error">
          {save.error.message}
        </pre>
      ) : null}
    </form>
  );
}

function MonitorCard({ r, onRollout, locale }: { r: Rollout; onRollout: (r: Rollout) => void; locale: string }) {
  const review = useAction();
  const today = r.monitoring.find((d) => d.state === 'today');
  return (
    <section className="card card--stack" aria-labelledby="monitor-title" data-testid="monitor">
      <div className="card__head">
        <h2 id="monitor-title" className="card__title">
          First week live
        </h2>
        <span className="card__meta">
          {r.flow_name ?? r.flow} · live for {r.live_percent}% of the customers it is for
        </span>
      </div>
      <p className="muted small">
        Once a day, look at what it sent and held back and whether anyone unsubscribed. An alert means a guardrail or the
        failure metric was crossed.
      </p>
      {r.monitoring.length === 0 ? (
        <p className="muted">The daily checks start the day after it went live.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="right">
                  Sent
                </th>
                <th scope="col" className="right">
                  Held back
                </th>
                <th scope="col" className="right">
                  Unsubscribed
                </th>
                <th scope="col">Alerts</th>
                <th scope="col">Your check</th>
              </tr>
            </thead>
            <tbody>
              {r.monitoring.map((d) => (
                <MonitorRow key={d.date} d={d} locale={locale} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {today ? (
        <div className="rollout__actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => void review.run(async () => onRollout(await reviewMonitoringDay()))}
            disabled={review.running !== null}
            data-testid="monitor-review"
          >
            {review.running !== null ? 'Saving…' : 'I’ve gone through today’s numbers'}
          </button>
        </div>
      ) : null}
      {review.error ? (
        <pre className="message-box" role="alert" data-testid="monitor-error">
          {review.error.message}
        </pre>
      ) : null}
    </section>
  );
}

function MonitorRow({ d, locale }: { d: MonitorDay; locale: string }) {
  const words = monitorStateWords(d.state);
  const future = d.state === 'upcoming';
  const count = (n: number) => (future ? '—' : formatCount(n, locale));
  return (
    <tr data-testid="monitor-day" data-date={d.date} data-state={d.state}>
      <th scope="row">
        {formatDayWithWeekday(d.date, locale)} <span className="muted small">(day {d.day})</span>
      </th>
      <td className="right num">{count(d.sent)}</td>
      <td className="right num">{count(d.held)}</td>
      <td className="right num">{count(d.unsubscribed)}</td>
      <td>
        {d.alerts.length === 0 ? (
          <span className="muted">{future ? '—' : 'None'}</span>
        ) : (
          <ul className="monitor__alerts">
            {d.alerts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <span className={badgeClass(words.tone)}>{words.label}</span>
      </td>
    </tr>
  );
}

function StartOver({ onRollout }: { onRollout: (r: Rollout) => void }) {
  const reset = useAction();
  const confirm = useConfirmStep(reset.clearError);
  return (
    <div className="rollout-reset">
      <button
        ref={confirm.openerRef}
        type="button"
        className="btn btn--ghost btn--sm"
        aria-expanded={confirm.open}
        onClick={() => confirm.setOpen((o) => !o)}
        disabled={reset.running !== null}
        data-testid="rollout-reset"
      >
        Start over
      </button>
      {confirm.open ? (
        <div className="rollout-reset__confirm" role="group" aria-label="Confirm starting over" onKeyDown={confirm.onKeyDown}>
          <p>
            Start the rollout over? Its dates and the chosen workflow are forgotten. What you did in the store stays: the
            map, the guardrails, the flows and their approvals.
          </p>
          <div className="rollout__actions">
            <button
              ref={confirm.confirmRef}
              type="button"
              className="btn btn--danger"
              onClick={() =>
                void reset.run(async () => {
                  const next = await resetRollout();
                  confirm.setOpen(false);
                  onRollout(next);
                })
              }
              disabled={reset.running !== null}
              data-testid="rollout-reset-confirm"
            >
              {reset.running !== null ? 'Starting over…' : 'Start over'}
            </button>
            <button type="button" className="btn" onClick={confirm.close} disabled={reset.running !== null}>
              Cancel
            </button>
          </div>
          {reset.error ? (
            <pre className="message-box" role="alert" data-testid="rollout-reset-error">
              {reset.error.message}
            </pre>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
