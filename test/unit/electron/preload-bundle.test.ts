/** A sandboxed preload may require only `electron`: check the built bundle, not just the source. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('preload bundle', () => {
  it('is CommonJS and requires nothing but electron', () => {
    const root = path.resolve(__dirname, '../../..');
    const out = path.join(root, 'out/preload/preload.cjs');
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
    const code = fs.readFileSync(out, 'utf8');
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/^import /m);
  }, 120_000);
});
