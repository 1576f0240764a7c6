/**
 * Log windows without holes (issue 16, item 5), against the real engine: a container prints
 * 200,000 numbered lines as fast as it can while `logs:follow` (what the Logs tab subscribes to)
 * follows it; its batches go into the tab's LogWindow. Whatever the window keeps must be a
 * contiguous run of the log except at gap markers, whose counts are exactly the lines missing
 * there, and kept + gaps + older lines = every line printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LogBatch } from '../../main/contract';
import { unpackLines } from '../../main/debug/log-batch';
import { isGap, LogWindow } from '../../main/debug/log-window';
import { createService, type Service } from '../../main/service/create-service';
import { runContainer, testDocker, waitFor } from '../support/engine';
import { WEB_IMAGE } from '../support/fixtures';
import { testName } from '../support/labels';

const LINES = 200_000;
let service: Service;
let dataDir: string;
let containerId = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-logwin-'));
  service = await createService({ dataDir });
  await waitFor(() => service.engine.getStatus().state === 'connected', 'the engine');
});

afterAll(async () => {
  service.close();
  if (containerId) await testDocker().getContainer(containerId).remove({ force: true }).catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('a 200k-line burst leaves no unmarked gap in the kept window', async () => {
  // Created first, followed from its start, then started: the whole burst arrives live.
  const c = await runContainer({ name: testName('burst'), image: WEB_IMAGE, cmd: ['sh', '-c', `sleep 1; seq 1 ${LINES}`] });
  containerId = c.id;
  const window = new LogWindow(10_000);
  let total = 0;
  let dropped = 0;
  let ended = false;
  let batches = 0;
  let acked = 0;
  const acks: Promise<void>[] = [];
  const sub = await service.dispatcher.subscribe(
    'test',
    'logs:follow',
    { id: c.id, tail: 'all', timestamps: false, follow: true, paced: true },
    (_id, e) => {
      const b = e as LogBatch;
      // As the Logs tab does: only a batch's newest lines that fit are unpacked, then acknowledged.
      const before = Math.max(0, b.count - window.capacity);
      window.pushBatch(unpackLines(b, before), b.dropped, before);
      total = b.total;
      dropped += b.dropped;
      if (b.ended) ended = true;
      batches++;
      if (b.flow && b.seq) acks.push(service.dispatcher.invoke('logs:ack', { flow: b.flow, seq: b.seq }).then((r) => void (r.ok && (r.value as { known: boolean }).known && acked++)));
    },
    () => undefined,
  );
  expect(sub.ok).toBe(true);
  await waitFor(() => ended && total === LINES, `all ${LINES} lines followed`, 60_000);
  if (sub.ok) service.dispatcher.unsubscribe('test', sub.value);

  // Walk the window: line numbers follow each other, a gap skips exactly its count.
  let expected = window.olderLines + 1;
  let gaps = 0;
  let gapLines = 0;
  let kept = 0;
  for (let i = 0; i < window.length; i++) {
    const item = window.at(i)!;
    if (isGap(item)) {
      gaps++;
      gapLines += item.gap;
      expected += item.gap;
    } else {
      expect(Number(item.text), `row ${i}`).toBe(expected);
      expected++;
      kept++;
    }
  }
  expect(expected - 1).toBe(LINES);
  expect(window.olderLines + gapLines + kept).toBe(LINES);
  expect(kept).toBeGreaterThan(0);
  await Promise.all(acks);
  // Paced by acknowledgements: every batch but the last (sent as the stream ended) was known to main.
  expect(acked).toBeGreaterThanOrEqual(batches - 1);
  // Reported for the record: how much was skipped on this machine (the test itself does not time anything).
  console.info(`log window: ${kept} lines kept, ${gaps} gap marker(s) holding ${gapLines} lines, ${window.olderLines} older; ${dropped} skipped in all, ${batches} batches`);
}, 90_000);
