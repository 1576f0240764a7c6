/**
 * Renderer initial JS: what the built index.html loads before the first paint (its module
 * scripts and modulepreloads), raw and gzip, against the 500 kB / 150 kB budget (the same count
 * as test/e2e/bundle-budget.spec.ts, which fails the suite on a regression).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, type ResultRow } from './support';

export function benchBundle(): ResultRow {
  const dist = path.join(ROOT, 'renderer/dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const eager = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) eager.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) eager.add(m[1]!);
  if (!eager.size) throw new Error('renderer/dist/index.html loads no script');
  let bytes = 0;
  let gzip = 0;
  for (const src of eager) {
    const code = fs.readFileSync(path.join(dist, src.replace(/^\//, '')));
    bytes += code.length;
    gzip += gzipSync(code).length;
  }
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const met = bytes <= 500 * 1024 && gzip <= 150 * 1024;
  return {
    figure: `Renderer initial JS (${eager.size} file${eager.size === 1 ? '' : 's'} index.html loads eagerly), raw / gzip`,
    dockside: `${kB(bytes)} / ${kB(gzip)}`,
    peer: '—',
    ratio: '—',
    target: '≤ 500 kB / ≤ 150 kB',
    met,
    note: met ? '' : `over budget: ${kB(bytes)} raw, ${kB(gzip)} gzip`,
  };
}
