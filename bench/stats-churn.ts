/**
 * Stream-churn figure: 10 of the bench's containers, one of them started and killed 5 times
 * (10 toggles) while `docker stats` runs, then while Dockside's Stats overview is open. Both
 * reach the engine through the same engine view (bench/engine-view.ts), whose request log is
 * counted: stats streams opened (any container) and one-shot stats requests for the toggled one.
 */
import { spawn } from 'node:child_process';
import type { Browser } from '@playwright/test';
import type Docker from 'dockerode';
import { isStatsStream, type EngineView } from './engine-view';
import { fmtSpread, sleep, spread, type AppServer, type ResultRow } from './support';

export interface ChurnContext {
  view: EngineView;
  server: AppServer;
  browser: Browser;
  toggled: Docker.Container;
  toggledName: string;
  /** How many of the bench's other containers run meanwhile. */
  others: number;
  runs: number;
}

interface Count {
  streams: number;
  streamsForToggled: number;
  oneShotForToggled: number;
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function count(view: EngineView, from: number, toggledId: string): Count {
  const stats = view.log
    .slice(from)
    .map((r) => /\/containers\/([^/?]+)\/stats\?(\S*)/.exec(r.line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ toggled: toggledId.startsWith(m[1]!) || m[1] === toggledId, stream: !/(?:^|&)stream=(?:false|0)(?:&|$)/.test(m[2]!) }));
  return {
    streams: stats.filter((s) => s.stream).length,
    streamsForToggled: stats.filter((s) => s.stream && s.toggled).length,
    oneShotForToggled: stats.filter((s) => !s.stream && s.toggled).length,
  };
}

/** 5 start/kill cycles; `shown` resolves when the client shows (or streams) the started container. */
async function toggles(ctx: ChurnContext, shown: () => Promise<void>, gone: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await ctx.toggled.start();
    await shown();
    await ctx.toggled.kill();
    await waitUntil(async () => !(await ctx.toggled.inspect()).State.Running, 'the kill');
    await gone();
  }
}

async function cliRun(ctx: ChurnContext, id: string): Promise<Count> {
  const cli = spawn('docker', ['stats'], { env: { ...process.env, DOCKER_HOST: `unix://${ctx.view.socketPath}` }, stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    // Counted from when the CLI follows events and streams every other running container.
    await waitUntil(
      () => ctx.view.log.some((r) => r.line.includes('/events')) && ctx.view.openRequests().filter(isStatsStream).length >= ctx.others,
      'docker stats to follow events and stream the running containers',
    );
    const from = ctx.view.log.length;
    const forToggled = () => count(ctx.view, from, id).streamsForToggled;
    let seen = 0;
    await toggles(
      ctx,
      () => waitUntil(() => forToggled() > seen, 'the CLI to stream the started container').then(() => void (seen = forToggled())),
      async () => undefined,
    );
    return count(ctx.view, from, id);
  } finally {
    cli.kill('SIGTERM');
  }
}

async function docksideRun(ctx: ChurnContext, id: string): Promise<Count> {
  const context = await ctx.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(await ctx.server.link());
    await page.getByTestId('engine-status').and(page.locator('[data-state="connected"]')).waitFor();
    await page.getByRole('button', { name: 'Stats', exact: true }).click();
    await waitUntil(async () => (await page.locator('[data-testid="stats-row"] [data-col="cpu"]').count()) >= ctx.others, 'a sample for every running container');
    const from = ctx.view.log.length;
    const row = page.locator(`[data-testid="stats-row"][data-name="${ctx.toggledName}"]`);
    await toggles(
      ctx,
      () => row.locator('[data-col="cpu"]').waitFor({ timeout: 30_000 }),
      () => row.waitFor({ state: 'detached', timeout: 30_000 }),
    );
    return count(ctx.view, from, id);
  } finally {
    await context.close();
  }
}

export async function benchStatsChurn(ctx: ChurnContext): Promise<ResultRow> {
  const id = (await ctx.toggled.inspect()).Id;
  const pairs: { cli: Count; dockside: Count }[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    const cli = await cliRun(ctx, id);
    const dockside = await docksideRun(ctx, id);
    console.log(`stats churn run ${i + 1}: CLI ${JSON.stringify(cli)}; Dockside ${JSON.stringify(dockside)}`);
    pairs.push({ cli, dockside });
  }
  const d = spread(pairs.map((p) => p.dockside.streams));
  const c = spread(pairs.map((p) => p.cli.streams));
  const ratios = spread(pairs.map((p) => p.dockside.streams / p.cli.streams));
  const met = pairs.every((p) => p.dockside.streams <= p.cli.streams);
  const oneShot = spread(pairs.map((p) => p.dockside.oneShotForToggled));
  return {
    figure: 'Stream churn: stats streams opened for 10 start/kill toggles of one container among 10 (Stats overview vs `docker stats`)',
    dockside: fmtSpread(d, 0),
    peer: fmtSpread(c, 0),
    ratio: fmtSpread(ratios),
    target: '≤ CLI',
    met,
    note:
      `streams for the toggled container: Dockside ${fmtSpread(spread(pairs.map((p) => p.dockside.streamsForToggled)), 0)}, CLI ${fmtSpread(spread(pairs.map((p) => p.cli.streamsForToggled)), 0)}; ` +
      `Dockside instead made ${fmtSpread(oneShot, 0)} one-shot sample requests for it (stream=false, answered and closed)` +
      (met ? '' : '; Dockside opened more streams than the CLI in at least one run'),
  };
}
