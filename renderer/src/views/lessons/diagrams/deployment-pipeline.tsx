import { PIPELINE_STEPS } from '../../build/pipeline-steps';
import { Arrow, Box, Figure } from './parts';

const PER_ROW = 5;
const W = 100;
const GAP = 12;

/** The course's 13 steps, in reading order: rows of five, each read left to right. */
export function DeploymentPipeline() {
  const pos = (i: number) => ({ x: 6 + (i % PER_ROW) * (W + GAP), y: 24 + Math.floor(i / PER_ROW) * 74 });
  const tone = (n: number) => (n <= 6 ? 'plain' : n <= 8 ? 'warn' : n <= 10 ? 'accent' : 'ok');
  return (
    <Figure
      width={560}
      height={250}
      title="A deployment pipeline"
      description={`${PIPELINE_STEPS.map((s) => `${s.n}. ${s.detail}`).join(' ')} Steps 9 to 13 are about images: built once, stored in a registry, pulled and run unchanged.`}
    >
      {PIPELINE_STEPS.map((s, i) => {
        const p = pos(i);
        return <Box key={s.n} x={p.x} y={p.y} w={W} h={44} label={`${s.n}. ${s.title}`} tone={tone(s.n)} />;
      })}
      {PIPELINE_STEPS.slice(1).map((s, i) => {
        const a = pos(i);
        const b = pos(i + 1);
        // In a row: to the right. At a row's end: back to the start of the next row, like reading a page.
        return b.y === a.y ? <Arrow key={s.n} x1={a.x + W} y1={a.y + 22} x2={b.x} y2={b.y + 22} /> : <Arrow key={s.n} x1={a.x + W / 2} y1={a.y + 44} x2={b.x + W / 2} y2={b.y} dashed />;
      })}
      <text x={280} y={244} textAnchor="middle" className="dg-sub">
        Steps 9–13 are about images: built once, stored in a registry, pulled and run unchanged.
      </text>
    </Figure>
  );
}
