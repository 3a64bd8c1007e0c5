/** Reading links back: inspect, CloudFront's verdict emulated, ECDSA DER, wildcard matching. */

import {
  evaluateRequest,
  importPrivateKey,
  inspectSignedCookies,
  inspectSignedUrl,
  matchResource,
  SignetError,
  type SigningKey,
  signUrl,
  verifySignature,
} from '../../../src/core/index.ts';
import { type ConformanceCase, D, KEY_PAIR_ID, NOW } from '../case.ts';
import { equal, fromCloudFrontBase64, matches, ok } from '../check.ts';
import { awsCases, keys } from '../fixtures.ts';

const HOUR = 3600;
const nowSeconds = NOW / 1000;

let rsaKey: Promise<SigningKey> | undefined;
let ecdsaKey: Promise<SigningKey> | undefined;
const rsa = () => {
  rsaKey ??= importPrivateKey(keys.rsa2048Pkcs8);
  return rsaKey;
};
const ecdsa = () => {
  ecdsaKey ??= importPrivateKey(keys.p256Pkcs8);
  return ecdsaKey;
};

function awsCase(id: string) {
  const found = awsCases.find((testCase) => testCase.id === id);
  if (!found) throw new Error(`AWS case ${id} is not in the bundle`);
  return found;
}

/** A DER ECDSA-Sig-Value (RFC 3279 2.2.3): SEQUENCE { INTEGER r, INTEGER s }, minimal and positive. */
function expectEcdsaDer(der: Uint8Array): void {
  equal(der[0], 0x30, 'SEQUENCE tag');
  equal(der[1], der.length - 2, 'SEQUENCE length');
  let at = 2;
  for (const name of ['r', 's']) {
    equal(der[at], 0x02, `${name}: INTEGER tag`);
    const length = der[at + 1] as number;
    ok(length >= 1 && length <= 33, `${name}: length ${length}`);
    const first = der[at + 2] as number;
    const second = der[at + 3] as number;
    ok(first < 0x80, `${name}: positive`);
    ok(length === 1 || first !== 0 || second >= 0x80, `${name}: minimal`);
    at += 2 + length;
  }
  equal(at, der.length, 'nothing after s');
}

const table: [string, string, boolean][] = [
  // CloudFront Developer Guide, "Values that you specify in the policy statement".
  [`${D}/*game_download.zip*`, `${D}/example_game_download.zip?license=yes`, true],
  [`${D}/*game_download.zip*`, `${D}/game_download.txt`, false],
  [`${D}/training/*`, `${D}/training/2026/orientation.avi`, true],
  ['*', 'http://anything.example.org/x?y=z', true],
  [`${D}/images/*`, `${D}/images/photo1.jpg?size=large`, true],
  [`${D}/images/*.jpg`, `${D}/images/a.png?x=.jpg`, false],
  ['https://*.example.net/a.jpg', 'https://cdn.example.net/a.jpg', true],
  ['https://*.example.net/a.jpg', 'https://cdn.example.net/x/a.jpg', false],
  [`${D}*`, `${D}/any/path.mp4?and=query`, true],
  ['*.example.net/*', 'http://cdn.example.net/a.jpg', true],
  ['*://d1.example.net/a.jpg', 'http://d1.example.net/a.jpg', true],
  ['https://d1.example.net/a.jpg', 'http://d1.example.net/a.jpg', false],
  ['https://d1.example.net/image?.jpg', 'https://d1.example.net/image1.jpg', true],
  ['https://d1.example.net/image?.jpg', 'https://d1.example.net/image12.jpg', false],
  ['https://d1.example.net/a.jpg', 'https://d1.example.net/a.jpg?x=1', false],
];

export const inspectCases: readonly ConformanceCase[] = [
  {
    name: 'inspect: a canned URL decodes to its rebuilt policy, with times as ISO and relative to now',
    async run() {
      const { url } = await signUrl({
        url: `${D}/a.jpg?x=1`,
        keyPairId: 'K1',
        privateKey: await ecdsa(),
        dateLessThan: nowSeconds + HOUR - 1,
        now: NOW,
      });
      const inspection = inspectSignedUrl(url, { now: NOW });
      equal(
        [inspection.source, inspection.unsignedUrl, inspection.policyType, inspection.resource],
        ['url', `${D}/a.jpg?x=1`, 'canned', `${D}/a.jpg?x=1`],
        'source, URL, policy type, resource',
      );
      equal([inspection.hashAlgorithm, inspection.keyPairId], ['SHA256', 'K1'], 'hash, key');
      equal(
        inspection.dateLessThan,
        {
          epochSeconds: nowSeconds + HOUR - 1,
          iso: '2026-11-29T10:59:59Z',
          relative: 'in 59 minutes',
        },
        'dateLessThan',
      );
      equal(
        inspection.policy,
        `{"Statement":[{"Resource":"${D}/a.jpg?x=1","Condition":{"DateLessThan":{"AWS:EpochTime":${nowSeconds + HOUR - 1}}}}]}`,
        'policy',
      );
      equal(inspection.warnings, [], 'warnings');
    },
  },
  {
    name: 'inspect: a custom policy decodes with its start, IP range and SHA-256',
    async run() {
      const { url } = await signUrl({
        url: `${D}/v/a.mp4`,
        policyResource: `${D}/v/*`,
        keyPairId: 'K2',
        privateKey: await ecdsa(),
        dateLessThan: nowSeconds + 2 * HOUR,
        dateGreaterThan: nowSeconds - 180,
        ipAddress: '192.0.2.0/24',
      });
      const inspection = inspectSignedUrl(url, { now: NOW });
      equal(
        [
          inspection.policyType,
          inspection.resource,
          inspection.ipAddress,
          inspection.hashAlgorithm,
        ],
        ['custom', `${D}/v/*`, '192.0.2.0/24', 'SHA256'],
        'policy',
      );
      equal(
        [inspection.dateGreaterThan?.iso, inspection.dateGreaterThan?.relative],
        ['2026-11-29T09:57:00Z', '3 minutes ago'],
        'start',
      );
      equal(inspection.dateLessThan?.relative, 'in 2 hours', 'expiry');
    },
  },
  {
    name: 'inspect: warns about SHA-1, expiry, a wildcard in a canned policy, trailing parameters and http',
    async run() {
      const inspection = inspectSignedUrl(
        'http://d1.example.net/a*.jpg?Expires=1767290400&Signature=abc&Key-Pair-Id=K1&x=1',
        { now: NOW },
      );
      equal(
        inspection.warnings.map((warning) => warning.code),
        [
          'SHA1_IN_USE',
          'EXPIRED',
          'WILDCARD_IN_CANNED',
          'PARAMETERS_AFTER_KEY_PAIR_ID',
          'HTTP_NOT_HTTPS',
        ],
        'warnings',
      );
      matches(inspection.warnings[1]?.message, /Expired 331 days ago/, 'expiry message');
    },
  },
  {
    name: 'inspect: damage is reported as warnings; only what is not a URL throws a SignetError',
    async run() {
      const damaged = inspectSignedUrl(`${D}/a.jpg?Policy=@@@&Signature=x&Hash-Algorithm=MD5`, {
        now: NOW,
      });
      equal(
        damaged.warnings.map((warning) => warning.code),
        ['MISSING_KEY_PAIR_ID', 'UNKNOWN_HASH_ALGORITHM', 'MALFORMED_POLICY'],
        'warnings',
      );
      equal(
        inspectSignedUrl(`${D}/a.jpg`).warnings.map((warning) => warning.code),
        ['NOT_SIGNED'],
        'unsigned',
      );
      let thrown: unknown;
      try {
        inspectSignedUrl('not a url');
      } catch (error) {
        thrown = error;
      }
      ok(thrown instanceof SignetError, 'not a URL throws a SignetError');
    },
  },
  {
    name: 'inspect: the AWS CLI cookie cases read from a map (021) and from Set-Cookie lines (022)',
    async run() {
      const canned = inspectSignedCookies(awsCase('021').expected.cookies ?? {}, { now: NOW });
      equal(
        [canned.source, canned.policyType, canned.hashAlgorithm, canned.keyPairId, canned.resource],
        ['cookies', 'canned', 'SHA256', 'K1TESTKEY', undefined],
        'canned cookies',
      );
      const custom = awsCase('022');
      const lines = Object.entries(custom.expected.cookies ?? {}).map(
        ([name, value]) => `Set-Cookie: ${name}=${value}; Secure; HttpOnly`,
      );
      const inspection = inspectSignedCookies(lines, { now: Date.UTC(2025, 0, 1) });
      equal(
        [inspection.policyType, inspection.resource, inspection.ipAddress],
        ['custom', `${D}/*`, '10.0.0.0/8'],
        'custom cookies',
      );
      equal(inspection.policy, custom.expected.policyJson, 'policy');
    },
  },
  {
    name: 'ecdsa: the signature is DER, as CloudFront expects, and round-trips through evaluateRequest',
    async run() {
      const key = await ecdsa();
      const trustedKeys = { [KEY_PAIR_ID]: key.publicKey };
      for (let i = 0; i < 8; i++) {
        const signed = await signUrl({
          url: `${D}/ecdsa/${i}.jpg`,
          keyPairId: KEY_PAIR_ID,
          privateKey: key,
          dateLessThan: nowSeconds + HOUR,
        });
        expectEcdsaDer(fromCloudFrontBase64(signed.signature));
        const verdict = await evaluateRequest({ url: signed.url, now: NOW, trustedKeys });
        ok(verdict.allowed, `signature ${i} allowed (${verdict.reason})`);
        equal(
          await verifySignature({
            policy: signed.policy,
            signature: signed.signature,
            publicKey: key.publicKey,
            hashAlgorithm: 'SHA256',
          }),
          'valid',
          'verifySignature',
        );
      }
      const raw = 'A'.repeat(86); // 64 bytes of r‖s, not DER
      const verdict = await evaluateRequest({
        url: `${D}/a.jpg?Expires=${nowSeconds + HOUR}&Signature=${raw}&Key-Pair-Id=${KEY_PAIR_ID}&Hash-Algorithm=SHA256`,
        now: NOW,
        trustedKeys,
      });
      equal(verdict.allowed, false, 'a raw r‖s signature is not accepted');
    },
  },
  {
    name: 'evaluate: a custom-policy URL is allowed in its window and IP range only',
    async run() {
      const key = await rsa();
      const { url } = await signUrl({
        url: `${D}/videos/intro.mp4?quality=hd`,
        policyResource: `${D}/videos/*`,
        keyPairId: KEY_PAIR_ID,
        privateKey: key,
        dateLessThan: nowSeconds + HOUR,
        dateGreaterThan: nowSeconds - 60,
        ipAddress: '192.0.2.0/24',
        hashAlgorithm: 'SHA256',
      });
      const request = (now: number, viewerIp = '192.0.2.7', at = url) =>
        evaluateRequest({ url: at, now, viewerIp, trustedKeys: { [KEY_PAIR_ID]: key.publicKey } });
      const inside = await request(NOW);
      equal([inside.allowed, inside.status], [true, 200], `inside (${inside.reason})`);
      const expired = await request(NOW + (HOUR + 180) * 1000);
      equal(
        [expired.status, expired.code, expired.message, expired.reason],
        [403, 'AccessDenied', 'Access denied', 'expired 3 minutes ago at 2026-11-29T11:00:00Z'],
        'after the expiry',
      );
      const early = await request(NOW - 120_000);
      matches(
        early.reason,
        /^not valid yet: the policy starts after 2026-11-29T09:59:00Z/,
        'early',
      );
      const elsewhere = await request(NOW, '198.51.100.7');
      equal(elsewhere.reason, 'viewer 198.51.100.7 is outside 192.0.2.0/24', 'another IP');
      const uncovered = await request(NOW, '192.0.2.7', url.replace('/videos/', '/images/'));
      equal(uncovered.code, 'AccessDenied', 'another folder');
    },
  },
  {
    name: 'evaluate: tampering and missing pieces get CloudFront’s codes: AccessDenied, InvalidKey, MissingKey, Malformed*',
    async run() {
      const key = await rsa();
      const trustedKeys = { [KEY_PAIR_ID]: key.publicKey };
      const { url, signature } = await signUrl({
        url: `${D}/a.jpg`,
        keyPairId: KEY_PAIR_ID,
        privateKey: key,
        dateLessThan: nowSeconds + HOUR,
        hashAlgorithm: 'SHA256',
      });
      const code = async (at: string) =>
        (await evaluateRequest({ url: at, now: NOW, trustedKeys })).code;
      const flipped = `${signature.slice(0, 20)}${signature[20] === 'A' ? 'B' : 'A'}${signature.slice(21)}`;
      equal(await code(url.replace(signature, flipped)), 'AccessDenied', 'a changed signature');
      equal(await code(url.replace('/a.jpg', '/b.jpg')), 'AccessDenied', 'a changed path');
      equal(
        await code(url.replace(`Expires=${nowSeconds + HOUR}`, `Expires=${nowSeconds + HOUR + 1}`)),
        'AccessDenied',
        'a changed expiry',
      );
      equal(await code(url.replace(KEY_PAIR_ID, 'KUNKNOWN')), 'InvalidKey', 'an unknown key');
      equal(await code(url.replace(`&Key-Pair-Id=${KEY_PAIR_ID}`, '')), 'MissingKey', 'no key');
      equal(await code(`${D}/a.jpg`), 'MissingKey', 'unsigned');
      equal(
        await code(url.replace(signature, `${signature.slice(0, 10)}%%%`)),
        'MalformedSignature',
        'an undecodable signature',
      );
      equal(
        await code(`${D}/a.jpg?Policy=abc!!&Signature=${signature}&Key-Pair-Id=${KEY_PAIR_ID}`),
        'MalformedPolicy',
        'an undecodable policy',
      );
    },
  },
  {
    name: 'evaluate: signed URL parameters win over cookies, as on CloudFront',
    async run() {
      const key = await rsa();
      const other = await ecdsa();
      const { url } = await signUrl({
        url: `${D}/a.jpg`,
        keyPairId: KEY_PAIR_ID,
        privateKey: key,
        dateLessThan: nowSeconds + HOUR,
        hashAlgorithm: 'SHA256',
      });
      const verdict = await evaluateRequest({
        url,
        cookies: {
          'CloudFront-Expires': '1',
          'CloudFront-Signature': 'x',
          'CloudFront-Key-Pair-Id': 'KX',
        },
        now: NOW,
        trustedKeys: { [KEY_PAIR_ID]: key.publicKey, KX: other.publicKey },
      });
      equal([verdict.allowed, verdict.source], [true, 'url'], 'verdict');
    },
  },
  {
    name: 'wildcard: the documented resources cover exactly the URLs they should, section by section',
    async run() {
      for (const [resource, url, expected] of table) {
        const result = matchResource(resource, url);
        equal(result.matches, expected, `${resource} against ${url}`);
        if (!expected) ok(result.explanation, `${resource} against ${url}: an explanation`);
      }
    },
  },
  {
    name: 'wildcard: both readings of ? before a query, and explanations a person can act on',
    async run() {
      const wildcard = matchResource(
        'https://d1.example.net/a.jpg?size=*',
        'https://d1.example.net/a.jpgXsize=large',
      );
      equal(
        [wildcard.matches, wildcard.reading],
        [true, 'question-mark-wildcard'],
        '? as wildcard',
      );
      const escaped = matchResource(
        'https://d1.example.net/a.jpg\\?size=*',
        'https://d1.example.net/a.jpgXsize=large',
      );
      equal([escaped.matches, escaped.reading], [false, 'escaped-question-mark'], '\\? as literal');
      equal(
        matchResource('https://d1.example.net/images/*', 'https://d1.example.net/video/a.mp4')
          .explanation,
        "a wildcard in the path cannot reach another folder's name",
        'another folder',
      );
      matches(
        matchResource('https://d1.example.net/a.jpg', 'https://d1.example.net/a.jpg?x=1')
          .explanation,
        /query string \(\?x=1\) that the resource does not cover; end the resource with \*/,
        'a query',
      );
    },
  },
  {
    name: 'wildcard: a resource built to backtrack is answered without hanging',
    async run() {
      const resource = `https://d1.example.net/${'*a'.repeat(30)}`;
      const url = `https://d1.example.net/${'a'.repeat(4000)}b`;
      equal(matchResource(resource, url).matches, false, 'matches');
    },
  },
];
