// How email leaves this computer and who it is from, as the form holds it: the local outbox, an
// SMTP server or an email service provider, the sender's address, name and postal address, the
// checks on what is typed, and the way to and from the core's saved `SendingSettings`. Passwords
// and API keys are not held here: they go from their field to the keychain and never come back.

import type { SendVia, SendingSettings } from './gen/api';
import { checkAddress } from './emailAddress';

export type Security = 'starttls' | 'tls' | 'none';
export type Method = 'outbox' | 'smtp' | 'provider';
export type ProviderId = 'postmark' | 'sendgrid' | 'mailgun' | 'resend';

/** The SMTP form as typed: the port stays text so a half-typed value is not lost. */
export interface SmtpDraft {
  host: string;
  port: string;
  security: Security;
  /** Empty when the server does not ask to sign in. */
  username: string;
}

export interface ProviderDraft {
  provider: ProviderId;
  /** Mailgun's sending domain; kept, but not sent, for the other providers. */
  domain: string;
  /** The API address when not the provider's usual one (Mailgun's EU region); empty for the usual. */
  baseUrl: string;
}

export interface SenderDraft {
  from: string;
  fromName: string;
  postalAddress: string;
}

export interface SendingDraft {
  method: Method;
  /** Both kept while another method is chosen, so switching back does not lose what was typed. */
  smtp: SmtpDraft;
  provider: ProviderDraft;
  sender: SenderDraft;
}

export const DEFAULT_DRAFT: SendingDraft = {
  method: 'outbox',
  smtp: { host: '', port: '587', security: 'starttls', username: '' },
  provider: { provider: 'postmark', domain: '', baseUrl: '' },
  sender: { from: '', fromName: '', postalAddress: '' },
};

/** Mailgun's API for domains set up in its EU region. */
export const MAILGUN_EU_URL = 'https://api.eu.mailgun.net';

/** The core refuses a longer postal address (counted in bytes: an accented letter counts twice). */
export const POSTAL_ADDRESS_MAX = 500;

export interface ProviderWords {
  name: string;
  /** Where the API key is, in one sentence. */
  keyHelp: string;
}

export const PROVIDER_ORDER: readonly ProviderId[] = ['postmark', 'sendgrid', 'mailgun', 'resend'];

export const PROVIDER_WORDS: Record<ProviderId, ProviderWords> = {
  postmark: { name: 'Postmark', keyHelp: 'Use a Server API token, from your Postmark server’s API Tokens.' },
  sendgrid: { name: 'SendGrid', keyHelp: 'Create an API key that may send mail, in your SendGrid account’s API Keys settings.' },
  mailgun: { name: 'Mailgun', keyHelp: 'Create an API key in your Mailgun account’s API keys, and give the domain you send from below.' },
  resend: { name: 'Resend', keyHelp: 'Create an API key with sending access, in your Resend dashboard’s API Keys.' },
};

export function isProvider(v: unknown): v is ProviderId {
  return typeof v === 'string' && Object.hasOwn(PROVIDER_WORDS, v);
}

/** "Postmark", or the core's own name for a provider this screen does not know. */
export function providerName(provider: string): string {
  const id = provider.toLowerCase();
  return isProvider(id) ? PROVIDER_WORDS[id].name : provider;
}

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

export function smtpProblems(draft: Pick<SmtpDraft, 'host' | 'port'>): SmtpProblems {
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
export function withSecurity<T extends Pick<SmtpDraft, 'port' | 'security'>>(draft: T, security: Security): T {
  const port = draft.port.trim();
  const followed = port === '' || port === SECURITY_WORDS[draft.security].usualPort;
  return { ...draft, security, port: followed ? SECURITY_WORDS[security].usualPort : draft.port };
}

/** What is wrong with Mailgun's sending domain as typed; null when it can be tried. */
export function checkDomain(raw: string): string | null {
  const domain = raw.trim();
  const example = 'such as mg.yourshop.com';
  if (domain === '') return `Enter the domain you send from in Mailgun, ${example}.`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain)) return `Leave out “https://”: only the domain, ${example}.`;
  if (domain.includes('@')) return `That looks like an email address. Enter only the domain, ${example}.`;
  if (/\s/.test(domain)) return 'A domain has no spaces.';
  if (!HOSTNAME.test(domain) || !domain.includes('.')) return `A domain has only letters, digits, dots and dashes, ${example}.`;
  return null;
}

/** The sender address: required once one has been saved (the core cannot unset it). */
export function checkSender(raw: string, required: boolean): string | null {
  if (raw.trim() === '') return required ? 'Enter the address your emails come from, such as hello@yourshop.com.' : null;
  return checkAddress(raw).error;
}

export function checkFromName(raw: string): string | null {
  return raw.trim() === '' ? 'Enter the name people see beside the address, such as your store’s name.' : null;
}

export function checkPostalAddress(raw: string): string | null {
  const address = raw.trim();
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(address)) {
    return 'The address has a character that cannot be printed (a tab, say): retype that part.';
  }
  if (new TextEncoder().encode(address).length > POSTAL_ADDRESS_MAX) {
    return `Keep it to ${POSTAL_ADDRESS_MAX} characters or fewer (an accented letter counts as two).`;
  }
  return null;
}

export interface DraftProblems {
  host: string | null;
  port: string | null;
  domain: string | null;
  from: string | null;
  fromName: string | null;
  postalAddress: string | null;
}

/**
 * Everything that keeps the draft from being saved; only the chosen method's fields count.
 * `savedFrom` is the sender address saved now: once there is one, it cannot be left empty.
 */
export function draftProblems(draft: SendingDraft, savedFrom: string | null): DraftProblems {
  const smtp = draft.method === 'smtp' ? smtpProblems(draft.smtp) : { host: null, port: null };
  const mailgun = draft.method === 'provider' && draft.provider.provider === 'mailgun';
  return {
    ...smtp,
    domain: mailgun ? checkDomain(draft.provider.domain) : null,
    from: checkSender(draft.sender.from, savedFrom !== null),
    fromName: checkFromName(draft.sender.fromName),
    postalAddress: checkPostalAddress(draft.sender.postalAddress),
  };
}

export function hasProblems(problems: DraftProblems): boolean {
  return Object.values(problems).some((p) => p !== null);
}

function tidyName(raw: string): string {
  return raw.trim().replace(/\.$/, '');
}

/** What the core needs to send through the chosen method; null while its fields have a problem. */
export function toSendVia(draft: SendingDraft): SendVia | null {
  switch (draft.method) {
    case 'outbox':
      return { kind: 'outbox' };
    case 'smtp': {
      const { host, port, security, username } = draft.smtp;
      const problems = smtpProblems(draft.smtp);
      if (problems.host !== null || problems.port !== null) return null;
      const user = username.trim();
      return { kind: 'smtp', host: tidyName(host), port: Number(port.trim()), security, ...(user ? { username: user } : {}) };
    }
    case 'provider': {
      const { provider, domain, baseUrl } = draft.provider;
      if (provider === 'mailgun' && checkDomain(domain) !== null) return null;
      const base = baseUrl.trim();
      return {
        kind: 'provider',
        provider,
        ...(provider === 'mailgun' ? { domain: tidyName(domain) } : {}),
        ...(base ? { base_url: base } : {}),
      };
    }
  }
}

/** The settings to save, without `secret_saved` (the core works that out); null while there are problems. */
export function toSettings(draft: SendingDraft, savedFrom: string | null): Omit<SendingSettings, 'secret_saved'> | null {
  const via = toSendVia(draft);
  if (via === null || hasProblems(draftProblems(draft, savedFrom))) return null;
  const { from, fromName, postalAddress } = draft.sender;
  return {
    via,
    from: from.trim() === '' ? null : from.trim(),
    from_name: fromName.trim(),
    postal_address: postalAddress.trim() === '' ? null : postalAddress.trim(),
  };
}

function isSecurity(v: unknown): v is Security {
  return v === 'starttls' || v === 'tls' || v === 'none';
}

/**
 * The form for saved settings: the saved method's fields and the sender replace those in `base`;
 * the other methods' fields stay as they were typed.
 */
export function fromSettings(settings: SendingSettings, base: SendingDraft = DEFAULT_DRAFT): SendingDraft {
  const sender: SenderDraft = {
    from: settings.from ?? '',
    fromName: settings.from_name,
    postalAddress: settings.postal_address ?? '',
  };
  const via = settings.via;
  switch (via.kind) {
    case 'outbox':
      return { ...base, method: 'outbox', sender };
    case 'smtp':
      return {
        ...base,
        method: 'smtp',
        sender,
        smtp: {
          host: via.host,
          port: String(via.port),
          security: isSecurity(via.security) ? via.security : 'starttls',
          username: via.username ?? '',
        },
      };
    case 'provider': {
      const id = via.provider.toLowerCase();
      return {
        ...base,
        method: 'provider',
        sender,
        provider: { provider: isProvider(id) ? id : 'postmark', domain: via.domain ?? '', baseUrl: via.base_url ?? '' },
      };
    }
  }
}

/** How the chosen method compares, trimmed: only the fields that saving would send. */
function viaKey(draft: SendingDraft): string {
  switch (draft.method) {
    case 'outbox':
      return 'outbox';
    case 'smtp': {
      const { host, port, security, username } = draft.smtp;
      return JSON.stringify(['smtp', tidyName(host), port.trim(), security, username.trim()]);
    }
    case 'provider': {
      const { provider, domain, baseUrl } = draft.provider;
      return JSON.stringify(['provider', provider, provider === 'mailgun' ? tidyName(domain) : '', baseUrl.trim()]);
    }
  }
}

/** True when saving would change how email leaves. */
export function viaChanged(draft: SendingDraft, saved: SendingDraft): boolean {
  return viaKey(draft) !== viaKey(saved);
}

/** True when saving would change who the email is from. */
export function senderChanged(draft: SendingDraft, saved: SendingDraft): boolean {
  const key = (s: SenderDraft) => JSON.stringify([s.from.trim(), s.fromName.trim(), s.postalAddress.trim()]);
  return key(draft.sender) !== key(saved.sender);
}

/**
 * Which keychain entry a way of sending uses, as the core names it (api/mail.rs `secret_name`):
 * one per SMTP user and server, one per provider, none for the outbox or a server without a user.
 */
export function secretKey(via: SendVia | null): string | null {
  if (via === null) return null;
  if (via.kind === 'smtp') return via.username ? `smtp:${via.username}@${via.host}` : null;
  if (via.kind === 'provider') return `provider:${via.provider.toLowerCase()}`;
  return null;
}

/** Which secret field the chosen method shows: the SMTP password (with a user name) or the API key. */
export function secretSlot(draft: SendingDraft): 'smtp' | 'provider' | null {
  if (draft.method === 'provider') return 'provider';
  if (draft.method === 'smtp' && draft.smtp.username.trim() !== '') return 'smtp';
  return null;
}

/**
 * True when the keychain's secret belongs to what the form says now: the saved settings have one,
 * and the form still names the same SMTP user and server, or the same provider.
 */
export function savedSecretApplies(saved: SendingSettings, draft: SendingDraft): boolean {
  if (!saved.secret_saved) return false;
  const key = secretKey(saved.via);
  if (key === null) return false;
  if (draft.method === 'smtp') {
    const user = draft.smtp.username.trim();
    return user !== '' && key === `smtp:${user}@${tidyName(draft.smtp.host)}`;
  }
  if (draft.method === 'provider') return key === `provider:${draft.provider.provider}`;
  return false;
}

/** "the local outbox", "smtp.example.com, port 587, with STARTTLS" or "Postmark" — for sentences. */
export function viaWords(via: SendVia): string {
  if (via.kind === 'outbox') return 'the local outbox';
  if (via.kind === 'provider') {
    const domain = via.domain ? `, sending domain ${via.domain}` : '';
    const base = via.base_url === undefined ? '' : via.base_url === MAILGUN_EU_URL ? ', EU region' : `, API address ${via.base_url}`;
    return `${providerName(via.provider)}${domain}${base}`;
  }
  const security = via.security === 'none' ? 'without encryption' : `with ${via.security === 'tls' ? 'TLS' : 'STARTTLS'}`;
  const user = via.username ? `, signed in as ${via.username}` : '';
  return `${via.host}, port ${via.port}, ${security}${user}`;
}
