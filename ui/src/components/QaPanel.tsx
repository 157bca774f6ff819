// Testing a flow like a customer (the rollout's QA step): walk a test customer through it, with the
// edge cases (no consent, an open support ticket, a sold-out product); send its emails to your own
// address; and look at each email at a phone's width. What the core verified is read again after
// each, and the rollout with it. The email HTML is shown in a sandboxed frame: no scripts, no same
// origin, nothing it can reach in the app.

import { useId, useState } from 'react';
import { previewFlowEmail, qaState, qaWalk, sendFlowTests } from '../api';
import type { Delivery, FlowEmailPreview, QaWalk, WalkCase } from '../api';
import { badgeClass } from '../customerWords';
import { decisionWords } from '../flowWords';
import { defaultLocale, formatDateTime } from '../format';
import { stateWords } from '../sendingWords';
import { useAction } from '../useAction';
import { useLoad } from '../useLoad';
import { InlineError, LoadingState } from './States';

/** The width of the phone preview: what an iPhone-sized mail app shows. */
export const PHONE_WIDTH = 375;

export interface QaPanelProps {
  slug: string;
  /** Something was verified: the rollout's checks should be read again. */
  onChanged: () => void;
  timeZone?: string;
  locale?: string;
}

type Doing = 'walk' | 'send' | `preview:${string}`;

export function QaPanel({ slug, onChanged, timeZone, locale = defaultLocale() }: QaPanelProps) {
  const qa = useLoad(() => qaState(slug), [slug]);
  const action = useAction<Doing>();
  const [walk, setWalk] = useState<QaWalk | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [to, setTo] = useState('');
  const [preview, setPreview] = useState<FlowEmailPreview | null>(null);
  const id = useId();

  const state = qa.load.state === 'ready' ? qa.load.value : null;
  const shownWalk = walk ?? state?.walk ?? null;
  const busy = action.running;

  // After each action: what QA verified now, then the rollout's checks.
  const after = async () => {
    try {
      qa.show(await qaState(slug));
    } catch {
      // What the action returned is shown already; the state catches up on the next visit.
    }
    onChanged();
  };

  const runWalk = () =>
    action.run(async () => {
      setWalk(await qaWalk(slug));
      await after();
    }, 'walk');

  const send = () =>
    action.run(async () => {
      setDeliveries(await sendFlowTests(slug, to.trim()));
      await after();
    }, 'send');

  const look = (step: string) =>
    action.run(async () => {
      setPreview(await previewFlowEmail(slug, step, true));
      await after();
    }, `preview:${step}`);

  return (
    <div className="qa" data-testid="qa">
      <h3 className="qa__title">Test it like a customer</h3>
      {qa.load.state === 'loading' ? <LoadingState title="Reading what has been tested…" /> : null}
      {qa.load.state === 'error' ? <InlineError error={qa.load.error} onRetry={qa.retry} testId="qa-load-error" /> : null}

      <div className="qa__part">
        <div className="qa__row">
          <button
            type="button"
            className="btn"
            onClick={() => void runWalk()}
            disabled={busy !== null}
            data-testid="qa-walk"
          >
            {busy === 'walk' ? 'Walking through it…' : 'Walk a test customer through it'}
          </button>
          <span className="muted small">
            Nothing is sent: Storeloop plays the flow for a made-up customer, then for the cases that must not get an
            email.
          </span>
        </div>
        {shownWalk ? <WalkResult walk={shownWalk} timeZone={timeZone} locale={locale} /> : null}
      </div>

      <form
        className="qa__part"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
        noValidate
      >
        <div className="field">
          <label className="field__label" htmlFor={`${id}-to`}>
            Your email address
          </label>
          <div className="qa__row">
            <input
              id={`${id}-to`}
              className="input qa__to"
              type="email"
              autoComplete="email"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              data-testid="qa-send-to"
            />
            <button type="submit" className="btn" disabled={busy !== null} data-testid="qa-send">
              {busy === 'send' ? 'Sending…' : 'Send its emails to me'}
            </button>
          </div>
          <span className="field__hint">
            Each of its emails once, as test messages, through the sending you set up under Connections.
          </span>
        </div>
        {state?.tests_to && state.tests_at ? (
          <p className="muted small" data-testid="qa-sent-before">
            Version {state.version}’s emails were sent to {state.tests_to} on {formatDateTime(state.tests_at, timeZone, locale)}.
          </p>
        ) : null}
        {deliveries ? (
          <ul className="qa__deliveries" data-testid="qa-deliveries">
            {deliveries.length === 0 ? <li className="muted">Nothing was sent: the flow has no emails.</li> : null}
            {deliveries.map((d) => {
              const w = stateWords(d.state);
              return (
                <li key={d.id} data-testid="qa-delivery" data-state={d.state}>
                  <span className={badgeClass(w.tone)}>{w.label}</span>
                  {d.already ? <span className="muted small"> Already sent before: not sent again.</span> : null}
                  {d.detail ? <span className="muted small"> {d.detail}</span> : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </form>

      {state ? (
        <div className="qa__part">
          <p className="field__label">Each email at a phone’s width</p>
          {state.emails.length === 0 ? (
            <p className="muted small" data-testid="qa-no-emails">
              This flow has no email steps.
            </p>
          ) : (
            <ul className="qa__emails">
              {state.emails.map((step) => {
                const seen = state.previewed.includes(step);
                return (
                  <li key={step} className="qa__row" data-testid="qa-email" data-seen={seen ? 'true' : 'false'}>
                    <span className="mono">{step}</span>
                    <button
                      type="button"
                      className="btn btn--sm"
                      onClick={() => void look(step)}
                      disabled={busy !== null}
                      data-testid={`qa-preview-${step}`}
                    >
                      {busy === `preview:${step}` ? 'Preparing…' : 'Look at it on a phone'}
                    </button>
                    {seen ? <span className="badge badge--success">Seen at phone size</span> : null}
                  </li>
                );
              })}
            </ul>
          )}
          {preview ? <PhonePreview preview={preview} /> : null}
        </div>
      ) : null}

      {action.error ? (
        <pre className="message-box" role="alert" data-testid="qa-error">
          {action.error.message}
        </pre>
      ) : null}
    </div>
  );
}

function WalkResult({ walk, timeZone, locale }: { walk: QaWalk; timeZone?: string; locale: string }) {
  return (
    <div className="qa__walk" data-testid="qa-walk-result" data-passed={walk.passed ? 'true' : 'false'}>
      <p className="small">
        <strong>{walk.passed ? 'Every case did what it should.' : 'Some cases did not do what they should.'}</strong>{' '}
        <span className="muted">
          Version {walk.version}, walked {formatDateTime(walk.at, timeZone, locale)}.
        </span>
      </p>
      <ul className="qa__cases">
        {walk.cases.map((c) => (
          <WalkCaseCard key={c.key} c={c} />
        ))}
      </ul>
    </div>
  );
}

function WalkCaseCard({ c }: { c: WalkCase }) {
  return (
    <li className="qa-case" data-testid={`qa-case-${c.key}`} data-passed={c.passed ? 'true' : 'false'}>
      <div className="qa-case__head">
        <span className={badgeClass(c.passed ? 'success' : 'danger')}>{c.passed ? 'As it should' : 'Not as it should'}</span>
        <strong>{c.title}</strong>
      </div>
      <p className="small">
        <span className="muted">Should: </span>
        {c.expected}
      </p>
      {c.steps.length > 0 ? (
        <ol className="qa-case__steps" aria-label={`What happened to the test customer: ${c.title}`}>
          {c.steps.map((s, i) => (
            <li key={i} className="small" data-testid="qa-walk-step">
              <span className="muted">{s.after}</span>
              {s.step ? (
                <>
                  {' · '}
                  <span className="mono">{s.step}</span>
                </>
              ) : null}
              {' · '}
              <strong>{decisionWords(s.decision).label}</strong>
              {s.reason ? ` · ${s.reason}` : null}
            </li>
          ))}
        </ol>
      ) : null}
      <p className="small" data-testid="qa-case-outcome">
        <span className="muted">What happened: </span>
        {c.outcome}
      </p>
    </li>
  );
}

function PhonePreview({ preview }: { preview: FlowEmailPreview }) {
  return (
    <figure className="preview__frame qa__preview" data-testid="qa-preview">
      <figcaption className="preview__caption">
        {preview.step} on a phone ({PHONE_WIDTH} px) · <span className="muted">Subject:</span>{' '}
        <strong data-testid="qa-preview-subject">{preview.subject}</strong>
      </figcaption>
      <div className="preview__scroll">
        <iframe
          title={`The email ${preview.step} on a phone, ${PHONE_WIDTH} pixels wide`}
          srcDoc={preview.html}
          // Nothing allowed: no scripts, no forms, no pop-ups, and an origin of its own.
          sandbox=""
          referrerPolicy="no-referrer"
          width={PHONE_WIDTH}
          style={{ width: PHONE_WIDTH }}
          className="preview__iframe"
          data-testid="qa-preview-frame"
        />
      </div>
      <details className="preview__text">
        <summary>Plain-text version</summary>
        <pre className="preview__pre">{preview.text}</pre>
      </details>
    </figure>
  );
}
