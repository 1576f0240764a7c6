import { useEffect, useState } from 'react';
import { TabList, TabPanel } from '../../components/tabs';
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
        <TabList label="Build and publish" idBase="build" tabs={TABS} selected={tab} onSelect={(id) => setTab(id as Tab)} />
      </div>
      <TabPanel idBase="build" id={tab}>
        {tab === 'build' && <BuildForm key={formKey} />}
        {tab === 'registries' && <RegistryPanel key={formKey} />}
        {tab === 'pipeline' && <Pipeline />}
      </TabPanel>
    </section>
  );
}
