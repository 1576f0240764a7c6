/**
 * The docker CLI's `docker stats` formulas (cli/command/container/stats_helpers.go), for cgroup v1
 * and v2 samples alike. Pure: no node imports, so the renderer and unit tests can use it.
 */
import type { StatsValues } from '../contract';

/** The parts of an engine stats document the formulas read (both cgroup versions). */
export interface RawStats {
  read?: string;
  /** When precpu_stats was read (Docker's first sample says 0001-01-01). */
  preread?: string;
  pids_stats?: { current?: number };
  cpu_stats?: RawCpu;
  precpu_stats?: RawCpu;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  name?: string;
  id?: string;
}

interface RawCpu {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** Shorter CPU windows than this are noise (see cpuPercent). */
export const MIN_CPU_WINDOW_MS = 200;

/** CPU %: container CPU time over host CPU time, times online CPUs, so 100 % = one full core. */
export function cpuPercent(s: RawStats): { percent: number; onlineCpus: number } {
  const cur = s.cpu_stats;
  const pre = s.precpu_stats;
  const onlineCpus = cur?.online_cpus || cur?.cpu_usage?.percpu_usage?.length || 0;
  const cpuDelta = (cur?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cur?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  // No precpu (first sample, one-shot) or no progress: the CLI shows 0, never a made-up figure.
  if (!pre?.system_cpu_usage || cpuDelta <= 0 || systemDelta <= 0) return { percent: 0, onlineCpus };
  // Podman's first sample compares against a reading taken a few milliseconds earlier: the two
  // counters are not read at the same instant, so such a window gives figures like 115 % for
  // one busy core. Like a first sample, it is no measurement.
  const window = Date.parse(s.read ?? '') - Date.parse(s.preread ?? '');
  if (window >= 0 && window < MIN_CPU_WINDOW_MS) return { percent: 0, onlineCpus };
  return { percent: (cpuDelta / systemDelta) * systemCpus(systemDelta, window, onlineCpus) * 100, onlineCpus };
}

/**
 * How many CPUs' time one unit of system_cpu_usage stands for. Docker's counter is the host's
 * /proc/stat total, every online CPU's time (2e9 ns a second on two cores), so the CLI multiplies
 * by the CPU count. Podman 4.3's grows by about one CPU's time (1.0e9 ns a second on the same
 * two cores: recorded in test/unit/debug/samples/podman-*-busy-*.json), and the CLI's formula
 * then shows one busy core as 190 %. When the two reads' timestamps give the window, a system
 * delta well short of window × CPUs marks such a counter, and it stands for one CPU.
 */
function systemCpus(systemDelta: number, windowMs: number, onlineCpus: number): number {
  if (onlineCpus <= 1 || !(windowMs >= MIN_CPU_WINDOW_MS) || windowMs > 10 * 60_000) return onlineCpus;
  const allCpusNs = windowMs * 1e6 * onlineCpus;
  return systemDelta < 0.75 * allCpusNs ? 1 : onlineCpus;
}

/** Memory used: usage minus inactive page cache (v1 total_inactive_file, v2 inactive_file). */
export function memoryUsed(s: RawStats): number {
  const usage = s.memory_stats?.usage ?? 0;
  const st = s.memory_stats?.stats ?? {};
  // cgroup v1 has total_inactive_file; v2 only inactive_file. The CLI checks v1 first.
  const inactive = st.total_inactive_file ?? st.inactive_file;
  if (inactive !== undefined && inactive < usage) return usage - inactive;
  return usage;
}

export function networkTotals(s: RawStats): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/** Block I/O: sum of io_service_bytes_recursive by op (the CLI matches "read"/"write" case-insensitively). */
export function blockTotals(s: RawStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').toLowerCase();
    if (op === 'read') read += e.value ?? 0;
    else if (op === 'write') write += e.value ?? 0;
  }
  return { read, write };
}

/**
 * All values of one sample. `prev` (the previous computed values of the same container) gives
 * the per-second rates; `hostMemory` tells a real limit from the host total the engine reports
 * when a container has none.
 */
export function computeStats(s: RawStats, prev: StatsValues | null, hostMemory: number): StatsValues {
  const time = s.read ? Date.parse(s.read) : Date.now();
  const { percent, onlineCpus } = cpuPercent(s);
  const used = memoryUsed(s);
  const reported = s.memory_stats?.limit ?? 0;
  const limited = reported > 0 && (hostMemory <= 0 || reported < hostMemory);
  const net = networkTotals(s);
  const blk = blockTotals(s);
  const seconds = prev && time > prev.time ? (time - prev.time) / 1000 : 0;
  // Counters restart when a container restarts: a negative delta is a reset, not a rate.
  const rate = (now: number, before: number | undefined) =>
    seconds > 0 && before !== undefined && now >= before ? (now - before) / seconds : 0;
  return {
    time,
    cpuPercent: percent,
    onlineCpus,
    memoryUsed: used,
    memoryLimit: limited ? reported : null,
    memoryLimitReported: reported,
    memoryPercent: reported > 0 ? (used / reported) * 100 : 0,
    netRx: net.rx,
    netTx: net.tx,
    blockRead: blk.read,
    blockWrite: blk.write,
    netRxRate: rate(net.rx, prev?.netRx),
    netTxRate: rate(net.tx, prev?.netTx),
    blockReadRate: rate(blk.read, prev?.blockRead),
    blockWriteRate: rate(blk.write, prev?.blockWrite),
    pids: s.pids_stats?.current ?? 0,
  };
}

/**
 * A one-shot sample (`stream=false&one-shot=true`) carries no precpu_stats: the engine skips the
 * second read that would fill them. Taking the previous one-shot sample of the same container as
 * precpu gives the CLI's formula over the interval between the two reads. The first sample (no
 * previous one) keeps empty precpu, so its CPU % is 0, as the CLI shows before its second frame.
 */
export function withPreviousCpu(s: RawStats, previous: RawStats | null): RawStats {
  if (!previous?.cpu_stats || s.precpu_stats?.system_cpu_usage) return s;
  // A restarted container's counters start again: an older sample is then no precpu.
  // The previous read's time goes with its counters, so the window between them is known.
  return { ...s, precpu_stats: previous.cpu_stats, preread: previous.read };
}

/** The engine's answer for a container that is not running: an all-zero sample dated year 1. */
export function isEmptySample(s: RawStats): boolean {
  return !s.read || s.read.startsWith('0001-01-01');
}
