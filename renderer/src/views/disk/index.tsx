/**
 * Disk usage (`docker system df -v`) and clean-up. Each prune first shows its preview (the same
 * query the prune runs), asks, then reports what went and the space reclaimed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, DiskUsage, PruneTarget } from '../../../../main/contract';
import { humanSize } from '../../../../main/disk/human-size';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { shortId } from '../../components/format';
import { VirtualBodies } from '../../components/virtual-rows';
import { useEngineEvents } from './use-engine-events';
import { PruneDialog } from './prune-dialog';


const size = (n: number) => (n < 0 ? 'N/A' : humanSize(n));

export function DiskView() {
  const [usage, setUsage] = useState<DiskUsage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [stale, setStale] = useState(false);
  const [prune, setPrune] = useState<PruneTarget | null>(null);
  const load = useCallback(async () => {
    setLoading(true);
    const r = await call('disk:usage', {});
    setLoading(false);
    setStale(false);
    if (r.ok) {
      setUsage(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // /system/df is too heavy to re-read on every event: say the numbers changed, re-read on demand.
  useEngineEvents(() => setStale(true));
  return (
    <section className="view disk-view">
      <div className="view-header">
        <h1>Disk usage</h1>
        <button type="button" onClick={() => void load()} disabled={loading}>
          {loading ? 'Reading…' : 'Refresh'}
        </button>
        {stale && !loading && <span className="muted" data-testid="disk-stale">The engine changed since: refresh to re-read.</span>}
      </div>
      <p className="muted">What the engine keeps on disk, as <code>docker system df -v</code> counts it. Reclaimable space is what a clean-up can free.</p>
      <ErrorText error={error} />
      {!usage ? (
        <p>{loading ? 'Reading disk usage (the engine can take a few seconds)…' : ''}</p>
      ) : (
        <>
          <CommandLine command={usage.command} />
          <table className="table disk-summary" aria-label="Disk usage summary">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Total</th>
                <th scope="col">Active</th>
                <th scope="col">Size</th>
                <th scope="col">Reclaimable</th>
                <th scope="col">Clean up</th>
              </tr>
            </thead>
            <tbody>
              {usage.summary.map((r) => (
                <tr key={r.type} data-testid={`disk-row-${r.type}`}>
                  <th scope="row">{r.label}</th>
                  <td>{r.total}</td>
                  <td>{r.active}</td>
                  <td>{size(r.size)}</td>
                  <td>
                    {size(r.reclaimable)}
                    {r.size > 0 ? ` (${Math.floor((r.reclaimable * 100) / r.size)}%)` : ''}
                  </td>
                  <td>
                    <button type="button" className="small" onClick={() => setPrune(r.type)} aria-label={`Clean up ${r.label}`}>
                      Clean up…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Details usage={usage} />
        </>
      )}
      {prune && (
        <PruneDialog
          target={prune}
          onClose={(changed) => {
            setPrune(null);
            if (changed) void load();
          }}
        />
      )}
    </section>
  );
}

function Details({ usage }: { usage: DiskUsage }) {
  return (
    <div className="disk-details">
      <details open>
        <summary>Images ({usage.images.length})</summary>
        <table className="table" aria-label="Images space usage">
          <thead>
            <tr>
              <th>Repository:tag</th>
              <th>Image ID</th>
              <th>Size</th>
              <th>Shared size</th>
              <th>Unique size</th>
              <th>Containers</th>
            </tr>
          </thead>
          <VirtualBodies
            items={[...usage.images].sort((a, b) => b.uniqueSize - a.uniqueSize)}
            columns={6}
            estimate={34}
            keyOf={(i) => i.id}
            render={(i) => (
              <tr key={i.id}>
                <td className="mono">{i.repoTags.join(', ') || <span className="muted">&lt;none&gt;</span>}</td>
                <td className="mono">{shortId(i.id)}</td>
                <td>{humanSize(i.size, 3)}</td>
                <td>{size(i.sharedSize)}</td>
                <td>{size(i.uniqueSize)}</td>
                <td>{i.containers}</td>
              </tr>
            )}
          />
        </table>
      </details>
      <details open>
        <summary>Containers ({usage.containers.length})</summary>
        <table className="table" aria-label="Containers space usage">
          <thead>
            <tr>
              <th>Name</th>
              <th>Image</th>
              <th>Local volumes</th>
              <th>Size (writable layer)</th>
              <th>Status</th>
            </tr>
          </thead>
          <VirtualBodies
            items={[...usage.containers].sort((a, b) => b.sizeRw - a.sizeRw)}
            columns={5}
            estimate={34}
            keyOf={(c) => c.id}
            render={(c) => (
              <tr key={c.id}>
                <td className="mono">{c.name}</td>
                <td className="mono">{c.image}</td>
                <td>{c.localVolumes}</td>
                <td>{humanSize(c.sizeRw, 3)}</td>
                <td>{c.status}</td>
              </tr>
            )}
          />
        </table>
      </details>
      <details open>
        <summary>Local volumes ({usage.volumes.length})</summary>
        <table className="table" aria-label="Volumes space usage">
          <thead>
            <tr>
              <th>Volume name</th>
              <th>Links</th>
              <th>Size</th>
            </tr>
          </thead>
          <VirtualBodies
            items={[...usage.volumes].sort((a, b) => b.size - a.size)}
            columns={3}
            estimate={34}
            keyOf={(v) => v.name}
            render={(v) => (
              <tr key={v.name}>
                <td className="mono">{v.name}</td>
                <td>{v.links < 0 ? 'N/A' : v.links}</td>
                <td>{size(v.size)}</td>
              </tr>
            )}
          />
        </table>
      </details>
      <details open={usage.buildCache.length > 0}>
        <summary>Build cache ({usage.buildCache.length})</summary>
        {usage.buildCache.length === 0 ? (
          <p className="muted">No build cache (builds with the classic builder keep their layers as images instead).</p>
        ) : (
          <table className="table" aria-label="Build cache usage">
            <thead>
              <tr>
                <th>Cache ID</th>
                <th>Type</th>
                <th>Size</th>
                <th>Last used</th>
                <th>Usage</th>
                <th>Shared</th>
                <th>In use</th>
              </tr>
            </thead>
            <VirtualBodies
              items={usage.buildCache}
              columns={7}
              estimate={34}
              keyOf={(b) => b.id}
              render={(b) => (
                <tr key={b.id}>
                  <td className="mono" title={b.description}>{b.id.slice(0, 12)}</td>
                  <td>{b.type}</td>
                  <td>{size(b.size)}</td>
                  <td>{b.lastUsed ?? '-'}</td>
                  <td>{b.usageCount}</td>
                  <td>{b.shared ? 'yes' : 'no'}</td>
                  <td>{b.inUse ? 'yes' : 'no'}</td>
                </tr>
              )}
            />
          </table>
        )}
      </details>
    </div>
  );
}
