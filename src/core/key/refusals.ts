/**
 * Every reason a key file is refused, with its message in one place. Each message says what the
 * input is and the one step that fixes it, with the exact command where one exists (SPEC.md 1).
 */

import { SignetError } from '../errors.ts';
import { DerError } from '../lib/der.ts';

export { groupDigits } from '../lib/show-value.ts';

export const CREATE_RSA = 'openssl genrsa -out private_key.pem 2048';
export const CREATE_ECDSA = 'openssl ecparam -name prime256v1 -genkey -noout -out private_key.pem';
const ACCEPTED = 'CloudFront signs only with RSA 2048-bit or ECDSA P-256 keys';

/** Where the bytes came from, for messages: "the BEGIN PRIVATE KEY block", "the DER data". */
export type Origin = string;

export function empty(): SignetError {
  return new SignetError(
    'ERR_KEY_EMPTY',
    'The key is empty. Give the whole private key file, from -----BEGIN to -----END.',
  );
}

/** `size` with its unit, e.g. "1,048,576 bytes". */
export function tooLarge(size: string, limitKiB: number): SignetError {
  return new SignetError(
    'ERR_KEY_TOO_LARGE',
    `This input is ${size}, far more than a key file (a few kilobytes); Signet stops at ` +
      `${limitKiB} KiB. Pick the key file itself (for example private_key.pem).`,
  );
}

export function truncatedBeginLine(): SignetError {
  return new SignetError(
    'ERR_KEY_TRUNCATED',
    'The -----BEGIN line is cut off, so the key is incomplete. Copy the whole key file, from ' +
      '-----BEGIN through -----END.',
  );
}

export function notRecognized(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_NOT_RECOGNIZED',
    `This is not a key: ${what}. Paste the private key file; it starts with ` +
      '-----BEGIN PRIVATE KEY----- (or BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY).',
  );
}

export function notRecognizedPublic(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_NOT_RECOGNIZED',
    `This is not a public key: ${what}. Paste the public key file; it starts with ` +
      '-----BEGIN PUBLIC KEY-----. Make one from the private key: ' +
      'openssl pkey -in private_key.pem -pubout -out public_key.pem',
  );
}

export function truncatedArmour(label: string): SignetError {
  return new SignetError(
    'ERR_KEY_TRUNCATED',
    `The BEGIN ${label} block has no END line: the key was cut off. Copy the whole key, from ` +
      `-----BEGIN ${label}----- through -----END ${label}-----.`,
  );
}

export function truncatedDer(origin: Origin, detail: string): SignetError {
  return new SignetError(
    'ERR_KEY_TRUNCATED',
    `${capitalize(origin)} is cut short (${detail}): part of the key is missing. ` +
      'Copy the whole file again from where the key was created.',
  );
}

/** `fromBegin`: the line count starts at the BEGIN line, as a reader of the PEM would count. */
export function badBase64(
  origin: Origin,
  character: string,
  line: number,
  column: number,
  fromBegin: boolean,
): SignetError {
  const shown = /^[\x21-\x7e]$/.test(character)
    ? `'${character}'`
    : `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return new SignetError(
    'ERR_KEY_BASE64',
    `The base64 text in ${origin} has a character that base64 never uses: ${shown} at line ` +
      `${line}, column ${column}${fromBegin ? ' (line 1 is the BEGIN line)' : ''}. Copy the key ` +
      'again from its file, unchanged.',
  );
}

export function base64Length(origin: Origin): SignetError {
  return new SignetError(
    'ERR_KEY_BASE64',
    `The base64 text in ${origin} ends part-way through a byte: a character was lost or added. ` +
      'Copy the key again from its file, unchanged.',
  );
}

export function malformed(origin: Origin, detail: string, cause?: unknown): SignetError {
  return new SignetError(
    'ERR_KEY_MALFORMED',
    `${capitalize(origin)} is not a valid key (${detail}). Copy the key again from the file where it ` +
      'was created; if that file is damaged too, create a new key.',
    cause === undefined ? undefined : { cause },
  );
}

export function isPublic(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_IS_PUBLIC',
    `This is a public key (${what}). Signing needs the private key that you created it from.`,
  );
}

export function isCertificate(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_IS_CERTIFICATE',
    `This is a certificate (${what}), which holds only a public key. Signing needs the private key ` +
      'that you created it from (its file starts with -----BEGIN PRIVATE KEY-----).',
  );
}

export function isPrivate(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_IS_PRIVATE',
    `This is a private key (${what}), not a public key. Pass it to importPrivateKey() and use its ` +
      'publicKey, or pass that signing key here; never upload a private key anywhere.',
  );
}

export function multiple(count: number, labels: readonly string[], kind: 'private' | 'public') {
  return new SignetError(
    'ERR_KEY_MULTIPLE',
    `This file holds ${count} ${kind} keys (${labels.map((label) => `BEGIN ${label}`).join(', ')}). ` +
      'Keep only the one you mean: copy it, from -----BEGIN to -----END, into a file of its own.',
  );
}

/** An OpenSSH private key; `keyType` from its public blob when readable, e.g. `ssh-rsa`. */
export function openSsh(keyType: string | undefined, cipher: string | undefined): SignetError {
  const file = keyType?.startsWith('ecdsa') ? 'id_ecdsa' : 'id_rsa';
  const encrypted =
    cipher && cipher !== 'none'
      ? ` It is encrypted (${cipher}): ssh-keygen asks for its passphrase, then for a new one.`
      : '';
  return new SignetError(
    'ERR_KEY_OPENSSH',
    `This is an OpenSSH private key (BEGIN OPENSSH PRIVATE KEY${keyType ? `, ${keyType}` : ''}), ` +
      `which browsers cannot read. Convert it to PKCS#8 in place: ssh-keygen -p -m PKCS8 -f ${file} ` +
      `(use your key's file name; ssh can still use it afterwards).${encrypted}`,
  );
}

export function ssh2PrivateKey(): SignetError {
  return new SignetError(
    'ERR_KEY_OPENSSH',
    'This is an SSH.com (SSH2) private key, which browsers cannot read. Convert it with PuTTYgen: ' +
      'puttygen key -O private-openssh -o key.pem',
  );
}

export function openSshPublic(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_OPENSSH',
    `This is an OpenSSH public key (${what}). CloudFront wants PEM (BEGIN PUBLIC KEY); convert it: ` +
      'ssh-keygen -e -m PKCS8 -f id_rsa.pub > public_key.pem',
  );
}

export function ssh2Public(): SignetError {
  return new SignetError(
    'ERR_KEY_OPENSSH',
    'This is an SSH2 (RFC 4716) public key. CloudFront wants PEM (BEGIN PUBLIC KEY); make it from ' +
      'the private key: openssl pkey -in private_key.pem -pubout -out public_key.pem',
  );
}

export function putty(version: string, encryption: string | undefined): SignetError {
  const encrypted =
    encryption && encryption !== 'none'
      ? ` It is encrypted (${encryption}): puttygen asks for its passphrase.`
      : '';
  return new SignetError(
    'ERR_KEY_PUTTY',
    `This is a PuTTY private key (PuTTY-User-Key-File-${version}), which browsers cannot read. ` +
      `Convert it with PuTTYgen: puttygen key.ppk -O private-openssh -o key.pem${encrypted}`,
  );
}

export function legacyEncrypted(label: string, cipher: string | undefined): SignetError {
  return new SignetError(
    'ERR_KEY_LEGACY_ENCRYPTED',
    `This is a ${label} encrypted the old OpenSSL way (Proc-Type: 4,ENCRYPTED` +
      `${cipher ? `, DEK-Info: ${cipher}` : ''}), which browsers cannot decrypt. Convert it to ` +
      'encrypted PKCS#8 (it asks for the passphrase, then a new one): ' +
      'openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem',
  );
}

/** `legacy` marks schemes that OpenSSL 3 reads only with its legacy provider (DES, RC2, RC4, MD5). */
export function encryptionUnsupported(scheme: string, legacy = false): SignetError {
  const provider = legacy ? ' -provider legacy -provider default' : '';
  return new SignetError(
    'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    `This private key is encrypted with ${scheme}, which Signet cannot decrypt (it decrypts PBES2 ` +
      'with PBKDF2 and AES-CBC, OpenSSL 3\u2019s default). Re-encrypt it with AES: ' +
      `openssl pkcs8 -topk8 -v2 aes-256-cbc${provider} -in key.pem -out key-aes.pem`,
  );
}

export function passphraseRequired(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_PASSPHRASE_REQUIRED',
    `This private key is encrypted (${what}). Enter the passphrase that protects it.`,
  );
}

export function passphraseWrong(cause?: unknown): SignetError {
  return new SignetError(
    'ERR_KEY_PASSPHRASE_WRONG',
    'The passphrase does not decrypt this private key. Check it for typos, Caps Lock and keyboard ' +
      'layout, and try again.',
    cause === undefined ? undefined : { cause },
  );
}

/** Ed25519, Ed448, X25519 and X448: all refused the same way. */
export function edwards(name: string): SignetError {
  const purpose = name.startsWith('X') ? ', made for key agreement, not signatures' : '';
  return new SignetError(
    'ERR_KEY_ED25519',
    `This is an ${name} key${purpose}. ${ACCEPTED}. Create an RSA key: ${CREATE_RSA}`,
  );
}

export function ecCurve(curve: string): SignetError {
  return new SignetError(
    'ERR_KEY_EC_CURVE',
    `This is an ECDSA key on ${curve}. CloudFront accepts only P-256 (prime256v1) for ECDSA. ` +
      `Create a P-256 key: ${CREATE_ECDSA}`,
  );
}

export function dsa(): SignetError {
  return new SignetError(
    'ERR_KEY_DSA',
    `This is a DSA key. ${ACCEPTED}. Create an RSA key: ${CREATE_RSA}`,
  );
}

export function typeUnsupported(what: string): SignetError {
  return new SignetError(
    'ERR_KEY_TYPE_UNSUPPORTED',
    `This is ${what}. ${ACCEPTED}. Create an RSA key: ${CREATE_RSA}`,
  );
}

export function pkcs12(): SignetError {
  return new SignetError(
    'ERR_KEY_TYPE_UNSUPPORTED',
    'This is a PKCS#12 bundle (.p12 or .pfx), which wraps a key and its certificates. Take the key ' +
      'out of it: openssl pkcs12 -in bundle.p12 -nocerts -nodes -out private_key.pem',
  );
}

/** DER problems found below the top level mean a damaged key: name where it came from. */
export async function withOrigin<T>(origin: Origin, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DerError) throw malformed(origin, error.message, error);
    throw error;
  }
}

export function withOriginSync<T>(origin: Origin, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) throw malformed(origin, error.message, error);
    throw error;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
