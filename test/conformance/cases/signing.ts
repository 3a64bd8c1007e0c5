/** Signed URLs and cookies: canned or custom and why, times, IP ranges, options, batches. */

import {
  encodeUrlForSigning,
  evaluateRequest,
  importPrivateKey,
  type SigningKey,
  type SignUrlOptions,
  signCookies,
  signUrl,
  signUrls,
} from '../../../src/core/index.ts';
import { type ConformanceCase, D, KEY_PAIR_ID, NOW } from '../case.ts';
import { equal, matches, ok, refused } from '../check.ts';
import { keys } from '../fixtures.ts';

const EXPIRES = 1767290400; // 2026-01-01T18:00:00Z
const SIGNED_AT = Date.UTC(2026, 0, 1);
const URL_ = `${D}/image.jpg`;

let rsaKey: Promise<SigningKey> | undefined;
let ecdsaKey: Promise<SigningKey> | undefined;
/** The RSA 2048 and P-256 fixtures, imported once per run. */
const rsa = () => {
  rsaKey ??= importPrivateKey(keys.rsa2048Pkcs8);
  return rsaKey;
};
const ecdsa = () => {
  ecdsaKey ??= importPrivateKey(keys.p256Pkcs8);
  return ecdsaKey;
};

async function base(key: Promise<SigningKey> = rsa()) {
  return {
    url: URL_,
    keyPairId: KEY_PAIR_ID,
    privateKey: await key,
    dateLessThan: EXPIRES,
    now: SIGNED_AT,
  };
}

/** The epoch second that signUrl reads from a dateLessThan value. */
async function expiryOf(dateLessThan: SignUrlOptions['dateLessThan']): Promise<number> {
  return (await signUrl({ ...(await base(ecdsa())), dateLessThan })).dateLessThan;
}

export const signingCases: readonly ConformanceCase[] = [
  {
    name: 'sign: a canned policy when only an expiry is set, and `why` says so',
    async run() {
      const signed = await signUrl({ ...(await base()), hashAlgorithm: 'SHA256' });
      equal(signed.policyType, 'canned', 'policy type');
      matches(signed.why, /^canned: only an expiry/, 'why');
      matches(
        signed.url,
        /^https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg\?Expires=1767290400&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256$/,
        'url',
      );
      equal(
        Object.keys(signed.queryParameters),
        ['Expires', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'],
        'parameters',
      );
    },
  },
  {
    name: 'sign: a custom policy for a start, an IP range, a wildcard and another resource, naming each',
    async run() {
      const signed = await signUrl({
        ...(await base()),
        hashAlgorithm: 'SHA256',
        dateGreaterThan: EXPIRES - 60,
        ipAddress: '192.0.2.7',
        policyResource: `${D}/*`,
      });
      equal(signed.policyType, 'custom', 'policy type');
      equal(
        signed.why,
        'custom: a start time (DateGreaterThan) is set; an IP range (IpAddress) is set; the resource has a * wildcard; the policy resource differs from the URL being signed',
        'why',
      );
      equal(
        signed.policy,
        `{"Statement":[{"Resource":"${D}/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"192.0.2.7/32"},"DateGreaterThan":{"AWS:EpochTime":1767290340}}}]}`,
        'policy',
      );
      matches(
        signed.url,
        /\?Policy=[A-Za-z0-9~_-]+&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256$/,
        'url',
      );
      const same = await signUrl({
        ...(await base()),
        policyResource: URL_,
        hashAlgorithm: 'SHA256',
      });
      equal(same.policyType, 'canned', 'a policy resource equal to the URL stays canned');
    },
  },
  {
    name: 'sign: SHA-1 by default for RSA, SHA-256 for ECDSA; Hash-Algorithm only for SHA-256, after the caller’s query',
    needs: ['RSA-SHA1'],
    async run() {
      const sha1 = await signUrl(await base());
      equal(sha1.hashAlgorithm, 'SHA1', 'RSA default');
      ok(!sha1.url.includes('Hash-Algorithm'), 'no Hash-Algorithm for SHA-1');
      const ec = await signUrl(await base(ecdsa()));
      equal(ec.hashAlgorithm, 'SHA256', 'ECDSA default');
      const query = await signUrl({
        ...(await base()),
        url: `${URL_}?size=large`,
        hashAlgorithm: 'sha-256',
      });
      matches(
        query.url,
        /\?size=large&Expires=1767290400&Signature=.+&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256$/,
        'url',
      );
    },
  },
  {
    name: 'sign: a PEM string as privateKey gives the same URL as the imported key',
    async run() {
      const imported = await signUrl({ ...(await base()), hashAlgorithm: 'SHA256' });
      const fromPem = await signUrl({
        ...(await base()),
        hashAlgorithm: 'SHA256',
        privateKey: keys.rsa2048Pkcs1,
      });
      equal(fromPem.url, imported.url, 'url');
    },
  },
  {
    name: 'sign: warns about an expiry in the past, plain http and a signed URL over 8,192 bytes',
    async run() {
      const signed = await signUrl({
        ...(await base(ecdsa())),
        // Under the 8,192 characters a URL to sign may have; with its signature, over them.
        url: `http://d111111abcdef8.cloudfront.net/${'a'.repeat(8100)}`,
        now: (EXPIRES + 1) * 1000,
      });
      equal(
        signed.warnings.map((warning) => warning.code),
        ['ALREADY_EXPIRED', 'HTTP_NOT_HTTPS', 'URL_TOO_LONG'],
        'warnings',
      );
    },
  },
  {
    name: 'sign: refuses bad options with a specific code and the field they belong to',
    async run() {
      const options = await base(ecdsa());
      const table: [Partial<Record<keyof SignUrlOptions, unknown>>, string, string][] = [
        [{ keyPairId: '' }, 'ERR_KEY_PAIR_ID', 'keyPairId'],
        [{ keyPairId: 'a1b2c3d4-5678-90ab-cdef-000000000001' }, 'ERR_KEY_PAIR_ID', 'keyPairId'],
        [{ dateLessThan: undefined }, 'ERR_EXPIRY_REQUIRED', 'dateLessThan'],
        [{ dateGreaterThan: EXPIRES }, 'ERR_START_NOT_BEFORE_EXPIRY', 'dateGreaterThan'],
        [{ ipAddress: '300.1.1.1' }, 'ERR_IP_INVALID', 'ipAddress'],
        [{ hashAlgorithm: 'MD5' }, 'ERR_HASH_ALGORITHM', 'hashAlgorithm'],
        [{ url: `${URL_}#x` }, 'ERR_URL_FRAGMENT', 'url'],
        [{ url: `${URL_}?Signature=x` }, 'ERR_URL_SIGNED', 'url'],
        [{ policyResource: 'ftp://x/*' }, 'ERR_RESOURCE_INVALID', 'policyResource'],
        [{ privateKey: {} }, 'ERR_KEY_NOT_RECOGNIZED', 'privateKey'],
      ];
      for (const [change, code, field] of table) {
        await refused(
          signUrl({ ...options, ...change } as SignUrlOptions),
          code as Parameters<typeof refused>[1],
          JSON.stringify(change),
          field,
        );
      }
    },
  },
  {
    name: 'time: Date, epoch seconds, digits and the AWS CLI date forms with offsets read as the same second',
    async run() {
      for (const input of [
        1767290400,
        1767290400.9,
        '1767290400',
        new Date('2026-01-01T18:00:00.999Z'),
        '2026-01-01T18:00:00Z',
        '2026-01-01T18:00:00',
        '2026-01-01 18:00:00',
        '2026-01-01T18:00',
        '2026-01-01T20:00:00+02:00',
        '2026-01-01T20:00:00+0200',
        '2026-01-01T13:00:00-05:00',
      ]) {
        equal(await expiryOf(input), 1767290400, String(input));
      }
      equal(await expiryOf('2026-01-02'), Date.UTC(2026, 0, 2) / 1000, 'a day is midnight UTC');
      await refused(expiryOf('2026-02-30'), 'ERR_TIME_INVALID', 'February 30th');
      await refused(expiryOf('tomorrow'), 'ERR_TIME_INVALID', 'tomorrow');
    },
  },
  {
    name: 'time: a millisecond epoch is refused with ERR_TIME_MILLISECONDS, saying what the seconds are',
    async run() {
      const error = await refused(
        expiryOf(1767290400000),
        'ERR_TIME_MILLISECONDS',
        'ms',
        'dateLessThan',
      );
      matches(error.message, /Divide by 1000: 1767290400/, 'message');
      await refused(expiryOf('1767290400000'), 'ERR_TIME_MILLISECONDS', 'ms as digits');
    },
  },
  {
    name: 'time: past 2038-01-19T03:14:07Z or before 1970 is refused with ERR_TIME_RANGE',
    async run() {
      equal(await expiryOf(2147483647), 2147483647, 'the last second CloudFront reads');
      const error = await refused(expiryOf(2147483648), 'ERR_TIME_RANGE', '2^31');
      matches(error.message, /2038-01-19T03:14:07Z/, 'message');
      await refused(expiryOf('2038-01-19T03:14:08Z'), 'ERR_TIME_RANGE', 'as a date');
      await refused(expiryOf(-1), 'ERR_TIME_RANGE', 'before 1970');
    },
  },
  {
    name: 'ip: an IPv6 address is refused with ERR_IP_V6; a bare IPv4 address means /32',
    async run() {
      const options = await base(ecdsa());
      for (const ipAddress of ['2001:db8::1', '2001:db8::/32', '::ffff:192.0.2.7']) {
        await refused(signUrl({ ...options, ipAddress }), 'ERR_IP_V6', ipAddress, 'ipAddress');
      }
      equal(
        (await signUrl({ ...options, ipAddress: '192.0.2.7' })).ipAddress,
        '192.0.2.7/32',
        '/32',
      );
      equal(
        (await signUrl({ ...options, ipAddress: '198.51.100.0/24' })).ipAddress,
        '198.51.100.0/24',
        'a range',
      );
    },
  },
  {
    name: 'batch: signUrls yields in input order and reports a bad line without stopping',
    async run() {
      const options = await base(ecdsa());
      const urls = [`${D}/1.jpg`, `${D}/2.jpg#fragment`, `${D}/3.jpg`];
      const lines = [];
      for await (const line of signUrls(urls, { ...options, concurrency: 2 })) lines.push(line);
      equal(
        lines.map((line) => [line.index, line.ok]),
        [
          [0, true],
          [1, false],
          [2, true],
        ],
        'results',
      );
      const [first, second, third] = lines;
      ok(first?.ok && first.signed.url.startsWith(`${D}/1.jpg?Expires=`), 'first URL');
      ok(second && !second.ok && second.error.code === 'ERR_URL_FRAGMENT', 'second refused');
      ok(third?.ok && third.signed.url.startsWith(`${D}/3.jpg?Expires=`), 'third URL');
    },
  },
  {
    name: 'url: encodeUrlForSigning percent-encodes as UTF-8, punycodes the host and says what changed',
    async run() {
      const encoded = encodeUrlForSigning(
        'https://d1.example.net/my file "1" caf\u00e9 100%.jpg?q=a b&r=%2F',
      );
      equal(
        encoded.url,
        'https://d1.example.net/my%20file%20%221%22%20caf%C3%A9%20100%25.jpg?q=a%20b&r=%2F',
        'url',
      );
      equal(
        encoded.changes,
        ['percent-encoded characters in the path', 'percent-encoded characters in the query'],
        'changes',
      );
      equal(
        encodeUrlForSigning('https://B\u00fccher.example:8443/x').url,
        'https://xn--bcher-kva.example:8443/x',
        'punycode',
      );
      equal(
        encodeUrlForSigning('https://d1.example.net/\u{1F600}').url,
        'https://d1.example.net/%F0%9F%98%80',
        'astral plane',
      );
      const untouched = 'https://d1.example.net/a%20b.jpg?x=1';
      equal(
        encodeUrlForSigning(untouched),
        { url: untouched, changed: false, changes: [] },
        'as is',
      );
    },
  },
  {
    name: "cookies: Secure, HttpOnly session cookies for the resource's folder by default, one Set-Cookie value per cookie",
    async run() {
      const signed = await signCookies({ ...(await base(ecdsa())), resource: URL_ });
      equal(
        Object.keys(signed.cookies),
        [
          'CloudFront-Expires',
          'CloudFront-Signature',
          'CloudFront-Key-Pair-Id',
          'CloudFront-Hash-Algorithm',
        ],
        'cookie names',
      );
      equal(signed.setCookieHeaders.length, 4, 'Set-Cookie values');
      for (const header of signed.setCookieHeaders) {
        matches(header, /^CloudFront-[A-Za-z-]+=[^;]+; Path=\/; Secure; HttpOnly$/, 'Set-Cookie');
      }
      const warning = signed.warnings.find((w) => w.code === 'CANNED_COOKIE_ONE_URL');
      matches(
        warning?.message,
        /only https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg exactly/,
        'warning',
      );
    },
  },
  {
    name: 'cookies: Domain, Path, Expires, Max-Age and SameSite are written as asked',
    async run() {
      const signed = await signCookies({
        ...(await base(ecdsa())),
        resource: 'https://media.example.com/videos/*',
        cookieAttributes: {
          domain: 'media.example.com',
          path: '/videos/',
          sameSite: 'lax',
          expires: true,
          maxAge: 3600,
        },
      });
      equal(signed.policyType, 'custom', 'policy type');
      equal(
        signed.setCookieHeaders[3],
        'CloudFront-Hash-Algorithm=SHA256; Domain=media.example.com; Path=/videos/; Expires=Thu, 01 Jan 2026 18:00:00 GMT; Max-Age=3600; Secure; HttpOnly; SameSite=Lax',
        'Set-Cookie',
      );
    },
  },
  {
    name: 'cookies: attributes that browsers would reject or that would leak the cookie are refused',
    async run() {
      const options = { ...(await base(ecdsa())), resource: URL_ };
      for (const cookieAttributes of [
        { domain: '.cloudfront.net' },
        { path: 'videos' },
        { sameSite: 'None' as const, secure: false },
        { maxAge: -1 },
      ]) {
        await refused(
          signCookies({ ...options, cookieAttributes }),
          'ERR_COOKIE_ATTRIBUTE',
          JSON.stringify(cookieAttributes),
        );
      }
    },
  },
  {
    name: 'cookies: Set-Cookie values, a Cookie header and the map all pass evaluateRequest',
    async run() {
      const key = await ecdsa();
      const signed = await signCookies({
        ...(await base(ecdsa())),
        resource: `${D}/videos/*`,
        dateLessThan: NOW / 1000 + 600,
        now: NOW,
      });
      const header = Object.entries(signed.cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; ');
      for (const cookies of [signed.cookies, signed.setCookieHeaders, `Cookie: a=b; ${header}`]) {
        const verdict = await evaluateRequest({
          url: `${D}/videos/intro.mp4`,
          cookies,
          now: NOW,
          trustedKeys: { [KEY_PAIR_ID]: key.publicKey },
        });
        equal([verdict.allowed, verdict.source], [true, 'cookies'], `${JSON.stringify(cookies)}`);
      }
      const elsewhere = await evaluateRequest({
        url: `${D}/images/a.jpg`,
        cookies: signed.cookies,
        now: NOW,
        trustedKeys: { [KEY_PAIR_ID]: key.publicKey },
      });
      equal(elsewhere.code, 'AccessDenied', 'outside the resource');
    },
  },
];
