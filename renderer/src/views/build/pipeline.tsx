import { useMemo, useState } from 'react';
import type { ApiError, BuildEvent, ContainerSummary, ReplaceEvent, SubscriptionArgs, TransferEvent } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { useEngineStore } from '../../stores/engine-store';
import { PIPELINE_STEPS } from './pipeline-steps';
import { emptyTransfer, foldTransfer, TransferProgress, type TransferState } from './transfer-progress';

const DOCKERFILE = `FROM dockside-test/web:latest
ARG VERSION=1.0.0
RUN echo "<h1>Version $VERSION</h1>" > /var/www/index.html
`;

/**
 * The 13 steps in reading order: two rows, each left to right (1-7, then 8-13). Live steps are
 * coloured by how far the learner got; a step that failed is marked failed, never "current".
 */
function PipelineDiagram({ done, active, failed }: { done: Set<number>; active: number; failed: number | null }) {
  const perRow = 7;
  const w = 120;
  const pos = (i: number) => ({ x: 60 + (i % perRow) * w, y: 50 + Math.floor(i / perRow) * 110 });
  const label = failed ? `Deployment pipeline, step ${failed} failed` : active > 13 ? 'Deployment pipeline, all 13 steps done' : `Deployment pipeline, step ${active} of 13 is next`;
  return (
    <svg className="pipeline-diagram" viewBox={`0 0 ${perRow * w + 20} 210`} role="img" aria-label={label} data-testid="pipeline-diagram">
      {PIPELINE_STEPS.slice(1).map((s, i) => {
        const a = pos(i);
        const b = pos(i + 1);
        // Within a row an arrow to the right; at the end of a row, down-left to the next row's start.
        return b.y === a.y ? <line key={s.n} className="pipe-arrow" x1={a.x + 24} y1={a.y} x2={b.x - 24} y2={b.y} /> : <line key={s.n} className="pipe-arrow" x1={a.x - 16} y1={a.y + 18} x2={b.x + 16} y2={b.y - 18} strokeDasharray="4 4" />;
      })}
      {PIPELINE_STEPS.map((s, i) => {
        const { x, y } = pos(i);
        const state = s.n === failed ? 'failed' : done.has(s.n) ? 'done' : s.n === active && !failed ? 'active' : s.live ? 'live' : 'info';
        return (
          <g key={s.n} className={`pipe-step ${state}`} data-step={s.n} data-state={state}>
            <title>{`${s.n}. ${s.detail}${state === 'failed' ? ' (failed)' : state === 'done' ? ' (done)' : ''}`}</title>
            <circle cx={x} cy={y} r={22} />
            <text x={x} y={y + 5} textAnchor="middle" className="pipe-num">
              {state === 'failed' ? '✕' : s.n}
            </text>
            <text x={x} y={y + 42} textAnchor="middle" className="pipe-label">
              {s.title}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function ContainerCard({ title, c, port }: { title: string; c: ContainerSummary | undefined; port: number | undefined }) {
  const [answer, setAnswer] = useState<string | null>(null);
  const probe = async () => {
    if (!port) return;
    const r = await call('pipeline:probe', { port });
    setAnswer(r.ok ? (r.value.ok ? `HTTP ${r.value.status}: ${r.value.body?.replace(/<[^>]+>/g, '').trim().slice(0, 120)}` : `No answer (${r.value.error ?? r.value.status})`) : r.error.message);
  };
  return (
    <div className="container-card" data-testid={`card-${title.toLowerCase().split(' ')[0]}`}>
      <h3>{title}</h3>
      {c ? (
        <dl>
          <dt>Name</dt>
          <dd>{c.name}</dd>
          <dt>Image</dt>
          <dd className="mono">{c.image}</dd>
          <dt>State</dt>
          <dd>
            <span className={`badge state-${c.state}`}>{c.status}</span>
          </dd>
          <dt>Port</dt>
          <dd>{port ? `127.0.0.1:${port}` : '-'}</dd>
        </dl>
      ) : (
        <p className="muted">Gone.</p>
      )}
      {port && c?.state === 'running' && (
        <button type="button" className="small" onClick={probe} aria-label={`Check ${title} answers`}>
          Check it answers
        </button>
      )}
      {answer && <p className="mono" data-testid="probe-answer">{answer}</p>}
    </div>
  );
}

export function Pipeline() {
  const containers = useEngineStore((s) => s.containers);
  const [repository, setRepository] = useState('localhost:5000/pipeline-demo');
  const [version, setVersion] = useState('1.0.0');
  const [dockerfile, setDockerfile] = useState(DOCKERFILE);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState<Set<number>>(new Set());
  const [failed, setFailed] = useState<number | null>(null);
  const mark = (n: number) => {
    setDone((d) => new Set([...d, n]));
    setFailed((f) => (f === n ? null : f));
  };

  // Step 9: build
  const [build, setBuild] = useState<{ id: number; args: SubscriptionArgs<'build:run'> } | null>(null);
  const [buildLine, setBuildLine] = useState('');
  const [buildResult, setBuildResult] = useState<string | null>(null);
  useSubscription(
    'build:run',
    build?.args ?? null,
    (e: BuildEvent) => {
      if (e.type === 'context') useCommandStore.getState().show('Build the new version', e.command);
      if (e.type === 'step') setBuildLine(`Step ${e.step}/${e.total}: ${e.instruction}`);
      if (e.type === 'failed') {
        setFailed(9);
        setBuildResult(`${e.step ? `Step ${e.step.step} (${e.step.instruction}) failed: ` : ''}${e.message}`);
        setBuild(null);
      }
      if (e.type === 'done') {
        setBuildResult(`Built and tagged ${e.tags.join(' and ')}.`);
        mark(9);
        setBuild(null);
      }
    },
    (err) => {
      setError(err);
      setBuild(null);
    },
    build ? String(build.id) : 'none',
  );
  const runBuild = async () => {
    setError(null);
    setBuildResult(null);
    const w = await call('build:write-dockerfile', { name: 'pipeline', content: dockerfile });
    if (!w.ok) return setError(w.error);
    const v = version.replace(/^v/, '');
    setBuild((p) => ({ id: (p?.id ?? 0) + 1, args: { ...w.value, tags: [`${repository}:${v}`, `${repository}:latest`], buildArgs: { VERSION: v } } }));
  };

  // Step 10 push, step 12 pull
  const [push, setPush] = useState<{ id: number; args: SubscriptionArgs<'registry:push'> } | null>(null);
  const [pushState, setPushState] = useState<TransferState>(emptyTransfer);
  useSubscription(
    'registry:push',
    push?.args ?? null,
    (e: TransferEvent) => {
      if (e.type === 'start') useCommandStore.getState().show('Push both tags', e.command);
      if (e.type === 'failed') setFailed(10);
      setPushState((s) => foldTransfer(s, e));
      if (e.type === 'done') {
        mark(10);
        mark(11);
      }
    },
    (err) => setError(err),
    push ? String(push.id) : 'none',
  );
  const [pull, setPull] = useState<{ id: number; args: SubscriptionArgs<'registry:pull'> } | null>(null);
  const [pullState, setPullState] = useState<TransferState>(emptyTransfer);
  useSubscription(
    'registry:pull',
    pull?.args ?? null,
    (e: TransferEvent) => {
      setPullState((s) => foldTransfer(s, e));
      if (e.type === 'failed') setFailed(12);
      if (e.type === 'done') mark(12);
    },
    (err) => setError(err),
    pull ? String(pull.id) : 'none',
  );

  // Step 13 replace
  const running = containers.filter((c) => c.state === 'running');
  const [oldId, setOldId] = useState('');
  const [replace, setReplace] = useState<{ id: number; args: SubscriptionArgs<'pipeline:replace'> } | null>(null);
  const [replaceLog, setReplaceLog] = useState<string[]>([]);
  const [pair, setPair] = useState<{ oldId: string; oldPort?: number; newId?: string; newPort?: number } | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  useSubscription(
    'pipeline:replace',
    replace?.args ?? null,
    (e: ReplaceEvent) => {
      if (e.type === 'step') {
        setReplaceLog((l) => [...l, e.message].slice(-50));
        if (e.command) useCommandStore.getState().show(e.message, e.command);
      }
      if (e.type === 'new-container') setPair((p) => (p ? { ...p, newId: e.id, newPort: e.hostPort } : p));
      if (e.type === 'probe' && !e.ok) setReplaceLog((l) => [...l.filter((x) => !x.startsWith('Probe')), `Probe ${e.attempt}: no answer yet`]);
      if (e.type === 'probe' && e.ok) setReplaceLog((l) => [...l.filter((x) => !x.startsWith('Probe')), `Probe ${e.attempt}: HTTP ${e.status}`]);
      if (e.type === 'failed') {
        setFailed(13);
        setReplaceLog((l) => [...l, `Failed: ${e.message}`]);
      }
      if (e.type === 'done') mark(13);
    },
    (err) => setError(err),
    replace ? String(replace.id) : 'none',
  );
  const oldContainer = containers.find((c) => c.id === (pair?.oldId ?? oldId));
  const newContainer = containers.find((c) => c.id === pair?.newId);
  const startReplace = () => {
    const old = containers.find((c) => c.id === oldId);
    if (!old) return setError('Pick the running container to replace.');
    setReplaceLog([]);
    setPair({ oldId: old.id, ...(old.ports[0]?.hostPort ? { oldPort: old.ports[0].hostPort } : {}) });
    setReplace((p) => ({ id: (p?.id ?? 0) + 1, args: { oldContainer: old.id, image: `${repository}:${version.replace(/^v/, '')}` } }));
  };
  const startFirst = async () => {
    setError(null);
    const r = await call('pipeline:start', { image: `${repository}:${version.replace(/^v/, '')}` });
    if (!r.ok) return setError(r.error);
    useCommandStore.getState().show('Run this version', r.value.command);
    setOldId(r.value.id);
  };
  const removeOld = async () => {
    setConfirmRemove(false);
    if (!oldContainer) return;
    const r = await call('containers:remove', { id: oldContainer.id, force: false, removeVolumes: false });
    if (!r.ok) setError(r.error);
    else useCommandStore.getState().show(`Remove ${oldContainer.name}`, r.value.command);
  };

  const active = useMemo(() => [9, 10, 11, 12, 13].find((n) => !done.has(n)) ?? 14, [done]);
  const v = version.replace(/^v/, '');

  return (
    <div className="pipeline">
      <PipelineDiagram done={done} active={active} failed={failed} />
      <ol className="pipeline-list">
        {PIPELINE_STEPS.filter((s) => !s.live).map((s) => (
          <li key={s.n} value={s.n}>
            {s.detail}
          </li>
        ))}
      </ol>
      <p className="muted">Steps 1–8 happen in Git and CI. Steps 9–13 you do here, live, against your engine and a registry.</p>
      <div className="form-row">
        <label>
          Repository (with registry)
          <input value={repository} onChange={(e) => setRepository(e.target.value)} size={40} />
        </label>
        <label>
          New version (x.y.z)
          <input value={version} onChange={(e) => setVersion(e.target.value)} size={10} />
        </label>
      </div>
      <ErrorText error={error} />

      <section className="live-step" aria-labelledby="s9">
        <h3 id="s9">9. Build the image, tagged {v} and latest</h3>
        <label>
          Dockerfile
          <textarea aria-label="Pipeline Dockerfile" className="dockerfile-editor mono" rows={4} value={dockerfile} onChange={(e) => setDockerfile(e.target.value)} spellCheck={false} />
        </label>
        <div className="form-row">
          <button type="button" className="primary" onClick={runBuild} disabled={build !== null}>
            Build {v}
          </button>
          {build && <span data-testid="pipeline-build-step">{buildLine}</span>}
        </div>
        {buildResult && <p data-testid="pipeline-build-result">{buildResult}</p>}
      </section>

      <section className="live-step" aria-labelledby="s10">
        <h3 id="s10">10–11. Push both tags; the servers are told</h3>
        <button type="button" className="primary" onClick={() => { setPushState(emptyTransfer); setPush((p) => ({ id: (p?.id ?? 0) + 1, args: { repository, tags: [version.replace(/^v/, ''), 'latest'] } })); }} disabled={!done.has(9)}>
          Push {v} and latest
        </button>
        {pushState.command && <CommandLine command={pushState.command} />}
        <TransferProgress state={pushState} verb="Push" />
        {done.has(11) && <p className="muted">In production a webhook or <code>kubectl set image</code> now tells the cluster about {v}.</p>}
      </section>

      <section className="live-step" aria-labelledby="s12">
        <h3 id="s12">12. Pull the new version</h3>
        <button type="button" onClick={() => { setPullState(emptyTransfer); setPull((p) => ({ id: (p?.id ?? 0) + 1, args: { reference: `${repository}:${v}` } })); }}>
          Pull {v}
        </button>
        {pullState.command && <CommandLine command={pullState.command} />}
        <TransferProgress state={pullState} verb="Pull" />
      </section>

      <section className="live-step" aria-labelledby="s13">
        <h3 id="s13">13. Replace the old container: start new, check it answers, stop old</h3>
        <div className="form-row">
          <label>
            Running container to replace
            <select value={oldId} onChange={(e) => setOldId(e.target.value)}>
              <option value="">Choose…</option>
              {running.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.image})
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={startFirst}>
            Run {v} as a first container
          </button>
          <button type="button" className="primary" onClick={startReplace} disabled={!oldId}>
            Replace with {v}
          </button>
        </div>
        {replaceLog.length > 0 && (
          <ul className="replace-log" data-testid="replace-log">
            {replaceLog.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
        {pair && (
          <div className="side-by-side">
            <ContainerCard title="Old version" c={oldContainer} port={pair.oldPort} />
            <ContainerCard title="New version" c={newContainer} port={pair.newPort} />
          </div>
        )}
        {done.has(13) && oldContainer && (
          <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
            Remove old container…
          </button>
        )}
        {confirmRemove && oldContainer && (
          <ConfirmDialog title={`Remove ${oldContainer.name}?`} confirmLabel="Remove" danger onConfirm={() => void removeOld()} onCancel={() => setConfirmRemove(false)}>
            <p>The stopped old container is deleted (its image stays). This cannot be undone.</p>
          </ConfirmDialog>
        )}
      </section>
    </div>
  );
}
