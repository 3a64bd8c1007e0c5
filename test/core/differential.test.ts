/**
 * Signet against @aws-sdk/cloudfront-signer (the AWS SDK for JavaScript v3) on generated inputs.
 * The SDK re-encodes URLs before signing; Signet never rewrites. So each URL is first passed
 * through the SDK, and Signet signs the SDK's string: the two signed URLs must then carry the same
 * URL, the same parameters and the same signature (the SDK only orders two parameters differently).
 */
import { generateKeyPairSync } from 'node:crypto';
import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKey, type SigningKey, signCookies, signUrl } from '../../src/core/index.ts';
import { fromCloudFrontBase64, rawQuery } from '../support/cloudfront-base64.ts';
import { opensslVerifies } from '../support/openssl.ts';

const RUNS = 240;
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';

const hosts = ['d111111abcdef8.cloudfront.net', 'media.example.com', 'cdn.example.org:8443'];
const segmentChars = fc.constantFrom(
  ..."abcxyzABC019-._~!$&'()*+,;=:@".split(''),
  '%20',
  '%2F',
  '%E2%82%AC',
);
// Dot segments are left out: browsers resolve them, so Signet refuses them (the SDK signs them).
const segment = fc
  .array(segmentChars, { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((text) => text !== '.' && text !== '..');
const queryChars = fc.constantFrom(..."abcXYZ019-._~!$'()*,;:@/?".split(''), '%26', '%3D', '+');
const queryPart = fc
  .array(queryChars, { minLength: 0, maxLength: 6 })
  .map((parts) => parts.join(''));
const query = fc
  .array(
    fc.tuple(
      queryPart.filter((name) => name.length > 0),
      queryPart,
    ),
    { maxLength: 3 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}` : ''));

const input = fc
  .record({
    scheme: fc.constantFrom('https', 'http'),
    host: fc.constantFrom(...hosts),
    path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
    query,
    dateLessThan: fc.integer({ min: 1_700_000_000, max: 2_147_483_647 }),
    start: fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined, freq: 2 }),
    ipAddress: fc.option(
      fc
        .tuple(fc.ipV4(), fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined }))
        .map(([ip, prefix]) => (prefix === undefined ? ip : `${ip}/${prefix}`)),
      { nil: undefined, freq: 2 },
    ),
    wildcard: fc.constantFrom(undefined, undefined, undefined, 'folder', 'any-scheme', 'one-char'),
    hash: fc.constantFrom('SHA1', 'SHA256'),
    // Half the inputs drop every condition, so that canned policies are as common as custom ones.
    plain: fc.boolean(),
  })
  .map((sample) =>
    sample.plain
      ? { ...sample, start: undefined, ipAddress: undefined, wildcard: undefined }
      : sample,
  );
type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

let pem: string;
let key: SigningKey;

beforeAll(async () => {
  pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  key = await importPrivateKey(pem);
});

/** The URL the SDK signs for this input (its re-encoding), found from a canned SDK signature. */
function sdkUrl(url: string): string {
  const signed = getSignedUrl({
    url,
    keyPairId: KEY_PAIR_ID,
    privateKey: pem,
    dateLessThan: new Date(2e12),
  });
  return signed.slice(0, signed.lastIndexOf('Expires=') - 1);
}

function policyResourceFor(url: string, wildcard: Input['wildcard']): string | undefined {
  const folder = url.slice(0, url.lastIndexOf('/') + 1);
  if (wildcard === 'folder') return `${folder}*`;
  if (wildcard === 'any-scheme')
    return `*://${url.slice(url.indexOf('//') + 2, url.indexOf('/', 8))}/*`;
  if (wildcard === 'one-char') {
    // One letter or digit of the path becomes ?, never a character inside a %XX escape.
    // The query is kept, so that the resource covers the URL (Signet refuses one that does not).
    const [path = '', query] = url.split(/\?(.*)/s);
    const rest = query === undefined ? '' : `?${query}`;
    const chars = path.replace(/%[0-9A-F]{2}/g, '%%%').split('');
    const at = chars.findLastIndex((char) => /[A-Za-z0-9]/.test(char));
    return at > path.indexOf('/', 8)
      ? `${path.slice(0, at)}?${path.slice(at + 1)}${rest}`
      : `${path}*`;
  }
  return undefined;
}

/**
 * Signet refuses a * in a URL whose policy is custom without a policy resource: the SDK writes
 * the URL as the Resource, where the * is a wildcard that grants every URL matching it.
 */
function wildcardUrlInCustomPolicy(
  url: string,
  policyResource: string | undefined,
  ipAddress: string | undefined,
  dateGreaterThan: number | undefined,
): boolean {
  return (
    policyResource === undefined &&
    url.includes('*') &&
    (ipAddress !== undefined || dateGreaterThan !== undefined)
  );
}

const samples = fc.sample(input, { numRuns: RUNS, seed: 20261129 });

describe('Signet and @aws-sdk/cloudfront-signer, on the same inputs', () => {
  it(`make identical signed URLs, canned and custom, for ${RUNS} generated inputs`, async () => {
    let rewrittenBySdk = 0;
    let custom = 0;
    let refusedWildcards = 0;
    for (const sample of samples) {
      const raw = `${sample.scheme}://${sample.host}${sample.path}${sample.query}`;
      const url = sdkUrl(raw);
      if (url !== raw) rewrittenBySdk++;
      const dateGreaterThan =
        sample.start === undefined ? undefined : sample.dateLessThan - sample.start;
      const policyResource = policyResourceFor(url, sample.wildcard);
      if (wildcardUrlInCustomPolicy(url, policyResource, sample.ipAddress, dateGreaterThan)) {
        // The SDK would write this URL's * into a custom policy, where it is a wildcard.
        await expect(
          signUrl({
            url,
            keyPairId: KEY_PAIR_ID,
            privateKey: key,
            dateLessThan: sample.dateLessThan,
            dateGreaterThan,
            ipAddress: sample.ipAddress,
          }),
        ).rejects.toMatchObject({ code: 'ERR_URL_CHARACTERS', field: 'url' });
        refusedWildcards++;
        continue;
      }
      const signet = await signUrl({
        url,
        keyPairId: KEY_PAIR_ID,
        privateKey: key,
        dateLessThan: sample.dateLessThan,
        dateGreaterThan,
        ipAddress: sample.ipAddress,
        policyResource,
        hashAlgorithm: sample.hash,
      });
      const sdk =
        signet.policyType === 'canned'
          ? getSignedUrl({
              url,
              keyPairId: KEY_PAIR_ID,
              privateKey: pem,
              dateLessThan: new Date(sample.dateLessThan * 1000),
              algorithm: sample.hash as 'SHA1' | 'SHA256',
            })
          : getSignedUrl({
              url,
              keyPairId: KEY_PAIR_ID,
              privateKey: pem,
              policy: signet.policy,
              algorithm: sample.hash as 'SHA1' | 'SHA256',
            });
      if (signet.policyType === 'custom') custom++;
      // The SDK orders Key-Pair-Id before Signature; CloudFront reads them by name.
      const unsigned = (signed: string) => signed.slice(0, signed.search(/[?&](Expires|Policy)=/));
      expect(unsigned(signet.url), JSON.stringify(sample)).toBe(unsigned(sdk));
      expect(rawQuery(signet.url), JSON.stringify(sample)).toEqual(rawQuery(sdk));
      expect(signet.signature).toBe(rawQuery(sdk).Signature);
    }
    // The generator must really cover both policy types and the SDK's re-encoding.
    expect(custom).toBeGreaterThan(RUNS / 4);
    expect(RUNS - custom - refusedWildcards).toBeGreaterThan(RUNS / 10);
    expect(refusedWildcards).toBeGreaterThan(0);
    expect(rewrittenBySdk).toBeGreaterThan(0);
  });

  it('make identical signed cookies, canned and custom', async () => {
    for (const sample of samples.slice(0, 60)) {
      const url = sdkUrl(`${sample.scheme}://${sample.host}${sample.path}${sample.query}`);
      const resource = policyResourceFor(url, sample.wildcard) ?? url;
      const signet = await signCookies({
        resource,
        keyPairId: KEY_PAIR_ID,
        privateKey: key,
        dateLessThan: sample.dateLessThan,
        ipAddress: sample.ipAddress,
        hashAlgorithm: sample.hash,
      });
      const sdk =
        signet.policyType === 'canned'
          ? getSignedCookies({
              url: resource,
              keyPairId: KEY_PAIR_ID,
              privateKey: pem,
              dateLessThan: new Date(sample.dateLessThan * 1000),
              algorithm: sample.hash as 'SHA1' | 'SHA256',
            })
          : getSignedCookies({
              keyPairId: KEY_PAIR_ID,
              privateKey: pem,
              policy: signet.policy,
              algorithm: sample.hash as 'SHA1' | 'SHA256',
            });
      // The SDK gives CloudFront-Expires as a number; a cookie value is text either way.
      const sdkText = Object.fromEntries(
        Object.entries(sdk).map(([name, value]) => [name, String(value)]),
      );
      expect(signet.cookies, JSON.stringify(sample)).toEqual(sdkText);
    }
  });
});

describe('signatures the AWS SDK cannot make (SHA-256 with ECDSA, and RSA SHA-256)', () => {
  it('verify with openssl dgst -verify', async () => {
    const ecdsaPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const ecdsa = await importPrivateKey(ecdsaPem);
    const cases = [
      { privateKey: ecdsa, hash: 'SHA256' as const },
      { privateKey: ecdsa, hash: 'SHA1' as const },
      { privateKey: key, hash: 'SHA256' as const },
    ];
    for (const { privateKey, hash } of cases) {
      for (const sample of samples.slice(0, 12)) {
        const url = sdkUrl(`${sample.scheme}://${sample.host}${sample.path}${sample.query}`);
        const resource = policyResourceFor(url, sample.wildcard);
        if (wildcardUrlInCustomPolicy(url, resource, sample.ipAddress, undefined)) continue;
        const signed = await signUrl({
          url,
          keyPairId: KEY_PAIR_ID,
          privateKey,
          dateLessThan: sample.dateLessThan,
          ipAddress: sample.ipAddress,
          policyResource: policyResourceFor(url, sample.wildcard),
          hashAlgorithm: hash,
        });
        const signature = fromCloudFrontBase64(signed.signature);
        expect(opensslVerifies(privateKey.publicKey.pem, signed.policy, signature, hash)).toBe(
          true,
        );
        const tampered = signed.policy.replace('EpochTime":', 'EpochTime":1');
        expect(opensslVerifies(privateKey.publicKey.pem, tampered, signature, hash)).toBe(false);
      }
    }
  });
});
