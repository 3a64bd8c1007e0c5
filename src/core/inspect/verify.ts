import { SignetError } from '../errors.ts';
import { isPublicKeyShape } from '../key/shape.ts';
import type { HashAlgorithm, PublicKey } from '../key/types.ts';
import { decodeCloudFrontBase64, isBase64Problem } from '../lib/base64.ts';
import { ecdsaDerToRaw } from '../lib/ecdsa.ts';
import { readOptions } from '../lib/options.ts';
import { signatureParams } from '../sign/signature.ts';

/** `valid`, `invalid` (a well-formed signature that does not match), or `malformed`. */
export type SignatureCheck = 'valid' | 'invalid' | 'malformed';

export interface VerifySignatureOptions {
  /** The exact policy JSON that was signed (for canned, the policy rebuilt from the URL). */
  policy: string;
  /** The signature as it appears in the URL or cookie (CloudFront base64). */
  signature: string;
  publicKey: PublicKey;
  hashAlgorithm: HashAlgorithm;
}

const encoder = new TextEncoder();

/**
 * Verifies a CloudFront signature over policy bytes. ECDSA signatures arrive DER-encoded and are
 * converted to the raw r‖s that WebCrypto verifies (SPEC.md section 3).
 */
export async function verifySignature(input: VerifySignatureOptions): Promise<SignatureCheck> {
  const options = readOptions<VerifySignatureOptions>(
    input,
    '{ policy, signature, publicKey, hashAlgorithm }',
  );
  const { policy, publicKey, hashAlgorithm, signature } = options;
  if (
    typeof policy !== 'string' ||
    typeof signature !== 'string' ||
    !isPublicKeyShape(publicKey) ||
    (hashAlgorithm !== 'SHA1' && hashAlgorithm !== 'SHA256')
  ) {
    throw new SignetError(
      'ERR_SIGNED_INPUT',
      'Give a policy and signature (text), a public key and SHA1 or SHA256.',
    );
  }
  return checkSignature(policy, signature, publicKey, hashAlgorithm);
}

/** verifySignature on arguments already checked (evaluateRequest's own), without checking them again. */
export async function checkSignature(
  policy: string,
  signature: string,
  publicKey: PublicKey,
  hashAlgorithm: HashAlgorithm,
): Promise<SignatureCheck> {
  const bytes = decodeCloudFrontBase64(signature);
  if (isBase64Problem(bytes) || bytes.length === 0) return 'malformed';
  const data = encoder.encode(policy);
  const key = publicKey.cryptoKeys[hashAlgorithm];
  if (publicKey.type === 'ECDSA') {
    const raw = ecdsaDerToRaw(bytes);
    if (!raw) return 'malformed';
    const ok = await crypto.subtle.verify(signatureParams('ECDSA', hashAlgorithm), key, raw, data);
    return ok ? 'valid' : 'invalid';
  }
  const ok = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, bytes, data);
  return ok ? 'valid' : 'invalid';
}
