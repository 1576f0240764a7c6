/**
 * Lays out the topology diagram (pure, unit-tested): the host with its published ports at the
 * top, one column per network with its containers stacked inside, `--network none` containers
 * in an "isolated" column, and an edge from each host port to the container that publishes it.
 * Columns wrap into rows so 30+ containers stay readable; the SVG scrolls if it must.
 */
import type { ContainerSummary, NetworkSummary } from '../../../../main/contract';

export const COL_W = 220;
export const NODE_H = 46;
const GAP = 24;
const PAD = 22;
const PORT_W = 104;
const PORT_H = 26;
const HEADER_H = 44;
const NODE_GAP = 8;

export interface TopoPort {
  key: string;
  label: string;
  hostPort: number;
  containerPort: number;
  containerName: string;
  containerId: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TopoColumn {
  key: string;
  name: string;
  kind: 'bridge' | 'custom' | 'host' | 'isolated';
  subtitle: string;
  internal: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TopoNode {
  key: string;
  containerId: string;
  name: string;
  state: ContainerSummary['state'];
  network: string;
  address: string;
  /** Published host ports of this container ("8080→80"), shown on the box. */
  published: string[];
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TopoEdge {
  key: string;
  from: string;
  to: string;
  path: string;
}

export interface Topology {
  width: number;
  height: number;
  host: { x: number; y: number; w: number; h: number };
  ports: TopoPort[];
  columns: TopoColumn[];
  nodes: TopoNode[];
  edges: TopoEdge[];
}

function columnKind(n: NetworkSummary): TopoColumn['kind'] {
  if (n.name === 'none') return 'isolated';
  if (n.name === 'host' || n.driver === 'host') return 'host';
  if (n.name === 'bridge') return 'bridge';
  return 'custom';
}

/** `maxWidth` is the room available; columns wrap to fit it (at least one per row). */
export function layoutTopology(networks: NetworkSummary[], containers: ContainerSummary[], maxWidth = 1100): Topology {
  const byId = new Map(containers.map((c) => [c.id, c]));
  const perRow = Math.max(1, Math.floor((maxWidth - PAD * 2 + GAP) / (COL_W + GAP)));

  // Which networks get a column: every user-defined one, and built-in ones only when used.
  const shown = networks.filter((n) => !n.builtin || n.containers.length > 0 || n.name === 'none');
  const order: Record<TopoColumn['kind'], number> = { custom: 0, bridge: 1, host: 2, isolated: 3 };
  shown.sort((a, b) => order[columnKind(a)] - order[columnKind(b)] || a.name.localeCompare(b.name));

  // Ports, wrapped across the host band.
  const portsRaw: Omit<TopoPort, 'x' | 'y' | 'w' | 'h'>[] = [];
  for (const c of containers) {
    for (const p of c.ports) {
      if (!p.hostPort) continue;
      const key = `port:${p.hostPort}/${p.protocol}:${c.id}`;
      if (portsRaw.some((q) => q.key === key)) continue;
      portsRaw.push({ key, label: `:${p.hostPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`, hostPort: p.hostPort, containerPort: p.containerPort, containerName: c.name, containerId: c.id });
    }
  }
  portsRaw.sort((a, b) => a.hostPort - b.hostPort);
  const contentW = Math.max(COL_W, Math.min(shown.length, perRow) * (COL_W + GAP) - GAP);
  const portsPerRow = Math.max(1, Math.floor((contentW - PAD + 8) / (PORT_W + 8)));
  const portRows = Math.max(1, Math.ceil(portsRaw.length / portsPerRow));
  const hostTop = PAD;
  const portsTop = hostTop + 30;
  const hostH = 30 + portRows * (PORT_H + 8) + 6;
  const ports: TopoPort[] = portsRaw.map((p, i) => ({
    ...p,
    x: PAD + 8 + (i % portsPerRow) * (PORT_W + 8),
    y: portsTop + Math.floor(i / portsPerRow) * (PORT_H + 8),
    w: PORT_W,
    h: PORT_H,
  }));
  const host = { x: PAD, y: hostTop, w: contentW, h: hostH };

  // Columns in rows; each row as tall as its tallest column.
  const columns: TopoColumn[] = [];
  const nodes: TopoNode[] = [];
  let rowTop = hostTop + hostH + 48;
  for (let r = 0; r * perRow < shown.length; r++) {
    const row = shown.slice(r * perRow, (r + 1) * perRow);
    const rowH = Math.max(...row.map((n) => HEADER_H + Math.max(1, n.containers.length) * (NODE_H + NODE_GAP) + NODE_GAP));
    row.forEach((n, i) => {
      const kind = columnKind(n);
      const x = PAD + i * (COL_W + GAP);
      const subnet = n.subnets.map((s) => s.subnet).join(', ');
      columns.push({
        key: `net:${n.id}`,
        name: kind === 'isolated' ? 'isolated (--network none)' : n.name,
        kind,
        subtitle: kind === 'isolated' ? 'no interface but lo' : [n.driver, subnet, n.internal ? 'internal' : ''].filter(Boolean).join(' · '),
        internal: n.internal,
        x,
        y: rowTop,
        w: COL_W,
        h: rowH,
      });
      n.containers.forEach((ep, j) => {
        const c = byId.get(ep.containerId);
        nodes.push({
          key: `node:${n.id}:${ep.containerId}`,
          containerId: ep.containerId,
          name: ep.containerName,
          state: c?.state ?? ep.state,
          network: n.name,
          address: kind === 'isolated' ? 'no network' : ep.ipv4 ? ep.ipv4.replace(/\/\d+$/, '') : ep.state === 'running' ? '' : 'stopped',
          published: (c?.ports ?? []).filter((p) => p.hostPort).map((p) => `${p.hostPort}→${p.containerPort}`),
          x: x + 10,
          y: rowTop + HEADER_H + j * (NODE_H + NODE_GAP),
          w: COL_W - 20,
          h: NODE_H,
        });
      });
    });
    rowTop += rowH + GAP;
  }

  // Edges: host port -> the container's box on its first network that has one. Routed through
  // the gaps (down below the host, along the gutter left of the column, into the box's side)
  // so they never cross another box; a small per-edge offset keeps parallel lanes apart.
  const edges: TopoEdge[] = [];
  const hostGapTop = hostTop + hostH;
  ports.forEach((p, i) => {
    const node = nodes.find((n) => n.containerId === p.containerId);
    if (!node) return;
    const lane = i % 5;
    const x1 = p.x + p.w / 2;
    const y1 = p.y + p.h;
    const yGap = hostGapTop + 12 + lane * 6;
    const xGutter = node.x - 10 - GAP / 2 + (lane - 2) * 3;
    const yNode = node.y + node.h / 2;
    edges.push({
      key: `edge:${p.key}`,
      from: p.key,
      to: node.key,
      path: `M${x1},${y1} V${yGap} H${xGutter} V${yNode} H${node.x}`,
    });
  });

  const width = PAD * 2 + contentW;
  const height = Math.max(rowTop, hostTop + hostH + 60) + PAD;
  return { width, height, host, ports, columns, nodes, edges };
}
