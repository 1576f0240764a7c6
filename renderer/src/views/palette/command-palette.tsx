/** Ctrl/Cmd+K: jump to any view, container, image, volume, network or lesson, or run an action. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useLessonsStore } from '../lessons/lessons-store';
import { filterEntries, paletteEntries, type PaletteEntry, type PaletteSources } from './palette-entries';

export function CommandPaletteHost() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <CommandPalette onClose={() => setOpen(false)} /> : null;
}

const EMPTY: PaletteSources = { containers: [], images: [], volumes: [], networks: [], lessons: [] };

async function loadSources(): Promise<PaletteSources> {
  const lessonsStore = useLessonsStore.getState();
  const [containers, images, volumes, networks] = await Promise.all([
    call('containers:list', { all: true }),
    call('images:list', {}),
    call('volumes:list', {}),
    call('networks:list', {}),
    lessonsStore.loadList(),
  ]);
  return {
    containers: containers.ok ? containers.value : [],
    images: images.ok ? images.value : [],
    volumes: volumes.ok ? volumes.value : [],
    networks: networks.ok ? networks.value : [],
    lessons: useLessonsStore.getState().list ?? [],
  };
}

export function CommandPalette({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [sources, setSources] = useState<PaletteSources>(EMPTY);
  const [loading, setLoading] = useState(true);
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    let live = true;
    void loadSources().then((s) => {
      if (!live) return;
      setSources(s);
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, []);
  const entries = useMemo(() => paletteEntries(sources), [sources]);
  const shown = useMemo(() => filterEntries(entries, query), [entries, query]);
  useEffect(() => setActive(0), [query]);
  const run = async (e: PaletteEntry | undefined) => {
    if (!e) return;
    const err = await e.run();
    if (typeof err === 'string') setMessage(err);
    else onClose();
  };
  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label="Command palette"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <input
        autoFocus
        className="palette-input"
        aria-label="Command palette search"
        placeholder="Type a view, container, image, volume, network, lesson or action (e.g. logs web)"
        value={query}
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[active] ? `palette-${active}` : undefined}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, shown.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void run(shown[active]);
          }
        }}
      />
      {message && <p className="error-text">{message}</p>}
      <ul id="palette-list" role="listbox" className="palette-list" aria-label="Matches">
        {shown.map((e, i) => (
          <li
            key={e.id}
            id={`palette-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => void run(e)}
          >
            <span className="palette-group">{e.group}</span> {e.label}
            {e.hint && <span className="muted"> · {e.hint}</span>}
          </li>
        ))}
        {loading && <li className="muted">Reading containers, images, volumes, networks and lessons…</li>}
        {!loading && shown.length === 0 && <li className="muted">No match.</li>}
      </ul>
    </dialog>
  );
}
