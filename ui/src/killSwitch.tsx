// The kill switch's state for the whole window: read when a store opens, after every action that
// can change it, when the window regains focus and once a minute — never on a tight loop. The top
// bar and the red banner read it; flow pages update it after stopping or resuming a flow.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { killState, killSwitch, releaseKillSwitch, toApiError } from './api';
import type { ApiError, KillState } from './api';

/** How often the state is read again while nothing happens in this window. */
export const KILL_POLL_MS = 60_000;

export interface KillSwitchApi {
  /** False until a store is open: there is nothing to stop, and nothing is asked. */
  enabled: boolean;
  /** Null until the first answer. */
  state: KillState | null;
  /** The latest read failed (the state shown may be older). */
  error: ApiError | null;
  /** Reads the state again now. */
  refresh: () => void;
  /** Stops every flow; rejects with an ApiError. */
  stopAll: () => Promise<KillState>;
  /** Undoes the stop of everything; rejects with an ApiError. */
  resumeAll: () => Promise<KillState>;
  /** Takes a state the core returned elsewhere (after stopping one flow). */
  update: (state: KillState) => void;
}

const disabled: KillSwitchApi = {
  enabled: false,
  state: null,
  error: null,
  refresh: () => {},
  stopAll: () => Promise.reject(toApiError('No store is open, so there is nothing to stop.')),
  resumeAll: () => Promise.reject(toApiError('No store is open.')),
  update: () => {},
};

const KillSwitchContext = createContext<KillSwitchApi>(disabled);

export function useKillSwitch(): KillSwitchApi {
  return useContext(KillSwitchContext);
}

export function KillSwitchProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [state, setState] = useState<KillState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Only the newest answer may land: a slow read must not undo a stop that happened after it.
  const asked = useRef(0);

  const update = useCallback((s: KillState) => {
    asked.current += 1;
    setState(s);
    setError(null);
  }, []);

  const refresh = useCallback(() => {
    const n = ++asked.current;
    killState()
      .then((s) => {
        if (n === asked.current) {
          setState(s);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (n === asked.current) setError(toApiError(e));
      });
  }, []);

  useEffect(() => {
    if (!enabled) {
      asked.current += 1;
      setState(null);
      setError(null);
      return;
    }
    refresh();
    const timer = window.setInterval(refresh, KILL_POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      asked.current += 1;
    };
  }, [enabled, refresh]);

  // Stopping or resuming everything: the answer is the new state; after a failure, read it again.
  const change = useCallback(
    async (ask: () => Promise<KillState>) => {
      try {
        const s = await ask();
        update(s);
        return s;
      } catch (e) {
        refresh();
        throw toApiError(e);
      }
    },
    [update, refresh],
  );
  const stopAll = useCallback(() => change(() => killSwitch(null)), [change]);
  const resumeAll = useCallback(() => change(releaseKillSwitch), [change]);

  const api = useMemo<KillSwitchApi>(
    () => (enabled ? { enabled, state, error, refresh, stopAll, resumeAll, update } : disabled),
    [enabled, state, error, refresh, stopAll, resumeAll, update],
  );

  return <KillSwitchContext.Provider value={api}>{children}</KillSwitchContext.Provider>;
}
