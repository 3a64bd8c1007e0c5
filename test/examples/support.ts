/** Shared by the example tests: the key, independent checks of what an example signed, the README. */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { evaluateRequest } from '../../src/core/index.ts';
import { fromCloudFrontBase64, rawQuery } from '../support/cloudfront-base64.ts';
import { opensslVerifies } from '../support/openssl.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => readFileSync(resolve(ROOT, 'test/fixtures/keys', name), 'utf8');

/** As `openssl genrsa` writes it: the PEM most people paste into a secret. */
export const PRIVATE_KEY = fixture('rsa-2048-pkcs1.pem');
export const PUBLIC_KEY = fixture('rsa-2048-public.pem');
export const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
export const DOMAIN = 'd111111abcdef8.cloudfront.net';
const trustedKeys = { [KEY_PAIR_ID]: PUBLIC_KEY };

/**
 * A signed URL is checked twice: by the emulated CloudFront (allowed now, for about an hour) and by
 * openssl over the canned policy rebuilt by hand from the URL, with no Signet code involved.
 */
export async function expectValidSignedUrl(url: string, expectedBase: string): Promise<void> {
  expect(url.startsWith(`${expectedBase}?Expires=`)).toBe(true);
  expect(url.endsWith('&Hash-Algorithm=SHA256')).toBe(true);
  const now = Date.now();
  const verdict = await evaluateRequest({ url, now, trustedKeys });
  expect(verdict.reason).toMatch(/^signature valid/);
  expect(verdict).toMatchObject({ allowed: true, source: 'url' });
  const expired = await evaluateRequest({ url, now: now + 3601_000, trustedKeys });
  expect(expired.code).toBe('AccessDenied');

  const query = rawQuery(url);
  expect(Object.keys(query)).toEqual(['Expires', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm']);
  expect(query['Key-Pair-Id']).toBe(KEY_PAIR_ID);
  expect(Number(query.Expires) - now / 1000).toBeGreaterThan(3590);
  const policy = `{"Statement":[{"Resource":"${expectedBase}","Condition":{"DateLessThan":{"AWS:EpochTime":${query.Expires}}}}]}`;
  const signature = fromCloudFrontBase64(query.Signature as string);
  expect(opensslVerifies(PUBLIC_KEY, policy, signature, 'SHA256')).toBe(true);
}

/** Set-Cookie values whose cookies the emulated CloudFront accepts for `allowed` and not `denied`. */
export async function expectValidCookies(
  setCookies: readonly string[],
  path: string,
  allowed: string,
  denied: string,
): Promise<void> {
  expect(setCookies.map((line) => line.split('=')[0])).toEqual([
    'CloudFront-Policy',
    'CloudFront-Signature',
    'CloudFront-Key-Pair-Id',
    'CloudFront-Hash-Algorithm',
  ]);
  for (const line of setCookies) {
    expect(line).toMatch(new RegExp(`; Path=${path}; Secure; HttpOnly$`));
  }
  // What the browser sends back: only the name=value part of each Set-Cookie line.
  const cookieHeader = setCookies.map((line) => line.split(';')[0]).join('; ');
  const now = Date.now();
  const yes = await evaluateRequest({ url: allowed, cookies: cookieHeader, now, trustedKeys });
  expect(yes.reason).toMatch(/^signature valid/);
  expect(yes).toMatchObject({ allowed: true, source: 'cookies' });
  const no = await evaluateRequest({ url: denied, cookies: cookieHeader, now, trustedKeys });
  expect(no).toMatchObject({ allowed: false, code: 'AccessDenied' });
}

/** The fenced block after `<!-- example: NAME -->` in the README, if the README has one yet. */
export function readmeExample(name: string): string | undefined {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(
    readme,
  );
  return match?.[1];
}
