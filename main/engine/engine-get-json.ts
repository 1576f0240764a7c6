/**
 * One GET answered with JSON, sent through a client's own connection settings (its keep-alive
 * agent, socket or host, whatever the transport: unix, tcp, tls, ssh) without docker-modem's
 * generic `dial`. Only for hot paths: the Stats overview's one-shot samples are 10 to 50 requests
 * every tick, and the dial's per-request work (its debug log formatting, abort plumbing on both
 * the request and the response, the payload builder) was about a quarter of main's CPU per sample
 * (issue 16; `npx tsx bench/stats-request.ts`, 10 containers at 2 s, medians of 3: 2.53 ms per
 * sample through dockerode, 1.92 ms here).
 *
 * The path goes through the same guard as every dockerode call (isPlainEnginePath), and a failure
 * looks like docker-modem's (statusCode, json, "(HTTP code N) ... - <engine text>"), so
 * engineMessage and toApiError read both the same way.
 */
import http from 'node:http';
import https from 'node:https';
import type Docker from 'dockerode';
import { isPlainEnginePath } from './docker-client';

/** The fields of docker-modem's instance that say where a request goes. */
interface ModemTarget {
  socketPath?: string;
  host?: string;
  port?: number | string;
  protocol?: string;
  version?: string;
  agent?: http.Agent;
}

/**
 * What a status means when the body says nothing (Podman answers some errors with an empty body),
 * as dockerode's per-call status maps word it; engineMessage falls back to these words.
 */
export type StatusReasons = Record<number, string>;
const DEFAULT_REASONS: StatusReasons = { 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error' };

export function engineGetJson<T>(docker: Docker, pathAndQuery: string, signal?: AbortSignal, reasons: StatusReasons = {}): Promise<T> {
  const modem = docker.modem as ModemTarget;
  if (!isPlainEnginePath(pathAndQuery)) {
    return Promise.reject(Object.assign(new Error(`Refused to send a malformed path to the engine: ${pathAndQuery}`), { statusCode: 400 }));
  }
  const path = modem.version ? `/${modem.version}${pathAndQuery}` : pathAndQuery;
  const send = modem.protocol === 'https' ? https.request : http.request;
  return new Promise<T>((resolve, reject) => {
    const req = send({
      method: 'GET',
      path,
      agent: modem.agent,
      signal,
      ...(modem.socketPath ? { socketPath: modem.socketPath } : { host: modem.host, port: modem.port }),
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        let json: unknown = null;
        try {
          json = body ? JSON.parse(body) : null;
        } catch {
          // Not JSON: kept as text in the error below.
        }
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(json as T);
        const cause = (json as { message?: string } | null)?.message ?? body;
        const reason = reasons[status] ?? DEFAULT_REASONS[status] ?? 'unexpected';
        reject(Object.assign(new Error(`(HTTP code ${status}) ${reason} - ${cause} `), { statusCode: status, json, reason }));
      });
    });
    req.end();
  });
}
