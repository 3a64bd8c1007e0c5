/**
 * The library's side of the red-team findings (issue 12) and of the page's wrong diagnoses (issue
 * 13, defects 2 and 4), one block per finding, each reproducing what was found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeUrlForSigning,
  evaluateRequest,
  importPrivateKey,
  inspectSignedCookies,
  inspectSignedUrl,
  matchResource,
  SignetError,
  type SigningKey,
  signCookies,
  signUrl,
  signUrls,
} from '../../src/core/index.ts';
import { vectorFile } from '../support/vectors.ts';
import { fixtureText } from './keys.fixtures.ts';

const PEM = fixtureText('rsa-2048-pkcs8.pem');
const BASE = 'https://d111111abcdef8.cloudfront.net';
const EXPIRES = 2000000000;

async function ecdsaKey(): Promise<SigningKey> {
  return importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
}

async function refusal(call: () => unknown): Promise<SignetError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof SignetError) return error;
    throw new Error(`threw ${String(error)}, not a SignetError`, { cause: error });
  }
  throw new Error('was accepted');
}

/** The 16-character runs of the key's base64 body: none may appear in a message. */
function expectNoKeyIn(message: string): void {
  const body = PEM.split('\n')
    .filter((line) => !line.startsWith('-----'))
    .join('');
  for (let i = 0; i + 16 <= body.length; i += 4)
    expect(message).not.toContain(body.slice(i, i + 16));
  expect(message).not.toContain('MII');
}

describe('finding 2: a key given to the wrong option is described, never quoted', () => {
  for (const field of [
    'keyPairId',
    'ipAddress',
    'hashAlgorithm',
    'dateGreaterThan',
    'url',
  ] as const) {
    it(`signUrl({ ${field}: pem }) says what the value looks like`, async () => {
      const error = await refusal(async () =>
        signUrl({
          url: `${BASE}/a.jpg`,
          keyPairId: 'K2JCJMDEHXQW5F',
          privateKey: await ecdsaKey(),
          dateLessThan: EXPIRES,
          [field]: PEM,
        }),
      );
      expect(error.field).toBe(field);
      expect(error.message).toMatch(
        /a 1,\d{3}-character value that looks like a PEM private key \(BEGIN PRIVATE KEY\), not shown/,
      );
      expectNoKeyIn(error.message);
    });
  }

  it('evaluateRequest({ viewerIp: pem }) says what the value looks like', async () => {
    const key = await ecdsaKey();
    const { url } = await signUrl({
      url: `${BASE}/a.jpg`,
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: EXPIRES,
    });
    const error = await refusal(() =>
      evaluateRequest({ url, viewerIp: PEM, trustedKeys: { K1: key.publicKey } }),
    );
    expect(error).toMatchObject({ code: 'ERR_IP_INVALID', field: 'viewerIp' });
    expect(error.message).toMatch(/looks like a PEM private key/);
    expectNoKeyIn(error.message);
  });
});

describe('finding 3: a * in the URL to sign is a plain character, never a wildcard', () => {
  it('signs a canned policy, as the AWS CLI does', async () => {
    const signed = await signUrl({
      url: `${BASE}/report*.pdf`,
      keyPairId: 'K1',
      privateKey: await ecdsaKey(),
      dateLessThan: EXPIRES,
    });
    expect(signed.policyType).toBe('canned');
    expect(signed.url).toMatch(/\?Expires=2000000000&Signature=/);
  });

  it('so the signature opens that URL and no other that the * would match', async () => {
    const key = await ecdsaKey();
    const { url } = await signUrl({
      url: `${BASE}/report*.pdf`,
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: EXPIRES,
    });
    const now = (EXPIRES - 60) * 1000;
    const trustedKeys = { K1: key.publicKey };
    expect((await evaluateRequest({ url, now, trustedKeys })).allowed).toBe(true);
    const other = url.replace('report*.pdf', 'report-secret-2027.pdf');
    expect(await evaluateRequest({ url: other, now, trustedKeys })).toMatchObject({
      allowed: false,
      code: 'AccessDenied',
    });
  });

  it('is refused when the policy must be custom and no policy resource says a wildcard is meant', async () => {
    const error = await refusal(async () =>
      signUrl({
        url: `${BASE}/report*.pdf`,
        keyPairId: 'K1',
        privateKey: await ecdsaKey(),
        dateLessThan: EXPIRES,
        ipAddress: '192.0.2.0/24',
      }),
    );
    expect(error).toMatchObject({ code: 'ERR_URL_CHARACTERS', field: 'url' });
    expect(error.message).toMatch(/a \* at position 45.*%2A/);
  });

  it('is a wildcard in a policy resource and in a cookie resource', async () => {
    const key = await ecdsaKey();
    const url = await signUrl({
      url: `${BASE}/report-1.pdf`,
      policyResource: `${BASE}/report*.pdf`,
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: EXPIRES,
    });
    expect(url.policyType).toBe('custom');
    const cookies = await signCookies({
      resource: `${BASE}/report*.pdf`,
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: EXPIRES,
    });
    expect(cookies.policyType).toBe('custom');
  });
});

describe('finding 4: what a browser would send differently is refused, with its position', () => {
  it.each([
    [`${BASE}/download?filename*=UTF-8''report.pdf`, 'ERR_URL_CHARACTERS', /a ' at position 63/],
    [`${BASE}/a<b.jpg`, 'ERR_URL_CHARACTERS', /a < at position 40/],
    [`${BASE}/a>b.jpg`, 'ERR_URL_CHARACTERS', /a > at position 40/],
    [`${BASE}/a\`b.jpg`, 'ERR_URL_CHARACTERS', /a ` at position 40/],
    [`${BASE}/a{b}.jpg`, 'ERR_URL_CHARACTERS', /a \{ at position 40/],
    [`${BASE}/a|b.jpg`, 'ERR_URL_CHARACTERS', /a \| at position 40/],
    [`${BASE}/x?q=a|b`, 'ERR_URL_CHARACTERS', /a \| at position 44/],
    [`${BASE}/a/../b.jpg`, 'ERR_URL_INVALID', /dot segment "\.\." at position 41/],
    [`${BASE}/a/./b.jpg`, 'ERR_URL_INVALID', /dot segment "\." at position 41/],
    [`${BASE}/a/%2e%2e/b.jpg`, 'ERR_URL_INVALID', /dot segment "%2e%2e"/],
    [`${BASE}/a/%2E./b.jpg`, 'ERR_URL_INVALID', /dot segment "%2E\."/],
    [`${BASE}/a/..`, 'ERR_URL_INVALID', /dot segment/],
    [
      'https://d111111abcdef8.cloudfront.net:443/a.jpg',
      'ERR_URL_INVALID',
      /port ":443", which browsers drop or rewrite/,
    ],
    ['http://d111111abcdef8.cloudfront.net:80/a.jpg', 'ERR_URL_INVALID', /port ":80"/],
    ['https://d111111abcdef8.cloudfront.net:/a.jpg', 'ERR_URL_INVALID', /port ":"/],
    ['https://d111111abcdef8.cloudfront.net:0443/a.jpg', 'ERR_URL_INVALID', /port ":0443"/],
  ])('%s', async (url, code, message) => {
    const error = await refusal(async () =>
      signUrl({ url, keyPairId: 'K1', privateKey: await ecdsaKey(), dateLessThan: EXPIRES }),
    );
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("keeps what browsers keep: ' in the path, a port that is not the default, [ ] and %2e inside a name", async () => {
    for (const url of [
      `${BASE}/it's.jpg`,
      'https://d111111abcdef8.cloudfront.net:8443/a.jpg',
      'http://d111111abcdef8.cloudfront.net:443/a.jpg',
      `${BASE}/a[1].jpg?b=[2]`,
      `${BASE}/a%2ejpg/..b/.c`,
    ]) {
      const signed = await signUrl({
        url,
        keyPairId: 'K1',
        privateKey: await ecdsaKey(),
        dateLessThan: EXPIRES,
      });
      expect(signed.url.startsWith(url)).toBe(true);
      expect(new URL(url).href).toBe(url);
    }
  });

  it('encodeUrlForSigning gives what a browser sends, and that URL signs', async () => {
    const cases: [string, string][] = [
      [
        `${BASE}/download?filename*=UTF-8''report.pdf`,
        `${BASE}/download?filename*=UTF-8%27%27report.pdf`,
      ],
      [`${BASE}/a/./b/../c.jpg`, `${BASE}/a/c.jpg`],
      [`${BASE}/a/%2E%2e/c.jpg`, `${BASE}/c.jpg`],
      [`${BASE}/a\\b.jpg`, `${BASE}/a/b.jpg`],
      ['https://d111111abcdef8.cloudfront.net:443/a.jpg', `${BASE}/a.jpg`],
      ['https://d111111abcdef8.cloudfront.net:/a.jpg', `${BASE}/a.jpg`],
      [
        'https://d111111abcdef8.cloudfront.net:08443/a.jpg',
        'https://d111111abcdef8.cloudfront.net:8443/a.jpg',
      ],
      [`${BASE}/{a}|b^c\`d<e>?q={x}|y`, `${BASE}/%7Ba%7D%7Cb%5Ec%60d%3Ce%3E?q=%7Bx%7D%7Cy`],
    ];
    for (const [raw, expected] of cases) {
      const { url, changes } = encodeUrlForSigning(raw);
      expect(url, raw).toBe(expected);
      expect(changes.length).toBeGreaterThan(0);
      // A browser sends the result unchanged.
      expect(new URL(url).href).toBe(url);
      await signUrl({ url, keyPairId: 'K1', privateKey: await ecdsaKey(), dateLessThan: EXPIRES });
    }
  });
});

describe('finding 6: no cookie attribute carries ; , or a control character', () => {
  it('refuses the Path taken from a resource whose folder holds a ;', async () => {
    const error = await refusal(async () =>
      signCookies({
        resource: 'https://d.example/x;Domain=attacker.example;SameSite=None/*',
        keyPairId: 'K1',
        privateKey: await ecdsaKey(),
        dateLessThan: EXPIRES,
      }),
    );
    expect(error).toMatchObject({ code: 'ERR_COOKIE_ATTRIBUTE', field: 'cookieAttributes' });
    expect(error.message).toMatch(
      /path "\/x;Domain=attacker\.example;SameSite=None\/", taken from the resource, must .* hold no ; ,/,
    );
  });

  it('refuses a comma in a Path given or taken, and takes the folder otherwise', async () => {
    const options = {
      keyPairId: 'K1',
      privateKey: await ecdsaKey(),
      dateLessThan: EXPIRES,
    };
    await expect(signCookies({ ...options, resource: `${BASE}/a,b/*` })).rejects.toMatchObject({
      code: 'ERR_COOKIE_ATTRIBUTE',
    });
    await expect(
      signCookies({
        ...options,
        resource: `${BASE}/videos/*`,
        cookieAttributes: { path: '/a,b/' },
      }),
    ).rejects.toMatchObject({ code: 'ERR_COOKIE_ATTRIBUTE' });
    const { setCookieHeaders } = await signCookies({
      ...options,
      resource: 'https://d.example/x;y/*',
      cookieAttributes: { path: '/' },
    });
    for (const header of setCookieHeaders) {
      expect(header.split('; ').slice(1)).toEqual(['Path=/', 'Secure', 'HttpOnly']);
    }
  });
});

describe('finding 7: inputs of 10 MB and 100 MB are refused by their length, at once', () => {
  for (const size of [10, 100]) {
    const huge = `${BASE}/${'"'.repeat(size * 1024 * 1024)}`;
    it(`${size} MB to signUrl, signCookies, encodeUrlForSigning, signUrls, inspect and evaluate`, async () => {
      const key = await ecdsaKey();
      const options = { keyPairId: 'K1', privateKey: key, dateLessThan: EXPIRES };
      const length = huge.length.toLocaleString('en');
      const started = performance.now();
      const errors = [
        await refusal(() => signUrl({ ...options, url: huge })),
        await refusal(() => signUrl({ ...options, url: `${BASE}/a`, policyResource: huge })),
        await refusal(() => signCookies({ ...options, resource: huge })),
        await refusal(() => encodeUrlForSigning(huge)),
        await refusal(() => inspectSignedUrl(huge)),
        await refusal(() => inspectSignedCookies(huge)),
        await refusal(() => evaluateRequest({ url: huge, trustedKeys: {} })),
      ];
      for (const line of [await signUrls([huge], options).next()]) {
        if (line.done || line.value.ok) throw new Error('the batch line was not refused');
        errors.push(line.value.error);
      }
      for (const error of errors) {
        expect(error.message).toContain(length);
        expect(error.message).not.toMatch(/stack|RangeError/i);
      }
      expect(matchResource(huge, huge).matches).toBe(false);
      // A length check, not a parse: all of it in well under a second even at 100 MB.
      expect(performance.now() - started).toBeLessThan(2000);
    });
  }
});

describe('issue 13, defect 2: a policy resource that does not cover the URL is refused', () => {
  it.each([
    [`${BASE}/a.jpg`, 'https://other.example.com/*', /the domain differs/],
    [`${BASE}/a.jpg`, `http://d111111abcdef8.cloudfront.net/*`, /the protocol differs/],
    [`${BASE}/images/a.jpg`, `${BASE}/videos/*`, /path/],
    [`${BASE}/videos/a.jpg?x=1`, `${BASE}/videos/a.jpg`, /query string/],
  ])('signUrl(%s) under %s', async (url, policyResource, section) => {
    const error = await refusal(async () =>
      signUrl({
        url,
        policyResource,
        keyPairId: 'K1',
        privateKey: await ecdsaKey(),
        dateLessThan: EXPIRES,
      }),
    );
    expect(error).toMatchObject({ code: 'ERR_URL_NOT_COVERED', field: 'url' });
    expect(error.message).toMatch(section);
  });

  it('agrees with matchResource on every resource and URL, the quick checks included', async () => {
    const key = await ecdsaKey();
    const part = fc.constantFrom('', 'a', 'videos', 'v*', '*', 'x?y', '*.ts');
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.constantFrom('https://', 'http://', '*://'),
          part,
          part,
          fc.constantFrom('', '*', '?x=*'),
        ),
        fc.tuple(
          fc.constantFrom('https://', 'http://'),
          fc.constantFrom('a', 'videos', 'v1'),
          fc.constantFrom('a.ts', 'b/c', ''),
          fc.constantFrom('', '?x=1'),
        ),
        async ([scheme, dir, file, tail], [urlScheme, urlDir, urlFile, query]) => {
          const policyResource = `${scheme}d.example/${dir}/${file}${tail}`.replace(/\*\*+/g, '*');
          const url = `${urlScheme}d.example/${urlDir}/${urlFile}${query}`;
          const expected = matchResource(policyResource, url).matches;
          const signed = await signUrl({
            url,
            policyResource,
            keyPairId: 'K1',
            privateKey: key,
            dateLessThan: EXPIRES,
          }).then(
            () => true,
            (error: SignetError) => {
              expect(error.code).toBe('ERR_URL_NOT_COVERED');
              return false;
            },
          );
          expect(signed, `${policyResource} ${url}`).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('and each such line of a batch, while the others are signed', async () => {
    const lines = [];
    for await (const line of signUrls([`${BASE}/videos/a.jpg`, `${BASE}/images/b.jpg`], {
      policyResource: `${BASE}/videos/*`,
      keyPairId: 'K1',
      privateKey: await ecdsaKey(),
      dateLessThan: EXPIRES,
    })) {
      lines.push(line);
    }
    expect(lines.map((line) => line.ok)).toEqual([true, false]);
    expect(lines[1]).toMatchObject({ error: { code: 'ERR_URL_NOT_COVERED' } });
  });
});

describe('issue 13, defect 4: the right diagnosis for far dates', () => {
  const sign = async (dateLessThan: number | string) =>
    refusal(async () =>
      signUrl({
        url: `${BASE}/a.jpg`,
        keyPairId: 'K1',
        privateKey: await ecdsaKey(),
        dateLessThan,
      }),
    );

  it('9999-12-31T23:59 (as epoch seconds from a date picker) is after 2038, not milliseconds', async () => {
    const seconds = Date.UTC(9999, 11, 31, 23, 59) / 1000;
    const error = await sign(seconds);
    expect(error.code).toBe('ERR_TIME_RANGE');
    expect(error.message).toMatch(/253402300740 \(9999-12-31T23:59:00Z\) is after 2038/);
  });

  it("275760-09-13, a date picker's maximum, is after 2038, as text or as the date itself", async () => {
    for (const text of [
      '275760-09-13',
      '+275760-09-13T00:00',
      '275760-09-13T23:59',
      '99999-01-01',
    ]) {
      const error = await sign(text);
      expect(error.code, text).toBe('ERR_TIME_RANGE');
      expect(error.message).toMatch(/after 2038/);
    }
  });

  it('a millisecond clock is still caught', async () => {
    expect((await sign(Date.UTC(2030, 0, 1))).code).toBe('ERR_TIME_MILLISECONDS');
  });

  it('inspecting Expires=99999999999999 says out of range, not "not whole seconds"', () => {
    const inspection = inspectSignedUrl(
      `${BASE}/a.jpg?Expires=99999999999999&Signature=x&Key-Pair-Id=K1`,
    );
    const warning = inspection.warnings.find((w) => w.code === 'MALFORMED_EXPIRES');
    expect(warning?.message).toMatch(/99999999999999.*out of CloudFront's range/);
    expect(warning?.message).not.toMatch(/whole seconds/);
  });
});
