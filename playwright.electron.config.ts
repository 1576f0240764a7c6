// The Electron smoke test alone (CI runs it on Linux, Windows and macOS with the real binary).
// No engine clean-up hook: a runner may have no engine, and the smoke test creates nothing.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: 'electron-smoke.spec.ts',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
