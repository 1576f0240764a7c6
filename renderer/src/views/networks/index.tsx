import { useEffect, useMemo, useState } from 'react';
import type { NetworkSummary } from '../../../../main/contract';
import type { NetworkCreatePrefill } from '../../../../main/lessons/command-target';
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
    // A command opened from a lesson (create, connect, rm, inspect) is about the list, and so is a
    // lesson that asks for it (`lab: false`), even right after a lesson that opened the lab.
    else if (params.lab === false || params.create || typeof params.select === 'string') setTab('list');
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
  // `docker network connect|rm|inspect NAME` from a lesson: that network, selected, with its action.
  const wanted = typeof params.select === 'string' ? params.select : null;
  const wantedNetwork = wanted && networks ? (networks.find((n) => n.name === wanted || n.id === wanted) ?? networks.find((n) => n.id.startsWith(wanted)) ?? null) : null;
  useEffect(() => {
    if (wantedNetwork) setSelectedId(wantedNetwork.id);
    // Once per request (and when the network appears), not on every list change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params, wantedNetwork?.id]);
  const askRemove = useMemo(() => (params.remove === true && wantedNetwork ? { id: wantedNetwork.id } : null), [params, wantedNetwork?.id]);
  const prefillConnect = useMemo(
    () => (typeof params.connect === 'string' ? { container: params.connect, ...(typeof params.alias === 'string' ? { alias: params.alias } : {}) } : undefined),
    [params],
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
            {wanted && !wantedNetwork && (
              <p className="error-text not-found" role="alert" data-testid="network-not-found">
                There is no network called <code>{wanted}</code> on this engine, so{' '}
                <code>
                  docker network {params.remove ? 'rm' : params.connect ? 'connect' : 'inspect'} {wanted}
                </code>{' '}
                would fail too. Create it first (the form below), and it is selected here.
              </p>
            )}
            <CreateNetworkForm prefill={params.create as NetworkCreatePrefill | undefined} />
            <NetworksTable networks={networks} selected={selectedId} onSelect={setSelectedId} askRemove={askRemove} />
            {selected && <NetworkDetails network={selected} prefillConnect={selected.id === wantedNetwork?.id ? prefillConnect : undefined} />}
          </>
        )}
      </TabPanel>
    </section>
  );
}
