// "Send a test email": one address, checked as it is typed, and one button, through the saved
// settings (never unsaved changes: the button waits for them to be saved). What happened is said
// in plain words in a live region — sent (and where), queued, failed, unknown — and an error from
// the core is shown as it is.

import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { sendTest, toApiError } from '../api';
import type { ApiError, Delivery, SendVia } from '../api';
import { checkAddress } from '../emailAddress';
import { providerName, viaWords } from '../sendingChoice';
import { deliveryWords } from '../sendingWords';

type Step =
  | { step: 'idle' }
  | { step: 'sending'; to: string; via: SendVia }
  | { step: 'done'; to: string; via: SendVia; delivery: Delivery }
  | { step: 'failed'; error: ApiError };

export interface TestSendProps {
  /** The saved way of sending; null until the settings are read. */
  via: SendVia | null;
  /** Why a test cannot be sent now (unsaved changes, settings not read); null when it can. */
  blocked: string | null;
  /** After every send that reached the core, so the message list can catch up. */
  onSent: () => void;
}

export function TestSend({ via, blocked, onSent }: TestSendProps) {
  const id = useId();
  const [to, setTo] = useState('');
  const [touched, setTouched] = useState(false);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const busy = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const check = checkAddress(to);
  const error = touched ? check.error : null;
  const sending = state.step === 'sending';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy.current || blocked !== null || via === null) return;
    setTouched(true);
    if (check.error !== null) {
      inputRef.current?.focus();
      return;
    }
    const address = to.trim();
    busy.current = true;
    setState({ step: 'sending', to: address, via });
    try {
      const delivery = await sendTest(address, via);
      setState({ step: 'done', to: address, via, delivery });
    } catch (err) {
      setState({ step: 'failed', error: toApiError(err) });
    } finally {
      busy.current = false;
      onSent();
    }
  };

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="test-send">
      <h2 id={`${id}-title`} className="card__title">
        Send a test email
      </h2>
      <p className="muted">
        One email, to the address you type, through {via ? viaWords(via) : 'the saved settings'}. No customer
        receives anything.
      </p>
      <div>
        <form className="test-send__form" noValidate onSubmit={(e) => void submit(e)}>
          <div className={`field test-send__to${error ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-to`}>
              Send the test to
            </label>
            <input
              id={`${id}-to`}
              ref={inputRef}
              type="email"
              className="input"
              value={to}
              placeholder="you@example.com"
              autoComplete="email"
              spellCheck={false}
              onChange={(e) => setTo(e.target.value)}
              onBlur={() => {
                if (to.trim() !== '') setTouched(true);
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-to-error` : check.suggestion && touched ? `${id}-to-hint` : undefined}
              data-testid="test-to"
            />
            {error ? (
              <span id={`${id}-to-error`} className="field__error" data-testid="test-to-error">
                {error}
              </span>
            ) : check.suggestion && touched ? (
              <span id={`${id}-to-hint`} className="field__hint" data-testid="test-to-suggestion">
                Did you mean {check.suggestion}?
              </span>
            ) : null}
          </div>
          {/* aria-disabled while sending: the button keeps keyboard focus. Disabled while blocked, with why. */}
          <button
            type="submit"
            className="btn btn--primary"
            aria-disabled={sending}
            disabled={blocked !== null}
            aria-describedby={blocked !== null ? `${id}-blocked` : undefined}
            data-testid="test-send-run"
          >
            {sending ? 'Sending…' : 'Send test email'}
          </button>
        </form>
        {blocked !== null ? (
          <p id={`${id}-blocked`} className="test-send__blocked" data-testid="test-send-blocked">
            {blocked}
          </p>
        ) : null}

        {/* Always in the page, empty until a send, so screen readers announce what lands in it. */}
        <div className="send-result" aria-live="polite" data-testid="send-result">
          <Result state={state} />
        </div>
      </div>
    </section>
  );
}

function Result({ state }: { state: Step }) {
  switch (state.step) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <div className="state__row" data-testid="send-sending">
          <span className="spinner" aria-hidden="true" />
          <p>
            {state.via.kind === 'outbox'
              ? `Saving the test for ${state.to} to the outbox…`
              : `Handing the test for ${state.to} to ${state.via.kind === 'smtp' ? state.via.host : providerName(state.via.provider)}… This can take up to a minute if the server is slow to answer.`}
          </p>
        </div>
      );
    case 'failed':
      return (
        <div className="send-result__body" data-testid="send-error" data-kind={state.error.kind}>
          <p className="send-result__title">Couldn’t send the test</p>
          <pre className="message-box">{state.error.message}</pre>
        </div>
      );
    case 'done': {
      const w = deliveryWords(state.delivery, state.via, state.to);
      return (
        <div
          className={`banner${w.tone === 'neutral' ? '' : ` banner--${w.tone}`}`}
          data-testid="send-outcome"
          data-state={state.delivery.state}
        >
          <p>
            <strong className="banner__title">{w.title}</strong> — {w.sentence}
          </p>
          {w.shown ? (
            <p className="send-result__shown">
              <span className="muted">{w.shown.label}:</span>{' '}
              <span className="mono" data-testid="send-outcome-shown">
                {w.shown.value}
              </span>
            </p>
          ) : null}
          {w.next ? <p className="muted small">{w.next}</p> : null}
        </div>
      );
    }
  }
}
