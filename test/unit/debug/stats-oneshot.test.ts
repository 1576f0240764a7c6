/**
 * The Stats overview's one-shot samples (`stream=false&one-shot=true`, recorded from the engine:
 * a container spinning `while :; do :; done`, sampled three times about a second apart) give the
 * same numbers as the docker CLI's formulas, written out here as the CLI has them
 * (cli/command/container/stats_helpers.go), with the previous sample as "pre".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsBatch } from '../../../main/contract';
import { sampleStats, type OneShotSource } from '../../../main/debug/stats-sample';
import { computeStats, isEmptySample, withPreviousCpu, type RawStats } from '../../../main/debug/stats-formulas';

const sample = (n: number): RawStats => JSON.parse(readFileSync(path.join(__dirname, 'samples', `v1-oneshot-busy-${n}.json`), 'utf8')) as RawStats;
const HOST_MEM = 25276063744;

/** calculateCPUPercentUnix(previousCPU, previousSystem, v), as in the CLI. */
function cliCpuPercent(previousCPU: number, previousSystem: number, v: RawStats): number {
  let cpuPercent = 0;
  const cpuDelta = v.cpu_stats!.cpu_usage!.total_usage! - previousCPU;
  const systemDelta = v.cpu_stats!.system_cpu_usage! - previousSystem;
  let onlineCPUs = v.cpu_stats!.online_cpus ?? 0;
  if (onlineCPUs === 0) onlineCPUs = v.cpu_stats!.cpu_usage!.percpu_usage?.length ?? 0;
  if (systemDelta > 0 && cpuDelta > 0) cpuPercent = (cpuDelta / systemDelta) * onlineCPUs * 100;
  return cpuPercent;
}

/** calculateMemUsageUnixNoCache, as in the CLI. */
function cliMemUsage(v: RawStats): number {
  const mem = v.memory_stats!;
  const st = mem.stats ?? {};
  if (st.total_inactive_file !== undefined && st.total_inactive_file < mem.usage!) return mem.usage! - st.total_inactive_file;
  if (st.inactive_file !== undefined && st.inactive_file < mem.usage!) return mem.usage! - st.inactive_file;
  return mem.usage!;
}

describe('CPU % and memory from consecutive one-shot samples', () => {
  it('the recorded one-shot samples carry no precpu: alone they give 0 %, like the CLI first frame', () => {
    const s1 = sample(1);
    expect(s1.precpu_stats?.system_cpu_usage).toBeUndefined();
    expect(computeStats(withPreviousCpu(s1, null), null, HOST_MEM).cpuPercent).toBe(0);
  });

  it('each next sample gives the CLI formula over the two reads (a busy loop: about one core)', () => {
    const [s1, s2, s3] = [sample(1), sample(2), sample(3)];
    const v2 = computeStats(withPreviousCpu(s2, s1), null, HOST_MEM);
    const v3 = computeStats(withPreviousCpu(s3, s2), v2, HOST_MEM);
    expect(v2.cpuPercent).toBe(cliCpuPercent(s1.cpu_stats!.cpu_usage!.total_usage!, s1.cpu_stats!.system_cpu_usage!, s2));
    expect(v3.cpuPercent).toBe(cliCpuPercent(s2.cpu_stats!.cpu_usage!.total_usage!, s2.cpu_stats!.system_cpu_usage!, s3));
    // Recorded values: (1042998970 - 632682120) / (22406120000000 - 22403450000000) * 2 * 100.
    expect(v2.cpuPercent).toBeCloseTo(((1042998970 - 632682120) / (22406120000000 - 22403450000000)) * 2 * 100, 9);
    expect(v3.cpuPercent).toBeGreaterThan(20);
    expect(v3.cpuPercent).toBeLessThanOrEqual(200);
    for (const s of [s1, s2, s3]) expect(computeStats(s, null, HOST_MEM).memoryUsed).toBe(cliMemUsage(s));
  });

  it('a sample that already has precpu (a stream frame) keeps its own', () => {
    const s2 = sample(2);
    const framed: RawStats = { ...s2, precpu_stats: { ...sample(1).cpu_stats!, system_cpu_usage: 22405000000000 } };
    expect(withPreviousCpu(framed, sample(1))).toBe(framed);
  });

  it('knows the engine answer for a container that is not running', () => {
    expect(isEmptySample({ read: '0001-01-01T00:00:00Z' })).toBe(true);
    expect(isEmptySample(sample(1))).toBe(false);
  });
});

describe('sampleStats (a fake engine answering the recorded samples)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks one-shot samples one at a time every interval and emits the CLI numbers; close aborts and stops', async () => {
    const answers = [sample(1), sample(2), sample(3)];
    const asked: string[] = [];
    const source: OneShotSource = {
      key: {},
      sample: (id) => {
        asked.push(id);
        return Promise.resolve(answers.shift() ?? { read: '0001-01-01T00:00:00Z' });
      },
    };
    const batches: StatsBatch[] = [];
    const close = sampleStats(source, 'abc123', (b) => batches.push(b), { hostMemory: HOST_MEM, intervalMs: 2000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.samples[0]!.cpuPercent).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(batches).toHaveLength(2);
    const [s1, s2] = [sample(1), sample(2)];
    expect(batches[1]!.samples[0]!.cpuPercent).toBe(cliCpuPercent(s1.cpu_stats!.cpu_usage!.total_usage!, s1.cpu_stats!.system_cpu_usage!, s2));
    await vi.advanceTimersByTimeAsync(4000);
    // The third answer, then the engine's "not running" answer: ended, no sample.
    expect(batches).toHaveLength(4);
    expect(batches[3]).toEqual({ samples: [], ended: ['abc123'], errors: [] });
    expect(asked.every((a) => a === 'abc123')).toBe(true);
    close();
    const n = asked.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked).toHaveLength(n);
  });

  it("two containers' answers of one tick are emitted together, once the slower one answered", async () => {
    let releaseB: (() => void) | null = null;
    const source: OneShotSource = {
      key: {},
      sample: (id) =>
        id === 'b' && releaseB === null && calls.b++ > 0
          ? new Promise<RawStats>((resolve) => (releaseB = () => resolve(sample(2))))
          : Promise.resolve(id === 'a' ? sample(calls.a++ ? 2 : 1) : sample(1)),
    };
    const calls = { a: 0, b: 0 };
    const emitted: string[] = [];
    vi.setSystemTime(1_000_000); // on a tick boundary: the next tick is 1000 ms away
    const closeA = sampleStats(source, 'a', (b) => emitted.push(`a:${b.samples.length}`), { hostMemory: HOST_MEM, intervalMs: 1000 });
    const closeB = sampleStats(source, 'b', (b) => emitted.push(`b:${b.samples.length}`), { hostMemory: HOST_MEM, intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(1);
    // The first samples (taken at once, not on the clock) go out as they come.
    expect(emitted).toEqual(['a:1', 'b:1']);
    await vi.advanceTimersByTimeAsync(1000);
    // The tick: a answered, b not yet: a waits for b.
    expect(releaseB).not.toBeNull();
    expect(emitted).toEqual(['a:1', 'b:1']);
    releaseB!();
    await vi.advanceTimersByTimeAsync(1);
    expect(emitted).toEqual(['a:1', 'b:1', 'a:1', 'b:1']);
    closeA();
    closeB();
  });
});
