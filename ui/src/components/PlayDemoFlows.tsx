// Demo store only: "Play 90 days of example results" — the playbooks launched and played as if they
// had run for the last 90 days, with a known effect planted, so Measurement has something to show
// (progress from the core's events while it runs) — and afterwards the planted truth per flow, to
// compare with what measurement finds.

import { useState } from 'react';
import { onProgress, playDemoFlows, toApiError } from '../api';
import type { ApiError, DemoFlowHistory, Progress } from '../api';
import { defaultLocale, formatDate, formatMoneyChange } from '../format';
import { plural } from '../flowWords';
import { WorkProgress } from './WorkProgress';

/** How many days of history the button plays. */
export const DEMO_PLAY_DAYS = 90;

type Play = { step: 'idle' } | { step: 'running'; progress: Progress | null } | { step: 'failed'; error: ApiError };

export function PlayDemoFlows({ onPlayed }: { onPlayed: (history: DemoFlowHistory) => void }) {
  const [play, setPlay] = useState<Play>({ step: 'idle' });
  const running = play.step === 'running';

  const start = async () => {
    if (running) return;
    setPlay({ step: 'running', progress: null });
    const stop = await onProgress((progress) => setPlay({ step: 'running', progress }));
    try {
      const history = await playDemoFlows(DEMO_PLAY_DAYS);
      setPlay({ step: 'idle' });
      onPlayed(history);
    } catch (e) {
      setPlay({ step: 'failed', error: toApiError(e) });
    } finally {
      stop();
    }
  };

  return (
    <div className="play-demo" data-testid="play-demo">
      <button type="button" className="btn" onClick={() => void start()} disabled={running} data-testid="play-demo-flows">
        {running ? `Playing ${DEMO_PLAY_DAYS} days…` : `Play ${DEMO_PLAY_DAYS} days of example results`}
      </button>
      <p className="muted small">
        On this demo store: it launches the four playbooks as if they had run for the last {DEMO_PLAY_DAYS} days, with
        a known effect planted, so measurement has something to show.
      </p>
      {running ? (
        <div className="play-demo__progress" data-testid="play-progress">
          <WorkProgress
            progress={play.progress}
            label={`Playing ${DEMO_PLAY_DAYS} days of example results`}
            starting="Launching the playbooks…"
            statusId="play-status"
          />
        </div>
      ) : null}
      {play.step === 'failed' ? (
        <div role="alert" data-testid="play-error">
          <pre className="message-box">{play.error.message}</pre>
        </div>
      ) : null}
    </div>
  );
}

/** After playing: what was planted in each flow, per person emailed, to hold against the results. */
export function PlayedNote({
  history,
  currency,
  onClose,
  timeZone,
}: {
  history: DemoFlowHistory;
  currency: string;
  onClose: () => void;
  timeZone?: string;
}) {
  const locale = defaultLocale();
  return (
    <section className="banner banner--success played-note" aria-labelledby="played-title" data-testid="played-note">
      <div className="action-bar">
        <p id="played-title" className="banner__title">
          {history.days} days of example results played
        </p>
        <button type="button" className="btn btn--ghost btn--sm" onClick={onClose} data-testid="played-close">
          Hide
        </button>
      </div>
      <p className="small">
        From {formatDate(history.from, timeZone, locale)} to {formatDate(history.to, timeZone, locale)}. What each flow
        truly added per person emailed — the effect planted — is below: compare it with what each card finds. A 95%
        range holds the truth about 19 times in 20.
      </p>
      <ul className="played-note__flows">
        {history.flows.map((f) => (
          <li key={f.slug} data-testid="played-flow" data-slug={f.slug} data-truth={f.true_margin_per_recipient}>
            <strong>{f.name}</strong>: {formatMoneyChange(f.true_margin_per_recipient, currency, locale)} per person
            emailed <span className="muted">({plural(f.treatment_recipients, 'person', 'people', locale)} emailed, {plural(f.persuaded_orders, 'order', 'orders', locale)} the emails caused)</span>
          </li>
        ))}
      </ul>
      <p className="small">
        The flows are now live on the demo store: pause them on Flows, or press “Stop all sending” at the top.
      </p>
    </section>
  );
}
