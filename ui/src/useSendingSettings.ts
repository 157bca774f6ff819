// The sending settings as saved by the core and the form's unsaved changes to them: read when the
// page opens (bringing over an SMTP server this computer remembered before, once), compared so
// unsaved changes show, saved with the password or API key typed (straight to the keychain), or
// discarded.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { saveSendingSettings, sendingSettings, toApiError } from './api';
import type { ApiError, SendingSettings } from './api';
import {
  DEFAULT_DRAFT,
  fromSettings,
  secretSlot,
  senderChanged,
  toSettings,
  viaChanged,
} from './sendingChoice';
import type { SendingDraft } from './sendingChoice';
import { forgetLegacyChoice, loadLegacyChoice, migratedDraft } from './sendingLegacy';

export type SettingsLoad =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; saved: SendingSettings };

/** What was typed in each secret field; null when nothing was (the saved one, if any, is kept). */
export interface SecretDrafts {
  smtp: string | null;
  provider: string | null;
}

export type SaveState = { step: 'idle' } | { step: 'saving' } | { step: 'saved' } | { step: 'failed'; error: ApiError };

const NO_SECRETS: SecretDrafts = { smtp: null, provider: null };

export interface SendingSettingsState {
  load: SettingsLoad;
  draft: SendingDraft;
  setDraft: (draft: SendingDraft) => void;
  secrets: SecretDrafts;
  setSecrets: (secrets: SecretDrafts) => void;
  /** What saving would change. */
  changed: { via: boolean; sender: boolean; secret: boolean; any: boolean };
  /** The form holds the SMTP server this computer remembered before, not yet saved. */
  migrated: boolean;
  save: SaveState;
  /** Goes up each time a save was refused for the form's problems: show them all. */
  reveal: number;
  submit: () => Promise<void>;
  discard: () => void;
  reload: () => void;
}

/** `onSaved` runs after each save the core accepted (the test email's footer may have changed). */
export function useSendingSettings(onSaved: () => void): SendingSettingsState {
  const [load, setLoad] = useState<SettingsLoad>({ state: 'loading' });
  const [draft, setDraftState] = useState<SendingDraft>(DEFAULT_DRAFT);
  const [secrets, setSecretsState] = useState<SecretDrafts>(NO_SECRETS);
  const [migrated, setMigrated] = useState(false);
  const [save, setSave] = useState<SaveState>({ step: 'idle' });
  const [reveal, setReveal] = useState(0);
  const busy = useRef(false);
  // Only the latest read may land.
  const latest = useRef(0);

  const reload = useCallback(() => {
    const n = ++latest.current;
    setLoad({ state: 'loading' });
    sendingSettings()
      .then((saved) => {
        if (n !== latest.current) return;
        const form = fromSettings(saved);
        const remembered = migratedDraft(saved, loadLegacyChoice(), form);
        setLoad({ state: 'ready', saved });
        setDraftState(remembered ?? form);
        setMigrated(remembered !== null);
        setSecretsState(NO_SECRETS);
      })
      .catch((e: unknown) => {
        if (n === latest.current) setLoad({ state: 'error', error: toApiError(e) });
      });
  }, []);

  useEffect(() => {
    reload();
    return () => {
      latest.current += 1;
    };
  }, [reload]);

  const saved = load.state === 'ready' ? load.saved : null;
  const savedDraft = useMemo(() => (saved ? fromSettings(saved, draft) : null), [saved, draft]);
  const slot = secretSlot(draft);
  const typed = slot === null ? null : secrets[slot];
  const changed = useMemo(() => {
    const via = savedDraft !== null && viaChanged(draft, savedDraft);
    const sender = savedDraft !== null && senderChanged(draft, savedDraft);
    const secret = typed !== null && typed !== '';
    return { via, sender, secret, any: via || sender || secret };
  }, [draft, savedDraft, typed]);

  const setDraft = useCallback((next: SendingDraft) => {
    setDraftState(next);
    setSave((s) => (s.step === 'saved' ? { step: 'idle' } : s));
  }, []);

  const setSecrets = useCallback((next: SecretDrafts) => {
    setSecretsState(next);
    setSave((s) => (s.step === 'saved' ? { step: 'idle' } : s));
  }, []);

  const submit = useCallback(async () => {
    if (busy.current || saved === null) return;
    const settings = toSettings(draft, saved.from);
    if (settings === null) {
      setReveal((n) => n + 1);
      return;
    }
    busy.current = true;
    setSave({ step: 'saving' });
    try {
      const next = await saveSendingSettings(
        { ...settings, secret_saved: saved.secret_saved },
        typed === null || typed === '' ? null : typed,
      );
      latest.current += 1; // a read still under way would be older than this
      setLoad({ state: 'ready', saved: next });
      setDraftState((d) => fromSettings(next, d));
      setSecretsState(NO_SECRETS);
      setMigrated(false);
      forgetLegacyChoice();
      setReveal(0);
      setSave({ step: 'saved' });
      onSaved();
    } catch (e) {
      setSave({ step: 'failed', error: toApiError(e) });
    } finally {
      busy.current = false;
    }
  }, [draft, saved, typed, onSaved]);

  const discard = useCallback(() => {
    if (saved === null || busy.current) return;
    setDraftState((d) => fromSettings(saved, d));
    setSecretsState(NO_SECRETS);
    if (migrated) forgetLegacyChoice();
    setMigrated(false);
    setReveal(0);
    setSave({ step: 'idle' });
  }, [saved, migrated]);

  return { load, draft, setDraft, secrets, setSecrets, changed, migrated, save, reveal, submit, discard, reload };
}
