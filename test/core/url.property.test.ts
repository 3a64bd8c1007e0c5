import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  encodeUrlForSigning,
  evaluateRequest,
  importPrivateKey,
  inspectSignedCookies,
  inspectSignedUrl,
  SignetError,
  type SigningKey,
  signCookies,
  signUrl,
} from '../../src/core/index.ts';
import { fromCloudFrontBase64 } from '../support/cloudfront-base64.ts';
import { vectorFile } from '../support/vectors.ts';

let key: SigningKey;
let signedUrl: string;
beforeAll(async () => {
  key = await importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
  signedUrl = (
    await signUrl({
      url: 'https://d1.example.net/a.jpg?x=1',
      policyResource: 'https://d1.example.net/*',
      keyPairId: 'K1',
      privateKey: key,
      dateLessThan: 2000000000,
    })
  ).url;
});

/** Runs a call and fails the property if it throws anything but a SignetError. */
async function onlyTypedErrors(call: () => unknown): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof SignetError))
      throw new Error(`threw ${String(error)}`, { cause: error });
    expect(error.code).toMatch(/^ERR_[A-Z0-9_]+$/);
    expect(error.message.length).toBeGreaterThan(20);
  }
}

const urlish = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'HTTP://', 'ftp://', '//', ''),
      fc.string({ maxLength: 80 }),
    )
    .map(([scheme, rest]) => scheme + rest),
);

/** A valid signed URL with characters deleted, replaced or inserted. */
const mutated = fc
  .array(
    fc.tuple(
      fc.nat(),
      fc.constantFrom('delete', 'replace', 'insert'),
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((edits) => (url: string) => {
    let out = url;
    for (const [position, kind, text] of edits) {
      const at = position % (out.length + 1);
      if (kind === 'delete') out = out.slice(0, at) + out.slice(at + 1);
      else if (kind === 'replace') out = out.slice(0, at) + text + out.slice(at + 1);
      else out = out.slice(0, at) + text + out.slice(at);
    }
    return out;
  });

describe('the URL, resource and link parsers, on random and mutated input', () => {
  it('signUrl throws nothing but SignetError', async () => {
    await fc.assert(
      fc.asyncProperty(urlish, fc.option(urlish), async (url, policyResource) => {
        await onlyTypedErrors(() =>
          signUrl({
            url,
            policyResource: policyResource ?? undefined,
            keyPairId: 'K1',
            privateKey: key,
            dateLessThan: 2000000000,
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('signCookies throws nothing but SignetError, for resources and attributes', async () => {
    await fc.assert(
      fc.asyncProperty(
        urlish,
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        async (resource, domain, path) => {
          await onlyTypedErrors(() =>
            signCookies({
              resource,
              keyPairId: 'K1',
              privateKey: key,
              dateLessThan: 2000000000,
              cookieAttributes: { domain, path },
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('encodeUrlForSigning throws nothing but SignetError, and what it returns signs', async () => {
    await fc.assert(
      fc.asyncProperty(urlish, async (raw) => {
        let encoded: string | undefined;
        await onlyTypedErrors(() => {
          encoded = encodeUrlForSigning(raw).url;
        });
        if (encoded !== undefined) {
          const signed = await signUrl({
            url: encoded,
            keyPairId: 'K1',
            privateKey: key,
            dateLessThan: 2000000000,
          });
          expect(signed.url.startsWith(encoded)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('inspect and evaluate throw nothing but SignetError on mutated signed URLs, and never allow them', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (mutate) => {
        const url = mutate(signedUrl);
        await onlyTypedErrors(() => inspectSignedUrl(url));
        await onlyTypedErrors(async () => {
          const verdict = await evaluateRequest({
            url,
            now: 1900000000 * 1000,
            trustedKeys: { K1: key.publicKey },
          });
          // A mutation may leave the signed bytes intact (in the caller's own query, or a dropped
          // base64 pad); only then may it pass, with the same signature bytes as the original.
          if (verdict.allowed) {
            const bytes = (text = '') => fromCloudFrontBase64(text);
            expect(bytes(verdict.inspection?.signature)).toEqual(
              bytes(/Signature=([^&]*)/.exec(signedUrl)?.[1]),
            );
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('inspectSignedCookies throws nothing but SignetError on random cookie text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(fc.string({ maxLength: 50 })),
          fc.dictionary(fc.string(), fc.string()),
        ),
        async (cookies) => {
          await onlyTypedErrors(() => inspectSignedCookies(cookies));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** URL-ish text built from the characters browsers treat specially: dots, quotes, ports, escapes. */
const browserish = fc
  .tuple(
    fc.constantFrom('https://', 'http://', 'HTTPS://', ''),
    fc.constantFrom('d111111abcdef8.cloudfront.net', 'Media.Example.com', 'b\u00fccher.example'),
    fc.constantFrom('', ':443', ':80', ':8443', ':', ':0443'),
    fc
      .array(
        fc.oneof(
          fc.constantFrom('.', '..', '%2e', '%2E.', '.%2e', "it's", 'a b', 'caf\u00e9', '%41'),
          fc.stringMatching(/^[A-Za-z0-9'"<>`{}|^\\ ~!$&()*+,;=:@[\]-]{0,6}$/),
        ),
        { maxLength: 5 },
      )
      .map((segments) => segments.map((segment) => `/${segment}`).join('')),
    fc.option(fc.stringMatching(/^[A-Za-z0-9'"<>`{}|^\\ ~!$&()*+,;=:@/?[\]%.-]{0,12}$/), {
      nil: undefined,
    }),
  )
  .map(
    ([scheme, host, port, path, query]) =>
      `${scheme}${host}${port}${path}${query === undefined ? '' : `?${query}`}`,
  );

describe('what a browser sends (issue 12, finding 4)', () => {
  it('encodeUrlForSigning returns what the WHATWG URL parser would send, unchanged by a second parse', () => {
    fc.assert(
      fc.property(browserish, (raw) => {
        let encoded: string;
        try {
          encoded = encodeUrlForSigning(raw).url;
        } catch (error) {
          if (!(error instanceof SignetError)) throw error;
          return;
        }
        // A browser given the encoded URL requests exactly it: nothing is resolved or re-encoded.
        expect(new URL(encoded).href, raw).toBe(encoded);
        // And it is the URL a browser given the raw text requests, up to the characters that
        // Signet also escapes ({ } | ^ ` \ and % on their own), which browsers send either way.
        const absolute = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
        const extra: Record<string, string> = {
          '%7B': '{',
          '%7D': '}',
          '%7C': '|',
          '%5E': '^',
          '%60': '`',
          '%5C': '\\',
        };
        const relaxed = (url: string) =>
          url
            .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
            .replace(/%[0-9A-Fa-f]{2}/g, (code) => extra[code.toUpperCase()] ?? code.toUpperCase());
        expect(relaxed(encoded), raw).toBe(relaxed(new URL(absolute).href));
      }),
      { numRuns: 1000 },
    );
  });

  it('every URL that signUrl accepts is one a browser sends unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(browserish, async (raw) => {
        try {
          await signUrl({ url: raw, keyPairId: 'K1', privateKey: key, dateLessThan: 2000000000 });
        } catch (error) {
          if (!(error instanceof SignetError)) throw error;
          return;
        }
        expect(new URL(raw).href).toBe(raw);
      }),
      { numRuns: 1000 },
    );
  });
});
