import { describe, expect, it } from 'vitest';
import type { SendingSettings } from './gen/api';
import { DEFAULT_DRAFT } from './sendingChoice';
import { LEGACY_DEFAULT, migratedDraft, parseChoice } from './sendingLegacy';

describe('parseChoice', () => {
  it('reads back what was stored', () => {
    const choice = { method: 'smtp', smtp: { host: 'smtp.example.com', port: '2525', security: 'none' } } as const;
    expect(parseChoice(JSON.stringify(choice))).toEqual(choice);
  });

  it.each([null, '', 'not json', '42', 'null', '[]', '{"method":"carrier-pigeon"}'])(
    'falls back to the outbox for %j',
    (text) => {
      expect(parseChoice(text)).toEqual(LEGACY_DEFAULT);
    },
  );

  it('keeps what is usable and defaults the rest', () => {
    expect(parseChoice('{"method":"smtp","smtp":{"host":"mail.example.com","port":587,"security":"ssl"}}')).toEqual({
      method: 'smtp',
      smtp: { host: 'mail.example.com', port: '587', security: 'starttls' },
    });
  });
});

describe('migratedDraft', () => {
  const outbox: SendingSettings = { via: { kind: 'outbox' }, from: null, from_name: 'Shop', postal_address: null, secret_saved: false };
  const remembered = parseChoice(JSON.stringify({ method: 'smtp', smtp: { host: 'mail.example.org', port: '2525', security: 'tls' } }));

  it('brings over a remembered SMTP server while the core still says outbox', () => {
    expect(migratedDraft(outbox, remembered, DEFAULT_DRAFT)).toEqual({
      ...DEFAULT_DRAFT,
      method: 'smtp',
      smtp: { host: 'mail.example.org', port: '2525', security: 'tls', username: '' },
    });
  });

  it('brings nothing over once something else is saved, or when nothing useful was remembered', () => {
    const saved: SendingSettings = { ...outbox, via: { kind: 'provider', provider: 'postmark' } };
    expect(migratedDraft(saved, remembered, DEFAULT_DRAFT)).toBeNull();
    expect(migratedDraft(outbox, LEGACY_DEFAULT, DEFAULT_DRAFT)).toBeNull();
    expect(migratedDraft(outbox, { method: 'smtp', smtp: { ...LEGACY_DEFAULT.smtp, host: ' ' } }, DEFAULT_DRAFT)).toBeNull();
  });
});
