import { describe, expect, it } from 'vitest';
import type { ContainerSummary, NetworkSummary } from '../../../main/contract';
import { layoutTopology } from '../../../renderer/src/views/networks/topology-layout';

function container(id: string, name: string, ports: ContainerSummary['ports'] = []): ContainerSummary {
  return { id, name, image: 'img', imageId: 'sha', command: '', state: 'running', status: 'Up', ports, created: 0, labels: {}, networks: [], mounts: [] };
}
function network(id: string, name: string, members: ContainerSummary[], builtin = false): NetworkSummary {
  return {
    id,
    name,
    driver: name === 'none' ? 'null' : 'bridge',
    scope: 'local',
    internal: false,
    builtin,
    subnets: name === 'none' ? [] : [{ subnet: '10.0.0.0/24' }],
    created: '',
    labels: {},
    containers: members.map((c, i) => ({ containerId: c.id, containerName: c.name, state: c.state, ipv4: `10.0.0.${i + 2}/24`, aliases: [] })),
  };
}
const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('topology layout', () => {
  it('draws the lab: the load balancer tied to its host port, app servers with no port, none isolated', () => {
    const lb = container('lb', 'lab-lb', [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }]);
    const a1 = container('a1', 'lab-app1');
    const a2 = container('a2', 'lab-app2');
    const off = container('off', 'offline');
    const topo = layoutTopology([network('n1', 'lab-net', [lb, a1, a2]), network('nb', 'bridge', [], true), network('nn', 'none', [off], true), network('nh', 'host', [], true)], [lb, a1, a2, off]);
    expect(topo.columns.map((c) => c.name)).toEqual(['lab-net', 'isolated (--network none)']);
    expect(topo.ports.map((p) => p.hostPort)).toEqual([8080]);
    expect(topo.edges).toHaveLength(1);
    expect(topo.edges[0]!.to).toBe('node:n1:lb');
    expect(topo.nodes.find((n) => n.containerId === 'off')!.address).toBe('no network');
    expect(topo.nodes.find((n) => n.containerId === 'a1')!.published).toEqual([]);
  });

  it('keeps 30 containers on 6 networks apart and inside the drawing, wrapping columns to the width', () => {
    const all: ContainerSummary[] = [];
    const nets: NetworkSummary[] = [];
    for (let n = 0; n < 6; n++) {
      const members = Array.from({ length: 5 }, (_, i) => container(`c${n}-${i}`, `svc-${n}-${i}`, i === 0 ? [{ containerPort: 80, hostPort: 9000 + n, protocol: 'tcp' }] : []));
      all.push(...members);
      nets.push(network(`n${n}`, `net-${n}`, members));
    }
    const topo = layoutTopology(nets, all, 800);
    expect(topo.nodes).toHaveLength(30);
    expect(topo.width).toBeLessThanOrEqual(800);
    expect(new Set(topo.columns.map((c) => c.y)).size).toBeGreaterThan(1);
    for (let i = 0; i < topo.nodes.length; i++) {
      const a = topo.nodes[i]!;
      expect(a.x + a.w).toBeLessThanOrEqual(topo.width);
      expect(a.y + a.h).toBeLessThanOrEqual(topo.height);
      for (let j = i + 1; j < topo.nodes.length; j++) expect(overlaps(a, topo.nodes[j]!)).toBe(false);
    }
    for (const p of topo.ports) expect(overlaps(p, topo.host) && p.x + p.w <= topo.host.x + topo.host.w).toBe(true);
    expect(topo.edges).toHaveLength(6);
    // Edges run in the gaps: their vertical lane lies outside every column, inside the drawing.
    for (const e of topo.edges) {
      const x = Number(/ H(-?[\d.]+) V/.exec(e.path)![1]);
      expect(x).toBeGreaterThan(0);
      for (const c of topo.columns) expect(x > c.x && x < c.x + c.w).toBe(false);
    }
  });
});
