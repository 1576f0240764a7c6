import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../main/engine/errors';

describe('toApiError keeps the engine words', () => {
  it('uses the JSON message of an engine error', () => {
    const err = Object.assign(new Error('(HTTP code 500) server error - driver failed ... port is already allocated'), {
      statusCode: 500,
      json: { message: 'driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated' },
    });
    expect(toApiError(err)).toEqual({
      code: 'engine',
      statusCode: 500,
      message: 'driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated',
    });
  });
  it('strips dockerode prefixes when there is no JSON body', () => {
    const err = Object.assign(new Error('(HTTP code 409) unexpected - Conflict. The container name "/web" is already in use '), { statusCode: 409 });
    expect(toApiError(err)).toMatchObject({ code: 'conflict', message: 'Conflict. The container name "/web" is already in use' });
  });
  it('marks connection failures as not-connected', () => {
    expect(toApiError(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' })).code).toBe('not-connected');
  });
  it('maps 404 to not-found', () => {
    expect(toApiError({ statusCode: 404, json: { message: 'No such container: x' } })).toMatchObject({ code: 'not-found', message: 'No such container: x' });
  });
  it("treats Podman's 500 'container state improper' as a conflict, keeping its words and status", () => {
    const json = { cause: 'container state improper', message: 'cannot remove container 51f5 as it is running - running or paused containers cannot be removed without force: container state improper', response: 500 };
    expect(toApiError(Object.assign(new Error('(HTTP code 500) server error - x'), { statusCode: 500, json }))).toEqual({ code: 'conflict', statusCode: 500, message: json.message });
  });
  it('falls back to the status meaning when the engine sends an empty body (Podman)', () => {
    // docker-modem's error for Podman's bare 404 on /containers/nope/stats.
    const err = Object.assign(new Error('(HTTP code 404) no such container -  '), { statusCode: 404, reason: 'no such container', json: null });
    expect(toApiError(err)).toEqual({ code: 'not-found', statusCode: 404, message: 'no such container' });
    expect(toApiError(Object.assign(new Error('(HTTP code 404) no such container - '), { statusCode: 404, json: { message: '' } })).message).toBe('no such container');
  });
});
