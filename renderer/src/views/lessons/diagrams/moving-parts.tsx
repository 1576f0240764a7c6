import { Arrow, Box, Figure } from './parts';

/** Two clients, one engine: the CLI and the desktop app both send requests to the daemon. */
export function MovingParts() {
  return (
    <Figure
      width={560}
      height={170}
      title="Two clients, one engine"
      description="The docker CLI and a desktop app such as Dockside both send requests to the engine (dockerd) through its socket. The engine manages images, containers, networks and volumes."
    >
      <Box x={10} y={20} w={150} h={44} label="docker CLI" sub="your terminal" />
      <Box x={10} y={100} w={150} h={44} label="Desktop app" sub="Dockside / Docker Desktop" />
      <Arrow x1={160} y1={42} x2={250} y2={76} label="requests" />
      <Arrow x1={160} y1={122} x2={250} y2={92} />
      <Box x={250} y={56} w={130} h={56} label="Engine (dockerd)" sub="does the work" tone="ok" />
      <Arrow x1={380} y1={84} x2={420} y2={84} />
      <Box x={420} y={20} w={130} h={28} label="images" tone="accent" />
      <Box x={420} y={52} w={130} h={28} label="containers" tone="accent" />
      <Box x={420} y={84} w={130} h={28} label="networks" tone="accent" />
      <Box x={420} y={116} w={130} h={28} label="volumes" tone="accent" />
    </Figure>
  );
}
