import { useEffect, useState } from 'react';
import type { ApiError, NetworkSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { useEngineStore } from '../../stores/engine-store';

/** One network: connect a container (optional alias), and its inspect document. */
export function NetworkDetails({ network, prefillConnect }: { network: NetworkSummary; prefillConnect?: { container: string; alias?: string } | undefined }) {
  const containers = useEngineStore((s) => s.containers);
  const [inspect, setInspect] = useState<Record<string, unknown> | null>(null);
  const [inspectError, setInspectError] = useState<string | null>(null);
  const [container, setContainer] = useState('');
  const [alias, setAlias] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // "Open in Dockside" on `docker network connect [--alias A] NET CONTAINER`: the form filled, not yet sent.
  useEffect(() => {
    if (!prefillConnect) return;
    setContainer(prefillConnect.container);
    setAlias(prefillConnect.alias ?? '');
  }, [prefillConnect]);

  const attachedKey = network.containers.map((c) => `${c.containerId}:${c.ipv4}`).join(',');
  useEffect(() => {
    let live = true;
    void call('networks:inspect', { id: network.id }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setInspect(r.value);
        setInspectError(null);
      } else setInspectError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [network.id, attachedKey]);

  const attached = new Set(network.containers.map((c) => c.containerId));
  const candidates = containers.filter((c) => !attached.has(c.id));
  const canConnect = network.name !== 'host' && network.name !== 'none';
  const connect = async () => {
    if (!container) {
      setError({ code: 'invalid-argument', field: 'container', message: 'Pick a container to connect' });
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('networks:connect', { network: network.name, container, ...(alias.trim() ? { alias: alias.trim() } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    useCommandStore.getState().show(`Connected ${container} to ${network.name}`, r.value.command);
    setContainer('');
    setAlias('');
  };

  return (
    <section className="details" aria-label={`Details of network ${network.name}`}>
      <h2>{network.name}</h2>
      {canConnect ? (
        <form
          className="network-connect"
          aria-label={`Connect a container to ${network.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <label>
            Container
            <select value={container} onChange={(e) => setContainer(e.target.value)} aria-label="Container to connect" aria-invalid={error?.field === 'container'}>
              <option value="">Choose…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name} ({c.state})
                </option>
              ))}
            </select>
            {error?.field === 'container' && <span className="field-error" role="alert">{error.message}</span>}
            {prefillConnect && container === prefillConnect.container && !candidates.some((c) => c.name === container) && (
              <span className="field-error" role="alert" data-testid="connect-unknown">
                {network.containers.some((c) => c.containerName === container)
                  ? `${container} is already attached to ${network.name}.`
                  : `No container called ${container} on this engine: create it first (Run a container), then connect it.`}
              </span>
            )}
          </label>
          <label>
            Alias (optional)
            <input value={alias} onChange={(e) => setAlias(e.target.value)} placeholder="api" aria-label="Alias" aria-invalid={error?.field === 'alias'} />
            {error?.field === 'alias' && <span className="field-error" role="alert">{error.message}</span>}
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
          {error && error.field !== 'container' && error.field !== 'alias' && <ErrorText error={error} />}
        </form>
      ) : (
        <p className="muted">
          {network.name === 'none'
            ? 'Containers on "none" have only the loopback interface: run them with --network none.'
            : 'Containers use the host network only when run with --network host.'}
        </p>
      )}
      <h3>Inspect</h3>
      <CommandLine command={`docker network inspect ${network.name}`} />
      <ErrorText error={inspectError} />
      <pre className="json" data-testid="network-inspect-json">
        {inspect ? JSON.stringify(inspect, null, 2) : 'Loading…'}
      </pre>
    </section>
  );
}
