import { colourFor } from './colours';
import { lanes, type RolloutHistory, type TaskBar } from './rollout-history';

const WIDTH = 720;
const LANE = 26;
const LABEL = 70;

function describe(b: TaskBar): string {
  const state = b.state === 'running' && b.desiredState !== 'running' ? 'stopping' : b.state;
  return `slot ${b.slot}: ${b.image}, ${state}${b.error ? ` (${b.error})` : ''}`;
}

/**
 * Old and new tasks side by side over time, one lane per replica slot: during a rolling update
 * the learner sees each slot hand over from the old image to the new one, and whether the new
 * task started before the old one stopped (start-first) or after (stop-first).
 */
export function RolloutLanes({ history, now, windowMs = 90_000 }: { history: RolloutHistory; now: number; windowMs?: number }) {
  const rows = lanes(history);
  if (!rows.length) return <p className="muted">No tasks yet.</p>;
  const earliest = Math.min(...rows.flatMap((r) => r.bars.map((b) => b.from)));
  const start = Math.max(earliest, now - windowMs);
  const span = Math.max(1, now - start);
  const x = (t: number) => LABEL + ((Math.max(t, start) - start) / span) * (WIDTH - LABEL - 8);
  const height = rows.length * LANE + 22;
  return (
    <figure className="rollout">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Tasks over the last ${Math.round(span / 1000)} seconds, one lane per slot`}>
        {rows.map((r, i) => (
          <g key={r.slot} transform={`translate(0 ${i * LANE})`}>
            <text x={4} y={17} className="lane-label">
              {r.slot ? `slot ${r.slot}` : 'node'}
            </text>
            {r.bars
              .filter((b) => (b.to ?? now) >= start)
              .map((b) => {
                const x1 = x(b.from);
                const x2 = Math.max(x1 + 2, x(b.to ?? now));
                const runFrom = b.runningSince !== null ? x(b.runningSince) : x2;
                const failed = /failed|rejected/.test(b.state);
                const colour = colourFor(history.images, b.image);
                return (
                  <g key={b.taskId}>
                    <title>{describe(b)}</title>
                    {/* starting: hollow; running: solid; failed: red outline */}
                    <rect x={x1} y={5} width={Math.max(0, runFrom - x1)} height={16} fill="none" stroke={colour} strokeDasharray="3 2" />
                    {b.runningSince !== null && <rect x={runFrom} y={5} width={Math.max(1, x2 - runFrom)} height={16} fill={colour} opacity={b.to ? 0.45 : 1} />}
                    {failed && <rect x={x1} y={4} width={Math.max(2, x2 - x1)} height={18} fill="none" stroke="var(--bad)" strokeWidth={2} />}
                  </g>
                );
              })}
          </g>
        ))}
        <text x={LABEL} y={height - 4} className="axis-label">
          {new Date(start).toLocaleTimeString()}
        </text>
        <text x={WIDTH - 8} y={height - 4} textAnchor="end" className="axis-label">
          now
        </text>
      </svg>
      <figcaption>
        <ul className="probe-legend">
          {history.images.map((img) => (
            <li key={img}>
              <span className="swatch" style={{ background: colourFor(history.images, img) }} aria-hidden="true" /> <code>{img}</code>
            </li>
          ))}
          <li>dashed: starting · solid: running · faded: stopped · red outline: failed</li>
        </ul>
      </figcaption>
    </figure>
  );
}
