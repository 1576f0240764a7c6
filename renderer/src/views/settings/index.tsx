/** Settings: theme, default engine, notifications, where data is kept, progress reset, About. */
import { useEffect, useState } from 'react';
import { themes, type AboutInfo, type ApiError, type EngineCandidate, type Settings, type Theme } from '../../../../main/contract';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useSettingsStore } from './settings-store';

const THEME_LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'Same as the system' };

export function SettingsView() {
  const settings = useSettingsStore((s) => s.settings);
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [candidates, setCandidates] = useState<EngineCandidate[]>([]);
  const [engine, setEngine] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  useEffect(() => {
    void call('settings:about', {}).then((r) => r.ok && setAbout(r.value));
    void call('engine:candidates', {}).then((r) => r.ok && setCandidates(r.value));
  }, []);
  const update = async (patch: Partial<Settings>, what: string) => {
    setError(null);
    const r = await call('settings:update', patch);
    if (!r.ok) return setError(r.error);
    useSettingsStore.getState().set(r.value);
    setSaved(what);
  };
  if (!settings) return <p>Loading settings…</p>;
  const engineValue = engine ?? settings.defaultEngine;
  return (
    <section className="view settings-view">
      <div className="view-header">
        <h1>Settings</h1>
        {saved && (
          <span className="muted" role="status">
            Saved: {saved}
          </span>
        )}
      </div>
      <ErrorText error={error} />
      <fieldset>
        <legend>Theme</legend>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {themes.map((t) => (
            <button key={t} type="button" role="radio" aria-checked={settings.theme === t} onClick={() => void update({ theme: t }, `theme ${THEME_LABELS[t].toLowerCase()}`)}>
              {THEME_LABELS[t]}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Default engine</legend>
        <p className="muted">Used when Dockside starts (unless DOCKER_HOST is set). Empty: find the engine like the docker CLI does.</p>
        <form
          className="wf-row"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ defaultEngine: engineValue.trim() }, 'default engine');
          }}
        >
          <label>
            Engine address
            <input list="engine-candidates" value={engineValue} onChange={(e) => setEngine(e.target.value)} placeholder="(as the docker CLI chooses)" spellCheck={false} size={48} />
          </label>
          <datalist id="engine-candidates">
            {candidates.map((c) => (
              <option key={c.url} value={c.url}>
                {c.label}
              </option>
            ))}
          </datalist>
          <button type="submit">Save</button>
        </form>
      </fieldset>
      <fieldset>
        <legend>Notifications</legend>
        <label className="check">
          <input type="checkbox" checked={settings.notifications} onChange={(e) => void update({ notifications: e.target.checked }, `notifications ${e.target.checked ? 'on' : 'off'}`)} />
          Show notifications (container exits, finished pulls and builds)
        </label>
      </fieldset>
      <fieldset>
        <legend>Where Dockside keeps its data</legend>
        {about && (
          <dl className="about-list">
            <dt>Data folder</dt>
            <dd className="mono">{about.paths.dataDir}</dd>
            <dt>Settings</dt>
            <dd className="mono">{about.paths.settingsFile}</dd>
            <dt>Course progress</dt>
            <dd className="mono">{about.paths.progressFile}</dd>
            <dt>Downloads from containers and volumes</dt>
            <dd className="mono">{about.paths.downloads}</dd>
          </dl>
        )}
        <button type="button" className="danger" onClick={() => setResetting(true)}>
          Reset course progress…
        </button>
      </fieldset>
      <fieldset>
        <legend>About</legend>
        {about && (
          <dl className="about-list" data-testid="about">
            <dt>Dockside</dt>
            <dd>{about.docksideVersion}</dd>
            <dt>Electron</dt>
            <dd>{about.electronVersion ?? 'not running in Electron (browser mode)'}</dd>
            <dt>Node.js</dt>
            <dd>{about.nodeVersion}</dd>
            <dt>Engine</dt>
            <dd>{about.engine ? `${about.engine.name} ${about.engine.version} at ${about.engine.endpoint}` : 'not connected'}</dd>
            <dt>Engine API</dt>
            <dd>{about.engine?.apiVersion ?? '-'}</dd>
          </dl>
        )}
      </fieldset>
      {resetting && <ResetProgressDialog onDone={(msg) => { setResetting(false); if (msg) setSaved(msg); }} />}
    </section>
  );
}

function ResetProgressDialog({ onDone }: { onDone(msg: string | null): void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      title="Reset course progress?"
      confirmLabel="Reset progress"
      danger
      busy={busy}
      onCancel={() => onDone(null)}
      onConfirm={async () => {
        setBusy(true);
        const r = await call('lessons:reset', {});
        setBusy(false);
        if (!r.ok) setError(r.error);
        else onDone(`course progress reset for ${r.value.engine}`);
      }}
    >
      <p>Every ticked task and quiz answer on this engine is forgotten. Tasks the engine still shows as done tick again by themselves. Your containers, images and volumes are not touched.</p>
      <ErrorText error={error} />
    </ConfirmDialog>
  );
}
