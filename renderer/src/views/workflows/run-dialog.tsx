import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../main/contract';
import { plainPullError, plainRunError } from '../../../../main/workflows/run-errors';
import {
  emptyRunSpec,
  joinReference,
  splitReference,
  parseDockerRun,
  runCommand,
  validateRunSpec,
  type RunPort,
  type RunSpec,
  type RunVolume,
} from '../../../../main/workflows/run-spec';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { useEngineStore } from '../../stores/engine-store';
import { PullProgress } from './pull-progress';
import { RunOutput, type LiveRun } from './run-output';
import { StopOrLeave } from './stop-or-leave';
import './run.css';

const RESTARTS = ['', 'no', 'always', 'unless-stopped', 'on-failure', 'on-failure:3'];

/**
 * The run dialog: a form that shows its `docker run` command live, fills itself from a pasted
 * command, checks before sending, and shows the engine's errors next to their field in plain
 * words (the engine's own text kept). Like `docker run`: a missing image is pulled first (with
 * progress, and Cancel), and an attached run shows its output live; closing while it runs asks
 * whether to stop the container.
 */
export function RunDialog({ initialCommand, initialImage, onClose }: { initialCommand?: string; initialImage?: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // The images view's Run pre-fills only the image: `docker run -d IMAGE`.
  const initial = useMemo(
    () => (initialCommand ? parseDockerRun(initialCommand) : initialImage ? { spec: { ...emptyRunSpec(), image: initialImage }, errors: [] } : null),
    [initialCommand, initialImage],
  );
  const [spec, setSpec] = useState<RunSpec>(initial?.spec ?? emptyRunSpec());
  const [paste, setPaste] = useState(initialCommand ?? '');
  const [pasteOpen, setPasteOpen] = useState(Boolean(initialCommand));
  const [pasteErrors, setPasteErrors] = useState<string[]>(initial?.errors ?? []);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [keepOnFailure, setKeepOnFailure] = useState(false);
  const [pulling, setPulling] = useState<string | null>(null);
  // The last pull's outcome when it did not end in a run: failed (with a hint) or cancelled.
  const [pullOutcome, setPullOutcome] = useState<{ reference: string; error: ApiError | null } | null>(null);
  const justPulled = useRef(false);
  const [live, setLive] = useState<(LiveRun & { command: string }) | null>(null);
  const [liveExit, setLiveExit] = useState<number | null | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const [localImages, setLocalImages] = useState<string[]>([]);
  // Image and tag are two fields; the spec holds them joined as one reference.
  const [refParts, setRefParts] = useState(() => splitReference(initial?.spec.image ?? ''));
  const [engineNetworks, setEngineNetworks] = useState<string[]>([]);
  const status = useEngineStore((s) => s.status);
  const containers = useEngineStore((s) => s.containers);
  const cpus = status.state === 'connected' ? status.info.cpus : undefined;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void call('images:list', {}).then((r) => {
      if (r.ok) setLocalImages(r.value.flatMap((i) => i.repoTags));
    });
    void call('workflows:networks', {}).then((r) => {
      if (r.ok) setEngineNetworks(r.value);
    });
  }, []);

  const networks = useMemo(() => [...new Set(['bridge', 'host', 'none', ...engineNetworks, ...containers.flatMap((c) => c.networks)])].sort(), [containers, engineNetworks]);
  const issues = useMemo(() => validateRunSpec(spec, cpus), [spec, cpus]);
  // Before the first Run, an empty image is not yet an error worth shouting about.
  const shown = submitted ? issues : issues.filter((i) => !(i.field === 'image' && spec.image.trim() === ''));
  const errorOf = (field: string): string | undefined =>
    shown.find((i) => i.field === field)?.message ?? (serverError?.field === field ? withPlainWords(serverError, spec.image) : undefined);
  const command = runCommand(spec);

  const update = (patch: Partial<RunSpec>) => {
    setSpec((s) => ({ ...s, ...patch }));
    setServerError(null);
  };
  const fill = () => {
    const parsed = parseDockerRun(paste);
    setPasteErrors(parsed.errors);
    setSpec(parsed.spec);
    setRefParts(splitReference(parsed.spec.image));
    setServerError(null);
  };
  const run = async () => {
    setSubmitted(true);
    if (validateRunSpec(spec, cpus).length > 0) return;
    setBusy(true);
    setServerError(null);
    setPullOutcome(null);
    setPulling(null);
    const r = await call('workflows:run', { spec, keepOnFailure });
    setBusy(false);
    const pulledJustNow = justPulled.current;
    justPulled.current = false;
    if (!r.ok) {
      // As `docker run` does: an image that is not here is pulled first, then the run goes on.
      if (r.error.field === 'image' && r.error.code === 'not-found' && !pulledJustNow) setPulling(spec.image.trim());
      else setServerError(r.error);
      return;
    }
    useCommandStore.getState().show(`Ran ${r.value.name}`, r.value.command);
    if (spec.detach || !r.value.outputId) onClose();
    else {
      setLiveExit(undefined);
      setLive({ id: r.value.id, name: r.value.name, outputId: r.value.outputId, command: r.value.command });
    }
  };
  const liveRunning = live !== null && liveExit === undefined;
  // Cancel (or Escape) never silently leaves an attached container running: it asks first.
  const cancel = () => {
    if (asking) setAsking(false);
    else if (liveRunning) setAsking(true);
    else onClose();
  };
  const generalError = serverError && !serverError.field ? serverError : serverError && !fieldShown(serverError.field, spec) ? serverError : null;

  return (
    <dialog
      ref={ref}
      className="dialog wf-run-dialog"
      aria-labelledby="wf-run-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <h2 id="wf-run-title">Run a container</h2>
      {live ? (
        <div className="wf-live">
          <CommandLine command={live.command} label="Copy docker run command" />
          <RunOutput key={live.outputId} run={live} onExit={setLiveExit} />
          {asking && liveRunning ? (
            <StopOrLeave run={live} onBack={() => setAsking(false)} onDone={onClose} />
          ) : (
            <div className="dialog-actions">
              {!liveRunning && (
                <button type="button" onClick={() => setLive(null)}>
                  Edit and run again
                </button>
              )}
              <button type="button" className={liveRunning ? undefined : 'primary'} onClick={cancel}>
                {liveRunning ? 'Cancel' : 'Close'}
              </button>
            </div>
          )}
        </div>
      ) : (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <button type="button" className="link" aria-expanded={pasteOpen} onClick={() => setPasteOpen(!pasteOpen)}>
          Paste a docker run command
        </button>
        {pasteOpen && (
        <div className="wf-paste">
          <label htmlFor="wf-paste-text">Command to paste</label>
            <textarea id="wf-paste-text" rows={2} value={paste} onChange={(e) => setPaste(e.target.value)} placeholder="docker run -d -p 8080:80 --name web nginx" spellCheck={false} />
          <button type="button" onClick={fill}>
            Fill the form
          </button>
          {pasteErrors.length > 0 && (
            <ul className="error-text wf-paste-errors" role="alert" aria-label="Command problems">
              {pasteErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
        )}

        <div className="wf-grid">
          <Field label="Image" error={errorOf('image')}>
            {(p) => (
              <input
                {...p}
                list="wf-local-repos"
                value={refParts.repo}
                onChange={(e) => {
                  setRefParts({ ...refParts, repo: e.target.value });
                  update({ image: joinReference(e.target.value, refParts.tag) });
                }}
                placeholder="nginx"
                spellCheck={false}
              />
            )}
          </Field>
          <datalist id="wf-local-repos">
            {[...new Set(localImages.map((t) => splitReference(t).repo))].map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <Field label="Tag" hint="empty = latest">
            {(p) => (
              <input
                {...p}
                className="wf-num"
                list="wf-local-tags"
                value={refParts.tag}
                onChange={(e) => {
                  setRefParts({ ...refParts, tag: e.target.value.trim() });
                  update({ image: joinReference(refParts.repo, e.target.value) });
                }}
                placeholder="latest"
                spellCheck={false}
              />
            )}
          </Field>
          <datalist id="wf-local-tags">
            {localImages
              .map(splitReference)
              .filter((x) => x.repo === refParts.repo.trim() && x.tag)
              .map((x) => (
                <option key={x.tag} value={x.tag} />
              ))}
          </datalist>
          <Field label="Name" error={errorOf('name')}>
            {(p) => <input {...p} value={spec.name} onChange={(e) => update({ name: e.target.value })} placeholder="(random)" spellCheck={false} />}
          </Field>
        </div>
        {pulling && (
          <>
            <p className="wf-missing" role="status">
              Unable to find <code>{pulling}</code> on this engine: pulling it first, as <code>docker run</code> does.
            </p>
            <PullProgress
              key={pulling}
              reference={pulling}
              hint={(e) => plainPullError(e.message, pulling)}
              onCancel={() => {
                setPullOutcome({ reference: pulling, error: null });
                setPulling(null);
              }}
              onError={(e) => {
                // The failure stays on screen with its hint, but Run is usable again at once.
                setPullOutcome({ reference: pulling, error: e });
                setSubmitted(true);
              }}
              onDone={() => {
                setPulling(null);
                justPulled.current = true;
                void run();
              }}
            />
          </>
        )}
        {pullOutcome && !pullOutcome.error && (
          <p className="wf-missing" role="status" data-testid="pull-cancelled">
            Pull of <code>{pullOutcome.reference}</code> cancelled: the engine stopped downloading, and nothing was created (no image, no
            container). Run starts it again.
          </p>
        )}

        <fieldset className="wf-mode">
          <legend>Mode</legend>
          <label className="check">
            <input type="radio" name="wf-mode" checked={spec.detach} onChange={() => update({ detach: true })} /> Detached (<code>-d</code>, runs in the background)
          </label>
          <label className="check">
            <input type="radio" name="wf-mode" checked={!spec.detach} onChange={() => update({ detach: false })} /> Attached (show its output)
          </label>
        </fieldset>

        <fieldset>
          <legend>Published ports (-p)</legend>
          {spec.ports.map((p, i) => (
            <div className="wf-row" key={i}>
              <Field label={`Host IP ${i + 1}`} error={errorOf(`ports.${i}.hostIp`)}>
                {(a) => <input {...a} className="wf-ip" value={p.hostIp} onChange={(e) => update({ ports: setAt(spec.ports, i, { ...p, hostIp: e.target.value }) })} placeholder="all" />}
              </Field>
              <Field label={`Host port ${i + 1}`} error={errorOf(`ports.${i}.hostPort`)}>
                {(a) => <input {...a} className="wf-num" inputMode="numeric" value={p.hostPort} onChange={(e) => update({ ports: setAt(spec.ports, i, { ...p, hostPort: e.target.value.trim() }) })} placeholder="random" />}
              </Field>
              <Field label={`Container port ${i + 1}`} error={errorOf(`ports.${i}.containerPort`)}>
                {(a) => <input {...a} className="wf-num" inputMode="numeric" value={p.containerPort} onChange={(e) => update({ ports: setAt(spec.ports, i, { ...p, containerPort: e.target.value.trim() }) })} />}
              </Field>
              <label>
                Protocol {i + 1}
                <select value={p.protocol} onChange={(e) => update({ ports: setAt(spec.ports, i, { ...p, protocol: e.target.value as RunPort['protocol'] }) })}>
                  <option value="tcp">tcp</option>
                  <option value="udp">udp</option>
                </select>
              </label>
              <button type="button" className="small" aria-label={`Remove port ${i + 1}`} onClick={() => update({ ports: spec.ports.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="small" onClick={() => update({ ports: [...spec.ports, { hostIp: '', hostPort: '', containerPort: '80', protocol: 'tcp' }] })}>
            Add port
          </button>
        </fieldset>

        <ListField
          legend="Environment variables (-e)"
          itemLabel="Variable"
          placeholder="KEY=value"
          values={spec.env}
          errorOf={(i) => errorOf(`env.${i}`)}
          onChange={(env) => update({ env })}
        />

        <fieldset>
          <legend>Volumes and bind mounts (-v)</legend>
          {spec.volumes.map((v, i) => (
            <div className="wf-row" key={i}>
              <Field label={`Source ${i + 1}`} error={errorOf(`volumes.${i}.source`)}>
                {(a) => <input {...a} value={v.source} onChange={(e) => update({ volumes: setAt(spec.volumes, i, { ...v, source: e.target.value }) })} placeholder="volume name or /host/path" />}
              </Field>
              <Field label={`Container path ${i + 1}`} error={errorOf(`volumes.${i}.target`)}>
                {(a) => <input {...a} value={v.target} onChange={(e) => update({ volumes: setAt(spec.volumes, i, { ...v, target: e.target.value }) })} placeholder="/data" />}
              </Field>
              <label className="check">
                <input type="checkbox" checked={v.readOnly} onChange={(e) => update({ volumes: setAt<RunVolume>(spec.volumes, i, { ...v, readOnly: e.target.checked }) })} /> read-only {i + 1}
              </label>
              <button type="button" className="small" aria-label={`Remove volume ${i + 1}`} onClick={() => update({ volumes: spec.volumes.filter((_, j) => j !== i) })}>
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="small" onClick={() => update({ volumes: [...spec.volumes, { source: '', target: '', readOnly: false }] })}>
            Add volume
          </button>
        </fieldset>

        <div className="wf-grid">
          <Field label="Network" error={errorOf('network')}>
            {(p) => <input {...p} list="wf-networks" value={spec.network} onChange={(e) => update({ network: e.target.value.trim() })} placeholder="default bridge" />}
          </Field>
          <datalist id="wf-networks">
            {networks.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <Field label="Memory" error={errorOf('memory')} hint="e.g. 64m, 1g (at least 6m)">
            {(p) => <input {...p} className="wf-num" value={spec.memory} onChange={(e) => update({ memory: e.target.value })} placeholder="no limit" />}
          </Field>
          <Field label="CPUs" error={errorOf('cpus')} hint={cpus ? `up to ${cpus}` : undefined}>
            {(p) => <input {...p} className="wf-num" inputMode="decimal" value={spec.cpus} onChange={(e) => update({ cpus: e.target.value.trim() })} placeholder="no limit" />}
          </Field>
          <Field label="Restart policy" error={errorOf('restart')}>
            {(p) => (
              <select {...p} value={RESTARTS.includes(spec.restart) ? spec.restart : 'custom'} onChange={(e) => update({ restart: e.target.value === 'custom' ? spec.restart : e.target.value })}>
                {RESTARTS.map((r) => (
                  <option key={r} value={r}>
                    {r || '(default: no)'}
                  </option>
                ))}
                {!RESTARTS.includes(spec.restart) && <option value="custom">{spec.restart}</option>}
              </select>
            )}
          </Field>
        </div>
        <Field label="Command" error={errorOf('command')} hint="overrides the image's CMD">
          {(p) => <input {...p} className="wf-wide" value={spec.command} onChange={(e) => update({ command: e.target.value })} placeholder="(image default)" spellCheck={false} />}
        </Field>
        <div className="wf-checks">
          <label className="check">
            <input type="checkbox" checked={spec.rm} onChange={(e) => update({ rm: e.target.checked })} /> Remove when it exits (<code>--rm</code>)
          </label>
          <label className="check">
            <input type="checkbox" checked={keepOnFailure} onChange={(e) => setKeepOnFailure(e.target.checked)} /> Keep the container if it fails to start
          </label>
        </div>
        <ListField legend="Labels (--label)" itemLabel="Label" placeholder="key=value" values={spec.labels} errorOf={(i) => errorOf(`labels.${i}`)} onChange={(labels) => update({ labels })} />

        <h3 className="wf-sub">Equivalent command</h3>
        <CommandLine command={command} label="Copy docker run command" />
        <ErrorText error={generalError && withPlainWords(generalError, spec.image)} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || (pulling !== null && pullOutcome === null)}>
            {busy ? 'Running…' : pullOutcome?.error ? 'Run (tries the pull again)' : 'Run'}
          </button>
        </div>
      </form>
      )}
    </dialog>
  );
}

/** The engine's text, after plain words for it when there are some: "Plain words. (Engine: ...)". */
function withPlainWords(error: ApiError, image: string): string {
  const plain = plainRunError(error.message, image);
  return plain ? `${plain} (Engine: ${error.message})` : error.message;
}

/** True when the form has a place to show an error for `field`. */
function fieldShown(field: string | undefined, spec: RunSpec): boolean {
  if (!field) return false;
  const m = /^(ports|volumes|env|labels)\.(\d+)/.exec(field);
  if (m) return Number(m[2]) < (spec[m[1] as 'ports'] as unknown[]).length;
  return ['image', 'name', 'network', 'memory', 'cpus', 'restart', 'command'].includes(field);
}

function setAt<T>(list: T[], i: number, value: T): T[] {
  return list.map((v, j) => (j === i ? value : v));
}

let fieldIds = 0;

interface FieldProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled input whose error (ours or the engine's) sits right under it. */
function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (p: FieldProps) => ReactNode }) {
  const [id] = useState(() => `wf-field-${++fieldIds}`);
  return (
    <div className="wf-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined })}
      {error ? (
        <span className="wf-field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="muted wf-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

function ListField({ legend, itemLabel, placeholder, values, errorOf, onChange }: { legend: string; itemLabel: string; placeholder: string; values: string[]; errorOf: (i: number) => string | undefined; onChange: (v: string[]) => void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map((v, i) => (
        <div className="wf-row" key={i}>
          <Field label={`${itemLabel} ${i + 1}`} error={errorOf(i)}>
            {(p) => <input {...p} className="wf-wide" value={v} placeholder={placeholder} onChange={(e) => onChange(setAt(values, i, e.target.value))} spellCheck={false} />}
          </Field>
          <button type="button" className="small" aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onChange([...values, ''])}>
        Add {itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
