import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aesCbcDecrypt, removePkcs7Padding } from '../../src/core/lib/aes.ts';

function nodeEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv(`aes-${key.length * 8}-cbc`, key, iv);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
}

describe('AES-CBC decryption in TypeScript', () => {
  it('matches the FIPS 197 appendix C.2 example for AES-192', () => {
    const key = Uint8Array.from({ length: 24 }, (_, i) => i);
    const ciphertext = Buffer.from('dda97ca4864cdfe06eaf70a0ec0d7191', 'hex');
    const plaintext = aesCbcDecrypt(key, new Uint8Array(16), ciphertext);
    expect(Buffer.from(plaintext).toString('hex')).toBe('00112233445566778899aabbccddeeff');
  });

  for (const bits of [128, 192, 256]) {
    it(`decrypts what Node's crypto encrypts with AES-${bits}-CBC, padding included`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: bits / 8, maxLength: bits / 8 }),
          fc.uint8Array({ minLength: 16, maxLength: 16 }),
          fc.uint8Array({ maxLength: 200 }),
          (key, iv, plaintext) => {
            const padded = aesCbcDecrypt(key, iv, nodeEncrypt(key, iv, plaintext));
            expect(removePkcs7Padding(padded)).toEqual(plaintext);
          },
        ),
        { numRuns: 100, seed: bits },
      );
    });
  }

  it('agrees with Node on raw blocks without padding', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc
          .integer({ min: 1, max: 8 })
          .chain((blocks) => fc.uint8Array({ minLength: blocks * 16, maxLength: blocks * 16 })),
        (key, iv, ciphertext) => {
          const decipher = createDecipheriv('aes-192-cbc', key, iv).setAutoPadding(false);
          const expected = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
          expect(Buffer.from(aesCbcDecrypt(key, iv, ciphertext))).toEqual(expected);
        },
      ),
      { numRuns: 100, seed: 192 },
    );
  });

  it('refuses bad key, IV and ciphertext lengths with a RangeError', () => {
    expect(() => aesCbcDecrypt(new Uint8Array(20), new Uint8Array(16), new Uint8Array(16))).toThrow(
      RangeError,
    );
    expect(() => aesCbcDecrypt(new Uint8Array(24), new Uint8Array(8), new Uint8Array(16))).toThrow(
      RangeError,
    );
    expect(() => aesCbcDecrypt(new Uint8Array(24), new Uint8Array(16), new Uint8Array(15))).toThrow(
      RangeError,
    );
  });

  it('reports PKCS#7 padding that is not valid instead of guessing', () => {
    expect(removePkcs7Padding(new Uint8Array(0))).toBeUndefined();
    expect(removePkcs7Padding(Uint8Array.of(1, 2, 0))).toBeUndefined();
    expect(removePkcs7Padding(Uint8Array.of(1, 3, 2))).toBeUndefined();
    expect(removePkcs7Padding(new Uint8Array(16).fill(17))).toBeUndefined();
    expect(removePkcs7Padding(Uint8Array.of(9, 2, 2))).toEqual(Uint8Array.of(9));
    expect(removePkcs7Padding(new Uint8Array(16).fill(16))).toEqual(new Uint8Array(0));
  });
});
