// The kill switch, one click away on every screen: in the top bar, whether flows may send and a
// "Stop all sending" button (with a confirm step); above every page, while everything is stopped,
// a red banner saying how many emails are held and a button to resume.

import { useId } from 'react';
import { defaultLocale, formatCount } from '../format';
import { useKillSwitch } from '../killSwitch';
import { useAction } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import { Icon } from './Icon';

/** The top bar's part: state, and the button that stops everything. */
export function KillSwitchControl() {
  const kill = useKillSwitch();
  const action = useAction();
  const busy = action.running !== null;
  const error = action.error;
  const confirm = useConfirmStep(action.clearError);
  const confirming = confirm.open;
  const titleId = useId();
  const bodyId = useId();
  const locale = defaultLocale();

  if (!kill.enabled) {
    return (
      <div className="killswitch" role="status" data-testid="kill-switch">
        <span className="killswitch__icon" aria-hidden="true">
          <Icon name="shield" />
        </span>
        <span>No store open — nothing can send</span>
      </div>
    );
  }

  const all = kill.state?.all === true;
  const stopped = kill.state?.flows.length ?? 0;
  const words =
    kill.state === null
      ? kill.error
        ? 'Sending state unknown'
        : 'Checking sending…'
      : all
        ? 'All sending stopped'
        : stopped > 0
          ? `Flows may send · ${stopped === 1 ? '1 flow' : `${formatCount(stopped, locale)} flows`} stopped`
          : 'Flows may send';

  const stop = () =>
    action.run(async () => {
      await kill.stopAll();
      confirm.setOpen(false);
    });

  return (
    <div className="killswitch-wrap" data-testid="kill-switch" data-all={all ? 'true' : 'false'}>
      <span
        className={`killswitch${all ? ' killswitch--stopped' : ''}`}
        role="status"
        title={kill.error ? `Couldn’t read the kill switch: ${kill.error.message}` : undefined}
        data-testid="kill-status"
      >
        <span className="killswitch__icon" aria-hidden="true">
          <Icon name={all ? 'alert' : 'shield'} />
        </span>
        <span>{words}</span>
      </span>
      {all ? null : (
        <button
          ref={confirm.openerRef}
          type="button"
          className="btn btn--sm btn--stop"
          aria-haspopup="dialog"
          aria-expanded={confirming}
          onClick={() => (confirming ? confirm.close() : confirm.setOpen(true))}
          data-testid="kill-stop"
        >
          Stop all sending
        </button>
      )}
      {confirming && !all ? (
        <div
          className="killconfirm"
          role="dialog"
          aria-labelledby={titleId}
          aria-describedby={bodyId}
          onKeyDown={confirm.onKeyDown}
          data-testid="kill-confirm"
        >
          <p id={titleId} className="killconfirm__title">
            Stop all sending?
          </p>
          <p id={bodyId} className="muted">
            Every flow stops at once and nothing more is sent until you resume. Emails already waiting are held, not
            lost.
          </p>
          {error ? (
            <pre className="message-box" role="alert" data-testid="kill-error">
              {error.message}
            </pre>
          ) : null}
          <div className="killconfirm__actions">
            <button
              ref={confirm.confirmRef}
              type="button"
              className="btn btn--danger"
              onClick={() => void stop()}
              disabled={busy}
              data-testid="kill-stop-confirm"
            >
              {busy ? 'Stopping…' : 'Stop all sending now'}
            </button>
            <button type="button" className="btn" onClick={confirm.close} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Above every page while everything is stopped: what that means, and the way back. */
export function KillBanner() {
  const kill = useKillSwitch();
  const action = useAction();
  const busy = action.running !== null;
  const error = action.error;
  const locale = defaultLocale();

  if (!kill.enabled || kill.state?.all !== true) return null;
  const held = kill.state.held_messages;
  const stopped = kill.state.flows.length;

  const resume = () => action.run(kill.resumeAll);

  return (
    <div className="banner banner--danger killbanner" role="alert" data-testid="kill-banner">
      <div className="killbanner__row">
        <div className="killbanner__text">
          <p className="banner__title" data-testid="kill-banner-title">
            All sending is stopped. {held === 1 ? '1 email is' : `${formatCount(held, locale)} emails are`} held, not
            lost.
          </p>
          <p>
            No flow sends anything until you resume.
            {stopped > 0
              ? ` ${stopped === 1 ? 'The flow' : 'Flows'} you stopped on ${stopped === 1 ? 'its' : 'their'} own page stay${stopped === 1 ? 's' : ''} stopped until you resume ${stopped === 1 ? 'it' : 'them'} there.`
              : ''}
          </p>
        </div>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void resume()}
          disabled={busy}
          data-testid="kill-resume"
        >
          {busy ? 'Resuming…' : 'Resume sending'}
        </button>
      </div>
      {error ? (
        <pre className="message-box" data-testid="kill-resume-error">
          {error.message}
        </pre>
      ) : null}
    </div>
  );
}
