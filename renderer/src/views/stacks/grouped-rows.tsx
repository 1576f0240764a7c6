import type { ReactNode } from 'react';
import type { ContainerSummary, StacksOverview } from '../../../../main/contract';
import { groupByStack, stackOf, type GroupedEntry } from '../../../../main/stacks/compose-labels';
import { matchesTerms, queryTerms } from '../lists/list-filter';
import type { SelectionApi } from '../lists/use-selection';
import type { Outcome } from './outcome-panel';
import { StackHeaderRow } from './stack-header-row';

/** Ids in the order they are on screen (members of folded stacks left out): for shift-click and "select all". */
export function screenOrder(entries: GroupedEntry<ContainerSummary>[], collapsed: ReadonlySet<string>): string[] {
  return entries.flatMap((e) => (e.kind === 'single' ? [e.item.id] : collapsed.has(e.project) ? [] : e.items.map((c) => c.id)));
}

export function groupContainers(shown: ContainerSummary[]): GroupedEntry<ContainerSummary>[] {
  return groupByStack(shown);
}

/** One row of the containers table: a container, or a Compose project's header. */
export interface GroupedRow {
  /** Stable across changes: the container id, or `stack:<project>`. */
  key: string;
  /** The container of a container row (null for a stack header). */
  container: ContainerSummary | null;
  node: ReactNode;
}

/**
 * The rows of the containers table with Compose projects folded under their header, as one flat,
 * keyed list (the table virtualises it: components/virtual-rows.tsx). A stack that is down (files
 * on disk, no containers) gets a header of its own so it can come back up.
 */
export function groupedContainerRows({
  entries,
  all,
  query,
  keepDown,
  columns,
  collapsed,
  onToggle,
  overview,
  onComposeDone,
  selection,
  visibleIds,
  onOutcome,
  onLogs,
  renderRow,
}: {
  entries: GroupedEntry<ContainerSummary>[];
  all: readonly ContainerSummary[];
  query: string;
  /** Stacks that were shown under this query: when down, kept even if the query does not name them. */
  keepDown?: ReadonlySet<string>;
  columns: number;
  collapsed: ReadonlySet<string>;
  onToggle(project: string): void;
  overview: StacksOverview | null;
  onComposeDone(): void;
  selection: SelectionApi;
  visibleIds: readonly string[];
  onOutcome(o: Outcome): void;
  onLogs(project: string): void;
  renderRow(c: ContainerSummary, inStack: boolean): ReactNode;
}): GroupedRow[] {
  const summaryOf = (project: string) => overview?.stacks.find((s) => s.project === project);
  const terms = queryTerms(query);
  // Down: no container on the engine carries the project any more (judged from the live list, so
  // a stack just removed keeps its header without waiting for the next stacks:list).
  const live = new Set(all.map((c) => stackOf(c.labels)?.project).filter(Boolean));
  const down = (overview?.stacks ?? []).filter(
    (s) => s.filesOnDisk && !live.has(s.project) && (keepDown?.has(s.project) || matchesTerms([s.project, s.workingDir, ...s.configFiles], terms)),
  );
  const header = (project: string, info: NonNullable<ReturnType<typeof stackOf>>, shownIds: string[]): GroupedRow => ({
    key: `stack:${project}`,
    container: null,
    node: (
      <StackHeaderRow
        info={info}
        members={all.filter((c) => stackOf(c.labels)?.project === project)}
        shownIds={shownIds}
        summary={summaryOf(project)}
        composeCli={overview?.composeCli ?? null}
        columns={columns}
        collapsed={collapsed.has(project)}
        onToggle={() => onToggle(project)}
        selection={selection}
        visibleIds={visibleIds}
        onOutcome={onOutcome}
        onLogs={() => onLogs(project)}
        onComposeDone={onComposeDone}
      />
    ),
  });
  // One flat, keyed list: a stack whose last container goes (and that stays as "down") keeps
  // its header's key, so an open confirmation shows its results instead of vanishing.
  const rows: GroupedRow[] = [];
  for (const e of entries) {
    if (e.kind === 'single') {
      rows.push({ key: e.item.id, container: e.item, node: renderRow(e.item, false) });
      continue;
    }
    rows.push(header(e.project, e.info, e.items.map((c) => c.id)));
    if (!collapsed.has(e.project)) for (const c of e.items) rows.push({ key: c.id, container: c, node: renderRow(c, true) });
  }
  for (const s of down) rows.push(header(s.project, { project: s.project, workingDir: s.workingDir, configFiles: s.configFiles }, []));
  return rows;
}
