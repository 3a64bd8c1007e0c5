/**
 * The gate every key passes: from an AlgorithmIdentifier (and the curve parameters of EC keys) to
 * 'RSA' or 'ECDSA' P-256, refusing each other type with its own error (SPEC.md section 1).
 */

import { type DerElement, DerError, readOid, readSequence, TAG } from '../lib/der.ts';
import * as OID from '../lib/oids.ts';
import { dsa, ecCurve, edwards, typeUnsupported } from './refusals.ts';

const CURVE_NAMES: Readonly<Record<string, string>> = {
  [OID.SECP384R1]: 'P-384 (secp384r1)',
  [OID.SECP521R1]: 'P-521 (secp521r1)',
  [OID.SECP256K1]: 'secp256k1 (the Bitcoin curve)',
  [OID.PRIME192V1]: 'P-192 (prime192v1)',
  [OID.SECP224R1]: 'P-224 (secp224r1)',
  [OID.BRAINPOOL_P256R1]: 'brainpoolP256r1',
  [OID.BRAINPOOL_P384R1]: 'brainpoolP384r1',
  [OID.BRAINPOOL_P512R1]: 'brainpoolP512r1',
  [OID.SM2]: 'SM2',
};

/** Smallest and largest RSA moduli imported: CloudFront wants 2048; others sign with a warning. */
export const RSA_MIN_BITS = 1024;
export const RSA_MAX_BITS = 16384;

/**
 * Reads an AlgorithmIdentifier (RFC 5280 4.1.1.2) and returns the key type with the parameters
 * element, or throws the refusal for a type that CloudFront cannot use.
 */
export function keyAlgorithm(algorithmIdentifier: DerElement | undefined): {
  type: 'RSA' | 'ECDSA';
  parameters: DerElement | undefined;
} {
  const [algorithm, parameters] = readSequence(algorithmIdentifier, 'AlgorithmIdentifier');
  const oid = readOid(algorithm, 'key algorithm');
  switch (oid) {
    case OID.RSA_ENCRYPTION:
      return { type: 'RSA', parameters };
    case OID.EC_PUBLIC_KEY:
      return { type: 'ECDSA', parameters };
    case OID.ED25519:
      throw edwards('Ed25519');
    case OID.ED448:
      throw edwards('Ed448');
    case OID.X25519:
      throw edwards('X25519');
    case OID.X448:
      throw edwards('X448');
    case OID.DSA:
      throw dsa();
    case OID.RSASSA_PSS:
      throw typeUnsupported(
        'an RSA-PSS key, restricted to PSS signatures, while CloudFront verifies RSASSA-PKCS1-v1_5',
      );
    case OID.DH_KEY_AGREEMENT:
    case OID.DH_PUBLIC_NUMBER:
      throw typeUnsupported('a Diffie-Hellman key, made for key agreement, not signatures');
    default:
      throw typeUnsupported(
        `a key of a type that Signet does not know (algorithm OID ${oid.length > 64 ? `${oid.slice(0, 64)}…` : oid})`,
      );
  }
}

/**
 * The curve of an EC key from the first of its ECParameters (RFC 5480 2.1.1) that names one:
 * the PKCS#8 or SPKI AlgorithmIdentifier, the SEC1 [0] field, then a BEGIN EC PARAMETERS block.
 * Only a named P-256 passes; explicit parameters are refused even when they describe P-256,
 * because CloudFront and WebCrypto both want the name.
 */
export function requireP256(...candidates: readonly (DerElement | undefined)[]): void {
  for (const parameters of candidates) {
    if (parameters === undefined || parameters.tag === TAG.NULL) continue;
    if (parameters.tag === TAG.SEQUENCE)
      throw ecCurve('explicit curve parameters (not a named curve)');
    const curve = readOid(parameters, 'named curve');
    if (curve === OID.PRIME256V1) return;
    throw ecCurve(CURVE_NAMES[curve] ?? `the curve with OID ${curve}`);
  }
  throw new DerError(
    'it does not name its curve; if it came with a BEGIN EC PARAMETERS block, include that block',
  );
}

/** Refuses RSA moduli that WebCrypto cannot use well; 2048 itself is checked by the caller. */
export function requireRsaSize(bits: number): void {
  if (bits < RSA_MIN_BITS) {
    throw typeUnsupported(`an RSA ${bits}-bit key, too small to sign with safely`);
  }
  if (bits > RSA_MAX_BITS)
    throw typeUnsupported(`an RSA ${bits}-bit key, larger than any signer needs`);
}
