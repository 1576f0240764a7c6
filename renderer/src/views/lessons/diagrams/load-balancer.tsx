import { Arrow, Box, Figure } from './parts';

/** Clients reach only the load balancer, which hands requests to the servers in turn. */
export function LoadBalancer() {
  return (
    <Figure
      width={560}
      height={220}
      title="A load balancer in front of three servers"
      description="Three clients send requests to one load balancer. The load balancer forwards request 1 to server 1, request 2 to server 2, request 3 to server 3, and request 4 to server 1 again: round robin."
    >
      {[0, 1, 2].map((i) => (
        <g key={i}>
          <Box x={10} y={30 + i * 60} w={100} h={36} label={`Client ${i + 1}`} />
          <Arrow x1={110} y1={48 + i * 60} x2={220} y2={108} />
          <Box x={430} y={30 + i * 60} w={120} h={36} label={`Server ${i + 1}`} tone="accent" />
          <Arrow x1={340} y1={108} x2={430} y2={48 + i * 60} label={`req ${i + 1}${i === 0 ? ', 4' : ''}`} />
        </g>
      ))}
      <Box x={220} y={86} w={120} h={44} label="Load balancer" sub="round robin" tone="ok" />
      <text x={280} y={212} textAnchor="middle" className="dg-sub">Clients only ever see the load balancer.</text>
    </Figure>
  );
}
