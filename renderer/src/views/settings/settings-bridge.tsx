import { useSubscription } from '../../api/use-subscription';
import { applyTheme, useSettingsStore } from './settings-store';

/** Follows the settings (from any window or tab) and applies the theme. Rendered once by the shell. */
export function SettingsBridge() {
  useSubscription('settings:watch', {}, (s) => {
    useSettingsStore.getState().set(s);
    applyTheme(s.theme);
  });
  return null;
}
