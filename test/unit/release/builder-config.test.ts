/** electron-builder.yml, package.json and the dist script agree with each other. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chooseDist, isLinuxDirOnly } from '../../../build/dist';
import { fuseWire, FUSE_SENTINEL } from '../../../build/electron-standin';
import { LINUX_ICON_SIZES } from '../../../build/icons';
import { HOMEPAGE } from '../../../main/electron/help-topics';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { devDependencies: Record<string, string>; author: { email: string }; repository: { url: string } };
const cfg = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder config', () => {
  it('packs for the Electron version installed, with no native rebuild', () => {
    expect(cfg.electronVersion).toBe(pkg.devDependencies.electron);
    const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(cfg.electronVersion);
    expect(cfg.npmRebuild).toBe(false);
    expect(cfg.buildDependenciesFromSource).toBe(false);
    expect(cfg.files).toEqual(expect.arrayContaining(['!**/node_modules/cpu-features/**']));
  });

  it('has the metadata deb and the update feed need', () => {
    expect(pkg.homepage).toBe(HOMEPAGE);
    expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(pkg.repository.url).toMatch(/github\.com\/[^/]+\/[^/]+\.git$/);
    expect(cfg.linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/);
    expect(cfg.publish).toMatchObject({ provider: 'github', releaseType: 'draft' });
  });

  it('names artifacts with product, version, OS and arch, and builds every target', () => {
    expect(cfg.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    expect(cfg.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(cfg.mac.target).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ]);
  });

  it('turns the dangerous fuses off', () => {
    expect(cfg.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('has the icon set generated from the one SVG', () => {
    expect(fs.readFileSync(path.join(root, 'build/icon.svg'), 'utf8')).toContain('<svg');
    const png = fs.readFileSync(path.join(root, 'build/icon.png'));
    expect(png.readUInt32BE(16)).toBe(1024); // IHDR width
    for (const size of LINUX_ICON_SIZES) {
      const icon = fs.readFileSync(path.join(root, `build/icons/${size}x${size}.png`));
      expect([icon.readUInt32BE(16), icon.readUInt32BE(20)], `${size}px`).toEqual([size, size]);
    }
  });
});

describe('npm run dist', () => {
  it('uses a stand-in only for a Linux dir pack with no real Electron around', () => {
    const noCache = { ELECTRON_CACHE: fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-no-cache-')), HOME: '/nonexistent' };
    expect(isLinuxDirOnly(['--linux', 'dir'])).toBe(true);
    expect(isLinuxDirOnly(['--linux', '--dir'])).toBe(true);
    expect(isLinuxDirOnly(['--linux', 'AppImage', 'deb'])).toBe(false);
    expect(isLinuxDirOnly(['--linux', 'dir', '--win'])).toBe(false);
    expect(chooseDist(['--linux', 'dir'], '45.5.0', noCache, 'x64').standin).toBe(true);
    expect(chooseDist(['--linux', 'AppImage'], '45.5.0', noCache, 'x64')).toMatchObject({ standin: false, electronDist: null });
    expect(chooseDist(['--linux', 'dir'], '45.5.0', { ...noCache, ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, 'x64')).toMatchObject({ standin: false, electronDist: '/opt/electron' });
    fs.writeFileSync(path.join(noCache.ELECTRON_CACHE, 'electron-v45.5.0-linux-x64.zip'), '');
    expect(chooseDist(['--linux', 'dir'], '45.5.0', noCache, 'x64')).toMatchObject({ standin: false, electronDist: noCache.ELECTRON_CACHE });
    fs.rmSync(noCache.ELECTRON_CACHE, { recursive: true, force: true });
  });

  it("the stand-in's fuse wire has Electron's layout: sentinel, version 1, length, one byte per fuse", () => {
    const wire = fuseWire();
    expect(wire.subarray(0, 32).toString('ascii')).toBe(FUSE_SENTINEL);
    expect(wire[32]).toBe(1);
    expect(wire[33]).toBe(wire.length - 34);
    expect([...wire.subarray(34)].every((b) => b === 0x30 || b === 0x31)).toBe(true);
  });
});
