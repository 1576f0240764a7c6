import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

describe('guardProcess', () => {
  it('a closed stdout and stderr end the logging, not the process, and start no error loop', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-guard-'));
    const out = path.join(dir, 'result.json');
    // The child logs on, after its reader went away; then reports how many errors escaped.
    const script = `
      import fs from 'node:fs';
      import { escapedErrorCount, guardProcess } from ${JSON.stringify(path.join(ROOT, 'main/service/process-guard.ts'))};
      guardProcess();
      process.stdin.once('data', () => {
        const t = setInterval(() => { console.log('still here'); console.error('still here'); }, 5);
        setTimeout(() => {
          clearInterval(t);
          fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ escaped: escapedErrorCount(), cpuMs: process.cpuUsage().user / 1000 }));
          process.exit(0);
        }, 600);
      });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      await new Promise((r) => setTimeout(r, 1500)); // tsx compiles the guard
      child.stdout.destroy();
      child.stderr.destroy();
      child.stdin.write('go\n');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { escaped: number };
      // One escaped error per closed stream at most would already be a regression; the loop made thousands.
      expect(result.escaped).toBe(0);
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
