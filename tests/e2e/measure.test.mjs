// End-to-end: Measurement on the demo store. From the empty state the owner plays 90 days of the
// four playbooks (a known effect planted); then every playbook's card shows its incremental
// margin per recipient with a 95% interval and its discount leakage, the week's digest is on
// top, and a flow's page has its week-by-week charts and last click beside incrementality. The
// numbers on screen are the ones `storeloop measure flows --json` computes from the same file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT, freshDirs, launch, cliJson } from './webdriver.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

const PLAYBOOKS = ['abandoned-cart', 'browse-abandonment', 'post-purchase', 'win-back'];
const CHARTS = ['margin', 'revenue', 'discounts', 'unsubscribes', 'cumulative'];

const text = (app, id) =>
  app.exec(`const e = document.querySelector('[data-testid="${id}"]'); return e ? e.textContent : null;`, []);

test('Measurement: 90 days of demo flow history, measured on screen as on the command line', async () => {
  const dirs = freshDirs('measure');
  const app = await launch(dirs, 4477);
  const cards = {};
  let digest = null;
  let lastClick = null;
  const charts = {};
  try {
    await app.find('[data-testid="home-ready"]');
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.resize(1280, 1000).catch(() => {});
    await app.exec('location.hash = "#/measurement"');
    await app.find('[data-testid="measure-empty"]', 30_000);
    await app.screenshot(join(SHOTS, 'measurement-empty.png'));
    await app.click(await app.find('[data-testid="play-demo-flows"]', 5_000));
    await sleep(1_500);
    await app.screenshot(join(SHOTS, 'measurement-playing.png'));
    await app.find('[data-testid="measure-card"]', 300_000);
    await app.find('[data-testid="digest"]', 30_000);
    await sleep(500);
    await app.exec('document.querySelectorAll(\'[data-testid="toast"] button\').forEach((b) => b.click())');
    await app.screenshot(join(SHOTS, 'measurement-played.png'));
    for (const slug of PLAYBOOKS) {
      cards[slug] = {
        interval: await text(app, `margin-interval-${slug}`),
        leakage: await text(app, `leakage-${slug}`),
      };
    }
    digest = await text(app, 'digest');
    await app.exec('location.hash = "#/measurement/abandoned-cart"');
    await app.find('[data-testid="week-chart-margin"]', 30_000);
    await sleep(500);
    await app.screenshot(join(SHOTS, 'measurement-weeks.png'));
    for (const c of CHARTS) {
      charts[c] = await app.exec(`return !!document.querySelector('[data-testid="week-chart-${c}"]')`, []);
    }
    await app.exec('document.querySelector(\'[data-testid="week-chart-cumulative"]\').scrollIntoView()');
    await sleep(300);
    await app.screenshot(join(SHOTS, 'measurement-charts.png'));
    lastClick = await text(app, 'last-click');
    await app.exec('document.querySelector(\'[data-testid="last-click"]\').scrollIntoView()');
    await sleep(300);
    await app.screenshot(join(SHOTS, 'measurement-last-click.png'));
  } finally {
    await app.close();
  }

  // The same numbers from the command line, on the same file.
  const all = cliJson(dirs, 'measure', 'flows');
  const shows = (onScreen, value) => {
    const plain = (onScreen ?? '').replace(/\u2212/g, '-').replace(/[,\u00a0\u202f]/g, '');
    return plain.includes(Math.abs(value).toFixed(2));
  };
  for (const slug of PLAYBOOKS) {
    const m = all.find((x) => x.slug === slug);
    assert.ok(m, `${slug} is not measured by the CLI`);
    assert.ok(m.treatment.recipients > 0 && m.holdout.recipients > 0, `${slug} has no recipients`);
    const a = m.margin.absolute;
    const card = cards[slug];
    assert.ok(card.interval, `${slug}: no margin interval on its card`);
    for (const v of [a.estimate, a.low, a.high]) {
      assert.ok(shows(card.interval, v), `${slug}: the card says "${card.interval}", the CLI ${v}`);
    }
    assert.ok(card.leakage, `${slug}: no leakage figure on its card`);
    if (m.leakage_orders === 0) {
      assert.match(card.leakage, /none|no discount/i, `${slug}: "${card.leakage}" vs no leakage`);
    } else {
      assert.ok(card.leakage.includes(String(m.leakage_orders)), `${slug}: "${card.leakage}" vs ${m.leakage_orders}`);
      assert.ok(
        shows(card.leakage, m.leakage_cost.minor / 100),
        `${slug}: "${card.leakage}" vs ${m.leakage_cost.minor}`,
      );
    }
  }
  assert.ok(digest && digest.length > 20, `digest: ${digest}`);
  for (const c of CHARTS) assert.ok(charts[c], `the ${c} chart is missing`);
  const cart = all.find((x) => x.slug === 'abandoned-cart');
  assert.ok(lastClick && shows(lastClick, cart.last_click.revenue.minor / 100), `last click: ${lastClick}`);
  const flows = cliJson(dirs, 'flows', 'list');
  assert.deepEqual(
    flows.map((f) => f.status),
    PLAYBOOKS.map(() => 'live'),
  );
});
