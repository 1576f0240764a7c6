/**
 * dockerode over ssh:// without docker-modem's ssh mode (which opens a new ssh connection,
 * agent-only and trusting any host key, for every request). Every client for the same
 * user@host:port shares one SshConnection and one keep-alive HTTP agent whose connections are
 * channels on it, so idle channels are reused and many calls cost no new handshakes. A failure
 * to reach the remote reaches the caller as the SshConnectError that says which step failed.
 */
import type { Duplex } from 'node:stream';
import type Modem from 'docker-modem';
import { EngineHttpAgent } from '../engine-agent';
import { ChannelBridge } from './channel-bridge';
import { SshConnection } from './ssh-connection';
import { processSshEnv, resolveSshTarget, type SshEnv } from './ssh-target';

// An EngineHttpAgent: docker-modem inspects the agent of every request (see engine-agent.ts).
class SshHttpAgent extends EngineHttpAgent {
  private bridge: ChannelBridge | null = null;

  constructor(private readonly conn: SshConnection) {
    super({ keepAlive: true, maxFreeSockets: 4 });
  }

  // One channel per HTTP connection, behind a real local socket (see channel-bridge.ts).
  override createConnection(): Duplex {
    this.bridge ??= new ChannelBridge();
    return this.bridge.socketFor(() => this.conn.openChannel());
  }

  override destroy(): void {
    super.destroy();
    this.bridge?.close();
    this.bridge = null;
  }
}

interface Shared {
  conn: SshConnection;
  agent: SshHttpAgent;
}

const shared = new Map<string, Shared>();

/** The one connection (and agent) for this address, as resolved with this environment. */
export function sshConnectionFor(url: string, env: SshEnv = processSshEnv()): Shared {
  const target = resolveSshTarget(url, env);
  const key = JSON.stringify([target.user, target.hostname, target.port, target.identityFiles, target.agent, target.userKnownHostsFiles]);
  let s = shared.get(key);
  if (!s) {
    const conn = new SshConnection(target, env);
    s = { conn, agent: new SshHttpAgent(conn) };
    shared.set(key, s);
  }
  return s;
}

/** docker-modem options for an ssh:// endpoint: plain HTTP through the shared agent. */
export function sshModemOptions(endpoint: { url: string }, env?: SshEnv): Modem.ConstructorOptions {
  const { agent } = sshConnectionFor(endpoint.url, env);
  // The host name only fills the Host header; the agent decides where the bytes go.
  return { protocol: 'http', host: 'docker', port: 80, agent } as Modem.ConstructorOptions;
}

/** Closes every ssh connection (tests, shutdown). */
export function closeSshConnections(): void {
  for (const s of shared.values()) {
    s.agent.destroy();
    s.conn.close();
  }
  shared.clear();
}
