// One thing the owner asked for with a button (run a dry run, approve, stop, resume…): busy while
// it runs, so the button can say so and a second click does nothing, and the core's error kept to
// show until the next try.

import { useRef, useState } from 'react';
import { toApiError } from './api';
import type { ApiError } from './api';

export interface Action<K> {
  /** What is running (the key it was started with), or null. */
  running: K | null;
  /** Why the last run failed; cleared when the next one starts. */
  error: ApiError | null;
  /** Runs `work` unless something is running already; what it throws becomes `error`. */
  run: (work: () => Promise<unknown>, key?: K) => Promise<void>;
  clearError: () => void;
}

/** `K` tells runs apart where one place starts several (launch at 10% or at 25%); by default, `true`. */
export function useAction<K = true>(): Action<K> {
  const [running, setRunning] = useState<K | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);

  const run = async (work: () => Promise<unknown>, key: K = true as K) => {
    if (busy.current) return;
    busy.current = true;
    setRunning(key);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      busy.current = false;
      setRunning(null);
    }
  };

  return { running, error, run, clearError: () => setError(null) };
}
