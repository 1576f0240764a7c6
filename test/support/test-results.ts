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
  /** The same failures with what the errors say beyond their first line (see errorDetail). */
  failedDetails: string[];
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
  specs?: { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string }; errors?: { message?: string }[] }[] }[] }[];
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

/**
 * What an error says after its first line, for the closing lines of a CI log: the expected and
 * received values or a diff, the action a timed-out test was waiting in ("waiting for ..."), and
 * the test file's line; stack frames from libraries are left out. At most `maxLines` lines.
 */
export function errorDetail(text: string | undefined, maxLines = 10): string[] {
  // eslint-disable-next-line no-control-regex
  const lines = (text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').slice(1);
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    // Stack frames: only the first one in a test file says where.
    if (/^\s*at /.test(line)) {
      if (/node_modules|node:/.test(line) || out.some((l) => /^\s*at /.test(l)) || !/test\//.test(line)) continue;
    }
    // The code frame around the failing line (`  12 |   await ...`) repeats the test's source.
    if (/^\s*>?\s*\d+ \|/.test(line) || /^\s*\|\s*\^/.test(line)) continue;
    out.push(line.length > 200 ? `${line.slice(0, 200)}…` : line);
    if (out.length >= maxLines) break;
  }
  return out;
}

export function readVitest(json: unknown, cwd = process.cwd()): StageResult {
  const j = json as VitestReport;
  const failedNames: string[] = [];
  const failedDetails: string[] = [];
  const note = (name: string, message: string | undefined) => {
    failedNames.push(`${name}: ${firstLine(message)}`);
    failedDetails.push([`${name}: ${firstLine(message)}`, ...errorDetail(message).map((l) => `    ${l}`)].join('\n'));
  };
  for (const f of j.testResults ?? []) {
    const where = path.relative(cwd, f.name);
    const failed = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) note(`${where} › ${a.fullName}`, a.failureMessages?.[0]);
    // A file that broke before its tests ran (an import or a hook) has no failed assertion.
    if (!failed.length && f.message) note(where, f.message);
  }
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests, failedNames, failedDetails };
}

/** `describes` are the titles of the describe blocks around `suite`'s specs (a file's own suite adds none). */
function playwrightFailures(suite: PlaywrightSuite, describes: string[], out: string[], details: string[]): void {
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests)
      if (t.status === 'unexpected' || t.status === 'flaky') {
        const failedRun = t.results.find((r) => r.error);
        const err = failedRun?.error?.message;
        const title = [...describes, spec.title].join(' › ');
        const name = `${spec.file}:${spec.line} › ${title}${t.status === 'flaky' ? ' (flaky: passed on retry)' : ''}: ${firstLine(err)}`;
        out.push(name);
        // Further errors of the same run (e.g. a failing afterEach after the test's own).
        const more = (failedRun?.errors ?? []).map((e) => e.message).filter((m) => m && firstLine(m) !== firstLine(err));
        const lines = [...errorDetail(err), ...more.flatMap((m) => [firstLine(m), ...errorDetail(m, 6)])];
        details.push([name, ...lines.map((l) => `    ${l}`)].join('\n'));
      }
  for (const child of suite.suites ?? []) playwrightFailures(child, [...describes, child.title], out, details);
}

/** A flaky test (failed, then passed on retry) counts as failed: a pass must pass the first time. */
export function readPlaywright(json: unknown): StageResult {
  const j = json as PlaywrightReport;
  const failedNames: string[] = [];
  const failedDetails: string[] = [];
  for (const s of j.suites ?? []) playwrightFailures(s, [], failedNames, failedDetails);
  return { passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky, skipped: j.stats.skipped, failedNames, failedDetails };
}
