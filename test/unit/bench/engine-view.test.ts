/**
 * The bench's engine view adds its label filter to container lists and event streams, keeping
 * the filters the client asked for in the form it used, and leaves every other request alone.
 */
import { describe, expect, it } from 'vitest';
import { withLabelFilter } from '../../../bench/engine-view';

const LABEL = 'dockside.bench=bench-x';
const filtersOf = (line: string) => JSON.parse(new URL(line.split(' ')[1]!, 'http://e').searchParams.get('filters') ?? 'null') as unknown;

describe('withLabelFilter', () => {
  it('adds the label to a container list without filters', () => {
    const line = withLabelFilter('GET /v1.41/containers/json?all=1 HTTP/1.1', LABEL);
    expect(line).toMatch(/^GET \/v1\.41\/containers\/json\?all=1&filters=\S+ HTTP\/1\.1$/);
    expect(filtersOf(line)).toEqual({ label: [LABEL] });
  });

  it("keeps the docker CLI's map form and its other filters on the event stream", () => {
    const asked = encodeURIComponent(JSON.stringify({ type: { container: true } }));
    const line = withLabelFilter(`GET /v1.41/events?filters=${asked} HTTP/1.1`, LABEL);
    expect(filtersOf(line)).toEqual({ type: { container: true }, label: { [LABEL]: true } });
  });

  it('adds to the labels already asked for in the list form', () => {
    const asked = encodeURIComponent(JSON.stringify({ status: ['running'], label: ['a=b'] }));
    const line = withLabelFilter(`GET /containers/json?filters=${asked} HTTP/1.1`, LABEL);
    expect(filtersOf(line)).toEqual({ status: ['running'], label: ['a=b', LABEL] });
  });

  it('leaves other requests as they are', () => {
    for (const l of ['GET /v1.41/containers/abc/json HTTP/1.1', 'GET /v1.41/containers/abc/stats?stream=0 HTTP/1.1', 'POST /v1.41/containers/json HTTP/1.1', 'GET /v1.41/images/json HTTP/1.1']) {
      expect(withLabelFilter(l, LABEL)).toBe(l);
    }
  });
});
