import { useCallback, useEffect, useState } from 'react';
import type { ApiError, LabPolicy, LabState } from '../../../../main/contract';
import { labPolicies } from '../../../../main/contract-values';
import { policyOf } from '../../../../main/networks/lab-caddyfile';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { useEngineStore } from '../../stores/engine-store';
import { LabTraffic } from './lab-traffic';

function fieldError(err: ApiError | null, field: string): string | null {
  return err && err.field === field ? err.message : null;
}

/**
 * The load-balancer lab: builds the course's system (app servers hidden in a custom network,
 * only the load balancer exposed to the host), lets the learner edit the Caddyfile, send
 * traffic, stop a backend, and tear everything down again.
 */
export function LabView() {
  const [labs, setLabs] = useState<LabState[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  // While lab:start runs, its containers appear one by one: keep the form until it is done.
  const [starting, setStarting] = useState(false);
  const containers = useEngineStore((s) => s.containers);

  const refresh = useCallback(async () => {
    const r = await call('lab:list', {});
    if (r.ok) {
      setLabs(r.value);
      setListError(null);
    } else setListError(r.error.message);
  }, []);
  // Re-read when lab containers come or go (the container list follows engine events).
  const labContainerKey = containers
    .filter((c) => c.labels['dockside.lab'])
    .map((c) => `${c.id}:${c.state}`)
    .join(',');
  useEffect(() => {
    void refresh();
  }, [refresh, labContainerKey]);

  const lab = labs?.[0] ?? null;
  return (
    <section className="lab" aria-label="Load-balancer lab">
      <h2>Load-balancer lab</h2>
      <p>
        The course's system: two app servers (Caddy file servers, each serving its own page) <strong>hidden inside a custom bridge network</strong>,
        and a Caddy load balancer on the same network, the only container <strong>published to the host</strong>. On a user-defined network
        containers find each other by name, so the load balancer's Caddyfile can say <code>reverse_proxy app1:80 app2:80</code>.
      </p>
      <ErrorText error={listError} />
      {labs === null ? (
        <p>Loading…</p>
      ) : lab && !starting ? (
        <RunningLab lab={lab} others={labs.length - 1} onChange={refresh} />
      ) : (
        <StartLab onStarting={setStarting} onStarted={refresh} />
      )}
    </section>
  );
}

function StartLab({ onStarting, onStarted }: { onStarting(busy: boolean): void; onStarted: () => Promise<void> }) {
  const [hostPort, setHostPort] = useState('8080');
  const [image, setImage] = useState('caddy:latest');
  const [policy, setPolicy] = useState<LabPolicy>('round_robin');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [commands, setCommands] = useState<string[]>([]);

  const start = async () => {
    const port = Number(hostPort);
    if (!/^\d+$/.test(hostPort.trim()) || port < 1 || port > 65535) {
      setError({ code: 'invalid-argument', field: 'hostPort', message: `"${hostPort}" is not a port; use 1 to 65535.` });
      return;
    }
    setBusy(true);
    onStarting(true);
    setError(null);
    const r = await call('lab:start', { hostPort: port, image: image.trim(), policy });
    setBusy(false);
    if (!r.ok) {
      onStarting(false);
      setError(r.error);
      return;
    }
    setCommands(r.value.commands);
    useCommandStore.getState().show('Started the load-balancer lab', r.value.command);
    await onStarted();
    onStarting(false);
  };

  return (
    <form
      className="lab-start"
      aria-label="Start the lab"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <div className="lab-row">
        <label>
          Host port
          <input value={hostPort} onChange={(e) => setHostPort(e.target.value)} inputMode="numeric" aria-describedby="lab-port-error" aria-invalid={Boolean(fieldError(error, 'hostPort'))} />
          <span id="lab-port-error" className="field-error" role={fieldError(error, 'hostPort') ? 'alert' : undefined}>
            {fieldError(error, 'hostPort')}
          </span>
        </label>
        <label>
          Caddy image
          <input value={image} onChange={(e) => setImage(e.target.value)} aria-describedby="lab-image-error" aria-invalid={Boolean(fieldError(error, 'image'))} />
          <span id="lab-image-error" className="field-error" role={fieldError(error, 'image') ? 'alert' : undefined}>
            {fieldError(error, 'image')}
          </span>
        </label>
        <label>
          Policy
          <select value={policy} onChange={(e) => setPolicy(e.target.value as LabPolicy)}>
            {labPolicies.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Starting the lab…' : 'Start the lab'}
        </button>
      </div>
      {error && !error.field && <ErrorText error={error} />}
      {commands.map((c) => (
        <CommandLine key={c} command={c} />
      ))}
      <p className="muted">
        The port is checked first: if something on this machine already listens on it, pick another. Nothing outside the lab is touched, and a
        second run gets new names.
      </p>
    </form>
  );
}

function RunningLab({ lab, others, onChange }: { lab: LabState; others: number; onChange: () => Promise<void> }) {
  const [caddyfile, setCaddyfile] = useState(lab.caddyfile);
  const [reloadError, setReloadError] = useState<ApiError | null>(null);
  const [reloaded, setReloaded] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmTeardown, setConfirmTeardown] = useState(false);
  // Bumped after a successful reload: counts restart so the new policy's effect stands out.
  const [epoch, setEpoch] = useState(0);
  const live = useEngineStore((s) => s.containers);

  // A new lab (or a reload that changed the file on disk) replaces the editor's text.
  useEffect(() => setCaddyfile(lab.caddyfile), [lab.labId, lab.caddyfile]);

  const stateOf = (id: string, fallback: string) => live.find((c) => c.id === id)?.state ?? fallback;

  const reload = async () => {
    setBusy('reload');
    setReloadError(null);
    setReloaded(null);
    const r = await call('lab:reload', { labId: lab.labId, caddyfile });
    setBusy(null);
    if (!r.ok) {
      setReloadError(r.error);
      return;
    }
    useCommandStore.getState().show('Reloaded the load balancer', r.value.command);
    setReloaded(`Applied: lb_policy ${policyOf(caddyfile) ?? '(default: random)'}; counts restarted`);
    setEpoch((e) => e + 1);
    await onChange();
  };

  const setPolicy = (p: string) => {
    setCaddyfile((text) => (/^\s*lb_policy\s+\S+/m.test(text) ? text.replace(/^(\s*lb_policy\s+)\S+/m, `$1${p}`) : text));
  };

  const toggle = async (id: string, name: string, running: boolean) => {
    setBusy(id);
    setActionError(null);
    const r = running ? await call('containers:stop', { id, timeoutSeconds: 1 }) : await call('containers:start', { id });
    setBusy(null);
    if (!r.ok) setActionError(`${name}: ${r.error.message}`);
    else useCommandStore.getState().show(`${running ? 'Stopped' : 'Started'} ${name}`, r.value.command);
  };

  const teardown = async () => {
    setBusy('teardown');
    const r = await call('lab:teardown', { labId: lab.labId });
    setBusy(null);
    setConfirmTeardown(false);
    if (!r.ok) {
      setActionError(r.error.message);
      return;
    }
    useCommandStore.getState().show('Tore down the load-balancer lab', r.value.command);
    await onChange();
  };

  return (
    <div className="lab-running" data-testid="lab-running" data-lab-id={lab.labId}>
      <div className="lab-row">
        <span>
          Network <code>{lab.network}</code> · load balancer on{' '}
          <a href={`http://127.0.0.1:${lab.hostPort}/`} target="_blank" rel="noreferrer">
            http://127.0.0.1:{lab.hostPort}/
          </a>
          {others > 0 && <span className="muted"> · {others} older lab run(s) also on the engine</span>}
        </span>
        <button type="button" className="danger push-right" onClick={() => setConfirmTeardown(true)} disabled={busy !== null}>
          Tear down the lab
        </button>
      </div>
      <ErrorText error={actionError} />
      <table className="table" aria-label="Lab containers">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Container</th>
            <th scope="col">State</th>
            <th scope="col">Reachable from</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {lab.containers.map((c) => {
            const state = stateOf(c.id, c.state);
            const running = state === 'running';
            return (
              <tr key={c.id} data-testid={`lab-container-${c.role}`} data-state={state}>
                <td>{c.role === 'lb' ? 'load balancer' : c.role}</td>
                <td className="mono">{c.name}</td>
                <td>
                  <span className={`badge state-${state}`}>{state}</span>
                </td>
                <td>{c.role === 'lb' ? `host port ${lab.hostPort} and the network` : `only inside ${lab.network}`}</td>
                <td>
                  <button type="button" onClick={() => toggle(c.id, c.name, running)} disabled={busy !== null} aria-label={`${running ? 'Stop' : 'Start'} ${c.role}`}>
                    {running ? 'Stop' : 'Start'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <section className="lab-caddyfile" aria-label="Caddyfile">
        <h3>Caddyfile of the load balancer</h3>
        <p className="muted">
          Written to the lab folder, mounted at <code>/etc/caddy/Caddyfile</code>; applying runs <code>caddy reload</code> inside the load balancer.
          The course's Caddyfile starts with <code>localhost:80</code>; inside a container we use <code>:80</code>, because with{' '}
          <code>localhost</code> Caddy would answer only requests whose Host is "localhost" and would try to get a certificate for it.
        </p>
        <div className="lab-row">
          <label>
            Policy
            <select value={policyOf(caddyfile) ?? ''} onChange={(e) => setPolicy(e.target.value)} aria-label="Load-balancing policy">
              {!labPolicies.includes((policyOf(caddyfile) ?? '') as LabPolicy) && <option value={policyOf(caddyfile) ?? ''}>{policyOf(caddyfile) ?? '(none)'}</option>}
              {labPolicies.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" onClick={reload} disabled={busy !== null}>
            {busy === 'reload' ? 'Applying…' : 'Apply (caddy reload)'}
          </button>
          <button type="button" onClick={() => setCaddyfile(lab.caddyfile)} disabled={caddyfile === lab.caddyfile}>
            Revert
          </button>
          {reloaded && <span className="ok-text" role="status" data-testid="lab-reloaded">{reloaded}</span>}
        </div>
        <textarea
          className="mono lab-editor"
          value={caddyfile}
          onChange={(e) => setCaddyfile(e.target.value)}
          rows={Math.min(18, caddyfile.split('\n').length + 1)}
          spellCheck={false}
          aria-label="Caddyfile"
          aria-invalid={Boolean(reloadError)}
          aria-describedby="caddyfile-error"
        />
        <p id="caddyfile-error" className="field-error" role={reloadError ? 'alert' : undefined}>
          {reloadError?.message}
        </p>
      </section>

      <LabTraffic key={epoch} lab={lab} />

      {confirmTeardown && (
        <ConfirmDialog title="Tear down the lab?" confirmLabel="Tear down" danger busy={busy === 'teardown'} onConfirm={teardown} onCancel={() => setConfirmTeardown(false)}>
          <p>This removes exactly what the lab created, and nothing else:</p>
          <ul>
            {lab.containers.map((c) => (
              <li key={c.id}>
                container <code>{c.name}</code>
              </li>
            ))}
            <li>
              network <code>{lab.network}</code>
            </li>
            <li>the lab's folder (pages and Caddyfile)</li>
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}
