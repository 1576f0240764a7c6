/** Handlers of the settings page: the per-user settings file, and About. */
import { aboutInfo } from '../../settings/about';
import { SettingsStore } from '../../settings/settings-store';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<CallHandlers, 'settings:get' | 'settings:update' | 'settings:about'>;

// One store per service, shared by the calls and the subscription (and other features).
const stores = new WeakMap<ServiceContext, SettingsStore>();

export function settingsStoreFor(ctx: ServiceContext): SettingsStore {
  let s = stores.get(ctx);
  if (!s) {
    s = new SettingsStore(ctx.dataDir);
    stores.set(ctx, s);
  }
  return s;
}

export function settingsCalls(ctx: ServiceContext): Calls {
  return {
    'settings:get': async () => settingsStoreFor(ctx).get(),
    'settings:update': async (patch) =>
      settingsStoreFor(ctx).update({
        ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
        ...(patch.defaultEngine !== undefined ? { defaultEngine: patch.defaultEngine } : {}),
        ...(patch.notifications !== undefined ? { notifications: patch.notifications } : {}),
        ...(patch.statsIntervalMs !== undefined ? { statsIntervalMs: patch.statsIntervalMs } : {}),
      }),
    'settings:about': async () => aboutInfo(ctx.dataDir, ctx.engine.getStatus()),
  };
}

export function settingsSubscriptions(ctx: ServiceContext): Pick<SubscriptionHandlers, 'settings:watch'> {
  return {
    'settings:watch': (_args, sink) => {
      const store = settingsStoreFor(ctx);
      sink.emit(store.get());
      return store.onChange((s) => sink.emit(s));
    },
  };
}
