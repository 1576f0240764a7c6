/** A fresh data folder per test file (never a fixed /tmp path two runs could share), removed after. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDataDir(what: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockside-${what}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Removes a folder that a process which just ended may still be writing to (Chromium's profile,
 * a report written late): tries again every `delayMs` until it goes, at most `tries` times.
 */
export async function removeWhenQuiet(dir: string, tries: number, delayMs: number): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}
