import { useEffect, useState } from 'react';
import type { ApiError, ClusterUpdateConfig } from '../../../../main/contract';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { Field } from './field';
import { UpdateSettings } from './update-settings';

const DEFAULT_UPDATE: ClusterUpdateConfig = { parallelism: 1, delaySeconds: 0, order: 'stop-first', failureAction: 'pause' };

/** `docker service create`: an image from this engine, replicas, a published port, update settings. */
export function CreateServiceForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [name, setName] = useState('web');
  const [image, setImage] = useState('');
  const [replicas, setReplicas] = useState('3');
  const [target, setTarget] = useState('80');
  const [published, setPublished] = useState('');
  const [mode, setMode] = useState<'host' | 'ingress'>('host');
  const [update, setUpdate] = useState<ClusterUpdateConfig>(DEFAULT_UPDATE);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [localImages, setLocalImages] = useState<string[]>([]);

  useEffect(() => {
    void call('images:list', {}).then((r) => {
      if (r.ok) setLocalImages(r.value.flatMap((i) => i.repoTags).filter((t) => t !== '<none>:<none>').sort());
    });
  }, []);

  const number = (v: string, field: string, label: string): number | null => {
    if (!/^-?\d+$/.test(v.trim())) {
      setError({ code: 'invalid-argument', field, message: `${label} must be a whole number` });
      return null;
    }
    return Number(v);
  };

  const submit = async () => {
    setError(null);
    const n = number(replicas, 'spec.replicas', 'Replicas');
    if (n === null) return;
    const t = target.trim() ? number(target, 'spec.ports.0.targetPort', 'Container port') : null;
    if (target.trim() && t === null) return;
    const p = published.trim() ? number(published, 'spec.ports.0.publishedPort', 'Published port') : null;
    if (published.trim() && p === null) return;
    setBusy(true);
    const r = await call('cluster:create-service', {
      spec: {
        name: name.trim(),
        image: image.trim(),
        replicas: n,
        ports: t ? [{ targetPort: t, mode, ...(p ? { publishedPort: p } : {}) }] : [],
        update,
      },
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    useCommandStore.getState().show(`Created service ${r.value.name}`, r.value.command);
    onCreated(r.value.name);
  };

  return (
    <form
      className="cluster-form"
      aria-label="Create a service"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Create a service</h3>
      <div className="form-row">
        <Field label="Name" field="spec.name" error={error}>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-invalid={error?.field === 'spec.name'} />
        </Field>
        <Field label="Image" field="spec.image" error={error} hint="An image this engine holds.">
          <input value={image} onChange={(e) => setImage(e.target.value)} list="cluster-images" placeholder="web:1.0.0" aria-invalid={error?.field === 'spec.image'} />
          <datalist id="cluster-images">
            {localImages.map((i) => (
              <option key={i} value={i} />
            ))}
          </datalist>
        </Field>
        <Field label="Replicas" field="spec.replicas" error={error}>
          <input value={replicas} onChange={(e) => setReplicas(e.target.value)} inputMode="numeric" size={4} aria-invalid={error?.field === 'spec.replicas'} />
        </Field>
      </div>
      <div className="form-row">
        <Field label="Container port" field="spec.ports.0.targetPort" error={error}>
          <input value={target} onChange={(e) => setTarget(e.target.value)} inputMode="numeric" size={6} placeholder="none" />
        </Field>
        <Field label="Published port" field="spec.ports.0.publishedPort" error={error} hint="Empty: each task gets a free one.">
          <input value={published} onChange={(e) => setPublished(e.target.value)} inputMode="numeric" size={6} placeholder="auto" aria-invalid={error?.field === 'spec.ports.0.publishedPort'} />
        </Field>
        <label className="cluster-field">
          <span>Publish mode</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as 'host' | 'ingress')}>
            <option value="host">host: on the node running each task</option>
            <option value="ingress">ingress: the routing mesh, on every node</option>
          </select>
        </label>
      </div>
      <UpdateSettings value={update} onChange={setUpdate} prefix="create" />
      {error && (!error.field || !error.field.startsWith('spec.')) && <ErrorText error={error} />}
      {error?.field === 'spec.ports' && <ErrorText error={error} />}
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create service'}
        </button>
      </div>
    </form>
  );
}
