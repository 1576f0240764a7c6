import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  id: string;
  label: string;
}

interface TabListProps {
  label: string;
  /** Unique per page: ids are `${idBase}-tab-${id}` and `${idBase}-panel-${id}`. */
  idBase: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect(id: string): void;
}

/**
 * A tab strip per the WAI-ARIA tabs pattern: one tab stop (the selected tab), arrow keys / Home /
 * End move between tabs, Enter or Space selects (manual activation: a tab that opens a stream or
 * polls the engine is not started just by passing over it). Each tab `aria-controls` the panel
 * `${idBase}-panel-${id}`; use `Tabs` for strip and panels together, or this strip alone when the
 * view places it apart from its panel (in the view header) and renders `TabPanel` itself.
 */
export function TabList({ label, idBase, tabs, selected, onSelect }: TabListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      e.key === 'ArrowRight' ? (at + 1) % buttons.length
      : e.key === 'ArrowLeft' ? (at - 1 + buttons.length) % buttons.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? buttons.length - 1
      : -1;
    if (to < 0) return;
    e.preventDefault();
    buttons[to]?.focus();
  };
  const current = currentTab(tabs, selected);
  return (
    <div role="tablist" aria-label={label} className="tabs" ref={listRef} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${idBase}-tab-${t.id}`}
          aria-selected={t.id === current}
          aria-controls={`${idBase}-panel-${t.id}`}
          tabIndex={t.id === current ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The panel of one tab of a `TabList` (focusable, so keyboard users can scroll it). */
export function TabPanel({ idBase, id, hidden, className, children }: { idBase: string; id: string; hidden?: boolean; className?: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${idBase}-panel-${id}`} aria-labelledby={`${idBase}-tab-${id}`} className={className} hidden={hidden} tabIndex={hidden ? -1 : 0}>
      {children}
    </div>
  );
}

function currentTab(tabs: readonly TabItem[], selected: string): string | undefined {
  return tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;
}

/** Tab strip and panels together (see `TabList`); only the selected panel has content. */
export function Tabs({ children, panelClassName, ...list }: TabListProps & { children: ReactNode; panelClassName?: string }) {
  const current = currentTab(list.tabs, list.selected);
  return (
    <>
      <TabList {...list} />
      {/* Every tab's panel exists (aria-controls must point at an element); only the selected one has content. */}
      {list.tabs.map((t) => (
        <TabPanel key={t.id} idBase={list.idBase} id={t.id} hidden={t.id !== current} className={panelClassName}>
          {t.id === current ? children : null}
        </TabPanel>
      ))}
    </>
  );
}
