// The owner's words for email sending: the states of the message ledger, where a message went,
// and what a test send did. Screens use these, never the ledger's codes.

import type { Delivery, LedgerMessage, SendVia } from './gen/api';
import type { Tone } from './customerWords';
import { providerName } from './sendingChoice';

/** The ledger's states (crates/storeloop-core/src/mail/send.rs), in the order a message moves. */
export type LedgerState = 'queued' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'unknown';

export interface StateWords {
  label: string;
  explain: string;
  tone: Tone;
}

export const STATE_WORDS: Record<LedgerState, StateWords> = {
  queued: {
    label: 'Waiting to send',
    explain: 'Not sent: the server could not be reached or asked to try later.',
    tone: 'neutral',
  },
  sending: { label: 'Sending', explain: 'Being handed over right now.', tone: 'accent' },
  sent: { label: 'Sent', explain: 'Handed over: saved to the outbox, or accepted by the server.', tone: 'success' },
  failed: { label: 'Failed', explain: 'Rejected, so not sent. It will not be tried again.', tone: 'danger' },
  suppressed: {
    label: 'Not sent (no consent or unsubscribed)',
    explain: 'Held back on purpose: this person has not agreed to marketing email, or asked to stop.',
    tone: 'neutral',
  },
  unknown: {
    label: 'Unknown — needs you',
    explain: 'The connection broke while handing it over: it may or may not have arrived. It will not be sent again automatically.',
    tone: 'warning',
  },
};

function isLedgerState(state: string): state is LedgerState {
  return Object.hasOwn(STATE_WORDS, state);
}

/** Words for a state; a state this screen does not know yet is shown as it is, never hidden. */
export function stateWords(state: string): StateWords {
  return isLedgerState(state) ? STATE_WORDS[state] : { label: state, explain: '', tone: 'neutral' };
}

/** "Local outbox", "SMTP server", a provider's name ("Postmark"), or the transport's own name for one added later. */
export function transportWords(transport: string): string {
  if (transport === 'outbox') return 'Local outbox';
  if (transport === 'smtp') return 'SMTP server';
  return providerName(transport);
}

/**
 * Where a sent message went, from the id its transport gave it: the outbox's file path, or the
 * SMTP server's reply. Null when there is nothing to say.
 */
export function whereWords(transport: string, providerId: string | null): { label: string; value: string } | null {
  if (providerId === null || providerId.trim() === '') return null;
  if (transport === 'outbox') return { label: 'Saved as', value: providerId };
  if (transport === 'smtp') return { label: 'The server’s reply', value: providerId };
  return { label: `${providerName(transport)}’s message id`, value: providerId };
}

/** The line under a ledger row's state: why, or for a sent message where it went. */
export function ledgerLine(m: LedgerMessage): string | null {
  if (m.detail !== null && m.detail.trim() !== '') return m.detail;
  if (m.state !== 'sent') return null;
  const where = whereWords(m.transport, m.provider_message_id);
  return where ? `${where.label}: ${where.value}` : null;
}

export interface DeliveryWords {
  tone: 'success' | 'warning' | 'danger' | 'neutral';
  /** "Sent", "Queued", … — bold at the start of the sentence. */
  title: string;
  /** The rest of the sentence, after a dash. */
  sentence: string;
  /** A value to show as it is (a file path, a server's reply, the core's reason), with its label. */
  shown: { label: string; value: string } | null;
  /** What to do now, when there is something. */
  next: string | null;
}

/** What a test send did, in plain words; `via` is what it was sent through, `to` the address. */
export function deliveryWords(d: Delivery, via: SendVia, to: string): DeliveryWords {
  const outbox = d.transport === 'outbox' || via.kind === 'outbox';
  // Who took it: "the server" for SMTP, the provider by name.
  const taker = via.kind === 'provider' ? providerName(via.provider) : 'the server';
  const takerSettings = via.kind === 'provider' ? `${providerName(via.provider)}’s settings` : 'the server’s settings';
  const detail = d.detail !== null && d.detail.trim() !== '' ? d.detail : null;
  const already = d.already ? ' This test was already in the list, so nothing was sent again.' : '';
  switch (d.state) {
    case 'sent': {
      const where = whereWords(d.transport, d.provider_message_id);
      return {
        tone: 'success',
        title: 'Sent',
        sentence: `${outbox ? 'saved in the local outbox as a file you can open.' : `${taker} accepted it.`}${already}`,
        shown: where,
        next: outbox ? 'Open the file with your email program to see it as a customer would.' : `Check the inbox of ${to}.`,
      };
    }
    case 'queued':
      return {
        tone: 'warning',
        title: 'Queued',
        sentence: `${
          outbox
            ? 'the outbox folder could not be written to, nothing was saved.'
            : `${taker} could not be reached or asked to try later, nothing was sent.`
        }${already}`,
        shown: detail ? { label: 'What happened', value: detail } : null,
        next: outbox
          ? 'Check that the data folder is on a disk with free space you can write to, then send another test.'
          : via.kind === 'provider'
            ? 'Check that this computer is online, then send another test.'
            : 'Check the server’s name, port and security above, then send another test.',
      };
    case 'failed':
      return {
        tone: 'danger',
        title: 'Failed',
        sentence: `rejected: ${detail ?? `${taker} gave no reason.`}${already}`,
        shown: null,
        next: `Nothing was sent. Check the address and ${takerSettings} before trying again.`,
      };
    case 'unknown':
      return {
        tone: 'warning',
        title: 'Unknown',
        sentence: `the connection broke while handing it over; it may or may not have arrived. It will not be sent again automatically.${already}`,
        shown: detail ? { label: 'What happened', value: detail } : null,
        next: `Look in the inbox of ${to} before sending another test.`,
      };
    case 'suppressed':
      return {
        tone: 'neutral',
        title: 'Not sent',
        sentence: `${detail ?? 'this address has no consent or has unsubscribed.'}${already}`,
        shown: null,
        next: null,
      };
    case 'sending':
      return {
        tone: 'neutral',
        title: 'Sending',
        sentence: `this test is being handed over by another send; the list below shows how it ends.${already}`,
        shown: null,
        next: null,
      };
    default:
      return {
        tone: 'neutral',
        title: d.state,
        sentence: `the core reported a state this screen does not know yet.${already}`,
        shown: detail ? { label: 'What happened', value: detail } : null,
        next: null,
      };
  }
}
