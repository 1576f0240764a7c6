import { useCallback, useEffect, useState } from 'react';
import type { ApiError, RegistryLogin, SubscriptionArgs, TransferEvent } from '../../../../main/contract';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { useCommandStore } from '../../stores/command-store';
import { useNavStore } from '../../stores/nav-store';
import { PracticeRegistryCard } from '../practice-registry/practice-registry-card';
import { emptyTransfer, foldTransfer, TransferProgress, type TransferState } from './transfer-progress';

/** One push or pull: its own subscription, open while it runs and on screen. */
function useTransfer<N extends 'registry:push' | 'registry:pull'>(name: N) {
  const [run, setRun] = useState<{ id: number; args: SubscriptionArgs<N> } | null>(null);
  const [state, setState] = useState<TransferState>(emptyTransfer);
  const [error, setError] = useState<ApiError | null>(null);
  useSubscription(
    name,
    run?.args ?? null,
    (e: TransferEvent) => {
      if (e.type === 'start') useCommandStore.getState().show(name === 'registry:push' ? 'Push' : 'Pull', e.command);
      setState((s) => foldTransfer(s, e));
    },
    (err) => {
      setError(err);
      setRun(null);
    },
    run ? String(run.id) : 'none',
  );
  const start = (args: SubscriptionArgs<N>) => {
    setError(null);
    setState(emptyTransfer);
    setRun((p) => ({ id: (p?.id ?? 0) + 1, args }));
  };
  const running = run !== null && !state.finished;
  return { start, cancel: () => setRun(null), state, error, running };
}

/** Pre-fills from a lesson's "Open in Dockside": { login: host }, { pull: ref }, { push: { repository, tag | allTags } }. */
function navPrefill() {
  const p = useNavStore.getState().params;
  const push = p.push && typeof p.push === 'object' ? (p.push as { repository?: string; tag?: string; allTags?: boolean }) : null;
  return {
    login: typeof p.login === 'string' ? p.login : null,
    pull: typeof p.pull === 'string' ? p.pull : '',
    pushRepo: push?.repository ?? '',
    pushTag: push?.tag ?? 'latest',
    allTags: push?.allTags === true,
  };
}

export function RegistryPanel({ defaultRegistry = 'localhost:5000' }: { defaultRegistry?: string }) {
  const [pre] = useState(navPrefill);
  const [registry, setRegistry] = useState(pre.login ?? defaultRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [logins, setLogins] = useState<RegistryLogin[]>([]);
  const [loginMsg, setLoginMsg] = useState<{ text: string; command: string } | null>(null);
  const [loginError, setLoginError] = useState<ApiError | null>(null);
  const [loggingOut, setLoggingOut] = useState<string | null>(null);

  const [pushRepo, setPushRepo] = useState(pre.pushRepo);
  const [pushTag, setPushTag] = useState(pre.pushTag);
  const [allTags, setAllTags] = useState(pre.allTags);
  const push = useTransfer('registry:push');

  const [pullRef, setPullRef] = useState(pre.pull);
  const pull = useTransfer('registry:pull');

  const [tagsRepo, setTagsRepo] = useState('');
  const [remoteTags, setRemoteTags] = useState<string[] | null>(null);
  const [tagsError, setTagsError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    const r = await call('registry:logins', {});
    if (r.ok) setLogins(r.value);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = async () => {
    setLoginError(null);
    setLoginMsg(null);
    const r = await call('registry:login', { registry: registry.trim(), username: username.trim(), password });
    setPassword(''); // never kept on screen longer than needed
    if (!r.ok) return setLoginError(r.error);
    useCommandStore.getState().show(`Log in to ${r.value.registry}`, r.value.command);
    const where =
      r.value.storedIn === 'config.json'
        ? 'Stored in ~/.docker/config.json as base64 (encoded, not encrypted), as the docker CLI does when no credential helper is configured.'
        : `Stored by the credential helper ${r.value.storedIn}, as configured in ~/.docker/config.json.`;
    setLoginMsg({ text: `${r.value.message}. ${where}`, command: r.value.command });
    void refresh();
  };

  const logout = async (reg: string) => {
    setLoggingOut(null);
    const r = await call('registry:logout', { registry: reg });
    if (!r.ok) setLoginError(r.error);
    else useCommandStore.getState().show(`Log out of ${reg}`, r.value.command);
    void refresh();
  };

  const listTags = async () => {
    setTagsError(null);
    setRemoteTags(null);
    const r = await call('registry:tags', { repository: tagsRepo.trim() });
    if (r.ok) setRemoteTags(r.value.tags);
    else setTagsError(r.error);
  };

  return (
    <div className="registry-panel">
      <PracticeRegistryCard
        onUseForLogin={(p) => {
          setRegistry(p.host);
          setUsername(p.username);
          setPassword(p.password);
        }}
      />
      <section aria-labelledby="login-h">
        <h2 id="login-h">Log in</h2>
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void login();
          }}
        >
          <label>
            Registry
            <input value={registry} onChange={(e) => setRegistry(e.target.value)} placeholder="docker.io or localhost:5000" />
          </label>
          <label>
            Username
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
          </label>
          <label>
            Password or token
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          <button type="submit" className="primary">
            Log in
          </button>
        </form>
        <p className="muted">
          The password is checked with the registry through the engine, then stored the way <code>docker login</code> stores it: by the
          credential helper named in <code>~/.docker/config.json</code> (<code>credsStore</code> / <code>credHelpers</code>) when there is
          one, otherwise base64-encoded (encoded, not encrypted) in that file. Dockside never writes it to its own settings or logs.
        </p>
        <ErrorText error={loginError} />
        {loginMsg && (
          <div data-testid="login-result">
            <p>{loginMsg.text}</p>
            <CommandLine command={loginMsg.command} />
          </div>
        )}
        {logins.length > 0 && (
          <table className="table compact" aria-label="Registries you are logged in to">
            <thead>
              <tr>
                <th>Registry</th>
                <th>User</th>
                <th>Stored in</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {logins.map((l) => (
                <tr key={l.registry}>
                  <td>{l.registry}</td>
                  <td>{l.username ?? ''}</td>
                  <td>{l.storedIn}</td>
                  <td>
                    <button type="button" className="small" onClick={() => setLoggingOut(l.registry)} aria-label={`Log out of ${l.registry}`}>
                      Log out
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {loggingOut && (
          <ConfirmDialog title={`Log out of ${loggingOut}?`} confirmLabel="Log out" onConfirm={() => void logout(loggingOut)} onCancel={() => setLoggingOut(null)}>
            <p>The stored credentials for {loggingOut} are erased (like <code>docker logout {loggingOut}</code>).</p>
          </ConfirmDialog>
        )}
      </section>

      <section aria-labelledby="push-h">
        <h2 id="push-h">Push</h2>
        <div className="form-row">
          <label>
            Repository
            <input value={pushRepo} onChange={(e) => setPushRepo(e.target.value)} placeholder="localhost:5000/my-app" size={36} />
          </label>
          <label>
            Tag
            <input value={pushTag} onChange={(e) => setPushTag(e.target.value)} disabled={allTags} size={12} />
          </label>
          <label className="check">
            <input type="checkbox" checked={allTags} onChange={(e) => setAllTags(e.target.checked)} /> All tags (--all-tags)
          </label>
          <button
            type="button"
            className="primary"
            disabled={push.running || !pushRepo.trim()}
            onClick={() => push.start(allTags ? { repository: pushRepo.trim(), allTags: true } : { repository: pushRepo.trim(), tag: pushTag.trim() || 'latest' })}
          >
            Push
          </button>
          {push.running && (
            <button type="button" onClick={push.cancel}>
              Cancel push
            </button>
          )}
        </div>
        <p className="muted">The image must be tagged with the registry's address first (e.g. <code>localhost:5000/my-app:1.0.0</code>); use the tag actions in Images.</p>
        <ErrorText error={push.error} />
        {push.state.command && <CommandLine command={push.state.command} />}
        <TransferProgress state={push.state} verb="Push" />
      </section>

      <section aria-labelledby="pull-h">
        <h2 id="pull-h">Pull</h2>
        <div className="form-row">
          <label>
            Image reference
            <input value={pullRef} onChange={(e) => setPullRef(e.target.value)} placeholder="localhost:5000/my-app:1.0.0" size={40} />
          </label>
          <button type="button" className="primary" disabled={pull.running || !pullRef.trim()} onClick={() => pull.start({ reference: pullRef.trim() })}>
            Pull
          </button>
        </div>
        <ErrorText error={pull.error} />
        {pull.state.command && <CommandLine command={pull.state.command} />}
        <TransferProgress state={pull.state} verb="Pull" />
      </section>

      <section aria-labelledby="tags-h">
        <h2 id="tags-h">Tags in a registry</h2>
        <div className="form-row">
          <label>
            Repository
            <input value={tagsRepo} onChange={(e) => setTagsRepo(e.target.value)} placeholder="localhost:5000/my-app" size={36} />
          </label>
          <button type="button" onClick={listTags} disabled={!tagsRepo.trim()}>
            List tags
          </button>
        </div>
        <p className="muted">Asks the registry directly: <code>GET /v2/&lt;name&gt;/tags/list</code> (registry HTTP API v2).</p>
        <ErrorText error={tagsError} />
        {remoteTags && (
          <ul data-testid="registry-tags" aria-label="Tags in the registry">
            {remoteTags.length === 0 ? <li>No tags.</li> : remoteTags.map((t) => <li key={t}>{t}</li>)}
          </ul>
        )}
      </section>
    </div>
  );
}
