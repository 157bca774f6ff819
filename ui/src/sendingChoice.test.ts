import { describe, expect, it } from 'vitest';
import type { SendingSettings } from './gen/api';
import {
  DEFAULT_DRAFT,
  MAILGUN_EU_URL,
  PROVIDER_ORDER,
  PROVIDER_WORDS,
  checkDomain,
  checkHost,
  checkPort,
  checkPostalAddress,
  checkSender,
  draftProblems,
  fromSettings,
  hasProblems,
  isLocalHost,
  savedSecretApplies,
  secretKey,
  senderChanged,
  toSendVia,
  toSettings,
  viaChanged,
  viaWords,
  withSecurity,
} from './sendingChoice';
import type { ProviderDraft, SendingDraft, SmtpDraft } from './sendingChoice';

const smtpDraft = (smtp: Partial<SmtpDraft>): SendingDraft => ({ ...DEFAULT_DRAFT, method: 'smtp', smtp: { ...DEFAULT_DRAFT.smtp, ...smtp } });
const providerDraft = (provider: Partial<ProviderDraft>): SendingDraft => ({
  ...DEFAULT_DRAFT,
  method: 'provider',
  provider: { ...DEFAULT_DRAFT.provider, ...provider },
});

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
  const draft = (port: string, security: SmtpDraft['security'] = 'starttls'): SmtpDraft => ({ host: 'h', port, security, username: '' });

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
    expect(toSendVia(DEFAULT_DRAFT)).toEqual({ kind: 'outbox' });
  });

  it('is the SMTP server as typed, tidied', () => {
    expect(toSendVia(smtpDraft({ host: ' smtp.example.com. ', port: ' 465 ', security: 'tls' }))).toEqual({
      kind: 'smtp',
      host: 'smtp.example.com',
      port: 465,
      security: 'tls',
    });
  });

  it('names the SMTP user only when there is one', () => {
    expect(toSendVia(smtpDraft({ host: 'smtp.example.com', username: ' owner@example.com ' }))).toEqual({
      kind: 'smtp',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'owner@example.com',
    });
    expect(toSendVia(smtpDraft({ host: 'smtp.example.com', username: '   ' }))).not.toHaveProperty('username');
  });

  it('is nothing while the SMTP form has a problem', () => {
    expect(toSendVia(smtpDraft({ host: '' }))).toBeNull();
    expect(toSendVia(smtpDraft({ host: 'smtp.example.com', port: '0' }))).toBeNull();
  });

  it('is the outbox even when an unused SMTP form has a problem', () => {
    expect(toSendVia({ ...smtpDraft({ host: 'bad host', port: 'x', security: 'none' }), method: 'outbox' })).toEqual({ kind: 'outbox' });
  });

  it('is the provider, with Mailgun’s domain and region only for Mailgun', () => {
    expect(toSendVia(providerDraft({ provider: 'resend', domain: 'left.over.com' }))).toEqual({ kind: 'provider', provider: 'resend' });
    expect(toSendVia(providerDraft({ provider: 'mailgun', domain: ' mg.example.com ' }))).toEqual({
      kind: 'provider',
      provider: 'mailgun',
      domain: 'mg.example.com',
    });
    expect(toSendVia(providerDraft({ provider: 'mailgun', domain: 'mg.example.com', baseUrl: MAILGUN_EU_URL }))).toEqual({
      kind: 'provider',
      provider: 'mailgun',
      domain: 'mg.example.com',
      base_url: MAILGUN_EU_URL,
    });
  });

  it('is nothing for Mailgun without a sending domain', () => {
    expect(toSendVia(providerDraft({ provider: 'mailgun', domain: '' }))).toBeNull();
  });
});

describe('checkDomain', () => {
  it.each(['mg.example.com', 'mail.shop.co.uk'])('%s can be tried', (domain) => {
    expect(checkDomain(domain)).toBeNull();
  });

  it.each<[string, string]>([
    ['', 'Enter the domain you send from in Mailgun'],
    ['https://mg.example.com', 'Leave out “https://”'],
    ['hello@example.com', 'looks like an email address'],
    ['mg example.com', 'no spaces'],
    ['localhost', 'only letters, digits, dots and dashes'],
  ])('"%s" is refused: %s', (domain, words) => {
    expect(checkDomain(domain)).toContain(words);
  });
});

describe('the sender', () => {
  it('may leave the address empty only while none is saved', () => {
    expect(checkSender('', false)).toBeNull();
    expect(checkSender(' ', true)).toContain('Enter the address your emails come from');
    expect(checkSender('hello@example', false)).toContain('needs a dot');
    expect(checkSender('hello@juniper-oak.com', true)).toBeNull();
  });

  it('keeps the postal address within what the core takes', () => {
    expect(checkPostalAddress('Juniper & Oak\nHafenstraße 3\n20457 Hamburg')).toBeNull();
    expect(checkPostalAddress('a'.repeat(500))).toBeNull();
    expect(checkPostalAddress('ä'.repeat(251))).toContain('500 characters or fewer');
    expect(checkPostalAddress('Street\t3')).toContain('cannot be printed');
  });

  it('lists only the chosen method’s problems', () => {
    const problems = draftProblems({ ...smtpDraft({ host: '' }), method: 'outbox', sender: { from: '', fromName: 'Shop', postalAddress: '' } }, null);
    expect(hasProblems(problems)).toBe(false);
    expect(draftProblems(smtpDraft({ host: '' }), null).host).toContain('Enter the server’s name');
    expect(draftProblems(providerDraft({ provider: 'mailgun' }), null).domain).toContain('Mailgun');
  });
});

describe('the saved settings and the form', () => {
  const saved: SendingSettings = {
    via: { kind: 'smtp', host: 'smtp.example.com', port: 2525, security: 'tls', username: 'owner' },
    from: 'hello@example.com',
    from_name: 'Juniper & Oak',
    postal_address: null,
    secret_saved: true,
  };

  it('fills the form from the saved settings and saves what it shows', () => {
    const draft = fromSettings(saved);
    expect(draft.method).toBe('smtp');
    expect(draft.smtp).toEqual({ host: 'smtp.example.com', port: '2525', security: 'tls', username: 'owner' });
    expect(draft.sender).toEqual({ from: 'hello@example.com', fromName: 'Juniper & Oak', postalAddress: '' });
    expect(toSettings(draft, saved.from)).toEqual({
      via: saved.via,
      from: 'hello@example.com',
      from_name: 'Juniper & Oak',
      postal_address: null,
    });
  });

  it('keeps what was typed for the other methods', () => {
    const typed = providerDraft({ provider: 'mailgun', domain: 'mg.example.com' });
    expect(fromSettings(saved, typed).provider).toEqual(typed.provider);
  });

  it('reads a saved Mailgun in the EU region', () => {
    const draft = fromSettings({ ...saved, via: { kind: 'provider', provider: 'Mailgun', domain: 'mg.example.com', base_url: MAILGUN_EU_URL } });
    expect(draft.provider).toEqual({ provider: 'mailgun', domain: 'mg.example.com', baseUrl: MAILGUN_EU_URL });
  });

  it('sees a change only where saving would change something', () => {
    const draft = fromSettings(saved);
    expect(viaChanged(draft, draft)).toBe(false);
    expect(viaChanged({ ...draft, smtp: { ...draft.smtp, host: ' smtp.example.com ' } }, draft)).toBe(false);
    expect(viaChanged({ ...draft, smtp: { ...draft.smtp, port: '587' } }, draft)).toBe(true);
    expect(viaChanged({ ...draft, provider: { ...draft.provider, domain: 'unused.example.com' } }, draft)).toBe(false);
    expect(viaChanged({ ...draft, method: 'outbox' }, draft)).toBe(true);
    expect(senderChanged({ ...draft, sender: { ...draft.sender, fromName: ' Juniper & Oak ' } }, draft)).toBe(false);
    expect(senderChanged({ ...draft, sender: { ...draft.sender, postalAddress: 'Hafenstraße 3' } }, draft)).toBe(true);
  });

  it('names keychain entries as the core does', () => {
    expect(secretKey({ kind: 'outbox' })).toBeNull();
    expect(secretKey({ kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls' })).toBeNull();
    expect(secretKey(saved.via)).toBe('smtp:owner@smtp.example.com');
    expect(secretKey({ kind: 'provider', provider: 'Postmark' })).toBe('provider:postmark');
  });

  it('says the saved secret applies only while the form names the same user and server', () => {
    const draft = fromSettings(saved);
    expect(savedSecretApplies(saved, draft)).toBe(true);
    expect(savedSecretApplies({ ...saved, secret_saved: false }, draft)).toBe(false);
    expect(savedSecretApplies(saved, { ...draft, smtp: { ...draft.smtp, username: 'someone-else' } })).toBe(false);
    expect(savedSecretApplies(saved, { ...draft, smtp: { ...draft.smtp, host: 'mail.example.com' } })).toBe(false);
    expect(savedSecretApplies(saved, { ...draft, smtp: { ...draft.smtp, port: '465' } })).toBe(true);
    const postmark: SendingSettings = { ...saved, via: { kind: 'provider', provider: 'postmark' } };
    expect(savedSecretApplies(postmark, providerDraft({ provider: 'postmark' }))).toBe(true);
    expect(savedSecretApplies(postmark, providerDraft({ provider: 'resend' }))).toBe(false);
  });
});

describe('provider words', () => {
  it.each(PROVIDER_ORDER)('%s says where its API key is in one sentence', (p) => {
    const help = PROVIDER_WORDS[p].keyHelp;
    expect(help).toContain(PROVIDER_WORDS[p].name);
    expect(help).toContain('API');
    expect(help.trim().endsWith('.')).toBe(true);
    expect(help.split('. ')).toHaveLength(1);
  });
});

describe('viaWords', () => {
  it.each<[Parameters<typeof viaWords>[0], string]>([
    [{ kind: 'outbox' }, 'the local outbox'],
    [{ kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls' }, 'smtp.example.com, port 587, with STARTTLS'],
    [{ kind: 'smtp', host: 'smtp.example.com', port: 465, security: 'tls' }, 'smtp.example.com, port 465, with TLS'],
    [{ kind: 'smtp', host: 'localhost', port: 1025, security: 'none' }, 'localhost, port 1025, without encryption'],
    [
      { kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'owner' },
      'smtp.example.com, port 587, with STARTTLS, signed in as owner',
    ],
    [{ kind: 'provider', provider: 'postmark' }, 'Postmark'],
    [{ kind: 'provider', provider: 'mailgun', domain: 'mg.example.com', base_url: MAILGUN_EU_URL }, 'Mailgun, sending domain mg.example.com, EU region'],
    [{ kind: 'provider', provider: 'resend', base_url: 'http://127.0.0.1:8025' }, 'Resend, API address http://127.0.0.1:8025'],
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

