import { useCallback, useEffect, useState } from 'react';
import type { ContainerSummary, StacksOverview } from '../../../../main/contract';
import { call } from '../../api/client';
import { stackOf } from '../../../../main/stacks/compose-labels';

/**
 * What the stack headers need beyond the container list: whether the project's files are on
 * this machine, stacks taken `down`, and the compose CLI. Re-read when the set of projects
 * changes (the container list itself follows the engine's events), and after a compose run.
 */
export function useStacks(containers: readonly ContainerSummary[]): { overview: StacksOverview | null; refresh(): void } {
  const [overview, setOverview] = useState<StacksOverview | null>(null);
  const [nonce, setNonce] = useState(0);
  const projectsKey = [...new Set(containers.map((c) => stackOf(c.labels)?.project).filter(Boolean))].sort().join('\n');
  useEffect(() => {
    let live = true;
    void call('stacks:list', {}).then((r) => {
      if (live && r.ok) setOverview(r.value);
    });
    return () => {
      live = false;
    };
  }, [projectsKey, nonce]);
  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  return { overview, refresh };
}

const COLLAPSED_KEY = 'dockside.stacks.collapsed';

function readCollapsed(): Set<string> {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(COLLAPSED_KEY) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Which stacks are folded, remembered in this profile. */
export function useCollapsedStacks(): [ReadonlySet<string>, (project: string) => void] {
  const [collapsed, setCollapsed] = useState<Set<string>>(readCollapsed);
  const toggle = useCallback((project: string) => {
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(project)) next.delete(project);
      else next.add(project);
      try {
        window.localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next].slice(-200)));
      } catch {
        /* not kept */
      }
      return next;
    });
  }, []);
  return [collapsed, toggle];
}
