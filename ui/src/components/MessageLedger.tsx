// "Messages": the ledger of every email Storeloop has handled, newest first — who it was for, its
// subject, what happened (with why), how it went, when and how many tries. Messages whose fate is
// unknown are explained once above the table, because they need the owner.

import { useId } from 'react';
import type { ApiError, LedgerMessage } from '../api';
import { badgeClass } from '../customerWords';
import { defaultLocale, formatCount, formatDateTime, formatRelative } from '../format';
import { ledgerLine, stateWords, transportWords } from '../sendingWords';
import { ErrorState, LoadingState } from './States';

export type LedgerLoad =
  | { state: 'loading' }
  | { state: 'ready'; messages: LedgerMessage[] }
  | { state: 'error'; error: ApiError };

export interface MessageLedgerProps {
  load: LedgerLoad;
  /** How many the list asks for; saying so when it is full. */
  limit: number;
  refreshing: boolean;
  onRefresh: () => void;
  timeZone: string;
}

/** Newest first: the core already answers so, and the list must not depend on it. */
export function newestFirst(messages: LedgerMessage[]): LedgerMessage[] {
  return [...messages].sort((a, b) => b.id - a.id);
}

export function MessageLedger({ load, limit, refreshing, onRefresh, timeZone }: MessageLedgerProps) {
  const id = useId();
  const locale = defaultLocale();
  const now = Date.now();
  const messages = load.state === 'ready' ? load.messages : [];
  const unknown = messages.filter((m) => m.state === 'unknown').length;

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="ledger">
      <div className="ledger__head">
        <h2 id={`${id}-title`} className="card__title">
          Messages
        </h2>
        <span className="card__meta">Every email Storeloop has handled, newest first.</span>
        <button
          type="button"
          className="btn btn--sm"
          onClick={() => {
            if (!refreshing) onRefresh();
          }}
          aria-disabled={refreshing}
          data-testid="ledger-refresh"
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      {load.state === 'loading' ? <LoadingState title="Reading the messages…" /> : null}
      {load.state === 'error' ? (
        <ErrorState error={load.error} onRetry={onRefresh} retrying={refreshing} title="Couldn’t read the messages" />
      ) : null}

      {load.state === 'ready' && messages.length === 0 ? (
        <p className="ledger__empty" data-testid="ledger-empty">
          No email yet. Send a test to check everything works.
        </p>
      ) : null}

      {unknown > 0 ? (
        <div className="banner banner--warning" role="note" data-testid="ledger-unknown">
          <p className="banner__title">
            {unknown === 1 ? '1 message needs you' : `${formatCount(unknown, locale)} messages need you`}: Storeloop
            can’t tell whether {unknown === 1 ? 'it' : 'they'} arrived
          </p>
          <p>
            “Unknown” means the connection broke while the message was being handed over, so it may or may not have
            arrived. Storeloop will not send it again by itself, so nobody gets it twice. Ask the recipient, or look in
            your email provider’s sent log, and send again only if it did not arrive.
          </p>
        </div>
      ) : null}

      {messages.length > 0 ? (
        <div className="table-wrap">
          <table className="table ledger-table" aria-busy={refreshing} data-testid="ledger-table">
            <caption className="visually-hidden">Messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">What happened</th>
                <th scope="col">Sent through</th>
                <th scope="col">Updated</th>
                <th scope="col" className="right" title="How many times Storeloop handed it over">
                  Attempts
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => {
                const w = stateWords(m.state);
                const line = ledgerLine(m);
                return (
                  <tr key={m.id} data-testid="ledger-row" data-state={m.state}>
                    <th scope="row" className="ledger-table__to">
                      {m.to}
                    </th>
                    <td>{m.subject}</td>
                    <td className="ledger-table__state">
                      <span className={badgeClass(w.tone)} title={w.explain || undefined} data-testid="ledger-state">
                        {w.label}
                      </span>
                      {line ? (
                        <span className="ledger-table__detail" data-testid="ledger-detail">
                          {line}
                        </span>
                      ) : null}
                    </td>
                    <td>{transportWords(m.transport)}</td>
                    <td className="ledger-table__when">
                      <time dateTime={m.updated_at} title={formatDateTime(m.updated_at, timeZone, locale)} data-testid="ledger-when">
                        {formatRelative(m.updated_at, now, locale)}
                      </time>
                    </td>
                    <td className="right" data-testid="ledger-attempts">
                      {formatCount(m.attempts, locale)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}

      {messages.length >= limit ? (
        <p className="muted small" data-testid="ledger-limit">
          Showing the newest {formatCount(limit, locale)} messages.
        </p>
      ) : null}
    </section>
  );
}
