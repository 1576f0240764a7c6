import { describe, expect, it } from 'vitest';
import { toDiskUsage } from '../../../main/disk/disk-usage';
import { humanSize } from '../../../main/disk/human-size';
import { apiAtLeast, idPattern, pruneCommand, untilFilter } from '../../../main/disk/prune';

describe('humanSize (go-units, as the docker CLI prints)', () => {
  it.each([
    [0, 4, '0B'],
    [6, 4, '6B'],
    [1983000, 4, '1.983MB'],
    [1982998, 3, '1.98MB'],
    [41860000, 4, '41.86MB'],
    [999, 4, '999B'],
    [1000, 4, '1kB'],
    [1500000000, 4, '1.5GB'],
  ])('%d bytes, precision %d -> %s', (n, p, s) => expect(humanSize(n, p)).toBe(s));
});

describe('toDiskUsage: the docker CLI summary arithmetic', () => {
  const u = toDiskUsage({
    LayersSize: 1000,
    Images: [
      { Id: 'a', RepoTags: ['web:1'], Created: 1, Size: 600, SharedSize: 100, Containers: 2 },
      { Id: 'b', RepoTags: ['<none>:<none>'], Created: 1, Size: 500, SharedSize: 100, Containers: 0 },
    ],
    Containers: [
      { Id: 'c1', Names: ['/up'], Image: 'web:1', Command: 'x', Created: 1, State: 'running', Status: 'Up', SizeRw: 10 },
      { Id: 'c2', Names: ['/down'], Image: 'web:1', Command: 'x', Created: 1, State: 'exited', Status: 'Exited', SizeRw: 7, Mounts: [{ Type: 'volume' }, { Type: 'bind' }] },
    ],
    Volumes: [
      { Name: 'used', Driver: 'local', UsageData: { Size: 50, RefCount: 1 } },
      { Name: 'free', Driver: 'local', UsageData: { Size: 30, RefCount: 0 } },
      { Name: 'remote', Driver: 'nfs', UsageData: { Size: -1, RefCount: -1 } },
    ],
    BuildCache: [
      { ID: 'x', Type: 'regular', Size: 40, Shared: false, InUse: false, CreatedAt: '', UsageCount: 1 },
      { ID: 'y', Type: 'regular', Size: 20, Shared: true, InUse: false, CreatedAt: '', UsageCount: 1 },
      { ID: 'z', Type: 'regular', Size: 5, Shared: false, InUse: true, CreatedAt: '', UsageCount: 1 },
    ],
  });
  const row = (t: string) => u.summary.find((r) => r.type === t)!;
  it('images: size is the layers total; what containers use is not reclaimable', () => {
    expect(row('images')).toMatchObject({ total: 2, active: 1, size: 1000, reclaimable: 500 });
    expect(u.images[1]!.repoTags).toEqual([]);
    expect(u.images[0]!.uniqueSize).toBe(500);
  });
  it('containers: writable layers; stopped ones are reclaimable', () => {
    expect(row('containers')).toMatchObject({ total: 2, active: 1, size: 17, reclaimable: 7 });
    expect(u.containers[1]).toMatchObject({ name: 'down', localVolumes: 1 });
  });
  it('volumes: unknown sizes count as 0; unused ones are reclaimable', () => {
    expect(row('volumes')).toMatchObject({ total: 3, active: 1, size: 80, reclaimable: 30 });
  });
  it('build cache: shared records do not count; in-use ones are not reclaimable', () => {
    expect(row('build-cache')).toMatchObject({ total: 3, active: 1, size: 45, reclaimable: 40 });
  });
});

describe('prune commands and filters', () => {
  it('until is seconds.nanoseconds with whole milliseconds', () => {
    expect(untilFilter(1700000000.1234)).toBe('1700000000.123000000');
    expect(untilFilter(1700000000)).toBe('1700000000.000000000');
  });
  it('shows the command that does the same', () => {
    expect(pruneCommand({ target: 'images', all: true, labels: ['a=b'] }, 1700000000.5, [], '1.41')).toBe(
      'docker image prune --force --all --filter until=1700000000.500000000 --filter label=a=b',
    );
    expect(pruneCommand({ target: 'volumes', all: true, labels: [] }, null, [], '1.41')).toBe('docker volume prune --force');
    expect(pruneCommand({ target: 'volumes', all: true, labels: [] }, null, [], '1.43')).toBe('docker volume prune --force --all');
    expect(pruneCommand({ target: 'build-cache', all: false, labels: [] }, null, ['ab', 'cd'], '1.41')).toBe("docker builder prune --force --filter 'id=^(ab|cd)$'");
  });
  it('compares API versions numerically', () => {
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('1.100', '1.42')).toBe(true);
    expect(idPattern(['a'])).toBe('^(a)$');
  });
});
