import { SignetError } from '../errors.ts';
import { showValue } from '../lib/show-value.ts';

/** What an IP address or range looks like, so that a message may quote it. */
export const IP_SHAPE = /^[0-9A-Fa-f:./]{1,64}$/;

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** An IPv4 range as CloudFront's `AWS:SourceIp` reads it. */
export interface Ipv4Range {
  /** The CIDR as written in the policy; a bare address gets `/32`, as the AWS CLI does. */
  readonly cidr: string;
  readonly network: number;
  readonly prefix: number;
}

/**
 * Reads `AWS:SourceIp`: one IPv4 address or CIDR (SPEC.md section 2). IPv6 is refused because
 * CloudFront's signed-URL policies do not support it; anything else is refused rather than
 * escaped, which also stops JSON injection into the policy.
 */
export function parseSourceIp(value: string, field = 'ipAddress'): Ipv4Range {
  const text = typeof value === 'string' ? value.trim() : '';
  const shown = showValue(typeof value === 'string' ? text : value, IP_SHAPE);
  if (isIpv6(text)) {
    throw new SignetError(
      'ERR_IP_V6',
      `The IP address ${shown} is IPv6; CloudFront's policies accept only IPv4 in AWS:SourceIp. ` +
        'Give an IPv4 address or range such as 192.0.2.0/24, or leave the IP condition out.',
      { field },
    );
  }
  const port = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(text);
  if (port) {
    throw new SignetError(
      'ERR_IP_INVALID',
      `The IP address ${shown} has a port (:${port[2]}). AWS:SourceIp takes an address or a CIDR range, never a port: use ${port[1]}.`,
      { field },
    );
  }
  const range = parseIpv4Range(text);
  if (!range) {
    throw new SignetError(
      'ERR_IP_INVALID',
      `The IP address ${shown} is not an IPv4 address or CIDR range. Write it like ` +
        '192.0.2.7 or 192.0.2.0/24 (four numbers from 0 to 255, and a prefix from 0 to 32).',
      { field },
    );
  }
  return range;
}

/** IPv6 text: hex groups with "::" or at least two colons, optionally a /prefix. */
export function isIpv6(text: string): boolean {
  return (
    /^[0-9a-f:.]+(?:\/\d{1,3})?$/i.test(text) &&
    (text.includes('::') || (text.match(/:/g)?.length ?? 0) >= 2)
  );
}

/** An IPv4 address or CIDR, or undefined; leading zeros are refused since some tools read octal. */
export function parseIpv4Range(text: string): Ipv4Range | undefined {
  const match = IPV4_CIDR.exec(text);
  if (!match) return undefined;
  const parts = match.slice(1, 5) as string[];
  const prefixText = match[5];
  const numbers = [...parts, ...(prefixText === undefined ? [] : [prefixText])];
  if (numbers.some((part) => part.length > 1 && part.startsWith('0'))) return undefined;
  const octets = parts.map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (prefix > 32) return undefined;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const network = prefix === 0 ? 0 : (address & maskOf(prefix)) >>> 0;
  return { cidr: `${parts.join('.')}/${prefix}`, network, prefix };
}

/** Whether an IPv4 address falls inside a range. */
export function ipv4InRange(address: string, range: Ipv4Range): boolean {
  const parsed = parseIpv4Range(address);
  if (parsed?.prefix !== 32) return false;
  if (range.prefix === 0) return true;
  return (parsed.network & maskOf(range.prefix)) >>> 0 === range.network;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
