import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeStats, cpuPercent, memoryUsed, withPreviousCpu, type RawStats } from '../../../main/debug/stats-formulas';

const sample = (name: string): RawStats => JSON.parse(readFileSync(path.join(__dirname, 'samples', name), 'utf8')) as RawStats;
// MemTotal of the engine the v1 samples were recorded on (`docker info --format {{.MemTotal}}`).
const HOST_MEM = 25276063744;

describe('cgroup v1 samples recorded from the engine', () => {
  it('computes CPU % of a container running `yes` as about one full core', () => {
    const s = sample('v1-busy-64m.json');
    const { percent, onlineCpus } = cpuPercent(s);
    // (5353808025 - 4352449417) / (2127060000000 - 2125050000000) * 2 * 100
    expect(onlineCpus).toBe(2);
    expect(percent).toBeCloseTo(((5353808025 - 4352449417) / (2127060000000 - 2125050000000)) * 2 * 100, 6);
    expect(percent).toBeGreaterThan(95);
    expect(percent).toBeLessThan(101);
  });

  it('subtracts total_inactive_file from usage and keeps the 64m limit', () => {
    const v = computeStats(sample('v1-busy-64m.json'), null, HOST_MEM);
    expect(v.memoryUsed).toBe(868352 - 49152);
    expect(v.memoryLimit).toBe(67108864);
    expect(v.memoryPercent).toBeCloseTo((819200 / 67108864) * 100, 6);
    expect(v.pids).toBe(2);
    expect(v.netRx).toBe(516);
    expect(v.netTx).toBe(0);
    expect(v.blockRead).toBe(0);
    expect(v.time).toBe(Date.parse('2026-11-28T12:04:01.880037219Z'));
  });

  it('says "no limit" when the engine reports the host memory as the limit', () => {
    const v = computeStats(sample('v1-idle-nolimit.json'), null, HOST_MEM);
    expect(v.memoryLimit).toBeNull();
    expect(v.memoryLimitReported).toBe(HOST_MEM);
    expect(v.cpuPercent).toBe(0);
    // inactive file is 0 here: usage stands as it is.
    expect(v.memoryUsed).toBe(540672);
  });

  it('gives 0 % CPU when there is no precpu sample (one-shot), never a made-up figure', () => {
    const s = sample('v1-busy-64m.json');
    const oneShot = { ...s, precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 } };
    expect(cpuPercent(oneShot).percent).toBe(0);
  });

  it('falls back to the length of percpu_usage when online_cpus is missing', () => {
    const s = sample('v1-busy-64m.json');
    const noOnline: RawStats = {
      ...s,
      cpu_stats: { ...s.cpu_stats!, online_cpus: 0 },
    };
    expect(cpuPercent(noOnline).onlineCpus).toBe(2);
    expect(cpuPercent(noOnline).percent).toBeCloseTo(cpuPercent(s).percent, 6);
  });
});

describe('cgroup v2 sample (hand-made per the formulas)', () => {
  const s = sample('v2-handmade.json');
  it('uses online_cpus when percpu_usage is absent (v2 has none)', () => {
    // (3.5e9 - 2.5e9) / (100e9 - 96e9) * 4 * 100 = 100 %: one full core out of four.
    expect(cpuPercent(s)).toEqual({ percent: 100, onlineCpus: 4 });
  });
  it('subtracts inactive_file (v2 name) from usage', () => {
    expect(memoryUsed(s)).toBe(52428800 - 10485760);
  });
  it('sums networks over interfaces and block I/O by op', () => {
    const v = computeStats(s, null, HOST_MEM);
    expect([v.netRx, v.netTx]).toEqual([3000, 750]);
    expect([v.blockRead, v.blockWrite]).toEqual([5242880, 1048576]);
    expect(v.memoryLimit).toBe(134217728);
    expect(v.memoryPercent).toBeCloseTo(31.25, 6);
    expect(v.pids).toBe(7);
  });
  it('computes per-second rates from the previous sample and treats a counter reset as 0', () => {
    const first = computeStats(s, null, HOST_MEM);
    expect(first.netRxRate).toBe(0);
    const later: RawStats = {
      ...s,
      read: '2026-11-28T12:10:04.000000000Z',
      networks: { eth0: { rx_bytes: 5000, tx_bytes: 500 }, eth1: { rx_bytes: 2000, tx_bytes: 250 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Write', value: 3145728 }] },
    };
    const second = computeStats(later, first, HOST_MEM);
    expect(second.netRxRate).toBe((7000 - 3000) / 2);
    expect(second.netTxRate).toBe(0);
    expect(second.blockWriteRate).toBe((3145728 - 1048576) / 2);
    // block read went from 5 MiB to 0: the container restarted, no negative rate.
    expect(second.blockReadRate).toBe(0);
  });
  it('uses memory percent of the reported limit when usage is missing inactive stats', () => {
    const bare: RawStats = { memory_stats: { usage: 100, limit: 1000 } };
    expect(memoryUsed(bare)).toBe(100);
  });
});

describe('a Podman 4.3 first sample (recorded from `podman system service`)', () => {
  it('gives no CPU % over its few-millisecond window, like a first sample, and one once the window is long enough', () => {
    const s = sample('podman-first-sample.json');
    expect(Date.parse(s.read!) - Date.parse(s.preread!)).toBeLessThan(50);
    expect(cpuPercent(s).percent).toBe(0);
    expect(cpuPercent(s).onlineCpus).toBe(2);
    // The same counters read a second apart are a measurement.
    const later = { ...s, preread: new Date(Date.parse(s.read!) - 1000).toISOString() };
    expect(cpuPercent(later).percent).toBeGreaterThan(0);
  });
});

describe('Podman 4.3 samples of one busy core (recorded from `podman system service` on two cores)', () => {
  // Podman's system_cpu_usage grows by about one CPU's time a second, Docker's by every CPU's:
  // the CLI's formula (× online CPUs) read these as 190 %.
  it('streamed: one core is about 100 %, not twice that', () => {
    const s = sample('podman-stream-busy-3.json');
    const naive = ((s.cpu_stats!.cpu_usage!.total_usage! - s.precpu_stats!.cpu_usage!.total_usage!) / (s.cpu_stats!.system_cpu_usage! - s.precpu_stats!.system_cpu_usage!)) * 2 * 100;
    expect(naive).toBeGreaterThan(180);
    const { percent, onlineCpus } = cpuPercent(s);
    expect(onlineCpus).toBe(2);
    expect(percent).toBeGreaterThan(90);
    expect(percent).toBeLessThanOrEqual(101);
  });

  it('one-shot: consecutive samples (the previous one as precpu, with its read time) give about 100 %', () => {
    const [a, b] = [sample('podman-oneshot-busy-1.json'), sample('podman-oneshot-busy-2.json')];
    const { percent } = cpuPercent(withPreviousCpu(b, a));
    expect(percent).toBeGreaterThan(90);
    expect(percent).toBeLessThanOrEqual(101);
  });

  it('a Docker sample over the same kind of window keeps the × CPUs', () => {
    const s = sample('v1-busy-64m.json');
    expect(cpuPercent(s).percent).toBeGreaterThan(95);
  });
});
