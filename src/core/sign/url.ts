import { SignetError } from '../errors.ts';
import { matchResource } from '../inspect/wildcard.ts';
import { encodeCloudFrontBase64 } from '../lib/base64.ts';
import { readOptions } from '../lib/options.ts';
import { showValue } from '../lib/show-value.ts';
import { choosePolicy } from '../policy/policy.ts';
import { checkPolicyResource, checkUrlToSign, MAX_URL_BYTES } from '../policy/resource.ts';
import {
  type Conditions,
  readConditions,
  SIGNING_EXAMPLE,
  type SignatureDetails,
  type SigningOptions,
} from './conditions.ts';
import { type RawSigner, signPolicy } from './signature.ts';

export { MAX_URL_BYTES } from '../policy/resource.ts';

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
export interface SignedUrl extends SignatureDetails {
  /** The URL to hand out: the original, then `Expires` or `Policy`, `Signature`, `Key-Pair-Id`. */
  readonly url: string;
  /** The signing query parameters in the order they were appended. */
  readonly queryParameters: Readonly<Record<string, string>>;
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
export async function signUrl(input: SignUrlOptions): Promise<SignedUrl> {
  const options = readOptions<SignUrlOptions>(input, SIGNING_EXAMPLE) as SignUrlOptions;
  const url = checkUrlToSign(options.url);
  const policyResource = readPolicyResource(options.policyResource);
  return signUrlWith(await readConditions(options), url, policyResource);
}

export function readPolicyResource(value: unknown): string | undefined {
  return value === undefined || value === '' ? undefined : checkPolicyResource(value);
}

/** Signs one URL with conditions already read: the step a batch repeats per URL. */
export async function signUrlWith(
  conditions: Conditions,
  unchecked: string,
  policyResource: string | undefined,
  rawSigner?: RawSigner,
): Promise<SignedUrl> {
  const url = checkUrlToSign(unchecked);
  if (policyResource !== undefined) checkCovered(policyResource, url);
  const resource = policyResource ?? url;
  const policy = choosePolicy(
    {
      resource,
      dateLessThan: conditions.dateLessThan,
      dateGreaterThan: conditions.dateGreaterThan,
      ipAddress: conditions.ipAddress,
    },
    url,
  );
  const signature = await signPolicy(
    policy.json,
    conditions.privateKey,
    conditions.hashAlgorithm,
    rawSigner,
  );

  // Built by hand, not from a map: this runs once per URL in a batch of millions.
  const first =
    policy.type === 'canned'
      ? `Expires=${policy.dateLessThan}`
      : `Policy=${encodeCloudFrontBase64(encoder.encode(policy.json))}`;
  // Absent means SHA-1 to CloudFront, so the parameter is only written for SHA-256.
  const sha256 = conditions.hashAlgorithm === 'SHA256';
  const signedUrl = `${url}${url.includes('?') ? '&' : '?'}${first}&Signature=${signature}&Key-Pair-Id=${conditions.keyPairId}${sha256 ? '&Hash-Algorithm=SHA256' : ''}`;
  const queryParameters: Record<string, string> =
    policy.type === 'canned'
      ? { Expires: String(policy.dateLessThan) }
      : { Policy: first.slice('Policy='.length) };
  queryParameters.Signature = signature;
  queryParameters['Key-Pair-Id'] = conditions.keyPairId;
  if (sha256) queryParameters['Hash-Algorithm'] = 'SHA256';

  let warnings = conditions.warnings;
  if (url.startsWith('http://') || signedUrl.length > MAX_URL_BYTES) {
    warnings = [...warnings];
    if (url.startsWith('http://')) {
      warnings.push({
        code: 'HTTP_NOT_HTTPS',
        message:
          'The URL uses http://, so the link and its signature travel unencrypted. Prefer https://.',
      });
    }
    // The URL is ASCII (checkUrlToSign refuses anything else), so characters are bytes.
    if (signedUrl.length > MAX_URL_BYTES) {
      warnings.push({
        code: 'URL_TOO_LONG',
        message: `The signed URL is ${signedUrl.length} bytes; CloudFront refuses URLs over ${MAX_URL_BYTES} bytes. Shorten the URL or policy, or use signed cookies.`,
      });
    }
  }
  const result: SignedUrl = {
    url: signedUrl,
    policyType: policy.type,
    policy: policy.json,
    why: policy.why,
    resource,
    dateLessThan: policy.dateLessThan,
    hashAlgorithm: conditions.hashAlgorithm,
    keyPairId: conditions.keyPairId,
    signature,
    queryParameters,
    warnings,
  };
  if (policy.dateGreaterThan !== undefined)
    (result as { dateGreaterThan?: number }).dateGreaterThan = policy.dateGreaterThan;
  if (policy.ipAddress !== undefined)
    (result as { ipAddress?: string }).ipAddress = policy.ipAddress;
  return result;
}

/** A signature whose policy resource does not cover the URL could never be used (SPEC.md section 6). */
function checkCovered(policyResource: string, url: string): void {
  // The usual resources without the matcher, which would cost more than a reused signature:
  // one exact URL, or a prefix and one trailing * after the scheme (it takes everything after).
  if (!policyResource.includes('?')) {
    const star = policyResource.indexOf('*');
    if (star < 0 ? policyResource === url : coveredByPrefix(policyResource, star, url)) return;
  }
  const match = matchResource(policyResource, url);
  if (match.matches) return;
  throw new SignetError(
    'ERR_URL_NOT_COVERED',
    `The policy resource ${showValue(policyResource, /^/)} does not cover the URL ${showValue(url, /^/)}: ` +
      `${match.explanation}, so CloudFront would refuse it.`,
    { field: 'url' },
  );
}

function coveredByPrefix(resource: string, star: number, url: string): boolean {
  return (
    star === resource.length - 1 &&
    resource.lastIndexOf('://', star) >= 0 &&
    url.startsWith(resource.slice(0, star))
  );
}
