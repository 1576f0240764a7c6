/**
 * PACKAGING CHECK, AN EMULATION. Electron's binary cannot run on this machine, so:
 * 1. `npm run dist -- --linux dir` builds and packs with real electron-builder over the real
 *    Electron distribution when one is available (ELECTRON_OVERRIDE_DIST_PATH or a cached zip),
 *    else over a stand-in with the same layout (build/electron-standin.ts);
 * 2. the packed asar and the fuses are read back;
 * 3. the packaged main bundle (extracted from the asar) boots under plain Node with a stand-in
 *    `electron` module (test/support/electron-emulation/electron.mjs), and the packaged renderer
 *    and preload run in Debian's Chromium through main's real protocol handler, IPC handlers,
 *    permission handler and navigation guards, against the real engine.
 * This does not replace test/e2e/electron-smoke.spec.ts, which runs the real Electron.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type Docker from 'dockerode';
import { isStandin } from '../../build/electron-standin';
import { runContainer } from '../support/engine';
import { bootPackagedMain, preloadShim, type EmulatedApp } from '../support/electron-emulation/boot';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';
import { CHROMIUM } from './fixtures';

// One ASCII byte per fuse on the wire: '0' off, '1' on.
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
const root = fileURLToPath(new URL('../..', import.meta.url));
const reuse = process.env.DOCKSIDE_EMULATION_REUSE_DIST === '1';
// Packed into a folder of its own, removed afterwards (the developer's dist/ is left alone).
let output = '';
let unpacked = '';
let asarPath = '';

test.describe.configure({ mode: 'serial' });

let files: string[] = [];
let appDir = '';
let distSeconds = 0;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  output = reuse ? path.join(root, 'dist') : fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-dist-'));
  unpacked = path.join(output, 'linux-unpacked');
  asarPath = path.join(unpacked, 'resources', 'app.asar');
  const started = Date.now();
  // DOCKSIDE_EMULATION_REUSE_DIST=1 reuses dist/linux-unpacked (from `npm run dist -- --linux dir`) while working on this file.
  const r = reuse && fs.existsSync(asarPath) ? { status: 0, stdout: '', stderr: '' } : spawnSync('npm', ['run', 'dist', '--', '--linux', 'dir', `-c.directories.output=${output}`], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
  distSeconds = (Date.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`npm run dist -- --linux dir failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  files = listPackage(asarPath, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-packed-app-'));
  extractAll(asarPath, appDir);
  const size = fs.statSync(asarPath).size;
  const modules = files.filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(f)).length;
  console.log(`packaging emulation: npm run dist -- --linux dir took ${distSeconds.toFixed(1)} s; app.asar ${(size / 1024 / 1024).toFixed(1)} MiB, ${files.length} entries, ${modules} packages`);
});

test.afterAll(() => {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
  if (output && !reuse) fs.rmSync(output, { recursive: true, force: true });
});

test('emulation: the packed app.asar holds the built main, preload, renderer, lessons and runtime dependencies, nothing dev-only', () => {
  const has = (f: string) => files.includes(f);
  expect(has('/out/main/electron-main.js')).toBe(true);
  expect(has('/out/preload/preload.cjs')).toBe(true);
  expect(has('/out/renderer/index.html')).toBe(true);
  expect(files.some((f) => /^\/out\/renderer\/assets\/index-[^/]+\.js$/.test(f))).toBe(true);
  const lessons = fs.readdirSync(path.join(root, 'lessons')).filter((f) => f.endsWith('.md'));
  for (const l of lessons) expect(has(`/lessons/${l}`), l).toBe(true);
  // Every runtime dependency is there, and what they need at run time.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), 'docker-modem', 'ssh2', 'builder-util-runtime']) expect(has(`/node_modules/${dep}/package.json`), dep).toBe(true);
  // Nothing dev-only: no dev dependency at the top level, no sources, tests or benchmarks.
  for (const dev of ['vite', 'playwright', '@playwright/test', 'typescript', 'electron', 'electron-builder', 'electron-vite', 'vitest', 'react', 'tsx', '@doyensec/electronegativity', '@types/node']) {
    expect(files.some((f) => f === `/node_modules/${dev}` || f.startsWith(`/node_modules/${dev}/`)), dev).toBe(false);
  }
  for (const prefix of ['/test', '/bench', '/main/', '/renderer/', '/preload/', '/build', '/src', '/dist', '/.github']) {
    expect(files.filter((f) => f === prefix || f.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)), prefix).toEqual([]);
  }
  // ssh2's pure-JS crypto fallback stays; native sources that nothing loads at run time go.
  expect(has('/node_modules/ssh2/lib/protocol/crypto/poly1305.js')).toBe(true);
  expect(files.filter((f) => /cpu-features|\.(cc|gyp|gypi)$/.test(f))).toEqual([]);
  expect(fs.existsSync(path.join(unpacked, 'resources', 'app-update.yml'))).toBe(true);
});

test('emulation: the fuses read back from the packed executable', async () => {
  const exe = path.join(unpacked, 'dockside');
  if (isStandin(exe)) console.log('packaging emulation: fuses read from the STAND-IN executable (same fuse wire as Electron)');
  const wire = await getCurrentFuseWire(exe);
  expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
  expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
});

test.describe('emulation: the packaged main under plain Node with a stand-in electron module, the packaged renderer in Chromium', () => {
  let emu: EmulatedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let container: Docker.Container | null = null;
  const name = testName('packaged');

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // No network needed to be listed (and none to depend on).
    container = await runContainer({ name, image: WEB_IMAGE, networkMode: 'none' });
    // A packaged app must ignore ELECTRON_RENDERER_URL: set one that would hijack it.
    emu = await bootPackagedMain(appDir, path.join(unpacked, 'resources'), { ELECTRON_RENDERER_URL: 'http://localhost:9/' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.exposeBinding('__docksideIpcInvoke', (_src, channel: string, args: unknown[]) => emu.request({ type: 'invoke', channel, args }));
    await context.addInitScript({ content: preloadShim(fs.readFileSync(path.join(appDir, 'out/preload/preload.cjs'), 'utf8')) });
    // Navigations leaving the app go to main's guards, as Electron would ask them.
    await context.route(
      (url) => url.origin !== emu.origin,
      async (route, request) => {
        // A new window's first request has no frame yet.
        let popup: boolean;
        try {
          popup = request.frame().page() !== page;
        } catch {
          popup = true;
        }
        const answer = popup
          ? await emu.request<{ action: string }>({ type: 'window-open', url: request.url() })
          : await emu.request<{ prevented: boolean }>({ type: 'will-navigate', url: request.url() });
        const refused = 'action' in answer ? answer.action === 'deny' : answer.prevented;
        // ERR_ABORTED cancels the navigation without an error page, as Electron's preventDefault does.
        if (refused) await route.abort('aborted');
        else await route.continue();
      },
    );
    page = await context.newPage();
    emu.onSend((channel, args) => {
      page.evaluate(([c, a]) => (globalThis as unknown as { __docksideIpcDeliver(c: string, a: unknown[]): void }).__docksideIpcDeliver(c, a), [channel, args] as const).catch(() => undefined);
    });
  });

  test.afterAll(async () => {
    await context?.close();
    await browser?.close();
    await emu?.stop();
    await container?.remove({ force: true }).catch(() => undefined);
  });

  test('emulation: main registers app://, opens a sandboxed window on app://dockside/ (not the env URL), refuses IPC from other origins and subframes, sets a menu, keeps updates off', async () => {
    const s = await emu.request<{
      privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
      protocolSchemes: string[];
      ipcChannels: string[];
      windows: { url: string; webPreferences: Record<string, unknown> }[];
      menu: { label?: string; role?: string; submenu?: { role?: string; label?: string }[] }[];
      sandboxEnabled: boolean;
    }>({ type: 'state' });
    expect(s.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(s.protocolSchemes).toEqual(['app']);
    expect(s.ipcChannels.sort()).toEqual(['dockside:invoke', 'dockside:subscribe', 'dockside:unsubscribe']);
    expect(s.windows).toHaveLength(1);
    expect(s.windows[0]!.url).toBe('app://dockside/index.html');
    expect(s.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(s.sandboxEnabled).toBe(true);
    expect(s.menu.map((m) => m.label ?? m.role)).toEqual(expect.arrayContaining(['Edit', 'View', 'help']));
    expect(s.menu.find((m) => m.label === 'View')!.submenu!.map((i) => i.role)).not.toContain('toggleDevTools');
    // The packaged IPC handlers answer our top frame and refuse look-alike origins and subframes.
    const list = (extra: Record<string, unknown>) => emu.request({ type: 'invoke', channel: 'dockside:invoke', args: ['containers:list', { all: true }], ...extra });
    expect(await list({})).toMatchObject({ ok: true });
    for (const frameUrl of ['app://dockside.evil/index.html', 'http://localhost:9/', 'file:///index.html']) {
      expect(await list({ frameUrl }), frameUrl).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await list({ subframe: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Not an AppImage: updates stay off and nothing is fetched.
    expect(emu.output()).toContain('updates: off (not an AppImage');
    expect((await emu.request<{ netRequests: string[] }>({ type: 'state' })).netRequests).toEqual([]);
  });

  test('emulation: the packaged renderer lists containers, loads lessons from the package, copies, and refuses external links', async () => {
    test.setTimeout(120_000);
    // Our window's page gets the clipboard from main's permission handler; nothing else does.
    const ask = (permission: string, requestingUrl?: string) => emu.request<boolean>({ type: 'permission', permission, ...(requestingUrl ? { requestingUrl } : {}) });
    expect(await ask('clipboard-sanitized-write')).toBe(true);
    expect(await ask('clipboard-read')).toBe(true);
    expect(await ask('geolocation')).toBe(false);
    expect(await ask('media')).toBe(false);
    expect(await ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: emu.origin });

    const response = await page.goto(`${emu.origin}/index.html`);
    expect(response!.headers()['content-security-policy']).toContain("connect-src 'none'");
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(page.getByTestId(`container-row-${name}`)).toBeVisible();

    // Lessons come from the package (the working directory has none).
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    const lessonFiles = files.filter((f) => /^\/lessons\/\d+-[^/]+\.md$/.test(f));
    await expect(page.getByRole('button', { name: /^Open lesson / })).toHaveCount(lessonFiles.length);
    await page.getByRole('button', { name: 'Open lesson Custom bridge networks' }).click();
    const pane = page.getByRole('complementary', { name: 'Lesson' });
    // "Copied" shows for 1.5 s, which a poll on a loaded machine can miss: the page itself
    // records whether the button said it, from an observer armed before the click.
    const copy = pane.getByRole('button', { name: 'Copy docker network create caddytest' });
    await copy.evaluate((button) => {
      // The node-side tsconfig has no DOM library: the page's globals, typed as far as used here.
      const page = globalThis as unknown as { saidCopied?: boolean; MutationObserver: new (f: () => void) => { observe(node: unknown, options: object): void } };
      page.saidCopied = false;
      new page.MutationObserver(() => {
        if (button.textContent === 'Copied') page.saidCopied = true;
      }).observe(button, { childList: true, characterData: true, subtree: true });
    });
    await copy.click();
    await expect.poll(() => page.evaluate('globalThis.saidCopied')).toBe(true);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('docker network create caddytest');

    // An external link (as lessons render them: target=_blank) is refused in the app and handed
    // to the user's browser; a navigation of the window itself is refused; other schemes go nowhere.
    const here = page.url();
    await page.evaluate(`for (const [href, text] of [['https://docs.docker.com/engine/network/', 'docs link'], ['file:///etc/passwd', 'file link']]) {
      const a = document.createElement('a');
      Object.assign(a, { href, target: '_blank', rel: 'noreferrer noopener', textContent: text });
      document.body.append(a);
    }`);
    // A refused new window may still flash up empty in Chromium (Electron never creates it): close it.
    context.on('page', (p) => void p.close().catch(() => undefined));
    await page.getByText('docs link').click();
    await expect.poll(async () => (await emu.request<{ opened: string[] }>({ type: 'state' })).opened).toEqual(['https://docs.docker.com/engine/network/']);
    await page.getByText('file link').click();
    await page.evaluate("window.location.href = 'https://evil.example/'");
    await expect.poll(async () => (await emu.request<{ opened: string[] }>({ type: 'state' })).opened).toEqual(['https://docs.docker.com/engine/network/', 'https://evil.example/']);
    expect(page.url()).toBe(here);
    await expect(page.getByTestId('engine-status')).toBeVisible();
    expect((await emu.request<{ prevented: boolean }>({ type: 'will-navigate', url: 'file:///etc/passwd' })).prevented).toBe(true);
    expect(await emu.request({ type: 'window-open', url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect((await emu.request<{ opened: string[] }>({ type: 'state' })).opened).toEqual(['https://docs.docker.com/engine/network/', 'https://evil.example/']);
    expect(emu.process.exitCode).toBeNull();
  });

  test('emulation: the build form takes its context from the native folder dialog main opens (no typed path in the desktop app)', async () => {
    const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-emu-context-'));
    const asked = async () => (await emu.request<{ dialogsAsked: { kind: string; parented: boolean; title: string; properties: string[] }[] }>({ type: 'state' })).dialogsAsked;
    try {
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${WEB_IMAGE}\nCOPY . /var/www/\n`);
      fs.writeFileSync(path.join(ctx, 'index.html'), '<h1>shop</h1>\n');
      await page.getByRole('button', { name: 'Build & publish' }).click();
      const folder = page.getByLabel('Folder', { exact: true });
      await expect(folder).toHaveAttribute('readonly', '');
      await expect(page.getByLabel('Folder (absolute path)')).toHaveCount(0);
      // The user cancels the dialog: nothing is chosen.
      await emu.request({ type: 'dialog-answers', open: null });
      await page.getByRole('button', { name: 'Choose folder…' }).click();
      await expect.poll(async () => (await asked()).length).toBe(1);
      await expect(folder).toHaveValue('');
      // The user picks the folder: the form shows it and sizes it at once.
      await emu.request({ type: 'dialog-answers', open: ctx });
      await page.getByRole('button', { name: 'Choose folder…' }).click();
      await expect(folder).toHaveValue(ctx);
      await expect(page.getByTestId('context-report')).toContainText(`Context ${ctx}:`);
      await expect(page.getByTestId('context-report')).toContainText('in 2 files');
      const dialogs = await asked();
      expect(dialogs).toHaveLength(2);
      for (const d of dialogs) expect(d).toMatchObject({ kind: 'open', parented: true, title: 'Choose the build context folder', properties: expect.arrayContaining(['openDirectory']) });
      for (const [w, h] of [[1400, 900], [1024, 700]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: test.info().outputPath(`build-form-desktop-${w}x${h}.png`) });
      }
      await page.setViewportSize({ width: 1400, height: 900 });
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
    }
  });
});

test('emulation: as an AppImage (updates on), the packaged main loads electron-updater and checks the GitHub release feed at start', async () => {
  test.setTimeout(120_000);
  const emu = await bootPackagedMain(appDir, path.join(unpacked, 'resources'), { APPIMAGE: path.join(os.tmpdir(), 'Dockside-emulation.AppImage') });
  try {
    // electron-updater reads app-update.yml from the resources folder and asks GitHub (no network here).
    await expect
      .poll(async () => (await emu.request<{ netRequests: string[] }>({ type: 'state' })).netRequests.some((u) => u.includes('github.com') && u.includes('/dockside/dockside/releases')), { timeout: 30_000 })
      .toBe(true);
    await expect.poll(() => emu.output()).toContain('no network in the emulation');
    expect(emu.process.exitCode).toBeNull();
  } finally {
    await emu.stop();
  }
});
