/**
 * What went wrong on the way to a remote engine, in words that say which step failed (name
 * lookup, TCP, host key, login, the remote `docker`) and what to do about it, instead of the
 * local "start the engine" advice that means nothing for a remote host.
 */
import type { EngineStatus, SshHostKeyPrompt } from '../../contract';
import { keyTypeLabel } from './known-hosts';
import type { SshTarget } from './ssh-target';

export class SshConnectError extends Error {
  /** Counted as "the engine is not reachable" by errors.ts, like ECONNREFUSED. */
  readonly code = 'ESSH';
  constructor(
    readonly reason: Extract<EngineStatus, { state: 'unreachable' }>['reason'],
    message: string,
    readonly hint: string,
    readonly hostKey?: SshHostKeyPrompt,
  ) {
    super(message);
    this.name = 'SshConnectError';
  }
}

/** Maps an ssh2 client error (before the connection was ready) to a reason and a hint. */
export function classifySshError(err: Error & { code?: string; level?: string }, t: SshTarget, tried: string[]): SshConnectError {
  if (err instanceof SshConnectError) return err;
  const where = `${t.hostname}:${t.port}`;
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SshConnectError(
        'dns',
        `The host name "${t.hostname}" could not be resolved (${err.code}).`,
        `Check the host in the engine address${t.alias !== t.hostname ? ` and HostName for "${t.alias}" in ~/.ssh/config` : ' (or add a Host entry for it to ~/.ssh/config)'}.`,
      );
    case 'ECONNREFUSED':
      return new SshConnectError(
        'refused',
        `Nothing accepts ssh connections at ${where} (connection refused).`,
        `Check that the ssh server runs on ${t.hostname} and listens on port ${t.port} (try \`ssh -p ${t.port} ${t.user}@${t.hostname}\`).`,
      );
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SshConnectError('timeout', `${where} did not answer (${err.code}).`, 'Check the address, the network and any firewall between you and the host.');
  }
  if (err.level === 'client-timeout') {
    return new SshConnectError('timeout', `The ssh handshake with ${where} did not finish in time.`, 'Check that an ssh server (not another service) listens on that port.');
  }
  if (err.level === 'client-authentication') {
    return new SshConnectError(
      'auth',
      `The ssh server at ${where} refused every key for user "${t.user}" (tried: ${tried.length ? tried.join(', ') : 'no key found'}).`,
      `Add your public key to ~${t.user}/.ssh/authorized_keys on ${t.hostname} (\`ssh-copy-id -p ${t.port} ${t.user}@${t.hostname}\`), load it into your agent (\`ssh-add\`), or name it with IdentityFile in ~/.ssh/config.`,
    );
  }
  return new SshConnectError('ssh', `The ssh connection to ${where} failed: ${err.message}`, `Try \`ssh -p ${t.port} ${t.user}@${t.hostname} docker version\` in a terminal to see the same failure.`);
}

export function unknownHostKeyError(t: SshTarget, prompt: SshHostKeyPrompt): SshConnectError {
  const label = keyTypeLabel(prompt.keyType);
  const others = prompt.otherTypes.length ? ` Keys of another type (${prompt.otherTypes.map(keyTypeLabel).join(', ')}) are known for this host.` : '';
  return new SshConnectError(
    'host-key-unknown',
    `The authenticity of host '${t.hostKeyName}' can't be established. ${label} key fingerprint is ${prompt.fingerprint}.${others}`,
    `Compare the fingerprint with the server's (\`ssh-keygen -lf /etc/ssh/ssh_host_${label.toLowerCase()}_key.pub\` on it); trust the host only if they match.`,
    prompt,
  );
}

/** The docker CLI (through ssh) refuses a changed key with this warning; so do we. */
export function changedHostKeyError(t: SshTarget, prompt: SshHostKeyPrompt, file: string, line: number): SshConnectError {
  const label = keyTypeLabel(prompt.keyType);
  return new SshConnectError(
    'host-key-changed',
    [
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
      '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
      'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
      'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
      'It is also possible that a host key has just been changed.',
      `The fingerprint for the ${label} key sent by the remote host is`,
      `${prompt.fingerprint}.`,
      `Offending ${label} key in ${file}:${line}`,
      `Host key for ${t.hostKeyName} has changed and you have requested strict checking.`,
      'Host key verification failed.',
    ].join('\n'),
    `If the server's key really changed (ask its admin), remove the old entry with \`ssh-keygen -f "${file}" -R "${t.hostKeyName}"\`, then connect again.`,
  );
}

export function revokedHostKeyError(t: SshTarget, file: string, line: number): SshConnectError {
  return new SshConnectError(
    'host-key-changed',
    `The host key of ${t.hostKeyName} is marked as revoked in ${file}:${line}. Host key verification failed.`,
    'Do not connect; ask the server admin for the new host key.',
  );
}

/** The remote shell could not run `docker`, or the remote docker could not reach its engine. */
export function remoteDockerError(t: SshTarget, exitCode: number | null, stderr: string): SshConnectError {
  const text = stderr.trim();
  if (exitCode === 127 || /command not found|not found|No such file/i.test(text)) {
    return new SshConnectError(
      'remote-docker-missing',
      `\`docker\` is not installed (or not on PATH) for ${t.user} on ${t.hostname}${text ? `: ${text}` : ''}.`,
      `Install the docker CLI on ${t.hostname} (Dockside runs \`docker system dial-stdio\` there, as the docker CLI does), or make sure a non-interactive shell finds it on PATH.`,
    );
  }
  return new SshConnectError(
    'remote-engine',
    `The docker CLI on ${t.hostname} could not reach its engine${text ? `: ${text}` : ` (exit code ${exitCode ?? 'none'})`}.`,
    `Start the engine on ${t.hostname} (\`sudo systemctl start docker\` there), or check that ${t.user} may use it (\`sudo usermod -aG docker ${t.user}\` on the remote).`,
  );
}
