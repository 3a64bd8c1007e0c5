/**
 * Public keys: read SPKI and PKCS#1 RSAPublicKey, write the canonical SPKI that CloudFront wants,
 * and build the PublicKey object with its fingerprint and verify-only CryptoKeys.
 */

import { decodeBase64, encodeBase64, isBase64Problem } from '../lib/base64.ts';
import {
  bitLength,
  bitString,
  DerError,
  nullValue,
  oid,
  readBitString,
  readSequence,
  readSingle,
  readUnsignedInteger,
  sequence,
  unsignedInteger,
} from '../lib/der.ts';
import { EC_PUBLIC_KEY, PRIME256V1, RSA_ENCRYPTION } from '../lib/oids.ts';
import { encodePem } from '../lib/pem.ts';
import { keyAlgorithm, requireP256, requireRsaSize } from './algorithm.ts';
import { malformed, type Origin } from './refusals.ts';
import type { HashAlgorithm, PublicKey } from './types.ts';

/** The numbers of a public key, before WebCrypto sees them. */
export type PublicKeyMaterial =
  | { readonly type: 'RSA'; readonly modulus: Uint8Array; readonly publicExponent: Uint8Array }
  /** An SEC1 point (2.3.3): uncompressed (65 bytes) or compressed (33 bytes). */
  | { readonly type: 'ECDSA'; readonly point: Uint8Array };

export const RSA_IMPORT = { name: 'RSASSA-PKCS1-v1_5' } as const;
export const ECDSA_IMPORT = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const WEBCRYPTO_HASH: Readonly<Record<HashAlgorithm, string>> = {
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
};

/** SubjectPublicKeyInfo for RSA (RFC 3279 2.3.1): parameters are NULL. */
export function rsaSpki(modulus: Uint8Array, publicExponent: Uint8Array): Uint8Array<ArrayBuffer> {
  return sequence(
    sequence(oid(RSA_ENCRYPTION), nullValue()),
    bitString(sequence(unsignedInteger(modulus), unsignedInteger(publicExponent))),
  );
}

/** SubjectPublicKeyInfo for EC (RFC 5480 2): the named curve, then the uncompressed point. */
export function ecSpki(point: Uint8Array): Uint8Array<ArrayBuffer> {
  return sequence(sequence(oid(EC_PUBLIC_KEY), oid(PRIME256V1)), bitString(point));
}

/** Reads an RSAPublicKey (RFC 8017 A.1.1). */
export function parseRsaPublicKey(der: Uint8Array): PublicKeyMaterial {
  const [modulus, publicExponent, extra] = readSequence(readSingle(der), 'RSAPublicKey');
  if (extra) throw new DerError('the RSAPublicKey has more than two integers');
  return {
    type: 'RSA',
    modulus: readUnsignedInteger(modulus, 'modulus'),
    publicExponent: readUnsignedInteger(publicExponent, 'public exponent'),
  };
}

/** Reads a SubjectPublicKeyInfo, refusing every type but RSA and ECDSA P-256. */
export function parseSpki(der: Uint8Array): PublicKeyMaterial {
  const [algorithmIdentifier, subjectPublicKey] = readSequence(
    readSingle(der),
    'SubjectPublicKeyInfo',
  );
  const { type, parameters } = keyAlgorithm(algorithmIdentifier);
  const key = readBitString(subjectPublicKey, 'subjectPublicKey');
  if (type === 'RSA') return parseRsaPublicKey(key);
  requireP256(parameters);
  return { type: 'ECDSA', point: key };
}

/** A P-256 point is 65 bytes uncompressed (0x04) or 33 compressed (0x02, 0x03): SEC1 2.3.3. */
export function isP256Point(point: Uint8Array): boolean {
  if (point.length === 65) return point[0] === 4;
  return point.length === 33 && (point[0] === 2 || point[0] === 3);
}

/**
 * Builds the PublicKey. The SPKI is re-encoded canonically, so the PEM and the fingerprint are
 * the same whichever form the key arrived in, and match `openssl pkey -pubout`.
 */
export async function createPublicKey(
  material: PublicKeyMaterial,
  origin: Origin,
): Promise<PublicKey> {
  if (material.type === 'RSA') {
    const modulusBits = bitLength(material.modulus);
    requireRsaSize(modulusBits);
    const spki = rsaSpki(material.modulus, material.publicExponent);
    const [sha1, sha256] = await Promise.all(
      (['SHA1', 'SHA256'] as const).map((hash) =>
        importSpki(spki, { ...RSA_IMPORT, hash: WEBCRYPTO_HASH[hash] }, origin),
      ),
    );
    return Object.freeze({
      type: 'RSA',
      modulusBits,
      description: `RSA ${modulusBits}-bit`,
      pem: encodePem('PUBLIC KEY', spki),
      fingerprint: await fingerprint(spki),
      cryptoKeys: Object.freeze({ SHA1: sha1 as CryptoKey, SHA256: sha256 as CryptoKey }),
    });
  }
  if (!isP256Point(material.point)) throw malformed(origin, 'its public key is not a P-256 point');
  const point =
    material.point.length === 65 ? material.point : await decompress(material.point, origin);
  const spki = ecSpki(point);
  const key = await importSpki(spki, ECDSA_IMPORT, origin);
  return Object.freeze({
    type: 'ECDSA',
    namedCurve: 'P-256',
    description: 'ECDSA P-256',
    pem: encodePem('PUBLIC KEY', spki),
    fingerprint: await fingerprint(spki),
    cryptoKeys: Object.freeze({ SHA1: key, SHA256: key }),
  });
}

/** `SHA256:` and unpadded base64 of SHA-256(SPKI DER), the form `ssh-keygen -l` prints. */
export async function fingerprint(spki: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  return `SHA256:${encodeBase64(digest).replace(/=+$/, '')}`;
}

async function importSpki(
  spki: Uint8Array<ArrayBuffer>,
  algorithm: RsaHashedImportParams | EcKeyImportParams,
  origin: Origin,
): Promise<CryptoKey> {
  try {
    // Public keys may be extractable: nothing secret can leak, and callers may want a JWK.
    return await crypto.subtle.importKey('spki', spki, algorithm, true, ['verify']);
  } catch (error) {
    throw malformed(origin, `WebCrypto refused its public key: ${messageOf(error)}`, error);
  }
}

/** WebCrypto decompresses an SEC1 compressed point on import and exports it uncompressed. */
async function decompress(point: Uint8Array, origin: Origin): Promise<Uint8Array> {
  try {
    const key = await crypto.subtle.importKey('raw', point.slice(), ECDSA_IMPORT, true, ['verify']);
    return new Uint8Array(await crypto.subtle.exportKey('raw', key));
  } catch (error) {
    throw malformed(origin, `its public point is not on P-256: ${messageOf(error)}`, error);
  }
}

/** base64url (RFC 4648 5) as JWK uses it; undefined when it is not valid. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  const bytes = decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
  return isBase64Problem(bytes) ? undefined : bytes;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
