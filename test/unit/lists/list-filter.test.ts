import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../../../main/contract';
import { containerTexts, imageTexts, networkTexts, portTexts, volumeTexts } from '../../../renderer/src/views/lists/list-fields';
import { filterItems, matchesTerms, queryTerms } from '../../../renderer/src/views/lists/list-filter';

function container(name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary {
  return { id: `${name}-0123456789abcdef`, name, image: 'nginx:1.27', imageId: 'sha256:aa', command: '', state: 'running', status: 'Up 2 minutes', ports: [], created: 0, labels: {}, networks: [], mounts: [], ...extra };
}

describe('filter matching', () => {
  it('splits the query into lower-case words and needs every word somewhere', () => {
    expect(queryTerms('  Web   8080 ')).toEqual(['web', '8080']);
    expect(matchesTerms(['shop-web', '8080'], ['web', '8080'])).toBe(true);
    expect(matchesTerms(['shop-web'], ['web', '8080'])).toBe(false);
    expect(matchesTerms(['anything'], [])).toBe(true);
  });

  it('finds one container among 40 by part of its name, keeping the list order', () => {
    const list = Array.from({ length: 40 }, (_, i) => container(`app-${i}`));
    list[17] = container('needle-store');
    expect(filterItems(list, 'dle-st', containerTexts).map((c) => c.name)).toEqual(['needle-store']);
    expect(filterItems(list, '', containerTexts)).toHaveLength(40);
    expect(filterItems(list, 'APP-1', containerTexts).map((c) => c.name)).toEqual(['app-1', 'app-10', 'app-11', 'app-12', 'app-13', 'app-14', 'app-15', 'app-16', 'app-18', 'app-19']);
  });

  it('matches containers by image, id, label and published port', () => {
    const web = container('web', {
      image: 'shop/web:2',
      id: 'f00dbabe1234',
      labels: { 'com.docker.compose.project': 'shop' },
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    });
    const db = container('db', { ports: [{ containerPort: 5432, protocol: 'tcp' }] });
    const list = [web, db];
    const names = (q: string) => filterItems(list, q, containerTexts).map((c) => c.name);
    expect(names('shop/web')).toEqual(['web']);
    expect(names('f00dba')).toEqual(['web']);
    expect(names('compose.project=shop')).toEqual(['web']);
    expect(names('8080')).toEqual(['web']);
    expect(names('8080:80')).toEqual(['web']);
    expect(names('5432/tcp')).toEqual(['db']);
    expect(names('nothing-like-this')).toEqual([]);
    expect(portTexts(web)).toContain('127.0.0.1:8080');
  });

  it('matches images, volumes and networks by their own fields', () => {
    const img: ImageSummary = { id: 'sha256:abc123', repoTags: ['caddy:2'], repoDigests: [], size: 1, created: 0, dangling: false, containers: ['lb'], labels: { team: 'edge' } };
    const dangling: ImageSummary = { ...img, id: 'sha256:def456', repoTags: [], dangling: true, containers: [], labels: {} };
    expect(filterItems([img, dangling], 'none', imageTexts)).toEqual([dangling]);
    expect(filterItems([img, dangling], 'team=edge', imageTexts)).toEqual([img]);
    const vol: VolumeSummary = { name: 'pgdata', driver: 'local', mountpoint: '/var/lib/docker/volumes/pgdata/_data', created: '', labels: {}, containers: ['db'] };
    expect(filterItems([vol], 'db', volumeTexts)).toEqual([vol]);
    const net: NetworkSummary = { id: 'n1', name: 'backend', driver: 'bridge', scope: 'local', internal: false, builtin: false, subnets: [{ subnet: '10.9.0.0/24' }], created: '', labels: {}, containers: [] };
    expect(filterItems([net], '10.9.0', networkTexts)).toEqual([net]);
  });
});
