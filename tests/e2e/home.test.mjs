// End-to-end: the real app, driven through WebDriver under Xvfb, on fresh data folders.
// 1. First launch creates the demo store and Home shows exactly what `storeloop stats` computes.
// 2. A damaged database and a data folder held by another Storeloop give a full-window
//    explanation naming the file, and nothing is overwritten.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

test('first launch shows the demo store, and Home equals `storeloop stats`', async () => {
  const dirs = freshDirs('home');
  const app = await launch(dirs, 4444);
  const shown = {};
  try {
    await app.find('[data-testid="home-ready"]');
    for (const id of ['customers', 'orders', 'revenue', 'repeat-rate', 'aov', 'discount-rate', 'return-rate']) {
      const el = await app.find(`[data-testid="kpi-${id}"]`, 5_000);
      shown[id] = await app.attr(el, 'data-value');
      assert.ok((await app.text(el)).trim().length > 0, `kpi-${id} shows no text`);
    }
    await app.find('[data-testid="store-name"]', 5_000);
    // (WebKit's WebDriver reports no text for this element; read the DOM instead.)
    const name = await app.exec('return document.querySelector(arguments[0]).textContent', ['[data-testid="store-name"]']);
    assert.equal(name.trim(), 'Fernhill Tea Co.');
    await app.find('[data-testid="revenue-chart"]', 5_000);
    // Dismiss the "demo store is ready" toast so the picture shows the chart.
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 960).catch(() => {}); // tall enough for the chart, where the display allows
    await sleep(600); // let the layout and the chart's first paint settle before the picture
    await app.screenshot(join(SHOTS, 'home.png'));
    if (process.env.UPDATE_SCREENSHOT) copyFileSync(join(SHOTS, 'home.png'), join(ROOT, 'docs', 'screenshot.png'));

    // The data audit, run from its screen.
    await app.click(await app.find('nav a[href="#/data"]', 5_000));
    await app.click(await app.find('[data-testid="audit-run"]', 10_000));
    const consent = await app.find('[data-testid="finding-unknown_consent"]', 30_000);
    shown.unknownConsent = await app.attr(consent, 'data-count');
    await sleep(400);
    await app.screenshot(join(SHOTS, 'audit.png'));
  } finally {
    await app.close();
  }

  // The app has closed and released the folder; the CLI reads the same database.
  const stats = cliJson(dirs, 'stats');
  assert.equal(Number(shown.customers), stats.customers);
  assert.equal(Number(shown.orders), stats.orders);
  assert.equal(Number(shown.revenue), stats.revenue.minor);
  assert.equal(Number(shown.aov), stats.average_order_value.minor);
  assert.equal(Number(shown['repeat-rate']), stats.repeat_purchase_rate);
  assert.equal(Number(shown['discount-rate']), stats.discount_rate);
  assert.equal(Number(shown['return-rate']), stats.return_rate);
  assert.equal(stats.customers, 5000);
  const audit = cliJson(dirs, 'audit');
  const consent = audit.findings.find((f) => f.code === 'unknown_consent');
  assert.ok(consent.count > 0);
  assert.equal(Number(shown.unknownConsent), consent.count);
  assert.ok(stats.orders > 10_000, `only ${stats.orders} orders`);
});

test('a damaged database is explained by name and left untouched', async () => {
  const dirs = freshDirs('corrupt');
  const db = join(dirs.data, 'storeloop.db');
  const junk = Buffer.from('not a database at all, just a grocery list: sencha, oolong, more sencha\n'.repeat(200));
  writeFileSync(db, junk);
  const app = await launch(dirs, 4454);
  try {
    const panel = await app.find('[data-testid="blocking-error"]', 30_000);
    assert.equal(await app.attr(panel, 'data-kind'), 'corrupt');
    const message = await app.text(await app.find('[data-testid="error-message"]', 5_000));
    assert.match(message, /storeloop\.db/);
    assert.match(message, /left exactly as it is/);
    await app.screenshot(join(SHOTS, 'corrupt.png'));
  } finally {
    await app.close();
  }
  assert.ok(readFileSync(db).equals(junk), 'the damaged file was changed');
});

test('a data folder held by another Storeloop is explained, not shared', async () => {
  const dirs = freshDirs('locked');
  // Another Storeloop (the CLI's lock is the same flock) holds the folder: a tiny Python
  // process takes the same lock and keeps it until we end it.
  openSync(join(dirs.data, 'storeloop.lock'), 'a');
  const holder = spawn('python3', ['-c', `
import fcntl, sys, time
f = open(sys.argv[1], 'a')
fcntl.flock(f, fcntl.LOCK_EX)
print('held', flush=True)
time.sleep(120)
`, join(dirs.data, 'storeloop.lock')], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => holder.stdout.once('data', ok));
  const app = await launch(dirs, 4464);
  try {
    const panel = await app.find('[data-testid="blocking-error"]', 30_000);
    assert.equal(await app.attr(panel, 'data-kind'), 'locked');
    const message = await app.text(await app.find('[data-testid="error-message"]', 5_000));
    assert.match(message, /storeloop\.lock/);
    // Once the other Storeloop lets go, "Try again" opens the store.
    holder.kill('SIGTERM');
    await sleep(300);
    await app.click(await app.find('[data-testid="blocking-error"] button', 5_000));
    await app.find('[data-testid="home-ready"]', 60_000);
  } finally {
    holder.kill('SIGKILL');
    await app.close();
  }
});

test('importing a real Shopify export replaces the demo store, and a second import changes nothing', async () => {
  const dirs = freshDirs('import');
  const file = join(ROOT, 'crates/storeloop-core/tests/data/shopify_orders_export.devstore-2025-12.redacted.csv');
  const app = await launch(dirs, 4474);
  try {
    await app.find('[data-testid="home-ready"]');
    await app.click(await app.find('nav a[href="#/data"]', 5_000));
    const input = await app.find('[data-testid="import-path"]', 10_000);
    await app.type(input, file);
    await app.click(await app.find('[data-testid="import-run"]', 5_000));
    await app.click(await app.find('[data-testid="import-confirm"]', 5_000));
    const summary = await app.find('[data-testid="import-summary"]', 30_000);
    assert.equal(await app.attr(summary, 'data-inserted'), '4');
    assert.equal(await app.attr(summary, 'data-rejected'), '0');
    // The top bar no longer says "Demo store".
    const badge = await app.exec('return document.querySelector(\'[data-testid="demo-badge"]\') === null');
    assert.equal(badge, true);
    await sleep(400);
    await app.screenshot(join(SHOTS, 'import.png'));
    // Again: nothing new.
    await app.click(await app.find('[data-testid="import-run"]', 5_000));
    await app.find('[data-testid="import-summary"][data-inserted="0"]', 30_000);

    // A privacy request: what we hold about the buyer, then erase them.
    await app.click(await app.find('nav a[href="#/customers"]', 5_000));
    // The "demo store is ready" toast (it leaves after 6 s) may still cover the card's buttons.
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.type(await app.find('[data-testid="privacy-email"]', 10_000), 'customer@example.com');
    await app.click(await app.find('[data-testid="privacy-export"]', 5_000));
    const exported = await app.find('[data-testid="privacy-exported"]', 10_000);
    assert.equal(await app.attr(exported, 'data-orders'), '3');
    await app.click(await app.find('[data-testid="privacy-forget"]', 5_000));
    await app.click(await app.find('[data-testid="privacy-forget-confirm"]', 5_000));
    const forgotten = await app.find('[data-testid="privacy-forgotten"]', 10_000);
    assert.equal(await app.attr(forgotten, 'data-orders-kept'), '3');
    await sleep(300);
    await app.screenshot(join(SHOTS, 'privacy.png'));
  } finally {
    await app.close();
  }
  const stats = cliJson(dirs, 'stats');
  assert.equal(stats.orders, 4);
  assert.equal(stats.gross_item_revenue.minor, 3_488_200);
  assert.equal(stats.store.source, 'import');
  assert.equal(stats.customers, 2, 'the erased customer stays, anonymous');
});
