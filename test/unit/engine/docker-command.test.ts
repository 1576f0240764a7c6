import { describe, expect, it } from 'vitest';
import { dockerCommand, shellQuote } from '../../../main/engine/docker-command';

describe('dockerCommand', () => {
  it('leaves plain words alone and drops absent flags', () => {
    expect(dockerCommand('stop', '--time=2', 'web')).toBe('docker stop --time=2 web');
    expect(dockerCommand('rm', false, null, undefined, 'web')).toBe('docker rm web');
    expect(dockerCommand('run', '-p', '127.0.0.1:8080:80/tcp', '-e', 'A=b')).toBe('docker run -p 127.0.0.1:8080:80/tcp -e A=b');
  });
  it('quotes what a shell would split or expand', () => {
    expect(shellQuote('hello world')).toBe("'hello world'");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('')).toBe("''");
    expect(dockerCommand('exec', 'web', 'sh', '-c', 'echo hi > /tmp/x')).toBe("docker exec web sh -c 'echo hi > /tmp/x'");
  });
});
