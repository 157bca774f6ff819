// Privacy requests about one person: show everything Storeloop holds about them (to hand over),
// or erase it. Erasing keeps their orders, anonymous, so the store's figures stay right.

import { useState } from 'react';
import { exportCustomer, forgetCustomer, toApiError } from '../api';
import type { ApiError, ForgetReport, PersonExport } from '../api';
import { CopyBox } from './CopyBox';

type State =
  | { step: 'idle' }
  | { step: 'working' }
  | { step: 'exported'; data: PersonExport }
  | { step: 'confirm-forget' }
  | { step: 'forgotten'; report: ForgetReport }
  | { step: 'failed'; error: ApiError };

/** `email` fills the address in, e.g. on a customer's own page. */
export function PrivacyCard({ email: known = '' }: { email?: string }) {
  const [email, setEmail] = useState(known);
  const [state, setState] = useState<State>({ step: 'idle' });
  const busy = state.step === 'working';
  const ready = email.trim() !== '' && !busy;

  const run = <T,>(work: () => Promise<T>, done: (value: T) => State) => {
    setState({ step: 'working' });
    work()
      .then((v) => setState(done(v)))
      .catch((e: unknown) => setState({ step: 'failed', error: toApiError(e) }));
  };

  const json = state.step === 'exported' ? JSON.stringify(state.data, null, 2) : '';

  return (
    <section className="card privacy" aria-labelledby="privacy-title" data-testid="privacy">
      <h2 id="privacy-title" className="card__title">
        Privacy requests
      </h2>
      <p className="muted">
        When someone asks what you hold about them, or asks to be forgotten. Their orders stay in
        your figures without their name; every request is noted in a log that keeps no personal data.
      </p>
      <div className="import__row">
        <label className="field import__path">
          <span className="field__label">Customer's email</span>
          <input
            className="input"
            type="email"
            data-testid="privacy-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            disabled={busy}
          />
        </label>
        <button
          type="button"
          className="btn"
          data-testid="privacy-export"
          disabled={!ready}
          onClick={() => run(() => exportCustomer(email), (data) => ({ step: 'exported', data }))}
        >
          Show what we hold
        </button>
        <button
          type="button"
          className="btn btn--danger"
          data-testid="privacy-forget"
          disabled={!ready}
          onClick={() => setState({ step: 'confirm-forget' })}
        >
          Erase this person
        </button>
      </div>

      {state.step === 'confirm-forget' ? (
        <div className="import__confirm" role="alertdialog" aria-label="Erase this person?">
          <p>
            <strong>Erase {email.trim()}?</strong> Their name, email, browsing and support messages
            are removed for good. Their orders stay, without a name, so your figures do not change.
          </p>
          <div className="import__row">
            <button
              type="button"
              className="btn btn--danger"
              data-testid="privacy-forget-confirm"
              onClick={() => run(() => forgetCustomer(email), (report) => ({ step: 'forgotten', report }))}
            >
              Erase
            </button>
            <button type="button" className="btn" onClick={() => setState({ step: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      {state.step === 'failed' ? (
        <pre className="message-box" role="alert" data-testid="privacy-error">
          {state.error.message}
        </pre>
      ) : null}

      {state.step === 'exported' ? (
        <div data-testid="privacy-exported" data-orders={state.data.orders.length}>
          <p>
            {state.data.orders.length} orders, {state.data.abandoned_checkouts.length} abandoned checkouts,{' '}
            {state.data.events.length} browsing events and {state.data.support_tickets.length} support tickets.
            Copy it into your reply:
          </p>
          <CopyBox text={json} label="What Storeloop holds about them, as JSON" className="privacy__json" testId="privacy-json" />
        </div>
      ) : null}

      {state.step === 'forgotten' ? (
        <p role="status" data-testid="privacy-forgotten" data-orders-kept={state.report.orders_kept}>
          Erased. {state.report.orders_kept} orders kept without a name, {state.report.events_deleted} browsing
          events deleted, {state.report.tickets_erased} support tickets emptied.
        </p>
      ) : null}
    </section>
  );
}
