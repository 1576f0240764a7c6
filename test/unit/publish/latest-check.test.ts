import { describe, expect, it } from 'vitest';
import { compareSemver, latestNotices, parseSemver, releaseTags, splitTag } from '../../../main/publish/latest-check';
import { parseStep, BuildLogReader } from '../../../main/publish/build-log';
import { parseChallenge, splitRepository } from '../../../main/publish/registry-api';

describe('semver and latest', () => {
  it('parses and orders versions, pre-releases before the release', () => {
    const sorted = ['1.10.0', '1.2.0', 'v1.2.1', '1.2.1-rc1', '0.9.9'].map((t) => parseSemver(t)!).sort(compareSemver);
    expect(sorted.map((v) => `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}`)).toEqual(['0.9.9', '1.2.0', '1.2.1-rc1', '1.2.1', '1.10.0']);
    expect(parseSemver('latest')).toBeNull();
  });
  it('splits tags without mistaking a registry port for a tag', () => {
    expect(splitTag('localhost:5000/web')).toEqual(['localhost:5000/web', 'latest']);
    expect(splitTag('localhost:5000/web:1.2.3')).toEqual(['localhost:5000/web', '1.2.3']);
  });
  it('flags a repository whose latest is not its newest version', () => {
    const images = [
      { id: 'a', repoTags: ['shop:1.0.0', 'shop:latest'] },
      { id: 'b', repoTags: ['shop:1.1.0'] },
      { id: 'c', repoTags: ['blog:2.0.0', 'blog:latest'] },
      { id: 'd', repoTags: ['<none>:<none>'] },
    ];
    expect(latestNotices(images)).toEqual([{ repository: 'shop', latestImageId: 'a', newestTag: '1.1.0', newestImageId: 'b' }]);
  });
  it('gives a release its version and latest', () => {
    expect(releaseTags('localhost:5000/shop', 'v5.4.6')).toEqual(['localhost:5000/shop:5.4.6', 'localhost:5000/shop:latest']);
  });
});

describe('build log', () => {
  it('follows steps, the image id and the failing step', () => {
    expect(parseStep('Step 2/5 : RUN make')).toEqual({ step: 2, total: 5, instruction: 'RUN make' });
    const r = new BuildLogReader();
    r.push({ stream: 'Step 1/2 : FROM base\n' });
    r.push({ stream: ' ---> 123\n' });
    r.push({ stream: 'Step 2/2 : RUN false\n' });
    r.push({ errorDetail: { message: "The command '/bin/sh -c false' returned a non-zero code: 1", code: 1 }, error: 'x' });
    expect(r.current).toEqual({ step: 2, total: 2, instruction: 'RUN false' });
    expect(r.error).toMatch(/non-zero code: 1/);
    const ok = new BuildLogReader();
    ok.push({ aux: { ID: 'sha256:abc' } });
    expect(ok.imageId).toBe('sha256:abc');
  });
});

describe('registry api helpers', () => {
  it('splits repositories and picks http only for loopback', () => {
    expect(splitRepository('127.0.0.1:5000/shop/web:1.0')).toEqual({ registry: '127.0.0.1:5000', path: 'shop/web', baseUrl: 'http://127.0.0.1:5000' });
    expect(splitRepository('nginx')).toEqual({ registry: 'docker.io', path: 'library/nginx', baseUrl: 'https://registry-1.docker.io' });
    expect(splitRepository('ghcr.io/me/app').baseUrl).toBe('https://ghcr.io');
  });
  it('parses a Bearer challenge', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' },
    });
  });
});

import { dockerCommand as publishCommand } from '../../../main/engine/docker-command';
import { parse } from 'shell-quote';

describe('publish commands', () => {
  it('keep registry ports, tags and build args readable and still paste-safe', () => {
    const c = publishCommand('build', '-t', '127.0.0.1:5000/app:1.0', '--build-arg', 'A=b c', '/tmp/my ctx');
    expect(c).toBe("docker build -t 127.0.0.1:5000/app:1.0 --build-arg 'A=b c' '/tmp/my ctx'");
    expect(parse(c)).toEqual(['docker', 'build', '-t', '127.0.0.1:5000/app:1.0', '--build-arg', 'A=b c', '/tmp/my ctx']);
  });

  it("reads Podman's STEP n/m: lines (recorded from Podman 4.3's build endpoint)", () => {
    const r = new BuildLogReader();
    const steps = [
      { stream: 'STEP 1/4: FROM dockside-test/web:latest\n' },
      { stream: 'STEP 2/4: RUN echo hi > /tmp/x\n' },
      { stream: '--> 06f0e28a2ec\n' },
      { stream: 'STEP 3/4: LABEL dockside.test=dbg\n' },
    ].map((l) => r.push(l).step);
    expect(steps.map((s) => s?.step ?? null)).toEqual([1, 2, null, 3]);
    expect(r.current).toEqual({ step: 3, total: 4, instruction: 'LABEL dockside.test=dbg' });
    r.push({ aux: { ID: 'sha256:17fc9332aaf522be8f27dd238f1511333ed308eecf625bac5bc32dbae65c274b' } });
    expect(r.imageId).toMatch(/^sha256:17fc93/);
  });
});
