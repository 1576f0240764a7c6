/**
 * ssh:// figure: a loopback sshd started by the bench (test/support/sshd.ts, as the remote-ssh
 * tests use it) whose sessions reach the engine view; `calls` sequential container listings
 * by `docker -H ssh://... ps -a` (one ssh connection per command, as the CLI does) and by
 * Dockside's engine service over ssh:// (run in this process; its one multiplexed connection is
 * opened when the service starts, reported apart). Median per call, per run; runs alternate
 * CLI, Dockside.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processEndpointEnv } from '../main/engine/engine-manager';
import { closeSshConnections } from '../main/engine/ssh/ssh-docker-client';
import { createService } from '../main/service/create-service';
import { startSshd } from '../test/support/sshd';
import type { EngineView } from './engine-view';
import { fmtSpread, onCleanup, runCommand, spread, type ResultRow } from './support';

export interface SshContext {
  view: EngineView;
  calls: number;
  runs: number;
}

const median = (xs: number[]) => spread(xs).median;

export async function benchSsh(ctx: SshContext): Promise<ResultRow> {
  const sshd = await startSshd({ engineHost: `unix://${ctx.view.socketPath}` });
  const stopSshd = onCleanup(() => sshd.stop());
  const savedHome = process.env.HOME;
  const savedAgent = process.env.SSH_AUTH_SOCK;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-ssh-'));
  try {
    fs.writeFileSync(sshd.knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
    // The CLI runs the system's ssh, which reads the user's real ~/.ssh (not $HOME): a wrapper
    // first on its PATH points it at the bench's key and known_hosts, leaving the user's alone.
    const bin = path.join(sshd.dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'ssh'),
      `#!/bin/sh\nexec /usr/bin/ssh -F none -o IdentitiesOnly=yes -o BatchMode=yes -i ${path.join(sshd.home, '.ssh', 'id_ed25519')} -o UserKnownHostsFile=${sshd.knownHosts} "$@"\n`,
      { mode: 0o755 },
    );
    const host = `ssh://root@127.0.0.1:${sshd.port}`;
    const cliEnv: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_HOST: host };
    delete cliEnv.SSH_AUTH_SOCK;

    const pairs: { cli: number[]; dockside: number[]; rows: number; connectMs: number }[] = [];
    for (let run = 0; run < ctx.runs; run++) {
      const cli: number[] = [];
      for (let i = 0; i < ctx.calls; i++) {
        const r = await runCommand('docker', ['ps', '-a'], cliEnv);
        cli.push(r.ms);
        if (r.status !== 0) throw new Error(`docker -H ${host} ps failed: ${r.stderr}`);
      }

      // Dockside's ssh side reads ~/.ssh from HOME (os.homedir()); no agent.
      process.env.HOME = sshd.home;
      delete process.env.SSH_AUTH_SOCK;
      const c0 = performance.now();
      const service = await createService({ dataDir, endpointEnv: { ...processEndpointEnv(), env: { DOCKER_HOST: host } }, pingTimeoutMs: 15_000 });
      const connectMs = performance.now() - c0;
      if (service.engine.getStatus().state !== 'connected') throw new Error(`Dockside did not connect over ssh: ${JSON.stringify(service.engine.getStatus())}`);
      const dockside: number[] = [];
      let rows = 0;
      try {
        for (let i = 0; i < ctx.calls; i++) {
          const t0 = performance.now();
          const r = await service.call('containers:list', { all: true });
          dockside.push(performance.now() - t0);
          if (!r.ok) throw new Error(`containers:list over ssh: ${r.error.message}`);
          rows = r.value.length;
        }
      } finally {
        service.close();
        closeSshConnections();
        process.env.HOME = savedHome;
        if (savedAgent !== undefined) process.env.SSH_AUTH_SOCK = savedAgent;
      }
      pairs.push({ cli, dockside, rows, connectMs });
      console.log(`ssh run ${run + 1}: docker -H ssh:// ps median ${median(cli).toFixed(0)} ms; Dockside containers:list median ${median(dockside).toFixed(0)} ms (connect ${connectMs.toFixed(0)} ms, ${rows} containers)`);
    }
    const d = spread(pairs.map((p) => median(p.dockside)));
    const c = spread(pairs.map((p) => median(p.cli)));
    return {
      figure: `ssh:// call latency: median of ${ctx.calls} sequential container listings (${pairs[0]!.rows} containers), Dockside's containers:list vs \`docker -H ssh://… ps -a\``,
      dockside: fmtSpread(d, 1, ' ms'),
      peer: fmtSpread(c, 1, ' ms'),
      ratio: fmtSpread(spread(pairs.map((p) => median(p.dockside) / median(p.cli)))),
      target: '(none; issue: 0.5–0.7 s per call before)',
      met: null,
      note:
        `Dockside connects once per run (ssh handshake + ping, not in the per-call figure): ${fmtSpread(spread(pairs.map((p) => p.connectMs)), 0, ' ms')}; ` +
        `the CLI opens a new ssh connection (and a remote \`docker system dial-stdio\`) for every command`,
    };
  } finally {
    process.env.HOME = savedHome;
    fs.rmSync(dataDir, { recursive: true, force: true });
    await stopSshd();
  }
}
