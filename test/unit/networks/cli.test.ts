import { describe, expect, it } from 'vitest';
import { networkCommand, quoteWord } from '../../../main/networks/cli';

describe('networkCommand', () => {
  it('leaves plain words alone and quotes what the shell would split or expand', () => {
    expect(networkCommand('run', '-p', '8080:80', 'caddy:latest', '--label', 'a=b', false, null)).toBe('docker run -p 8080:80 caddy:latest --label a=b');
    expect(quoteWord('two words')).toBe(`'two words'`);
    expect(quoteWord(`it's`)).toBe(`'it'\\''s'`);
    expect(quoteWord('$HOME')).toBe(`'$HOME'`);
    expect(quoteWord('')).toBe(`''`);
  });
});
