// Syncing the connected stores on the owner's word ("Sync now", "Sync everything again"): the
// core's progress events while it runs, then what each store's run did, or why it stopped — and,
// either way, the connections read again so their cards show the new run.

import { useEffect, useRef, useState } from 'react';
import { onProgress, syncNow, toApiError } from './api';
import type { ApiError, Progress, SyncRun } from './api';

export interface StoreSync {
  /** The sync under way (everything, or what changed) and its latest progress; null when none is. */
  running: { full: boolean; progress: Progress | null } | null;
  /** What the latest sync did, one run per store; null before one finished here. */
  result: SyncRun[] | null;
  /** Why the latest sync stopped; null when it did not. */
  error: ApiError | null;
  /** Starts a sync unless one is running. */
  start: (full: boolean) => Promise<void>;
  /** Forgets the last result and error (the store they were about was removed, say). */
  clear: () => void;
}

/** `afterSync` runs when a sync ends, done or failed (read the connections again). */
export function useStoreSync(afterSync: () => Promise<void> | void): StoreSync {
  const [running, setRunning] = useState<StoreSync['running']>(null);
  const [result, setResult] = useState<SyncRun[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const start = async (full: boolean) => {
    if (busy.current) return;
    busy.current = true;
    setRunning({ full, progress: null });
    setResult(null);
    setError(null);
    const stop = await onProgress((progress) => {
      if (live.current) setRunning((r) => (r ? { ...r, progress } : r));
    });
    try {
      const runs = await syncNow(full);
      if (live.current) setResult(runs);
    } catch (e) {
      if (live.current) setError(toApiError(e));
    } finally {
      stop();
      busy.current = false;
      if (live.current) setRunning(null);
    }
    if (live.current) await afterSync();
  };

  const clear = () => {
    setResult(null);
    setError(null);
  };

  return { running, result, error, start, clear };
}
