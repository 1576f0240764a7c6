import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem {
  id: string;
  label: string;
}

/**
 * Tabs per the WAI-ARIA tabs pattern: one tab stop (the selected tab), arrow keys / Home / End
 * move between tabs, Enter or Space selects (manual activation: a tab that opens a stream or
 * polls the engine is not started just by passing over it), and the panel is a labelled
 * `tabpanel` the tab `aria-controls`.
 */
export function Tabs({
  label,
  idBase,
  tabs,
  selected,
  onSelect,
  children,
  panelClassName,
}: {
  label: string;
  /** Unique per page: ids are `${idBase}-tab-${id}` and `${idBase}-panel-${id}`. */
  idBase: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect(id: string): void;
  /** The selected tab's panel content. */
  children: ReactNode;
  panelClassName?: string;
}) {
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
  const current = tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;
  return (
    <>
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
      {/* Every tab's panel exists (aria-controls must point at an element); only the selected one has content. */}
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${idBase}-panel-${t.id}`}
          aria-labelledby={`${idBase}-tab-${t.id}`}
          className={panelClassName}
          hidden={t.id !== current}
          tabIndex={t.id === current ? 0 : -1}
        >
          {t.id === current ? children : null}
        </div>
      ))}
    </>
  );
}
