// Reading one thing from the core for a page: loading, then ready or failed; read again when what
// it depends on changes or on "Try again". An answer that arrives after the page moved on (another
// id, another store, unmounted) is dropped.

import { useEffect, useState } from 'react';
import type { DependencyList } from 'react';
import { toApiError } from './api';
import type { ApiError } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: ApiError };

export interface Loader<T> {
  load: Loaded<T>;
  /** Reads it again: the error state's "Try again". */
  retry: () => void;
  /** How many times `retry` was called, for a read beside this one that should follow it. */
  attempt: number;
  /** Shows `value` as read (an action answered with a newer copy). */
  show: (value: T) => void;
  /** Changes what is shown, if it is ready. */
  update: (change: (value: T) => T) => void;
}

/**
 * Reads with `read` when the page opens, whenever one of `deps` changes, and on `retry`. `read` may be
 * a new function every render, so `deps` must name everything it reads with. Null
 * reads nothing: there is nothing to ask for, and the page says so itself.
 */
export function useLoad<T>(read: (() => Promise<T>) | null, deps: DependencyList): Loader<T> {
  const [load, setLoad] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (read === null) return;
    let live = true;
    setLoad({ state: 'loading' });
    read()
      .then((value) => {
        if (live) setLoad({ state: 'ready', value });
      })
      .catch((e: unknown) => {
        if (live) setLoad({ state: 'error', error: toApiError(e) });
      });
    return () => {
      live = false;
    };
  }, [attempt, ...deps]);

  return {
    load,
    retry: () => setAttempt((n) => n + 1),
    attempt,
    show: (value) => setLoad({ state: 'ready', value }),
    update: (change) => setLoad((l) => (l.state === 'ready' ? { state: 'ready', value: change(l.value) } : l)),
  };
}
