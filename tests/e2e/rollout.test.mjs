// End-to-end: a newcomer on the demo store walks the 14-day rollout in the real window, from
// day 1 to an abandoned-cart flow live for 20% of customers with a holdout — using the wizard's
// own screens. The days pass through an injected clock (STORELOOP_CLOCK_OFFSET_FILE: the app's
// clock is the system's plus the file's seconds), not by sleeping. Every tick on screen is
// compared with what `storeloop rollout --json` and `storeloop checklist --json` verify from the
// same folder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });
const DAY = 86_400;

test('Rollout: day 1 to a cart flow live at 20% with a holdout, every step verified', async () => {
  const dirs = freshDirs('rollout');
  const clockFile = join(dirs.base, 'clock-offset');
  writeFileSync(clockFile, '0');
  // The app and the CLI read the same clock.
  process.env.STORELOOP_CLOCK_OFFSET_FILE = clockFile;
  const setDay = (day) => writeFileSync(clockFile, String((day - 1) * DAY));
  const app = await launch(dirs, 4485);
  const stepState = (key) =>
    app.exec(`return document.querySelector('[data-testid="rollout-step-${key}"]')?.getAttribute('data-state') ?? null`, []);
  const openRollout = async () => {
    await app.exec('location.hash = "#/home/rollout"');
    await app.find('[data-testid="rollout-summary"]', 15_000);
    await sleep(300);
  };
  const waitState = async (key, want) => {
    const until = Date.now() + 15_000;
    let got;
    while (Date.now() < until) {
      got = await stepState(key);
      if (got === want) return;
      await app.click(await app.find('[data-testid="rollout-refresh"]', 5_000)).catch(() => {});
      await sleep(500);
    }
    throw new Error(`step ${key} is ${got}, not ${want}`);
  };
  // A click through the page's own handler (for buttons a sticky bar may cover mid-scroll).
  const press = async (css) => {
    await app.find(css, 10_000);
    await app.exec(`const b = document.querySelector('${css.replace(/'/g, "\\'")}'); b.scrollIntoView({ block: 'center' }); b.click();`);
  };
  // Presses a button until what it should bring appears (a press on a button that a page still
  // loading has disabled does nothing), then returns that element.
  const pressUntil = async (button, shows, failed, ms = 90_000) => {
    const until = Date.now() + ms;
    for (;;) {
      await press(button);
      try {
        return await app.find(shows, 10_000);
      } catch (e) {
        if (Date.now() > until) throw e;
        const error = failed ? await app.exec(`return document.querySelector('${failed}')?.textContent ?? null`, []) : null;
        if (error) throw new Error(`${button} failed: ${error}`);
      }
    }
  };
  // Fills a field as typing would (React sees an input event), through the page itself.
  const fill = (css, value) =>
    app.exec(
      `const e = document.querySelector(arguments[0]);
       const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
       Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, arguments[1]);
       e.dispatchEvent(new Event('input', { bubbles: true }));`,
      [css, value],
    );
  // Fills the fields and presses the button until what it should bring appears: a card that
  // reloads (after a dry run, a tick) may have cleared what was typed.
  const fillAndPress = async (fields, button, shows, failed) => {
    const until = Date.now() + 60_000;
    for (;;) {
      for (const [css, value] of fields) {
        await app.find(css, 10_000);
        await fill(css, value);
      }
      await sleep(200);
      await press(button);
      try {
        return await app.find(shows, 8_000);
      } catch (e) {
        if (Date.now() > until) throw e;
        const error = failed ? await app.exec(`return document.querySelector('${failed}')?.textContent ?? null`, []) : null;
        if (error) throw new Error(`${button} failed: ${error}`);
      }
    }
  };
  // Follows the wizard's own "Go there" link of a step's check (the owner never types an
  // address: every place the rollout needs is linked from it).
  const goFrom = async (step, label) => {
    await openRollout();
    const went = await app.exec(
      `const checks = [...document.querySelectorAll('[data-testid="rollout-step-' + arguments[0] + '"] [data-testid="rollout-check"]')];
       const c = checks.find((e) => e.textContent.includes(arguments[1]));
       const go = c && c.querySelector('[data-testid="rollout-check-go"]');
       if (!go) return false;
       go.scrollIntoView({ block: 'center' }); go.click(); return true;`,
      [step, label],
    );
    assert.ok(went, `no link from step ${step} "${label}"`);
    await sleep(300);
  };
  let evidenceShown = 0;
  let checks = 0;
  try {
    await app.find('[data-testid="home-ready"]', 120_000);
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 1000).catch(() => {});

    // Home says how to begin; the Rollout panel sits above the other areas.
    await app.find('[data-testid="home-rollout"]', 15_000);
    await app.exec('location.hash = "#/customers"');
    await app.find('[data-testid="rollout-banner"]', 15_000);
    await sleep(400);
    await app.screenshot(join(SHOTS, 'rollout-banner.png'));
    await app.click(await app.find('[data-testid="rollout-banner-open"]', 5_000));
    await pressUntil('[data-testid="rollout-start"]', '[data-testid="rollout-summary"]', '[data-testid="rollout-error"]');
    assert.equal(await stepState('choose'), 'today');

    // Day 1: the mapping exercise, with the store's own numbers; saving it makes the draft flow.
    await goFrom('choose', 'revenue moments mapped');
    await app.find('[data-testid="mapping-form"]', 30_000);
    await app.find('[data-testid="moment-first_purchase"]', 5_000);
    await sleep(400);
    await app.screenshot(join(SHOTS, 'rollout-mapping.png'));
    await press('[data-testid="ai-candidate-first_purchase"]');
    await app.exec(`const s = document.querySelector('[data-testid="map-playbook"]');
      const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
      set.call(s, 'abandoned-cart'); s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await pressUntil('[data-testid="map-save"]', '[data-testid="map-saved"]', '[data-testid="map-error"]');
    await openRollout();
    await waitState('choose', 'done');

    // Day 3: scores and the data audit; each finding is read and acknowledged.
    setDay(3);
    await goFrom('audit', 'Customers scored');
    await pressUntil('[data-testid="score-run"]', '[data-testid="segments"]', '[data-testid="score-error"]');
    await goFrom('audit', 'data audit passes');
    await pressUntil('[data-testid="audit-run"]', '[data-testid^="finding-"]');
    await sleep(500);
    const codes = await app.exec(
      `return [...document.querySelectorAll('[data-testid^="ack-"]')]
        .map((e) => e.getAttribute('data-testid'))
        .filter((t) => /^ack-[a-z_]+$/.test(t) && !t.startsWith('ack-by-') && !t.startsWith('ack-note-') && !t.startsWith('ack-done-') && !t.startsWith('ack-error-'))
        .map((t) => t.slice(4))`,
      [],
    );
    for (const code of codes) {
      await fillAndPress(
        [
          [`[data-testid="ack-by-${code}"]`, 'Sam Owner'],
          [`[data-testid="ack-note-${code}"]`, 'Demo data: known and accepted'],
        ],
        `[data-testid="ack-${code}"]`,
        `[data-testid="ack-done-${code}"]`,
        `[data-testid="ack-error-${code}"]`,
      );
    }
    await sleep(300);
    await app.screenshot(join(SHOTS, 'rollout-audit.png'));
    await openRollout();
    await waitState('audit', 'done');

    // Days 5–6: the guardrails saved, and who approves named.
    setDay(5);
    await goFrom('guardrails', 'Discount limits');
    await app.find('[data-testid="guard-save"]', 15_000);
    await sleep(500);
    await press('[data-testid="guard-save"]');
    await sleep(1_000);
    await openRollout();
    await fillAndPress([['[data-testid="approver-name"]', 'Sam Owner']], '[data-testid="approver-save"]', '[data-testid="approver-saved"]', '[data-testid="approver-error"]');
    await waitState('guardrails', 'done');

    // Days 7–9: the flow (three groups from the playbook) dry-run, its risks read.
    setDay(7);
    await goFrom('build', 'A dry run of this version');
    await app.find('[data-testid="flow-node"]', 15_000);
    await sleep(500);
    await pressUntil('[data-testid="dry-run-run"]', '[data-testid="dry-run-report"]', '[data-testid="dry-run-error"]');
    await fillAndPress([['[data-testid="risks-by"]', 'Sam Owner']], '[data-testid="risks-ack"]', '[data-testid="risks-acknowledged"]', '[data-testid="risks-error"]');
    await openRollout();
    await waitState('build', 'done');

    // Days 10–11: measurement — holdout, UTM tags and the daily watch, all from the map.
    setDay(10);
    await openRollout();
    await waitState('measure', 'done');

    // Days 12–13: QA in the wizard — a test customer, the edge cases, test emails to the owner,
    // each email at phone size.
    setDay(12);
    await openRollout();
    await pressUntil('[data-testid="qa-walk"]', '[data-testid="qa-case-out_of_stock"]', '[data-testid="qa-error"]');
    const cases = await app.exec(
      'return [...document.querySelectorAll(\'[data-testid^="qa-case-"]\')].map((e) => [e.getAttribute("data-testid"), e.getAttribute("data-passed")])',
      [],
    );
    assert.deepEqual(
      cases.filter(([id]) => !id.startsWith('qa-case-outcome')).map(([, p]) => p),
      ['true', 'true', 'true', 'true'],
      JSON.stringify(cases),
    );
    await fillAndPress([['[data-testid="qa-send-to"]', 'owner@example.com']], '[data-testid="qa-send"]', '[data-testid="qa-deliveries"]', '[data-testid="qa-error"]');
    for (const step of ['reminder', 'offer-email', 'education']) {
      await pressUntil(`[data-testid="qa-preview-${step}"]`, `[data-testid="qa-email"][data-seen="true"] [data-testid="qa-preview-${step}"]`, '[data-testid="qa-error"]');
      await sleep(300);
    }
    await sleep(400);
    await app.screenshot(join(SHOTS, 'rollout-qa.png'));
    await waitState('qa', 'done');

    // Day 14: approve, and the checklist passes with its evidence; launch for 20% — no override.
    setDay(14);
    await goFrom('launch', 'Live for part of your customers');
    await app.find('[data-testid="checklist"]', 15_000);
    await fillAndPress([['[data-testid="approval-name"]', 'Sam Owner']], '[data-testid="approval-approve"]', '[data-testid="approval-done"]');
    await app.find('[data-testid="checklist"][data-passed="true"]', 15_000);
    evidenceShown = await app.exec('return document.querySelectorAll(\'[data-testid="check-evidence"]\').length', []);
    checks = await app.exec('return document.querySelectorAll(\'[data-testid^="check-"][data-passed="true"]\').length', []);
    const overrideBox = await app.exec('return !!document.querySelector(\'[data-testid="launch-override"]\')', []);
    assert.equal(overrideBox, false, 'a verified checklist needs no override');
    await app.exec('document.querySelector(\'[data-testid="checklist"]\').scrollIntoView()');
    await sleep(400);
    await app.screenshot(join(SHOTS, 'rollout-checklist.png'));
    await pressUntil('[data-testid="flow-launch-20"]', '[data-testid="flow-pause"]', '[data-testid="launch-error"]');
    await openRollout();
    await waitState('launch', 'done');
    await app.find('[data-testid="monitor"]', 10_000);
    await sleep(400);
    await app.screenshot(join(SHOTS, 'rollout-launched.png'));
  } finally {
    await app.close();
  }

  // What the screen showed is what the app verified, read again from the same folder.
  const rollout = cliJson(dirs, 'rollout');
  assert.equal(rollout.day, 14);
  assert.equal(rollout.flow, 'abandoned-cart');
  assert.ok(rollout.launched);
  for (const s of rollout.steps) assert.equal(s.state, 'done', `${s.key}: ${JSON.stringify(s.checks)}`);
  const flows = cliJson(dirs, 'flows', 'list');
  const cart = flows.find((f) => f.slug === 'abandoned-cart');
  assert.equal(cart.status, 'live');
  assert.equal(cart.live_percent, 20);
  assert.ok(cart.holdout_percent >= 5, `holdout ${cart.holdout_percent}%`);
  const list = cliJson(dirs, 'checklist', 'abandoned-cart');
  assert.ok(list.passed);
  assert.equal(list.last_override, null, 'launched without an override');
  assert.equal(checks, list.items.length, 'every item ticked on screen');
  assert.ok(evidenceShown >= list.items.length, `evidence shown for ${evidenceShown} items`);
});
