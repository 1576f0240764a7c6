import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerSummary, NetworkSummary } from '../../../../main/contract';
import { layoutTopology } from './topology-layout';

/**
 * The live topology: host and published ports on top, networks as columns, containers inside.
 * It is computed from the container list (kept live app-wide) and the network list subscription
 * (which follows engine network events), so it redraws as things come and go.
 */
export function Topology({ networks, containers }: { networks: NetworkSummary[]; containers: ContainerSummary[] }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1100);
  useEffect(() => {
    const el = boxRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.max(300, Math.floor(w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const topo = useMemo(() => layoutTopology(networks, containers, width), [networks, containers, width]);
  const running = containers.filter((c) => c.state === 'running').length;

  return (
    <div className="topology" ref={boxRef}>
      <p className="muted">
        {networks.filter((n) => !n.builtin).length} custom network(s), {running} running container(s). Only published ports (top) are reachable
        from the host; containers on a custom network reach each other by name; <code>--network none</code> containers have no way out.
      </p>
      <div className="topology-scroll">
        <svg
          width={topo.width}
          height={topo.height}
          viewBox={`0 0 ${topo.width} ${topo.height}`}
          // A group, not an img: an img would hide the labelled hosts, ports and containers inside.
          role="group"
          aria-labelledby="topology-title"
          data-testid="topology"
        >
          <title id="topology-title">Topology: host, published ports, networks and containers</title>
          <defs>
            <marker id="topo-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L8,4 L0,8 z" className="topo-arrow" />
            </marker>
          </defs>
          <g data-testid="topology-host" aria-label="Host">
            <rect className="topo-host" x={topo.host.x} y={topo.host.y} width={topo.host.w} height={topo.host.h} rx={8} />
            <text className="topo-title" x={topo.host.x + 10} y={topo.host.y + 20}>
              Host (127.0.0.1) · published ports
            </text>
            {topo.ports.length === 0 && (
              <text className="topo-muted" x={topo.host.x + 10} y={topo.host.y + 48}>
                nothing published
              </text>
            )}
          </g>
          {topo.ports.map((p) => (
            <g key={p.key} data-testid={`topology-port-${p.hostPort}`} aria-label={`Host port ${p.hostPort} to ${p.containerName} port ${p.containerPort}`} role="group">
              <title>{`Host port ${p.hostPort} → ${p.containerName}:${p.containerPort}`}</title>
              <rect className="topo-port" x={p.x} y={p.y} width={p.w} height={p.h} rx={13} />
              <text className="topo-port-text" x={p.x + p.w / 2} y={p.y + 17} textAnchor="middle">
                {p.label} → {p.containerPort}
              </text>
            </g>
          ))}
          {topo.columns.map((c) => (
            <g key={c.key} data-testid={`topology-network-${c.kind === 'isolated' ? 'none' : c.name}`} role="group" aria-label={`Network ${c.name}`}>
              <title>{`${c.name} · ${c.subtitle}`}</title>
              <rect className={`topo-net topo-net-${c.kind}`} x={c.x} y={c.y} width={c.w} height={c.h} rx={8} />
              <text className="topo-title" x={c.x + 10} y={c.y + 18}>
                {truncate(c.name, 26)}
              </text>
              <text className="topo-muted" x={c.x + 10} y={c.y + 34}>
                {truncate(c.subtitle, 34)}
              </text>
            </g>
          ))}
          {topo.nodes.map((n) => (
            <g
              key={n.key}
              data-testid={`topology-container-${n.name}`}
              data-network={n.network}
              data-state={n.state}
              role="group"
              aria-label={`Container ${n.name} on ${n.network}${n.address ? `, ${n.address}` : ''}${n.published.length ? `, published ${n.published.join(', ')}` : ''}`}
            >
              <title>{`${n.name} (${n.state}) on ${n.network}${n.address ? ` · ${n.address}` : ''}`}</title>
              <rect className={`topo-node topo-node-${n.state}`} x={n.x} y={n.y} width={n.w} height={n.h} rx={6} />
              <text className="topo-node-name" x={n.x + 8} y={n.y + 18}>
                {truncate(n.name, 26)}
              </text>
              <text className="topo-muted" x={n.x + 8} y={n.y + 35}>
                {truncate([n.state === 'running' ? '' : n.state, n.address, n.published.length ? `⇡ ${n.published.join(' ')}` : ''].filter(Boolean).join(' · '), 32)}
              </text>
            </g>
          ))}
          {topo.edges.map((e) => (
            <path markerEnd="url(#topo-arrow)" key={e.key} className="topo-edge" d={e.path} data-testid={`topology-edge-${e.from.split(':')[1]}`} />
          ))}
        </svg>
      </div>
    </div>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
