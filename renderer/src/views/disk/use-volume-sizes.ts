import { useEffect, useState } from 'react';
import { call } from '../../api/client';

/**
 * Volume sizes from /system/df, which can take seconds: read after the list is on screen, and
 * again only when the set of volume names changes (not on every list event).
 */
export function useVolumeSizes(names: string[] | null): Map<string, number> | null {
  const [sizes, setSizes] = useState<Map<string, number> | null>(null);
  const key = names ? [...names].sort().join('\n') : null;
  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    void call('disk:usage', {}).then((r) => {
      if (!cancelled && r.ok) setSizes(new Map(r.value.volumes.map((v) => [v.name, v.size])));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return sizes;
}
