import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  evaluateRequest,
  importPrivateKey,
  importPublicKey,
  inspectSignedCookies,
  inspectSignedUrl,
  SignetError,
  signUrl,
  verifySignature,
} from '../../src/core/index.ts';
import { encodeCloudFrontBase64 } from '../../src/core/lib/base64.ts';
import { opensslSign } from '../support/openssl.ts';
import { awsCases, vectorFile } from '../support/vectors.ts';

const NOW = Date.UTC(2026, 10, 29, 10, 0, 0);
const D = 'https://d111111abcdef8.cloudfront.net';

describe('inspectSignedUrl', () => {
  it('decodes a canned URL: policy rebuilt from the URL, times as ISO and relative to now', async () => {
    const key = await importPrivateKey(vectorFile('keys/sep-test-rsa-key.pem'));
    const { url } = await signUrl({
      url: `${D}/a.jpg?x=1`,
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: NOW / 1000 + 3599,
    });
    const inspection = inspectSignedUrl(url, { now: NOW });
    expect(inspection).toMatchObject({
      source: 'url',
      unsignedUrl: `${D}/a.jpg?x=1`,
      policyType: 'canned',
      resource: `${D}/a.jpg?x=1`,
      hashAlgorithm: 'SHA1',
      keyPairId: 'K1',
      dateLessThan: {
        epochSeconds: NOW / 1000 + 3599,
        iso: '2026-11-29T10:59:59Z',
        relative: 'in 59 minutes',
      },
    });
    expect(inspection.policy).toBe(
      `{"Statement":[{"Resource":"${D}/a.jpg?x=1","Condition":{"DateLessThan":{"AWS:EpochTime":${NOW / 1000 + 3599}}}}]}`,
    );
    expect(inspection.warnings.map((w) => w.code)).toEqual(['SHA1_IN_USE']);
  });

  it('decodes a custom policy with its start, IP range and SHA-256', async () => {
    const key = await importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
    const { url } = await signUrl({
      url: `${D}/v/a.mp4`,
      policyResource: `${D}/v/*`,
      keyPairId: 'K2',
      privateKey: key,
      dateLessThan: NOW / 1000 + 7200,
      dateGreaterThan: NOW / 1000 - 180,
      ipAddress: '192.0.2.0/24',
    });
    const inspection = inspectSignedUrl(url, { now: NOW });
    expect(inspection).toMatchObject({
      policyType: 'custom',
      resource: `${D}/v/*`,
      ipAddress: '192.0.2.0/24',
      hashAlgorithm: 'SHA256',
      dateGreaterThan: { iso: '2026-11-29T09:57:00Z', relative: '3 minutes ago' },
      dateLessThan: { relative: 'in 2 hours' },
    });
    expect(inspection.warnings).toEqual([]);
  });

  it('warns: expired, not yet valid, wildcard in a canned policy, too long, http, SHA-1, parameters after Key-Pair-Id', () => {
    const expired = inspectSignedUrl(
      `http://d1.example.net/a*.jpg?Expires=1767290400&Signature=abc&Key-Pair-Id=K1&x=1`,
      {
        now: NOW,
      },
    );
    expect(expired.warnings.map((w) => w.code)).toEqual([
      'SHA1_IN_USE',
      'EXPIRED',
      'WILDCARD_IN_CANNED',
      'PARAMETERS_AFTER_KEY_PAIR_ID',
      'HTTP_NOT_HTTPS',
    ]);
    expect(expired.warnings[1]?.message).toMatch(/Expired 331 days ago/);
    const policy = encodeCloudFrontBase64(
      new TextEncoder().encode(
        `{"Statement":[{"Resource":"${D}/*","Condition":{"DateLessThan":{"AWS:EpochTime":${NOW / 1000 + 60}},"DateGreaterThan":{"AWS:EpochTime":${NOW / 1000 + 30}}}}]}`,
      ),
    );
    const early = inspectSignedUrl(
      `${D}/${'a'.repeat(8200)}?Policy=${policy}&Signature=x&Key-Pair-Id=K1&Hash-Algorithm=SHA256`,
      {
        now: NOW,
      },
    );
    expect(early.warnings.map((w) => w.code)).toEqual(['NOT_YET_VALID', 'URL_TOO_LONG']);
  });

  it('reports damage instead of throwing, and throws only for what is not a URL', () => {
    const damaged = inspectSignedUrl(`${D}/a.jpg?Policy=@@@&Signature=x&Hash-Algorithm=MD5`, {
      now: NOW,
    });
    expect(damaged.warnings.map((w) => w.code)).toEqual([
      'MISSING_KEY_PAIR_ID',
      'UNKNOWN_HASH_ALGORITHM',
      'MALFORMED_POLICY',
    ]);
    expect(inspectSignedUrl(`${D}/a.jpg`).warnings.map((w) => w.code)).toEqual(['NOT_SIGNED']);
    expect(() => inspectSignedUrl('not a url')).toThrow(SignetError);
  });
});

describe('inspectSignedCookies', () => {
  it('decodes the AWS CLI cookie case, leaving the canned resource to the request', () => {
    const testCase = awsCases.find((c) => c.id === '021');
    const inspection = inspectSignedCookies(testCase?.expected.cookies ?? {}, { now: NOW });
    expect(inspection).toMatchObject({
      source: 'cookies',
      policyType: 'canned',
      hashAlgorithm: 'SHA256',
      keyPairId: 'K1TESTKEY',
    });
    expect(inspection.resource).toBeUndefined();
    expect(inspection.warnings.map((w) => w.code)).toEqual(['EXPIRED']);
  });

  it('decodes a custom cookie policy from Set-Cookie lines', () => {
    const testCase = awsCases.find((c) => c.id === '022');
    const lines = Object.entries(testCase?.expected.cookies ?? {}).map(
      ([n, v]) => `Set-Cookie: ${n}=${v}; Secure; HttpOnly`,
    );
    const inspection = inspectSignedCookies(lines, { now: Date.UTC(2025, 0, 1) });
    expect(inspection).toMatchObject({
      policyType: 'custom',
      resource: `${D}/*`,
      ipAddress: '10.0.0.0/8',
    });
    expect(inspection.policy).toBe(testCase?.expected.policyJson);
  });
});

describe('the 18 signed AWS shared cases, as CloudFront would see them', () => {
  const signedCases = awsCases.filter((c) => c.assertion !== 'error');
  it('are 18', () => expect(signedCases).toHaveLength(18));
  for (const testCase of signedCases) {
    it(`${testCase.id} ${testCase.name}: allowed before expiry, denied after, denied with a changed byte`, async () => {
      const key = await importPrivateKey(vectorFile(testCase.keyFile));
      const signed = await signUrl({
        url: testCase.url.includes('*') ? `${D}/video.mp4` : testCase.url,
        policyResource:
          testCase.resource ?? (testCase.url.includes('*') ? testCase.url : undefined),
        keyPairId: testCase.keyPairId,
        privateKey: key,
        dateLessThan: testCase.dateLessThan as number,
        dateGreaterThan: testCase.dateGreaterThan,
        ipAddress: testCase.ipAddress,
        hashAlgorithm: testCase.hash,
      });
      if (testCase.expected.signature) expect(signed.signature).toBe(testCase.expected.signature);
      const trustedKeys = { [testCase.keyPairId]: key.publicKey };
      const viewerIp = testCase.ipAddress?.replace(/0\/\d+$/, '7');
      const inside = ((testCase.dateGreaterThan ?? 1767200000) + 60) * 1000;
      expect(
        (await evaluateRequest({ url: signed.url, viewerIp, now: inside, trustedKeys })).allowed,
      ).toBe(true);
      const after = ((testCase.dateLessThan as number) + 1) * 1000;
      expect(
        (await evaluateRequest({ url: signed.url, viewerIp, now: after, trustedKeys })).code,
      ).toBe('AccessDenied');
      const signature = signed.signature;
      const flipped = `${signature.slice(0, 20)}${signature[20] === 'A' ? 'B' : 'A'}${signature.slice(21)}`;
      const changed = signed.url.replace(signature, flipped);
      expect(
        (await evaluateRequest({ url: changed, viewerIp, now: inside, trustedKeys })).allowed,
      ).toBe(false);
    });
  }
});

describe('signatures made by openssl over a policy', () => {
  const policy = `{"Statement":[{"Resource":"${D}/*","Condition":{"DateLessThan":{"AWS:EpochTime":${NOW / 1000 + 600}}}}]}`;
  for (const type of ['rsa', 'ec'] as const) {
    for (const hash of ['SHA1', 'SHA256'] as const) {
      it(`${type.toUpperCase()} ${hash}: verify, and fail over a changed policy`, async () => {
        const pair =
          type === 'rsa'
            ? generateKeyPairSync('rsa', { modulusLength: 2048 })
            : generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
        const publicKey = await importPublicKey(
          pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
        );
        const signature = encodeCloudFrontBase64(opensslSign(privatePem, policy, hash));
        expect(await verifySignature({ policy, signature, publicKey, hashAlgorithm: hash })).toBe(
          'valid',
        );
        const changed = policy.replace('/*', '/x*');
        expect(
          await verifySignature({ policy: changed, signature, publicKey, hashAlgorithm: hash }),
        ).toBe('invalid');

        const encoded = encodeCloudFrontBase64(new TextEncoder().encode(policy));
        const url = `${D}/a.jpg?Policy=${encoded}&Signature=${signature}&Key-Pair-Id=K1${hash === 'SHA256' ? '&Hash-Algorithm=SHA256' : ''}`;
        const verdict = await evaluateRequest({ url, now: NOW, trustedKeys: { K1: publicKey } });
        expect(verdict.allowed).toBe(true);
        const forged = encodeCloudFrontBase64(new TextEncoder().encode(changed));
        const denied = await evaluateRequest({
          url: url.replace(encoded, forged),
          now: NOW,
          trustedKeys: { K1: publicKey },
        });
        expect(denied.code).toBe('AccessDenied');
      });
    }
  }

  it('a PKCS#1 RSA public key (BEGIN RSA PUBLIC KEY) verifies too', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const publicKey = await importPublicKey(
      pair.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    );
    const signature = encodeCloudFrontBase64(opensslSign(privatePem, policy, 'SHA1'));
    expect(await verifySignature({ policy, signature, publicKey, hashAlgorithm: 'SHA1' })).toBe(
      'valid',
    );
  });
});
