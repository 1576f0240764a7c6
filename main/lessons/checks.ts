/**
 * Check types: each is a parameter schema plus a pure function over an engine snapshot. A lesson
 * task names one of them in its front matter (`check: { type: port-published, containerPort: 80 }`);
 * the loader validates the parameters against the schema, the tracker evaluates them whenever the
 * engine says something changed. No check talks to the engine itself, so every one of them is
 * unit-tested against recorded snapshots.
 */
import { z } from 'zod';
import { BUILTIN_NETWORKS, type EngineSnapshot, type SnapshotContainer, type SnapshotEvent } from './snapshot';

export interface CheckResult {
  met: boolean;
  /** What was found (or what is still missing), in words for the learner. */
  detail: string;
}

const port = z.number({ error: 'expected a number' }).int('expected a whole number').min(1, 'must be 1-65535').max(65535, 'must be 1-65535');
const positiveInt = z.number({ error: 'expected a number' }).int('expected a whole number').min(1, 'must be at least 1');

export const CHECK_TYPES = [
  'engine-connected',
  'container-running',
  'containers-same-image',
  'port-published',
  'container-ended',
  'volume-outlived-container',
  'network-none',
  'custom-network',
  'exec-ran',
  'container-event',
  'exited-nonzero',
  'memory-limit',
  'cpu-limit',
  'image-tagged',
  'image-semver-and-latest',
  'image-pulled',
  'image-pushed',
  'service-replicas',
  'service-updated',
  'service-rolled-back',
] as const;

export const checkSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('engine-connected') }).strict(),
    z.object({ type: z.literal('container-running') }).strict(),
    z.object({ type: z.literal('containers-same-image'), min: positiveInt.default(2) }).strict(),
    z.object({ type: z.literal('port-published'), containerPort: port, hostPort: port.optional() }).strict(),
    z.object({ type: z.literal('container-ended'), how: z.enum(['stop', 'kill'], { error: 'expected "stop" or "kill"' }) }).strict(),
    z.object({ type: z.literal('volume-outlived-container') }).strict(),
    z.object({ type: z.literal('network-none') }).strict(),
    z.object({ type: z.literal('custom-network'), minContainers: positiveInt.default(1), published: z.number({ error: 'expected a number' }).int().min(0).optional() }).strict(),
    z
      .object({
        type: z.literal('exec-ran'),
        commands: z.array(z.string().min(1), { error: 'expected a list of command names' }).min(1, 'name at least one command'),
        /** Counts while still running (an interactive shell); otherwise only after it exited with 0. */
        whileRunning: z.boolean({ error: 'expected true or false' }).default(false),
      })
      .strict(),
    z.object({ type: z.literal('container-event'), action: z.string().min(1, 'must not be empty') }).strict(),
    z.object({ type: z.literal('exited-nonzero') }).strict(),
    z.object({ type: z.literal('memory-limit'), maxBytes: positiveInt }).strict(),
    z.object({ type: z.literal('cpu-limit'), maxCpus: z.number({ error: 'expected a number' }).positive('must be more than 0') }).strict(),
    z.object({ type: z.literal('image-tagged'), repository: z.string().min(1).optional(), tag: z.string().min(1).optional() }).strict(),
    z.object({ type: z.literal('image-semver-and-latest') }).strict(),
    z.object({ type: z.literal('image-pulled') }).strict(),
    /** A push the engine reported; with versionAndLatest, a version tag and latest of one repository. */
    z.object({ type: z.literal('image-pushed'), versionAndLatest: z.boolean({ error: 'expected true or false' }).default(false) }).strict(),
    z.object({ type: z.literal('service-replicas'), min: positiveInt.default(2) }).strict(),
    z.object({ type: z.literal('service-updated') }).strict(),
    z.object({ type: z.literal('service-rolled-back') }).strict(),
  ],
  { error: (iss): string | undefined => (iss.code === 'invalid_union' ? `unknown check type (known: ${CHECK_TYPES.join(', ')})` : undefined) },
);

export type CheckSpec = z.output<typeof checkSchema>;
export type CheckType = CheckSpec['type'];
type Spec<T extends CheckType> = Extract<CheckSpec, { type: T }>;
// Every schema member is listed in CHECK_TYPES and vice versa.
const _sameLists: [CheckType, (typeof CHECK_TYPES)[number]] extends [(typeof CHECK_TYPES)[number], CheckType] ? true : never = true;
void _sameLists;



const running = (s: EngineSnapshot) => s.containers.filter((c) => c.state === 'running');
const ok = (detail: string): CheckResult => ({ met: true, detail });
const no = (detail: string): CheckResult => ({ met: false, detail });
const nameOf = (e: SnapshotEvent) => e.attributes.name ?? e.id.slice(0, 12);
const MIB = 1024 * 1024;

/** Semantic version tag: 1.2.3, optionally v-prefixed, with pre-release/build parts. */
export const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Splits "host:5000/team/app:1.2.0" into repository and tag (the tag is after the last colon past the last slash). */
export function splitReference(ref: string): { repository: string; tag: string } {
  const at = ref.lastIndexOf(':');
  if (at > ref.lastIndexOf('/')) return { repository: ref.slice(0, at), tag: ref.slice(at + 1) };
  return { repository: ref, tag: 'latest' };
}

export interface Ending {
  id: string;
  name: string;
  /** stop: SIGTERM first; kill: SIGKILL straight away; remove: `docker rm -f`; exit: ended by itself. */
  how: 'stop' | 'kill' | 'remove' | 'exit';
  exitCode?: number;
  timeNano: number;
}

/** `docker rm -f` kills and destroys in one go: a destroy this soon after the die is part of it. */
const RM_F_WINDOW_NANO = 2e9;

/**
 * Groups a container's events from start to die and says how each run ended. With `nowNano`, a
 * SIGKILL death so recent that a `docker rm -f` may still be removing it is left out until the
 * window has passed (the tracker evaluates again then).
 */
export function endings(events: SnapshotEvent[], nowNano?: number): Ending[] {
  const signals = new Map<string, string[]>();
  const out: Ending[] = [];
  for (const e of events) {
    if (e.type !== 'container') continue;
    if (e.action === 'start') signals.set(e.id, []);
    else if (e.action === 'kill') {
      const list = signals.get(e.id) ?? [];
      list.push(e.attributes.signal ?? '');
      signals.set(e.id, list);
    } else if (e.action === 'die') {
      const sent = signals.get(e.id) ?? [];
      // `docker stop` always begins with SIGTERM (15), even when it has to escalate to SIGKILL
      // after the grace period; `docker kill` sends SIGKILL (9) straight away.
      // Podman's kill event names no signal (and its stop sends no event at all): a signal-less
      // kill followed by death by SIGKILL (exit code 137 = 128 + 9) is still a kill.
      const how = sent.some((s) => s === '15' || s === 'SIGTERM' || s === 'TERM')
        ? 'stop'
        : sent.some((s) => s === '9' || s === 'SIGKILL' || s === 'KILL') || (sent.includes('') && e.attributes.exitCode === '137')
          ? 'kill'
          : 'exit';
      const code = Number(e.attributes.exitCode);
      out.push({ id: e.id, name: nameOf(e), how, timeNano: e.timeNano, ...(Number.isFinite(code) && e.attributes.exitCode !== undefined ? { exitCode: code } : {}) });
      signals.delete(e.id);
    } else if (e.action === 'destroy') {
      const last = out.findLast((x) => x.id === e.id);
      if (last && last.how === 'kill' && e.timeNano - last.timeNano <= RM_F_WINDOW_NANO) last.how = 'remove';
    }
  }
  return nowNano === undefined ? out : out.filter((x) => !(x.how === 'kill' && nowNano - x.timeNano < RM_F_WINDOW_NANO));
}

/** How long after a change the tracker evaluates once more, so undecided endings get decided. */
export const SETTLE_MS = RM_F_WINDOW_NANO / 1e6 + 500;

type Evaluators = { [T in CheckType]: (s: EngineSnapshot, p: Spec<T>) => CheckResult };

const evaluators: Evaluators = {
  'engine-connected': () => ok('Dockside is talking to the engine.'),

  'container-running': (s) => {
    const r = running(s);
    return r.length ? ok(`${r.length} running: ${r.slice(0, 3).map((c) => c.name).join(', ')}`) : no('No container is running.');
  },

  'containers-same-image': (s, p) => {
    const byImage = new Map<string, SnapshotContainer[]>();
    for (const c of s.containers) byImage.set(c.imageId, [...(byImage.get(c.imageId) ?? []), c]);
    for (const list of byImage.values()) {
      if (list.length >= p.min) {
        const more = list.length > 3 ? ` and ${list.length - 3} more` : '';
        return ok(`${list.slice(0, 3).map((c) => c.name).join(', ')}${more} all come from ${list[0]!.image}.`);
      }
    }
    return no(`No image has ${p.min} containers yet.`);
  },

  'port-published': (s, p) => {
    for (const c of running(s)) {
      const m = c.ports.find((x) => x.containerPort === p.containerPort && x.hostPort !== undefined && (p.hostPort === undefined || x.hostPort === p.hostPort));
      if (m) return ok(`${c.name} forwards host port ${m.hostPort} to its port ${m.containerPort}.`);
    }
    return no(`No running container publishes ${p.hostPort ?? 'a host port'} to container port ${p.containerPort}.`);
  },

  'container-ended': (s, p) => {
    const hits = endings(s.events, s.takenAtNano).filter((e) => e.how === p.how);
    // The most recent few, newest first: the learner's own container is usually among them.
    const names = [...new Set(hits.map((h) => h.name).reverse())].slice(0, 3);
    if (names.length) return ok(`${names.join(', ')} ${names.length > 1 ? 'were' : 'was'} ${p.how === 'stop' ? 'stopped (SIGTERM first)' : 'killed (SIGKILL)'}.`);
    return no(p.how === 'stop' ? 'No container has received SIGTERM and stopped yet.' : 'No container has been killed with SIGKILL yet.');
  },

  'volume-outlived-container': (s) => {
    // The engine reports which container mounted which volume ("mount" events) and when a
    // container was deleted ("destroy"). Dockside cannot look inside the volume without running
    // something in it, so it checks the sequence that makes persistence possible: a volume used
    // by a container, that container deleted, the same (still existing) volume used by a new one.
    const volumes = new Set(s.volumes.map((v) => v.name));
    const mounts = s.events.filter((e) => e.type === 'volume' && e.action === 'mount' && e.attributes.container);
    const destroyed = new Map<string, number>();
    for (const e of s.events) if (e.type === 'container' && e.action === 'destroy') destroyed.set(e.id, e.timeNano);
    for (const first of mounts) {
      const vol = first.id;
      if (!volumes.has(vol)) continue;
      const gone = destroyed.get(first.attributes.container!);
      if (gone === undefined || gone < first.timeNano) continue;
      const later = mounts.find((m) => m.id === vol && m.timeNano > gone && m.attributes.container !== first.attributes.container);
      const current = s.containers.find((c) => c.id !== first.attributes.container && c.created * 1e9 >= gone - 1e9 && c.mounts.some((m) => m.name === vol));
      if (later || current) return ok(`Volume ${vol} was kept after its first container was deleted and is used again by a new container.`);
    }
    return no('No volume has yet been used by a container, kept after that container was deleted, and mounted by a new one.');
  },

  'network-none': (s) => {
    const c = s.containers.find((x) => x.networkMode === 'none' && x.state === 'running');
    return c ? ok(`${c.name} runs with no network.`) : no('No running container uses --network none.');
  },

  'custom-network': (s, p) => {
    for (const n of s.networks) {
      if (BUILTIN_NETWORKS.includes(n.name) || n.driver !== 'bridge') continue;
      const on = running(s).filter((c) => c.networks.includes(n.name));
      if (on.length < p.minContainers) continue;
      const published = on.filter((c) => c.ports.some((x) => x.hostPort !== undefined));
      if (p.published !== undefined && published.length !== p.published) continue;
      const which = p.published !== undefined && published.length ? `; only ${published.map((c) => c.name).join(', ')} published` : '';
      return ok(`${on.length} running on ${n.name}${which}.`);
    }
    if (p.published !== undefined) return no(`No custom bridge network has ${p.minContainers} running containers of which exactly ${p.published} publish a port.`);
    return no(`No custom bridge network has ${p.minContainers} running container${p.minContainers > 1 ? 's' : ''} yet.`);
  },

  'exec-ran': (s, p) => {
    // exec_die carries the exit code: a command that failed (netstat with a bad flag) does not count.
    const exits = new Map<string, string>();
    for (const e of s.events) if (e.type === 'container' && e.action === 'exec_die' && e.attributes.execID) exits.set(e.attributes.execID, e.attributes.exitCode ?? '');
    let failed: SnapshotEvent | undefined;
    const hit = s.events.filter((e) => {
      if (e.type !== 'container' || !e.action.startsWith('exec_start: ')) return false;
      const prog = e.action.slice('exec_start: '.length).trim().split(/\s+/)[0] ?? '';
      // Podman reports an exec without its command: any exec counts there.
      if (prog !== '' && !p.commands.includes(prog.split('/').pop() ?? prog)) return false;
      const code = e.attributes.execID ? exits.get(e.attributes.execID) : undefined;
      // An interactive shell counts once it is open; a one-off command once it exited with 0.
      if (code === undefined) return p.whileRunning || prog === '';
      if (code !== '0') {
        failed = e;
        return false;
      }
      return true;
    }).at(-1);
    const ran = hit?.action.slice('exec_start: '.length).trim();
    const where = hit?.attributes.via === 'shell-tab' ? ' (in the Shell tab)' : '';
    if (hit) return ok(ran ? `Ran "${ran}" in ${nameOf(hit)}${where}.` : `Ran a command in ${nameOf(hit)} (the engine does not say which).`);
    if (failed) return no(`"${failed.action.slice('exec_start: '.length)}" ran in ${nameOf(failed)} but failed (exit code ${exits.get(failed.attributes.execID!)}); a failed command does not count.`);
    return no(`No ${p.commands.join(' / ')} has been run inside a container yet.`);
  },

  'container-event': (s, p) => {
    const hit = s.events.filter((e) => e.type === 'container' && e.action === p.action).at(-1);
    return hit ? ok(`The engine reported "${p.action}" for ${nameOf(hit)}.`) : no(`The engine has not reported "${p.action}" for any container yet.`);
  },

  'exited-nonzero': (s) => {
    // Ended by itself with a non-zero code: a container that was killed (137) or stopped (143) is not "something failed".
    const hit = endings(s.events).filter((e) => e.how === 'exit' && e.exitCode !== undefined && e.exitCode !== 0).at(-1);
    if (hit) return ok(`${hit.name} exited with code ${hit.exitCode}.`);
    const c = s.containers.find((x) => x.state === 'exited' && /^Exited \((?!0\))\d+\)/.test(x.status) && !/^Exited \((137|143)\)/.test(x.status));
    return c ? ok(`${c.name}: ${c.status}.`) : no('No container has exited by itself with a non-zero exit code.');
  },

  'memory-limit': (s, p) => {
    const c = running(s).find((x) => (x.memoryBytes ?? 0) > 0 && x.memoryBytes! <= p.maxBytes);
    return c
      ? ok(`${c.name} may use at most ${+(c.memoryBytes! / MIB).toFixed(1)} MiB.`)
      : no(`No running container has a memory limit of ${+(p.maxBytes / MIB).toFixed(1)} MiB or less.`);
  },

  'cpu-limit': (s, p) => {
    const c = running(s).find((x) => (x.nanoCpus ?? 0) > 0 && x.nanoCpus! <= p.maxCpus * 1e9);
    return c ? ok(`${c.name} may use at most ${c.nanoCpus! / 1e9} CPU.`) : no(`No running container is limited to ${p.maxCpus} CPU or less.`);
  },

  'image-tagged': (s, p) => {
    for (const img of s.images) {
      for (const ref of img.newTags ?? img.repoTags) {
        if (ref === '<none>:<none>') continue;
        const { repository, tag } = splitReference(ref);
        const repoOk = p.repository === undefined || repository === p.repository || repository.endsWith(`/${p.repository}`);
        if (repoOk && (p.tag === undefined || tag === p.tag)) return ok(`Found ${ref}.`);
      }
    }
    return no(`No image is tagged ${p.repository ?? '<name>'}:${p.tag ?? '<tag>'} yet.`);
  },

  'image-semver-and-latest': (s) => {
    for (const img of s.images) {
      const refs = img.repoTags.filter((r) => r !== '<none>:<none>').map(splitReference);
      const fresh = new Set(img.newTags ?? img.repoTags);
      for (const v of refs) {
        if (!SEMVER.test(v.tag)) continue;
        // One of the pair must be the learner's recent work (scopeSnapshot lists those in newTags).
        if (refs.some((l) => l.repository === v.repository && l.tag === 'latest' && (fresh.has(`${v.repository}:${v.tag}`) || fresh.has(`${l.repository}:latest`)))) {
          return ok(`${v.repository}:${v.tag} and ${v.repository}:latest are the same image.`);
        }
      }
    }
    return no('No image carries both a version tag (like 1.0.0) and latest.');
  },

  'image-pulled': (s) => {
    const hit = s.events.filter((e) => e.type === 'image' && e.action === 'pull').at(-1);
    return hit ? ok(`Pulled ${hit.id}.`) : no('No image has been pulled since you started this lesson.');
  },

  'image-pushed': (s, p) => {
    // `docker push REPO --all-tags` gives one push event naming the repository without a tag: it
    // pushed every local tag of that repository, so those are what count.
    const pushes = s.events
      .filter((e) => e.type === 'image' && e.action === 'push')
      .flatMap((e) => {
        const ref = e.attributes.name ?? e.id;
        if (ref.lastIndexOf(':') > ref.lastIndexOf('/')) return [{ ref, ...splitReference(ref) }];
        const local = s.images.flatMap((img) => img.repoTags.filter((t) => t !== '<none>:<none>' && splitReference(t).repository === ref));
        return local.length ? local.map((t) => ({ ref: t, ...splitReference(t) })) : [{ ref: `${ref} (all tags)`, repository: ref, tag: '' }];
      });
    if (!p.versionAndLatest) {
      const last = pushes.at(-1);
      return last ? ok(`Pushed ${last.ref}.`) : no('No image has been pushed since you started this lesson.');
    }
    for (const v of pushes) {
      if (SEMVER.test(v.tag) && pushes.some((l) => l.repository === v.repository && l.tag === 'latest')) return ok(`Pushed ${v.repository}:${v.tag} and ${v.repository}:latest.`);
    }
    return no('No repository has had both a version tag (like 1.0.0) and latest pushed since you started this lesson.');
  },

  // Cluster checks read the services a Swarm manager reports (absent when the engine is no manager).
  'service-replicas': (s, p) => {
    const services = s.services ?? [];
    if (!s.services) return no('This engine is not a cluster manager yet: start a single-node cluster in the Cluster view.');
    const hit = services.find((x) => x.running >= p.min && SEMVER.test(splitReference(x.image).tag));
    if (hit) return ok(`Service ${hit.name} runs ${hit.running} replicas of ${hit.image}.`);
    const close = services.find((x) => x.running >= p.min);
    if (close) return no(`Service ${close.name} runs ${close.image}: use your image with its version tag (like helloworld:1.0.0).`);
    return no(`No service runs ${p.min} or more replicas of a versioned image yet.`);
  },

  'service-updated': (s) => {
    const hit = (s.services ?? []).find((x) => x.updateState === 'completed' && x.previousImage && x.previousImage !== x.image);
    return hit ? ok(`Service ${hit.name} rolled from ${hit.previousImage} to ${hit.image}.`) : no('No service has completed an update to a new image yet.');
  },

  'service-rolled-back': (s) => {
    const hit = (s.services ?? []).find((x) => x.updateState === 'rollback_completed');
    return hit ? ok(`Service ${hit.name} rolled back to ${hit.image}.`) : no('No service has been rolled back yet.');
  },
};

/** Evaluates one check against a snapshot. */
export function evaluateCheck(spec: CheckSpec, snapshot: EngineSnapshot): CheckResult {
  const fn = evaluators[spec.type] as (s: EngineSnapshot, p: CheckSpec) => CheckResult;
  return fn(snapshot, spec);
}

/** Checks that need HostConfig values the container list does not carry (so an inspect). */
export const NEEDS_INSPECT: ReadonlySet<CheckType> = new Set(['memory-limit', 'cpu-limit']);
