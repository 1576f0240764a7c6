/**
 * One tab stop per table row, arrow keys inside (a roving tabindex), for every table in the app:
 * with 60 containers, Tab moves row by row instead of through 5 buttons a row. In a row, ←/→ (and
 * Home/End) move between its controls; ↑/↓ move to the same control of the row above/below. The
 * control used last in a row keeps that row's tab stop. Installed once on the app root, so tables
 * added by any feature get it without code of their own; `data-roving="off"` on a table opts out.
 */
const ITEM = 'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary';
// Controls that use the arrow keys themselves; a checkbox does not, so arrows move on from it.
const TEXT_ENTRY = 'input:not([type="checkbox"]), select, textarea';

function rowsOf(table: HTMLTableElement): HTMLTableRowElement[] {
  // Virtualised lists render one <tbody> per item: rows are taken across all bodies.
  return [...table.querySelectorAll<HTMLTableRowElement>(':scope > tbody > tr')];
}

function itemsOf(tr: HTMLTableRowElement): HTMLElement[] {
  return [...tr.querySelectorAll<HTMLElement>(ITEM)].filter((el) => el.closest('tr') === tr && el.closest('[hidden]') === null);
}

export function installRovingRows(root: HTMLElement): () => void {
  const current = new WeakMap<HTMLTableRowElement, HTMLElement>();

  const applyRow = (tr: HTMLTableRowElement) => {
    const items = itemsOf(tr);
    if (items.length === 0) return;
    let stop = current.get(tr);
    // A row may name its entry point (the container's name, not the checkbox before it).
    if (!stop || !items.includes(stop)) stop = items.find((el) => el.hasAttribute('data-row-entry')) ?? items[0]!;
    for (const el of items) {
      const want = el === stop ? '0' : '-1';
      if (el.getAttribute('tabindex') !== want) el.setAttribute('tabindex', want);
    }
  };
  const refresh = () => {
    for (const table of root.querySelectorAll<HTMLTableElement>('table:not([data-roving="off"])')) for (const tr of rowsOf(table)) applyRow(tr);
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      refresh();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
  refresh();

  const locate = (target: EventTarget | null) => {
    if (!(target instanceof HTMLElement)) return null;
    const tr = target.closest('tr');
    const table = tr?.closest('table');
    if (!tr || !table || table.dataset.roving === 'off' || !tr.parentElement || tr.parentElement.tagName !== 'TBODY') return null;
    const items = itemsOf(tr);
    const index = items.indexOf(target);
    return index < 0 ? null : { tr, table, items, index };
  };

  const onFocusIn = (e: FocusEvent) => {
    const at = locate(e.target);
    if (!at) return;
    current.set(at.tr, at.items[at.index]!);
    applyRow(at.tr);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
    const at = locate(e.target);
    if (!at || (e.target as HTMLElement).matches(TEXT_ENTRY)) return;
    let next: HTMLElement | undefined;
    if (e.key === 'ArrowRight') next = at.items[at.index + 1];
    else if (e.key === 'ArrowLeft') next = at.items[at.index - 1];
    else if (e.key === 'Home') next = at.items[0];
    else if (e.key === 'End') next = at.items[at.items.length - 1];
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const rows = rowsOf(at.table);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      for (let i = rows.indexOf(at.tr) + step; i >= 0 && i < rows.length && !next; i += step) {
        const items = itemsOf(rows[i]!);
        next = items[Math.min(at.index, items.length - 1)];
      }
    } else return;
    e.preventDefault();
    if (!next) return;
    next.focus();
  };

  root.addEventListener('focusin', onFocusIn);
  root.addEventListener('keydown', onKeyDown);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
    root.removeEventListener('keydown', onKeyDown);
  };
}
