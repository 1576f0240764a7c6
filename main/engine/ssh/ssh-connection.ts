/**
 * ONE ssh connection per remote engine, shared by every API call and stream.
 *
 * Each HTTP connection to the engine is a channel on that one ssh connection. When the remote
 * engine listens on a unix socket (what `docker context inspect` says on the remote), the
 * channel is a direct-streamlocal forward to it, like `podman --remote` does: it costs no remote
 * process and is not capped by sshd's MaxSessions (10 by default), which a dozen stats streams
 * would exceed. Otherwise (or when forwarding is refused) each channel runs
 * `docker system dial-stdio`, exactly as the docker CLI does. The connection is re-established
 * on the next call after it drops, and closed after a while without channels.
 */
import fs from 'node:fs';
// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them off the default.
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { Duplex } from 'node:stream';
import { checkHostKey, fingerprint, keyTypeOf, knownKeyTypes, type KnownHostsFile } from './known-hosts';
import { appendKnownHost, rememberUnknownHostKey } from './host-key-trust';
import { changedHostKeyError, classifySshError, remoteDockerError, revokedHostKeyError, SshConnectError, unknownHostKeyError } from './ssh-errors';
import type { SshEnv, SshTarget } from './ssh-target';

type Transport = { kind: 'socket'; path: string } | { kind: 'dial-stdio' };

export interface SshConnectionStats {
  /** ssh connections established so far (1 while nothing dropped). */
  connections: number;
  /** Channels opened so far, and open right now. */
  channels: number;
  openChannels: number;
  transport: Transport['kind'] | null;
}

const { Client: SshClient, utils } = ssh2;

const PROBE = "docker context inspect --format '{{.Endpoints.docker.Host}}'";
const DIAL = 'docker system dial-stdio';

export class SshConnection {
  private ready: Promise<Client> | null = null;
  private client: Client | null = null;
  private transport: Promise<Transport> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  readonly stats: SshConnectionStats = { connections: 0, channels: 0, openChannels: 0, transport: null };

  constructor(
    readonly target: SshTarget,
    private readonly env: SshEnv,
    private readonly idleMs = 30_000,
  ) {}

  /** A duplex byte stream to the remote engine's API, on the shared connection. */
  async openChannel(): Promise<Duplex> {
    this.closed = false;
    const client = await this.connect();
    const transport = await this.transportOn(client);
    let ch: Duplex;
    if (transport.kind === 'socket') {
      try {
        ch = await forwardToSocket(client, transport.path);
      } catch {
        // Forwarding refused (AllowStreamLocalForwarding no, or a socket ssh cannot open):
        // fall back to the docker CLI's way, whose errors also say more.
        ch = await this.dialStdio(client);
        this.transport = Promise.resolve({ kind: 'dial-stdio' });
        this.stats.transport = 'dial-stdio';
      }
    } else {
      ch = await this.dialStdio(client);
    }
    this.track(ch);
    return ch;
  }

  /** Ends the connection now (streams on it end too). */
  close(): void {
    this.closed = true;
    this.clearIdle();
    this.client?.end();
    this.client = null;
    this.ready = null;
    this.transport = null;
  }

  private track(ch: Duplex): void {
    this.stats.channels++;
    this.stats.openChannels++;
    this.clearIdle();
    ch.once('close', () => {
      this.stats.openChannels--;
      if (this.stats.openChannels === 0 && !this.closed) {
        this.idleTimer = setTimeout(() => this.close(), this.idleMs);
        this.idleTimer.unref();
      }
    });
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private connect(): Promise<Client> {
    if (this.ready) return this.ready;
    const t = this.target;
    const client = new SshClient();
    const tried: string[] = [];
    let refusal: SshConnectError | null = null;
    let isReady = false;
    const files = this.knownHostsFiles();
    const p = new Promise<Client>((resolve, reject) => {
      client.on('ready', () => {
        isReady = true;
        this.client = client;
        this.stats.connections++;
        resolve(client);
      });
      client.on('error', (err: Error & { level?: string }) => {
        if (!isReady) reject(refusal ?? classifySshError(err, t, tried));
      });
      client.on('close', () => {
        if (this.ready === p) {
          this.ready = null;
          this.transport = null;
        }
        if (this.client === client) this.client = null;
        if (!isReady) reject(refusal ?? new SshConnectError('ssh', `The ssh server at ${t.hostname}:${t.port} closed the connection during the handshake.`, `Try \`ssh -p ${t.port} ${t.user}@${t.hostname}\` to see why.`));
      });
      const config: ConnectConfig = {
        host: t.hostname,
        port: t.port,
        username: t.user,
        readyTimeout: t.connectTimeoutMs,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 3,
        authHandler: this.authMethods(tried),
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          refusal = this.verifyHostKey(files, key);
          verify(refusal === null);
        },
        algorithms: { serverHostKey: hostKeyPreference(knownKeyTypes(files, t.hostKeyName)) } as ConnectConfig['algorithms'],
      };
      try {
        client.connect(config);
      } catch (err) {
        reject(classifySshError(err as Error, t, tried));
      }
    });
    this.ready = p;
    // A failed attempt is forgotten so the next call (the engine's retry) tries again.
    p.catch(() => {
      if (this.ready === p) this.ready = null;
      client.end();
    });
    return p;
  }

  private knownHostsFiles(): KnownHostsFile[] {
    const out: KnownHostsFile[] = [];
    for (const f of [...this.target.userKnownHostsFiles, ...this.target.globalKnownHostsFiles]) {
      const text = this.env.readFile(f);
      if (text !== undefined) out.push({ path: f, text });
    }
    return out;
  }

  /** null when the key may be used; the refusal otherwise (an unknown key waits for the user). */
  private verifyHostKey(files: KnownHostsFile[], blob: Buffer): SshConnectError | null {
    const t = this.target;
    const key = { type: keyTypeOf(blob), blob };
    const check = checkHostKey(files, t.hostKeyName, key);
    const knownHostsFile = t.userKnownHostsFiles[0]!;
    const prompt = { host: t.hostKeyName, keyType: key.type, fingerprint: fingerprint(blob), knownHostsFile, otherTypes: check.status === 'unknown' ? check.otherTypes : [] };
    switch (check.status) {
      case 'known':
        return null;
      case 'revoked':
        return revokedHostKeyError(t, check.file, check.line);
      case 'changed':
        return changedHostKeyError(t, prompt, check.file, check.line);
      case 'unknown':
        if (t.strictHostKeyChecking === 'no' || t.strictHostKeyChecking === 'accept-new') {
          appendKnownHost(knownHostsFile, t.hostKeyName, key, t.hashKnownHosts);
          return null;
        }
        rememberUnknownHostKey(prompt, key, t.hashKnownHosts);
        return unknownHostKeyError(t, prompt);
    }
  }

  /** The agent first, then each identity file that exists, as ssh tries them. */
  private authMethods(tried: string[]) {
    const t = this.target;
    const methods: { label: string; method: AnyAuthMethod }[] = [];
    if (t.agent && fs.existsSync(t.agent)) methods.push({ label: `the agent at ${t.agent}`, method: { type: 'agent', username: t.user, agent: t.agent } });
    for (const file of t.identityFiles) {
      const text = this.env.readFile(file);
      if (text === undefined) continue;
      const parsed = utils.parseKey(text);
      if (parsed instanceof Error) {
        tried.push(/encrypted|passphrase/i.test(parsed.message) ? `${file} (encrypted: add it to your agent with ssh-add)` : `${file} (unreadable: ${parsed.message})`);
        continue;
      }
      methods.push({ label: file, method: { type: 'publickey', username: t.user, key: text } });
    }
    // Returning false (no method left) makes ssh2 fail with level client-authentication.
    const handler = (): AnyAuthMethod | false => {
      const m = methods.shift();
      if (!m) return false;
      tried.push(m.label);
      return m.method;
    };
    return handler as unknown as AuthHandlerMiddleware;
  }

  private transportOn(client: Client): Promise<Transport> {
    if (!this.transport) {
      const p = probeTransport(client, this.target);
      this.transport = p;
      p.then(
        (tr) => (this.stats.transport = tr.kind),
        () => {
          // Probe again next time: the remote may get docker installed meanwhile.
          if (this.transport === p) this.transport = null;
        },
      );
    }
    return this.transport;
  }

  /** `docker system dial-stdio`, retried while sshd refuses more sessions (MaxSessions). */
  private async dialStdio(client: Client): Promise<Duplex> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await dialStdioOnce(client, this.target);
      } catch (err) {
        if (err instanceof SshConnectError || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  }
}

/** Host key algorithms with the types already in known_hosts first, as ssh orders them. */
function hostKeyPreference(known: string[]): { prepend: string[] } {
  const algos = known.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : t.startsWith('ssh-') || t.startsWith('ecdsa-') ? [t] : []));
  return { prepend: algos.filter((a) => ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'].includes(a)) };
}

function execText(client: Client, command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, ch) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      ch.on('data', (d: Buffer) => (stdout += d.toString()));
      ch.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      ch.on('exit', (c: number | null) => (code = c));
      ch.on('close', () => resolve({ code, stdout, stderr }));
    });
  });
}

/** Asks the remote docker CLI where its engine is; a missing `docker` fails here, once. */
async function probeTransport(client: Client, t: SshTarget): Promise<Transport> {
  const r = await execText(client, PROBE);
  if (r.code === 127) throw remoteDockerError(t, r.code, r.stderr);
  const host = r.stdout.trim();
  if (r.code === 0 && host.startsWith('unix://')) return { kind: 'socket', path: host.slice('unix://'.length) };
  return { kind: 'dial-stdio' };
}

function forwardToSocket(client: Client, socketPath: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.openssh_forwardOutStreamLocal(socketPath, (err, ch) => (err ? reject(err) : resolve(asSocket(ch))));
  });
}

function dialStdioOnce(client: Client, t: SshTarget): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.exec(DIAL, (err, ch) => {
      if (err) return reject(err);
      let stderr = '';
      ch.stderr.on('data', (d: Buffer) => {
        if (stderr.length < 4096) stderr += d.toString();
      });
      // When the remote docker fails, its stderr says why: pass it on as the error of the HTTP
      // request that used this channel (rather than a bare "socket hang up").
      ch.on('exit', (code: number | null) => {
        if (code !== 0 && stderr.trim()) (ch as unknown as Duplex).destroy(remoteDockerError(t, code, stderr));
      });
      resolve(asSocket(ch));
    });
  });
}
function asSocket(ch: ClientChannel): Duplex {
  return ch as unknown as Duplex;
}
