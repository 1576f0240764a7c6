import { useEffect, useState } from 'react';

/**
 * Whether the page is visible (document.visibilityState): a minimised window or a background
 * tab is not, and views close their engine streams while it is hidden (issue 16).
 */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const on = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, []);
  return visible;
}
