/**
 * Lessons 18-19 write `PRACTICE_REGISTRY` where the practice registry's address goes; once it runs,
 * the lesson (its commands and hints) shows the real `localhost:PORT`, so commands copy and open as they are.
 */
import { useEffect } from 'react';
import { call } from '../../api/client';
import { usePracticeRegistryStore } from '../practice-registry/practice-registry-store';

export const PRACTICE_TOKEN = 'PRACTICE_REGISTRY';

/** The running practice registry's host, asked for once when a lesson mentions it. */
export function usePracticeHost(wanted: boolean): string | null {
  const status = usePracticeRegistryStore((s) => s.status);
  useEffect(() => {
    if (!wanted) return;
    void call('practice:status', {}).then((r) => r.ok && usePracticeRegistryStore.getState().set(r.value));
  }, [wanted]);
  return status?.running && status.host ? status.host : null;
}

export function withPracticeHost(text: string, host: string | null): string {
  return host ? text.split(PRACTICE_TOKEN).join(host) : text;
}
