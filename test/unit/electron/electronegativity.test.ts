/**
 * Electronegativity statically checks the Electron code for the security checklist. It scans one
 * folder at a time and its "global" checks (CSP, navigation limits, permission handler) only see
 * what is in that folder, so main/, preload/ and renderer/index.html are staged together in a
 * temporary folder and scanned in one run. Its CLI exits 0 even with findings, so this test reads
 * its results and fails on any finding not explained below (by check and file, one line each).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeWhenQuiet } from '../../support/temp-dir';

interface Finding {
  id: string;
  file: string;
  location?: { line: number };
  description?: string;
}

type Run = (opts: Record<string, unknown>) => Promise<{ errors: unknown[]; issues?: Finding[] }>;

/** "CHECK file" -> why it is not a problem. Every suppression carries its reason. */
const EXPLAINED = new Map<string, string>([
  // It flags style-src 'unsafe-inline': recharts and xterm set element styles at run time; scripts stay 'self' only.
  ['CSP_GLOBAL_CHECK renderer/index.html', "only style-src has 'unsafe-inline' (charts and the terminal set styles); script-src is 'self'"],
  // Asks for review of every openExternal: navigation guards pass only URLs isSafeExternalUrl accepted (http/https).
  ['OPEN_EXTERNAL_JS_CHECK main/electron/desktop-app.ts', 'openExternal only after isSafeExternalUrl (http/https), or with the menu\'s fixed URLs'],
  // The Help menu opens fixed https://docs.docker.com pages and the project homepage (help-topics.ts).
  ['OPEN_EXTERNAL_JS_CHECK main/electron/app-menu.ts', 'only the constant documentation and homepage URLs of help-topics.ts'],
  // Asks for review of the preload: preload.test.ts proves it exposes only invoke/subscribe.
  ['PRELOAD_JS_CHECK main/electron/desktop-app.ts', 'the preload exposes one narrow API (see preload.test.ts)'],
  // Middle-click opens a new window, and setWindowOpenHandler denies every new window.
  ['AUXCLICK_JS_CHECK main/electron/desktop-app.ts', 'setWindowOpenHandler denies every new window'],
  ['AUXCLICK_HTML_CHECK renderer/index.html', 'setWindowOpenHandler denies every new window'],
]);

const root = path.resolve(__dirname, '../../..');

describe('electronegativity', () => {
  it('sees the window settings: contextIsolation, sandbox on, nodeIntegration off', () => {
    const src = fs.readFileSync(path.join(root, 'main/electron/desktop-app.ts'), 'utf8');
    for (const line of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webviewTag: false', 'webSecurity: true']) {
      expect(src).toContain(line);
    }
  });

  it('finds nothing unexplained in main/, preload/ and renderer/index.html', async () => {
    // A CommonJS module that exports run() itself.
    const require = createRequire(import.meta.url);
    const run = require('@doyensec/electronegativity') as Run;
    expect(run, 'electronegativity exposes run()').toBeTypeOf('function');
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-eneg-'));
    const report = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-eneg-report-'));
    try {
      fs.cpSync(path.join(root, 'main'), path.join(stage, 'main'), { recursive: true });
      fs.cpSync(path.join(root, 'preload'), path.join(stage, 'preload'), { recursive: true });
      fs.mkdirSync(path.join(stage, 'renderer'));
      fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(stage, 'renderer/index.html'));
      const result = await run({
        input: stage,
        // The report goes outside the scanned tree: electronegativity may still write it after run()
        // resolves, which made removing the scanned folder fail with ENOTEMPTY.
        output: path.join(report, 'electronegativity.csv'),
        isSarif: false,
        customScan: '',
        severitySet: '',
        confidenceSet: '',
        isRelative: false,
        parserPlugins: [],
        electronVersionOverride: '45.5.0',
      });
      expect(result.errors).toEqual([]);
      const key = (f: Finding) => `${f.id} ${f.file === 'N/A' ? 'N/A' : path.relative(stage, f.file)}`;
      const unexplained = (result.issues ?? []).filter((f) => !EXPLAINED.has(key(f)));
      expect(unexplained.map((f) => `${key(f)}:${f.location?.line ?? ''} ${f.description ?? ''}`)).toEqual([]);
    } finally {
      fs.rmSync(stage, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      // The late report write: retry for up to 10 s, so no folder is left behind.
      await removeWhenQuiet(report, 40, 250);
    }
  }, 120_000);
});
