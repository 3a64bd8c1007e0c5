/**
 * From checked private key material to the SigningKey: WebCrypto imports (non-extractable), the
 * matching PublicKey, and a pairwise check that the two halves belong together.
 */

import type { SignetWarning } from '../errors.ts';
import { bitLength } from '../lib/der.ts';
import { ecPkcs8, rsaPkcs8 } from './pkcs8.ts';
import {
  createPublicKey,
  decodeBase64Url,
  ECDSA_IMPORT,
  messageOf,
  RSA_IMPORT,
  WEBCRYPTO_HASH,
} from './public.ts';
import type { ParsedPrivateKey } from './read-private.ts';
import * as refuse from './refusals.ts';
import type { SigningKey } from './types.ts';

export async function createSigningKey(parsed: ParsedPrivateKey): Promise<SigningKey> {
  const { material, format, origin } = parsed;
  if (material.type === 'RSA') {
    const modulusBits = bitLength(material.modulus);
    const publicKey = await createPublicKey(material, origin);
    const pkcs8 = rsaPkcs8(material.rsaPrivateKey);
    const [sha1, sha256] = await Promise.all(
      (['SHA1', 'SHA256'] as const).map((hash) =>
        importPkcs8(pkcs8, { ...RSA_IMPORT, hash: WEBCRYPTO_HASH[hash] }, origin),
      ),
    ).finally(() => pkcs8.fill(0));
    const cryptoKeys = Object.freeze({ SHA1: sha1 as CryptoKey, SHA256: sha256 as CryptoKey });
    await checkPairwise(cryptoKeys.SHA256, publicKey.cryptoKeys.SHA256, origin);
    const warnings: SignetWarning[] = [];
    // SPEC.md section 1: CloudFront accepts RSA 2048 only; other sizes sign but cannot be uploaded.
    if (modulusBits !== 2048) {
      warnings.push(
        Object.freeze({
          code: 'RSA_KEY_SIZE',
          message:
            `This is an RSA ${modulusBits}-bit key. CloudFront only accepts 2048-bit RSA public keys, ` +
            `so it will refuse to upload this one. Create a 2048-bit key: ${refuse.CREATE_RSA}`,
        }),
      );
    }
    return Object.freeze({
      type: 'RSA',
      modulusBits,
      description: `RSA ${modulusBits}-bit`,
      format,
      publicKey,
      cryptoKeys,
      warnings: Object.freeze(warnings),
    });
  }
  const point = material.publicPoint ?? (await derivePublicPoint(material.privateScalar, origin));
  const publicKey = await createPublicKey({ type: 'ECDSA', point }, origin);
  const pkcs8 = ecPkcs8(material.privateScalar, point);
  const key = await importPkcs8(pkcs8, ECDSA_IMPORT, origin).finally(() => {
    pkcs8.fill(0);
    material.privateScalar.fill(0);
  });
  await checkPairwise(key, publicKey.cryptoKeys.SHA256, origin);
  return Object.freeze({
    type: 'ECDSA',
    namedCurve: 'P-256',
    description: 'ECDSA P-256',
    format,
    publicKey,
    cryptoKeys: Object.freeze({ SHA1: key, SHA256: key }),
    warnings: Object.freeze([]),
  });
}

async function importPkcs8(
  pkcs8: Uint8Array<ArrayBuffer>,
  algorithm: RsaHashedImportParams | EcKeyImportParams,
  origin: refuse.Origin,
): Promise<CryptoKey> {
  try {
    // Non-extractable: the key material can never be read back out of the page.
    return await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  } catch (error) {
    throw refuse.malformed(origin, `WebCrypto refused it: ${messageOf(error)}`, error);
  }
}

/**
 * An SEC1 key may omit its public point (`openssl ec -no_public`) or store it compressed. The
 * point is needed for the SPKI, and computing it takes elliptic-curve arithmetic that Signet does
 * not carry; WebCrypto has it, so a short-lived extractable copy exports the point as a JWK.
 */
async function derivePublicPoint(
  privateScalar: Uint8Array,
  origin: refuse.Origin,
): Promise<Uint8Array> {
  const pkcs8 = ecPkcs8(privateScalar);
  try {
    const temporary = await crypto.subtle.importKey('pkcs8', pkcs8, ECDSA_IMPORT, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', temporary);
    const x = decodeBase64Url(jwk.x ?? '');
    const y = decodeBase64Url(jwk.y ?? '');
    if (x?.length !== 32 || y?.length !== 32) throw new Error('the exported JWK has no point');
    const point = new Uint8Array(65);
    point[0] = 4;
    point.set(x, 1);
    point.set(y, 33);
    return point;
  } catch (error) {
    throw refuse.malformed(origin, `WebCrypto refused it: ${messageOf(error)}`, error);
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Signs and verifies once, so that a damaged key whose private and public halves no longer match
 * is refused here and not discovered later as CloudFront 403s.
 */
async function checkPairwise(
  signKey: CryptoKey,
  verifyKey: CryptoKey,
  origin: refuse.Origin,
): Promise<void> {
  const algorithm =
    signKey.algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5' };
  const data = new TextEncoder().encode('Signet pairwise consistency check');
  let valid = false;
  try {
    const signature = await crypto.subtle.sign(algorithm, signKey, data);
    valid = await crypto.subtle.verify(algorithm, verifyKey, signature, data);
  } catch (error) {
    throw refuse.malformed(origin, `WebCrypto could not sign with it: ${messageOf(error)}`, error);
  }
  if (!valid) throw refuse.malformed(origin, 'its private and public halves do not match');
}
