// End-to-end: the copy studio on the demo store, with no AI provider and no key configured (the
// built-in generator runs on this computer). Generate ten subject lines for the abandoned-cart
// playbook's product, see which fail which rule, approve three, start a test of two on the cart
// reminder — and copy that tries to run script shows as plain text. The command line then sees
// the same approvals and the flow's new version.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

const setValue = (app, css, value) =>
  app.exec(
    `const el = document.querySelector(arguments[0]);
     const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
       : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));`,
    [css, value],
  );

const count = (app, css) => app.exec(`return document.querySelectorAll(arguments[0]).length`, [css]);

/** Edits the variant with id `id` in the queue to `text`. */
async function editTo(app, id, text) {
  const v = `[data-testid="copy-variant"][data-id="${id}"]`;
  await app.click(await app.find(`${v} [data-testid="copy-edit"]`, 5_000));
  await app.find(`${v} [data-testid="copy-edit-text"]`, 5_000);
  await setValue(app, `${v} [data-testid="copy-edit-text"]`, text);
  await app.click(await app.find(`${v} [data-testid="copy-edit-save"]`, 5_000));
  for (let i = 0; i < 50; i++) {
    const shown = await app.exec(
      `const e = document.querySelector(arguments[0]); return e ? e.textContent : null;`,
      [`${v} [data-testid="copy-variant-text"]`],
    );
    if (shown === text) return;
    await sleep(100);
  }
  throw new Error(`variant ${id} was not saved as ${text}`);
}

test('Copy: generate ten, see the failing rules, approve three, test two — offline', async () => {
  const dirs = freshDirs('copy');
  const app = await launch(dirs, 4478);
  let ids = [];
  let rules = [];
  let pwned = null;
  let scriptShown = false;
  let done = false;
  try {
    await app.find('[data-testid="home-ready"]');
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 1000).catch(() => {});
    await app.exec('location.hash = "#/copy"');
    await app.find('[data-testid="copy"]', 15_000);
    await setValue(app, '[data-testid="copy-sku"]', 'FH-SEN-050');
    await setValue(app, '[data-testid="copy-kind"]', 'subject');
    await setValue(app, '[data-testid="copy-count"]', '10');
    await setValue(app, '[data-testid="copy-by"]', 'E2E Owner');
    await app.click(await app.find('[data-testid="copy-generate"]', 5_000));
    for (let i = 0; i < 100 && (await count(app, '[data-testid="copy-variant"]')) < 10; i++) await sleep(100);
    ids = await app.exec(
      'return Array.from(document.querySelectorAll(\'[data-testid="copy-variant"]\')).map((e) => e.getAttribute("data-id"))',
      [],
    );
    assert.equal(ids.length, 10, `ten variants in the queue, got ${ids.length}`);

    // Two are edited: one breaks rules, one tries to run script.
    await editTo(app, ids[8], '40% off the BEST sencha!!!');
    rules = await app.exec(
      `return Array.from(document.querySelectorAll('[data-testid="copy-variant"][data-id="${ids[8]}"] [data-testid="copy-finding"]')).map((e) => e.getAttribute('data-rule'))`,
      [],
    );
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await editTo(app, ids[9], evil);
    await sleep(500);
    pwned = await app.exec('return window.__pwned ?? null', []);
    scriptShown = await app.exec(
      `return document.querySelector('[data-testid="copy-variant"][data-id="${ids[9]}"] [data-testid="copy-variant-text"]').textContent.includes('<script>')`,
      [],
    );
    await app.screenshot(join(SHOTS, 'copy-queue.png'));

    // Approve three that pass.
    for (const id of ids.slice(0, 3)) {
      await app.click(await app.find(`[data-testid="copy-variant"][data-id="${id}"] [data-testid="copy-approve"]`, 5_000));
      for (let i = 0; i < 50; i++) {
        const state = await app.exec(
          `const e = document.querySelector('[data-testid="copy-variant"][data-id="${id}"]'); return e ? e.getAttribute('data-state') : 'gone';`,
          [],
        );
        if (state !== 'review') break;
        await sleep(100);
      }
    }
    // A test of two on the cart reminder.
    await app.click(await app.find('[data-testid="copy-tab-approved"]', 5_000));
    await app.find(`[data-testid="copy-variant"][data-id="${ids[0]}"] [data-testid="copy-select"]`, 10_000);
    for (const id of ids.slice(0, 2)) {
      await app.click(await app.find(`[data-testid="copy-variant"][data-id="${id}"] [data-testid="copy-select"]`, 5_000));
    }
    await setValue(app, '[data-testid="copy-test-flow"]', 'abandoned-cart');
    await sleep(500);
    await setValue(app, '[data-testid="copy-test-node"]', 'reminder');
    await app.click(await app.find('[data-testid="copy-test-start"]', 5_000));
    await app.find('[data-testid="copy-test-done"]', 15_000);
    done = true;
    await app.screenshot(join(SHOTS, 'copy-test.png'));
  } finally {
    await app.close();
  }
  assert.equal(pwned, null, 'copy ran as script in the window');
  assert.ok(scriptShown, 'the <script> text is shown as text');
  for (const r of ['discount', 'claim', 'spam']) assert.ok(rules.includes(r), `${r} not among ${rules}`);
  assert.ok(done, 'the test did not start');
  const approved = cliJson(dirs, 'copy', 'list', '--state', 'approved');
  assert.deepEqual(approved.map((v) => String(v.id)).sort(), ids.slice(0, 3).sort());
  assert.ok(approved.every((v) => v.sendable));
  const flow = cliJson(dirs, 'flows', 'show', 'abandoned-cart');
  const reminder = flow.nodes.find((n) => n.id === 'reminder');
  assert.deepEqual(reminder.variants.sort(), ids.slice(0, 2).map((id) => `copy:${id}`).sort());
  const history = cliJson(dirs, 'copy', 'history', ids[0]);
  assert.deepEqual(
    history.map((h) => [h.action, h.by]),
    [
      ['generated', 'E2E Owner'],
      ['approved', 'E2E Owner'],
      ['tested', 'E2E Owner'],
    ],
  );
});
