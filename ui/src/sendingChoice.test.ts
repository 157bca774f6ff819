import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SENDING,
  checkHost,
  checkPort,
  isLocalHost,
  parseChoice,
  toSendVia,
  viaWords,
  withSecurity,
} from './sendingChoice';
import type { SmtpDraft } from './sendingChoice';

describe('checkHost', () => {
  it.each(['smtp.example.com', 'localhost', 'mail', 'mail-1.example.co.uk', 'smtp.example.com.', '127.0.0.1', '::1', 'fe80::1'])(
    '%s can be tried',
    (host) => {
      expect(checkHost(host)).toBeNull();
    },
  );

  it.each<[string, string]>([
    ['', 'Enter the server’s name'],
    ['   ', 'Enter the server’s name'],
    ['smtp://smtp.example.com', 'Leave out “smtp://”'],
    ['smtps://smtp.example.com:465', 'Leave out “smtp://”'],
    ['owner@example.com', 'looks like an email address'],
    ['smtp .example.com', 'no spaces'],
    ['smtp.example.com:587', 'Put the port in the Port box'],
    ['smtp.example.com/mail', 'without a slash'],
    ['300.1.1.1', 'not an IP address'],
    ['smtp_example.com', 'only letters, digits, dots and dashes'],
    ['-smtp.example.com', 'only letters, digits, dots and dashes'],
    ['smtp..example.com', 'only letters, digits, dots and dashes'],
  ])('"%s" is refused: %s', (host, words) => {
    expect(checkHost(host)).toContain(words);
  });
});

describe('checkPort', () => {
  it.each(['1', '25', '465', '587', ' 2525 ', '65535'])('%s is a port', (port) => {
    expect(checkPort(port)).toBeNull();
  });

  it.each<[string, string]>([
    ['', 'Enter the port'],
    ['0', 'from 1 to 65535'],
    ['65536', 'from 1 to 65535'],
    ['-1', 'whole number'],
    ['58.7', 'whole number'],
    ['five', 'whole number'],
  ])('"%s" is refused: %s', (port, words) => {
    expect(checkPort(port)).toContain(words);
  });
});

describe('withSecurity', () => {
  const draft = (port: string, security: SmtpDraft['security'] = 'starttls'): SmtpDraft => ({ host: 'h', port, security });

  it.each<[SmtpDraft, SmtpDraft['security'], string]>([
    [draft('587'), 'tls', '465'],
    [draft('465', 'tls'), 'starttls', '587'],
    [draft(''), 'none', '25'],
    [draft('2525'), 'tls', '2525'],
    [draft('465'), 'tls', '465'],
  ])('%j with %s gets port %s', (from, security, port) => {
    expect(withSecurity(from, security)).toEqual({ ...from, security, port });
  });
});

describe('toSendVia', () => {
  it('is the outbox by default', () => {
    expect(toSendVia(DEFAULT_SENDING)).toEqual({ kind: 'outbox' });
  });

  it('is the SMTP server as typed, tidied', () => {
    expect(
      toSendVia({ method: 'smtp', smtp: { host: ' smtp.example.com. ', port: ' 465 ', security: 'tls' } }),
    ).toEqual({ kind: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' });
  });

  it('is nothing while the SMTP form has a problem', () => {
    expect(toSendVia({ method: 'smtp', smtp: { host: '', port: '587', security: 'starttls' } })).toBeNull();
    expect(toSendVia({ method: 'smtp', smtp: { host: 'smtp.example.com', port: '0', security: 'starttls' } })).toBeNull();
  });

  it('is the outbox even when an unused SMTP form has a problem', () => {
    expect(toSendVia({ method: 'outbox', smtp: { host: 'bad host', port: 'x', security: 'none' } })).toEqual({ kind: 'outbox' });
  });
});

describe('viaWords', () => {
  it.each<[Parameters<typeof viaWords>[0], string]>([
    [{ kind: 'outbox' }, 'the local outbox'],
    [{ kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls' }, 'smtp.example.com, port 587, with STARTTLS'],
    [{ kind: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' }, 'smtp.example.com, port 465, with TLS'],
    [{ kind: 'smtp', host: 'localhost', port: 1025, security: 'none' }, 'localhost, port 1025, without encryption'],
  ])('%j reads "%s"', (via, words) => {
    expect(viaWords(via)).toBe(words);
  });
});

describe('isLocalHost', () => {
  it.each<[string, boolean]>([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['mail.localhost', true],
    ['127.0.0.1', true],
    ['::1', true],
    ['192.168.1.20', false],
    ['smtp.example.com', false],
    ['localhost.example.com', false],
  ])('%s is this computer: %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local);
  });
});

describe('parseChoice', () => {
  it('reads back what was stored', () => {
    const choice = { method: 'smtp', smtp: { host: 'smtp.example.com', port: '2525', security: 'none' } } as const;
    expect(parseChoice(JSON.stringify(choice))).toEqual(choice);
  });

  it.each([null, '', 'not json', '42', 'null', '[]', '{"method":"carrier-pigeon"}'])(
    'falls back to the outbox for %j',
    (text) => {
      expect(parseChoice(text)).toEqual(DEFAULT_SENDING);
    },
  );

  it('keeps what is usable and defaults the rest', () => {
    expect(parseChoice('{"method":"smtp","smtp":{"host":"mail.example.com","port":587,"security":"ssl"}}')).toEqual({
      method: 'smtp',
      smtp: { host: 'mail.example.com', port: '587', security: 'starttls' },
    });
  });
});
