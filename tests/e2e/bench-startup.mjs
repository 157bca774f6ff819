// Benchmark (not a test): cold start of the real app to Home KPIs visible, and its idle memory,
// on a 5,000-customer demo store made beforehand. Run under Xvfb with a release build:
//   cargo build --release -p storeloop-app -p storeloop-cli
//   STORELOOP_APP=target/release/storeloop-app STORELOOP_CLI=target/release/storeloop \
//     xvfb-run -a -s "-screen 0 1440x1080x24" dbus-run-session -- node tests/e2e/bench-startup.mjs
// Prints JSON; the figures go into BENCHMARKS.md.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { APP, CLI, freshDirs, launch } from './webdriver.mjs';

const RUNS = Number(process.env.RUNS ?? 5);

function processes() {
  const out = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      let pss = 0;
      try {
        pss = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // smaps_rollup needs a newer kernel or more rights; PSS stays 0
      }
      out.push({ pid: Number(pid), ppid, cmd, rssKb: rss, pssKb: pss });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** RSS of the app process and of the WebKit processes it started, in MB. */
function memory() {
  const all = processes();
  const app = all.find((p) => p.cmd.endsWith('storeloop-app'));
  if (!app) return null;
  const children = all.filter((p) => p.ppid === app.pid);
  const mb = (kb) => Math.round(kb / 1024);
  // RSS counts shared libraries in every process; PSS shares them out, so PSS sums honestly.
  return {
    app_rss_mb: mb(app.rssKb),
    app_pss_mb: mb(app.pssKb),
    with_webkit_rss_mb: mb(app.rssKb + children.reduce((s, p) => s + p.rssKb, 0)),
    with_webkit_pss_mb: mb(app.pssKb + children.reduce((s, p) => s + p.pssKb, 0)),
    webkit_processes: children.map((p) => p.cmd.split('/').pop()),
  };
}

const dirs = freshDirs('bench');
execFileSync(CLI, ['demo', '--customers', '5000', '--quiet', '--data-dir', dirs.data]);
const times = [];
let idle = null;
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const app = await launch(dirs, 4500 + i * 10);
  try {
    await app.find('[data-testid="kpi-revenue"]', 30_000);
    times.push((performance.now() - started) / 1000);
    if (i === RUNS - 1) {
      await sleep(10_000);
      idle = memory();
    }
  } finally {
    await app.close();
  }
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      app: APP,
      runs: RUNS,
      start_to_kpis_seconds: { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1) },
      idle_memory_after_10s: idle,
    },
    null,
    2,
  ),
);
