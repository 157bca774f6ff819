// End-to-end: scoring customers in the real app. The owner opens Customers on the demo store,
// scores, sees the groups, opens a customer, and checks Model health; every figure shown is the
// core's own (the group sizes equal `storeloop segments` on the same database afterwards).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

const textOf = (app, css) => app.exec('return document.querySelector(arguments[0])?.textContent ?? ""', [css]);

test('Customers: score, see the groups, open a customer, and check model health', async () => {
  const dirs = freshDirs('customers');
  const app = await launch(dirs, 4464);
  const shown = {};
  try {
    await app.find('[data-testid="home-ready"]');
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 1000).catch(() => {});
    await app.click(await app.find('nav a[href="#/customers"]', 5_000));
    // Never scored: the empty state says what scoring does and offers to do it.
    await app.find('[data-testid="score-empty"]', 10_000);
    await app.click(await app.find('[data-testid="score-run"]', 5_000));
    await app.find('[data-testid="segments"]', 60_000);
    for (const id of ['a', 'b', 'c', 'other']) {
      const count = await app.find(`[data-testid="segment-${id}"] [data-testid="segment-count"]`, 5_000);
      shown[id] = Number(await app.attr(count, 'data-value'));
    }
    await app.find('[data-testid="histogram-churn_risk"]', 5_000);
    await app.find('[data-testid="customer-row"]', 10_000);
    await sleep(600);
    await app.screenshot(join(SHOTS, 'customers.png'));

    // The first customer in the list: their page has reasons in words.
    await app.click(await app.find('[data-testid="customer-row"] a', 5_000));
    await app.find('[data-testid="customer-page"]', 10_000);
    const reasons = await textOf(app, '[data-testid="customer-reasons"]');
    assert.ok(reasons.trim().length > 20, `reasons: ${reasons}`);
    shown.customerName = (await textOf(app, '[data-testid="customer-name"]')).trim();
    await sleep(400);
    await app.screenshot(join(SHOTS, 'customer.png'));
    await app.exec('document.querySelector(\'[data-testid="customer-reasons"]\').scrollIntoView()');
    await sleep(300);
    await app.screenshot(join(SHOTS, 'customer-why.png'));

    // Model health under Data: the first scoring ran the monthly check.
    await app.click(await app.find('nav a[href="#/data"]', 5_000));
    await app.click(await app.find('[data-testid="data-tab-health"]', 5_000));
    await app.find('[data-testid="holdout-chart"]', 10_000);
    shown.healthMessage = (await textOf(app, '[data-testid="health-message"]')).trim();
    await sleep(400);
    await app.screenshot(join(SHOTS, 'health.png'));
  } finally {
    await app.close();
  }

  const segments = cliJson(dirs, 'segments');
  for (const id of ['a', 'b', 'c', 'other']) {
    const s = segments.find((x) => x.id === id);
    assert.equal(shown[id], s.customers, `group ${id}: window ${shown[id]}, core ${s.customers}`);
  }
  assert.equal(shown.a + shown.b + shown.c + shown.other, 5000);
  assert.ok(shown.customerName.length > 0);
  assert.match(shown.healthMessage, /orders in the last 13 weeks/);
});
