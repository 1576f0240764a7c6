import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanContext } from '../../../main/publish/build-context';
import { buildCommand } from '../../../main/publish/build-command';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function make(files: Record<string, string>): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-ctx-'));
  for (const [f, c] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), c);
  }
  return dir;
}

describe('build context', () => {
  it('honours .dockerignore (folders, globs, re-includes) and always keeps the Dockerfile', () => {
    make({
      Dockerfile: 'FROM x\n',
      '.dockerignore': '# comment\nnode_modules\n*.log\nDockerfile\ndocs\n!docs/keep.md\n',
      'app.js': '1234',
      'debug.log': 'xx',
      'node_modules/a/index.js': 'x',
      'docs/drop.md': 'x',
      'docs/keep.md': 'k',
    });
    const s = scanContext(dir, 'Dockerfile');
    expect(s.entries.sort()).toEqual(['.dockerignore', 'Dockerfile', 'app.js', 'docs/keep.md']);
    expect(s.sizeBytes).toBe(fs.statSync(path.join(dir, '.dockerignore')).size + 7 + 4 + 1);
    expect(s.hasDockerignore).toBe(true);
  });
  it('skips an ignored folder whole when nothing re-includes', () => {
    make({ Dockerfile: 'FROM x\n', '.dockerignore': 'node_modules\n', 'node_modules/a/b.js': 'x', 'node_modules/c.js': 'y' });
    const s = scanContext(dir, 'Dockerfile');
    expect(s).toMatchObject({ fileCount: 2, ignoredCount: 1 });
  });
  it('names the field that is wrong', () => {
    make({ 'x.txt': '' });
    expect(() => scanContext(dir, 'Dockerfile')).toThrow(/There is no Dockerfile in/);
    expect(() => scanContext(dir, '../etc/passwd')).toThrow(/must be inside the build context/);
    expect(() => scanContext(path.join(dir, 'x.txt'), 'Dockerfile')).toThrow(/is not a folder/);
  });
  it('renders the docker build line', () => {
    expect(buildCommand({ contextPath: '/src', dockerfile: 'build/Dockerfile', tags: ['a:1', 'a:latest'], buildArgs: { V: '1' }, target: 'prod', noCache: true })).toBe(
      'docker build -t a:1 -t a:latest -f /src/build/Dockerfile --build-arg V=1 --target prod --no-cache /src',
    );
  });
});
