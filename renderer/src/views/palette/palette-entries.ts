/** Everything the command palette offers, built from the engine's lists and the course. */
import type { ContainerSummary, ImageSummary, LessonSummary, NetworkSummary, VolumeSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { NAV_ITEMS } from '../../shell/nav-items';
import { useCommandStore } from '../../stores/command-store';
import { useNavStore } from '../../stores/nav-store';
import { openLessonBeside } from '../lessons/open-lesson';

export interface PaletteEntry {
  id: string;
  /** What the user reads and types against, e.g. "Logs: web". */
  label: string;
  group: 'View' | 'Container' | 'Action' | 'Image' | 'Volume' | 'Network' | 'Lesson' | 'Setting';
  hint?: string;
  run(): Promise<string | void> | void;
}

export interface PaletteSources {
  containers: ContainerSummary[];
  images: ImageSummary[];
  volumes: VolumeSummary[];
  networks: NetworkSummary[];
  lessons: LessonSummary[];
}

const go = (view: Parameters<ReturnType<typeof useNavStore.getState>['go']>[0], params?: Record<string, unknown>) => () => useNavStore.getState().go(view, params);

async function containerAction(verb: 'start' | 'stop' | 'restart', c: ContainerSummary): Promise<string | void> {
  const r = await call(`containers:${verb}`, { id: c.id });
  if (!r.ok) return `${verb} ${c.name}: ${r.error.message}`;
  useCommandStore.getState().show(`${verb[0]!.toUpperCase()}${verb.slice(1)}ed ${c.name}`.replace('Stoped', 'Stopped'), r.value.command);
}

export function paletteEntries(s: PaletteSources): PaletteEntry[] {
  const out: PaletteEntry[] = NAV_ITEMS.map((n) => ({ id: `view:${n.id}`, label: `Go to ${n.label}`, group: 'View', run: go(n.id) }));
  for (const c of s.containers) {
    const running = c.state === 'running';
    const open = (tab: string) => go('containers', { select: c.id, tab });
    out.push(
      { id: `c:${c.id}`, label: `Container: ${c.name}`, group: 'Container', hint: `${c.image} · ${c.state}`, run: go('containers', { select: c.id }) },
      { id: `logs:${c.id}`, label: `Logs: ${c.name}`, group: 'Action', run: open('logs') },
      { id: `files:${c.id}`, label: `Files: ${c.name}`, group: 'Action', run: open('files') },
      { id: `inspect:${c.id}`, label: `Inspect: ${c.name}`, group: 'Action', run: open('inspect') },
    );
    if (running) {
      out.push(
        { id: `shell:${c.id}`, label: `Shell: ${c.name}`, group: 'Action', run: open('shell') },
        { id: `stats:${c.id}`, label: `Stats: ${c.name}`, group: 'Action', run: open('stats') },
        { id: `stop:${c.id}`, label: `Stop: ${c.name}`, group: 'Action', hint: `docker stop ${c.name}`, run: () => containerAction('stop', c) },
        { id: `restart:${c.id}`, label: `Restart: ${c.name}`, group: 'Action', hint: `docker restart ${c.name}`, run: () => containerAction('restart', c) },
      );
    } else {
      out.push({ id: `start:${c.id}`, label: `Start: ${c.name}`, group: 'Action', hint: `docker start ${c.name}`, run: () => containerAction('start', c) });
    }
  }
  for (const i of s.images) {
    const name = i.repoTags[0] ?? i.id.replace(/^sha256:/, '').slice(0, 12);
    out.push({ id: `img:${i.id}`, label: `Image: ${name}`, group: 'Image', run: go('images') });
    if (i.repoTags[0]) out.push({ id: `run:${i.id}`, label: `Run: ${name}`, group: 'Action', hint: `docker run -d ${name}`, run: go('containers', { runCommand: `docker run -d ${name}` }) });
  }
  for (const v of s.volumes) {
    out.push({ id: `vol:${v.name}`, label: `Volume: ${v.name}`, group: 'Volume', run: go('volumes') });
    out.push({ id: `browse:${v.name}`, label: `Browse volume: ${v.name}`, group: 'Action', run: go('volumes', { browse: v.name }) });
  }
  for (const n of s.networks) out.push({ id: `net:${n.id}`, label: `Network: ${n.name}`, group: 'Network', hint: n.driver, run: go('networks') });
  for (const l of s.lessons) out.push({ id: `lesson:${l.id}`, label: `Lesson ${l.order}: ${l.title}`, group: 'Lesson', run: () => openLessonBeside(l) });
  out.push(
    { id: 'disk', label: 'Clean up: disk usage and prune', group: 'Action', hint: 'docker system df', run: go('disk') },
    ...(['light', 'dark', 'system'] as const).map((t) => ({
      id: `theme:${t}`,
      label: `Theme: ${t}`,
      group: 'Setting' as const,
      run: async () => {
        const r = await call('settings:update', { theme: t });
        if (!r.ok) return r.error.message;
      },
    })),
  );
  return out;
}

/** Every word typed must appear in the label (any order, any case); label starts rank first. */
export function filterEntries(entries: PaletteEntry[], query: string, limit = 60): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return entries.slice(0, limit);
  const hits = entries.filter((e) => {
    const text = `${e.label} ${e.hint ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const first = words[0]!;
  return hits.sort((a, b) => Number(!a.label.toLowerCase().startsWith(first)) - Number(!b.label.toLowerCase().startsWith(first))).slice(0, limit);
}
