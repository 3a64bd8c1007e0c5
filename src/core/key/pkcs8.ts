/**
 * Private key structures: read PKCS#8, PKCS#1 and SEC1, and write the one form that WebCrypto
 * imports, PKCS#8 (SPEC.md section 1). Keys are re-encoded canonically rather than passed through,
 * because browsers' DER parsers are stricter than OpenSSL's.
 */

import {
  bitString,
  contextTag,
  type DerElement,
  DerError,
  nullValue,
  octetString,
  oid,
  readBitString,
  readChildren,
  readOctetString,
  readSequence,
  readSingle,
  readSmallInteger,
  readUnsignedInteger,
  sequence,
  smallInteger,
  tlv,
  unsignedInteger,
} from '../lib/der.ts';
import { EC_PUBLIC_KEY, PRIME256V1, RSA_ENCRYPTION } from '../lib/oids.ts';
import { keyAlgorithm, requireP256 } from './algorithm.ts';
import { typeUnsupported } from './refusals.ts';

export interface RsaPrivateMaterial {
  readonly type: 'RSA';
  /** The RSAPrivateKey, re-encoded with minimal integers. */
  readonly rsaPrivateKey: Uint8Array;
  readonly modulus: Uint8Array;
  readonly publicExponent: Uint8Array;
}

export interface EcPrivateMaterial {
  readonly type: 'ECDSA';
  /** The private scalar, left-padded to 32 bytes. */
  readonly privateScalar: Uint8Array;
  /** The uncompressed public point, when the file has it in that form. */
  readonly publicPoint: Uint8Array | undefined;
}

export type PrivateKeyMaterial = RsaPrivateMaterial | EcPrivateMaterial;

/** Reads a PrivateKeyInfo / OneAsymmetricKey (RFC 5208 5, RFC 5958 2). */
export function parsePrivateKeyInfo(der: Uint8Array): PrivateKeyMaterial {
  const [version, algorithmIdentifier, privateKey] = readSequence(
    readSingle(der),
    'PrivateKeyInfo',
  );
  const number = readSmallInteger(version, 'version');
  if (number > 1) throw new DerError(`PKCS#8 version ${number} is unknown`);
  const { type, parameters } = keyAlgorithm(algorithmIdentifier);
  const inner = readOctetString(privateKey, 'privateKey');
  if (type === 'RSA') return parseRsaPrivateKey(inner);
  return parseEcPrivateKey(inner, parameters);
}

const RSA_PRIVATE_KEY_FIELDS = [
  'modulus',
  'publicExponent',
  'privateExponent',
  'prime1',
  'prime2',
  'exponent1',
  'exponent2',
  'coefficient',
] as const;

/** Reads an RSAPrivateKey (RFC 8017 A.1.2). */
export function parseRsaPrivateKey(der: Uint8Array): RsaPrivateMaterial {
  const fields = readSequence(readSingle(der), 'RSAPrivateKey');
  const version = readSmallInteger(fields[0], 'version');
  // Version 1 means more than two primes (RFC 8017 A.1.2), which browsers do not import.
  if (version === 1 || fields.length > 9) {
    throw typeUnsupported('a multi-prime RSA key (more than two primes)');
  }
  if (version !== 0) throw new DerError(`RSAPrivateKey version ${version} is unknown`);
  const integers = RSA_PRIVATE_KEY_FIELDS.map((name, i) =>
    readUnsignedInteger(fields[i + 1], name),
  );
  const [modulus, publicExponent] = integers as [Uint8Array, Uint8Array];
  // Copies, not views: the caller wipes decrypted input as soon as it has been read.
  return {
    type: 'RSA',
    rsaPrivateKey: sequence(smallInteger(0), ...integers.map((n) => unsignedInteger(n))),
    modulus: modulus.slice(),
    publicExponent: publicExponent.slice(),
  };
}

/**
 * Reads an ECPrivateKey (RFC 5915 3). The curve comes from the first source that names one:
 * `outerParameters` (PKCS#8), the key's own [0], then `hintParameters` (a BEGIN EC PARAMETERS block).
 */
export function parseEcPrivateKey(
  der: Uint8Array,
  outerParameters?: DerElement,
  hintParameters?: DerElement,
): EcPrivateMaterial {
  const [version, privateKey, ...optional] = readSequence(readSingle(der), 'ECPrivateKey');
  if (readSmallInteger(version, 'version') !== 1)
    throw new DerError('ECPrivateKey version is not 1');
  let parameters: DerElement | undefined;
  let publicKey: Uint8Array | undefined;
  for (const field of optional) {
    if (field.tag === contextTag(0)) parameters = readChildren(field)[0];
    else if (field.tag === contextTag(1))
      publicKey = readBitString(readChildren(field)[0], 'publicKey');
  }
  requireP256(outerParameters, parameters, hintParameters);
  const scalar = readOctetString(privateKey, 'privateKey');
  let start = 0;
  while (start < scalar.length && scalar[start] === 0) start++;
  // RFC 5915 fixes the length at 32 bytes for P-256, but some encoders drop leading zeros.
  if (scalar.length - start === 0 || scalar.length - start > 32) {
    throw new DerError('its private key is not a P-256 scalar');
  }
  const privateScalar = new Uint8Array(32);
  privateScalar.set(scalar.subarray(start), 32 - (scalar.length - start));
  let publicPoint: Uint8Array | undefined;
  if (publicKey !== undefined) {
    const compressed = publicKey.length === 33 && (publicKey[0] === 2 || publicKey[0] === 3);
    if (publicKey.length === 65 && publicKey[0] === 4) publicPoint = publicKey.slice();
    else if (!compressed) throw new DerError('its public key is not a P-256 point');
  }
  return { type: 'ECDSA', privateScalar, publicPoint };
}

/** PKCS#8 around an RSAPrivateKey: rsaEncryption with NULL parameters (RFC 3279 2.3.1). */
export function rsaPkcs8(rsaPrivateKey: Uint8Array): Uint8Array<ArrayBuffer> {
  return sequence(
    smallInteger(0),
    sequence(oid(RSA_ENCRYPTION), nullValue()),
    octetString(rsaPrivateKey),
  );
}

/**
 * PKCS#8 around an ECPrivateKey for P-256. The curve goes in the AlgorithmIdentifier only
 * (RFC 5915 3 lets [0] be omitted); the public point goes in [1] when known, since some
 * browsers (Firefox) refuse an EC PKCS#8 key without it.
 */
export function ecPkcs8(
  privateScalar: Uint8Array,
  publicPoint?: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const fields = [smallInteger(1), octetString(privateScalar)];
  if (publicPoint) fields.push(tlv(contextTag(1), bitString(publicPoint)));
  return sequence(
    smallInteger(0),
    sequence(oid(EC_PUBLIC_KEY), oid(PRIME256V1)),
    octetString(sequence(...fields)),
  );
}
