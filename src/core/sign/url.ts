import type { SignetWarning } from '../errors.ts';
import type { HashAlgorithm } from '../key/types.ts';
import { encodeCloudFrontBase64 } from '../lib/base64.ts';
import { choosePolicy, type PolicyType } from '../policy/policy.ts';
import { checkPolicyResource, checkUrlToSign } from '../policy/resource.ts';
import { type Conditions, readConditions, type SigningOptions } from './conditions.ts';
import { signPolicy } from './signature.ts';

/** CloudFront refuses request URLs longer than this many bytes (SPEC.md section 4). */
export const MAX_URL_BYTES = 8192;

export interface SignUrlOptions extends SigningOptions {
  /** The exact URL that will be requested, with its own query string if any. */
  url: string;
  /**
   * The Resource of a custom policy, with optional `*` and `?` wildcards, when the signature
   * should cover more than this one URL (for example `https://d111111abcdef8.cloudfront.net/videos/*`).
   */
  policyResource?: string;
}

/** A signed URL and everything that went into it. */
export interface SignedUrl {
  /** The URL to hand out: the original, then `Expires` or `Policy`, `Signature`, `Key-Pair-Id`. */
  readonly url: string;
  readonly policyType: PolicyType;
  /** The policy JSON that was signed (for canned, the policy CloudFront rebuilds). */
  readonly policy: string;
  /** Why canned or custom, in words. */
  readonly why: string;
  readonly resource: string;
  readonly dateLessThan: number;
  readonly dateGreaterThan?: number;
  readonly ipAddress?: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly keyPairId: string;
  /** The signature in CloudFront's base64. */
  readonly signature: string;
  /** The signing query parameters in the order they were appended. */
  readonly queryParameters: Readonly<Record<string, string>>;
  readonly warnings: readonly SignetWarning[];
}

const encoder = new TextEncoder();

/**
 * Signs a URL for CloudFront, byte for byte as the AWS CLI does for the same inputs.
 *
 * ```ts
 * const key = await importPrivateKey(pem);
 * const { url } = await signUrl({
 *   url: 'https://d111111abcdef8.cloudfront.net/image.jpg',
 *   keyPairId: 'K2JCJMDEHXQW5F',
 *   privateKey: key,
 *   dateLessThan: '2026-12-31T23:59:59Z',
 * });
 * ```
 */
export async function signUrl(options: SignUrlOptions): Promise<SignedUrl> {
  const url = checkUrlToSign(options.url);
  const policyResource = readPolicyResource(options.policyResource);
  return signUrlWith(await readConditions(options), url, policyResource);
}

export function readPolicyResource(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : checkPolicyResource(value);
}

/** Signs one URL with conditions already read: the step a batch repeats per URL. */
export async function signUrlWith(
  conditions: Conditions,
  unchecked: string,
  policyResource: string | undefined,
): Promise<SignedUrl> {
  const url = checkUrlToSign(unchecked);
  const resource = policyResource ?? url;
  const policy = choosePolicy({ resource, ...conditions }, url);
  const signature = await signPolicy(policy.json, conditions.privateKey, conditions.hashAlgorithm);

  const queryParameters: Record<string, string> =
    policy.type === 'canned'
      ? { Expires: String(policy.dateLessThan) }
      : { Policy: encodeCloudFrontBase64(encoder.encode(policy.json)) };
  queryParameters.Signature = signature;
  queryParameters['Key-Pair-Id'] = conditions.keyPairId;
  // Absent means SHA-1 to CloudFront, so the parameter is only written for SHA-256.
  if (conditions.hashAlgorithm === 'SHA256') queryParameters['Hash-Algorithm'] = 'SHA256';

  const query = Object.entries(queryParameters)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const signedUrl = `${url}${url.includes('?') ? '&' : '?'}${query}`;

  const warnings = [...conditions.warnings];
  if (url.startsWith('http://')) {
    warnings.push({
      code: 'HTTP_NOT_HTTPS',
      message:
        'The URL uses http://, so the link and its signature travel unencrypted. Prefer https://.',
    });
  }
  const bytes = encoder.encode(signedUrl).length;
  if (bytes > MAX_URL_BYTES) {
    warnings.push({
      code: 'URL_TOO_LONG',
      message: `The signed URL is ${bytes} bytes; CloudFront refuses URLs over ${MAX_URL_BYTES} bytes. Shorten the URL or policy, or use signed cookies.`,
    });
  }
  return {
    url: signedUrl,
    policyType: policy.type,
    policy: policy.json,
    why: policy.why,
    resource,
    dateLessThan: policy.dateLessThan,
    ...(policy.dateGreaterThan === undefined ? {} : { dateGreaterThan: policy.dateGreaterThan }),
    ...(policy.ipAddress === undefined ? {} : { ipAddress: policy.ipAddress }),
    hashAlgorithm: conditions.hashAlgorithm,
    keyPairId: conditions.keyPairId,
    signature,
    queryParameters,
    warnings,
  };
}
