import { useEffect, useRef, useState } from 'react';
import type { NetworkCreatePrefill } from '../../../../main/lessons/command-target';
import type { ApiError } from '../../../../main/contract';
import { cidrProblem } from '../../../../main/networks/cidr';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';

/** `docker network create`: name, optional subnet, internal flag; errors shown by their field. */
export function CreateNetworkForm({ onCreated, prefill }: { onCreated?: (name: string) => void; prefill?: NetworkCreatePrefill | undefined }) {
  const [name, setName] = useState('');
  const [subnet, setSubnet] = useState('');
  const [internal, setInternal] = useState(false);
  const [labels, setLabels] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  // "Open in Dockside" on `docker network create ...`: every flag in the form, nothing created yet.
  useEffect(() => {
    if (!prefill) return;
    setName(prefill.name);
    setSubnet(prefill.subnet ?? '');
    setInternal(prefill.internal);
    setLabels(prefill.labels);
    setError(null);
    setNote(prefill.driver && prefill.driver !== 'bridge' ? `This form makes bridge networks; --driver ${prefill.driver} is left out.` : null);
    nameRef.current?.focus();
  }, [prefill]);

  const submit = async () => {
    setError(null);
    if (!name.trim()) {
      setError({ code: 'invalid-argument', field: 'name', message: 'Name must not be empty' });
      return;
    }
    const problem = subnet.trim() ? cidrProblem(subnet.trim()) : null;
    if (problem) {
      setError({ code: 'invalid-argument', field: 'subnet', message: `Subnet ${problem}` });
      return;
    }
    setBusy(true);
    const labelRecord = Object.fromEntries(labels.map((l) => [l.split('=')[0]!, l.includes('=') ? l.slice(l.indexOf('=') + 1) : '']));
    const r = await call('networks:create', { name: name.trim(), internal, ...(subnet.trim() ? { subnet: subnet.trim() } : {}), ...(labels.length ? { labels: labelRecord } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    useCommandStore.getState().show(`Created network ${name.trim()}`, r.value.command);
    onCreated?.(name.trim());
    setName('');
    setSubnet('');
    setInternal(false);
    setLabels([]);
    setNote(null);
  };

  const err = (f: string) => (error?.field === f ? error.message : null);
  return (
    <form
      className="network-create"
      aria-label="Create a network"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Name
        <input ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} placeholder="my-net" aria-invalid={Boolean(err('name'))} aria-describedby="net-name-error" />
        <span id="net-name-error" className="field-error" role={err('name') ? 'alert' : undefined} data-testid="network-name-error">
          {err('name')}
        </span>
      </label>
      <label>
        Subnet (optional)
        <input value={subnet} onChange={(e) => setSubnet(e.target.value)} placeholder="10.10.0.0/24" aria-invalid={Boolean(err('subnet'))} aria-describedby="net-subnet-error" />
        <span id="net-subnet-error" className="field-error" role={err('subnet') ? 'alert' : undefined} data-testid="network-subnet-error">
          {err('subnet')}
        </span>
      </label>
      <label className="check" title="No route out: containers reach each other but not the outside world">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        Internal (no outside access)
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create network'}
      </button>
      {labels.length > 0 && (
        <span className="muted" data-testid="network-labels">
          Labels: {labels.join(', ')}{' '}
          <button type="button" className="small" onClick={() => setLabels([])}>
            Drop labels
          </button>
        </span>
      )}
      {note && <span className="muted">{note}</span>}
      {error && !error.field && <ErrorText error={error} />}
    </form>
  );
}
