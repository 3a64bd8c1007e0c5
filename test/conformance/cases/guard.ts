/**
 * The viewer-access guard (restrictViewerAccess): a Fetch API Request in, CloudFront's verdict out,
 * with CloudFront's 403 byte for byte. The same cases run in every runtime of the suite.
 */

import {
  importPrivateKey,
  restrictViewerAccess,
  type SigningKey,
  signCookies,
  signUrl,
  type ViewerAccessGuard,
  type ViewerDenied,
} from '../../../src/core/index.ts';
import { type ConformanceCase, D, KEY_PAIR_ID, NOW } from '../case.ts';
import { equal, matches, ok, refused } from '../check.ts';
import { keys } from '../fixtures.ts';

const nowSeconds = NOW / 1000;
const LOCAL = 'http://localhost:8080';
/** The one header set CloudFront sends with a refused signed request, in its order. */
const ERROR_HEADERS = [
  'Server',
  'Date',
  'Content-Type',
  'Content-Length',
  'X-Cache',
  'Via',
  'X-Amz-Cf-Pop',
  'X-Amz-Cf-Id',
];

let rsaKey: Promise<SigningKey> | undefined;
const rsa = () => {
  rsaKey ??= importPrivateKey(keys.rsa2048Pkcs8);
  return rsaKey;
};

let sharedGuard: Promise<ViewerAccessGuard> | undefined;
/** Trusts the RSA fixture as KEY_PAIR_ID, checks against d111111abcdef8.cloudfront.net at NOW. */
const guard = () => {
  sharedGuard ??= restrictViewerAccess({
    trustedKeys: { [KEY_PAIR_ID]: keys.rsa2048Public },
    domainName: 'd111111abcdef8.cloudfront.net',
    now: () => NOW,
  });
  return sharedGuard;
};

/** A signed URL of the fixture key, moved from the distribution's domain to localhost. */
async function localSignedUrl(path: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { url } = await signUrl({
    url: `${D}${path}`,
    keyPairId: KEY_PAIR_ID,
    privateKey: await rsa(),
    dateLessThan: nowSeconds + 3600,
    now: NOW,
    hashAlgorithm: 'SHA256',
    ...extra,
  });
  return url.replace(D, LOCAL);
}

async function denied(request: Request, code: string, reason: RegExp): Promise<ViewerDenied> {
  const access = await (await guard())(request);
  if (access.allowed) throw new Error(`expected ${code}, but the request was allowed`);
  equal([access.status, access.code], [403, code], 'status and code');
  matches(access.reason, reason, 'reason');
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${access.verdict?.message}</Message></Error>`;
  equal(access.error.body, body, 'body');
  equal(
    access.error.headers.map(([name]) => name),
    ERROR_HEADERS,
    'header names in order',
  );
  const response = access.response;
  equal([response.status, response.statusText], [403, 'Forbidden'], 'response status');
  equal(await response.text(), body, 'response body');
  equal(response.headers.get('Content-Type'), 'text/xml', 'Content-Type');
  equal(response.headers.get('Content-Length'), String(body.length), 'Content-Length');
  equal(response.headers.get('Server'), 'CloudFront', 'Server');
  equal(response.headers.get('X-Cache'), 'Error from cloudfront', 'X-Cache');
  equal(response.headers.get('Date'), 'Sun, 29 Nov 2026 10:00:00 GMT', 'Date from the clock');
  matches(
    response.headers.get('Via') ?? '',
    /^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/,
    'Via',
  );
  matches(response.headers.get('X-Amz-Cf-Id') ?? '', /^[A-Za-z0-9_-]{54}==$/, 'X-Amz-Cf-Id');
  equal(response.headers.get('X-Amz-Cf-Pop'), 'LOCAL-P1', 'X-Amz-Cf-Pop');
  return access;
}

export const guardCases: readonly ConformanceCase[] = [
  {
    name: 'guard: a URL signed for the distribution domain is allowed on localhost, and the origin gets it without the signing parameters',
    async run() {
      const signed = await localSignedUrl('/videos/intro.mp4?quality=hd');
      const access = await (await guard())(new Request(signed), { viewerIp: '192.0.2.7' });
      ok(access.allowed, `allowed (${access.allowed ? '' : access.reason})`);
      if (!access.allowed) return;
      equal(access.checkedUrl, signed.replace(LOCAL, D), 'the URL checked');
      equal(access.request.url, `${LOCAL}/videos/intro.mp4?quality=hd`, 'the origin request URL');
      equal(access.request.headers.get('X-Forwarded-For'), '192.0.2.7', 'X-Forwarded-For');
      equal(access.verdict?.source, 'url', 'source');
      matches(access.verdict?.reason, /^signature valid \(K2JCJMDEHXQW5F/, 'reason');
    },
  },
  {
    name: 'guard: signed cookies for a folder (custom policy, wildcard) open every file in it and no other',
    needs: ['COOKIE-HEADER'],
    async run() {
      const { cookies } = await signCookies({
        resource: `${D}/hls/*`,
        keyPairId: KEY_PAIR_ID,
        privateKey: await rsa(),
        dateLessThan: nowSeconds + 3600,
        now: NOW,
        hashAlgorithm: 'SHA256',
      });
      const header = Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; ');
      const check = await guard();
      for (const path of ['/hls/index.m3u8', '/hls/seg-00001.ts?t=1']) {
        const access = await check(
          new Request(`${LOCAL}${path}`, { headers: { Cookie: `theme=dark; ${header}` } }),
        );
        ok(access.allowed, `${path} allowed (${access.allowed ? '' : access.reason})`);
        equal(access.allowed && access.verdict?.source, 'cookies', `${path}: source`);
      }
      await denied(
        new Request(`${LOCAL}/private/a.jpg`, { headers: { Cookie: header } }),
        'AccessDenied',
        /^resource https:\/\/d111111abcdef8\.cloudfront\.net\/hls\/\* does not match/,
      );
    },
  },
  {
    name: 'guard: MissingKey, with CloudFront’s headers in its order and its 146-byte body',
    async run() {
      const access = await denied(
        new Request(`${LOCAL}/a.jpg`),
        'MissingKey',
        /no signed URL parameters and no CloudFront-\* cookies/,
      );
      equal(access.error.body.length, 146, 'body length, as captured from CloudFront');
      equal(access.error.headers[3], ['Content-Length', '146'], 'Content-Length');
    },
  },
  {
    name: 'guard: InvalidKey for a key pair ID outside the key group',
    async run() {
      const signed = (await localSignedUrl('/a.jpg')).replace(KEY_PAIR_ID, 'KOTHERKEY0000');
      await denied(new Request(signed), 'InvalidKey', /KOTHERKEY0000 is not one of the trusted/);
    },
  },
  {
    name: 'guard: MalformedPolicy and MalformedSignature',
    async run() {
      const custom = await localSignedUrl('/a.jpg', { dateGreaterThan: nowSeconds - 60 });
      await denied(
        new Request(custom.replace(/Policy=[^&]+/, 'Policy=@@@')),
        'MalformedPolicy',
        /./,
      );
      await denied(
        new Request(custom.replace(/Signature=[^&]+/, 'Signature=!!!')),
        'MalformedSignature',
        /./,
      );
    },
  },
  {
    name: 'guard: AccessDenied for an expired link, a changed path and a viewer outside the IP range',
    async run() {
      const expired = await localSignedUrl('/a.jpg', {
        dateLessThan: nowSeconds - 180,
        now: NOW - 7200_000,
      });
      await denied(new Request(expired), 'AccessDenied', /^expired 3 minutes ago at /);
      const moved = (await localSignedUrl('/a.jpg')).replace('/a.jpg', '/b.jpg');
      await denied(new Request(moved), 'AccessDenied', /does not match the canned policy/);
      const ipBound = await localSignedUrl('/a.jpg', { ipAddress: '192.0.2.0/24' });
      const access = await (await guard())(new Request(ipBound), { viewerIp: '198.51.100.1' });
      equal(
        access.allowed ? '' : access.reason,
        'viewer 198.51.100.1 is outside 192.0.2.0/24',
        'IP',
      );
      const mapped = await (await guard())(new Request(ipBound), { viewerIp: '::ffff:192.0.2.9' });
      ok(mapped.allowed, 'an IPv4-mapped IPv6 viewer is read as IPv4');
    },
  },
  {
    name: 'guard: only restricted path patterns are checked; others pass unchanged, signing parameters and all',
    async run() {
      const check = await restrictViewerAccess({
        trustedKeys: new Map([[KEY_PAIR_ID, keys.rsa2048Public]]),
        pathPatterns: ['/videos/*', '*.m3u8', 'private/??.jpg'],
        now: () => new Date(NOW),
      });
      for (const path of ['/videos/a.mp4', '/live/index.m3u8', '/private/ab.jpg']) {
        const access = await check(new Request(`${LOCAL}${path}`));
        equal(access.allowed ? 'allowed' : access.code, 'MissingKey', `${path} is restricted`);
      }
      const open = `${LOCAL}/index.html?Signature=kept`;
      for (const url of [open, `${LOCAL}/private/abc.jpg`, `${LOCAL}/Videos/a.mp4`]) {
        const access = await check(new Request(url));
        ok(access.allowed && !access.restricted, `${url} is not restricted`);
        equal(access.allowed && access.request.url, url, `${url} reaches the origin as is`);
      }
    },
  },
  {
    name: 'guard: without a domain name the request is checked against its own URL',
    async run() {
      const check = await restrictViewerAccess({
        trustedKeys: { [KEY_PAIR_ID]: await rsa() },
        now: () => NOW,
      });
      const { url } = await signUrl({
        url: `${LOCAL}/a.jpg`,
        keyPairId: KEY_PAIR_ID,
        privateKey: await rsa(),
        dateLessThan: nowSeconds + 60,
        hashAlgorithm: 'SHA256',
      });
      const access = await check(new Request(url));
      ok(access.allowed, 'a URL signed for localhost:8080 is allowed there');
      const elsewhere = await check(new Request(url.replace(':8080', ':9090')));
      equal(elsewhere.allowed ? 'allowed' : elsewhere.code, 'AccessDenied', 'another port');
    },
  },
  {
    name: 'guard: a HEAD request gets the 403 headers without a body; a URL over 8,192 bytes gets 414',
    async run() {
      const access = await (await guard())(new Request(`${LOCAL}/a.jpg`, { method: 'HEAD' }));
      ok(!access.allowed, 'denied');
      if (access.allowed) return;
      equal(access.response.body, null, 'no body');
      equal(access.response.headers.get('Content-Length'), '146', 'Content-Length as for GET');
      const long = await (await guard())(new Request(`${LOCAL}/${'a'.repeat(8200)}`));
      equal(long.allowed ? 200 : [long.status, long.code], [414, undefined], '414, no code');
    },
  },
  {
    name: 'guard: bad options are refused with a SignetError that names them',
    async run() {
      await refused(restrictViewerAccess({ trustedKeys: {} }), 'ERR_SIGNED_INPUT', 'no keys');
      await refused(
        restrictViewerAccess({ trustedKeys: { K1: 'not a key' } }),
        'ERR_KEY_NOT_RECOGNIZED',
        'a bad key',
        'trustedKeys',
      );
      const trustedKeys = { K1: keys.rsa2048Public };
      await refused(
        restrictViewerAccess({ trustedKeys, domainName: 'https://d1.example.net/path' }),
        'ERR_DOMAIN_NAME',
        'a domain with a path',
      );
      await refused(
        restrictViewerAccess({ trustedKeys, pathPatterns: ['/a b/*'] }),
        'ERR_PATH_PATTERN',
        'a pattern with a space',
      );
      const check = await restrictViewerAccess({ trustedKeys });
      await refused(
        check('https://d1.example.net/a.jpg' as unknown as Request),
        'ERR_SIGNED_INPUT',
        'a string instead of a Request',
      );
    },
  },
];
