// Where a flow stands and what can be done with it: what must happen before it goes live (a dry
// run, the owner's approval), launch for 10, 20, 25, 50 or 100% of the customers who set it off, pause,
// stop it now (its own kill switch, with a confirm step) and resume. While the WORKFLOW checklist
// has open items, a launch carries the owner's written reason for going ahead anyway (the core
// refuses one without). Errors from the core are shown as written: they are written for the owner.

import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { killSwitch, launchFlow, pauseFlow, resumeFlow } from '../api';
import type { FlowDetail, FlowSummary, KillState } from '../api';
import { defaultLocale, formatRelative } from '../format';
import { plural } from '../flowWords';
import { useAction } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import { Icon } from './Icon';

export const LAUNCH_PERCENTS = [10, 20, 25, 50, 100] as const;

type Action = 'launch' | 'pause' | 'resume' | 'kill';

export interface LaunchControlsProps {
  detail: FlowDetail;
  /** A launch, pause or resume answered with the flow's new summary. */
  onSummary: (summary: FlowSummary) => void;
  /** The flow was stopped: the kill switch's new state. */
  onKilled: (state: KillState) => void;
  /** Whether every item of the WORKFLOW checklist passes (true while it is unknown: the core still checks). */
  checklistPassed?: boolean;
  /** The titles of the checklist's open items. */
  openItems?: readonly string[];
  locale?: string;
}

export function LaunchControls({
  detail,
  onSummary,
  onKilled,
  checklistPassed = true,
  openItems = [],
  locale = defaultLocale(),
}: LaunchControlsProps) {
  const { summary } = detail;
  const doing = useAction<{ action: Action; percent?: number }>();
  const busy = doing.running;
  const error = doing.error;
  const confirm = useConfirmStep();
  const id = useId();
  const [reason, setReason] = useState('');

  const status = summary.status;
  const live = status === 'live';
  const held = status === 'paused' || status === 'killed';

  const act = (action: Action, run: () => Promise<void>, percent?: number) =>
    doing.run(run, percent === undefined ? { action } : { action, percent });

  const launch = (percent: number) =>
    act(
      'launch',
      async () =>
        onSummary(await (checklistPassed ? launchFlow(summary.slug, percent) : launchFlow(summary.slug, percent, reason.trim()))),
      percent,
    );
  const pause = () => act('pause', async () => onSummary(await pauseFlow(summary.slug)));
  const resume = () => act('resume', async () => onSummary(await resumeFlow(summary.slug)));
  const kill = () =>
    act('kill', async () => {
      const state = await killSwitch(summary.slug);
      confirm.setOpen(false);
      onKilled(state);
    });

  const approval = detail.approval;
  const needsApproval = approval.reasons.length > 0 && approval.approved_by === null;
  const active = plural(detail.active, 'customer is', 'customers are', locale);

  return (
    <section className="card card--stack launch" aria-labelledby={`${id}-title`} data-testid="launch">
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          Launch and stop
        </h2>
        <span className="card__meta num" data-testid="flow-active" data-value={detail.active}>
          {detail.active === 0 ? 'Nobody is in this flow now.' : `${active} in this flow now.`}
        </span>
      </div>

      <p className="launch__status" data-testid="launch-status">
        {live
          ? `Live for ${summary.live_percent}% of the customers who set it off.`
          : status === 'paused'
            ? 'Paused: it sends nothing until you resume it. Customers in it wait where they are, and what it held waits with them.'
            : status === 'killed'
              ? 'Stopped: it sends nothing until you resume it. Emails it had waiting are held, not lost.'
              : 'Not sending. Launch it for a small share of customers first, look at what it does, then widen.'}
      </p>

      {!live && !held ? (
        <ol className="checklist" aria-label="Before it goes live" data-testid="launch-checklist">
          <CheckItem done={detail.dry_run !== null} testId="check-dry-run">
            {detail.dry_run !== null ? (
              <>
                Dry run of version {summary.version} done{' '}
                <span className="muted">({formatRelative(detail.dry_run.ran_at, Date.now(), locale)})</span>
              </>
            ) : (
              <>
                A dry run of version {summary.version} — <span className="muted">not yet: run one under Dry run below.</span>
              </>
            )}
          </CheckItem>
          <CheckItem done={!needsApproval} testId="check-approval">
            {approval.approved_by !== null
              ? `Approved by ${approval.approved_by}`
              : approval.reasons.length === 0
                ? 'Your approval — not needed for this version'
                : (
                    <>
                      Your approval — <span className="muted">needed: see above.</span>
                    </>
                  )}
          </CheckItem>
        </ol>
      ) : null}

      {!held && !checklistPassed ? (
        <div className="field launch__override" data-testid="launch-override-box">
          <label className="field__label" htmlFor={`${id}-override`}>
            The WORKFLOW checklist has open items{openItems.length > 0 ? `: ${openItems.join(', ')}` : ''}. Finish them, or
            write why it should go live anyway:
          </label>
          <textarea
            id={`${id}-override`}
            className="textarea"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="launch-override"
          />
          <span className="field__hint">Kept in the flow’s audit trail with the items that were open.</span>
        </div>
      ) : null}

      {held ? (
        <div className="launch__row">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => void resume()}
            disabled={busy !== null}
            data-testid="flow-resume"
          >
            {busy?.action === 'resume' ? 'Resuming…' : 'Resume this flow'}
          </button>
          <span className="muted small">
            Resuming is your decision to let it send again, including the emails it held.
          </span>
        </div>
      ) : (
        <div className="launch__row">
          <div className="launch__percents" role="group" aria-label={live ? 'Change how many it reaches' : 'Launch for a share of customers'}>
            <span className="field__label">{live ? 'Reach' : 'Launch for'}</span>
            {LAUNCH_PERCENTS.map((p) => {
              const current = live && summary.live_percent === p;
              return (
                <button
                  key={p}
                  type="button"
                  className={`btn${current ? ' is-current' : ''}`}
                  aria-pressed={live ? current : undefined}
                  aria-label={
                    current
                      ? `Live for ${p}% of customers now`
                      : live
                        ? `Change to ${p}% of customers`
                        : `Launch for ${p}% of customers`
                  }
                  onClick={() => {
                    if (!current) void launch(p);
                  }}
                  disabled={busy !== null}
                  data-testid={`flow-launch-${p}`}
                >
                  {busy?.action === 'launch' && busy.percent === p ? `${p}%…` : `${p}%`}
                </button>
              );
            })}
          </div>
          {live ? (
            <button
              type="button"
              className="btn"
              onClick={() => void pause()}
              disabled={busy !== null}
              data-testid="flow-pause"
            >
              {busy?.action === 'pause' ? 'Pausing…' : 'Pause'}
            </button>
          ) : null}
        </div>
      )}
      {!held ? (
        <p className="muted small">
          The share of customers who set it off that it reaches. {summary.holdout_percent}% of those are still held back
          and get nothing, so you can see what it adds.
        </p>
      ) : null}

      {status !== 'killed' ? (
        <div className="launch__stop">
          <button
            ref={confirm.openerRef}
            type="button"
            className="btn btn--stop"
            aria-expanded={confirm.open}
            aria-controls={`${id}-confirm`}
            onClick={() => confirm.setOpen((c) => !c)}
            disabled={busy !== null}
            data-testid="flow-kill"
          >
            <Icon name="alert" size={14} />
            Stop this flow now
          </button>
          {confirm.open ? (
            <div
              id={`${id}-confirm`}
              className="launch__confirm"
              role="group"
              aria-label="Confirm stopping this flow"
              onKeyDown={confirm.onKeyDown}
            >
              <p>
                Stop “{summary.name}” now? It sends nothing more until you resume it, and emails it has waiting are held,
                not lost.
              </p>
              <div className="launch__row">
                <button
                  ref={confirm.confirmRef}
                  type="button"
                  className="btn btn--danger"
                  onClick={() => void kill()}
                  disabled={busy !== null}
                  data-testid="flow-kill-confirm"
                >
                  {busy?.action === 'kill' ? 'Stopping…' : 'Stop this flow'}
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={confirm.close}
                  disabled={busy !== null}
                >
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}

      {error ? (
        <pre className="message-box" role="alert" data-testid="launch-error">
          {error.message}
        </pre>
      ) : null}
    </section>
  );
}

function CheckItem({ done, testId, children }: { done: boolean; testId: string; children: ReactNode }) {
  return (
    <li className={`checklist__item${done ? ' is-done' : ''}`} data-testid={testId} data-done={done ? 'true' : 'false'}>
      <span className="checklist__mark" aria-hidden="true">
        {done ? <Icon name="check" size={14} /> : null}
      </span>
      <span className="visually-hidden">{done ? 'Done: ' : 'To do: '}</span>
      <span>{children}</span>
    </li>
  );
}
