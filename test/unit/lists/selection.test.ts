import { describe, expect, it } from 'vitest';
import { clickSelect, emptySelection, pruneSelection, selectionCoverage, setAll } from '../../../renderer/src/views/lists/selection';

const ids = ['a', 'b', 'c', 'd', 'e'];
const sel = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('multi-select', () => {
  it('a click toggles one item', () => {
    const one = clickSelect(emptySelection, 'b', ids, false);
    expect(sel(one)).toEqual(['b']);
    expect(sel(clickSelect(one, 'b', ids, false))).toEqual([]);
  });

  it('shift-click selects the range from the anchor, in screen order, either way', () => {
    const s = clickSelect(emptySelection, 'b', ids, false);
    expect(sel(clickSelect(s, 'd', ids, true))).toEqual(['b', 'c', 'd']);
    const up = clickSelect(clickSelect(emptySelection, 'e', ids, false), 'c', ids, true);
    expect(sel(up)).toEqual(['c', 'd', 'e']);
  });

  it('shift-click on a selected item clears the range', () => {
    const all = setAll(emptySelection, ids, true);
    const anchored = clickSelect(all, 'a', ids, false); // a off, anchor a
    expect(sel(clickSelect(anchored, 'c', ids, true))).toEqual(['d', 'e']);
  });

  it('shift-click without a visible anchor is a plain click', () => {
    const s = clickSelect(emptySelection, 'zz', ['zz', ...ids], false);
    expect(sel(clickSelect(s, 'c', ids, true))).toEqual(['c', 'zz']);
  });

  it('select all covers the shown items only and forgets items gone from the engine', () => {
    const hidden = clickSelect(emptySelection, 'a', ids, false);
    const shown = ['c', 'd'];
    const s = setAll(hidden, shown, true);
    expect(sel(s)).toEqual(['a', 'c', 'd']);
    expect(selectionCoverage(s, shown)).toBe('all');
    expect(selectionCoverage(s, ids)).toBe('some');
    expect(selectionCoverage(emptySelection, ids)).toBe('none');
    expect(sel(setAll(s, shown, false))).toEqual(['a']);
    const pruned = pruneSelection(s, new Set(['a', 'd']));
    expect(sel(pruned)).toEqual(['a', 'd']);
    expect(pruneSelection(pruned, new Set(['a', 'd']))).toBe(pruned);
  });
});
