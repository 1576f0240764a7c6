import { describe, expect, it } from 'vitest';
import { errorDetail, firstLine, readPlaywright, readVitest } from '../../support/test-results';

describe('test results summary', () => {
  it('names each failed vitest test, and a file that broke before its tests', () => {
    const r = readVitest(
      {
        numPassedTests: 3,
        numFailedTests: 1,
        numPendingTests: 1,
        numTodoTests: 1,
        testResults: [
          {
            name: '/repo/test/integration/a.test.ts',
            assertionResults: [
              { fullName: 'lists converge', status: 'failed', failureMessages: ['\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x'] },
              { fullName: 'passes', status: 'passed' },
            ],
          },
          { name: '/repo/test/integration/b.test.ts', message: 'Error: Cannot find module x\nstack', assertionResults: [] },
          { name: '/repo/test/integration/c.test.ts', assertionResults: [{ fullName: 'ok', status: 'passed' }] },
        ],
      },
      '/repo',
    );
    expect(r).toEqual({
      passed: 3,
      failed: 1,
      skipped: 2,
      failedNames: ['test/integration/a.test.ts › lists converge: AssertionError: expected 1 to be 2', 'test/integration/b.test.ts: Error: Cannot find module x'],
      // Library frames and lines that only show the source are left out of the details.
      failedDetails: ['test/integration/a.test.ts › lists converge: AssertionError: expected 1 to be 2', 'test/integration/b.test.ts: Error: Cannot find module x\n    stack'],
    });
  });

  it('names failed and flaky Playwright tests with their describe blocks, and counts flaky as failed', () => {
    const spec = (title: string, line: number, status: string, message?: string) => ({
      title,
      file: 'lists.spec.ts',
      line,
      tests: [{ status, results: message ? [{ error: { message } }, {}] : [{}] }],
    });
    const r = readPlaywright({
      stats: { expected: 5, unexpected: 1, skipped: 2, flaky: 1 },
      suites: [
        {
          title: 'lists.spec.ts',
          specs: [spec('sorts', 10, 'expected'), spec('filters', 20, 'unexpected', 'Error: timed out\ncall log')],
          suites: [{ title: 'at 1024×700', specs: [spec('scrolls', 30, 'flaky', 'Error: not visible')] }],
        },
      ],
    });
    expect(r.passed).toBe(5);
    expect(r.failed).toBe(2);
    expect(r.skipped).toBe(2);
    expect(r.failedNames).toEqual(['lists.spec.ts:20 › filters: Error: timed out', 'lists.spec.ts:30 › at 1024×700 › scrolls (flaky: passed on retry): Error: not visible']);
  });

  it('details keep the diff, the call log and the test file\'s line, not library frames or the code frame', () => {
    const message = [
      '\u001b[31mTimeoutError: locator.click: Timeout 30000ms exceeded.\u001b[39m',
      'Call log:',
      "  - waiting for getByRole('button', { name: 'Close' })",
      '',
      '  10 |   await dialog.getByRole(\'button\').click();',
      '     |         ^',
      '    at /repo/node_modules/playwright/lib/x.js:1:1',
      '    at /repo/test/e2e/stacks.spec.ts:64:3',
      '    at /repo/test/e2e/other.spec.ts:1:1',
    ].join('\n');
    expect(errorDetail(message)).toEqual(['Call log:', "  - waiting for getByRole('button', { name: 'Close' })", '    at /repo/test/e2e/stacks.spec.ts:64:3']);
    expect(errorDetail(message, 1)).toEqual(['Call log:']);
  });

  it('names a Playwright test\'s further errors in its details', () => {
    const r = readPlaywright({
      stats: { expected: 0, unexpected: 1, skipped: 0, flaky: 0 },
      suites: [{ title: 'a.spec.ts', specs: [{ title: 't', file: 'a.spec.ts', line: 3, tests: [{ status: 'unexpected', results: [{ error: { message: 'Error: one\nExpected: 1' }, errors: [{ message: 'Error: one\nExpected: 1' }, { message: 'Error: afterEach broke\nReceived: 2' }] }] }] }] }],
    });
    expect(r.failedDetails).toEqual(['a.spec.ts:3 › t: Error: one\n    Expected: 1\n    Error: afterEach broke\n    Received: 2']);
  });

  it('keeps one line of a long message', () => {
    expect(firstLine('x'.repeat(400))).toHaveLength(300);
    expect(firstLine(undefined)).toBe('');
  });
});
