import { SignetError } from '../errors.ts';
import type { HashAlgorithm, SigningKey } from '../key/types.ts';
import { encodeCloudFrontBase64 } from '../lib/base64.ts';
import { ecdsaRawToDer } from '../lib/ecdsa.ts';
import { showValue, visible } from '../lib/show-value.ts';

const encoder = new TextEncoder();

/**
 * The one WebCrypto step of a signature: the policy bytes in, what `crypto.subtle.sign` returns
 * out (RSASSA-PKCS1-v1_5, or ECDSA's raw r‖s). A batch may hand it elsewhere, such as a pool of
 * Web Workers each holding the same CryptoKey; the default signs right here.
 */
export type RawSigner = (
  data: Uint8Array<ArrayBuffer>,
  privateKey: SigningKey,
  hashAlgorithm: HashAlgorithm,
) => Promise<ArrayBuffer>;

/** The algorithm argument of `crypto.subtle.sign` for a key type and hash. */
export function signatureParams(
  type: SigningKey['type'],
  hashAlgorithm: HashAlgorithm,
): 'RSASSA-PKCS1-v1_5' | { name: 'ECDSA'; hash: 'SHA-1' | 'SHA-256' } {
  return type === 'ECDSA'
    ? { name: 'ECDSA', hash: hashAlgorithm === 'SHA1' ? 'SHA-1' : 'SHA-256' }
    : 'RSASSA-PKCS1-v1_5';
}

/** The default RawSigner: WebCrypto, right here. */
export const signWithWebCrypto: RawSigner = (data, privateKey, hashAlgorithm) =>
  crypto.subtle.sign(
    signatureParams(privateKey.type, hashAlgorithm),
    privateKey.cryptoKeys[hashAlgorithm] as CryptoKey,
    data,
  );

/**
 * Signs the exact policy bytes and returns the signature in CloudFront's base64: RSASSA-PKCS1-v1_5,
 * or ECDSA P-256 converted from WebCrypto's raw r‖s to the DER CloudFront expects (SPEC.md section 3).
 */
export async function signPolicy(
  policyJson: string,
  privateKey: SigningKey,
  hashAlgorithm: HashAlgorithm,
  rawSigner: RawSigner = signWithWebCrypto,
): Promise<string> {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await rawSigner(encoder.encode(policyJson), privateKey, hashAlgorithm));
  } catch (error) {
    throw signingFailed(error);
  }
  return encodeCloudFrontBase64(privateKey.type === 'ECDSA' ? ecdsaRawToDer(raw) : raw);
}

/** A failure of the signing step itself (WebCrypto, a worker) as a SignetError. */
export function signingFailed(error: unknown): SignetError {
  if (error instanceof SignetError) return error;
  const detail = error instanceof Error ? visible(error.message) : showValue(error, /^/);
  return new SignetError('ERR_SIGNING_FAILED', `The signature could not be made: ${detail}`, {
    cause: error,
  });
}
