/**
 * generateKeyPair: a new key of a type that CloudFront accepts (SPEC.md section 1), as the PEM
 * files a user keeps and uploads, plus a ready SigningKey.
 */

import { SignetError } from '../errors.ts';
import { encodePem } from '../lib/pem.ts';
import { showValue } from '../lib/show-value.ts';
import { importPrivateKey } from './import.ts';
import { ECDSA_IMPORT, messageOf } from './public.ts';
import type { KeyType, SigningKey } from './types.ts';

export interface GeneratedKeyPair {
  /** PKCS#8 PEM (`BEGIN PRIVATE KEY`): keep it secret. */
  readonly privateKeyPem: string;
  /** SPKI PEM (`BEGIN PUBLIC KEY`): upload it to CloudFront as a public key. */
  readonly publicKeyPem: string;
  /** The same private key, imported non-extractable and ready to sign. */
  readonly signingKey: SigningKey;
}

/**
 * Generates RSA 2048 (e = 65537) or ECDSA P-256. The key is extractable only long enough to
 * export the PEM files; the SigningKey is then imported from that PEM, so it is non-extractable.
 */
export async function generateKeyPair(type: KeyType): Promise<GeneratedKeyPair> {
  const algorithm =
    typeof type === 'string' && Object.hasOwn(GENERATE, type) ? GENERATE[type] : undefined;
  if (!algorithm) {
    throw new SignetError(
      'ERR_KEY_TYPE_GENERATE',
      `Signet generates only RSA and ECDSA keys (CloudFront accepts RSA 2048-bit and ECDSA P-256), ` +
        `not ${showValue(type, /^[A-Za-z0-9-]{1,12}$/)}. Pass 'RSA' or 'ECDSA'.`,
    );
  }
  let privateKeyPem: string;
  let publicKeyPem: string;
  try {
    const pair = (await crypto.subtle.generateKey(algorithm, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    privateKeyPem = encodePem('PRIVATE KEY', pkcs8);
    publicKeyPem = encodePem('PUBLIC KEY', spki);
    pkcs8.fill(0);
  } catch (error) {
    throw new SignetError(
      'ERR_KEY_TYPE_GENERATE',
      `This runtime's WebCrypto could not generate ${type === 'RSA' ? 'an RSA 2048-bit' : 'an ECDSA P-256'} ` +
        `key (${messageOf(error)}). Generate one with OpenSSL instead: openssl genrsa -out private_key.pem 2048`,
      { cause: error },
    );
  }
  const signingKey = await importPrivateKey(privateKeyPem);
  return Object.freeze({ privateKeyPem, publicKeyPem, signingKey });
}

const GENERATE: Readonly<Record<string, RsaHashedKeyGenParams | EcKeyGenParams>> = {
  RSA: {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: Uint8Array.of(1, 0, 1),
    hash: 'SHA-256',
  },
  ECDSA: ECDSA_IMPORT,
};
