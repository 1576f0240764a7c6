import { useState } from 'react';
import type { ApiError, ClusterProbeSample } from '../../../../main/contract';
import { useSubscription } from '../../api/use-subscription';
import { ErrorText } from '../../components/error-text';
import { colourFor } from './colours';

const KEEP = 150;

/**
 * The service as a user would meet it: a few HTTP requests a second to every published port, and
 * which version answered. Open only while shown (the subscription closes with the component).
 */
export function ProbeStrip({ service, images }: { service: string; images: string[] }) {
  const [samples, setSamples] = useState<ClusterProbeSample[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useSubscription(
    'cluster:probe',
    { service, perSecond: 4 },
    (s) => setSamples((prev) => [...prev.slice(-(KEEP - 1)), s]),
    setError,
  );
  const answered = new Map<string, { count: number; image?: string }>();
  let down = 0;
  for (const s of samples) {
    if (!s.up) down++;
    for (const a of s.answers) {
      if (!a.ok) continue;
      const key = a.body || `HTTP ${a.status}`;
      answered.set(key, { count: (answered.get(key)?.count ?? 0) + 1, ...(a.image ? { image: a.image } : {}) });
    }
  }
  const last = samples.at(-1);
  return (
    <section className="probe" aria-label="HTTP answers">
      <h3>HTTP answers</h3>
      <ErrorText error={error} />
      <p className="muted">
        Four times a second Dockside asks every published port of the service, like a load balancer would. A red square is a moment when nothing answered.
      </p>
      <div className="probe-strip" role="img" aria-label={`Last ${samples.length} rounds: ${samples.length - down} answered, ${down} with no answer`}>
        {samples.map((s) => {
          const ok = s.answers.find((a) => a.ok);
          return (
            <span
              key={s.at}
              className={`probe-cell ${s.up ? 'up' : 'down'}`}
              style={s.up && ok?.image ? { background: colourFor(images, ok.image) } : undefined}
              title={`${new Date(s.at).toLocaleTimeString()}: ${s.up ? `${ok?.body ?? ''} (port ${ok?.host ? `${ok.host}:` : ''}${ok?.port})` : s.answers.length ? `no answer (${s.answers.map((a) => a.error ?? a.status).join(', ')})` : 'no running task publishes a port'}`}
            />
          );
        })}
      </div>
      <ul className="probe-legend">
        {[...answered.entries()].map(([body, v]) => (
          <li key={body}>
            <span className="swatch" style={v.image ? { background: colourFor(images, v.image) } : undefined} aria-hidden="true" />
            “{body}” {v.image ? <code>{v.image}</code> : null}: {v.count}
          </li>
        ))}
        <li>
          <span className="swatch down" aria-hidden="true" /> no answer: {down}
        </li>
      </ul>
      {last && <p className="muted" data-testid="probe-now">Now: {last.up ? `up, ${last.answers.filter((a) => a.ok).length} of ${last.answers.length} ports answering` : 'down'}</p>}
    </section>
  );
}
