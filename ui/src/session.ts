// The open store for the whole window: asks the core for its status and, on first run, has it
// build the demo store while showing progress. Screens read the result; nothing here renders.

import { useCallback, useEffect, useState } from 'react';
import { appStatus, onProgress, openDemoStore, toApiError } from './api';
import type { ApiError, AppStatus, Progress, StoreInfo } from './api';

export type Session =
  | { phase: 'checking' }
  | { phase: 'setting-up'; progress: Progress | null }
  | { phase: 'ready'; status: AppStatus; store: StoreInfo; createdNow: boolean }
  | { phase: 'error'; error: ApiError };

export interface StoreSession {
  session: Session;
  retry: () => void;
  /** Reads the status again without leaving the current screen (after an import, say). */
  refresh: () => Promise<void>;
}

export function useStoreSession(): StoreSession {
  const [session, setSession] = useState<Session>({ phase: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let stopListening: (() => void) | null = null;

    async function run() {
      setSession({ phase: 'checking' });
      const status = await appStatus();
      if (!live) return;
      if (status.store !== null) {
        setSession({ phase: 'ready', status, store: status.store, createdNow: false });
        return;
      }
      setSession({ phase: 'setting-up', progress: null });
      const stop = await onProgress((progress) => {
        if (!live) return;
        setSession((s) => (s.phase === 'setting-up' ? { phase: 'setting-up', progress } : s));
      });
      if (!live) {
        stop();
        return;
      }
      stopListening = stop;
      const store = await openDemoStore();
      if (!live) return;
      setSession({ phase: 'ready', status: { ...status, store }, store, createdNow: true });
    }

    run()
      .catch((e: unknown) => {
        if (live) setSession({ phase: 'error', error: toApiError(e) });
      })
      .finally(() => {
        stopListening?.();
        stopListening = null;
      });

    return () => {
      live = false;
      stopListening?.();
      stopListening = null;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const refresh = useCallback(async () => {
    try {
      const status = await appStatus();
      if (status.store !== null) {
        setSession({ phase: 'ready', status, store: status.store, createdNow: false });
      } else {
        setAttempt((n) => n + 1);
      }
    } catch (e) {
      setSession({ phase: 'error', error: toApiError(e) });
    }
  }, []);
  return { session, retry, refresh };
}
