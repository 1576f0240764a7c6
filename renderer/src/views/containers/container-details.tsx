import { useEffect, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { Icon } from '../../components/icons';
import { Tabs } from '../../components/tabs';
import { markIntent } from '../../stores/learner-intent';
import type { DetailTab } from './container-feature';
import { PortLinks } from '../lists/port-links';
import { ContainerActionButtons, StateBadge, type RowActions } from './container-row';

let handledFocusRequest = 0;

/**
 * Details of one container, shown beside the list (wide) or instead of it (narrow, with a way
 * back). The inspect document is fetched again whenever the list row changes (the list itself
 * follows engine events), so it never shows stale state.
 */
export function ContainerDetails({
  container,
  wanted,
  gone,
  extraTabs,
  tab,
  onTab,
  onBack,
  focusRequest,
  actions,
}: {
  /** Null while the container asked for (by a lesson, a link, the URL) does not exist. */
  container: ContainerSummary | null;
  /** The name or id that was asked for. */
  wanted: string;
  /** The container as last shown, when it has since gone (removed, or another engine now). */
  gone: ContainerSummary | null;
  extraTabs: readonly DetailTab[];
  tab: string;
  onTab(id: string): void;
  onBack(): void;
  /** Changes each time the details are opened on purpose: the heading takes focus then. */
  focusRequest: number;
  /** The same actions as the row's: with the list hidden (narrow), the details still offer them. */
  actions: RowActions;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Focus lands on the heading, so a screen reader hears which container opened and the next Tab
    // reaches its tabs; once per request, so a remount (the container re-created, a view switch) does not steal focus.
    if (focusRequest <= handledFocusRequest) return;
    handledFocusRequest = focusRequest;
    headingRef.current?.focus();
  }, [focusRequest]);
  const name = container?.name ?? gone?.name ?? wanted;
  return (
    <section className="details" aria-labelledby="container-details-title" data-testid="container-details">
      <div className="details-header">
        <button type="button" className="small back-button" onClick={onBack} aria-label="Back to all containers" title="Back to all containers">
          <Icon name="back" /> <span className="btn-text">All containers</span>
        </button>
        <h2 id="container-details-title" ref={headingRef} tabIndex={-1}>
          <span className="visually-hidden">Details of </span>
          {name}
        </h2>
      </div>
      {container && (
        <div className="details-summary">
          <StateBadge c={container} />
          <span className="muted">{container.status}</span>
          <span className="mono">{container.image}</span>
          {container.ports.length > 0 && (
            <span className="mono">
              <PortLinks container={container} />
            </span>
          )}
          <ContainerActionButtons c={container} {...actions} />
        </div>
      )}
      {container ? (
        <Tabs label={`Details of ${name}`} idBase="container-details" tabs={[{ id: 'inspect', label: 'Inspect' }, ...extraTabs]} selected={tab}
          // A click (or Enter/Space) on a tab is the learner's own ask: lesson tasks may tick from
          // what that tab then does, never from a tab opened by navigation.
          onSelect={(id) => {
            markIntent(`tab:${id}`);
            onTab(id);
          }}
        >
          {extraTabs.find((t) => t.id === tab)?.render(container) ?? <InspectTab container={container} />}
        </Tabs>
      ) : gone ? (
        <p className="muted" role="status" data-testid="container-gone">
          The container <code>{gone.name}</code> no longer exists on this engine.{' '}
          <button type="button" className="link" onClick={onBack}>
            Close
          </button>
        </p>
      ) : (
        <p className="muted" role="status">
          No container called <code>{wanted}</code> yet. Create it (in a terminal or with Run) and it opens here.
        </p>
      )}
    </section>
  );
}

function InspectTab({ container }: { container: ContainerSummary }) {
  const [inspect, setInspect] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void call('containers:inspect', { id: container.id }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setInspect(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [container.id, container.state, container.status]);
  return (
    <>
      <ErrorText error={error} />
      {/* Focusable so keyboard users can scroll it (WCAG 2.1.1). */}
      <pre className="json" data-testid="inspect-json" tabIndex={0} aria-label={`Inspect document of ${container.name}`}>
        {inspect ? JSON.stringify(inspect, null, 2) : 'Loading…'}
      </pre>
    </>
  );
}
