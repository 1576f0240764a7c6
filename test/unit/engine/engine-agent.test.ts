/** Engine connections: keep-alive agents that docker-modem's per-request inspect cannot make expensive. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createModem } from '../../../main/engine/docker-client';
import { ENGINE_IDLE_SOCKET_MS, EngineHttpAgent, EngineHttpsAgent } from '../../../main/engine/engine-agent';
import { resolveEndpoint } from '../../../main/engine/endpoint';

describe('engine agents', () => {
  it('print as one word, however many sockets they hold (docker-modem inspects the options of every request)', () => {
    const agent = new EngineHttpAgent({ keepAlive: true });
    // What docker-modem does in buildRequest, even with its debug log off.
    expect(inspect({ path: '/_ping', agent }, { showHidden: true, depth: null }).length).toBeLessThan(200);
    expect(inspect(new EngineHttpsAgent({ keepAlive: true }), { showHidden: true, depth: null })).toBe('EngineHttpsAgent');
    agent.destroy();
  });

  it('unix-socket and plain tcp engines get a keep-alive agent that keeps idle connections past the slowest sampling interval', () => {
    for (const url of ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2375']) {
      const modem = createModem(resolveEndpoint({ env: { DOCKER_HOST: url }, homedir: '/nonexistent', platform: 'linux', readFile: () => undefined, exists: () => false })) as unknown as { agent?: EngineHttpAgent & { keepAlive: boolean; options: { timeout?: number } } };
      expect(modem.agent).toBeInstanceOf(EngineHttpAgent);
      expect(modem.agent!.keepAlive).toBe(true);
      expect(modem.agent!.options.timeout).toBe(ENGINE_IDLE_SOCKET_MS);
      expect(ENGINE_IDLE_SOCKET_MS).toBeGreaterThan(2 * 5000);
      modem.agent!.destroy();
    }
  });
});
