import { describe, expect, it } from 'vitest';
import type { SignetError } from '../../src/core/errors.ts';
import { ipv4InRange, parseIpv4Range, parseSourceIp } from '../../src/core/policy/ip.ts';

const codeOf = (text: string) => {
  try {
    parseSourceIp(text);
    return 'accepted';
  } catch (error) {
    return (error as SignetError).code;
  }
};

describe('AWS:SourceIp', () => {
  it('writes a bare IPv4 address as /32, as the AWS CLI does', () => {
    expect(parseSourceIp('192.0.2.7').cidr).toBe('192.0.2.7/32');
  });

  it('keeps a CIDR range as given', () => {
    expect(parseSourceIp('192.0.2.0/24').cidr).toBe('192.0.2.0/24');
    expect(parseSourceIp('0.0.0.0/0').cidr).toBe('0.0.0.0/0');
    expect(parseSourceIp(' 10.0.0.0/8 ').cidr).toBe('10.0.0.0/8');
  });

  it('names a port as a port, not as IPv6', () => {
    expect(codeOf('192.0.2.1:8080')).toBe('ERR_IP_INVALID');
    expect(() => parseSourceIp('192.0.2.1:8080')).toThrow(/has a port \(:8080\).*use 192\.0\.2\.1/);
    expect(codeOf('cafe:babe')).toBe('ERR_IP_INVALID');
  });

  it('refuses IPv6 with the reason', () => {
    expect(codeOf('2001:db8::/32')).toBe('ERR_IP_V6');
    expect(() => parseSourceIp('::1')).toThrow(/accept only IPv4/);
  });

  it('refuses anything that is not exactly an IPv4 address or range, including JSON injection', () => {
    for (const bad of [
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4/33',
      '01.2.3.4',
      '1.2.3.4/08',
      'example.com',
      '',
      '192.168.0.0/24","IpAddress":{"AWS:SourceIp":"0.0.0.0/0',
    ]) {
      expect(codeOf(bad), bad).toBe('ERR_IP_INVALID');
    }
  });

  it('tells whether an address is inside a range', () => {
    const range = parseIpv4Range('192.0.2.0/24');
    if (!range) throw new Error('range');
    expect(ipv4InRange('192.0.2.255', range)).toBe(true);
    expect(ipv4InRange('192.0.3.0', range)).toBe(false);
    expect(ipv4InRange('203.0.113.9', parseIpv4Range('0.0.0.0/0') ?? range)).toBe(true);
    expect(ipv4InRange('255.255.255.255', parseIpv4Range('128.0.0.0/1') ?? range)).toBe(true);
    expect(ipv4InRange('not an ip', range)).toBe(false);
  });
});
