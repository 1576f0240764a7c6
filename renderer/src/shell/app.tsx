import { lazy, Suspense, useEffect, useRef, useState, type ComponentType, type CSSProperties } from 'react';
import { useEngineOnline, useEngineStore } from '../stores/engine-store';
import { useNavStore, type ViewId } from '../stores/nav-store';
import { ContainersView } from '../views/containers/containers-view';
import { withCode } from '../components/inline-code';
import { DocsLink } from '../views/help/docs-link';
import { VIEW_DOCS } from '../views/help/docs-links';
import { CommandPaletteHost } from '../views/palette/command-palette';
import { SettingsBridge } from '../views/settings/settings-bridge';
import { EngineBridge } from './engine-bridge';
import { EngineStatusBar } from './engine-status';
import { installFocusReturn } from './focus-return';
import { LessonFrame, useLessonPanePrefs } from './lesson-frame';
import { NAV_ITEMS } from './nav-items';
import { RecentCommands } from './recent-commands';
import { installRovingRows } from './roving-rows';
import { SkipLinks } from './skip-links';
import { useUrlSync } from './use-url-sync';
import { NotificationBridge, NotificationHistoryButton, Toasts } from '../components/notifications';
import { withRetry } from '../components/load-retry';
import { PartBoundary } from '../components/part-boundary';
import { disconnectedNote } from './disconnected-note';

// Every view but the containers list (the first screen) is its own chunk, fetched when first opened:
// the first paint loads none of xterm, recharts, the markdown stack or the lesson diagrams.
// A chunk that fails to load is tried again (components/load-retry.ts); one that still fails shows
// its error in the view's place (PartBoundary), never a blank page.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(withRetry(() => load().then((m) => ({ default: m[name] }))));
const StatsView = named(() => import('../views/stats'), 'StatsView');
const ImagesView = named(() => import('../views/images'), 'ImagesView');
const BuildView = named(() => import('../views/build'), 'BuildView');
const VolumesView = named(() => import('../views/volumes'), 'VolumesView');
const NetworksView = named(() => import('../views/networks'), 'NetworksView');
const ClusterView = named(() => import('../views/cluster'), 'ClusterView');
const LessonsView = named(() => import('../views/lessons'), 'LessonsView');
const DiskView = named(() => import('../views/disk'), 'DiskView');
const SettingsView = named(() => import('../views/settings'), 'SettingsView');
const HelpView = named(() => import('../views/help'), 'HelpView');

const VIEWS: Record<ViewId, ComponentType> = {
  containers: ContainersView,
  stats: StatsView,
  images: ImagesView,
  build: BuildView,
  volumes: VolumesView,
  networks: NetworksView,
  cluster: ClusterView,
  lessons: LessonsView,
  disk: DiskView,
  settings: SettingsView,
  help: HelpView,
};

/** Views that need no engine (the course, settings, help). */
const OFFLINE_VIEWS = new Set<ViewId>(['lessons', 'settings', 'help']);

export function App() {
  const view = useNavStore((s) => s.view);
  const go = useNavStore((s) => s.go);
  const lessonId = useNavStore((s) => s.lessonId);
  const online = useEngineOnline();
  const status = useEngineStore((s) => s.status);
  const detailOpen = useNavStore((s) => s.view === 'containers' && s.detail !== null);
  const pane = useLessonPanePrefs();
  const View = VIEWS[view];
  useUrlSync();
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const stopRoving = installRovingRows(root);
    const stopFocusReturn = installFocusReturn(root);
    return () => {
      stopRoving();
      stopFocusReturn();
    };
  }, []);
  const layout = lessonId ? (pane.collapsed ? 'with-lesson lesson-collapsed' : 'with-lesson') : '';
  // The last view that was on screen with the engine online.
  const [keptView, setKeptView] = useState<ViewId | null>(null);
  useEffect(() => {
    if (online) setKeptView(view);
  }, [online, view]);
  return (
    <div className={`app ${layout}`} ref={rootRef} style={{ '--lesson-width': `${pane.width}px` } as CSSProperties}>
      <SkipLinks lesson={lessonId !== null} details={detailOpen} />
      <EngineBridge />
      <NotificationBridge />
      <SettingsBridge />
      <CommandPaletteHost />
      <header className="topbar">
        <span className="brand">Dockside</span>
        <EngineStatusBar />
        <NotificationHistoryButton />
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {NAV_ITEMS.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.id === view ? 'nav-item active' : 'nav-item'}
                aria-current={item.id === view ? 'page' : undefined}
                onClick={() => go(item.id)}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main-content" tabIndex={-1} aria-label={NAV_ITEMS.find((n) => n.id === view)?.label}>
        <div className="view-docs">
          <DocsLink link={VIEW_DOCS[view]} />
        </div>
        {/* A view shown once stays mounted (hidden) while the engine is away, so the open
            container, its tab and its streams are still there when it comes back; main re-opens
            the streams by itself. */}
        {(online || OFFLINE_VIEWS.has(view) || keptView === view) && (
          <div {...(online || OFFLINE_VIEWS.has(view) ? { style: { display: 'contents' } } : { hidden: true })}>
            <PartBoundary key={view} what="this view">
              <Suspense fallback={<p>Loading…</p>}>
                <View />
              </Suspense>
            </PartBoundary>
          </div>
        )}
        {!(online || OFFLINE_VIEWS.has(view)) && (
          <div className="disconnected" data-testid="disconnected">
            <h2>{status.state === 'connecting' ? 'Connecting to the engine…' : 'No engine to show'}</h2>
            {status.state === 'unreachable' && (
              <>
                <p>{withCode(status.message)}</p>
                <p className="hint">{withCode(status.hint)}</p>
                <p className="muted" data-testid="retry-note">{disconnectedNote(status.reason)}</p>
              </>
            )}
          </div>
        )}
        <RecentCommands />
      </main>
      {lessonId && <LessonFrame lessonId={lessonId} {...pane} />}
      <Toasts />
    </div>
  );
}
