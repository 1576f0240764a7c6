import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../../main/contract';
import { call } from '../../api/client';
import { ErrorText } from '../../components/error-text';
import { markIntent } from '../../stores/learner-intent';

/**
 * Details of one container. The inspect document is fetched again whenever the list row
 * changes (the list itself follows engine events), so it never shows stale state.
 */
export function ContainerDetails({
  container,
  extraTabs,
  initialTab,
}: {
  container: ContainerSummary;
  extraTabs?: { id: string; label: string; render: (c: ContainerSummary) => React.ReactNode }[];
  initialTab?: string | undefined;
}) {
  const [inspect, setInspect] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState(initialTab && extraTabs?.some((t) => t.id === initialTab) ? initialTab : 'inspect');
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
  const tabs = [{ id: 'inspect', label: 'Inspect' }, ...(extraTabs ?? [])];
  const active = extraTabs?.find((t) => t.id === tab);
  return (
    <section className="details" aria-label={`Details of ${container.name}`}>
      <h2>{container.name}</h2>
      <div role="tablist" className="tabs">
        {tabs.map((t) => (
          <button key={t.id} role="tab" type="button" aria-selected={tab === t.id} onClick={() => { markIntent(`tab:${t.id}`); setTab(t.id); }}>
            {t.label}
          </button>
        ))}
      </div>
      {active ? (
        active.render(container)
      ) : (
        <>
          <ErrorText error={error} />
          <pre className="json" data-testid="inspect-json">{inspect ? JSON.stringify(inspect, null, 2) : 'Loading…'}</pre>
        </>
      )}
    </section>
  );
}
