import { describe, expect, it } from 'vitest';
import { cidrProblem, inCidr, parseIpv4 } from '../../../main/networks/cidr';

describe('cidr', () => {
  it('accepts network addresses with a usable prefix', () => {
    expect(cidrProblem('10.10.0.0/24')).toBeNull();
    expect(cidrProblem('172.30.0.0/16')).toBeNull();
    expect(cidrProblem(' 192.168.7.0/30 ')).toBeNull();
  });
  it('names what is wrong', () => {
    expect(cidrProblem('10.1.2.0/33')).toBe('/33 is not a prefix length (0 to 32)');
    expect(cidrProblem('10.1.2.0')).toMatch(/not in CIDR form/);
    expect(cidrProblem('10.1.256.0/24')).toBe('"10.1.256.0" is not an IPv4 address');
    expect(cidrProblem('10.1.2.5/24')).toBe('10.1.2.5 has host bits set for /24; did you mean 10.1.2.0/24?');
    expect(cidrProblem('10.1.2.0/31')).toMatch(/no room/);
  });
  it('parses and tests membership', () => {
    expect(parseIpv4('1.2.3.4')).toBe(0x01020304);
    expect(parseIpv4('1.2.3')).toBeNull();
    expect(inCidr('10.231.7.9', '10.231.7.0/24')).toBe(true);
    expect(inCidr('10.231.8.9', '10.231.7.0/24')).toBe(false);
  });
});
