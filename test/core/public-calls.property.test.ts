/**
 * Every public call (everything src/core/index.ts exports that can be called) answers any JSON
 * value or BigInt, in any option or in place of the options, with a result or a SignetError whose
 * code is one of SignetErrorCode: never a TypeError or RangeError. Generated, not listed: each run
 * starts from valid arguments and replaces a random set of them (top level or nested) with junk.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as signet from '../../src/core/index.ts';
import { vectorFile } from '../support/vectors.ts';

/** The codes, read from the union in errors.ts: a code not declared there is a failure too. */
const CODES = new Set(
  [
    ...readFileSync(new URL('../../src/core/errors.ts', import.meta.url), 'utf8').matchAll(
      /\|\s*'(ERR_[A-Z0-9_]+)'/g,
    ),
  ].map((match) => match[1]),
);

let key: signet.SigningKey;
let rsaKey: signet.SigningKey;
let signedUrl: string;
const EXPIRES = 2000000000;

beforeAll(async () => {
  key = await signet.importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
  rsaKey = await signet.importPrivateKey(vectorFile('keys/sep-test-rsa-key.pem'));
  signedUrl = (
    await signet.signUrl({
      url: 'https://d1.example.net/a.jpg?x=1',
      policyResource: 'https://d1.example.net/*',
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: EXPIRES,
      ipAddress: '192.0.2.0/24',
    })
  ).url;
});

/** Values that have broken such code before: BigInt, objects that cannot become strings, key look-alikes. */
const tricky = fc.constantFrom<unknown>(
  10n,
  -1n,
  { toString: 1 },
  { valueOf: {}, toString: {} },
  { cryptoKeys: {}, publicKey: {} },
  { type: 'RSA', cryptoKeys: { SHA1: {}, SHA256: {} }, publicKey: {}, warnings: [] },
  { type: 'ECDSA', pem: '', fingerprint: '', cryptoKeys: { SHA1: 1, SHA256: 2 } },
  { aborted: true },
  { [Symbol.iterator]: 1 },
  [],
  [null],
  '',
  ' ',
  '*',
  'https://',
  1e21,
  -0,
  Number.MAX_SAFE_INTEGER,
);

/** Any JSON value or BigInt, anywhere inside too. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.bigInt() },
  { weight: 3, arbitrary: tricky },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.bigInt(), tricky), {
      maxKeys: 4,
    }),
  },
);

/**
 * Valid options with one to three of them dropped or replaced by junk, so that most runs get past
 * the first check and junk reaches every option; sometimes the options are not an object at all.
 */
function mangled(
  valid: () => Record<string, unknown>,
  names: readonly string[],
): fc.Arbitrary<unknown> {
  const change = fc.oneof(
    { weight: 1, arbitrary: fc.constant<'drop'>('drop') },
    { weight: 4, arbitrary: junk.map((value) => ({ value })) },
  );
  const options = fc
    .uniqueArray(fc.tuple(fc.constantFrom(...names), change), {
      minLength: 0,
      maxLength: 3,
      selector: ([name]) => name,
    })
    .map((changes) => {
      const out: Record<string, unknown> = { ...valid() };
      for (const [name, choice] of changes) {
        if (choice === 'drop') delete out[name];
        else out[name] = choice.value;
      }
      return out;
    });
  return fc.oneof({ weight: 8, arbitrary: options }, { weight: 1, arbitrary: junk });
}

const signing = () => ({
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey: key,
  dateLessThan: EXPIRES,
  dateGreaterThan: EXPIRES - 3600,
  ipAddress: '192.0.2.0/24',
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

const cookieAttributes = () => ({
  domain: 'media.example.com',
  path: '/videos/',
  secure: true,
  httpOnly: true,
  sameSite: 'Lax',
  expires: true,
  maxAge: 60,
});

/** Each public call, with a generator of its arguments. */
const CALLS: Record<string, fc.Arbitrary<() => unknown>> = {
  signUrl: mangled(
    () => ({
      ...signing(),
      url: 'https://d1.example.net/videos/a.jpg?x=1',
      policyResource: 'https://d1.example.net/videos/*',
    }),
    [...SIGNING, 'url', 'policyResource'],
  ).map((options) => () => signet.signUrl(options as signet.SignUrlOptions)),
  signCookies: fc
    .tuple(
      mangled(
        () => ({ ...signing(), resource: 'https://d1.example.net/videos/*' }),
        [...SIGNING, 'resource', 'cookieAttributes'],
      ),
      mangled(cookieAttributes, Object.keys(cookieAttributes())),
    )
    .map(([options, attributes]) => () => {
      const withAttributes =
        typeof options === 'object' && options !== null && !('cookieAttributes' in options)
          ? { ...options, cookieAttributes: attributes }
          : options;
      return signet.signCookies(withAttributes as signet.SignCookiesOptions);
    }),
  signUrls: fc
    .tuple(
      fc.oneof(
        fc.array(fc.oneof(fc.constant('https://d1.example.net/videos/b.jpg'), junk), {
          maxLength: 3,
        }),
        junk,
      ),
      mangled(
        () => ({
          ...signing(),
          policyResource: 'https://d1.example.net/videos/*',
          concurrency: 2,
        }),
        [...SIGNING, 'policyResource', 'concurrency', 'signal', 'rawSigner'],
      ),
    )
    .map(([urls, options]) => async () => {
      const results = [];
      for await (const line of signet.signUrls(
        urls as string[],
        options as signet.SignUrlsOptions,
      )) {
        // A line's own refusal is a SignetError too.
        if (!line.ok) expectSignetError(line.error);
        results.push(line);
      }
      return results;
    }),
  encodeUrlForSigning: fc
    .oneof(junk, fc.webUrl())
    .map((raw) => () => signet.encodeUrlForSigning(raw as string)),
  inspectSignedUrl: fc
    .tuple(
      fc.oneof(fc.constant('signed'), junk),
      mangled(() => ({ now: 0 }), ['now']),
    )
    .map(
      ([url, options]) =>
        () =>
          signet.inspectSignedUrl(
            url === 'signed' ? signedUrl : (url as string),
            options as signet.InspectOptions,
          ),
    ),
  inspectSignedCookies: fc
    .tuple(
      fc.oneof(
        fc.constant({ 'CloudFront-Expires': '1', 'CloudFront-Signature': 'x' }),
        fc.dictionary(fc.constantFrom('CloudFront-Policy', 'CloudFront-Expires', 'x'), junk),
        junk,
      ),
      mangled(() => ({ now: 0 }), ['now']),
    )
    .map(
      ([cookies, options]) =>
        () =>
          signet.inspectSignedCookies(
            cookies as signet.CookieInput,
            options as signet.InspectOptions,
          ),
    ),
  evaluateRequest: mangled(
    () => ({
      url: signedUrl,
      cookies: 'CloudFront-Expires=1',
      viewerIp: '192.0.2.7',
      now: EXPIRES * 1000 - 60_000,
      trustedKeys: { K1: key.publicKey },
      wildcardReading: 'question-mark-wildcard',
    }),
    ['url', 'cookies', 'viewerIp', 'now', 'trustedKeys', 'wildcardReading'],
  ).map((options) => () => signet.evaluateRequest(options as signet.EvaluateRequestOptions)),
  restrictViewerAccess: fc
    .tuple(
      mangled(
        () => ({
          trustedKeys: { K1: key.publicKey },
          domainName: 'd1.example.net',
          pathPatterns: ['/*'],
          now: () => EXPIRES * 1000 - 60_000,
          pop: 'LOCAL-P1',
          serverId: '0123456789abcdef0123456789abcdef',
          wildcardReading: 'question-mark-wildcard',
        }),
        ['trustedKeys', 'domainName', 'pathPatterns', 'now', 'pop', 'serverId', 'wildcardReading'],
      ),
      // Mostly a real Request, so junk in the options reaches the check of a request too.
      fc.oneof({ weight: 4, arbitrary: fc.constant('request') }, { weight: 1, arbitrary: junk }),
      mangled(() => ({ viewerIp: '192.0.2.7' }), ['viewerIp']),
    )
    .map(([options, request, viewer]) => async () => {
      const guard = await signet.restrictViewerAccess(
        options as signet.RestrictViewerAccessOptions,
      );
      return guard(
        request === 'request' ? new Request(signedUrl) : (request as Request),
        viewer as signet.ViewerOptions,
      );
    }),
  verifySignature: mangled(
    () => ({ policy: '{}', signature: 'AAAA', publicKey: rsaKey.publicKey, hashAlgorithm: 'SHA1' }),
    ['policy', 'signature', 'publicKey', 'hashAlgorithm'],
  ).map((options) => () => signet.verifySignature(options as signet.VerifySignatureOptions)),
  matchResource: fc
    .tuple(
      fc.oneof(fc.constant('https://d1.example.net/*'), junk),
      fc.oneof(fc.constant('https://d1.example.net/a'), junk),
      fc.oneof(fc.constant(undefined), junk),
    )
    .map(
      ([resource, url, reading]) =>
        () =>
          signet.matchResource(
            resource as string,
            url as string,
            reading as signet.WildcardReading | undefined,
          ),
    ),
  importPrivateKey: fc
    .tuple(
      junk,
      mangled(() => ({ passphrase: 'x' }), ['passphrase']),
    )
    .map(
      ([input, options]) =>
        () =>
          signet.importPrivateKey(input as string, options as { passphrase?: string }),
    ),
  importPublicKey: junk.map((input) => () => signet.importPublicKey(input as string)),
  // A valid type would generate a key (slow, and not what this test is about).
  generateKeyPair: junk
    .filter((type) => type !== 'RSA' && type !== 'ECDSA')
    .map((type) => () => signet.generateKeyPair(type as signet.KeyType)),
  signatureParams: fc.tuple(junk, junk).map(
    ([type, hash]) =>
      () =>
        signet.signatureParams(type as signet.KeyType, hash as signet.HashAlgorithm),
  ),
};

function expectSignetError(error: unknown): void {
  if (!(error instanceof signet.SignetError)) {
    throw new Error(
      `threw ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`,
      {
        cause: error,
      },
    );
  }
  expect(CODES).toContain(error.code);
  expect(error.message.length).toBeGreaterThan(10);
}

describe('every public call, given any JSON value or BigInt in any option', () => {
  it('covers every function that index.ts exports', () => {
    const exported = Object.entries(signet)
      .filter(([name, value]) => typeof value === 'function' && name !== 'SignetError')
      .map(([name]) => name)
      .sort();
    expect(Object.keys(CALLS).sort()).toEqual(exported);
  });

  it('reads its codes from the SignetErrorCode union, each of which the README lists', () => {
    expect(CODES.size).toBeGreaterThan(40);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const code of CODES) expect(readme, code).toContain(`\`${code}\``);
  });

  // Junk alone never makes a key, so these only ever refuse.
  const ALWAYS_REFUSED = new Set(['generateKeyPair', 'importPrivateKey', 'importPublicKey']);
  for (const [name, calls] of Object.entries(CALLS)) {
    it(`${name} returns, or throws a SignetError with a stable code`, async () => {
      let returned = 0;
      await fc.assert(
        fc.asyncProperty(calls, async (call) => {
          try {
            await call();
            returned++;
          } catch (error) {
            expectSignetError(error);
          }
        }),
        { numRuns: 200 },
      );
      // The junk must also reach the calls' later steps, not only their first check.
      if (!ALWAYS_REFUSED.has(name)) expect(returned).toBeGreaterThan(10);
    });
  }

  it('SignetError itself takes any JSON value or BigInt without throwing', () => {
    fc.assert(
      fc.property(junk, junk, junk, (code, message, options) => {
        const error = new signet.SignetError(
          code as signet.SignetErrorCode,
          message as string,
          options as { field?: string },
        );
        expect(error).toBeInstanceOf(signet.SignetError);
      }),
    );
  });
});
