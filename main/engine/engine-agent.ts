/** HTTP agents for engine connections (every transport: unix socket, tcp, tls, ssh). */
import http from 'node:http';
import https from 'node:https';
import { inspect } from 'node:util';

/**
 * docker-modem formats every request's options with `util.inspect(options, { showHidden: true,
 * depth: null })` for its debug log, even when the log is off (lib/modem.js, buildRequest). An
 * http.Agent among them (its sockets, their parsers and buffers) made each engine call cost about
 * 28 ms of CPU in main, against 0.9 ms when the agent prints as one word (measured: 200 one-shot
 * stats calls each way). So every agent handed to the modem is one of these.
 */
export class EngineHttpAgent extends http.Agent {
  [inspect.custom](): string {
    return 'EngineHttpAgent';
  }
}
export class EngineHttpsAgent extends https.Agent {
  [inspect.custom](): string {
    return 'EngineHttpsAgent';
  }
}

/**
 * Idle keep-alive connections to the engine are kept this long. Node's global agent (what the
 * modem used without one) closes them after 5 s idle, the Stats overview's slowest interval, so
 * at 5 s a sample's connection could be closed just before (or as) the next one wanted it; the
 * engine itself never closes idle ones.
 * Streams and hijacked connections (exec, attach) are not idle: this does not apply to them.
 */
export const ENGINE_IDLE_SOCKET_MS = 15_000;
