/**
 * Memory and CPU limits of a container, changed live with `docker update`. Shows "unlimited" when
 * there is none, and says plainly when the engine OOM-killed the container.
 */
import { useEffect, useState } from 'react';
import type { ApiError, ContainerLimits, ContainerSummary, EngineEvent } from '../../../../main/contract';
import { formatMemoryFlag, parseMemorySize } from '../../../../main/debug/memory-size';
import { call } from '../../api/client';
import { useSubscription } from '../../api/use-subscription';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { formatBytes } from '../../components/format';
import { useCommandStore } from '../../stores/command-store';

const MIN_MEMORY = 6 * 1024 * 1024;

/** The command the form would run, built from what is typed (validation messages name the field). */
function plan(name: string, memory: string, swap: string, cpus: string): { command: string | null; error: string | null } {
  const flags: string[] = [];
  if (memory.trim()) {
    const m = parseMemorySize(memory);
    if (m === null) return { command: null, error: `Memory: "${memory}" is not a size like 64m or 1g` };
    if (m < MIN_MEMORY) return { command: null, error: 'Memory: the engine needs at least 6m' };
    flags.push(`--memory ${formatMemoryFlag(m)}`);
    if (swap.trim() === '-1') flags.push('--memory-swap -1');
    else if (swap.trim()) {
      const s = parseMemorySize(swap);
      if (s === null) return { command: null, error: `Memory + swap: "${swap}" is not a size like 128m (or -1)` };
      if (s < m) return { command: null, error: 'Memory + swap: must be at least the memory limit (or -1 for unlimited swap)' };
      flags.push(`--memory-swap ${formatMemoryFlag(s)}`);
    } else flags.push(`--memory-swap ${formatMemoryFlag(m * 2)}`);
  } else if (swap.trim()) return { command: null, error: 'Memory + swap: give a memory limit with it' };
  if (cpus.trim()) {
    const n = Number(cpus);
    if (!Number.isFinite(n) || n < 0.01) return { command: null, error: `CPUs: "${cpus}" must be a number like 0.5 (at least 0.01)` };
    flags.push(`--cpus ${n}`);
  }
  if (!flags.length) return { command: null, error: null };
  return { command: `docker update ${flags.join(' ')} ${name}`, error: null };
}

export function LimitsTab({ container }: { container: ContainerSummary }) {
  const [limits, setLimits] = useState<ContainerLimits | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [memory, setMemory] = useState('');
  const [swap, setSwap] = useState('');
  const [cpus, setCpus] = useState('');
  const [busy, setBusy] = useState(false);
  const [oomEvent, setOomEvent] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void call('limits:get', { id: container.id }).then((r) => {
      if (!live) return;
      if (r.ok) setLimits(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [container.id, container.state, container.status, reload]);

  // The engine's own "oom" event for this container, while the tab is open. It comes before the
  // engine has recorded the exit, so the limits (OOMKilled, exit code) are read again on "die".
  useSubscription('engine:events', { types: ['container'] }, (e: EngineEvent) => {
    if (e.id !== container.id) return;
    if (e.action === 'oom') setOomEvent(true);
    if (e.action === 'oom' || e.action === 'die') setReload((n) => n + 1);
  });

  const p = plan(container.name, memory, swap, cpus);

  const apply = async () => {
    if (!p.command) return;
    setBusy(true);
    setError(null);
    const r = await call('limits:update', {
      id: container.id,
      ...(memory.trim() ? { memory: memory.trim() } : {}),
      ...(memory.trim() && swap.trim() ? { memorySwap: swap.trim() } : {}),
      ...(cpus.trim() ? { cpus: Number(cpus) } : {}),
    });
    setBusy(false);
    if (r.ok) {
      setLimits(r.value);
      useCommandStore.getState().show(`Changed the limits of ${container.name}`, r.value.command);
      setMemory('');
      setSwap('');
      setCpus('');
    } else setError(r.error);
  };

  return (
    <div className="debug-limits" data-testid="limits-tab">
      {(limits?.oomKilled || oomEvent) && (
        <p className="error-text" role="alert" data-testid="oom-killed">
          OOM-killed: the engine killed this container because it used more than its memory limit
          {limits?.oomKilled ? ` (exit code ${limits.exitCode})` : ''}.
        </p>
      )}
      {limits ? (
        <dl className="limits-list">
          <dt>Memory</dt>
          <dd data-testid="limit-memory">{limits.memory ? `${formatBytes(limits.memory)} (${limits.memory} bytes)` : 'unlimited'}</dd>
          <dt>Memory + swap</dt>
          <dd>{limits.memorySwap === -1 ? 'unlimited swap' : limits.memorySwap ? formatBytes(limits.memorySwap) : 'default (as much swap as memory)'}</dd>
          <dt>CPUs</dt>
          <dd data-testid="limit-cpus">{limits.nanoCpus ? `${limits.nanoCpus / 1e9} CPUs` : 'unlimited'}</dd>
        </dl>
      ) : (
        <p className="muted">Loading limits…</p>
      )}
      <form
        className="limits-form"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <label>
          Memory limit <input value={memory} onChange={(e) => setMemory(e.target.value)} placeholder="e.g. 64m" size={8} />
        </label>
        <label>
          Memory + swap <input value={swap} onChange={(e) => setSwap(e.target.value)} placeholder="default 2× memory" size={14} />
        </label>
        <label>
          CPUs <input value={cpus} onChange={(e) => setCpus(e.target.value)} placeholder="e.g. 0.5" size={6} inputMode="decimal" />
        </label>
        <button type="submit" disabled={!p.command || busy || !limits?.running}>
          {busy ? 'Applying…' : 'Apply limits'}
        </button>
      </form>
      <p className="muted">
        Docker counts swap as part of "memory + swap", which must be at least the memory limit; left empty it is set to twice the memory (as much swap as
        memory, what <code>docker run --memory</code> gives), or -1 for unlimited swap. 1 CPU = one full core.
        {limits && !limits.running ? ' Start the container to change its limits.' : ''}
      </p>
      <ErrorText error={p.error ?? error} />
      {p.command && <CommandLine command={p.command} />}
    </div>
  );
}
