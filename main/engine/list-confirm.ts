/**
 * Confirms what a list read says about the objects that engine events just named, with one
 * inspect per object (bounded in time: the engine holds a container's lock while it stops and
 * inspect waits for it). Used by watchList: a disagreement corrects the value sent now and makes
 * the list be read again shortly (see main/service/watch-list.ts).
 */
import type Docker from 'dockerode';
import type { ContainerSummary, EngineEvent } from '../contract';
import { containerState } from './containers';
import type { Confirmation } from '../service/watch-list';

const INSPECT_TIMEOUT_MS = 800;
/** Objects inspected per confirmation; a larger burst is left to the follow-up re-reads. */
const MAX_INSPECTS = 20;

type Found<R> = { found: true; doc: R } | { found: false } | null; // null: could not tell

async function inspectBounded<R>(run: (signal: AbortSignal) => Promise<R>): Promise<Found<R>> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), INSPECT_TIMEOUT_MS);
  try {
    return { found: true, doc: await run(abort.signal) };
  } catch (err) {
    return (err as { statusCode?: number }).statusCode === 404 ? { found: false } : null;
  } finally {
    clearTimeout(timer);
  }
}

function namedIds(events: EngineEvent[], type: string): string[] {
  const ids = new Set<string>();
  for (const e of events) if (e.type === type && e.id) ids.add(e.id);
  return [...ids].slice(0, MAX_INSPECTS);
}

interface InspectedState {
  Id: string;
  State?: { Status?: string; ExitCode?: number; StartedAt?: string; FinishedAt?: string; Health?: { Status?: string } };
}

/** The CLI's `docker ps` status words for a state read from inspect (the follow-up list read brings the engine's own). */
export function statusText(state: NonNullable<InspectedState['State']>, now = Date.now()): string {
  const since = (iso: string | undefined) => humanDuration(now - Date.parse(iso ?? ''));
  switch (state.Status) {
    case 'running':
      return `Up ${since(state.StartedAt)}`;
    case 'paused':
      return `Up ${since(state.StartedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${state.ExitCode ?? 0}) ${since(state.FinishedAt)} ago`;
    case 'exited':
      return `Exited (${state.ExitCode ?? 0}) ${since(state.FinishedAt)} ago`;
    case 'created':
      return 'Created';
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    default:
      return state.Status ?? '';
  }
}

/** Like Go's units.HumanDuration, which `docker ps` uses. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return 'Less than a second';
  const s = Math.floor(ms / 1000);
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  return `${Math.floor(h / 24)} days`;
}

/** Confirms the containers named by events: state from inspect wins; a removed one leaves the list. */
export async function confirmContainers(
  docker: Docker,
  value: ContainerSummary[],
  events: EngineEvent[],
  all: boolean,
): Promise<Confirmation<ContainerSummary[]>> {
  let rows = value;
  let agreed = true;
  await Promise.all(
    namedIds(events, 'container').map(async (id) => {
      const r = await inspectBounded((signal) => docker.getContainer(id).inspect({ abortSignal: signal } as object) as Promise<InspectedState>);
      if (r === null) return;
      const idx = rows.findIndex((c) => c.id === id);
      if (!r.found) {
        if (idx >= 0) {
          rows = rows.filter((c) => c.id !== id);
          agreed = false;
        }
        return;
      }
      // Podman's inspect also says "stopped" between the death and its cleanup: Docker's words here too.
      const raw = r.doc.State;
      const state = raw?.Status ? { ...raw, Status: containerState(raw.Status) } : raw;
      const shouldList = all || state?.Status === 'running';
      if (idx < 0) {
        // Created meanwhile but not listed yet: only a list read can bring its row.
        if (shouldList) agreed = false;
        return;
      }
      if (!shouldList) {
        rows = rows.filter((c) => c.id !== id);
        agreed = false;
        return;
      }
      const row = rows[idx]!;
      if (state?.Status && state.Status !== row.state) {
        rows = rows.map((c) => (c.id === id ? { ...c, state: state.Status as ContainerSummary['state'], status: statusText(state) } : c));
        agreed = false;
      }
    }),
  );
  return { value: rows, agreed };
}

/**
 * Confirms that objects named by events are listed exactly when inspect finds them (images,
 * volumes, networks: their rows have no state that can lag, only presence).
 */
export async function confirmPresence<T>(
  value: T[],
  events: EngineEvent[],
  type: string,
  inspect: (id: string, signal: AbortSignal) => Promise<unknown>,
  listed: (row: T, id: string, doc: unknown) => boolean,
): Promise<Confirmation<T[]>> {
  let agreed = true;
  await Promise.all(
    namedIds(events, type).map(async (id) => {
      const r = await inspectBounded((signal) => inspect(id, signal));
      if (r === null) return;
      const isListed = value.some((row) => listed(row, id, r.found ? r.doc : null));
      if (r.found !== isListed) agreed = false;
    }),
  );
  return { value, agreed };
}

// Events after which the container's state is known from the event alone; any other lifecycle
// event after them (a restart policy's `start`, say) leaves the row to the next read.
const FINAL_ACTIONS = /^(create|start|restart|die|destroy|pause|unpause)$/;

/**
 * What container events alone say, for a list read before them (watchList's `provisional`): a
 * `die` makes the row exited with the event's exit code (or drops it from a running-only list),
 * a `destroy` drops it. Null when the events change nothing. The next list read stays the truth.
 */
export function containersFromEvents(rows: ContainerSummary[], events: EngineEvent[], all: boolean): ContainerSummary[] | null {
  const last = new Map<string, EngineEvent>();
  for (const e of events) if (e.type === 'container' && e.id && FINAL_ACTIONS.test(e.action)) last.set(e.id, e);
  let out = rows;
  for (const [id, e] of last) {
    const idx = out.findIndex((c) => c.id === id);
    if (idx < 0) continue;
    if (e.action === 'destroy' || (e.action === 'die' && !all)) {
      out = out.filter((c) => c.id !== id);
      continue;
    }
    if (e.action !== 'die' || out[idx]!.state === 'exited') continue;
    const code = Number(e.attributes.exitCode);
    const finishedAt = e.timeNano ? new Date(e.timeNano / 1e6).toISOString() : new Date().toISOString();
    const status = Number.isInteger(code) ? statusText({ Status: 'exited', ExitCode: code, FinishedAt: finishedAt }) : 'Exited';
    out = out.map((c) => (c.id === id ? { ...c, state: 'exited', status } : c));
  }
  return out === rows ? null : out;
}
