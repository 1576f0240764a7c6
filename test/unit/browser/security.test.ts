import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../main/browser/serve';
import { contentSecurityPolicy, hostAllowed, originAllowed, requestPath, secretFromProtocols, tokensEqual } from '../../../main/browser/security';
import { BrowserSessions } from '../../../main/browser/sessions';
import { DownloadTickets, safeFileName } from '../../../main/browser/downloads';

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
  it('reads request targets without ever throwing', () => {
    expect(requestPath('/assets/a.js?x=1')).toBe('/assets/a.js');
    expect(requestPath('/a%20b')).toBe('/a b');
    for (const bad of ['http://a:99999/', 'http://[', '*', 'a', '//evil/x', '/%E0', '/%', '/../x', '/a/%2e%2e/b', '/a%00', '/a%5cb', undefined]) {
      expect(requestPath(bad), String(bad)).toBeNull();
    }
  });
  it('finds the secret among the offered sub-protocols', () => {
    expect(secretFromProtocols('dockside, dockside.secret.abc')).toBe('abc');
    expect(secretFromProtocols('dockside')).toBeUndefined();
    expect(secretFromProtocols(undefined)).toBeUndefined();
  });
  it('trades each one-time code once, and only a minted one', () => {
    const s = new BrowserSessions();
    const code = s.mintCode();
    expect(s.exchange('nope')).toBeUndefined();
    const secret = s.exchange(code)!;
    expect(s.isSession(secret)).toBe(true);
    expect(s.exchange(code)).toBeUndefined();
    expect(s.isSession('nope')).toBe(false);
    expect(s.isSession(42)).toBe(false);
  });
  it('hands out each download once, with a safe file name', async () => {
    const t = new DownloadTickets();
    const url = t.offer({ fileName: '../../etc/passwd', contentType: 'text/plain', open: async () => { throw new Error('unused'); } });
    const ticket = url.slice('/download/'.length);
    const name = t.take(ticket)!.fileName;
    expect(name).not.toMatch(/[/\\]|^\./);
    expect(t.take(ticket)).toBeUndefined();
    expect(safeFileName('web-1 (copy).log')).toBe('web-1_copy_.log');
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
