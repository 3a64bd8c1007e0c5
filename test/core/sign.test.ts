import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CookieAttributes,
  importPrivateKey,
  SignetError,
  type SigningKey,
  signCookies,
  signUrl,
} from '../../src/core/index.ts';
import { vectorFile } from '../support/vectors.ts';

const URL_ = 'https://d111111abcdef8.cloudfront.net/image.jpg';
const EXPIRES = 1767290400;
const NOW = Date.UTC(2026, 0, 1);

let rsa: SigningKey;
let ecdsa: SigningKey;
beforeAll(async () => {
  rsa = await importPrivateKey(vectorFile('keys/sep-test-rsa-key.pem'));
  ecdsa = await importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
});

const base = () => ({
  url: URL_,
  keyPairId: 'K1TESTKEY',
  privateKey: rsa,
  dateLessThan: EXPIRES,
  now: NOW,
});

async function failure(promise: Promise<unknown>): Promise<SignetError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SignetError))
    throw new Error(`expected a SignetError, got ${String(error)}`);
  return error;
}

describe('signUrl', () => {
  it('makes a canned policy when only an expiry is set, and says why', async () => {
    const signed = await signUrl(base());
    expect(signed.policyType).toBe('canned');
    expect(signed.why).toMatch(/^canned: only an expiry/);
    expect(signed.url).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg\?Expires=1767290400&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=K1TESTKEY$/,
    );
    expect(Object.keys(signed.queryParameters)).toEqual(['Expires', 'Signature', 'Key-Pair-Id']);
  });

  it('makes a custom policy for each condition that needs one, naming every reason', async () => {
    const signed = await signUrl({
      ...base(),
      dateGreaterThan: EXPIRES - 60,
      ipAddress: '192.0.2.7',
      policyResource: 'https://d111111abcdef8.cloudfront.net/*',
    });
    expect(signed.policyType).toBe('custom');
    expect(signed.why).toBe(
      'custom: a start time (DateGreaterThan) is set; an IP range (IpAddress) is set; the resource has a * wildcard; the policy resource differs from the URL being signed',
    );
    expect(signed.policy).toBe(
      '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"192.0.2.7/32"},"DateGreaterThan":{"AWS:EpochTime":1767290340}}}]}',
    );
    expect(signed.url).toMatch(
      /\?Policy=[A-Za-z0-9~_-]+&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=K1TESTKEY$/,
    );
    expect(signed.ipAddress).toBe('192.0.2.7/32');
  });

  it('keeps a canned policy when the policy resource is the URL itself', async () => {
    expect((await signUrl({ ...base(), policyResource: URL_ })).policyType).toBe('canned');
  });

  it("appends after the caller's own query string, and Hash-Algorithm last only for SHA-256", async () => {
    const signed = await signUrl({
      ...base(),
      url: `${URL_}?size=large`,
      hashAlgorithm: 'sha-256',
    });
    expect(signed.url).toMatch(
      /\?size=large&Expires=1767290400&Signature=.+&Key-Pair-Id=K1TESTKEY&Hash-Algorithm=SHA256$/,
    );
    const sha1 = await signUrl({ ...base(), hashAlgorithm: 'SHA1' });
    expect(sha1.url).not.toMatch(/Hash-Algorithm/);
  });

  it('defaults to SHA-1 for RSA and SHA-256 for ECDSA', async () => {
    expect((await signUrl(base())).hashAlgorithm).toBe('SHA1');
    const signed = await signUrl({ ...base(), privateKey: ecdsa });
    expect(signed.hashAlgorithm).toBe('SHA256');
    expect(signed.url).toMatch(/&Hash-Algorithm=SHA256$/);
  });

  it('accepts a PEM string as the private key, for code moving from the AWS SDK', async () => {
    const fromPem = await signUrl({
      ...base(),
      privateKey: vectorFile('keys/sep-test-rsa-key.pem'),
    });
    expect(fromPem.url).toBe((await signUrl(base())).url);
  });

  it('warns about the RSA-1024 test key, http, an expiry in the past and a URL over 8,192 bytes', async () => {
    const signed = await signUrl({
      ...base(),
      url: `http://d111111abcdef8.cloudfront.net/${'a'.repeat(8100)}`,
      now: (EXPIRES + 1) * 1000,
    });
    expect(signed.warnings.map((warning) => warning.code)).toEqual([
      'RSA_KEY_SIZE',
      'ALREADY_EXPIRED',
      'HTTP_NOT_HTTPS',
      'URL_TOO_LONG',
    ]);
    expect(signed.warnings[3]?.message).toMatch(/8\d{3} bytes; CloudFront refuses URLs over 8192/);
  });

  it('refuses bad options with a specific code and the field they belong to', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ keyPairId: '' }, 'ERR_KEY_PAIR_ID', 'keyPairId'],
      [{ keyPairId: 'K1&x=y' }, 'ERR_KEY_PAIR_ID', 'keyPairId'],
      [{ keyPairId: 'a1b2c3d4-5678-90ab-cdef-000000000001' }, 'ERR_KEY_PAIR_ID', 'keyPairId'],
      [{ dateLessThan: undefined }, 'ERR_EXPIRY_REQUIRED', 'dateLessThan'],
      [{ dateLessThan: 'soon' }, 'ERR_TIME_INVALID', 'dateLessThan'],
      [{ dateLessThan: EXPIRES * 1000 }, 'ERR_TIME_MILLISECONDS', 'dateLessThan'],
      [{ dateLessThan: 2147483648 }, 'ERR_TIME_RANGE', 'dateLessThan'],
      [{ dateGreaterThan: EXPIRES }, 'ERR_START_NOT_BEFORE_EXPIRY', 'dateGreaterThan'],
      [{ ipAddress: '2001:db8::1' }, 'ERR_IP_V6', 'ipAddress'],
      [{ ipAddress: '300.1.1.1' }, 'ERR_IP_INVALID', 'ipAddress'],
      [{ hashAlgorithm: 'MD5' }, 'ERR_HASH_ALGORITHM', 'hashAlgorithm'],
      [{ url: `${URL_}#x` }, 'ERR_URL_FRAGMENT', 'url'],
      [{ url: `${URL_}?Signature=x` }, 'ERR_URL_SIGNED', 'url'],
      [{ policyResource: 'ftp://x/*' }, 'ERR_RESOURCE_INVALID', 'policyResource'],
      [{ privateKey: {} }, 'ERR_KEY_NOT_RECOGNIZED', 'privateKey'],
    ];
    for (const [change, code, field] of cases) {
      const error = await failure(
        signUrl({ ...base(), ...change } as Parameters<typeof signUrl>[0]),
      );
      expect([error.code, error.field], JSON.stringify(change)).toEqual([code, field]);
    }
  });

  it('explains a key group ID given as the key pair ID', async () => {
    const error = await failure(
      signUrl({ ...base(), keyPairId: 'a1b2c3d4-5678-90ab-cdef-000000000001' }),
    );
    expect(error.message).toMatch(/looks like a key group ID/);
  });
});

describe('signCookies', () => {
  const cookieBase = () => ({ ...base(), resource: URL_ });

  it("makes secure, HttpOnly session cookies for the resource's folder by default, with no Expires or Max-Age", async () => {
    const signed = await signCookies(cookieBase());
    expect(Object.keys(signed.cookies)).toEqual([
      'CloudFront-Expires',
      'CloudFront-Signature',
      'CloudFront-Key-Pair-Id',
    ]);
    for (const header of signed.setCookieHeaders) {
      expect(header).toMatch(/^CloudFront-[A-Za-z-]+=[^;]+; Path=\/; Secure; HttpOnly$/);
    }
  });

  it('writes the attributes asked for, in one Set-Cookie value per cookie', async () => {
    const signed = await signCookies({
      ...cookieBase(),
      resource: 'https://media.example.com/videos/*',
      hashAlgorithm: 'SHA256',
      cookieAttributes: {
        domain: 'media.example.com',
        path: '/videos/',
        sameSite: 'lax',
        expires: true,
        maxAge: 3600,
      },
    });
    expect(signed.policyType).toBe('custom');
    expect(Object.keys(signed.cookies)).toEqual([
      'CloudFront-Policy',
      'CloudFront-Signature',
      'CloudFront-Key-Pair-Id',
      'CloudFront-Hash-Algorithm',
    ]);
    expect(signed.setCookieHeaders[3]).toBe(
      'CloudFront-Hash-Algorithm=SHA256; Domain=media.example.com; Path=/videos/; Expires=Thu, 01 Jan 2026 18:00:00 GMT; Max-Age=3600; Secure; HttpOnly; SameSite=Lax',
    );
  });

  it('scope the default Path to the folder the resource covers, up to its first wildcard', async () => {
    const pathOf = async (resource: string) =>
      (await signCookies({ ...cookieBase(), resource })).setCookieHeaders[0]?.match(
        /; Path=([^;]*)/,
      )?.[1];
    expect(await pathOf('https://media.example.com/videos/*')).toBe('/videos/');
    expect(await pathOf('https://media.example.com/videos/2026/intro-*.mp4')).toBe('/videos/2026/');
    expect(await pathOf('https://media.example.com/a/b.jpg')).toBe('/a/');
    expect(await pathOf('https://media.example.com/*')).toBe('/');
    expect(await pathOf('*')).toBe('/');
    expect(await pathOf('*.example.com/hls/*')).toBe('/hls/');
  });

  it('refuse attributes of the wrong type with ERR_COOKIE_ATTRIBUTE', async () => {
    for (const cookieAttributes of [{ domain: 5 }, { path: ['/'] }, { expires: '2030-01-01' }]) {
      const error = await failure(
        signCookies({
          ...cookieBase(),
          cookieAttributes: cookieAttributes as unknown as CookieAttributes,
        }),
      );
      expect(error.code, JSON.stringify(cookieAttributes)).toBe('ERR_COOKIE_ATTRIBUTE');
    }
  });

  it('warns that a canned cookie unlocks one exact URL, suggesting a wildcard', async () => {
    const signed = await signCookies(cookieBase());
    const warning = signed.warnings.find((w) => w.code === 'CANNED_COOKIE_ONE_URL');
    expect(warning?.message).toMatch(
      /only https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg exactly.*https:\/\/d111111abcdef8\.cloudfront\.net\/\*/,
    );
  });

  it('warns when a cookie passes 4 KB', async () => {
    const signed = await signCookies({
      ...cookieBase(),
      resource: `https://media.example.com/${'a'.repeat(3500)}/*`,
    });
    expect(signed.warnings.map((w) => w.code)).toContain('COOKIE_TOO_LARGE');
  });

  it('refuses attributes that browsers would reject or that would leak the cookie', async () => {
    for (const cookieAttributes of [
      { domain: '.cloudfront.net' },
      { domain: 'Media.Example.com' },
      { path: 'videos' },
      { path: '/a;b' },
      { sameSite: 'None' as const, secure: false },
      { sameSite: 'sometimes' as 'Lax' },
      { maxAge: -1 },
      { expires: new Date('x') },
    ]) {
      const error = await failure(signCookies({ ...cookieBase(), cookieAttributes }));
      expect(error.code, JSON.stringify(cookieAttributes)).toBe('ERR_COOKIE_ATTRIBUTE');
    }
  });

  it('takes a bare * or *:// resource as a custom policy', async () => {
    expect((await signCookies({ ...cookieBase(), resource: '*' })).policyType).toBe('custom');
    expect(
      (await signCookies({ ...cookieBase(), resource: '*://media.example.com/*' })).resource,
    ).toBe('*://media.example.com/*');
  });
});
