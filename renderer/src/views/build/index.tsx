import { useEffect, useState } from 'react';
import { useNavStore } from '../../stores/nav-store';
import { BuildForm } from './build-form';
import { Pipeline } from './pipeline';
import { RegistryPanel } from './registry-panel';

type Tab = 'build' | 'registries' | 'pipeline';
const TABS: { id: Tab; label: string }[] = [
  { id: 'build', label: 'Build' },
  { id: 'registries', label: 'Registries' },
  { id: 'pipeline', label: 'Pipeline' },
];

/** Build & publish: build from a Dockerfile, registries (login, push, pull, tags), the deployment pipeline. */
export function BuildView() {
  const params = useNavStore((s) => s.params);
  const [tab, setTab] = useState<Tab>(params.pipeline ? 'pipeline' : params.registries ? 'registries' : 'build');
  useEffect(() => {
    if (params.pipeline) setTab('pipeline');
    else if (params.registries) setTab('registries');
    else if (params.build) setTab('build');
  }, [params]);
  // A new "Open in Dockside" (new params) re-creates the form so its pre-fill applies.
  const formKey = JSON.stringify(params);
  return (
    <section className="view build-view">
      <div className="view-header">
        <h1>Build &amp; publish</h1>
        <div role="tablist" aria-label="Build and publish" className="tabs">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" id={`build-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`build-panel-${t.id}`} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <div role="tabpanel" id={`build-panel-${tab}`} aria-labelledby={`build-tab-${tab}`}>
        {tab === 'build' && <BuildForm key={formKey} />}
        {tab === 'registries' && <RegistryPanel key={formKey} />}
        {tab === 'pipeline' && <Pipeline />}
      </div>
    </section>
  );
}
