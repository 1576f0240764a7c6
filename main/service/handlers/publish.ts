/** Handlers of the "publish" section of the contract (see main/contract.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { dockerCommand } from '../../engine/docker-command';
import { FieldError } from '../../engine/errors';
import { configKey, eraseRegistryAuth, listRegistryLogins, registryOf, storeRegistryAuth } from '../../engine/registry-auth';
import { runBuild } from '../../publish/build';
import { scanContext } from '../../publish/build-context';
import { listRegistryTags, RegistryError } from '../../publish/registry-api';
import { probeHttp, runReplace, startVersion } from '../../publish/replace';
import { addTag, imageHistory, removeTag, tagRelease } from '../../publish/tags';
import { runPull, runPush } from '../../publish/transfer';
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

type Calls = Pick<
  CallHandlers,
  | 'build:check-context'
  | 'build:write-dockerfile'
  | 'build:read-dockerfile'
  | 'build:history'
  | 'tags:add'
  | 'tags:remove'
  | 'tags:release'
  | 'registry:login'
  | 'registry:logout'
  | 'registry:logins'
  | 'registry:tags'
  | 'pipeline:probe'
  | 'pipeline:start'
>;

/** Registry errors are shown as the registry said them, with its HTTP status kept. */
function registryFailure(err: unknown): never {
  if (err instanceof RegistryError) {
    throw { code: err.statusCode === 404 ? 'not-found' : err.statusCode === 401 ? 'forbidden' : 'engine', message: err.message, ...(err.statusCode ? { statusCode: err.statusCode } : {}) };
  }
  throw err;
}

export function publishCalls({ engine, dataDir }: ServiceContext): Calls {
  const buildDir = (name: string) => path.join(dataDir, 'builds', name);
  return {
    'build:check-context': async ({ contextPath, dockerfile }) => {
      const { entries: _e, ...report } = scanContext(contextPath, dockerfile);
      return report;
    },
    'build:write-dockerfile': async ({ name, content }) => {
      const dir = buildDir(name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'Dockerfile'), content.endsWith('\n') ? content : `${content}\n`);
      return { contextPath: dir, dockerfile: 'Dockerfile' };
    },
    'build:read-dockerfile': async ({ name }) => {
      const file = path.join(buildDir(name), 'Dockerfile');
      return { contextPath: buildDir(name), content: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '' };
    },
    'build:history': async ({ image }) => imageHistory(engine.client(), image),
    'tags:add': async ({ image, tag }) => addTag(engine.client(), image, tag),
    'tags:remove': async ({ tag }) => removeTag(engine.client(), tag),
    'tags:release': async ({ image, repository, version, alsoLatest }) => tagRelease(engine.client(), image, repository, version, alsoLatest),
    'registry:login': async ({ registry, username, password }) => {
      const serveraddress = configKey(registry);
      let status = 'Login Succeeded';
      try {
        const r = (await engine.client().checkAuth({ username, password, serveraddress })) as { Status?: string };
        status = r.Status ?? status;
      } catch (err) {
        const e = err as { statusCode?: number; json?: { message?: string }; message?: string };
        // Keep the registry's own words ("... unauthorized: authentication required"), never the password.
        throw { code: e.statusCode === 401 ? 'forbidden' : 'engine', message: e.json?.message ?? e.message ?? 'login failed', ...(e.statusCode ? { statusCode: e.statusCode } : {}) };
      }
      const storedIn = await storeRegistryAuth(registry, username, password);
      return {
        registry,
        username,
        storedIn,
        message: status,
        command: `${dockerCommand('login', registry, '--username', username, '--password-stdin')}`,
      };
    },
    'registry:logout': async ({ registry }) => {
      const had = await eraseRegistryAuth(registry);
      if (!had) throw new FieldError('registry', `Not logged in to ${registry}.`);
      return { command: dockerCommand('logout', registry) };
    },
    'registry:logins': async () => listRegistryLogins(),
    'registry:tags': async ({ repository }) => {
      // Plain HTTP only where the engine itself allows it (`--insecure-registry`); else HTTPS.
      const info = (await engine.client().info().catch(() => ({}))) as { RegistryConfig?: { IndexConfigs?: Record<string, { Secure?: boolean }> } };
      const insecure = info.RegistryConfig?.IndexConfigs?.[registryOf(repository)]?.Secure === false;
      return listRegistryTags(repository, undefined, insecure).catch(registryFailure);
    },
    'pipeline:probe': async ({ port }) => probeHttp(port),
    'pipeline:start': async (args) => startVersion(engine.client(), args),
  };
}

export function publishSubscriptions({ engine }: ServiceContext): Pick<SubscriptionHandlers, 'build:run' | 'registry:push' | 'registry:pull' | 'pipeline:replace'> {
  return {
    'build:run': (args, sink) => runBuild(engine.client(), args, (e) => sink.emit(e)),
    'registry:push': (args, sink) => runPush(engine.client(), args, (e) => sink.emit(e)),
    'registry:pull': ({ reference }, sink) => runPull(engine.client(), reference, (e) => sink.emit(e)),
    'pipeline:replace': (args, sink) => runReplace(engine.client(), args, (e) => sink.emit(e)),
  };
}

