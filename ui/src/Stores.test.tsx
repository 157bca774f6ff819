// Your store (#/connections/stores) against a mocked core (./api): the tab beside Email sending; the
// empty state and its two platforms; the connect forms, their empty-field checks, a connect that
// works (Shopify, WooCommerce) and one the core refuses; the connected store's card, its runs, a
// sync with its progress and what it did, a full sync and a failed one; removing after a confirm;
// a missing key; and text from the shop shown as text, never as markup.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { Connection, Progress, SyncRun } from './gen/api';
import { SENDING_OUTBOX, TEST_PREVIEW } from './test/fixtures';
import { deferred, resetApi } from './test/mockApi';
import { FAILED_RUN, FIRST_RUN, NEXT_RUN, SHOPIFY, SHOPIFY_SCOPES, WOO } from './test/storeFixtures';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/connections/stores');
  mock.connections.mockResolvedValue([]);
  // Email sending, a tab away.
  mock.outboxList.mockResolvedValue([]);
  mock.sendingSettings.mockResolvedValue(SENDING_OUTBOX);
  mock.previewTestEmail.mockResolvedValue(TEST_PREVIEW);
});

async function openPage() {
  render(<App />);
  const page = await screen.findByTestId('stores');
  await waitFor(() => expect(screen.queryByTestId('loading')).toBeNull());
  return page;
}

async function openWith(...list: Connection[]) {
  mock.connections.mockResolvedValue(list);
  await openPage();
  return screen.findByTestId('store-card');
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function button(testId: string) {
  return screen.getByTestId(testId) as HTMLButtonElement;
}

describe('Connections → Your store', () => {
  it('is the tab beside Email sending, with its own address', async () => {
    window.location.hash = '#/connections';
    render(<App />);
    await screen.findByTestId('email-sending');
    const tabs = screen.getByRole('navigation', { name: 'Connections pages' });
    expect(within(tabs).getAllByRole('link').map((a) => a.textContent)).toEqual(['Email sending', 'Your store']);
    expect(screen.getByTestId('connections-tab-email').getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByTestId('connections-tab-stores'));
    const page = await screen.findByTestId('stores');
    expect(window.location.hash).toBe('#/connections/stores');
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('Your store');
    expect(screen.getByTestId('connections-tab-stores').getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('email-sending')).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    expect(within(nav).getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByTestId('connections-tab-email'));
    await screen.findByTestId('email-sending');
    expect(window.location.hash).toBe('#/connections');
  });

  it('says what connecting does and offers Shopify and WooCommerce when no store is connected', async () => {
    await openPage();
    const empty = screen.getByTestId('stores-empty');
    const text = empty.textContent ?? '';
    expect(text).toContain('No store connected yet');
    expect(text).toContain('keeps its customers, orders and products up to date by itself, with no exports');
    expect(text).toContain('system keychain');
    expect(within(empty).getAllByRole('button').map((b) => b.textContent)).toEqual(['Shopify', 'WooCommerce']);
    // The demo store is open: the page says the shop will not be mixed with it.
    expect(screen.getByTestId('stores-demo').textContent).toContain('demo store');
    expect(screen.getByTestId('sync-auto').textContent).toContain('every 15 minutes while it is open');
    expect(screen.getByTestId('sync-auto').textContent).toContain('after the computer wakes');
    expect(screen.queryByTestId('store-card')).toBeNull();
    expect(screen.queryByTestId('connect-submit')).toBeNull();
  });

  it('says so when the connections cannot be read, and reads again on Try again', async () => {
    mock.connections.mockRejectedValueOnce({ kind: 'database', message: 'The database could not be read: disk I/O error.' });
    render(<App />);
    const error = await screen.findByTestId('error');
    expect(error.textContent).toContain('Couldn’t read your store connection');
    expect(error.textContent).toContain('The database could not be read: disk I/O error.');
    fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    await screen.findByTestId('stores-empty');
  });
});

describe('connecting a shop', () => {
  it('names each empty Shopify field before asking the core', async () => {
    await openPage();
    fireEvent.click(screen.getByTestId('connect-shopify'));
    expect(screen.getByTestId('connect-shopify').getAttribute('aria-pressed')).toBe('true');
    const shop = screen.getByTestId('shopify-shop') as HTMLInputElement;
    expect(shop.placeholder).toBe('your-shop or your-shop.myshopify.com');
    const token = screen.getByTestId('shopify-token-input') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(screen.getByLabelText('Admin API access token')).toBe(token);
    // Nothing is wrong before the owner has had a go.
    expect(screen.queryByTestId('shopify-shop-error')).toBeNull();

    fireEvent.click(screen.getByTestId('connect-submit'));
    expect(mock.connectShopify).not.toHaveBeenCalled();
    expect(screen.getByTestId('shopify-shop-error').textContent).toContain('shop name');
    expect(screen.getByTestId('shopify-token-error').textContent).toContain('Admin API access token');
    expect(shop.getAttribute('aria-invalid')).toBe('true');
    expect(shop.getAttribute('aria-describedby')).toContain(screen.getByTestId('shopify-shop-error').id);
    expect(document.activeElement).toBe(shop);

    // Spaces are not a shop name; a name clears its message.
    type('shopify-shop', '   ');
    expect(screen.getByTestId('shopify-shop-error')).toBeTruthy();
    type('shopify-shop', 'juniper-oak');
    expect(screen.queryByTestId('shopify-shop-error')).toBeNull();
    fireEvent.click(screen.getByTestId('connect-submit'));
    expect(mock.connectShopify).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(token);
  });

  it('names each empty WooCommerce field before asking the core', async () => {
    await openPage();
    fireEvent.click(screen.getByTestId('connect-woo'));
    expect((screen.getByTestId('woo-url') as HTMLInputElement).placeholder).toContain('https://');
    expect((screen.getByTestId('woo-key') as HTMLInputElement).placeholder).toBe('ck_…');
    expect((screen.getByTestId('woo-secret-input') as HTMLInputElement).type).toBe('password');

    fireEvent.click(screen.getByTestId('connect-submit'));
    expect(mock.connectWoocommerce).not.toHaveBeenCalled();
    expect(screen.getByTestId('woo-url-error').textContent).toContain('shop address');
    expect(screen.getByTestId('woo-key-error').textContent).toContain('consumer key');
    expect(screen.getByTestId('woo-secret-error').textContent).toContain('consumer secret');
    expect(document.activeElement).toBe(screen.getByTestId('woo-url'));
  });

  it('says where the Shopify token and the WooCommerce key come from', async () => {
    await openPage();
    fireEvent.click(screen.getByTestId('connect-shopify'));
    const shopifyHelp = screen.getByTestId('shopify-help').textContent ?? '';
    expect(shopifyHelp).toContain('Settings → Apps and sales channels → Develop apps');
    for (const scope of SHOPIFY_SCOPES) expect(shopifyHelp).toContain(scope);

    fireEvent.click(screen.getByTestId('connect-woo'));
    expect(screen.queryByTestId('shopify-help')).toBeNull();
    const wooHelp = screen.getByTestId('woo-help').textContent ?? '';
    expect(wooHelp).toContain('WooCommerce → Settings → Advanced → REST API');
    expect(wooHelp).toContain('Read');
  });

  it('connects Shopify, shows the shop and the access granted, then its card', async () => {
    const connecting = deferred<Connection>();
    mock.connectShopify.mockReturnValue(connecting.promise);
    const fresh: Connection = { ...SHOPIFY, runs: [], last_sync_at: null, last_status: null };
    await openPage();
    fireEvent.click(screen.getByTestId('connect-shopify'));
    type('shopify-shop', '  juniper-oak ');
    type('shopify-token-input', ' shpat_0123456789abcdef ');
    fireEvent.click(screen.getByTestId('connect-submit'));

    expect(mock.connectShopify).toHaveBeenCalledWith('juniper-oak', 'shpat_0123456789abcdef');
    expect(button('connect-submit').textContent).toBe('Checking with Shopify…');
    expect(button('connect-submit').disabled).toBe(true);
    const statusReads = mock.appStatus.mock.calls.length;

    await act(async () => connecting.resolve(fresh));
    const result = screen.getByTestId('connect-result');
    expect(result.textContent).toContain('Connected to Juniper & Oak Ceramics');
    expect(within(screen.getByTestId('connect-scopes')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(
      SHOPIFY_SCOPES,
    );
    expect(result.textContent).toContain('Sync now');
    expect(screen.queryByTestId('connect-submit')).toBeNull();
    expect(screen.queryByTestId('stores-empty')).toBeNull();

    const card = screen.getByTestId('store-card');
    expect(screen.getByTestId('store-card-name').textContent).toBe('Juniper & Oak Ceramics');
    expect(screen.getByTestId('store-platform').textContent).toBe('Shopify');
    expect(screen.getByTestId('store-address').textContent).toBe('https://juniper-oak.myshopify.com');
    expect(screen.getByTestId('store-key').textContent).toBe('In the system keychain');
    expect(screen.getByTestId('store-last-sync').textContent).toContain('Not synced yet');
    expect(within(card).getByTestId('store-runs-empty').textContent).toContain('No sync has run yet');
    // The window reads the store again: the connect may have named it.
    await waitFor(() => expect(mock.appStatus.mock.calls.length).toBeGreaterThan(statusReads));
  });

  it('connects WooCommerce with its address and key pair', async () => {
    mock.connectWoocommerce.mockResolvedValue(WOO);
    await openPage();
    fireEvent.click(screen.getByTestId('connect-woo'));
    type('woo-url', 'https://fernandfig.example');
    type('woo-key', 'ck_abc123');
    type('woo-secret-input', 'cs_def456');
    fireEvent.click(screen.getByTestId('connect-submit'));

    expect(mock.connectWoocommerce).toHaveBeenCalledWith('https://fernandfig.example', 'ck_abc123', 'cs_def456');
    const result = await screen.findByTestId('connect-result');
    expect(result.textContent).toContain('Connected to Fern & Fig');
    // WooCommerce names no scopes: no list of them.
    expect(screen.queryByTestId('connect-scopes')).toBeNull();
    expect(screen.getByTestId('store-platform').textContent).toBe('WooCommerce');
    expect(screen.getByTestId('store-scopes').textContent).toBe('Not stated by WooCommerce');
    expect(mock.connectShopify).not.toHaveBeenCalled();
  });

  it('shows the core’s message under the form as text, and keeps what was typed', async () => {
    const message =
      'Shopify refused the access token for juniper-oak.myshopify.com (401): check that it is the Admin API access token of an installed custom app.';
    // A network failure is kind "io": still a message under the form, not the whole-window error.
    mock.connectShopify.mockRejectedValue({ kind: 'io', message });
    await openPage();
    fireEvent.click(screen.getByTestId('connect-shopify'));
    type('shopify-shop', 'juniper-oak');
    type('shopify-token-input', 'shpat_wrong');
    fireEvent.click(screen.getByTestId('connect-submit'));

    const error = await screen.findByTestId('connect-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Couldn’t connect to Shopify');
    expect(error.querySelector('pre')?.textContent).toBe(message);
    expect(screen.queryByTestId('blocking-error')).toBeNull();
    expect(screen.queryByTestId('store-card')).toBeNull();
    expect((screen.getByTestId('shopify-shop') as HTMLInputElement).value).toBe('juniper-oak');
    expect(button('connect-submit').textContent).toBe('Test and connect');

    // Cancel closes the form.
    fireEvent.click(screen.getByTestId('connect-cancel'));
    expect(screen.queryByTestId('connect-submit')).toBeNull();
    expect(screen.getByTestId('stores-empty')).toBeTruthy();
  });
});

describe('a connected store', () => {
  it('shows the shop, its key, its access, its last sync and its latest runs', async () => {
    const card = await openWith({ ...SHOPIFY, runs: [FAILED_RUN, FIRST_RUN], last_status: 'failed', last_error: FAILED_RUN.error, last_sync_at: FAILED_RUN.started_at });
    expect(screen.queryByTestId('stores-empty')).toBeNull();
    expect(within(screen.getByTestId('store-scopes')).getAllByRole('listitem')).toHaveLength(4);
    const last = screen.getByTestId('store-last-sync');
    expect(last.getAttribute('data-status')).toBe('failed');
    expect(last.textContent).toContain('Failed');
    expect(last.textContent).toContain('1 hour ago');
    expect(screen.getByTestId('store-last-error').textContent).toBe(FAILED_RUN.error);

    const runs = within(card).getAllByTestId('store-run');
    expect(runs.map((r) => r.getAttribute('data-status'))).toEqual(['failed', 'ok']);
    const first = runs[1] as HTMLElement;
    expect(within(first).getByTestId('run-count-orders').textContent).toBe('Orders 2,931 new · 0 updated · 0 unchanged');
    expect(within(first).getByTestId('run-count-checkouts').textContent).toContain('Abandoned checkouts');
    const warnings = within(first).getByTestId('run-warnings');
    expect(warnings.tagName).toBe('DETAILS');
    expect(warnings.querySelector('summary')?.textContent).toBe('2 warnings');
    expect(within(warnings).getAllByRole('listitem').map((li) => li.textContent)).toEqual(FIRST_RUN.warnings);
    expect(within(runs[0] as HTMLElement).getByTestId('run-error').textContent).toBe(FAILED_RUN.error);
    expect(within(runs[0] as HTMLElement).queryByTestId('run-warnings')).toBeNull();

    expect(screen.getByTestId('sync-auto').textContent).toContain('every 15 minutes while it is open');
  });

  it('reads the cards again now and then, so a background sync shows without reopening the page', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await openWith(SHOPIFY);
      expect(screen.getByTestId('store-last-sync').getAttribute('data-status')).toBe(SHOPIFY.last_status);
      const calls = mock.connections.mock.calls.length;
      mock.connections.mockResolvedValue([{ ...SHOPIFY, last_status: 'failed', last_error: 'Could not reach Shopify.' }]);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000);
      });
      expect(mock.connections.mock.calls.length).toBe(calls + 1);
      await waitFor(() => expect(screen.getByTestId('store-last-sync').getAttribute('data-status')).toBe('failed'));
      expect(screen.getByTestId('store-last-error').textContent).toBe('Could not reach Shopify.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('syncs now with a progress bar, then says what it did and reads the store again', async () => {
    let emit: (p: Progress) => void = () => {};
    const stop = vi.fn();
    mock.onProgress.mockImplementation(async (handler) => {
      emit = handler;
      return stop;
    });
    const syncing = deferred<SyncRun[]>();
    mock.syncNow.mockReturnValue(syncing.promise);
    await openWith(SHOPIFY);
    mock.connections.mockResolvedValue([
      { ...SHOPIFY, runs: [NEXT_RUN, FIRST_RUN], last_sync_at: NEXT_RUN.started_at },
    ]);

    fireEvent.click(screen.getByTestId('sync-now'));
    const progress = await screen.findByTestId('sync-progress');
    // The progress listener is in place before the core is asked.
    await waitFor(() => expect(mock.syncNow).toHaveBeenCalledWith(false));
    expect(mock.onProgress.mock.invocationCallOrder[0]).toBeLessThan(mock.syncNow.mock.invocationCallOrder[0] ?? 0);
    const bar = within(progress).getByRole('progressbar', { name: 'Syncing Juniper & Oak Ceramics' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(screen.getByTestId('sync-status').textContent).toBe('Asking Shopify what changed…');
    for (const id of ['sync-now', 'sync-full', 'store-remove']) expect(button(id).disabled).toBe(true);
    expect(button('sync-now').textContent).toBe('Syncing…');

    act(() => emit({ task: 'sync', done: 250, total: 1000, message: 'Reading orders' }));
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('sync-status').textContent).toContain('Reading orders · 250 of 1,000');

    await act(async () => syncing.resolve([NEXT_RUN]));
    const result = await screen.findByTestId('sync-result');
    expect(result.textContent).toContain('Synced Juniper & Oak Ceramics');
    expect(result.textContent).toContain(
      '1 new product, 38 unchanged; no new customers, 12 unchanged; 412 new orders, 3 updated, 1,203 unchanged; no abandoned checkouts.',
    );
    expect(result.textContent).toContain('1 warning');
    expect(screen.queryByTestId('sync-progress')).toBeNull();
    expect(stop).toHaveBeenCalled();
    for (const id of ['sync-now', 'sync-full', 'store-remove']) expect(button(id).disabled).toBe(false);

    // The card is read again in place, with the new run first.
    await waitFor(() => expect(mock.connections).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getAllByTestId('store-run')).toHaveLength(2));
    expect(screen.getByTestId('sync-result')).toBeTruthy();
  });

  it('asks before syncing everything again, saying it may take a while', async () => {
    mock.syncNow.mockResolvedValue([{ ...NEXT_RUN, full: true }]);
    await openWith(SHOPIFY);
    fireEvent.click(screen.getByTestId('sync-full'));
    expect(mock.syncNow).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Confirm syncing everything again' });
    expect(confirm.textContent).toContain('may take a while');
    expect(document.activeElement).toBe(screen.getByTestId('sync-full-confirm'));

    // Escape steps back.
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByTestId('sync-full-confirm')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('sync-full'));

    fireEvent.click(screen.getByTestId('sync-full'));
    fireEvent.click(screen.getByTestId('sync-full-confirm'));
    await waitFor(() => expect(mock.syncNow).toHaveBeenCalledWith(true));
    expect((await screen.findByTestId('sync-result')).textContent).toContain('Read everything from Juniper & Oak Ceramics again');
  });

  it('says why a sync stopped, as the core wrote it, and reads the store again', async () => {
    const message = 'Shopify did not answer within 60 seconds (https://juniper-oak.myshopify.com). Check the connection; the next sync goes on from here.';
    mock.syncNow.mockRejectedValue({ kind: 'io', message });
    await openWith(SHOPIFY);
    fireEvent.click(screen.getByTestId('sync-now'));
    const error = await screen.findByTestId('sync-error');
    expect(error.querySelector('pre')?.textContent).toBe(message);
    expect(error.textContent).toContain('What was read before it stopped is kept');
    expect(screen.queryByTestId('blocking-error')).toBeNull();
    expect(screen.queryByTestId('sync-result')).toBeNull();
    await waitFor(() => expect(mock.connections).toHaveBeenCalledTimes(2));
  });

  it('removes the store only after a confirm that says the data stays and the key goes', async () => {
    mock.removeConnection.mockResolvedValue([]);
    await openWith(SHOPIFY);
    fireEvent.click(screen.getByTestId('store-remove'));
    const confirm = screen.getByRole('group', { name: 'Confirm removing this store' });
    expect(confirm.textContent).toContain('already synced stay in Storeloop');
    expect(confirm.textContent).toContain('deletes its key from the system keychain');
    expect(mock.removeConnection).not.toHaveBeenCalled();

    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('store-remove-confirm')).toBeNull();
    expect(mock.removeConnection).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('store-remove'));
    fireEvent.click(screen.getByTestId('store-remove-confirm'));
    expect(mock.removeConnection).toHaveBeenCalledWith('shopify');
    await screen.findByTestId('stores-empty');
    expect(screen.queryByTestId('store-card')).toBeNull();
    expect(screen.getByTestId('toast').textContent).toContain('Removed the connection to Juniper & Oak Ceramics');
  });

  it('keeps the card and shows why when removing fails', async () => {
    const message = 'The keychain refused to delete the key: no Secret Service is running (org.freedesktop.secrets).';
    mock.removeConnection.mockRejectedValue({ kind: 'io', message });
    await openWith(SHOPIFY);
    fireEvent.click(screen.getByTestId('store-remove'));
    fireEvent.click(screen.getByTestId('store-remove-confirm'));
    expect((await screen.findByTestId('store-remove-error')).textContent).toBe(message);
    expect(screen.getByTestId('store-card')).toBeTruthy();
    expect(screen.queryByTestId('blocking-error')).toBeNull();
  });

  it('says when the key is missing, and connects the same shop again', async () => {
    mock.connectShopify.mockResolvedValue(SHOPIFY);
    await openWith({ ...SHOPIFY, key_saved: false });
    expect(screen.getByTestId('store-key').textContent).toContain('Key missing: connect again');
    expect(button('sync-now').disabled).toBe(true);
    expect(button('sync-full').disabled).toBe(true);

    fireEvent.click(screen.getByTestId('store-reconnect'));
    expect((screen.getByTestId('shopify-shop') as HTMLInputElement).value).toBe('https://juniper-oak.myshopify.com');
    type('shopify-token-input', 'shpat_new');
    fireEvent.click(screen.getByTestId('connect-submit'));
    expect(mock.connectShopify).toHaveBeenCalledWith('https://juniper-oak.myshopify.com', 'shpat_new');
    await screen.findByTestId('connect-result');
    expect(screen.getAllByTestId('store-card')).toHaveLength(1);
    expect(screen.getByTestId('store-key').textContent).toBe('In the system keychain');
    expect(button('sync-now').disabled).toBe(false);
  });

  it('shows markup in the shop’s name, its errors and warnings as inert text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const run: SyncRun = { ...FAILED_RUN, error: `Shopify said ${evil}`, warnings: [`Product ${evil} has no SKU.`] };
    const named: Connection = {
      ...SHOPIFY,
      shop_name: evil,
      scopes: [evil],
      last_status: 'failed',
      last_error: `Shopify said ${evil}`,
      runs: [run],
    };
    mock.connectShopify.mockResolvedValue(named);
    await openPage();
    fireEvent.click(screen.getByTestId('connect-shopify'));
    type('shopify-shop', 'juniper-oak');
    type('shopify-token-input', 'shpat_x');
    fireEvent.click(screen.getByTestId('connect-submit'));

    const page = screen.getByTestId('stores');
    expect((await screen.findByTestId('connect-result')).textContent).toContain(`Connected to ${evil}`);
    expect(screen.getByTestId('store-card-name').textContent).toBe(evil);
    expect(screen.getByTestId('store-last-error').textContent).toBe(`Shopify said ${evil}`);
    expect(screen.getByTestId('run-warnings').textContent).toContain(`Product ${evil} has no SKU.`);
    expect(page.querySelector('img')).toBeNull();
    expect(page.innerHTML).not.toContain('<img');
    expect(page.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
