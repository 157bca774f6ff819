// End-to-end: from the demo store, the owner connects a WooCommerce shop (the fake store in
// tests/platforms, serving the REST API docs' payloads) on Connections → Your store, syncs it,
// and sees what arrived — the same run `storeloop connections` reports from the same folder.
// The key goes to a real Secret Service (GNOME Keyring, started here on the test's D-Bus
// session) and is in no file of the data folder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });
const SECRET = 'cs_e2e_kettle_secret';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function fakeStore(port) {
  const child = spawn('python3', [join(ROOT, 'tests/platforms/fake_store.py'), '--port', String(port), '--orders', '640', '--products', '24', '--customers', '150', '--key', 'ck_e2e', '--secret', SECRET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  await new Promise((resolve, reject) => {
    lines.once('line', (l) => (l.trim() === 'ready' ? resolve() : reject(new Error(l))));
    child.once('exit', (code) => reject(new Error(`the fake store stopped (${code})`)));
  });
  return child;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('Connections: a WooCommerce shop replaces the demo store, syncs, and the screen shows what arrived', async () => {
  // A fresh, unlocked keyring on this session bus (the app and the CLI both use it).
  const keyring = mkdtempSync(join(tmpdir(), 'storeloop-e2e-keyring-'));
  execFileSync('sh', ['-c', 'printf storeloop | gnome-keyring-daemon --unlock --components=secrets >/dev/null'], {
    env: { ...process.env, XDG_DATA_HOME: keyring },
  });
  const port = await freePort();
  const store = await fakeStore(port);
  const dirs = freshDirs('stores');
  const app = await launch(dirs, 4484);
  let summary = '';
  let cardName = '';
  try {
    await app.find('[data-testid="home-ready"]');
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 1000).catch(() => {});
    await app.click(await app.find('nav a[href="#/connections"]', 5_000));
    await app.click(await app.find('[data-testid="connections-tab-stores"]', 10_000));
    await app.find('[data-testid="stores-empty"]', 10_000);
    await app.find('[data-testid="stores-demo"]', 5_000);
    await sleep(400);
    await app.screenshot(join(SHOTS, 'stores-empty.png'));
    await app.click(await app.find('[data-testid="connect-woo"]', 5_000));
    await app.type(await app.find('[data-testid="woo-url"]', 5_000), `http://127.0.0.1:${port}`);
    await app.type(await app.find('[data-testid="woo-key"]', 5_000), 'ck_e2e');
    await app.type(await app.find('[data-testid="woo-secret-input"]', 5_000), SECRET);
    await sleep(300);
    await app.screenshot(join(SHOTS, 'stores-form.png'));
    await app.click(await app.find('[data-testid="connect-submit"]', 5_000));
    await app.find('[data-testid="store-card"]', 30_000);
    cardName = await app.exec('return document.querySelector(\'[data-testid="store-card-name"]\').textContent', []);
    await app.click(await app.find('[data-testid="sync-now"]', 5_000));
    await app.find('[data-testid="sync-result"]', 60_000);
    summary = await app.exec('return document.querySelector(\'[data-testid="sync-result"]\').textContent', []);
    await app.find('[data-testid="store-run"]', 10_000);
    await sleep(600);
    await app.screenshot(join(SHOTS, 'stores-synced.png'));
  } finally {
    await app.close();
    store.kill();
  }
  assert.match(cardName, /Fernhill Test Shop/);
  const conns = cliJson(dirs, 'connections');
  assert.equal(conns.length, 1);
  assert.equal(conns[0].platform, 'woocommerce');
  assert.equal(conns[0].key_saved, true);
  assert.equal(conns[0].last_status, 'ok');
  const orders = conns[0].runs[0].counts.find((c) => c.resource === 'orders');
  assert.equal(orders.inserted, 640);
  assert.match(summary.replace(/,/g, ''), /640 new orders/, summary);
  // The demo store is gone: the store is the shop's.
  const stats = cliJson(dirs, 'stats');
  assert.equal(stats.store.source, 'woocommerce');
  assert.equal(stats.store.name, 'Fernhill Test Shop');
  for (const f of filesUnder(dirs.data)) {
    assert.ok(!readFileSync(f).includes(SECRET), `the secret is in ${f}`);
  }
});
