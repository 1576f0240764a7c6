/** A fresh data folder per test file (never a fixed /tmp path two runs could share), removed after. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDataDir(what: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dockside-${what}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
