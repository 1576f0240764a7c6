import { Arrow, Box, Figure } from './parts';

const STEPS: [string, string, 'plain' | 'accent' | 'ok' | 'warn'][] = [
  ['Write code', 'commit', 'plain'],
  ['Pull request', 'review', 'plain'],
  ['Merge', 'to main', 'plain'],
  ['CI job', 'build + test', 'warn'],
  ['docker build', 'app:1.4.0', 'accent'],
  ['docker push', 'registry', 'accent'],
  ['Cluster pulls', 'new image', 'ok'],
  ['Roll out', 'new replaces old', 'ok'],
];

/** The path from a developer's change to new containers in production, in two rows. */
export function DeploymentPipeline() {
  const pos = (i: number) => ({ x: 10 + (i % 4) * 138, y: i < 4 ? 30 : 130 });
  return (
    <Figure
      width={560}
      height={200}
      title="A deployment pipeline"
      description="Write code and commit, open a pull request for review, merge to main, a CI job builds and tests, docker build makes a versioned image, docker push sends it to a registry, the cluster pulls the new image, and new containers replace the old ones."
    >
      {STEPS.map(([label, sub, tone], i) => {
        const p = pos(i);
        return <Box key={label} x={p.x} y={p.y} w={112} h={44} label={`${i + 1}. ${label}`} sub={sub} tone={tone} />;
      })}
      {STEPS.slice(1).map((_, i) => {
        const a = pos(i);
        const b = pos(i + 1);
        return i === 3 ? <Arrow key={i} x1={a.x + 56} y1={a.y + 44} x2={b.x + 56} y2={b.y} /> : <Arrow key={i} x1={a.x + 112} y1={a.y + 22} x2={b.x} y2={b.y + 22} />;
      })}
      <text x={280} y={196} textAnchor="middle" className="dg-sub">Steps 5-8 are all about images: built once, stored, pulled, run unchanged.</text>
    </Figure>
  );
}
