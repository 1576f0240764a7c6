import { useState } from 'react';
import type { EngineCandidate, EngineSwitchTarget } from '../../../main/contract';
import { call, sessionProblem } from '../api/client';
import { ErrorText } from '../components/error-text';
import { formatBytes } from '../components/format';
import { useEngineStore } from '../stores/engine-store';
import { withCode } from '../components/inline-code';
import { SshHostKeyQuestion } from './ssh-host-key-prompt';

/** Always-visible engine status: what we are connected to, or why not and what to do. */
export function EngineStatusBar() {
  const status = useEngineStore((s) => s.status);
  const transportUp = useEngineStore((s) => s.transportUp);
  const containers = useEngineStore((s) => s.containers);
  const [switcherOpen, setSwitcherOpen] = useState(false);

  const noSession = transportUp ? null : sessionProblem();
  if (noSession) {
    return (
      <div className="engine-status bad" role="status" data-testid="engine-status" data-state="no-session">
        <strong>{noSession === 'expired' ? 'This Dockside session has ended (the server restarted).' : noSession === 'link-used' ? 'This link was already used.' : 'This tab has no Dockside session.'}</strong>{' '}
        Open the link that <code>npm run serve</code> printed; press Enter in its terminal for a new one (each link works once).
      </div>
    );
  }
  if (!transportUp) {
    return (
      <div className="engine-status bad" role="status" data-testid="engine-status" data-state="app-server-lost">
        <strong>Lost the Dockside server.</strong> Reconnecting… (is <code>npm run serve</code> still running?)
      </div>
    );
  }
  const running = containers.filter((c) => c.state === 'running').length;
  return (
    <div className={`engine-status ${status.state === 'connected' ? 'ok' : status.state === 'connecting' ? '' : 'bad'}`} role="status" data-testid="engine-status" data-state={status.state}>
      {status.state === 'connected' && (
        <>
          <span className="dot ok" aria-hidden="true" />
          <strong>{status.info.name} {status.info.version}</strong>
          <span title="Engine API version">API {status.info.apiVersion}</span>
          <span>{status.info.osType}/{status.info.arch}</span>
          <span>{status.info.cpus} CPUs</span>
          <span>{formatBytes(status.info.memoryBytes)}</span>
          <span data-testid="running-count">{running} running / {containers.length - running} stopped</span>
          <span className="muted" data-testid="engine-endpoint" title={`Found via ${status.endpoint.source}`}>
            {status.endpoint.context ? `context ${status.endpoint.context}: ` : ''}
            {status.endpoint.url}
            {status.endpoint.tls ? ` (TLS${status.endpoint.tls === 'skip-verify' ? ', server not verified' : ''})` : ''}
          </span>
        </>
      )}
      {status.state === 'connecting' && <span>Connecting to the engine{status.endpoint ? ` at ${status.endpoint.url}` : ''}…</span>}
      {status.state === 'unreachable' && (
        <>
          <span className="dot bad" aria-hidden="true" />
          <strong>Engine not reachable.</strong>
          <span data-testid="engine-message" className={status.reason === 'host-key-changed' ? 'engine-message-block' : undefined}>
            {withCode(status.message)}
          </span>
          <span className="hint">{withCode(status.hint)}</span>
          {status.hostKey && <SshHostKeyQuestion prompt={status.hostKey} />}
        </>
      )}
      <button type="button" className="small push-right" onClick={() => setSwitcherOpen((o) => !o)} aria-expanded={switcherOpen}>
        Switch engine
      </button>
      {switcherOpen && <EngineSwitcher onClose={() => setSwitcherOpen(false)} />}
    </div>
  );
}

function EngineSwitcher({ onClose }: { onClose(): void }) {
  const [candidates, setCandidates] = useState<EngineCandidate[] | null>(null);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async () => {
    setLoading(true);
    const r = await call('engine:candidates', {});
    setLoading(false);
    if (r.ok) setCandidates(r.value);
    else setError(r.error.message);
  };
  if (candidates === null && !loading && !error) void load();

  const switchTo = async (target: EngineSwitchTarget) => {
    setError(null);
    const r = await call('engine:switch', target);
    if (!r.ok) setError(r.error.message);
    else if (r.value.state === 'connected') onClose();
    else if (r.value.state === 'unreachable') setError(`${r.value.message} ${r.value.hint}`);
  };

  return (
    <div className="engine-switcher" role="dialog" aria-label="Engine switcher">
      <h3>Engines</h3>
      {loading && <p>Looking for engines…</p>}
      <ul>
        {candidates?.map((c, i) => (
          <li key={`${c.kind}:${c.context ?? ''}:${c.url}:${i}`} data-testid="engine-candidate" data-current={c.current} data-reachable={c.reachable}>
            <button type="button" onClick={() => switchTo(c.target)} aria-label={`Use ${c.label}${c.url ? ` at ${c.url}` : ''}`} aria-current={c.current ? 'true' : undefined}>
              {c.current ? '● ' : ''}
              {c.label} {c.url && <code>{c.url}</code>} {c.tls ? (c.tls === 'verify' ? '(TLS)' : '(TLS, server not verified)') : ''}{' '}
              {c.reachable ? '' : '(not answering)'}
            </button>
            {c.problem && <div className="muted small">{c.problem}</div>}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void switchTo({ url });
        }}
      >
        <label>
          Engine address
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="unix:///var/run/docker.sock or tcp://host:2376" />
        </label>
        <button type="submit">Connect</button>
        <button type="button" onClick={onClose}>Close</button>
      </form>
      <ErrorText error={error} />
    </div>
  );
}
