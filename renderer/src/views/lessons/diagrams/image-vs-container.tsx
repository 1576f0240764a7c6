import { Arrow, Box, Figure } from './parts';

/** One read-only image, several containers each with its own writable layer. */
export function ImageVsContainer() {
  return (
    <Figure
      width={560}
      height={190}
      title="One image, many containers"
      description="The read-only image nginx:latest is the starting point of three containers, web1, web2 and web3. Each container adds its own thin writable layer on top of the shared image."
    >
      <Box x={10} y={70} w={150} h={50} label="nginx:latest" sub="image, read-only" tone="muted" />
      {['web1', 'web2', 'web3'].map((n, i) => (
        <g key={n}>
          <Arrow x1={160} y1={95} x2={300} y2={34 + i * 60} label={i === 0 ? 'docker run' : undefined} />
          <Box x={300} y={14 + i * 60} w={110} h={40} label={n} sub="container" tone="accent" />
          <Box x={420} y={18 + i * 60} w={130} h={32} label="own writable layer" />
        </g>
      ))}
    </Figure>
  );
}
