/**
 * Reads the JSON reports of vitest and Playwright into counts and the names of failed tests,
 * for `npm test`'s closing lines (test/run-all.ts). The names are repeated there because a CI
 * log is often read from its tail, far below the runner's own failure report.
 */
import path from 'node:path';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface StageResult extends Counts {
  /** `file › test title: first line of the error`, one per failed test. */
  failedNames: string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; message?: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

interface PlaywrightSuite {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
}

interface PlaywrightReport {
  suites?: PlaywrightSuite[];
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
}

/** The first line of an error message without colour codes, at most 300 characters. */
export function firstLine(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const plain = (text ?? '').replace(/\u001b\[[0-9;]*m/g, '').trim();
  return (plain.split('\n')[0] ?? '').slice(0, 300);
}

export function readVitest(json: unknown, cwd = process.cwd()): StageResult {
  const j = json as VitestReport;
  const failedNames: string[] = [];
  for (const f of j.testResults ?? []) {
    const where = path.relative(cwd, f.name);
    const failed = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) failedNames.push(`${where} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    // A file that broke before its tests ran (an import or a hook) has no failed assertion.
    if (!failed.length && f.message) failedNames.push(`${where}: ${firstLine(f.message)}`);
  }
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests, failedNames };
}

/** `describes` are the titles of the describe blocks around `suite`'s specs (a file's own suite adds none). */
function playwrightFailures(suite: PlaywrightSuite, describes: string[], out: string[]): void {
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests)
      if (t.status === 'unexpected' || t.status === 'flaky') {
        const err = t.results.find((r) => r.error)?.error?.message;
        const title = [...describes, spec.title].join(' › ');
        out.push(`${spec.file}:${spec.line} › ${title}${t.status === 'flaky' ? ' (flaky: passed on retry)' : ''}: ${firstLine(err)}`);
      }
  for (const child of suite.suites ?? []) playwrightFailures(child, [...describes, child.title], out);
}

/** A flaky test (failed, then passed on retry) counts as failed: a pass must pass the first time. */
export function readPlaywright(json: unknown): StageResult {
  const j = json as PlaywrightReport;
  const failedNames: string[] = [];
  for (const s of j.suites ?? []) playwrightFailures(s, [], failedNames);
  return { passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky, skipped: j.stats.skipped, failedNames };
}
