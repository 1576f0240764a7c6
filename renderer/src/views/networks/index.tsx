import { useEffect, useState } from 'react';
import type { NetworkSummary } from '../../../../main/contract';
import { useSubscription } from '../../api/use-subscription';
import { ErrorText } from '../../components/error-text';
import { TabList, TabPanel } from '../../components/tabs';
import { useEngineStore } from '../../stores/engine-store';
import { useNavStore } from '../../stores/nav-store';
import { CreateNetworkForm } from './create-network-form';
import { LabView } from './lab-view';
import { NetworkDetails } from './network-details';
import { NetworksTable } from './networks-table';
import { Topology } from './topology';

type Tab = 'list' | 'topology' | 'lab';

/**
 * Networks: the list (create, connect, inspect, remove), the live topology, and the
 * load-balancer lab. Lessons open the lab with `go('networks', { lab: true })`.
 */
export function NetworksView() {
  const params = useNavStore((s) => s.params);
  const [tab, setTab] = useState<Tab>(params.lab === true ? 'lab' : 'list');
  useEffect(() => {
    if (params.lab === true) setTab('lab');
  }, [params]);
  const [networks, setNetworks] = useState<NetworkSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const containers = useEngineStore((s) => s.containers);

  // One live list for the table and the topology, following the engine's network events.
  useSubscription(
    'networks:watch',
    tab === 'lab' ? null : {},
    (list) => {
      setNetworks(list);
      setError(null);
    },
    (e) => setError(e.message),
  );
  const selected = networks?.find((n) => n.id === selectedId) ?? null;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'list', label: 'Networks' },
    { id: 'topology', label: 'Topology' },
    { id: 'lab', label: 'Load-balancer lab' },
  ];

  return (
    <section className="view networks-view">
      <div className="view-header">
        <h1>Networks</h1>
        <TabList label="Networks sections" idBase="networks" tabs={tabs} selected={tab} onSelect={(id) => setTab(id as Tab)} />
      </div>
      <TabPanel idBase="networks" id={tab}>
        <ErrorText error={error} />
        {tab === 'lab' ? (
          <LabView />
        ) : networks === null ? (
          <p>Loading networks…</p>
        ) : tab === 'topology' ? (
          <Topology networks={networks} containers={containers} />
        ) : (
          <>
            <CreateNetworkForm />
            <NetworksTable networks={networks} selected={selectedId} onSelect={setSelectedId} />
            {selected && <NetworkDetails network={selected} />}
          </>
        )}
      </TabPanel>
    </section>
  );
}
