/**
 * The GitHub workflows cannot run here: validate them against GitHub's schema offline with
 * @action-validator/core (the engine of @action-validator/cli), and check they do what the
 * release process needs.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const dir = path.join(root, '.github', 'workflows');
const require = createRequire(import.meta.url);
const validator = require('@action-validator/core') as { validateWorkflow(src: string): { errors: unknown[] } };

interface Step {
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, { tags?: string[]; branches?: string[] } | null>;
  jobs: Record<string, { needs?: string | string[]; 'runs-on': string; strategy?: { matrix: { os?: string[]; include?: { os: string; args: string }[] } }; steps: Step[]; container?: unknown }>;
}
const load = (f: string) => parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Workflow;
const runs = (w: Workflow, job: string) => w.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

describe('GitHub workflows', () => {
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  it('are valid workflow files (action-validator, offline)', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
    for (const f of files) {
      const result = validator.validateWorkflow(fs.readFileSync(path.join(dir, f), 'utf8'));
      expect(result.errors, f).toEqual([]);
    }
  });

  it('the validator does catch a broken workflow', () => {
    expect(validator.validateWorkflow('on: push\njobs:\n  a:\n    steps: 3\n').errors.length).toBeGreaterThan(0);
  });

  it('pull requests run the whole suite on Linux and the Electron smoke test on Linux, Windows and macOS', () => {
    const ci = load('ci.yml');
    expect(Object.keys(ci.on)).toContain('pull_request');
    expect(runs(ci, 'test')).toContain('bash .ci/run');
    const smoke = ci.jobs['electron-smoke']!;
    expect(smoke.strategy!.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
    expect(runs(ci, 'electron-smoke')).toContain('npx playwright test --config playwright.electron.config.ts');
    expect(runs(ci, 'electron-smoke')).toContain('xvfb');
    expect(smoke.steps.some((s) => s.env?.DOCKSIDE_REQUIRE_ELECTRON === '1')).toBe(true);
  });

  it('a v* tag builds every installer into one draft release, then checksums it', () => {
    const rel = load('release.yml');
    expect(rel.on.push!.tags).toEqual(['v*']);
    expect(runs(rel, 'draft')).toContain('gh release create "$GITHUB_REF_NAME" --draft');
    const builds = rel.jobs.build!.strategy!.matrix.include!;
    expect(builds.map((b) => b.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const args = builds.map((b) => b.args).join(' ');
    for (const t of ['AppImage', 'deb', '--x64', '--arm64', 'nsis', 'dmg', 'zip', '--universal']) expect(args).toContain(t);
    expect(rel.jobs.build!.needs).toBe('draft');
    expect(rel.jobs.checksums!.needs).toBe('build');
    expect(runs(rel, 'checksums')).toContain('sha256sum');
    const env = rel.jobs.build!.steps.find((s) => s.run?.includes('npm run dist'))!.env!;
    expect(env.DOCKSIDE_PUBLISH).toBe('always');
    for (const secret of ['CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'WIN_CSC_LINK']) expect(Object.keys(env)).toContain(secret);
  });
});
