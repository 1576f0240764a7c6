/**
 * A seeded generator of hostile arguments for every contract entry: wrong types, path tricks,
 * huge and control-character strings, prototype keys, unknown fields, missing fields. The same
 * seed gives the same messages, so a failure can be replayed.
 */
import { z } from 'zod';
import { callSchemas, subscriptionSchemas } from '../../main/contract';

/** mulberry32: small, fast, good enough to spread inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE_STRINGS = [
  'web//1',
  '../..',
  '..',
  '.',
  '/',
  '//',
  '%2e%2e',
  '%2F',
  'a/../../b',
  '../../../../etc/passwd',
  'web?all=1',
  'web#x',
  'http://127.0.0.1:1/',
  '\u0000',
  'web\u0000x',
  'a b',
  '',
  ' ',
  '-rf',
  '$(reboot)',
  '`id`',
  "'; rm -rf / #",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  'A'.repeat(300),
  'sha256:zz',
  '\ud800',
  '😀',
  'Web/Upper',
  '127.0.0.1:99999/x',
  'localhost:5000/../x',
];

const WEIRD_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, -1e308, 1e308, [], [1, 2], {}, { a: 1 }, [[[[[]]]]], 'x'];

export type Entry = { kind: 'call' | 'subscription'; name: string; schema: z.ZodType };

export function contractEntries(): Entry[] {
  return [
    ...Object.entries(callSchemas).map(([name, schema]) => ({ kind: 'call' as const, name, schema: schema as z.ZodType })),
    ...Object.entries(subscriptionSchemas).map(([name, schema]) => ({ kind: 'subscription' as const, name, schema: schema as z.ZodType })),
  ];
}

function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** One hostile value. */
function hostile(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.55) return HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)];
  if (r < 0.85) return WEIRD_VALUES[Math.floor(rnd() * WEIRD_VALUES.length)];
  if (r < 0.95) return [HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)], 'web//1', '../..'];
  return { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } }, nested: { deeper: ['../..'] } };
}

/** Arguments for an entry that are usually invalid; the caller checks with the schema. */
export function hostileArgs(entry: Entry, rnd: () => number): unknown {
  const keys = keysOf(entry.schema);
  const r = rnd();
  if (r < 0.1) return hostile(rnd); // not even an object
  const args: Record<string, unknown> = {};
  // Start from plausible values, then break some.
  for (const k of keys) if (rnd() < 0.7) args[k] = hostile(rnd);
  if (r < 0.3) args[HOSTILE_STRINGS[Math.floor(rnd() * HOSTILE_STRINGS.length)] || 'extra'] = 1; // unknown field
  if (r > 0.9) Object.defineProperty(args, '__proto__', { value: { isAdmin: true }, enumerable: true, configurable: true, writable: true });
  return args;
}

/** Envelopes that are not ClientMessages at all, as raw WebSocket text or bytes. */
export function malformedFrame(rnd: () => number, n: number): string | Buffer {
  const variants: (() => string | Buffer)[] = [
    () => 'not json',
    () => '{',
    () => '',
    () => 'null',
    () => '[]',
    () => '42',
    () => '"invoke"',
    () => JSON.stringify({ type: 'invoke' }),
    () => JSON.stringify({ type: 'invoke', reqId: 'one', name: 'containers:list', args: {} }),
    () => JSON.stringify({ type: 'invoke', reqId: n, name: 42, args: {} }),
    () => JSON.stringify({ type: 'invoke', reqId: n, name: 'x'.repeat(500), args: {} }),
    () => JSON.stringify({ type: 'subscribe', reqId: -n, name: 'engine:status', args: {} }),
    () => JSON.stringify({ type: 'unsubscribe', subId: 42 }),
    () => JSON.stringify({ type: 'unsubscribe', subId: '../..' }),
    () => JSON.stringify({ type: 'teleport', reqId: n }),
    () => JSON.stringify({ type: 'invoke', reqId: n, name: 'containers:list', args: {}, extra: true }),
    () => JSON.stringify({ type: 'invoke', reqId: 1.5, name: 'containers:list', args: {} }),
    () => JSON.stringify({ __proto__: { type: 'invoke' }, reqId: n }),
    () => Buffer.from([0xff, 0xfe, 0x00, Math.floor(rnd() * 256)]),
    () => '\u0000'.repeat(10),
    () => '{"type":"invoke","reqId":' + n + ',"name":"containers:list","args":' + '['.repeat(2000) + ']'.repeat(2000) + '}',
  ];
  return variants[Math.floor(rnd() * variants.length)]!();
}

/** Read-only entries whose valid arguments are safe to send to a shared engine (no writes). */
export const READ_ONLY_VALID: { name: string; args: (rnd: () => number) => unknown }[] = [
  { name: 'containers:inspect', args: (rnd) => ({ id: `dockside-fuzz-${Math.floor(rnd() * 1e9).toString(36)}` }) },
  { name: 'images:history', args: (rnd) => ({ id: `dockside-fuzz/none-${Math.floor(rnd() * 1e9).toString(36)}:1` }) },
  { name: 'networks:inspect', args: (rnd) => ({ id: `dockside-fuzz-${Math.floor(rnd() * 1e9).toString(36)}` }) },
  { name: 'top:list', args: (rnd) => ({ id: `dockside-fuzz-${Math.floor(rnd() * 1e9).toString(36)}` }) },
  { name: 'limits:get', args: (rnd) => ({ id: `${Math.floor(rnd() * 1e12).toString(16)}` }) },
  { name: 'lessons:get', args: (rnd) => ({ id: `no-such-lesson-${Math.floor(rnd() * 1e6)}` }) },
  { name: 'engine:status', args: () => ({}) },
];
