/**
 * importPrivateKey and importPublicKey: from whatever the user has (PEM in its many mangled
 * forms, DER, encrypted PKCS#8) to a SigningKey or PublicKey, or to one SignetError that says
 * what the input is and how to fix it (SPEC.md section 1).
 */

import { SignetError } from '../errors.ts';
import { DerError } from '../lib/der.ts';
import { readKeyInput } from './input.ts';
import { createPublicKey, messageOf } from './public.ts';
import { readPrivateKey } from './read-private.ts';
import { readPublicKey } from './read-public.ts';
import * as refuse from './refusals.ts';
import { isPublicKeyShape } from './shape.ts';
import { createSigningKey } from './signing-key.ts';
import type { PublicKey, SigningKey } from './types.ts';

export interface ImportPrivateKeyOptions {
  /** For `BEGIN ENCRYPTED PRIVATE KEY`; used as UTF-8 bytes. An empty string counts as none. */
  readonly passphrase?: string;
}

/**
 * Reads a private key and makes it ready to sign, non-extractable. Accepts PKCS#8, PKCS#1 and
 * SEC1 as PEM or DER, encrypted PKCS#8 (PBES2, PBKDF2, AES-CBC) with `options.passphrase`, and
 * PEM damaged in the usual ways (CRLF, literal `\n`, quotes, one-line base64, text around it).
 * Throws only SignetError; its `code` says why, its message says what to do.
 */
export async function importPrivateKey(
  input: string | Uint8Array | ArrayBuffer,
  options?: ImportPrivateKeyOptions,
): Promise<SigningKey> {
  try {
    // The size check inside readKeyInput comes first, before anything else is read.
    const source = readKeyInput(input, refuse.notRecognized);
    const passphrase = options?.passphrase;
    const parsed = await readPrivateKey(
      source,
      typeof passphrase === 'string' && passphrase !== '' ? passphrase : undefined,
    );
    return await createSigningKey(parsed);
  } catch (error) {
    throw asSignetError(error, 'the key');
  }
}

/**
 * Reads a public key: SPKI (`BEGIN PUBLIC KEY`), PKCS#1 (`BEGIN RSA PUBLIC KEY`), a certificate
 * or certificate request (its key is taken), as PEM or DER; a SigningKey gives its publicKey and a
 * PublicKey is returned as is. Throws only SignetError.
 */
export async function importPublicKey(
  input: string | Uint8Array | ArrayBuffer | SigningKey | PublicKey,
): Promise<PublicKey> {
  try {
    const existing = existingPublicKey(input);
    if (existing) return existing;
    const source = readKeyInput(input, refuse.notRecognizedPublic);
    const { material, origin } = readPublicKey(source);
    return await createPublicKey(material, origin);
  } catch (error) {
    throw asSignetError(error, 'the public key');
  }
}

/** A PublicKey or SigningKey passed back in: recognised by shape, since both are plain objects. */
function existingPublicKey(input: unknown): PublicKey | undefined {
  if (typeof input !== 'object' || input === null || ArrayBuffer.isView(input)) return undefined;
  const candidate = isPublicKeyShape(input) ? input : (input as { publicKey?: unknown }).publicKey;
  return isPublicKeyShape(candidate) ? candidate : undefined;
}

/** The last line of defence: whatever went wrong, the caller sees a SignetError. */
function asSignetError(error: unknown, subject: string): SignetError {
  if (error instanceof SignetError) return error;
  if (error instanceof DerError) return refuse.malformed(subject, error.message, error);
  return refuse.malformed(subject, `it could not be read: ${messageOf(error)}`, error);
}
