import { useRef, useState } from 'react';
import type { LabAnswer, LabState } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';

const LOG_SIZE = 24;

/**
 * Requests through the load balancer's host port: a batch on demand, or continuously at a
 * bounded rate while the toggle is on (the subscription closes when it is off or unmounted).
 * Shows which backend answered each request and the count per backend.
 */
export function LabTraffic({ lab }: { lab: LabState }) {
  const [count, setCount] = useState(4);
  const [rate, setRate] = useState(4);
  const [continuous, setContinuous] = useState(false);
  const [log, setLog] = useState<LabAnswer[]>([]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Our own numbering across batches and the continuous stream (keys of the log rows).
  const seq = useRef(0);

  const add = (answers: LabAnswer[]) => {
    setLog((l) => [...answers.slice().reverse(), ...l].slice(0, LOG_SIZE));
    setCounts((c) => {
      const n = { ...c };
      for (const a of answers) n[a.backend ?? 'failed'] = (n[a.backend ?? 'failed'] ?? 0) + 1;
      return n;
    });
  };

  useSubscription(
    'lab:traffic',
    continuous ? { labId: lab.labId, perSecond: rate } : null,
    (e) => add([{ ...e.answer, seq: ++seq.current }]),
    (err) => {
      setError(err.message);
      setContinuous(false);
    },
  );

  const send = async () => {
    setBusy(true);
    setError(null);
    const r = await call('lab:send', { labId: lab.labId, count });
    setBusy(false);
    if (!r.ok) setError(r.error.message);
    else add(r.value.answers.map((a) => ({ ...a, seq: ++seq.current })));
  };

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const keys = ['app1', 'app2', ...(counts.failed ? ['failed'] : [])];
  return (
    <section className="lab-traffic" aria-label="Traffic through the load balancer">
      <h3>Traffic through http://127.0.0.1:{lab.hostPort}/</h3>
      <p className="muted">Each request is a plain GET to the load balancer's host port, like this from a terminal:</p>
      <CommandLine command={`curl -s http://127.0.0.1:${lab.hostPort}/`} />
      <div className="lab-row">
        <label>
          Requests
          <input type="number" min={1} max={50} value={count} onChange={(e) => setCount(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} aria-label="Number of requests" />
        </label>
        <button type="button" className="primary" onClick={send} disabled={busy || continuous}>
          {busy ? 'Sending…' : `Send ${count} request${count === 1 ? '' : 's'}`}
        </button>
        <label>
          Rate
          <select value={rate} onChange={(e) => setRate(Number(e.target.value))} aria-label="Requests per second" disabled={continuous}>
            {[1, 2, 4, 10].map((r) => (
              <option key={r} value={r}>
                {r} / s
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={continuous} onClick={() => setContinuous((c) => !c)}>
          {continuous ? 'Stop continuous traffic' : 'Start continuous traffic'}
        </button>
        <button type="button" onClick={() => { setLog([]); setCounts({}); }} disabled={total === 0}>
          Reset counts
        </button>
      </div>
      <ErrorText error={error} />
      <table className="table lab-counts" aria-label="Answers per backend">
        <thead>
          <tr>
            <th scope="col">Backend</th>
            <th scope="col">Answers</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const n = counts[k] ?? 0;
            const share = total ? Math.round((n / total) * 100) : 0;
            return (
              <tr key={k} data-testid={`lab-count-${k}`}>
                <th scope="row">{k === 'failed' ? 'no answer / error' : k}</th>
                <td data-testid={`lab-count-value-${k}`}>{n}</td>
                <td>
                  <span className={`lab-bar lab-bar-${k}`} style={{ width: `${share}%` }} aria-hidden="true" /> {share} %
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ol className="lab-log" aria-label="Latest answers" aria-live="off" data-testid="lab-log">
        {log.map((a) => (
          <li key={a.seq} className={`lab-answer lab-answer-${a.backend ?? 'failed'}`}>
            #{a.seq} → {a.backend ?? 'no backend'} {a.status !== null ? `(HTTP ${a.status}, ${a.ms} ms)` : `(${a.error ?? 'failed'})`}
          </li>
        ))}
      </ol>
    </section>
  );
}
