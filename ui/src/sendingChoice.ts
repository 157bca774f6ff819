// How email leaves this computer: the local outbox or an SMTP server, the checks on the server's
// name and port, and where the choice is remembered. There is no core command to save it yet, so
// it lives in this webview's localStorage and is handed to each send as a `SendVia`.

import type { SendVia } from './gen/api';

export type Security = 'starttls' | 'tls' | 'none';
export type Method = 'outbox' | 'smtp';

/** The SMTP form as typed: the port stays text so a half-typed value is not lost. */
export interface SmtpDraft {
  host: string;
  port: string;
  security: Security;
}

export interface SendingChoice {
  method: Method;
  /** Kept while the outbox is chosen, so switching back does not lose what was typed. */
  smtp: SmtpDraft;
}

export const DEFAULT_SENDING: SendingChoice = {
  method: 'outbox',
  smtp: { host: '', port: '587', security: 'starttls' },
};

/** The localStorage key; the version suffix lets a later shape ignore this one. */
export const SENDING_STORAGE_KEY = 'storeloop.email-sending.v1';

export interface SecurityWords {
  label: string;
  usualPort: string;
  explain: string;
}

/** In the order the form offers them: the usual choice first, the risky one last. */
export const SECURITY_ORDER: readonly Security[] = ['starttls', 'tls', 'none'];

export const SECURITY_WORDS: Record<Security, SecurityWords> = {
  starttls: {
    label: 'STARTTLS — usually port 587',
    usualPort: '587',
    explain: 'Connects, then switches to encryption before anything is sent. What most providers ask for.',
  },
  tls: {
    label: 'TLS — usually port 465',
    usualPort: '465',
    explain: 'Encrypted from the first moment. Providers sometimes call it “SSL”.',
  },
  none: {
    label: 'None — only for a server on this computer',
    usualPort: '25',
    explain:
      'Nothing is encrypted, so the email could be read on its way. Only for a mail server running on this computer, such as a test server.',
  },
};

export interface SmtpProblems {
  host: string | null;
  port: string | null;
}

const HOST_EXAMPLE = 'such as smtp.example.com';
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.?$`, 'i');

function isIpv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIpv6(host: string): boolean {
  return /^[0-9a-f:]+$/i.test(host) && (host.match(/:/g)?.length ?? 0) >= 2;
}

/** What is wrong with a typed server name, in the owner's words; null when it can be tried. */
export function checkHost(raw: string): string | null {
  const host = raw.trim();
  if (host === '') return `Enter the server’s name, ${HOST_EXAMPLE}.`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `Leave out “smtp://” and the like: only the name, ${HOST_EXAMPLE}.`;
  if (host.includes('@')) return `That looks like an email address. Enter the server’s name, ${HOST_EXAMPLE}.`;
  if (/\s/.test(host)) return 'A server name has no spaces.';
  if (isIpv6(host)) return null;
  if (/^[^:]*:\d*$/.test(host)) return 'Put the port in the Port box, and only the name here.';
  if (host.includes('/')) return 'Only the server’s name, without a slash or anything after it.';
  if (/^[\d.]+$/.test(host)) {
    return isIpv4(host) ? null : 'That is not an IP address: it has four numbers from 0 to 255, such as 192.168.1.20.';
  }
  if (!HOSTNAME.test(host)) return `A server name has only letters, digits, dots and dashes, ${HOST_EXAMPLE}.`;
  return null;
}

/** What is wrong with a typed port; null when it is a whole number from 1 to 65535. */
export function checkPort(raw: string): string | null {
  const port = raw.trim();
  if (port === '') return 'Enter the port: usually 587 with STARTTLS, or 465 with TLS.';
  if (!/^\d+$/.test(port)) return 'A port is a whole number, such as 587.';
  const n = Number(port);
  if (n < 1 || n > 65535) return 'A port is a number from 1 to 65535.';
  return null;
}

export function smtpProblems(draft: SmtpDraft): SmtpProblems {
  return { host: checkHost(draft.host), port: checkPort(draft.port) };
}

/** True for a name that means this computer: localhost, 127.x.x.x or ::1. */
export function isLocalHost(raw: string): boolean {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/**
 * A new security choice, moving the port along when it was blank or still the old choice's usual
 * one (587 → 465 for TLS); a port the owner typed is left alone.
 */
export function withSecurity(draft: SmtpDraft, security: Security): SmtpDraft {
  const port = draft.port.trim();
  const followed = port === '' || port === SECURITY_WORDS[draft.security].usualPort;
  return { ...draft, security, port: followed ? SECURITY_WORDS[security].usualPort : draft.port };
}

/** What the core needs for a send; null while the SMTP form has a problem. */
export function toSendVia(choice: SendingChoice): SendVia | null {
  if (choice.method === 'outbox') return { kind: 'outbox' };
  const problems = smtpProblems(choice.smtp);
  if (problems.host !== null || problems.port !== null) return null;
  return {
    kind: 'smtp',
    host: choice.smtp.host.trim().replace(/\.$/, ''),
    port: Number(choice.smtp.port.trim()),
    security: choice.smtp.security,
  };
}

/** "the local outbox" or "smtp.example.com, port 587, with STARTTLS" — for sentences. */
export function viaWords(via: SendVia): string {
  if (via.kind === 'outbox') return 'the local outbox';
  if (via.kind === 'provider') return `${via.provider} (email service)`;
  const security = via.security === 'none' ? 'without encryption' : `with ${via.security === 'tls' ? 'TLS' : 'STARTTLS'}`;
  return `${via.host}, port ${via.port}, ${security}`;
}

function isSecurity(v: unknown): v is Security {
  return v === 'starttls' || v === 'tls' || v === 'none';
}

/** Reads a stored choice; anything missing or malformed falls back to the defaults. */
export function parseChoice(text: string | null): SendingChoice {
  if (text === null) return DEFAULT_SENDING;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_SENDING;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_SENDING;
  const v = value as Record<string, unknown>;
  const smtp = (typeof v.smtp === 'object' && v.smtp !== null ? v.smtp : {}) as Record<string, unknown>;
  const d = DEFAULT_SENDING.smtp;
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
    // Storage can be switched off; the choice then lasts as long as the window.
    return null;
  }
}

export function loadChoice(): SendingChoice {
  try {
    return parseChoice(storage()?.getItem(SENDING_STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_SENDING;
  }
}

export function saveChoice(choice: SendingChoice): void {
  try {
    storage()?.setItem(SENDING_STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Full or switched off: the choice still holds for this window.
  }
}
