import { SignetError } from '../errors.ts';
import { importPublicKey } from '../key/import.ts';
import type { PublicKey, SigningKey } from '../key/types.ts';
import { readOptions } from '../lib/options.ts';
import { groupDigits, SHORT_TOKEN, showValue, visible } from '../lib/show-value.ts';
import { IP_SHAPE, ipv4InRange, isIpv6, parseIpv4Range } from '../policy/ip.ts';
import { cannedPolicyJson } from '../policy/policy.ts';
import { MAX_URL_BYTES } from '../policy/resource.ts';
import { readClock } from '../policy/time.ts';
import { isKeyPairId } from '../sign/key-pair-id.ts';
import { decodeValues, type Inspection, type InspectOptions } from './inspect.ts';
import { type CookieInput, readSignedCookies, splitSignedUrl } from './parameters.ts';
import { timeView } from './time-view.ts';
import { checkSignature } from './verify.ts';
import { matchResource, type WildcardReading } from './wildcard.ts';

/** The 403 error codes CloudFront returns for signed requests (SPEC.md section 6). */
export type CloudFrontErrorCode =
  | 'MissingKey'
  | 'InvalidKey'
  | 'MalformedSignature'
  | 'MalformedPolicy'
  | 'AccessDenied';

/** What CloudFront puts in the <Message> of each error. */
export const CLOUDFRONT_MESSAGES: Record<CloudFrontErrorCode, string> = {
  MissingKey: 'Missing Key-Pair-Id query parameter or cookie value',
  InvalidKey: 'Unknown Key',
  MalformedSignature: 'Could not unencode Signature',
  MalformedPolicy: 'Malformed Policy',
  AccessDenied: 'Access denied',
};

/** Public keys CloudFront trusts for the behavior, by key pair ID. PEM text is imported for you. */
export type TrustedKeys =
  | Readonly<Record<string, PublicKey | SigningKey | string>>
  | ReadonlyMap<string, PublicKey | SigningKey | string>;

export interface EvaluateRequestOptions {
  /** The request URL, with the signing parameters if it is a signed URL. */
  url: string;
  /** The request's cookies: a Cookie header, a name/value map, or Set-Cookie lines. */
  cookies?: CookieInput;
  /** The viewer's IPv4 address, checked against the policy's IpAddress. */
  viewerIp?: string;
  /** When the request arrives; defaults to the current time. */
  now?: Date | number;
  trustedKeys: TrustedKeys;
  /** How to read `?` in a wildcard resource; by default `\?` means the older, escaped reading. */
  wildcardReading?: WildcardReading;
}

/** CloudFront's answer to a request, emulated offline. */
export interface Verdict {
  readonly allowed: boolean;
  readonly status: 200 | 403;
  /** Set when denied: the code in CloudFront's error document. */
  readonly code?: CloudFrontErrorCode;
  /** Set when denied: CloudFront's own message for that code. */
  readonly message?: string;
  /** What happened, in words a person can act on. */
  readonly reason: string;
  /** Where the signature came from; signed URL parameters win over cookies, as on CloudFront. */
  readonly source?: 'url' | 'cookies';
  /** How `?` was read in the resource, when the resource was compared. */
  readonly wildcardReading?: WildcardReading;
  readonly inspection?: Inspection;
}

/**
 * Answers what CloudFront would do with a request: allow it, or refuse with HTTP 403 and the code
 * CloudFront uses, following the order of checks in SPEC.md section 6.
 */
export async function evaluateRequest(input: EvaluateRequestOptions): Promise<Verdict> {
  const options = readOptions<EvaluateRequestOptions>(
    input,
    '{ url, trustedKeys, viewerIp, now }',
  ) as EvaluateRequestOptions;
  // Before any parsing: CloudFront refuses such a request before it looks at a signature.
  if (typeof options.url === 'string' && options.url.length > MAX_URL_BYTES) {
    throw new SignetError(
      'ERR_SIGNED_INPUT',
      `The request URL is ${groupDigits(options.url.length)} characters; CloudFront refuses any URL over ${groupDigits(MAX_URL_BYTES)} bytes before it checks a signature. Shorten it, or use signed cookies.`,
      { field: 'url' },
    );
  }
  const parts = splitSignedUrl(options.url);
  const nowMs = readClock(options.now);
  const viewer = readViewerIp(options.viewerIp);
  checkTrustedKeys(options.trustedKeys);
  const nowSeconds = Math.floor(nowMs / 1000);
  const fromUrl = Object.keys(parts.values).length > 0;
  const cookieValues =
    !fromUrl && options.cookies !== undefined ? readSignedCookies(options.cookies) : {};
  const source = fromUrl ? 'url' : Object.keys(cookieValues).length ? 'cookies' : undefined;
  const values = fromUrl ? parts.values : cookieValues;
  const decoded = decodeValues(
    source ?? 'url',
    values,
    { now: nowMs } satisfies InspectOptions,
    fromUrl ? parts.unsignedUrl : undefined,
    [],
  );
  const { inspection } = decoded;
  const deny = (
    code: CloudFrontErrorCode,
    reason: string,
    extra: Partial<Verdict> = {},
  ): Verdict => ({
    allowed: false,
    status: 403,
    code,
    message: CLOUDFRONT_MESSAGES[code],
    reason,
    ...(source === undefined ? {} : { source }),
    inspection,
    ...extra,
  });

  const keyPairId = values['Key-Pair-Id'];
  if (!keyPairId) {
    return deny(
      'MissingKey',
      source === undefined
        ? 'the request carries no signed URL parameters and no CloudFront-* cookies'
        : `the ${source === 'url' ? 'URL has no Key-Pair-Id parameter' : 'cookies have no CloudFront-Key-Pair-Id'}`,
    );
  }
  const trusted = await trustedKey(options.trustedKeys, keyPairId);
  if (!trusted) {
    return deny(
      'InvalidKey',
      `the key pair ID ${isKeyPairId(keyPairId) ? keyPairId : showValue(keyPairId, SHORT_TOKEN)} is not one of the trusted keys (${keyIds(options.trustedKeys)})`,
    );
  }
  const hashAlgorithm = inspection.hashAlgorithm;
  if (!hashAlgorithm) {
    return deny(
      'AccessDenied',
      `Hash-Algorithm ${showValue(values['Hash-Algorithm'], SHORT_TOKEN)} is not SHA256, the only value CloudFront knows`,
    );
  }
  if (decoded.policyProblem !== undefined) return deny('MalformedPolicy', decoded.policyProblem);
  const statement = decoded.statement;
  if (!statement) return deny('MalformedPolicy', 'the request has neither Expires nor Policy');
  if (!values.Signature) return deny('MalformedSignature', 'there is no Signature');

  // A canned policy is rebuilt from the URL actually requested (cookies included).
  const canned = inspection.policyType === 'canned';
  const policy = canned
    ? cannedPolicyJson(parts.unsignedUrl, statement.dateLessThan)
    : (inspection.policy as string);
  const check = await checkSignature(policy, values.Signature, trusted, hashAlgorithm);
  if (check === 'malformed') {
    return deny(
      'MalformedSignature',
      `the Signature is not valid ${trusted.type === 'ECDSA' ? 'DER-encoded ECDSA' : 'RSA'} in CloudFront's base64`,
    );
  }
  if (check === 'invalid') {
    return deny(
      'AccessDenied',
      `the signature does not match ${canned ? `the canned policy rebuilt from this URL with Expires=${statement.dateLessThan}: the URL, Expires` : 'the policy: the policy'} or hash changed after signing, or another key signed it (not ${visible(keyPairId)}'s)`,
    );
  }

  const expiry = timeView(statement.dateLessThan, nowSeconds);
  if (nowSeconds >= statement.dateLessThan) {
    return deny('AccessDenied', `expired ${expiry.relative} at ${expiry.iso}`);
  }
  if (statement.dateGreaterThan !== undefined && nowSeconds <= statement.dateGreaterThan) {
    const start = timeView(statement.dateGreaterThan, nowSeconds);
    return deny(
      'AccessDenied',
      `not valid yet: the policy starts after ${start.iso} (${start.relative})`,
    );
  }
  if (statement.ipAddress !== undefined) {
    const range = parseIpv4Range(statement.ipAddress);
    if (!range)
      return deny(
        'MalformedPolicy',
        `AWS:SourceIp ${showValue(statement.ipAddress, SHORT_TOKEN)} is not an IPv4 address or range`,
      );
    if (viewer === undefined) {
      return deny(
        'AccessDenied',
        `the policy admits only viewers in ${range.cidr}; give the viewer's IP address to check it`,
      );
    }
    if (isIpv6(viewer)) {
      return deny(
        'AccessDenied',
        `viewer ${viewer} is IPv6, and the policy admits only ${range.cidr}: CloudFront's IpAddress condition matches IPv4 viewers only`,
      );
    }
    if (!ipv4InRange(viewer, range)) {
      return deny('AccessDenied', `viewer ${viewer} is outside ${range.cidr}`);
    }
  }
  let wildcardReading: WildcardReading | undefined;
  if (!canned) {
    const match = matchResource(statement.resource, parts.unsignedUrl, options.wildcardReading);
    wildcardReading = match.reading;
    if (!match.matches) {
      return deny(
        'AccessDenied',
        `resource ${visible(statement.resource)} does not match ${visible(parts.unsignedUrl)}: ${visible(match.explanation ?? '')}`,
        {
          wildcardReading,
        },
      );
    }
  }
  const validity = `until ${expiry.iso} (${expiry.relative})`;
  return {
    allowed: true,
    status: 200,
    reason: `signature valid (${visible(keyPairId)}, ${trusted.description}, ${hashAlgorithm}), ${validity}${statement.ipAddress ? `, viewer inside ${statement.ipAddress}` : ''}${canned ? '' : `, resource ${visible(statement.resource)} covers the URL`}`,
    ...(source === undefined ? {} : { source }),
    ...(wildcardReading === undefined ? {} : { wildcardReading }),
    inspection,
  };
}

/** The viewer's address as given, or undefined when none was; anything else is refused. */
function readViewerIp(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : '';
  const range = parseIpv4Range(text);
  if (isIpv6(text) || (range && !text.includes('/'))) return text;
  throw new SignetError(
    'ERR_IP_INVALID',
    `The viewer IP ${showValue(value, IP_SHAPE)} is not one IP address. Give the viewer's IPv4 address, such as 198.51.100.7 (no range, no port, no leading zeros).`,
    { field: 'viewerIp' },
  );
}

function checkTrustedKeys(keys: unknown): void {
  if (typeof keys !== 'object' || keys === null) {
    throw new SignetError(
      'ERR_SIGNED_INPUT',
      'trustedKeys is required: the public keys CloudFront trusts, by key pair ID, such as { K2JCJMDEHXQW5F: publicKeyPem }.',
      { field: 'trustedKeys' },
    );
  }
}

async function trustedKey(keys: TrustedKeys, id: string): Promise<PublicKey | undefined> {
  const entry =
    keys instanceof Map
      ? keys.get(id)
      : Object.hasOwn(keys, id)
        ? (keys as Record<string, PublicKey | SigningKey | string>)[id]
        : undefined;
  if (entry === undefined) return undefined;
  try {
    return await importPublicKey(entry);
  } catch (error) {
    throw new SignetError(
      (error as SignetError).code ?? 'ERR_KEY_NOT_RECOGNIZED',
      `The trusted key for ${showValue(id, /^[A-Za-z0-9]{1,32}$/)} cannot be used: ${(error as Error).message}`,
      { cause: error, field: 'trustedKeys' },
    );
  }
}

/** The trusted IDs, for a message: only those that are key pair IDs are named. */
function keyIds(keys: TrustedKeys): string {
  const ids = keys instanceof Map ? [...keys.keys()] : Object.keys(keys);
  return ids.map((id) => (isKeyPairId(id) ? id : '(another)')).join(', ') || 'none given';
}
