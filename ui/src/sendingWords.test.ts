import { describe, expect, it } from 'vitest';
import type { Delivery, SendVia } from './gen/api';
import { deliveryWords, ledgerLine, stateWords, transportWords } from './sendingWords';
import { LEDGER, OUTBOX_FILE } from './test/fixtures';

const SMTP: SendVia = { kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls' };
const d = (fields: Partial<Delivery>): Delivery => ({
  id: 1,
  state: 'sent',
  already: false,
  transport: 'smtp',
  provider_message_id: null,
  detail: null,
  ...fields,
});

describe('ledger words', () => {
  it.each<[string, string, string]>([
    ['sent', 'Sent', 'success'],
    ['queued', 'Waiting to send', 'neutral'],
    ['sending', 'Sending', 'accent'],
    ['failed', 'Failed', 'danger'],
    ['suppressed', 'Not sent (no consent or unsubscribed)', 'neutral'],
    ['unknown', 'Unknown — needs you', 'warning'],
    ['bounced', 'bounced', 'neutral'],
    ['toString', 'toString', 'neutral'],
  ])('%s reads "%s" (%s)', (state, label, tone) => {
    expect(stateWords(state)).toMatchObject({ label, tone });
  });

  it.each<[string, string]>([
    ['outbox', 'Local outbox'],
    ['smtp', 'SMTP server'],
    ['postmark', 'Postmark'],
    ['sendgrid', 'SendGrid'],
    ['carrier-pigeon', 'carrier-pigeon'],
  ])('%s is sent through "%s"', (transport, words) => {
    expect(transportWords(transport)).toBe(words);
  });

  it('says why, or for a sent message where it went', () => {
    expect(LEDGER.map(ledgerLine)).toEqual([
      null,
      'no marketing consent (unknown)',
      'could not reach smtp.example.com: Connection refused (os error 111)',
      'permanent error (550): 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown',
      'Connection reset by peer (os error 104)',
      `Saved as: ${OUTBOX_FILE}`,
    ]);
    expect(ledgerLine({ ...LEDGER[0]!, state: 'sent', provider_message_id: '250 OK' })).toBe('The server’s reply: 250 OK');
  });
});

describe('deliveryWords', () => {
  it('says where an outbox test was saved', () => {
    const w = deliveryWords(d({ transport: 'outbox', provider_message_id: OUTBOX_FILE }), { kind: 'outbox' }, 'a@example.com');
    expect(w).toMatchObject({ tone: 'success', title: 'Sent', shown: { label: 'Saved as', value: OUTBOX_FILE } });
    expect(w.sentence).toBe('saved in the local outbox as a file you can open.');
  });

  it('says nothing was sent again for a message already in the ledger', () => {
    const w = deliveryWords(d({ already: true, provider_message_id: '250 OK' }), SMTP, 'a@example.com');
    expect(w.sentence).toBe('the server accepted it. This test was already in the list, so nothing was sent again.');
  });

  it('names the provider that took a test, and where to look when it could not be reached', () => {
    const postmark: SendVia = { kind: 'provider', provider: 'postmark' };
    const sent = deliveryWords(d({ transport: 'postmark', provider_message_id: 'b7bc2f4a-e38e' }), postmark, 'a@example.com');
    expect(sent.sentence).toBe('Postmark accepted it.');
    expect(sent.shown).toEqual({ label: 'Postmark’s message id', value: 'b7bc2f4a-e38e' });
    const queued = deliveryWords(d({ state: 'queued', transport: 'postmark' }), postmark, 'a@example.com');
    expect(queued.sentence).toBe('Postmark could not be reached or asked to try later, nothing was sent.');
    expect(queued.next).toContain('online');
    const failed = deliveryWords(d({ state: 'failed', transport: 'postmark', detail: null }), postmark, 'a@example.com');
    expect(failed.sentence).toBe('rejected: Postmark gave no reason.');
    expect(failed.next).toContain('Postmark’s settings');
  });

  it.each<[Partial<Delivery>, string, string]>([
    [{ state: 'failed', detail: null }, 'Failed', 'rejected: the server gave no reason.'],
    [{ state: 'suppressed', detail: 'suppressed: unsubscribed (link)' }, 'Not sent', 'suppressed: unsubscribed (link)'],
    [{ state: 'sending' }, 'Sending', 'this test is being handed over by another send; the list below shows how it ends.'],
    [{ state: 'bounced' }, 'bounced', 'the core reported a state this screen does not know yet.'],
  ])('%j reads "%s — %s"', (fields, title, sentence) => {
    expect(deliveryWords(d(fields), SMTP, 'a@example.com')).toMatchObject({ title, sentence });
  });
});
