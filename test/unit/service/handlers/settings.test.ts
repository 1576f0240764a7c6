import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsCalls } from '../../../../main/service/handlers/settings';
import type { ServiceContext } from '../../../../main/service/types';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('settings:update', () => {
  // Every field of the contract's patch must reach the file: "Sample every" was once dropped here.
  it('saves every field of the patch, the stats interval included', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-settings-h-'));
    dirs.push(dataDir);
    // Only dataDir is read by these calls; the engine is not touched.
    const calls = settingsCalls({ dataDir } as unknown as ServiceContext);
    const after = await calls['settings:update']({ theme: 'dark', notifications: false, statsIntervalMs: 5000, defaultEngine: 'unix:///run/x.sock' });
    expect(after).toEqual({ theme: 'dark', notifications: false, statsIntervalMs: 5000, defaultEngine: 'unix:///run/x.sock' });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ statsIntervalMs: 5000 });
    expect(await calls['settings:get'](undefined as never)).toMatchObject({ statsIntervalMs: 5000 });
  });
});
