/** The machine a bench ran on, and the Markdown table written to bench/RESULTS.md. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { ResultRow } from './support';

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  ramGiB: string;
  engine: string;
  node: string;
  loadStart: string;
  loadEnd?: string;
}

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

export function describeMachine(): Machine {
  let engine = 'unknown';
  try {
    engine = execFileSync('docker', ['version', '--format', 'Engine {{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}}'], { encoding: 'utf8' }).trim();
  } catch (err) {
    engine = `docker version failed: ${String(err)}`;
  }
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    ramGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    engine,
    node: process.version,
    loadStart: loadAverage(),
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function resultsMarkdown(m: Machine, rows: ResultRow[], command: string, runs: number, notes: string[]): string {
  const status = (r: ResultRow) => (r.met === null ? '—' : r.met ? 'met' : 'not met');
  return [
    '# Dockside benchmark results',
    '',
    `Written by \`${command}\` on ${m.date}. Nothing here is edited by hand.`,
    '',
    `- Machine: ${m.cpus} CPUs (nproc), ${m.cpuModel}, ${m.ramGiB} GiB RAM`,
    `- Load average (1, 5, 15 min): ${m.loadStart} at the start, ${m.loadEnd ?? '?'} at the end (the machine and the engine are shared with other work)`,
    `- ${m.engine}; Node ${m.node}`,
    `- Figures are min / median / max over ${runs} run${runs === 1 ? '' : 's'} alternating the CLI and Dockside; each ratio is Dockside / CLI within a run; a target is judged on the median.`,
    ...notes.map((n) => `- ${n}`),
    '',
    '| Figure | Dockside | Peer (CLI) | Ratio | Target | Result | Notes |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${[r.figure, r.dockside, r.peer, r.ratio, r.target, status(r), r.note || ''].map(cell).join(' | ')} |`),
    '',
  ].join('\n');
}

export function writeResults(file: string, markdown: string): void {
  fs.writeFileSync(file, markdown);
}
