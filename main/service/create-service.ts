/**
 * Assembles the engine service: every contract entry bound to its handler, behind one
 * dispatcher. Both transports (Electron IPC, browser mode) and the tests use this.
 */
import os from 'node:os';
import { callSchemas, subscriptionSchemas, type CallArgs, type CallName, type CallResult, type Result } from '../contract';
import path from 'node:path';
import { EngineManager, type EngineManagerOptions } from '../engine/engine-manager';
import { Dispatcher } from './dispatcher';
import { clusterCalls, clusterSubscriptions } from './handlers/cluster';
import { containerCalls, containerSubscriptions } from './handlers/containers';
import { debugCalls, debugSubscriptions } from './handlers/debug';
import { engineCalls, engineSubscriptions } from './handlers/engine';
import { lessonsCalls, lessonsSubscriptions } from './handlers/lessons';
import { liveStateSubscriptions, REOPEN_ON_RECONNECT } from './handlers/livestate';
import { statsSampleSubscriptions } from './handlers/stats-sample';
import { networksCalls, networksSubscriptions } from './handlers/networks';
import { practiceCalls } from './handlers/practice';
import { bulkCalls } from './handlers/bulk';
import { publishCalls, publishSubscriptions } from './handlers/publish';
import { sshCalls } from './handlers/ssh';
import { dialogCalls } from './handlers/dialogs';
import { stacksCalls, stacksSubscriptions } from './handlers/stacks';
import { workflowsCalls, workflowsSubscriptions } from './handlers/workflows';
import { diskCalls } from './handlers/disk';
import { filesCalls } from './handlers/files';
import { settingsCalls, settingsSubscriptions } from './handlers/settings';
import { readSettings } from '../settings/settings-store';
import { processEndpointEnv } from '../engine/engine-manager';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from './types';

export interface Service {
  engine: EngineManager;
  dispatcher: Dispatcher;
  context: ServiceContext;
  /** A typed `dispatcher.invoke` (validation included), for tests and in-process callers. */
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<Result<CallResult<N>>>;
  /** Closes every subscription and the engine connection. */
  close(): void;
}

export interface ServiceOptions extends EngineManagerOptions {
  dataDir?: string;
  /** See ServiceContext: the desktop app's save dialog. */
  chooseSavePath?: ServiceContext['chooseSavePath'];
  /** See ServiceContext: the desktop app's folder dialog. */
  chooseFolder?: ServiceContext['chooseFolder'];
  /** See ServiceContext: browser mode's downloads. */
  offerDownload?: ServiceContext['offerDownload'];
}

export function defaultDataDir(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'dockside');
}

export async function createService(opts: ServiceOptions = {}): Promise<Service> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const engine = new EngineManager(withDefaultEngine(opts, dataDir));
  const context: ServiceContext = {
    engine,
    dataDir,
    ...(opts.chooseSavePath ? { chooseSavePath: opts.chooseSavePath } : {}),
    ...(opts.chooseFolder ? { chooseFolder: opts.chooseFolder } : {}),
    ...(opts.offerDownload ? { offerDownload: opts.offerDownload } : {}),
  };
  // Each feature registers its own section; the compiler checks that every contract entry has
  // a handler (the Partial<> of each section is re-checked as a whole here).
  const calls = {
    ...engineCalls(context),
    ...containerCalls(context),
    ...workflowsCalls(context),
    ...debugCalls(context),
    ...networksCalls(context),
    ...lessonsCalls(context),
    ...publishCalls(context),
    ...practiceCalls(context),
    ...clusterCalls(context),
    ...stacksCalls(context),
    ...bulkCalls(context),
    ...diskCalls(context),
    ...filesCalls(context),
    ...settingsCalls(context),
    ...sshCalls(context),
    ...dialogCalls(context),
  } as CallHandlers;
  const subscriptions = {
    ...engineSubscriptions(context),
    ...containerSubscriptions(context),
    ...workflowsSubscriptions(context),
    ...debugSubscriptions(context),
    ...networksSubscriptions(context),
    ...lessonsSubscriptions(context),
    ...publishSubscriptions(context),
    ...clusterSubscriptions(context),
    ...stacksSubscriptions(context),
    ...settingsSubscriptions(context),
    ...liveStateSubscriptions(context),
    ...statsSampleSubscriptions(context),
  } as SubscriptionHandlers;
  assertComplete(calls, callSchemas, 'call');
  assertComplete(subscriptions, subscriptionSchemas, 'subscription');
  const dispatcher = new Dispatcher(calls, subscriptions, {
    onConnectionLost: (message) => engine.reportConnectionLost(message),
    reopen: { names: REOPEN_ON_RECONNECT, onConnection: (cb) => connectionChanges(engine, cb) },
  });
  await engine.start();
  return {
    engine,
    dispatcher,
    context,
    call: (name, args) => dispatcher.invoke(name, args) as never,
    close() {
      dispatcher.disposeAll();
      engine.stop();
    },
  };
}

/**
 * Tells `cb` about each new engine connection (a reconnect, or a switch to another engine: both
 * make a new client) and each loss. Subscriptions opened on the old client re-open on the new.
 */
function connectionChanges(engine: EngineManager, cb: (connected: boolean) => void): () => void {
  const clientNow = () => (engine.getStatus().state === 'connected' ? engine.client() : null);
  let last = clientNow();
  return engine.onStatus((s) => {
    const now = s.state === 'connected' ? clientNow() : null;
    if (now === last) return;
    const lost = last !== null;
    last = now;
    if (lost && now !== null) cb(false); // switched engines: close the old streams first
    cb(now !== null);
  });
}

/**
 * The Settings page's default engine applies at start-up when nothing more explicit is set:
 * DOCKER_HOST (like for the docker CLI) and a caller's own endpoint environment win.
 */
function withDefaultEngine(opts: ServiceOptions, dataDir: string): EngineManagerOptions {
  if (opts.endpointEnv || process.env.DOCKER_HOST) return opts;
  const { defaultEngine } = readSettings(dataDir);
  if (!defaultEngine) return opts;
  const base = processEndpointEnv();
  return { ...opts, endpointEnv: { ...base, env: { ...base.env, DOCKER_HOST: defaultEngine } } };
}

/** Fails at start-up (and so in every test) when a contract entry has no handler. */
function assertComplete(handlers: object, schemas: object, what: string): void {
  const missing = Object.keys(schemas).filter((k) => !Object.hasOwn(handlers, k));
  if (missing.length) throw new Error(`No handler for ${what}(s): ${missing.join(', ')}`);
}
