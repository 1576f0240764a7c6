/** Formatting of stats figures the way `docker stats` prints them. */
import { formatBytes } from '../../components/format';

export function percent(n: number): string {
  return `${n.toFixed(2)} %`;
}

export function rate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

export function memoryLimitText(limit: number | null): string {
  return limit === null ? 'no limit' : formatBytes(limit);
}

export const CPU_NOTE = '100 % = one full CPU core';
