import { describe, expect, it } from 'vitest';
import { firstLine, readPlaywright, readVitest } from '../../support/test-results';

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

  it('keeps one line of a long message', () => {
    expect(firstLine('x'.repeat(400))).toHaveLength(300);
    expect(firstLine(undefined)).toBe('');
  });
});
