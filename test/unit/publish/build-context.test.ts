import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { packContext, scanContext } from '../../../main/publish/build-context';
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

describe('build context symlinks never lead the upload outside', () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-outside-'));
  const SECRET = 'SECRET-FROM-OUTSIDE-THE-CONTEXT';
  fs.writeFileSync(path.join(outside, 'id_rsa'), SECRET);
  fs.mkdirSync(path.join(outside, 'dir'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'dir/inner.txt'), SECRET);
  fs.writeFileSync(path.join(outside, 'Dockerfile'), 'FROM x\n');
  afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

  const tarOf = async (scan: ReturnType<typeof scanContext>): Promise<Buffer> => {
    const parts: Buffer[] = [];
    for await (const c of packContext(scan)) parts.push(c as Buffer);
    return Buffer.concat(parts);
  };

  it('sends a link to a file or folder outside as a link, never the content', async () => {
    make({ Dockerfile: 'FROM x\n', 'app.js': 'inside' });
    fs.symlinkSync(path.join(outside, 'id_rsa'), path.join(dir, 'key'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(dir, 'linked-dir'));
    fs.symlinkSync('../../../../../../etc/passwd', path.join(dir, 'passwd'));
    const scan = scanContext(dir, 'Dockerfile');
    expect(scan.entries.sort()).toEqual(['Dockerfile', 'app.js', 'key', 'linked-dir', 'passwd']);
    const bytes = await tarOf(scan);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from('root:x:0:0'))).toBe(false);
    expect(bytes.includes(Buffer.from('inside'))).toBe(true);
    // The links are there as links (their target path), like the docker CLI sends them.
    expect(bytes.includes(Buffer.from(path.join(outside, 'id_rsa')))).toBe(true);
  });

  it('refuses a Dockerfile that is a link to a file outside the context', () => {
    make({ 'app.js': 'x' });
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(dir, 'Dockerfile'));
    expect(() => scanContext(dir, 'Dockerfile')).toThrow(/outside the build context/);
  });

  it('refuses a Dockerfile reached through a linked folder that leads outside', () => {
    make({ 'app.js': 'x' });
    fs.symlinkSync(outside, path.join(dir, 'sub'));
    expect(() => scanContext(dir, 'sub/Dockerfile')).toThrow(/outside the build context/);
  });
});
