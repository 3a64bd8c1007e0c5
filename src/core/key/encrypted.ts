/**
 * Decrypts an EncryptedPrivateKeyInfo (RFC 5208 6) protected with PBES2 (RFC 8018 6.2): PBKDF2
 * with HMAC-SHA-1/256/384/512, then AES-128/192/256-CBC. That is what OpenSSL 3 writes by default
 * (`openssl pkcs8 -topk8`); every other scheme is refused with the command that re-encrypts it.
 */

import { aesCbcDecrypt, removePkcs7Padding } from '../lib/aes.ts';
import {
  type DerElement,
  DerError,
  readOctetString,
  readOid,
  readSequence,
  readSingle,
  readSmallInteger,
  TAG,
} from '../lib/der.ts';
import * as OID from '../lib/oids.ts';
import {
  encryptionUnsupported,
  groupDigits,
  passphraseRequired,
  passphraseWrong,
} from './refusals.ts';

/** OpenSSL 3 uses 2048 iterations; this bound keeps a hostile file from hanging the page. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

const PRF_HASHES: Readonly<Record<string, string>> = {
  [OID.HMAC_WITH_SHA1]: 'SHA-1',
  [OID.HMAC_WITH_SHA256]: 'SHA-256',
  [OID.HMAC_WITH_SHA384]: 'SHA-384',
  [OID.HMAC_WITH_SHA512]: 'SHA-512',
};

/** WebCrypto has no SHA-224 or SHA-512/t, so PBKDF2 cannot run with them. */
const PRF_UNSUPPORTED: Readonly<Record<string, string>> = {
  [OID.HMAC_WITH_SHA224]: 'PBKDF2 with HMAC-SHA224',
  [OID.HMAC_WITH_SHA512_224]: 'PBKDF2 with HMAC-SHA512/224',
  [OID.HMAC_WITH_SHA512_256]: 'PBKDF2 with HMAC-SHA512/256',
};

const AES_KEY_BYTES: Readonly<Record<string, number>> = {
  [OID.AES128_CBC]: 16,
  [OID.AES192_CBC]: 24,
  [OID.AES256_CBC]: 32,
};

/** Ciphers that PBES2 allows but Signet does not run; `legacy` needs OpenSSL's legacy provider. */
const CIPHER_UNSUPPORTED: Readonly<Record<string, { name: string; legacy: boolean }>> = {
  [OID.DES_EDE3_CBC]: { name: 'PBES2 with DES-EDE3-CBC (triple DES)', legacy: false },
  [OID.DES_CBC]: { name: 'PBES2 with DES-CBC', legacy: true },
  [OID.RC2_CBC]: { name: 'PBES2 with RC2-CBC', legacy: true },
  [OID.AES128_GCM]: { name: 'PBES2 with AES-128-GCM', legacy: false },
  [OID.AES192_GCM]: { name: 'PBES2 with AES-192-GCM', legacy: false },
  [OID.AES256_GCM]: { name: 'PBES2 with AES-256-GCM', legacy: false },
};

interface Pbes2Parameters {
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly iterations: number;
  readonly hash: string;
  readonly keyBytes: number;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/**
 * Returns the decrypted PrivateKeyInfo DER. The caller owns the bytes and should wipe them.
 * Unsupported schemes are refused before the passphrase is asked for, so nobody types a
 * passphrase only to learn that the file cannot be read. `what` names the input in messages.
 */
export async function decryptPrivateKeyInfo(
  der: Uint8Array,
  passphrase: string | undefined,
  what: string,
): Promise<Uint8Array> {
  const parameters = readPbes2(der);
  if (passphrase === undefined) throw passphraseRequired(what);
  const key = await deriveKey(passphrase, parameters);
  if (parameters.keyBytes === 24) {
    // Chromium's WebCrypto refuses 192-bit AES keys, so AES-192 runs in TypeScript.
    const padded = aesCbcDecrypt(key, parameters.iv, parameters.ciphertext);
    key.fill(0);
    const plaintext = removePkcs7Padding(padded);
    if (!plaintext) {
      padded.fill(0);
      throw passphraseWrong();
    }
    return plaintext;
  }
  try {
    const aesKey = await crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: parameters.iv },
      aesKey,
      parameters.ciphertext,
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    // WebCrypto reports bad PKCS#7 padding, the usual sign of a wrong passphrase, as OperationError.
    throw passphraseWrong(error);
  } finally {
    key.fill(0);
  }
}

async function deriveKey(
  passphrase: string,
  parameters: Pbes2Parameters,
): Promise<Uint8Array<ArrayBuffer>> {
  // RFC 8018 leaves the password encoding open; OpenSSL uses the bytes as typed, i.e. UTF-8.
  const password = new TextEncoder().encode(passphrase);
  const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  password.fill(0);
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'PBKDF2',
      salt: parameters.salt,
      iterations: parameters.iterations,
      hash: parameters.hash,
    },
    base,
    parameters.keyBytes * 8,
  );
  return new Uint8Array(bits);
}

/** Reads the scheme and its parameters, refusing everything but PBES2, PBKDF2 and AES-CBC. */
function readPbes2(der: Uint8Array): Pbes2Parameters {
  const [algorithmIdentifier, encryptedData] = readSequence(
    readSingle(der),
    'EncryptedPrivateKeyInfo',
  );
  const [scheme, schemeParameters] = readSequence(algorithmIdentifier, 'encryptionAlgorithm');
  const schemeOid = readOid(scheme, 'encryption scheme');
  const pbes1 = OID.PBES1[schemeOid];
  if (pbes1) throw encryptionUnsupported(`PBES1 (${pbes1})`, true);
  const pkcs12 = OID.PKCS12_PBE[schemeOid];
  if (pkcs12) throw encryptionUnsupported(`PKCS#12 PBE (${pkcs12})`, !pkcs12.endsWith('DES'));
  if (schemeOid !== OID.PBES2) throw encryptionUnsupported(`an unknown scheme (OID ${schemeOid})`);

  const [keyDerivation, encryption] = readSequence(schemeParameters, 'PBES2-params');
  const [kdf, kdfParameters] = readSequence(keyDerivation, 'keyDerivationFunc');
  const kdfOid = readOid(kdf, 'key derivation function');
  if (kdfOid === OID.SCRYPT) throw encryptionUnsupported('PBES2 with scrypt');
  if (kdfOid !== OID.PBKDF2)
    throw encryptionUnsupported(`PBES2 with an unknown KDF (OID ${kdfOid})`);

  const [cipher, iv] = readSequence(encryption, 'encryptionScheme');
  const cipherOid = readOid(cipher, 'cipher');
  const unsupportedCipher = CIPHER_UNSUPPORTED[cipherOid];
  if (unsupportedCipher)
    throw encryptionUnsupported(unsupportedCipher.name, unsupportedCipher.legacy);
  const keyBytes = AES_KEY_BYTES[cipherOid];
  if (keyBytes === undefined)
    throw encryptionUnsupported(`PBES2 with an unknown cipher (OID ${cipherOid})`);

  const { salt, iterations, keyLength, hash } = readPbkdf2(kdfParameters);
  if (keyLength !== undefined && keyLength !== keyBytes) {
    throw new DerError(`PBKDF2 derives ${keyLength} bytes for a ${keyBytes * 8}-bit AES key`);
  }
  const ivBytes = readOctetString(iv, 'AES-CBC IV');
  if (ivBytes.length !== 16) throw new DerError('the AES-CBC IV is not 16 bytes');
  const ciphertext = readOctetString(encryptedData, 'encryptedData');
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new DerError('the encrypted key is not a whole number of AES blocks');
  }
  return { salt, iterations, hash, keyBytes, iv: ivBytes.slice(), ciphertext: ciphertext.slice() };
}

/** PBKDF2-params (RFC 8018 A.2); the PRF defaults to HMAC-SHA-1. */
function readPbkdf2(parameters: DerElement | undefined) {
  const [salt, iterationCount, ...rest] = readSequence(parameters, 'PBKDF2-params');
  // The salt CHOICE may name an algorithm instead (otherSource); nothing writes that.
  if (salt?.tag !== TAG.OCTET_STRING) throw encryptionUnsupported('PBKDF2 with a salt source');
  const iterations = readSmallInteger(iterationCount, 'iteration count');
  if (iterations < 1) throw new DerError('the PBKDF2 iteration count is 0');
  if (iterations > MAX_PBKDF2_ITERATIONS) {
    throw encryptionUnsupported(
      `PBKDF2 at ${groupDigits(iterations)} iterations, more than the ` +
        `${groupDigits(MAX_PBKDF2_ITERATIONS)} Signet runs`,
    );
  }
  let keyLength: number | undefined;
  let prf: DerElement | undefined;
  for (const field of rest) {
    if (field.tag === TAG.INTEGER && keyLength === undefined && prf === undefined) {
      keyLength = readSmallInteger(field, 'key length');
    } else if (field.tag === TAG.SEQUENCE && prf === undefined) prf = field;
    else throw new DerError('PBKDF2-params has unexpected fields');
  }
  let hash = 'SHA-1';
  if (prf) {
    const prfOid = readOid(readSequence(prf, 'prf')[0], 'PRF');
    const unsupported = PRF_UNSUPPORTED[prfOid];
    if (unsupported) throw encryptionUnsupported(unsupported);
    const known = PRF_HASHES[prfOid];
    if (!known) throw encryptionUnsupported(`PBKDF2 with an unknown PRF (OID ${prfOid})`);
    hash = known;
  }
  return { salt: salt.value.slice(), iterations, keyLength, hash };
}
