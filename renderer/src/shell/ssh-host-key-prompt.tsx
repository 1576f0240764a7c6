import { useState } from 'react';
import type { SshHostKeyPrompt } from '../../../main/contract';
import { call } from '../api/client';
import { ErrorText } from '../components/error-text';

/**
 * ssh's "Are you sure you want to continue connecting?" for a host Dockside has never seen: the
 * fingerprint, how to check it, and an explicit choice. Nothing is trusted without the click.
 */
export function SshHostKeyQuestion({ prompt }: { prompt: SshHostKeyPrompt }) {
  const [declined, setDeclined] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (declined === prompt.fingerprint) {
    return <span className="hint">Not trusted: Dockside will not connect to {prompt.host} until you trust its key.</span>;
  }
  const trust = async () => {
    setBusy(true);
    setError(null);
    const r = await call('ssh:trust-host-key', { host: prompt.host, fingerprint: prompt.fingerprint });
    setBusy(false);
    if (!r.ok) setError(r.error.message);
    else if (r.value.state === 'unreachable') setError(`${r.value.message} ${r.value.hint}`);
  };
  const label = prompt.keyType === 'ssh-ed25519' ? 'ED25519' : prompt.keyType.startsWith('ecdsa-') ? 'ECDSA' : prompt.keyType === 'ssh-rsa' ? 'RSA' : prompt.keyType;
  return (
    <div className="ssh-host-key" role="alertdialog" aria-label={`Trust the ssh host ${prompt.host}?`} data-testid="ssh-host-key">
      <strong>First connection to {prompt.host}.</strong>
      <span>
        Its {label} key fingerprint is <code data-testid="ssh-fingerprint">{prompt.fingerprint}</code>.
      </span>
      <span className="hint">
        Check it on the server (<code>ssh-keygen -lf /etc/ssh/ssh_host_{label.toLowerCase()}_key.pub</code>) before trusting it; it will be
        added to <code>{prompt.knownHostsFile}</code> as ssh would.
      </span>
      <span className="ssh-host-key-actions">
        <button type="button" className="small" disabled={busy} onClick={() => void trust()}>
          {busy ? 'Connecting…' : 'Trust this host and connect'}
        </button>
        <button type="button" className="small" disabled={busy} onClick={() => setDeclined(prompt.fingerprint)}>
          Don’t trust
        </button>
      </span>
      <ErrorText error={error} />
    </div>
  );
}
