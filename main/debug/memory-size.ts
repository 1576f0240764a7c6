/** Parses and prints memory sizes the way the docker CLI does (binary units: 1m = 1048576). Pure. */

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "64m" -> 67108864. Returns null when the text is not a size. */
export function parseMemorySize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg])?$/i.exec(text.trim());
  if (!m) return null;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
  return Number.isFinite(bytes) ? bytes : null;
}

/** 67108864 -> "64m": the shortest exact docker CLI spelling, for the command shown. */
export function formatMemoryFlag(bytes: number): string {
  for (const [unit, size] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** Human-readable binary size, e.g. "63.5MiB" (like `docker stats`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v.toFixed(0) : v.toFixed(v < 10 ? 2 : 1)}${units[i]}`;
}
