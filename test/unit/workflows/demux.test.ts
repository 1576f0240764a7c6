import { describe, expect, it } from 'vitest';
import { Demuxer } from '../../../main/workflows/demux';
import { fieldOfEngineError } from '../../../main/workflows/run';
import { emptyRunSpec } from '../../../main/workflows/run-spec';
import { frame } from './engine-frame';


describe('Demuxer', () => {
  it('tells stdout and stderr apart and merges neighbours', () => {
    const d = new Demuxer();
    d.push(Buffer.concat([frame(1, 'a'), frame(1, 'b'), frame(2, 'err'), frame(1, 'c')]));
    expect(d.chunks).toEqual([
      { stream: 'stdout', text: 'ab' },
      { stream: 'stderr', text: 'err' },
      { stream: 'stdout', text: 'c' },
    ]);
  });
  it('handles frames and UTF-8 characters split across chunks', () => {
    const all = Buffer.concat([frame(1, 'héllo'), frame(2, 'wörld')]);
    const d = new Demuxer();
    for (let i = 0; i < all.length; i += 3) d.push(all.subarray(i, i + 3));
    expect(d.chunks).toEqual([
      { stream: 'stdout', text: 'héllo' },
      { stream: 'stderr', text: 'wörld' },
    ]);
  });
  it('is bounded', () => {
    const d = new Demuxer(10);
    d.push(frame(1, 'x'.repeat(25)));
    d.push(frame(1, 'more'));
    expect(d.truncated).toBe(true);
    expect(d.chunks[0]!.text).toBe('x'.repeat(10));
  });
});

describe('fieldOfEngineError', () => {
  const spec = { ...emptyRunSpec(), ports: [{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' as const }, { hostIp: '', hostPort: '9090', containerPort: '81', protocol: 'tcp' as const }] };
  it('puts the engine message next to the field it concerns', () => {
    expect(fieldOfEngineError('driver failed programming external connectivity on endpoint x (abc): Bind for 0.0.0.0:9090 failed: port is already allocated', spec)).toBe('ports.1.hostPort');
    expect(fieldOfEngineError('Conflict. The container name "/web" is already in use by container "abc". You have to remove (or rename) that container to be able to reuse that name.', spec)).toBe('name');
    expect(fieldOfEngineError('No such image: nginx:latest', spec)).toBe('image');
    expect(fieldOfEngineError('network mynet not found', spec)).toBe('network');
    expect(fieldOfEngineError('something else entirely', spec)).toBeUndefined();
  });
});
