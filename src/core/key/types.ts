import type { SignetWarning } from '../errors.ts';

/** The two key types CloudFront accepts for a public key (SPEC.md section 1). */
export type KeyType = 'RSA' | 'ECDSA';

/** The hash inside the signature, in the AWS CLI's spelling (`--hash-algorithm SHA1|SHA256`). */
export type HashAlgorithm = 'SHA1' | 'SHA256';

/**
 * WebCrypto's CryptoKey, wherever the project's types declare it (the DOM lib, Deno, Workers);
 * an opaque object in a Node-only project whose types lack it, instead of a type error there.
 */
export type WebCryptoKey = typeof globalThis extends { CryptoKey: { prototype: infer Key } }
  ? Key
  : object;

/** The form the private key arrived in, as a person would name it. */
export type PrivateKeyFormat = 'PKCS#8' | 'PKCS#1' | 'SEC1' | 'encrypted PKCS#8';

/**
 * A public key that can verify CloudFront signatures. A plain object (no methods), so it can be
 * posted to a Web Worker or stored in a Map; its CryptoKeys are public and verify-only.
 */
export interface PublicKey {
  readonly type: KeyType;
  /** RSA only: the modulus size. CloudFront accepts only 2048. */
  readonly modulusBits?: number;
  /** ECDSA only: always P-256, the one curve CloudFront accepts. */
  readonly namedCurve?: 'P-256';
  /** "RSA 2048-bit" or "ECDSA P-256". */
  readonly description: string;
  /** SPKI PEM (`BEGIN PUBLIC KEY`): exactly what the console's "Create public key" wants. */
  readonly pem: string;
  /** `SHA256:` and the unpadded base64 SHA-256 of the SPKI DER, as `ssh-keygen -l` prints. */
  readonly fingerprint: string;
  /** Verify keys per hash; for ECDSA both entries are the same key (the hash is chosen per call). */
  readonly cryptoKeys: Readonly<Record<HashAlgorithm, WebCryptoKey>>;
}

/**
 * A private key ready to sign. A plain object whose CryptoKeys are non-extractable: the key
 * material cannot be read back out of it, but it can be posted to a Web Worker.
 */
export interface SigningKey {
  readonly type: KeyType;
  readonly modulusBits?: number;
  readonly namedCurve?: 'P-256';
  readonly description: string;
  readonly format: PrivateKeyFormat;
  /** The matching public key: upload `publicKey.pem` to CloudFront. */
  readonly publicKey: PublicKey;
  /** Sign keys per hash (RSA binds the hash at import; for ECDSA both are the same key). */
  readonly cryptoKeys: Readonly<Record<HashAlgorithm, WebCryptoKey>>;
  /** For example RSA_KEY_SIZE when the modulus is not 2048 bits. */
  readonly warnings: readonly SignetWarning[];
}
