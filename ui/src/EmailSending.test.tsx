// Email sending (#/connections) against a mocked core (./api): the outbox-or-SMTP choice and its
// checks, the test email and each way it can end, and the message list with its states, its
// empty state and its refreshes.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { Delivery, LedgerMessage } from './gen/api';
import { SENDING_STORAGE_KEY } from './sendingChoice';
import { LEDGER, OUTBOX_FILE, SENT_TO_OUTBOX, STATUS } from './test/fixtures';

vi.mock('./api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./api')>();
  return {
    ...actual,
    appStatus: vi.fn(),
    onProgress: vi.fn(),
    onFileDrop: vi.fn(),
    sendTest: vi.fn(),
    outboxList: vi.fn(),
  };
});

const mock = vi.mocked(api);

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

beforeEach(() => {
  vi.resetAllMocks();
  window.localStorage.clear();
  window.location.hash = '#/connections';
  mock.appStatus.mockResolvedValue(STATUS);
  mock.onProgress.mockResolvedValue(() => {});
  mock.onFileDrop.mockResolvedValue(() => {});
  mock.outboxList.mockResolvedValue([]);
});

async function openPage() {
  render(<App />);
  return screen.findByTestId('email-sending');
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

    expect(window.location.hash).toBe('#/connections');
    expect(within(nav).getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).toBe('page');
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('Email sending');
    expect(screen.queryByTestId('coming-connections')).toBeNull();

    const outbox = screen.getByRole('radio', { name: 'Local outbox' }) as HTMLInputElement;
    expect(outbox.checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'SMTP server' }) as HTMLInputElement).checked).toBe(false);
    expect(outbox.labels?.[0]?.textContent).toContain('Nothing leaves this computer — each email is saved as a file you can open.');
    expect(screen.getByTestId('send-choice').textContent).toContain(STATUS.data_dir);
    expect(screen.queryByTestId('smtp-fields')).toBeNull();

    // What is not built is named, not faked.
    const note = screen.getByTestId('send-choice-note').textContent;
    expect(note).toContain('Postmark, SendGrid, Mailgun or Resend');
    expect(note).toContain('keychain');
    expect(screen.getByTestId('test-send').textContent).toContain('through the local outbox');
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
    expect(screen.getByTestId('test-send').textContent).toContain('through localhost, port 25, without encryption');
  });

  it('refuses to send through an SMTP server with problems, and takes the owner to them', async () => {
    await openPage();
    chooseSmtp();
    await sendTo('anna@example.com');

    expect(mock.sendTest).not.toHaveBeenCalled();
    expect(screen.getByTestId('send-refused').textContent).toContain('fix the SMTP server’s details above first');
    expect(screen.getByTestId('smtp-host-error')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('smtp-host'));

    type('smtp-host', 'smtp.example.com');
    expect(screen.queryByTestId('send-refused')).toBeNull();
  });

  it('remembers the choice on this computer', async () => {
    await openPage();
    chooseSmtp();
    type('smtp-host', 'smtp.example.com');
    fireEvent.change(screen.getByLabelText('Security'), { target: { value: 'tls' } });
    expect(JSON.parse(window.localStorage.getItem(SENDING_STORAGE_KEY) ?? 'null')).toEqual({
      method: 'smtp',
      smtp: { host: 'smtp.example.com', port: '465', security: 'tls' },
    });

    // Back to the outbox keeps the server's details for later.
    fireEvent.click(screen.getByTestId('send-method-outbox'));
    fireEvent.click(screen.getByTestId('send-method-smtp'));
    expect((screen.getByTestId('smtp-host') as HTMLInputElement).value).toBe('smtp.example.com');
  });

  it('opens with the choice it remembered', async () => {
    window.localStorage.setItem(
      SENDING_STORAGE_KEY,
      JSON.stringify({ method: 'smtp', smtp: { host: 'mail.example.org', port: '2525', security: 'starttls' } }),
    );
    await openPage();
    expect((screen.getByTestId('send-method-smtp') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('smtp-host') as HTMLInputElement).value).toBe('mail.example.org');
    expect((screen.getByTestId('smtp-port') as HTMLInputElement).value).toBe('2525');
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

  it('sends through the SMTP server as typed and shows its reply', async () => {
    mock.sendTest.mockResolvedValue(delivery({ provider_message_id: '2.0.0 Ok: queued as 4XyZ1' }));
    await openPage();
    chooseSmtp();
    type('smtp-host', ' smtp.example.com ');
    await sendTo('anna@example.com');

    const outcome = await screen.findByTestId('send-outcome');
    expect(mock.sendTest).toHaveBeenCalledWith('anna@example.com', {
      kind: 'smtp',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
    });
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
    mock.sendTest.mockResolvedValue(delivery(fields));
    await openPage();
    chooseSmtp();
    type('smtp-host', 'smtp.example.com');
    await sendTo('anna@example.com');
    const outcome = await screen.findByTestId('send-outcome');
    expect(outcome.getAttribute('data-state')).toBe(state);
    for (const s of sentences) expect(outcome.textContent).toContain(s);
    await waitFor(() => expect(mock.outboxList).toHaveBeenCalledTimes(2));
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
