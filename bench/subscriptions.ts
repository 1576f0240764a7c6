/**
 * Subscription leak check: 1,000 subscribe/unsubscribe cycles each of stats and logs through the
 * dispatcher leave no open sockets, listeners or subscriptions behind (counted before and after).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService } from '../main/service/create-service';
import { cleanupRun, runContainer } from '../test/support/engine';
import { WEB_IMAGE } from '../test/support/fixtures';
import { testName } from '../test/support/labels';

function openSockets(): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}

function counts(service: Awaited<ReturnType<typeof createService>>) {
  const all = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  // Sockets are counted from /proc; timers (a leaked batch interval would show here) by type.
  const handles = all.filter((h) => h.constructor.name !== 'Socket' && h.constructor.name !== 'WriteStream' && h.constructor.name !== 'ReadStream').length;
  const handleTypes = all.map((h) => h.constructor.name).sort().join(',');
  const subs = Object.values(service.dispatcher.activeSubscriptions()).reduce((a, b) => a + b, 0);
  return { sockets: openSockets(), handles, handleTypes, subscriptions: subs, ...service.engine.listenerCounts() };
}

export async function benchSubscriptions(cycles = 1000): Promise<void> {
  console.log(`\n== subscriptions: ${cycles} subscribe/unsubscribe cycles of stats:watch and logs:follow ==`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-bench-subs-'));
  const service = await createService({ dataDir });
  const c = await runContainer({ name: testName('bench-subs'), image: WEB_IMAGE, cmd: ['sh', '-c', 'while true; do echo tick; sleep 0.1; done'] });
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const before = counts(service);
    const t0 = Date.now();
    let events = 0;
    for (let i = 0; i < cycles; i++) {
      for (const [name, args] of [
        ['stats:watch', { ids: [c.id] }],
        ['logs:follow', { id: c.id, tail: 10 }],
      ] as const) {
        const r = await service.dispatcher.subscribe('bench', name, args, () => events++, () => undefined);
        if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
        // Most cycles close at once or right after the engine stream opened; every 50th stays a
        // quarter second so batches really flow before it closes.
        if (i % 50 === 49) await new Promise((res) => setTimeout(res, 250));
        else if (i % 2 === 1) await new Promise((res) => setTimeout(res, 5));
        service.dispatcher.unsubscribe('bench', r.value);
      }
    }
    const seconds = (Date.now() - t0) / 1000;
    // Let the sockets the engine was still answering on finish closing.
    let after = counts(service);
    for (let i = 0; i < 50 && after.sockets > before.sockets; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = counts(service);
    }
    console.log(`${cycles * 2} subscriptions in ${seconds.toFixed(1)} s (${events} events received)`);
    console.log(`before: ${JSON.stringify(before)}`);
    console.log(`after:  ${JSON.stringify(after)}`);
    const leaked = after.sockets - before.sockets;
    console.log(
      leaked <= 0 && after.handles <= before.handles && after.subscriptions === 0 && after.events === before.events
        ? 'no sockets, listeners or subscriptions left behind'
        : `LEAK: ${leaked} socket(s), ${after.handles - before.handles} handle(s), ${after.subscriptions} subscription(s), ${after.events - before.events} event listener(s) left`,
    );
  } finally {
    service.close();
    await c.remove({ force: true }).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await cleanupRun();
  }
}
