import { createPublicKey, verify } from 'node:crypto';

/**
 * CloudFront's checks, redone in Node with node:crypto, so that a URL signed in the browser is
 * verified by code that shares nothing with the page (SPEC.md sections 2 to 4).
 */

/** CloudFront's base64 back to bytes: `-` `_` `~` stand for `+` `=` `/`. */
export function decodeCloudFrontBase64(text: string): Buffer {
  return Buffer.from(text.replaceAll('-', '+').replaceAll('_', '=').replaceAll('~', '/'), 'base64');
}

export interface SignedParts {
  readonly unsignedUrl: string;
  readonly params: Record<string, string>;
}

export function splitSignedUrl(url: string): SignedParts {
  const queryStart = url.indexOf('?');
  const base = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = queryStart < 0 ? '' : url.slice(queryStart + 1);
  const own: string[] = [];
  const params: Record<string, string> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    if (['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'].includes(name))
      params[name] = value;
    else own.push(pair);
  }
  return { unsignedUrl: own.length ? `${base}?${own.join('&')}` : base, params };
}

/** The policy bytes a signed URL's signature covers: decoded Policy, or the canned one rebuilt. */
export function policyOf(url: string): string {
  const { unsignedUrl, params } = splitSignedUrl(url);
  if (params.Policy) return decodeCloudFrontBase64(params.Policy).toString('utf8');
  return `{"Statement":[{"Resource":"${unsignedUrl}","Condition":{"DateLessThan":{"AWS:EpochTime":${params.Expires}}}}]}`;
}

/** True when `signature` (CloudFront base64) is the key's signature over `policy`. */
export function verifyPolicy(
  policy: string,
  signature: string,
  publicKeyPem: string,
  hash: 'SHA1' | 'SHA256' = 'SHA1',
): boolean {
  return verify(
    hash === 'SHA256' ? 'sha256' : 'sha1',
    Buffer.from(policy, 'utf8'),
    createPublicKey(publicKeyPem),
    decodeCloudFrontBase64(signature),
  );
}

/** Verifies a signed URL as CloudFront would, signature only (times are checked by the caller). */
export function verifySignedUrl(url: string, publicKeyPem: string): boolean {
  const { params } = splitSignedUrl(url);
  if (!params.Signature) return false;
  const hash = params['Hash-Algorithm'] === 'SHA256' ? 'SHA256' : 'SHA1';
  return verifyPolicy(policyOf(url), params.Signature, publicKeyPem, hash);
}
