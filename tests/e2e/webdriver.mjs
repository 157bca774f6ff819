// A small W3C WebDriver client over fetch, plus the harness that starts `tauri-driver` for the
// real Storeloop app on a fresh data folder. No browser download, no npm dependency.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
export const APP = process.env.STORELOOP_APP ?? join(TARGET, 'debug', 'storeloop-app');
export const CLI = process.env.STORELOOP_CLI ?? join(TARGET, 'debug', 'storeloop');
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A fresh folder tree for one app run: data folder plus HOME/XDG folders for WebKit. */
export function freshDirs(name) {
  const base = mkdtempSync(join(tmpdir(), `storeloop-e2e-${name}-`));
  const dirs = { base, data: join(base, 'data'), home: join(base, 'home') };
  mkdirSync(dirs.data, { recursive: true });
  mkdirSync(dirs.home, { recursive: true });
  return dirs;
}

function appEnv(dirs) {
  return {
    ...process.env,
    STORELOOP_DATA_DIR: dirs.data,
    HOME: dirs.home,
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
  };
}

/** Runs the `storeloop` CLI on the same folder and returns its parsed JSON output. */
export function cliJson(dirs, ...args) {
  const out = execFileSync(CLI, [...args, '--json', '--data-dir', dirs.data], { encoding: 'utf8' });
  return JSON.parse(out);
}

async function waitForPort(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`tauri-driver did not answer at ${url} within ${ms} ms`);
}

async function call(url, method, path, body, timeoutMs = 30_000) {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(`WebDriver ${method} ${path}: ${r.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** Ends any app process still running on this test's data folder (and its WebKit helpers). */
export function killApps(dirs) {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (env.split('\0').includes(`STORELOOP_DATA_DIR=${dirs.data}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // not ours, or already gone
    }
  }
}

/** Starts tauri-driver and a session of the real app; `close()` ends both. */
export async function launch(dirs, port) {
  if (!process.env.DISPLAY) throw new Error('No DISPLAY: run the end-to-end tests under Xvfb (the README test command does).');
  if (!existsSync(APP)) throw new Error(`The app is not built at ${APP}: run the README test command.`);
  const driverPath = process.env.TAURI_DRIVER ?? 'tauri-driver';
  // The driver's (and the app's) output goes to a file, not a pipe: a pipe held open by a
  // straggling app process would keep the test runner waiting forever.
  const log = join(dirs.base, 'tauri-driver.log');
  const driver = spawn(driverPath, ['--port', String(port), '--native-port', String(port + 1)], {
    env: appEnv(dirs),
    stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')],
  });
  const driverErr = () => readFileSync(log, 'utf8');
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForPort(url, 20_000);
    const session = await call(
      url,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: APP } } } },
      60_000,
    );
    const id = session.sessionId;
    const s = (method, path, body) => call(url, method, `/session/${id}${path}`, body);
    const page = {
      dirs,
      async find(css, ms = 60_000) {
        const until = Date.now() + ms;
        let last;
        while (Date.now() < until) {
          try {
            const el = await s('POST', '/element', { using: 'css selector', value: css });
            return el[ELEMENT];
          } catch (e) {
            last = e;
            await sleep(100);
          }
        }
        throw new Error(`no element ${css} after ${ms} ms: ${last?.message}`);
      },
      attr: (el, name) => s('GET', `/element/${el}/attribute/${name}`),
      text: (el) => s('GET', `/element/${el}/text`),
      click: (el) => s('POST', `/element/${el}/click`, {}),
      type: (el, text) => s('POST', `/element/${el}/value`, { text }),
      exec: (script, args = []) => s('POST', '/execute/sync', { script, args }),
      resize: (width, height) => s('POST', '/window/rect', { width, height }),
      screenshot: async (file) => writeFileSync(file, Buffer.from(await s('GET', '/screenshot'), 'base64')),
      async close() {
        await s('DELETE', '').catch(() => {});
        driver.kill('SIGTERM');
        await sleep(300);
        killApps(dirs);
      },
    };
    return page;
  } catch (e) {
    driver.kill('SIGTERM');
    killApps(dirs);
    throw new Error(`${e.message}\n--- tauri-driver said ---\n${driverErr().slice(-2000)}`);
  }
}
