/**
 * `npm run bench` runs every figure and writes bench/RESULTS.md; `npm run bench -- --quick` is a
 * short check (1 run each, smaller sizes) that prints the table only. Pick figures by name:
 * `npm run bench -- stats paint` (then only printed, unless `--out FILE`). Other options: see
 * benchOptions in support.ts; `--no-build` skips the renderer build.
 *
 * Not part of the test suite: figures depend on the machine and on whatever else the engine is
 * doing. Only the bench's own containers (label dockside.bench=<run>) are created, shown, streamed
 * and removed, also on Ctrl-C or failure; nothing else on the engine is touched.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureWebImage } from '../test/setup/images';
import { testDocker } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';
import { engineSocketPath } from '../test/support/socket-proxy';
import { benchBundle } from './bundle';
import { engineView } from './engine-view';
import { benchFirstPaint } from './first-paint';
import { benchLogs } from './logs';
import { describeMachine, loadAverage, resultsMarkdown, writeResults } from './results';
import { benchSsh } from './ssh';
import { benchStats } from './stats';
import { benchStatsChurn } from './stats-churn';
import { benchSubscriptions } from './subscriptions';
import {
  BENCH_RUN,
  benchLabelValue,
  benchOptions,
  createBenchContainers,
  engineDaemonPid,
  launchChromium,
  onCleanup,
  removeBenchContainers,
  ROOT,
  runCleanups,
  startAll,
  startAppServer,
  type BenchContainer,
  type ResultRow,
} from './support';

const FIGURES = ['bundle', 'churn', 'stats', 'paint', 'logs', 'ssh'] as const;
const EXTRA = ['subscriptions'] as const;
type Figure = (typeof FIGURES)[number] | (typeof EXTRA)[number];

function picked(argv: string[]): Figure[] {
  const withValue = new Set(['--runs', '--seconds', '--containers', '--list', '--lines', '--calls', '--out']);
  const names = argv.filter((a, i) => !a.startsWith('--') && !withValue.has(argv[i - 1] ?? ''));
  const known: readonly string[] = [...FIGURES, ...EXTRA];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`Unknown figure "${unknown.join(', ')}". Pick from: ${known.join(', ')}.`);
  return names.length ? (names as Figure[]) : [...FIGURES];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = benchOptions(argv);
  const figures = picked(argv);
  const outArg = argv.indexOf('--out');
  const full = !opts.quick && figures.length === FIGURES.length && FIGURES.every((f) => figures.includes(f));
  const out = outArg >= 0 ? path.resolve(argv[outArg + 1] ?? '') : full ? path.join(ROOT, 'bench/RESULTS.md') : null;
  const machine = describeMachine();
  const started = Date.now();
  console.log(`bench ${BENCH_RUN}: ${figures.join(', ')}; ${JSON.stringify(opts)}; load average ${machine.loadStart}`);

  if (figures.includes('subscriptions')) await benchSubscriptions();
  const measured = figures.filter((f) => f !== 'subscriptions');
  if (!measured.length) return;

  if (!argv.includes('--no-build')) {
    const b = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('the renderer build failed');
  }
  const rows: ResultRow[] = [];
  if (measured.includes('bundle')) rows.push(benchBundle());
  const needsEngine = measured.some((f) => f !== 'bundle');
  if (needsEngine) {
    const docker = testDocker();
    await ensureWebImage(docker, WEB_IMAGE);
    const engineSocket = engineSocketPath();
    const daemonPid = engineDaemonPid(engineSocket);
    console.log(`engine under test: dockerd pid ${daemonPid} on ${engineSocket}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-'));
    onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
    const view = await engineView(path.join(dir, 'engine.sock'), engineSocket, benchLabelValue);
    onCleanup(() => view.close());
    const server = await startAppServer({ DOCKER_HOST: `unix://${view.socketPath}` });
    const browser = await launchChromium();
    const runs = opts.runs;

    // One pool of the bench's containers, grown as the figures need: 10 for the churn (9
    // running, one toggled), then N running for each stats figure, then the first-paint list.
    const pool: BenchContainer[] = [];
    const grow = async (n: number) => {
      if (pool.length < n) pool.push(...(await createBenchContainers(n - pool.length, WEB_IMAGE, 'pool')));
    };
    if (measured.includes('churn')) {
      await grow(10);
      await startAll(pool.slice(0, 9));
      rows.push(await benchStatsChurn({ view, server, browser, toggled: pool[9]!.c, toggledName: pool[9]!.name, others: 9, runs }));
    }
    if (measured.includes('stats')) {
      const counts = [...opts.counts].sort((a, b) => a - b);
      for (const n of counts) {
        await grow(n);
        await startAll(pool.slice(0, n));
        rows.push(...(await benchStats({ view, daemonPid, server, browser, running: pool.slice(0, n), seconds: opts.seconds, runs, charts: n === counts[0] })));
      }
    }
    if (measured.includes('paint')) {
      await grow(opts.listSize);
      rows.push(...(await benchFirstPaint({ view, server, browser, containers: pool.length, runs })));
    }
    if (measured.includes('ssh')) rows.push(await benchSsh({ view, calls: opts.calls, runs }));
    // Logs last: the flood should not disturb the other figures.
    if (measured.includes('logs')) {
      await removeBenchContainers();
      pool.length = 0;
      rows.push(...(await benchLogs({ view, daemonPid, server, browser, lines: opts.lines, runs })));
    }
  }

  machine.loadEnd = loadAverage();
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const notes = [
    'Engine CPU = the dockerd process serving the socket (found through /proc/net/unix) + the containerd-shim processes of the bench\'s running containers; containerd itself (shared by everything on the host) is not counted. Client CPU = the `docker` process, or Dockside\'s browser-mode server process + the page\'s Chromium renderer process(es).',
    `Dockside and the CLI both reach the engine through the bench's engine view (bench/engine-view.ts), which adds the filter label=${benchLabelValue.replace(BENCH_RUN, '<run>')} to container lists and events: both see the bench's containers only.`,
    "One container's charts are measured at the smallest container count only (one stream whatever the count). The churn target is judged on every run, the others on the median. The page's CPU counts the renderer only (not Chromium's browser or GPU processes); the CLI's terminal is not counted either (its output goes nowhere).",
    `Wall time of the whole bench: ${((Date.now() - started) / 60000).toFixed(1)} min.`,
  ];
  const md = resultsMarkdown(machine, rows, command, opts.runs, notes);
  console.log(`\n${md}`);
  if (out) {
    writeResults(out, md);
    console.log(`written to ${out}`);
  }
}

// A signal during a failure (or the other way round) waits for the same cleanup before exiting.
let cleaning: Promise<void> | null = null;
async function end(code: number): Promise<never> {
  cleaning ??= runCleanups();
  await cleaning;
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: removing the bench's containers and processes...`);
    void end(130);
  });
}
main().then(
  () => end(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    void end(1);
  },
);
