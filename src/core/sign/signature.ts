import type { HashAlgorithm, SigningKey } from '../key/types.ts';
import { encodeCloudFrontBase64 } from '../lib/base64.ts';
import { ecdsaRawToDer } from '../lib/ecdsa.ts';

const encoder = new TextEncoder();

/** WebCrypto's name for each hash. */
export const WEBCRYPTO_HASH: Record<HashAlgorithm, 'SHA-1' | 'SHA-256'> = {
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
};

/**
 * Signs the exact policy bytes and returns the signature in CloudFront's base64: RSASSA-PKCS1-v1_5,
 * or ECDSA P-256 converted from WebCrypto's raw r‖s to the DER CloudFront expects (SPEC.md section 3).
 */
export async function signPolicy(
  policyJson: string,
  privateKey: SigningKey,
  hashAlgorithm: HashAlgorithm,
): Promise<string> {
  const data = encoder.encode(policyJson);
  const key = privateKey.cryptoKeys[hashAlgorithm];
  if (privateKey.type === 'ECDSA') {
    const raw = await crypto.subtle.sign(
      { name: 'ECDSA', hash: WEBCRYPTO_HASH[hashAlgorithm] },
      key,
      data,
    );
    return encodeCloudFrontBase64(ecdsaRawToDer(new Uint8Array(raw)));
  }
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data);
  return encodeCloudFrontBase64(new Uint8Array(signature));
}
