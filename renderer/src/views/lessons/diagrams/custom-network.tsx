import { Arrow, Box, Figure } from './parts';

/** Two servers hidden on a user-defined network; only the load balancer is published. */
export function CustomNetwork() {
  return (
    <Figure
      width={560}
      height={230}
      title="Only the load balancer is published"
      description="Your machine reaches port 8080, published by the lb container. lb, caddy1 and caddy2 share the custom bridge network caddytest, where lb reaches caddy1:80 and caddy2:80 by name. caddy1 and caddy2 publish no port, so the host cannot reach them directly."
    >
      <Box x={10} y={90} w={110} h={44} label="Your machine" sub="localhost:8080" />
      <rect x={170} y={14} width={380} height={200} rx={10} className="dg-zone" />
      <text x={360} y={32} textAnchor="middle" className="dg-title">network: caddytest (bridge)</text>
      <Box x={190} y={90} w={110} h={44} label="lb" sub="-p 8080:80" tone="ok" />
      <Box x={420} y={50} w={110} h={44} label="caddy1" sub="no -p" tone="accent" />
      <Box x={420} y={140} w={110} h={44} label="caddy2" sub="no -p" tone="accent" />
      <Arrow x1={120} y1={112} x2={190} y2={112} />
      <Arrow x1={300} y1={104} x2={420} y2={72} label="caddy1:80" />
      <Arrow x1={300} y1={120} x2={420} y2={162} label="caddy2:80" />
    </Figure>
  );
}
