// Email sending (#/connections) against a mocked core (./api): the saved sending settings (outbox,
// SMTP server or provider, who the email is from), bringing over the choice this computer
// remembered before, saving with the password or API key, unsaved changes and errors from the core;
// the preview; the test email and each way it can end; and the message list with its states, its
// empty state and its refreshes.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { Delivery, LedgerMessage, SendingSettings } from './gen/api';
import { SENDING_STORAGE_KEY } from './sendingLegacy';
import {
  LEDGER,
  OUTBOX_FILE,
  SENDING_OUTBOX,
  SENDING_SMTP,
  SENT_TO_OUTBOX,
  STATUS,
  TEST_PREVIEW,
} from './test/fixtures';
import { deferred, resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/connections');
  window.localStorage.clear();
  mock.outboxList.mockResolvedValue([]);
  mock.sendingSettings.mockResolvedValue(SENDING_OUTBOX);
  // The core answers with what it saved; the keychain holds a secret once one was given.
  mock.saveSendingSettings.mockImplementation((settings, secret) =>
    Promise.resolve({ ...settings, secret_saved: secret !== null || settings.secret_saved }),
  );
  mock.previewTestEmail.mockResolvedValue(TEST_PREVIEW);
});

/** Opens the page and waits for the saved settings to be in the form. */
async function openPage() {
  render(<App />);
  const page = await screen.findByTestId('email-sending');
  await screen.findByTestId('sending-save');
  return page;
}

async function save() {
  fireEvent.click(screen.getByTestId('sending-save'));
  await waitFor(() => expect(screen.getByTestId('sending-save').textContent).toBe('Save'));
}

/** The settings and secret of the latest save. */
function lastSave(): [SendingSettings, string | null] {
  const call = mock.saveSendingSettings.mock.calls.at(-1);
  if (!call) throw new Error('nothing was saved');
  return call;
}

function chooseSmtp() {
  fireEvent.click(screen.getByTestId('send-method-smtp'));
  return screen.getByTestId('smtp-fields');
}

function type(testId: string, value: string) {
  const el = screen.getByTestId(testId);
  fireEvent.change(el, { target: { value } });
  fireEvent.blur(el);
}

async function sendTo(address: string) {
  type('test-to', address);
  fireEvent.click(screen.getByTestId('test-send-run'));
}

const delivery = (fields: Partial<Delivery>): Delivery => ({
  id: 7,
  state: 'sent',
  already: false,
  transport: 'smtp',
  provider_message_id: null,
  detail: null,
  ...fields,
});

describe('how email leaves this computer', () => {
  it('is the Connections page, with the local outbox chosen by default', async () => {
    window.location.hash = '#/flows';
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Connections' }));
    const page = await screen.findByTestId('email-sending');
    await screen.findByTestId('sending-save');

    expect(window.location.hash).toBe('#/connections');
    expect(within(nav).getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).toBe('page');
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('Email sending');
    expect(screen.queryByTestId('coming-connections')).toBeNull();

    const outbox = screen.getByRole('radio', { name: 'Local outbox' }) as HTMLInputElement;
    expect(outbox.checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'SMTP server' }) as HTMLInputElement).checked).toBe(false);
    const provider = screen.getByRole('radio', { name: 'Email service provider' }) as HTMLInputElement;
    expect(provider.checked).toBe(false);
    expect(outbox.labels?.[0]?.textContent).toContain('Nothing leaves this computer — each email is saved as a file you can open.');
    expect(provider.labels?.[0]?.textContent).toContain('Postmark, SendGrid, Mailgun or Resend');
    expect(screen.getByTestId('send-choice').textContent).toContain(STATUS.data_dir);
    expect(screen.queryByTestId('smtp-fields')).toBeNull();
    expect(screen.queryByTestId('provider-fields')).toBeNull();

    // The small print says what is real now: saved settings, secrets in the keychain.
    const note = screen.getByTestId('send-choice-note').textContent ?? '';
    expect(note).toContain('keychain');
    expect(note).not.toMatch(/coming next|until then/i);
    expect(screen.getByTestId('test-send').textContent).toContain('through the local outbox');
    expect(screen.getByTestId('save-status').textContent).toBe('Everything here is saved.');
    expect(screen.queryByTestId('send-choice-unsaved')).toBeNull();
    expect((screen.getByTestId('test-send-run') as HTMLButtonElement).disabled).toBe(false);
  });

  it('checks the SMTP server’s name and port as they are typed', async () => {
    await openPage();
    chooseSmtp();
    const host = screen.getByLabelText('Server');
    const port = screen.getByLabelText('Port') as HTMLInputElement;

    // Nothing is wrong before the owner has had a go.
    expect(screen.queryByTestId('smtp-host-error')).toBeNull();
    fireEvent.blur(host);
    expect(screen.getByTestId('smtp-host-error').textContent).toBe('Enter the server’s name, such as smtp.example.com.');
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(host.getAttribute('aria-describedby')).toBe(screen.getByTestId('smtp-host-error').id);

    const hostSays: Array<[string, string | null]> = [
      ['smtp://mail.example.com', 'Leave out “smtp://”'],
      ['mail.example.com:587', 'Put the port in the Port box'],
      ['owner@example.com', 'looks like an email address'],
      ['mail example.com', 'no spaces'],
      ['mail.example.com', null],
    ];
    for (const [value, says] of hostSays) {
      type('smtp-host', value);
      if (says === null) expect(screen.queryByTestId('smtp-host-error')).toBeNull();
      else expect(screen.getByTestId('smtp-host-error').textContent).toContain(says);
    }
    expect(host.getAttribute('aria-invalid')).toBeNull();

    expect(port.value).toBe('587');
    const portSays: Array<[string, string | null]> = [
      ['', 'Enter the port: usually 587 with STARTTLS, or 465 with TLS.'],
      ['58a', 'A port is a whole number, such as 587.'],
      ['70000', 'A port is a number from 1 to 65535.'],
      ['0', 'A port is a number from 1 to 65535.'],
      ['2525', null],
    ];
    for (const [value, says] of portSays) {
      type('smtp-port', value);
      if (says === null) expect(screen.queryByTestId('smtp-port-error')).toBeNull();
      else expect(screen.getByTestId('smtp-port-error').textContent).toBe(says);
    }

    // The security choice explains itself, and only moves a port the owner did not type.
    const security = screen.getByLabelText('Security');
    expect(screen.getByTestId('smtp-security-explain').textContent).toContain('What most providers ask for');
    fireEvent.change(security, { target: { value: 'tls' } });
    expect(port.value).toBe('2525');
    type('smtp-port', '465');
    fireEvent.change(security, { target: { value: 'starttls' } });
    expect(port.value).toBe('587');
    fireEvent.change(security, { target: { value: 'tls' } });
    expect(port.value).toBe('465');
    expect(screen.getByTestId('smtp-security-explain').textContent).toContain('Encrypted from the first moment');

    // No encryption is for this computer only.
    fireEvent.change(security, { target: { value: 'none' } });
    expect(screen.getByTestId('smtp-security-explain').textContent).toContain('Only for a mail server running on this computer');
    expect(screen.getByTestId('smtp-plain-warning').textContent).toContain('mail.example.com is not this computer');
    type('smtp-host', 'localhost');
    expect(screen.queryByTestId('smtp-plain-warning')).toBeNull();

    // The test goes through what is saved: this server once saved.
    await save();
    expect(screen.getByTestId('test-send').textContent).toContain('through localhost, port 25, without encryption');
  });

  it('refuses to save an SMTP server with problems, and takes the owner to them', async () => {
    await openPage();
    chooseSmtp();
    fireEvent.click(screen.getByTestId('sending-save'));

    expect(mock.saveSendingSettings).not.toHaveBeenCalled();
    expect(screen.getByTestId('save-refused').textContent).toContain('fix the fields marked above first');
    expect(screen.getByTestId('smtp-host-error')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('smtp-host'));

    type('smtp-host', 'smtp.example.com');
    expect(screen.queryByTestId('save-refused')).toBeNull();
  });

  it('opens with the saved settings; a saved password is said, never shown', async () => {
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    await openPage();
    expect((screen.getByTestId('send-method-smtp') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('smtp-host') as HTMLInputElement).value).toBe('smtp.example.com');
    expect((screen.getByTestId('smtp-username') as HTMLInputElement).value).toBe('owner@juniper-oak.com');
    expect(screen.getByTestId('smtp-password-saved').textContent).toContain(
      'A password is saved in your computer’s keychain.',
    );
    expect(screen.queryByTestId('smtp-password-input')).toBeNull();
    expect((screen.getByTestId('sender-from') as HTMLInputElement).value).toBe('hello@juniper-oak.com');
    expect((screen.getByTestId('sender-postal') as HTMLTextAreaElement).value).toBe(SENDING_SMTP.postal_address);
    expect(screen.getByTestId('test-send').textContent).toContain(
      'through smtp.example.com, port 587, with STARTTLS, signed in as owner@juniper-oak.com',
    );

    // Replacing it opens an empty password field, focused; keeping it closes it again.
    fireEvent.click(screen.getByRole('button', { name: 'Replace password' }));
    const input = screen.getByTestId('smtp-password-input') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    expect(input.getAttribute('autocomplete')).toBe('new-password');
    expect(document.activeElement).toBe(input);
    fireEvent.click(screen.getByRole('button', { name: 'Keep the saved password' }));
    expect(screen.getByTestId('smtp-password-saved')).toBeTruthy();

    // Another user at the server has no password saved yet.
    type('smtp-username', 'someone@juniper-oak.com');
    expect(screen.queryByTestId('smtp-password-saved')).toBeNull();
    expect((screen.getByTestId('smtp-password-input') as HTMLInputElement).value).toBe('');
  });

  it('brings over the SMTP server this computer remembered, unsaved, once', async () => {
    window.localStorage.setItem(
      SENDING_STORAGE_KEY,
      JSON.stringify({ method: 'smtp', smtp: { host: 'mail.example.org', port: '2525', security: 'starttls' } }),
    );
    await openPage();
    expect((screen.getByTestId('send-method-smtp') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('smtp-host') as HTMLInputElement).value).toBe('mail.example.org');
    expect((screen.getByTestId('smtp-port') as HTMLInputElement).value).toBe('2525');
    expect(screen.getByTestId('sending-migrated').textContent).toContain('Filled in, not saved yet');
    expect(screen.getByTestId('send-choice-unsaved').textContent).toBe('Not saved');
    expect(screen.getByTestId('save-status').textContent).toContain('Unsaved changes');
    // The test still goes through what is saved: the outbox.
    expect(screen.getByTestId('test-send').textContent).toContain('through the local outbox');

    await save();
    expect(lastSave()).toEqual([
      { ...SENDING_OUTBOX, via: { kind: 'smtp', host: 'mail.example.org', port: 2525, security: 'starttls' } },
      null,
    ]);
    expect(window.localStorage.getItem(SENDING_STORAGE_KEY)).toBeNull();
    expect(screen.queryByTestId('sending-migrated')).toBeNull();
    expect(screen.queryByTestId('send-choice-unsaved')).toBeNull();
    expect(screen.getByTestId('save-status').textContent).toBe('Saved');
    expect(screen.getByTestId('test-send').textContent).toContain('through mail.example.org, port 2525, with STARTTLS');
  });

  it('forgets the remembered server when the owner discards it, and ignores it once something is saved', async () => {
    const remembered = JSON.stringify({ method: 'smtp', smtp: { host: 'mail.example.org', port: '2525', security: 'tls' } });
    window.localStorage.setItem(SENDING_STORAGE_KEY, remembered);
    const { unmount } = render(<App />);
    await screen.findByTestId('sending-migrated');
    fireEvent.click(screen.getByTestId('sending-discard'));
    expect((screen.getByTestId('send-method-outbox') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('sending-migrated')).toBeNull();
    expect(window.localStorage.getItem(SENDING_STORAGE_KEY)).toBeNull();
    expect(mock.saveSendingSettings).not.toHaveBeenCalled();
    unmount();

    window.localStorage.setItem(SENDING_STORAGE_KEY, remembered);
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    await openPage();
    expect((screen.getByTestId('smtp-host') as HTMLInputElement).value).toBe('smtp.example.com');
    expect(screen.queryByTestId('sending-migrated')).toBeNull();
  });

  it('saves an SMTP server with a user, its password going to the keychain', async () => {
    await openPage();
    chooseSmtp();
    type('smtp-host', ' smtp.example.com ');
    expect(screen.queryByTestId('smtp-password')).toBeNull(); // no user, no password
    type('smtp-username', 'owner@juniper-oak.com');
    const password = screen.getByTestId('smtp-password-input') as HTMLInputElement;
    expect(password.type).toBe('password');
    fireEvent.change(password, { target: { value: 'app-password 1' } });

    await save();
    expect(lastSave()).toEqual([
      {
        ...SENDING_OUTBOX,
        via: { kind: 'smtp', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'owner@juniper-oak.com' },
      },
      'app-password 1',
    ]);
    // Typed once, then only said to be there.
    expect(screen.queryByTestId('smtp-password-input')).toBeNull();
    expect(screen.getByTestId('smtp-password-saved').textContent).toContain('keychain');
  });

  it('keeps the saved password when it is not replaced, and sends a new one when it is', async () => {
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    await openPage();
    type('smtp-port', '2525');
    await save();
    expect(lastSave()).toEqual([{ ...SENDING_SMTP, via: { ...SENDING_SMTP.via, port: 2525 } }, null]);

    fireEvent.click(screen.getByRole('button', { name: 'Replace password' }));
    expect(screen.getByTestId('save-status').textContent).not.toContain('Unsaved'); // an empty field changes nothing
    fireEvent.change(screen.getByTestId('smtp-password-input'), { target: { value: 'new-secret' } });
    expect(screen.getByTestId('send-choice-unsaved')).toBeTruthy();
    await save();
    expect(lastSave()[1]).toBe('new-secret');
    expect(mock.saveSendingSettings).toHaveBeenCalledTimes(2);
  });

  it('saves the local outbox again, with no secret', async () => {
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    await openPage();
    fireEvent.click(screen.getByTestId('send-method-outbox'));
    expect(screen.getByTestId('send-choice-unsaved')).toBeTruthy();
    await save();
    expect(lastSave()).toEqual([{ ...SENDING_SMTP, via: { kind: 'outbox' } }, null]);
  });

  it('saves an email service provider with its API key', async () => {
    await openPage();
    fireEvent.click(screen.getByTestId('send-method-provider'));
    const select = screen.getByLabelText('Provider') as HTMLSelectElement;
    expect(select.value).toBe('postmark');
    expect(screen.queryByTestId('provider-domain')).toBeNull();
    const key = screen.getByLabelText('API key') as HTMLInputElement;
    expect(key.type).toBe('password');
    fireEvent.change(key, { target: { value: 'pm-server-token' } });

    await save();
    expect(lastSave()).toEqual([{ ...SENDING_OUTBOX, via: { kind: 'provider', provider: 'postmark' } }, 'pm-server-token']);
    expect(screen.getByTestId('provider-key-saved').textContent).toContain('An API key is saved in your computer’s keychain.');
    expect(screen.getByRole('button', { name: 'Replace API key' })).toBeTruthy();
    expect(screen.getByTestId('test-send').textContent).toContain('through Postmark.');

    // Another provider has no key saved yet; saving it without one sends none.
    fireEvent.change(select, { target: { value: 'resend' } });
    expect(screen.queryByTestId('provider-key-saved')).toBeNull();
    await save();
    expect(lastSave()).toEqual([{ ...SENDING_OUTBOX, via: { kind: 'provider', provider: 'resend' }, secret_saved: true }, null]);
  });

  it.each<[string, string]>([
    ['postmark', 'Use a Server API token, from your Postmark server’s API Tokens.'],
    ['sendgrid', 'Create an API key that may send mail, in your SendGrid account’s API Keys settings.'],
    ['mailgun', 'Create an API key in your Mailgun account’s API keys'],
    ['resend', 'Create an API key with sending access, in your Resend dashboard’s API Keys.'],
  ])('says where %s’s API key is', async (provider, help) => {
    await openPage();
    fireEvent.click(screen.getByTestId('send-method-provider'));
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: provider } });
    expect(screen.getByTestId('provider-help').textContent).toContain(help);
    const key = screen.getByLabelText('API key');
    expect(document.getElementById(key.getAttribute('aria-describedby') ?? '')?.textContent).toContain(help);
  });

  it('asks Mailgun for its sending domain, and sends through the EU region when ticked', async () => {
    await openPage();
    fireEvent.click(screen.getByTestId('send-method-provider'));
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'mailgun' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'key-123' } });

    fireEvent.click(screen.getByTestId('sending-save'));
    expect(mock.saveSendingSettings).not.toHaveBeenCalled();
    expect(screen.getByTestId('provider-domain-error').textContent).toContain('Enter the domain you send from in Mailgun');
    expect(document.activeElement).toBe(screen.getByLabelText('Sending domain'));

    type('provider-domain', 'https://mg.juniper-oak.com');
    expect(screen.getByTestId('provider-domain-error').textContent).toContain('Leave out “https://”');
    type('provider-domain', 'mg.juniper-oak.com');
    expect(screen.queryByTestId('provider-domain-error')).toBeNull();
    fireEvent.click(screen.getByLabelText('EU region'));

    await save();
    expect(lastSave()).toEqual([
      {
        ...SENDING_OUTBOX,
        via: { kind: 'provider', provider: 'mailgun', domain: 'mg.juniper-oak.com', base_url: 'https://api.eu.mailgun.net' },
      },
      'key-123',
    ]);
    expect((screen.getByLabelText('EU region') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('test-send').textContent).toContain('through Mailgun, sending domain mg.juniper-oak.com, EU region');
  });

  it('shows an error from the core next to the form as it is, and keeps what was typed', async () => {
    const message = 'The keychain refused the secret: no Secret Service is running (org.freedesktop.secrets).';
    mock.saveSendingSettings.mockRejectedValue({ kind: 'io', message });
    await openPage();
    fireEvent.click(screen.getByTestId('send-method-provider'));
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'pm-server-token' } });
    await save();

    const error = screen.getByTestId('save-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.getAttribute('data-kind')).toBe('io');
    expect(within(error).getByText('Couldn’t save the sending settings')).toBeTruthy();
    expect(error.querySelector('pre')?.textContent).toBe(message);
    expect(screen.getByTestId('save-bar').contains(error)).toBe(true);
    // Not the whole-window error: the form, and what was typed, stay.
    expect(screen.queryByTestId('blocking-error')).toBeNull();
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('pm-server-token');
    expect(screen.getByTestId('save-status').textContent).toContain('Unsaved changes');
  });
});

describe('who the email is from', () => {
  it('checks the sender, says why the postal address matters, and saves all three', async () => {
    await openPage();
    const sender = screen.getByTestId('sender');
    expect(within(sender).getByRole('heading', { level: 2 }).textContent).toBe('Who the email is from');
    expect((screen.getByLabelText('Sender name') as HTMLInputElement).value).toBe('Juniper & Oak Ceramics');
    const postal = screen.getByLabelText('Postal address');
    expect(postal.tagName).toBe('TEXTAREA');
    const law = screen.getByTestId('sender-postal-law').textContent ?? '';
    expect(law).toContain('Not set yet.');
    expect(law).toContain('Marketing emails cannot be sent until it is set');
    expect(law).toContain('the law in most countries');

    type('sender-from', 'hello@juniper-oak');
    expect(screen.getByTestId('sender-from-error').textContent).toContain('needs a dot');
    type('sender-from', 'hello@juniper-oak.con');
    expect(screen.getByTestId('sender-from-suggestion').textContent).toContain('Did you mean hello@juniper-oak.com?');
    type('sender-from', 'hello@juniper-oak.com');
    type('sender-name', '  ');
    expect(screen.getByTestId('sender-name-error').textContent).toContain('Enter the name people see');
    type('sender-name', 'Juniper & Oak');
    fireEvent.change(postal, { target: { value: 'Juniper & Oak Ceramics\nHafenstraße 3\n20457 Hamburg\n' } });
    expect(screen.getByTestId('sender-unsaved')).toBeTruthy();
    expect(screen.queryByTestId('send-choice-unsaved')).toBeNull();

    await save();
    expect(lastSave()).toEqual([
      {
        via: { kind: 'outbox' },
        from: 'hello@juniper-oak.com',
        from_name: 'Juniper & Oak',
        postal_address: 'Juniper & Oak Ceramics\nHafenstraße 3\n20457 Hamburg',
        secret_saved: false,
      },
      null,
    ]);
    expect(screen.getByTestId('sender-postal-law').textContent).not.toContain('Not set yet.');
  });

  it('cannot empty a saved sender address', async () => {
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    await openPage();
    type('sender-from', '');
    fireEvent.click(screen.getByTestId('sending-save'));
    expect(mock.saveSendingSettings).not.toHaveBeenCalled();
    expect(screen.getByTestId('sender-from-error').textContent).toContain('Enter the address your emails come from');
    expect(document.activeElement).toBe(screen.getByTestId('sender-from'));
  });
});

describe('the preview', () => {
  it('shows the test email at a phone’s and a desktop’s width, sandboxed, with its plain text', async () => {
    await openPage();
    const preview = screen.getByTestId('preview');
    expect((await within(preview).findByTestId('preview-subject')).textContent).toBe(TEST_PREVIEW.subject);

    const frames = preview.querySelectorAll('iframe');
    expect(frames).toHaveLength(2);
    expect(within(screen.getByTestId('preview-phone')).getByText('Phone (375 px)')).toBeTruthy();
    expect(within(screen.getByTestId('preview-desktop')).getByText('Desktop (600 px)')).toBeTruthy();
    expect([...frames].map((f) => f.getAttribute('width'))).toEqual(['375', '600']);
    for (const frame of frames) {
      expect(frame.getAttribute('srcdoc')).toBe(TEST_PREVIEW.html);
      // Nothing allowed: no scripts, no same origin.
      expect(frame.getAttribute('sandbox')).toBe('');
      expect(frame.hasAttribute('src')).toBe(false);
      expect(frame.getAttribute('title')).toMatch(/^The test email on a (phone|desktop)/);
    }

    const text = screen.getByTestId('preview-text');
    expect(text.tagName).toBe('DETAILS');
    expect(within(text).getByText('Plain-text version').tagName).toBe('SUMMARY');
    expect(text.querySelector('pre')?.textContent).toBe(TEST_PREVIEW.text);
  });

  it('is prepared again after a save, since the footer shows the postal address', async () => {
    await openPage();
    await screen.findByTestId('preview-subject');
    expect(mock.previewTestEmail).toHaveBeenCalledTimes(1);
    const html = TEST_PREVIEW.html.replace('add your postal address under Settings before marketing email', 'Hafenstraße 3');
    mock.previewTestEmail.mockResolvedValue({ ...TEST_PREVIEW, html });

    fireEvent.change(screen.getByLabelText('Postal address'), { target: { value: 'Hafenstraße 3' } });
    await save();
    await waitFor(() => expect(screen.getByTestId('preview').querySelector('iframe')?.getAttribute('srcdoc')).toBe(html));
    expect(mock.previewTestEmail).toHaveBeenCalledTimes(2);
  });

  it('says why it could not be prepared, and tries again', async () => {
    const message = 'There is no store yet: open the demo store or import your data first.';
    mock.previewTestEmail.mockRejectedValueOnce({ kind: 'not_found', message });
    await openPage();
    const preview = screen.getByTestId('preview');
    const error = await within(preview).findByTestId('error');
    expect(within(error).getByTestId('error-message').textContent).toBe(message);
    fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    await within(preview).findByTestId('preview-subject');
  });
});

describe('the test email', () => {
  it('checks the address before sending', async () => {
    await openPage();
    fireEvent.click(screen.getByTestId('test-send-run'));
    expect(screen.getByTestId('test-to-error').textContent).toBe('Enter the address to send the test to.');
    expect(document.activeElement).toBe(screen.getByLabelText('Send the test to'));

    const says: Array<[string, string]> = [
      ['anna.example.com', 'An email address needs an @'],
      ['anna@example', 'needs a dot, like example.com'],
      ['anna@example..com', 'is not a domain'],
      ['anna@example.com, ben@example.com', 'one address at a time'],
    ];
    for (const [value, text] of says) {
      await sendTo(value);
      expect(screen.getByTestId('test-to-error').textContent).toContain(text);
      expect(screen.getByTestId('test-to').getAttribute('aria-invalid')).toBe('true');
    }
    expect(mock.sendTest).not.toHaveBeenCalled();

    // A likely typo is pointed out, but the owner decides.
    mock.sendTest.mockResolvedValue(SENT_TO_OUTBOX);
    await sendTo('anna@gmial.com');
    expect(screen.getByTestId('test-to-suggestion').textContent).toBe('Did you mean anna@gmail.com?');
    await screen.findByTestId('send-outcome');
    expect(mock.sendTest).toHaveBeenCalledWith('anna@gmial.com', { kind: 'outbox' });
  });

  it('saves a test to the outbox, says where the file is, and lists it', async () => {
    const sending = deferred<Delivery>();
    mock.sendTest.mockReturnValue(sending.promise);
    const sent = LEDGER.find((m) => m.id === 6) as LedgerMessage;
    mock.outboxList.mockResolvedValueOnce([]).mockResolvedValueOnce([sent]);
    await openPage();
    await screen.findByTestId('ledger-empty');

    await sendTo('  anna@example.com ');
    const run = screen.getByTestId('test-send-run');
    expect(run.textContent).toBe('Sending…');
    expect(run.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByTestId('send-sending').textContent).toContain('Saving the test for anna@example.com to the outbox');
    fireEvent.click(run); // a second press while sending sends nothing more
    expect(mock.sendTest).toHaveBeenCalledTimes(1);
    expect(mock.sendTest).toHaveBeenCalledWith('anna@example.com', { kind: 'outbox' });

    await act(async () => sending.resolve(SENT_TO_OUTBOX));
    const region = screen.getByTestId('send-result');
    expect(region.getAttribute('aria-live')).toBe('polite');
    const outcome = within(region).getByTestId('send-outcome');
    expect(outcome.textContent).toContain('Sent — saved in the local outbox as a file you can open.');
    expect(within(outcome).getByTestId('send-outcome-shown').textContent).toBe(OUTBOX_FILE);
    expect(run.textContent).toBe('Send test email');

    // The list catches up by itself.
    const rows = await screen.findAllByTestId('ledger-row');
    expect(rows).toHaveLength(1);
    expect(mock.outboxList).toHaveBeenCalledTimes(2);
    expect(mock.outboxList).toHaveBeenLastCalledWith(200);
    expect(screen.queryByTestId('ledger-empty')).toBeNull();
  });

  it('sends through the saved SMTP server and shows its reply', async () => {
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    mock.sendTest.mockResolvedValue(delivery({ provider_message_id: '2.0.0 Ok: queued as 4XyZ1' }));
    await openPage();
    await sendTo('anna@example.com');

    const outcome = await screen.findByTestId('send-outcome');
    expect(mock.sendTest).toHaveBeenCalledWith('anna@example.com', SENDING_SMTP.via);
    expect(outcome.textContent).toContain('Sent — the server accepted it.');
    expect(outcome.textContent).toContain('The server’s reply: 2.0.0 Ok: queued as 4XyZ1');
    expect(outcome.textContent).toContain('Check the inbox of anna@example.com.');
  });

  it.each<[string, Partial<Delivery>, string[]]>([
    [
      'queued',
      { state: 'queued', detail: 'could not reach smtp.example.com: Connection refused (os error 111)' },
      [
        'Queued — the server could not be reached or asked to try later, nothing was sent.',
        'What happened: could not reach smtp.example.com: Connection refused (os error 111)',
        'Check the server’s name, port and security above',
      ],
    ],
    [
      'failed',
      { state: 'failed', detail: 'permanent error (550): 5.1.1 User unknown' },
      ['Failed — rejected: permanent error (550): 5.1.1 User unknown', 'Nothing was sent.'],
    ],
    [
      'unknown',
      { state: 'unknown', detail: 'Connection reset by peer (os error 104)' },
      [
        'Unknown — the connection broke while handing it over; it may or may not have arrived. It will not be sent again automatically.',
        'What happened: Connection reset by peer (os error 104)',
        'Look in the inbox of anna@example.com before sending another test.',
      ],
    ],
  ])('says in plain words when a test ends %s', async (state, fields, sentences) => {
    mock.sendingSettings.mockResolvedValue(SENDING_SMTP);
    mock.sendTest.mockResolvedValue(delivery(fields));
    await openPage();
    await sendTo('anna@example.com');
    const outcome = await screen.findByTestId('send-outcome');
    expect(outcome.getAttribute('data-state')).toBe(state);
    for (const s of sentences) expect(outcome.textContent).toContain(s);
    await waitFor(() => expect(mock.outboxList).toHaveBeenCalledTimes(2));
  });

  it('waits for unsaved changes to be saved, then sends through what was saved', async () => {
    mock.sendTest.mockResolvedValue(SENT_TO_OUTBOX);
    await openPage();
    chooseSmtp();
    type('smtp-host', 'smtp.example.com');

    const run = screen.getByTestId('test-send-run') as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    const why = screen.getByTestId('test-send-blocked');
    expect(why.textContent).toBe('Save or discard the changes above first: the test is sent with the saved settings.');
    expect(run.getAttribute('aria-describedby')).toBe(why.id);
    type('test-to', 'anna@example.com');
    fireEvent.submit(run.closest('form') as HTMLFormElement);
    expect(mock.sendTest).not.toHaveBeenCalled();

    // Discarding frees it as well as saving does; here, save.
    await save();
    expect(run.disabled).toBe(false);
    expect(screen.queryByTestId('test-send-blocked')).toBeNull();
    fireEvent.click(run);
    await screen.findByTestId('send-outcome');
    expect(mock.sendTest).toHaveBeenCalledWith('anna@example.com', {
      kind: 'smtp',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
    });
  });

  it('says when the outbox folder could not be written to', async () => {
    mock.sendTest.mockResolvedValue(
      delivery({ state: 'queued', transport: 'outbox', detail: 'could not write to the outbox /data/outbox: Permission denied' }),
    );
    await openPage();
    await sendTo('anna@example.com');
    const outcome = await screen.findByTestId('send-outcome');
    expect(outcome.textContent).toContain('Queued — the outbox folder could not be written to, nothing was saved.');
    expect(outcome.textContent).toContain('Permission denied');
  });

  it('shows an error from the core as it is, and still reads the list again', async () => {
    const message = 'There is no sender address yet: set one under Settings → Sending.';
    mock.sendTest.mockRejectedValue({ kind: 'invalid_input', message });
    await openPage();
    await sendTo('anna@example.com');
    const error = await screen.findByTestId('send-error');
    expect(error.getAttribute('data-kind')).toBe('invalid_input');
    expect(within(error).getByText('Couldn’t send the test')).toBeTruthy();
    expect(error.querySelector('pre')?.textContent).toBe(message);
    expect(screen.getByTestId('send-result').contains(error)).toBe(true);
    await waitFor(() => expect(mock.outboxList).toHaveBeenCalledTimes(2));
  });
});

describe('the message list', () => {
  it('lists every message newest first, with what happened in plain words', async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    mock.outboxList.mockResolvedValue(LEDGER.map((m) => (m.id === 6 ? { ...m, updated_at: fiveMinutesAgo } : m)));
    await openPage();
    const rows = await screen.findAllByTestId('ledger-row');

    const table = screen.getByTestId('ledger-table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'To',
      'Subject',
      'What happened',
      'Sent through',
      'Updated',
      'Attempts',
    ]);
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['sent', 'unknown', 'failed', 'queued', 'suppressed', 'sending']);
    expect(rows.map((r) => within(r).getByTestId('ledger-state').textContent)).toEqual([
      'Sent',
      'Unknown — needs you',
      'Failed',
      'Waiting to send',
      'Not sent (no consent or unsubscribed)',
      'Sending',
    ]);
    expect(rows.map((r) => within(r).queryByTestId('ledger-detail')?.textContent ?? null)).toEqual([
      `Saved as: ${OUTBOX_FILE}`,
      'Connection reset by peer (os error 104)',
      'permanent error (550): 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown',
      'could not reach smtp.example.com: Connection refused (os error 111)',
      'no marketing consent (unknown)',
      null,
    ]);
    expect(rows.map((r) => within(r).getByTestId('ledger-attempts').textContent)).toEqual(['1', '2', '1', '1', '0', '0']);

    const [newest, unknown] = rows as [HTMLElement, HTMLElement];
    expect(within(newest).getByRole('rowheader').textContent).toBe('anna@example.com');
    expect(newest.textContent).toContain('Test email from Juniper & Oak Ceramics (Storeloop)');
    expect(newest.textContent).toContain('Local outbox');
    expect(unknown.textContent).toContain('SMTP server');
    expect(within(newest).getByTestId('ledger-when').textContent).toBe('5 minutes ago');
    const when = within(unknown).getByTestId('ledger-when');
    expect(when.getAttribute('dateTime')).toBe('2024-11-25T12:00:00Z');
    // In the store's time zone (Berlin): 12:00 UTC is 1 PM there.
    expect(when.getAttribute('title')).toMatch(/^Nov 25, 2024, 1:00\sPM$/);

    // "Unknown" is explained once, above the table.
    const banners = screen.getAllByTestId('ledger-unknown');
    expect(banners).toHaveLength(1);
    expect(banners[0]?.textContent).toContain('1 message needs you');
    expect(banners[0]?.textContent).toContain('Storeloop will not send it again by itself');
    expect(screen.queryByTestId('ledger-empty')).toBeNull();
  });

  it('says what to do when there is no email yet', async () => {
    await openPage();
    expect((await screen.findByTestId('ledger-empty')).textContent).toBe(
      'No email yet. Send a test to check everything works.',
    );
    expect(screen.queryByTestId('ledger-table')).toBeNull();
    expect(screen.queryByTestId('ledger-unknown')).toBeNull();
    expect(mock.outboxList).toHaveBeenCalledWith(200);
  });

  it('has no warning when no message is unknown', async () => {
    mock.outboxList.mockResolvedValue(LEDGER.filter((m) => m.state !== 'unknown'));
    await openPage();
    expect(await screen.findAllByTestId('ledger-row')).toHaveLength(5);
    expect(screen.queryByTestId('ledger-unknown')).toBeNull();
  });

  it('reads the list again on Refresh', async () => {
    mock.outboxList.mockResolvedValueOnce([]).mockResolvedValueOnce(LEDGER);
    await openPage();
    await screen.findByTestId('ledger-empty');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findAllByTestId('ledger-row')).toHaveLength(LEDGER.length);
    expect(mock.outboxList).toHaveBeenCalledTimes(2);
  });

  it('shows why the list could not be read, and tries again', async () => {
    const message = 'Database error while reading the message ledger: no such table messages.';
    mock.outboxList.mockRejectedValueOnce({ kind: 'database', message }).mockResolvedValueOnce([]);
    await openPage();
    const error = await screen.findByTestId('error');
    expect(within(error).getByTestId('error-message').textContent).toBe(message);
    fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('ledger-empty');
  });
});
