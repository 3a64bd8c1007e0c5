/**
 * The shared rule for values in messages (src/core/lib/show-value.ts): quoted only when short and
 * shaped like the field's input, otherwise described; key material and binary data recognised;
 * control characters made visible.
 */
import { describe, expect, it } from 'vitest';
import {
  describeText,
  keyMaterialKind,
  notAUrlList,
  quote,
  showValue,
  visible,
} from '../../src/core/lib/show-value.ts';
import { checkKeyPairId, isKeyPairId } from '../../src/core/sign/key-pair-id.ts';
import { fixtureBytes, fixtureText } from './keys.fixtures.ts';

const URL_SHAPE = /^https?:\/\//;
const PEM = fixtureText('rsa-2048-pkcs8.pem');
const BODY = PEM.split('\n')
  .filter((line) => !line.startsWith('-----'))
  .join('\n');

describe('showValue', () => {
  it('quotes a short value of the right shape, with control characters made visible', () => {
    expect(showValue('https://d.example/a b', URL_SHAPE)).toBe('"https://d.example/a b"');
    expect(showValue('https://d.example/\x1b[31m\x07', URL_SHAPE)).toBe(
      '"https://d.example/\\x1b[31m\\x07"',
    );
  });

  it('describes a value of another shape by its length, never showing it', () => {
    expect(showValue('correct horse battery staple', URL_SHAPE)).toBe(
      '(a 28-character value, not shown)',
    );
  });

  it('names key material even where the shape would allow it', () => {
    expect(showValue(PEM, /.*/s)).toBe(
      `(a ${PEM.length.toLocaleString('en')}-character value that looks like a PEM private key (BEGIN PRIVATE KEY), not shown)`,
    );
    expect(showValue(BODY, URL_SHAPE)).toMatch(/looks like base64 text, like the body of a key/);
  });

  it('shows the start and length of a long value of the right shape', () => {
    const long = `https://d.example/${'a'.repeat(300)}`;
    expect(showValue(long, URL_SHAPE)).toMatch(/^"https:\/\/d\.example\/a+…" \(318 characters\)$/);
  });

  it('describes values that are not text without converting them', () => {
    expect(showValue(10n, URL_SHAPE)).toBe('(bigint 10)');
    expect(showValue(42, URL_SHAPE)).toBe('(number 42)');
    expect(showValue(null, URL_SHAPE)).toBe('(null)');
    expect(showValue({ toString: 1 }, URL_SHAPE)).toBe('(an object)');
    expect(showValue(Object.create(null), URL_SHAPE)).toBe('(an object)');
    expect(showValue([1], URL_SHAPE)).toBe('(an array)');
    expect(showValue(undefined, URL_SHAPE)).toBe('(undefined)');
  });

  it('says "1-character"', () => {
    expect(describeText('x')).toBe('a 1-character value, not shown');
  });
});

describe('visible and quote', () => {
  it('escapes C0, C1, DEL, bidi and zero-width characters and lone surrogates', () => {
    expect(visible('a\x1b]0;title\x07b\x7f\x9b\u202e\u200b\ud800z')).toBe(
      'a\\x1b]0;title\\x07b\\x7f\\x9b\\u202e\\u200b\\ud800z',
    );
    expect(visible('line\nnext\ttab')).toBe('line\\x0anext\\x09tab');
    expect(visible('emoji 😀 and é stay')).toBe('emoji 😀 and é stay');
  });

  it('escapes quotes and backslashes inside quotes', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe('keyMaterialKind', () => {
  it.each([
    ['rsa-2048-pkcs8.pem', 'a PEM private key (BEGIN PRIVATE KEY)'],
    ['p256-sec1.pem', 'a PEM private key (BEGIN EC PRIVATE KEY)'],
    ['openssh-rsa', 'a PEM private key (BEGIN OPENSSH PRIVATE KEY)'],
    ['putty-rsa-v3.ppk', 'a PuTTY private key'],
    ['p256-public.pem', 'PEM text (BEGIN PUBLIC KEY)'],
    ['p256-certificate.pem', 'PEM text (BEGIN CERTIFICATE)'],
  ])('recognises %s', (name, kind) => {
    expect(keyMaterialKind(fixtureText(name))).toBe(kind);
  });

  it('recognises DER read as text, and binary data', () => {
    const der = fixtureBytes('p256-pkcs8.der');
    const binary = 'binary data, such as a DER key file';
    expect(keyMaterialKind(String.fromCharCode(...der))).toBe(binary);
    expect(keyMaterialKind(new TextDecoder().decode(der))).toBe(binary);
    expect(keyMaterialKind('abc\x00def')).toBe(binary);
    expect(keyMaterialKind('https://d.example/\x1b[31mred\x1b[0m')).toBeUndefined();
  });

  it('leaves URLs, dates and words alone', () => {
    for (const text of [
      'https://d111111abcdef8.cloudfront.net/a.jpg?token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIi',
      '2026-12-31T23:59:59Z',
      'correct horse battery staple',
      'line one\nline two\ttab',
    ]) {
      expect(keyMaterialKind(text)).toBeUndefined();
    }
  });
});

describe('notAUrlList', () => {
  it('refuses key files, key bodies and binary files as a whole', () => {
    expect(notAUrlList(PEM)).toBe('a PEM private key (BEGIN PRIVATE KEY)');
    expect(notAUrlList(new TextEncoder().encode(PEM))).toBe(
      'a PEM private key (BEGIN PRIVATE KEY)',
    );
    expect(notAUrlList(BODY)).toBe('base64 text, like the body of a key');
    expect(notAUrlList(fixtureBytes('p256-pkcs8.der'))).toBe('binary data, such as a DER key file');
    expect(notAUrlList(fixtureBytes('random.bin'))).toBe('binary data, such as a DER key file');
    expect(notAUrlList(fixtureText('putty-rsa-v2.ppk'))).toBe('a PuTTY private key');
  });

  it('accepts lists of URLs and CSV, whatever their tokens', () => {
    expect(
      notAUrlList(
        'url\nhttps://d.example/a?t=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0\n',
      ),
    ).toBeUndefined();
    expect(notAUrlList('https://d.example/é.jpg\n\nhttps://d.example/b.jpg')).toBeUndefined();
    // A UTF-8 character cut by the end of the sample is not binary.
    const bytes = new TextEncoder().encode(`https://d.example/${'é'.repeat(40000)}`);
    expect(notAUrlList(bytes.subarray(0, 65537))).toBeUndefined();
  });

  it('answers at once for a 10 MB binary file', () => {
    const big = new Uint8Array(10 * 1024 * 1024);
    crypto.getRandomValues(big.subarray(0, 65536));
    const started = performance.now();
    expect(notAUrlList(big)).toBe('binary data, such as a DER key file');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('the key pair ID rule', () => {
  it('accepts letters and digits, up to 32', () => {
    for (const id of ['K2JCJMDEHXQW5F', 'APKAEIBAERJR2EXAMPLE', 'k1', 'A'.repeat(32)]) {
      expect(isKeyPairId(id)).toBe(true);
      expect(checkKeyPairId(id)).toBe(id);
    }
  });

  it('refuses anything else, without showing it', () => {
    for (const value of [
      '',
      ' K9ZZZZZZZZZZZZ',
      'K2JCJ-MDEHXQW5F',
      'A'.repeat(33),
      'correct horse battery staple',
      PEM,
      BODY.split('\n')[0],
      10n,
      null,
    ]) {
      expect(isKeyPairId(value)).toBe(false);
      let message = '';
      try {
        checkKeyPairId(value);
      } catch (error) {
        expect(error).toMatchObject({ code: 'ERR_KEY_PAIR_ID', field: 'keyPairId' });
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      if (typeof value === 'string' && value.length > 2) expect(message).not.toContain(value);
    }
  });

  it('says what an ID is, without showing the value, and names a key group ID', () => {
    expect(() => checkKeyPairId('K2JCJ-MDEHXQW5F')).toThrow(
      /The key pair ID \(a 15-character value, not shown\) is not a CloudFront public key ID \(1 to 32 letters and digits\)/,
    );
    expect(() => checkKeyPairId('a1b2c3d4-5678-90ab-cdef-000000000001')).toThrow(
      /"a1b2c3d4-5678-90ab-cdef-000000000001" looks like a key group ID/,
    );
  });
});
