/**
 * Multi-select, pure: a click toggles one item and becomes the anchor; a shift-click sets every
 * item between the anchor and the clicked one (in the order on screen) to the clicked box's new
 * state, like a file manager or a mail client.
 */
export interface Selection {
  selected: ReadonlySet<string>;
  anchor: string | null;
}

export const emptySelection: Selection = { selected: new Set(), anchor: null };

export function clickSelect(s: Selection, id: string, visibleIds: readonly string[], shift: boolean): Selection {
  const on = !s.selected.has(id);
  const next = new Set(s.selected);
  const from = s.anchor === null ? -1 : visibleIds.indexOf(s.anchor);
  const to = visibleIds.indexOf(id);
  if (shift && from >= 0 && to >= 0) {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    for (const v of visibleIds.slice(lo, hi + 1)) {
      if (on) next.add(v);
      else next.delete(v);
    }
  } else if (on) next.add(id);
  else next.delete(id);
  return { selected: next, anchor: id };
}

/** The header checkbox: all shown items on, or all shown items off (hidden ones keep their state). */
export function setAll(s: Selection, visibleIds: readonly string[], on: boolean): Selection {
  const next = new Set(s.selected);
  for (const v of visibleIds) {
    if (on) next.add(v);
    else next.delete(v);
  }
  return { selected: next, anchor: s.anchor };
}

/** Forgets items that are gone from the engine; the same object when nothing changed. */
export function pruneSelection(s: Selection, existingIds: ReadonlySet<string>): Selection {
  let changed = false;
  const next = new Set<string>();
  for (const v of s.selected) {
    if (existingIds.has(v)) next.add(v);
    else changed = true;
  }
  const anchor = s.anchor !== null && !existingIds.has(s.anchor) ? null : s.anchor;
  if (!changed && anchor === s.anchor) return s;
  return { selected: next, anchor };
}

/** "All", "some" or "none" of the shown items selected: drives the header checkbox. */
export function selectionCoverage(s: Selection, visibleIds: readonly string[]): 'all' | 'some' | 'none' {
  const n = visibleIds.filter((v) => s.selected.has(v)).length;
  return n === 0 ? 'none' : n === visibleIds.length ? 'all' : 'some';
}
