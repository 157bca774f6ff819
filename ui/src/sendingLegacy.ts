// The sending choice this computer remembered before the core saved sending settings: the outbox
// or an SMTP server, kept in the webview's localStorage. It is read once, to fill in the form when
// the core still says "outbox", and dropped after the owner saves or discards it.

import type { SendingSettings } from './gen/api';
import type { Security, SendingDraft } from './sendingChoice';

/** The localStorage key of the old choice. */
export const SENDING_STORAGE_KEY = 'storeloop.email-sending.v1';

export interface LegacyChoice {
  method: 'outbox' | 'smtp';
  smtp: { host: string; port: string; security: Security };
}

export const LEGACY_DEFAULT: LegacyChoice = {
  method: 'outbox',
  smtp: { host: '', port: '587', security: 'starttls' },
};

function isSecurity(v: unknown): v is Security {
  return v === 'starttls' || v === 'tls' || v === 'none';
}

/** Reads a stored choice; anything missing or malformed falls back to the outbox. */
export function parseChoice(text: string | null): LegacyChoice {
  if (text === null) return LEGACY_DEFAULT;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return LEGACY_DEFAULT;
  }
  if (typeof value !== 'object' || value === null) return LEGACY_DEFAULT;
  const v = value as Record<string, unknown>;
  const smtp = (typeof v.smtp === 'object' && v.smtp !== null ? v.smtp : {}) as Record<string, unknown>;
  const d = LEGACY_DEFAULT.smtp;
  return {
    method: v.method === 'smtp' ? 'smtp' : 'outbox',
    smtp: {
      host: typeof smtp.host === 'string' ? smtp.host : d.host,
      port: typeof smtp.port === 'string' ? smtp.port : d.port,
      security: isSecurity(smtp.security) ? smtp.security : d.security,
    },
  };
}

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    // Storage can be switched off: there is then nothing to bring over.
    return null;
  }
}

export function loadLegacyChoice(): LegacyChoice {
  try {
    return parseChoice(storage()?.getItem(SENDING_STORAGE_KEY) ?? null);
  } catch {
    return LEGACY_DEFAULT;
  }
}

export function forgetLegacyChoice(): void {
  try {
    storage()?.removeItem(SENDING_STORAGE_KEY);
  } catch {
    // Switched off: there is nothing to forget.
  }
}

/**
 * The form to offer instead of the saved settings, unsaved: only when the core still says
 * "outbox" and this computer remembered an SMTP server with a name. Null otherwise.
 */
export function migratedDraft(saved: SendingSettings, legacy: LegacyChoice, form: SendingDraft): SendingDraft | null {
  if (saved.via.kind !== 'outbox' || legacy.method !== 'smtp' || legacy.smtp.host.trim() === '') return null;
  return { ...form, method: 'smtp', smtp: { ...legacy.smtp, username: '' } };
}
