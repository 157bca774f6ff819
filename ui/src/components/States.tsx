// The three states every screen can be in besides "ready": loading, empty and error.
// Errors the owner must fix outside the app (locked, corrupt, newer_version) take the whole window;
// a list that failed to read its next rows says so in a line, keeping the rows it has.

import type { ReactNode } from 'react';
import { isBlockingKind } from '../api';
import type { ApiError, ErrorKind } from '../api';
import { Icon } from './Icon';

export function LoadingState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state" role="status" aria-live="polite" data-testid="loading">
      <div className="state__row">
        <span className="spinner" aria-hidden="true" />
        <p className="state__title">{title}</p>
      </div>
      {children}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state" data-testid="empty">
      <p className="state__title">{title}</p>
      {children ? <div className="state__body">{children}</div> : null}
      {action}
    </div>
  );
}

const BLOCKING_COPY: Partial<Record<ErrorKind, { title: string; steps: string[] }>> = {
  locked: {
    title: "Storeloop's data is in use by another program",
    steps: [
      'Another Storeloop window, or another program, has the database open.',
      'Close it, then press Try again. Nothing was changed.',
    ],
  },
  corrupt: {
    title: "Storeloop's data file can't be read",
    steps: [
      'Storeloop stopped here so it does not make things worse.',
      'The message below names the file and what to do about it.',
    ],
  },
  newer_version: {
    title: 'This data was saved by a newer version of Storeloop',
    steps: [
      'This copy of Storeloop is older than the one that last saved your data, so it will not touch it.',
      'Install the newer version to open it. Your data was not changed.',
    ],
  },
  io: {
    title: "Storeloop can't use its data folder",
    steps: [
      'The folder named below could not be created or written to.',
      'Fix its permissions, or start Storeloop with STORELOOP_DATA_DIR set to another folder, then press Try again.',
    ],
  },
};

export interface ErrorStateProps {
  error: ApiError;
  onRetry: () => void;
  /** What was being attempted, e.g. "Couldn't load your store's numbers". */
  title?: string;
  retrying?: boolean;
}

export function ErrorState({ error, onRetry, title, retrying = false }: ErrorStateProps) {
  const blocking = isBlockingKind(error.kind) ? BLOCKING_COPY[error.kind] : undefined;
  const retry = (
    <button type="button" className="btn btn--primary" onClick={onRetry} disabled={retrying}>
      {retrying ? 'Trying again…' : 'Try again'}
    </button>
  );

  if (blocking) {
    return (
      <div
        className="blocking"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="blocking-title"
        data-testid="blocking-error"
        data-kind={error.kind}
      >
        <div className="blocking__panel">
          <span className="blocking__icon" aria-hidden="true">
            <Icon name="alert" size={20} />
          </span>
          <h1 id="blocking-title">{blocking.title}</h1>
          <ul className="blocking__steps">
            {blocking.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <pre className="message-box" data-testid="error-message">
            {error.message}
          </pre>
          <div>{retry}</div>
        </div>
      </div>
    );
  }

  return (
    <div className="state state--error" role="alert" data-testid="error" data-kind={error.kind}>
      <div className="state__row">
        <span className="state__icon" aria-hidden="true">
          <Icon name="alert" size={18} />
        </span>
        <p className="state__title">{title ?? 'Something went wrong'}</p>
      </div>
      <pre className="message-box" data-testid="error-message">
        {error.message}
      </pre>
      {retry}
    </div>
  );
}

/** A failed read inside a list, beside the rows already shown: the core's message and Try again. */
export function InlineError({ error, onRetry, testId }: { error: ApiError; onRetry: () => void; testId: string }) {
  return (
    <div className="state--inline" role="alert" data-testid={testId}>
      <pre className="message-box">{error.message}</pre>
      <button type="button" className="btn btn--sm" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
