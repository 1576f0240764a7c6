import { Suspense, type ComponentType } from 'react';
import { useEngineOnline, useEngineStore } from '../stores/engine-store';
import { useNavStore, type ViewId } from '../stores/nav-store';
import { ContainersView } from '../views/containers/containers-view';
import { BuildView } from '../views/build';
import { ClusterView } from '../views/cluster';
import { ImagesView } from '../views/images';
import { LessonPane, LessonsView } from '../views/lessons';
import { NetworksView } from '../views/networks';
import { StatsView } from '../views/stats';
import { VolumesView } from '../views/volumes';
import { withCode } from '../components/inline-code';
import { EngineBridge } from './engine-bridge';
import { EngineStatusBar } from './engine-status';
import { NAV_ITEMS } from './nav-items';
import { RecentCommands } from './recent-commands';
import { NotificationBridge, NotificationHistoryButton, Toasts } from '../components/notifications';

const VIEWS: Record<ViewId, ComponentType> = {
  containers: ContainersView,
  stats: StatsView,
  images: ImagesView,
  build: BuildView,
  volumes: VolumesView,
  networks: NetworksView,
  cluster: ClusterView,
  lessons: LessonsView,
};

export function App() {
  const view = useNavStore((s) => s.view);
  const go = useNavStore((s) => s.go);
  const lessonId = useNavStore((s) => s.lessonId);
  const online = useEngineOnline();
  const status = useEngineStore((s) => s.status);
  const View = VIEWS[view];
  return (
    <div className={`app ${lessonId ? 'with-lesson' : ''}`}>
      <EngineBridge />
      <NotificationBridge />
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
      <main className="content" aria-label={NAV_ITEMS.find((n) => n.id === view)?.label}>
        {online || view === 'lessons' ? (
          <Suspense fallback={<p>Loading…</p>}>
            <View />
          </Suspense>
        ) : (
          <div className="disconnected" data-testid="disconnected">
            <h2>{status.state === 'connecting' ? 'Connecting to the engine…' : 'No engine to show'}</h2>
            {status.state === 'unreachable' && (
              <>
                <p>{withCode(status.message)}</p>
                <p className="hint">{withCode(status.hint)}</p>
                <p className="muted">Dockside retries by itself and will refresh this view as soon as the engine answers.</p>
              </>
            )}
          </div>
        )}
        <RecentCommands />
      </main>
      {lessonId && (
        <aside className="lesson-pane" aria-label="Lesson">
          <LessonPane lessonId={lessonId} />
        </aside>
      )}
      <Toasts />
    </div>
  );
}
