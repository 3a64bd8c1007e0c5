import type { PublicKey, SigningKey } from './types.ts';

/**
 * Keys passed back in are plain objects (they may have crossed to a Web Worker), so they are
 * recognised by shape; the CryptoKeys inside by their WebIDL tag, which survives that crossing.
 */
function isCryptoKey(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object CryptoKey]';
}

function hasKeys(value: unknown): value is { type: unknown; cryptoKeys: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as { type?: unknown; cryptoKeys?: Record<string, unknown> };
  return (
    (key.type === 'RSA' || key.type === 'ECDSA') &&
    typeof key.cryptoKeys === 'object' &&
    key.cryptoKeys !== null &&
    isCryptoKey(key.cryptoKeys.SHA1) &&
    isCryptoKey(key.cryptoKeys.SHA256)
  );
}

export function isPublicKeyShape(value: unknown): value is PublicKey {
  if (!hasKeys(value)) return false;
  const key = value as Partial<Record<keyof PublicKey, unknown>>;
  return typeof key.pem === 'string' && typeof key.fingerprint === 'string';
}

export function isSigningKeyShape(value: unknown): value is SigningKey {
  if (!hasKeys(value)) return false;
  const key = value as Partial<Record<keyof SigningKey, unknown>>;
  return Array.isArray(key.warnings) && isPublicKeyShape(key.publicKey);
}
