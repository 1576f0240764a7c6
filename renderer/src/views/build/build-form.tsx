import { useEffect, useState } from 'react';
import type { ApiError, BuildEvent, ContextReport, HistoryLayer, SubscriptionArgs } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { formatBytes, shortId } from '../../components/format';
import { useCommandStore } from '../../stores/command-store';
import { useNavStore } from '../../stores/nav-store';
import { buildCommand } from '../../../../main/publish/build-command';
import type { BuildPrefill } from '../../../../main/lessons/command-target';
import { BuildLogView } from './build-log-view';

const MAX_LOG_LINES = 3000;

const TEMPLATE = `# Every instruction is one step (and one layer) of the build.
FROM dockside-test/web:latest
ARG VERSION=dev
COPY . /var/www/
RUN echo "version $VERSION" > /var/www/version.txt
`;

interface Step {
  step: number;
  total: number;
  instruction: string;
}

interface RunState {
  lines: string[];
  step: Step | null;
  command: string;
  report: ContextReport | null;
  failed: { message: string; step: Step | null } | null;
  done: { imageId: string; tags: string[] } | null;
}

const emptyRun: RunState = { lines: [], step: null, command: '', report: null, failed: null, done: null };

/** "a:1, a:latest" or one per line -> ["a:1", "a:latest"]. */
function splitList(text: string): string[] {
  return text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean);
}

/** KEY=VALUE per line -> record; reports the first bad line. */
function parseBuildArgs(text: string): { args: Record<string, string>; error: string | null } {
  const args: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { args, error: `Build args, line ${i + 1}: "${line}" is not KEY=VALUE` };
    args[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { args, error: null };
}

/** `{ build: BuildPrefill }` from a lesson's "Open in Dockside" on a `docker build` line. */
function prefill(): BuildPrefill | null {
  const b = useNavStore.getState().params.build;
  return b && typeof b === 'object' && Array.isArray((b as BuildPrefill).tags) ? (b as BuildPrefill) : null;
}

export function BuildForm() {
  const go = useNavStore((s) => s.go);
  const [pre] = useState(prefill);
  const [source, setSource] = useState<'folder' | 'editor'>('folder');
  const [contextPath, setContextPath] = useState(pre?.context.startsWith('/') ? pre.context : '');
  const [dockerfile, setDockerfile] = useState(pre?.file ?? 'Dockerfile');
  const [buildName, setBuildName] = useState('my-app');
  const [content, setContent] = useState(TEMPLATE);
  // No real default: an example only as a placeholder, so the learner's own tag is what gets built.
  const [tagsText, setTagsText] = useState(pre ? pre.tags.join(', ') : '');
  const [argsText, setArgsText] = useState(pre ? Object.entries(pre.buildArgs).map(([k, v]) => `${k}=${v}`).join('\n') : '');
  const [target, setTarget] = useState(pre?.target ?? '');
  const [noCache, setNoCache] = useState(pre?.noCache ?? false);
  const [maxMb, setMaxMb] = useState(500);
  const [report, setReport] = useState<ContextReport | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [run, setRun] = useState<{ id: number; args: SubscriptionArgs<'build:run'> } | null>(null);
  const [state, setState] = useState<RunState>(emptyRun);
  const [history, setHistory] = useState<HistoryLayer[] | null>(null);
  // Desktop: main opens the native folder dialog (the folder is the user's pick, not typed).
  // Browser mode has no dialog: the typed path is the user's own choice.
  const [folderDialog, setFolderDialog] = useState(false);

  useEffect(() => {
    let live = true;
    void call('dialogs:available', {}).then((r) => live && r.ok && setFolderDialog(r.value.chooseFolder));
    return () => {
      live = false;
    };
  }, []);

  const running = run !== null && !state.done && !state.failed;

  useSubscription(
    'build:run',
    run?.args ?? null,
    (e: BuildEvent) => {
      // Side effects outside the state updater (React may run updaters twice).
      if (e.type === 'context') useCommandStore.getState().show('Build an image', e.command);
      if (e.type === 'done') void call('build:history', { image: e.imageId }).then((r) => r.ok && setHistory(r.value));
      setState((s) => {
        switch (e.type) {
          case 'context':
            return { ...s, command: e.command, report: e.report };
          case 'step':
            return { ...s, step: e };
          case 'log': {
            const lines = [...s.lines, ...e.text.replace(/\n$/, '').split('\n')];
            return { ...s, lines: lines.length > MAX_LOG_LINES ? lines.slice(-MAX_LOG_LINES) : lines };
          }
          case 'failed':
            return { ...s, failed: { message: e.message, step: e.step } };
          case 'done':
            return { ...s, done: { imageId: e.imageId, tags: e.tags } };
        }
      });
    },
    (err) => {
      setError(err);
      setRun(null);
    },
    run ? String(run.id) : 'none',
  );

  const resolveContext = async (): Promise<{ contextPath: string; dockerfile: string } | null> => {
    if (source === 'editor') {
      const r = await call('build:write-dockerfile', { name: buildName, content });
      if (!r.ok) {
        setError(r.error);
        return null;
      }
      return r.value;
    }
    return { contextPath: contextPath.trim(), dockerfile: dockerfile.trim() || 'Dockerfile' };
  };

  const checkContext = async (ctx: { contextPath: string; dockerfile: string }) => {
    const r = await call('build:check-context', ctx);
    if (r.ok) setReport(r.value);
    else {
      setReport(null);
      setError(r.error);
    }
  };

  const check = async () => {
    setError(null);
    const ctx = await resolveContext();
    if (ctx) await checkContext(ctx);
  };

  const chooseFolder = async () => {
    setError(null);
    const r = await call('build:choose-context', {});
    if (!r.ok) return setError(r.error);
    if (r.value.kind === 'unavailable') return setError(r.value.message);
    if (r.value.kind === 'cancelled') return;
    setContextPath(r.value.contextPath);
    // Sizing it at once tells the learner what the build would send (and if the Dockerfile is there).
    await checkContext({ contextPath: r.value.contextPath, dockerfile: dockerfile.trim() || 'Dockerfile' });
  };

  const start = async () => {
    setError(null);
    setHistory(null);
    const tags = splitList(tagsText);
    if (tags.length === 0) return setError('Tags: give at least one tag, e.g. my-app:1.0.0');
    const parsed = parseBuildArgs(argsText);
    if (parsed.error) return setError(parsed.error);
    const ctx = await resolveContext();
    if (!ctx) return;
    setState(emptyRun);
    setRun((prev) => ({
      id: (prev?.id ?? 0) + 1,
      args: {
        ...ctx,
        tags,
        buildArgs: parsed.args,
        ...(target.trim() ? { target: target.trim() } : {}),
        noCache,
        maxContextBytes: Math.max(1, Math.round(maxMb * 1024 * 1024)),
      },
    }));
  };

  const cancel = () => {
    // Closing the subscription destroys the request: the engine stops the build.
    setRun(null);
    setState((s) => ({ ...s, failed: { message: 'Build cancelled.', step: s.step } }));
  };

  const shown = state.report ?? report;
  // Preview of the command while the form is edited; the real one (with the resolved folder) replaces it on start.
  const preview = buildCommand({
    contextPath: source === 'folder' ? contextPath.trim() || '.' : (shown?.contextPath ?? `<app data>/builds/${buildName}`),
    dockerfile: source === 'folder' ? dockerfile.trim() || 'Dockerfile' : 'Dockerfile',
    tags: splitList(tagsText),
    buildArgs: parseBuildArgs(argsText).args,
    target: target.trim() || undefined,
    noCache,
  });
  return (
    <div className="build-form">
      <fieldset>
        <legend>Build context</legend>
        <div role="radiogroup" aria-label="Dockerfile source" className="segmented">
          <button type="button" role="radio" aria-checked={source === 'folder'} onClick={() => setSource('folder')}>
            Folder on this machine
          </button>
          <button type="button" role="radio" aria-checked={source === 'editor'} onClick={() => setSource('editor')}>
            Write a Dockerfile
          </button>
        </div>
        {pre && !pre.context.startsWith('/') && source === 'folder' && (
          <p className="muted small-text" role="status" data-testid="build-context-note">
            The command builds <code>{pre.context}</code>, the folder you run it in: {folderDialog ? 'choose that folder below' : "type that folder's full path below"}, or write the
            Dockerfile here instead. Tags{pre.file ? ', file' : ''} and every other flag are filled in from the command.
          </p>
        )}
        {source === 'folder' ? (
          <div className="form-row">
            {folderDialog ? (
              <>
                <label>
                  Folder
                  <input value={contextPath} readOnly placeholder="No folder chosen yet" size={48} />
                </label>
                <button type="button" onClick={chooseFolder}>
                  Choose folder…
                </button>
              </>
            ) : (
              <label>
                Folder (absolute path)
                <input value={contextPath} onChange={(e) => setContextPath(e.target.value)} placeholder="/home/me/projects/shop" size={48} />
              </label>
            )}
            <label>
              Dockerfile (in that folder)
              <input value={dockerfile} onChange={(e) => setDockerfile(e.target.value)} size={20} />
            </label>
          </div>
        ) : (
          <div className="form-col">
            <label>
              Build name (its folder is kept in the app's data folder)
              <input value={buildName} onChange={(e) => setBuildName(e.target.value)} size={24} />
            </label>
            <label>
              Dockerfile
              <textarea aria-label="Dockerfile" className="dockerfile-editor mono" value={content} onChange={(e) => setContent(e.target.value)} rows={10} spellCheck={false} />
            </label>
          </div>
        )}
        <div className="form-row">
          <button type="button" onClick={check}>
            Check context size
          </button>
          <label>
            Refuse contexts over (MB)
            <input type="number" min={1} value={maxMb} onChange={(e) => setMaxMb(Number(e.target.value) || 1)} style={{ width: 90 }} />
          </label>
        </div>
        {shown && (
          <p data-testid="context-report">
            Context {shown.contextPath}: {formatBytes(shown.sizeBytes)} in {shown.fileCount} files
            {shown.hasDockerignore ? `, ${shown.ignoredCount} entries left out by .dockerignore` : ' (no .dockerignore: everything is sent)'}.
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Image</legend>
        <div className="form-row">
          <label>
            Tags (-t), comma separated
            <input value={tagsText} onChange={(e) => setTagsText(e.target.value)} size={48} placeholder="e.g. my-app:1.0.0, my-app:latest" />
          </label>
          <label>
            Target stage (--target)
            <input value={target} onChange={(e) => setTarget(e.target.value)} size={14} />
          </label>
          <label className="check">
            <input type="checkbox" checked={noCache} onChange={(e) => setNoCache(e.target.checked)} /> --no-cache
          </label>
        </div>
        <label>
          Build args (--build-arg), one KEY=VALUE per line
          <textarea aria-label="Build args" className="mono" value={argsText} onChange={(e) => setArgsText(e.target.value)} rows={2} cols={50} />
        </label>
      </fieldset>
      <div className="form-row">
        <button type="button" className="primary" onClick={start} disabled={running}>
          Build
        </button>
        <button type="button" onClick={cancel} disabled={!running}>
          Cancel build
        </button>
        {state.step && (
          <span data-testid="build-step">
            Step {state.step.step}/{state.step.total}: <code>{state.step.instruction}</code>
          </span>
        )}
      </div>
      <ErrorText error={error} />
      <CommandLine command={state.command || preview} />
      {state.failed && (
        <div className="build-failed" role="alert" data-testid="build-failed">
          <strong>{state.failed.step ? `Step ${state.failed.step.step}/${state.failed.step.total} failed: ${state.failed.step.instruction}` : 'The build failed'}</strong>
          <p>{state.failed.message}</p>
        </div>
      )}
      {state.done && (
        <div className="build-done" data-testid="build-done">
          <strong>Built {shortId(state.done.imageId)}</strong>, tagged {state.done.tags.join(', ')}.{' '}
          <button type="button" className="link" onClick={() => go('images')}>
            Open in Images
          </button>
        </div>
      )}
      {(run || state.lines.length > 0) && <BuildLogView lines={state.lines} failedStep={state.failed?.step?.instruction ?? null} />}
      {history && (
        <table className="table compact" aria-label="Image history">
          <thead>
            <tr>
              <th>Layer</th>
              <th>Created by</th>
              <th>Size</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={`${h.id}-${i}`}>
                <td className="mono">{h.id === '<missing>' ? '<missing>' : shortId(h.id)}</td>
                <td className="mono">{h.createdBy.replace(/^\/bin\/sh -c #\(nop\) /, '')}</td>
                <td>{formatBytes(h.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
