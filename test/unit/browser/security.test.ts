import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../main/browser/serve';
import { contentSecurityPolicy, hostAllowed, originAllowed, readCookie, tokensEqual } from '../../../main/browser/security';

describe('browser-mode request checks', () => {
  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'ab')).toBe(false);
    expect(tokensEqual('abc', undefined)).toBe(false);
    expect(tokensEqual('abc', '')).toBe(false);
  });
  it('accepts only our loopback Host and Origin', () => {
    expect(hostAllowed('127.0.0.1:5000', 5000)).toBe(true);
    expect(hostAllowed('localhost:5000', 5000)).toBe(true);
    expect(hostAllowed('evil.com:5000', 5000)).toBe(false);
    expect(hostAllowed('127.0.0.1:5001', 5000)).toBe(false);
    expect(originAllowed('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(originAllowed('http://evil.com', 5000)).toBe(false);
    expect(originAllowed(undefined, 5000)).toBe(false);
    expect(originAllowed('null', 5000)).toBe(false);
  });
  it('reads cookies', () => {
    expect(readCookie('a=1; dockside_token=x%2By; b=2', 'dockside_token')).toBe('x+y');
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
  it('has a CSP without inline or eval scripts', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });
});

describe('npm run serve arguments', () => {
  it('parses --port and --port=N', () => {
    expect(parseServeArgs(['--port', '8123']).port).toBe(8123);
    expect(parseServeArgs(['--port=0']).port).toBe(0);
    expect(parseServeArgs([]).port).toBe(0);
  });
  it('names the bad value', () => {
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow('--port "abc" is not a port number (0-65535).');
    expect(() => parseServeArgs(['--port', '70000'])).toThrow('--port "70000"');
    expect(() => parseServeArgs(['--port'])).toThrow('--port needs a value.');
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow('Unknown option "--host"');
  });
});
