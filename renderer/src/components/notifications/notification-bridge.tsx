/** Turns failed actions (any call that changes something) into failure notifications, in the engine's words. */
import { useEffect } from 'react';
import type { CallName } from '../../../../main/contract';
import { onCallFailure } from '../../api/client';
import { useSettingsStore } from '../../views/settings/settings-store';
import { attemptedCommand } from './attempted-command';
import { useNotificationStore } from './notification-store';

/** Calls that only read: their failures show where the data would be, not as a notification. */
const READS = /:(list|get|status|inspect|logins|tags|history|info|probe|check-context|read-dockerfile|limits|top|discover|search|stats)$|^(top|limits):(list|get)$/;

const VERB: Record<string, string> = { rm: 'Remove', remove: 'Remove' };

function describe(name: CallName): string {
  const [what, verb] = name.split(':') as [string, string];
  const v = VERB[verb] ?? verb.charAt(0).toUpperCase() + verb.slice(1).replace(/-/g, ' ');
  return `${v} (${what}) failed`;
}

export function NotificationBridge() {
  // The Settings page's "Show notifications" (kept in main's settings.json) turns the toasts on and off.
  useEffect(() => {
    const follow = (notifications: boolean | undefined) => {
      if (notifications !== undefined && useNotificationStore.getState().enabled !== notifications) useNotificationStore.getState().setEnabled(notifications);
    };
    follow(useSettingsStore.getState().settings?.notifications);
    return useSettingsStore.subscribe((s) => follow(s.settings?.notifications));
  }, []);
  useEffect(
    () =>
      onCallFailure((name, error, args) => {
        if (READS.test(name)) return;
        const command = attemptedCommand(name, args);
        useNotificationStore.getState().notify({ kind: 'failure', title: describe(name), detail: error.message, ...(command ? { command } : {}) });
      }),
    [],
  );
  return null;
}
