// End-to-end: the owner sends a test email from Connections through the local outbox, and the
// message ledger on screen shows it sent — the same ledger `storeloop outbox list` reads, and
// the .eml file is where the screen says. Then Flows lists the demo store's four playbooks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

test('Connections: a test email goes to the outbox and the ledger shows it', async () => {
  const dirs = freshDirs('sending');
  const app = await launch(dirs, 4474);
  let outcome = '';
  let flows = 0;
  try {
    await app.find('[data-testid="home-ready"]');
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 1000).catch(() => {});
    await app.click(await app.find('nav a[href="#/connections"]', 5_000));
    await app.find('[data-testid="ledger-empty"]', 10_000);
    await app.find('[data-testid="sending-save"]', 10_000); // the saved settings have loaded
    const to = await app.find('[data-testid="test-to"]', 5_000);
    await app.type(to, 'owner@example.com');
    await app.click(await app.find('[data-testid="test-send-run"]', 5_000));
    await app.find('[data-testid="send-result"]', 15_000);
    await app.find('[data-testid="ledger-row"]', 10_000);
    outcome = await app.exec('return document.querySelector(\'[data-testid="send-result"]\').textContent', []);
    await sleep(500);
    await app.screenshot(join(SHOTS, 'sending.png'));
    await app.exec('document.querySelector(\'[data-testid="preview"]\')?.scrollIntoView()');
    await sleep(700);
    await app.screenshot(join(SHOTS, 'sending-preview.png'));
    // The demo store's playbooks are listed under Flows, as drafts.
    await app.click(await app.find('nav a[href="#/flows"]', 5_000));
    await app.find('[data-testid="flow-row"]', 10_000);
    flows = await app.exec('return document.querySelectorAll(\'[data-testid="flow-row"]\').length', []);
    await sleep(400);
    await app.screenshot(join(SHOTS, 'flows.png'));
  } finally {
    await app.close();
  }
  assert.match(outcome, /outbox/i, outcome);
  assert.equal(flows, 4);
  const ledger = cliJson(dirs, 'outbox', 'list');
  assert.equal(ledger.length, 1);
  assert.equal(ledger[0].state, 'sent');
  assert.equal(ledger[0].to, 'owner@example.com');
  assert.ok(existsSync(ledger[0].provider_message_id), ledger[0].provider_message_id);
  const eml = readFileSync(ledger[0].provider_message_id, 'utf8');
  assert.match(eml, /^To: owner@example.com/m);
  assert.match(eml, /utm_medium=3Demail/);
});
