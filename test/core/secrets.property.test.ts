/**
 * No secret is ever echoed (issue 12, must-show 1, the library): a private key generated here
 * (RSA or EC; PEM, base64 without armour, DER as text) or a passphrase, given to any option of any
 * public call, never shows a 16-character run of itself in a thrown SignetError (message, field,
 * cause, any property) nor in the messages of what the call returns.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as signet from '../../src/core/index.ts';
import {
  errorTexts,
  generateSecretKeys,
  leakIn,
  passphrase,
  type Secret,
  secretRuns,
} from '../support/secrets.ts';
import { vectorFile } from '../support/vectors.ts';

const EXPIRES = 2000000000;
let keys: Secret[];
let key: signet.SigningKey;
let signedUrl: string;
let encryptedPem: string;

beforeAll(async () => {
  keys = generateSecretKeys();
  key = await signet.importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
  signedUrl = (
    await signet.signUrl({
      url: 'https://d1.example.net/videos/a.jpg',
      policyResource: 'https://d1.example.net/videos/*',
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: EXPIRES,
      ipAddress: '192.0.2.0/24',
    })
  ).url;
  encryptedPem = (keys.find((secret) => secret.name.includes('encrypted')) as Secret).value;
}, 60_000);

const signing = () => ({
  url: 'https://d1.example.net/videos/a.jpg',
  resource: 'https://d1.example.net/videos/*',
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey: key as signet.SigningKey | string,
  dateLessThan: EXPIRES,
  dateGreaterThan: EXPIRES - 3600,
  ipAddress: '192.0.2.0/24',
  policyResource: 'https://d1.example.net/videos/*',
  hashAlgorithm: 'SHA256',
  now: EXPIRES * 1000 - 60_000,
});
const SIGNING = [
  'keyPairId',
  'privateKey',
  'dateLessThan',
  'dateGreaterThan',
  'ipAddress',
  'hashAlgorithm',
  'now',
];
const ATTRIBUTES = ['domain', 'path', 'secure', 'httpOnly', 'sameSite', 'expires', 'maxAge'];

type Slot = (secret: string) => unknown;

/** Every option of every public call, as a place to put the secret. */
const SLOTS: Record<string, Slot> = {
  'importPrivateKey(input)': (s) => signet.importPrivateKey(s),
  'importPrivateKey(encrypted key, { passphrase })': (s) =>
    signet.importPrivateKey(encryptedPem, { passphrase: s }),
  'importPublicKey(input)': (s) => signet.importPublicKey(s),
  'generateKeyPair(type)': (s) => signet.generateKeyPair(s as signet.KeyType),
  'encodeUrlForSigning(raw)': (s) => signet.encodeUrlForSigning(s),
  'inspectSignedUrl(url)': (s) => signet.inspectSignedUrl(s),
  'inspectSignedUrl(url, { now })': (s) =>
    signet.inspectSignedUrl(signedUrl, { now: s as unknown as number }),
  'inspectSignedCookies(text)': (s) => signet.inspectSignedCookies(s),
  'inspectSignedCookies(map)': (s) =>
    signet.inspectSignedCookies({ 'CloudFront-Policy': s, 'CloudFront-Signature': s }),
  'inspectSignedCookies(cookies, { now })': (s) =>
    signet.inspectSignedCookies('CloudFront-Expires=1', { now: s as unknown as number }),
  'matchResource(resource)': (s) => signet.matchResource(s, 'https://d1.example.net/a'),
  'matchResource(url)': (s) => signet.matchResource('https://d1.example.net/*', s),
  'matchResource(reading)': (s) =>
    signet.matchResource('https://d1.example.net/*', 'https://d1.example.net/a', s as never),
  'signatureParams(type, hash)': (s) => signet.signatureParams(s as never, s as never),
  'signUrls(urls)': (s) => drain(signet.signUrls([s], signing())),
  ...Object.fromEntries(
    [...SIGNING, 'url', 'policyResource'].map((name) => [
      `signUrl({ ${name} })`,
      (s: string) => signet.signUrl({ ...signing(), [name]: s }),
    ]),
  ),
  ...Object.fromEntries(
    [...SIGNING, 'policyResource', 'concurrency', 'signal', 'rawSigner'].map((name) => [
      `signUrls(urls, { ${name} })`,
      (s: string) =>
        drain(
          signet.signUrls(['https://d1.example.net/videos/b.jpg'], { ...signing(), [name]: s }),
        ),
    ]),
  ),
  ...Object.fromEntries(
    [...SIGNING, 'resource', 'cookieAttributes'].map((name) => [
      `signCookies({ ${name} })`,
      (s: string) => signet.signCookies({ ...signing(), [name]: s }),
    ]),
  ),
  ...Object.fromEntries(
    ATTRIBUTES.map((name) => [
      `signCookies({ cookieAttributes: { ${name} } })`,
      (s: string) =>
        signet.signCookies({
          ...signing(),
          cookieAttributes: { [name]: s } as signet.CookieAttributes,
        }),
    ]),
  ),
  ...Object.fromEntries(
    ['url', 'cookies', 'viewerIp', 'now', 'trustedKeys', 'wildcardReading'].map((name) => [
      `evaluateRequest({ ${name} })`,
      (s: string) =>
        signet.evaluateRequest({
          url: signedUrl,
          viewerIp: '192.0.2.7',
          now: EXPIRES * 1000 - 60_000,
          trustedKeys: { K1: key.publicKey },
          [name]: s,
        } as signet.EvaluateRequestOptions),
    ]),
  ),
  'evaluateRequest({ trustedKeys: { K1: secret } })': (s) =>
    signet.evaluateRequest({ url: signedUrl, trustedKeys: { K1: s } }),
  ...Object.fromEntries(
    ['policy', 'signature', 'publicKey', 'hashAlgorithm'].map((name) => [
      `verifySignature({ ${name} })`,
      (s: string) =>
        signet.verifySignature({
          policy: '{}',
          signature: 'AAAA',
          publicKey: key.publicKey,
          hashAlgorithm: 'SHA256',
          [name]: s,
        } as signet.VerifySignatureOptions),
    ]),
  ),
};

async function drain(lines: AsyncIterable<signet.BatchResult>): Promise<signet.BatchResult[]> {
  const out: signet.BatchResult[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** The parts of a result that are written for a person, or handed out: messages and URLs. */
const SHOWN = new Set(['message', 'reason', 'why', 'explanation', 'changes', 'url']);

/**
 * The texts a result shows: its messages (warnings, a verdict's reason, why a policy is custom, an
 * explanation, what encoding changed), the URL it hands out, and any SignetError in it. Values an
 * inspection or a batch line returns as found in the caller's own input are data, not shown here.
 */
function resultTexts(value: unknown, depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 6) return [];
  if (value instanceof signet.SignetError) return errorTexts(value);
  const texts: string[] = [];
  for (const [name, inner] of Object.entries(value)) {
    if (SHOWN.has(name) && typeof inner === 'string') texts.push(inner);
    else if (SHOWN.has(name) && Array.isArray(inner)) texts.push(...inner.map(String));
    else texts.push(...resultTexts(inner, depth + 1));
  }
  return texts;
}

async function check(slot: string, secret: Secret): Promise<void> {
  const runs = secretRuns(secret);
  let texts: string[];
  try {
    const result = await (SLOTS[slot] as Slot)(secret.value);
    // A key given where a key belongs is used, not echoed: its result is a key, left out above.
    texts = resultTexts(result);
  } catch (error) {
    expect(error, `${slot} with a ${secret.name}`).toBeInstanceOf(signet.SignetError);
    texts = errorTexts(error);
  }
  for (const text of texts) {
    const leak = leakIn(text, runs);
    expect(leak, `${slot} with a ${secret.name} showed ${JSON.stringify(leak)} in: ${text}`).toBe(
      undefined,
    );
  }
}

describe('a private key or passphrase given to the wrong option is never echoed', () => {
  it('has a slot for every option of every public call', () => {
    const calls = new Set(Object.keys(SLOTS).map((slot) => slot.split('(')[0]));
    const exported = Object.entries(signet)
      .filter(([name, value]) => typeof value === 'function' && name !== 'SignetError')
      .map(([name]) => name);
    expect([...calls].sort()).toEqual(exported.sort());
  });

  for (const slot of Object.keys(SLOTS)) {
    it(`${slot}: every key form, and generated passphrases`, async () => {
      for (const secret of keys) await check(slot, secret);
      await fc.assert(
        fc.asyncProperty(passphrase, (secret) => check(slot, secret)),
        { numRuns: 15 },
      );
    });
  }
});
