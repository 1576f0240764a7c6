import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, SettingsStore } from '../../../main/settings/settings-store';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('SettingsStore', () => {
  it('starts from the defaults, writes settings.json, and tells listeners', () => {
    const dir = tmp();
    const store = new SettingsStore(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const seen: string[] = [];
    const off = store.onChange((s) => seen.push(s.theme));
    store.update({ theme: 'dark' });
    off();
    store.update({ notifications: false });
    expect(seen).toEqual(['dark']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark', defaultEngine: '', notifications: false, statsIntervalMs: 2000 });
    expect(new SettingsStore(dir).get().theme).toBe('dark');
  });
  it('keeps what is right in a damaged file and defaults the rest', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'purple', notifications: false, extra: 1 }));
    expect(readSettings(dir)).toEqual({ theme: 'system', defaultEngine: '', notifications: false, statsIntervalMs: 2000 });
    fs.writeFileSync(path.join(dir, 'settings.json'), '{not json');
    expect(readSettings(dir)).toEqual(DEFAULT_SETTINGS);
  });
});
