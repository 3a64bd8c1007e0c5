import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/core/key/generate.ts';
import { importPrivateKey, importPublicKey } from '../../src/core/key/import.ts';
import type { KeyType } from '../../src/core/key/types.ts';
import {
  ecdsaRawToDer,
  openssl,
  opensslVerifies,
  refusal,
  temporaryFolder,
} from './keys.fixtures.ts';

describe('generateKeyPair', () => {
  for (const [type, description] of [
    ['RSA', 'RSA 2048-bit'],
    ['ECDSA', 'ECDSA P-256'],
  ] as const) {
    it(`makes ${description} PEM files that openssl checks, and a signing key that matches them`, async () => {
      const { privateKeyPem, publicKeyPem, signingKey } = await generateKeyPair(type);
      expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(privateKeyPem).toMatch(/\n-----END PRIVATE KEY-----\n$/);
      expect(publicKeyPem).toMatch(
        /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/,
      );
      for (const pem of [privateKeyPem, publicKeyPem]) {
        const body = pem.split('\n').slice(1, -2);
        for (const line of body.slice(0, -1)) expect(line).toHaveLength(64);
        expect(body.at(-1)?.length).toBeLessThanOrEqual(64);
      }

      const folder = temporaryFolder();
      try {
        writeFileSync(folder.path('private.pem'), privateKeyPem);
        writeFileSync(folder.path('public.pem'), publicKeyPem);
        openssl('pkey', '-check', '-noout', '-in', folder.path('private.pem'));
        expect(
          openssl('pkey', '-pubin', '-in', folder.path('public.pem'), '-noout', '-text'),
        ).toContain(type === 'RSA' ? 'Public-Key: (2048 bit)' : 'NIST CURVE: P-256');
        expect(openssl('pkey', '-in', folder.path('private.pem'), '-noout', '-text_pub')).toMatch(
          type === 'RSA' ? /Modulus:[\s\S]*Exponent: 65537/ : /ASN1 OID: prime256v1/,
        );
        expect(openssl('pkey', '-in', folder.path('private.pem'), '-pubout')).toBe(publicKeyPem);
        expect(openssl('asn1parse', '-in', folder.path('private.pem'))).toContain(
          type === 'RSA' ? ':rsaEncryption' : ':id-ecPublicKey',
        );
      } finally {
        folder.remove();
      }

      expect(signingKey.type).toBe(type);
      expect(signingKey.description).toBe(description);
      expect(signingKey.format).toBe('PKCS#8');
      expect(signingKey.warnings).toEqual([]);
      expect(signingKey.publicKey.pem).toBe(publicKeyPem);
      expect(signingKey.cryptoKeys.SHA1.extractable).toBe(false);
      expect(signingKey.cryptoKeys.SHA256.extractable).toBe(false);
      expect(Object.isFrozen(signingKey)).toBe(true);

      const again = await importPrivateKey(privateKeyPem);
      expect(again.publicKey.fingerprint).toBe(signingKey.publicKey.fingerprint);
      expect((await importPublicKey(publicKeyPem)).fingerprint).toBe(
        signingKey.publicKey.fingerprint,
      );

      const data = new TextEncoder().encode('generated');
      const algorithm =
        type === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
      const raw = new Uint8Array(
        await crypto.subtle.sign(algorithm, signingKey.cryptoKeys.SHA256, data),
      );
      expect(
        opensslVerifies(publicKeyPem, 'sha256', data, type === 'RSA' ? raw : ecdsaRawToDer(raw)),
      ).toBe(true);
    });
  }

  it('makes a different key each time', async () => {
    const [first, second] = await Promise.all([generateKeyPair('ECDSA'), generateKeyPair('ECDSA')]);
    expect(first.publicKeyPem).not.toBe(second.publicKeyPem);
  });

  it('refuses any other type with ERR_KEY_TYPE_GENERATE', async () => {
    for (const type of [
      'Ed25519',
      'rsa',
      'DSA',
      '',
      'toString',
      '__proto__',
      undefined,
      null,
      42,
    ]) {
      const error = await refusal(
        generateKeyPair(type as unknown as KeyType),
        'ERR_KEY_TYPE_GENERATE',
      );
      expect(error.message).toContain("Pass 'RSA' or 'ECDSA'");
    }
  });
});
