import { createSign, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  decodeCloudFrontBase64,
  encodeBase64,
  encodeCloudFrontBase64,
} from '../../src/core/lib/base64.ts';
import { ecdsaDerToRaw, ecdsaRawToDer } from '../../src/core/lib/ecdsa.ts';

describe('base64', () => {
  it('encodes exactly as Node does, and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });

  it("encodes CloudFront's base64 exactly as Node's base64 with + to -, = to _, / to ~", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const expected = Buffer.from(bytes)
          .toString('base64')
          .replace(/\+/g, '-')
          .replace(/=/g, '_')
          .replace(/\//g, '~');
        expect(encodeCloudFrontBase64(bytes)).toBe(expected);
        expect(decodeCloudFrontBase64(expected)).toEqual(bytes);
      }),
    );
  });

  it("maps to CloudFront's alphabet: + to -, = to _, / to ~", () => {
    expect(encodeCloudFrontBase64(new Uint8Array([0xfb, 0xff]))).toBe('-~8_');
    expect(decodeCloudFrontBase64('-~8_')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('reports a bad character or a length no bytes could make, instead of guessing', () => {
    expect(decodeBase64('ab$d')).toEqual({ kind: 'character', index: 2, character: '$' });
    expect(decodeBase64('abcde')).toEqual({ kind: 'length' });
    expect(decodeBase64('ab==cd')).toEqual({ kind: 'character', index: 4, character: 'c' });
    expect(decodeCloudFrontBase64('ab+d')).toEqual({ kind: 'character', index: 2, character: '+' });
  });
});

describe('ECDSA signature shapes', () => {
  it('turn the raw r‖s of WebCrypto into the DER that OpenSSL makes, and back', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 50; i++) {
      const der = createSign('SHA256').update(`policy ${i}`).sign(privateKey);
      const raw = createSign('SHA256')
        .update(`policy ${i}`)
        .sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
      expect(raw).toHaveLength(64);
      const converted = ecdsaDerToRaw(new Uint8Array(der));
      expect(converted).toHaveLength(64);
      expect(ecdsaRawToDer(converted as Uint8Array)).toEqual(new Uint8Array(der));
    }
  });

  it('write minimal integers with a 0x00 before a high bit', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80;
    raw[63] = 0x01;
    const der = ecdsaRawToDer(raw);
    expect([...der.subarray(0, 5)]).toEqual([0x30, 38, 0x02, 33, 0x00]);
    expect([...der.subarray(-3)]).toEqual([0x02, 1, 0x01]);
    expect(ecdsaDerToRaw(der)).toEqual(raw);
  });

  it('refuse malformed DER instead of throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const raw = ecdsaDerToRaw(bytes);
        expect(raw === undefined || raw.length === 64).toBe(true);
      }),
    );
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 6, 0x02, 1, 0x80, 0x02, 1, 0x01]))).toBeUndefined();
  });
});
