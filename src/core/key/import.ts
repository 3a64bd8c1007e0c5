/**
 * importPrivateKey and importPublicKey: from whatever the user has (PEM in its many mangled
 * forms, DER, encrypted PKCS#8) to a SigningKey or PublicKey, or to one SignetError that says
 * what the input is and how to fix it (SPEC.md section 1).
 */

import { SignetError, type SignetWarning } from '../errors.ts';
import { bitLength, type DerElement, DerError, readElement, readSingle } from '../lib/der.ts';
import { findPemBlocks, type PemBlock } from '../lib/pem.ts';
import {
  classifyDer,
  type DerStructure,
  findSpkiInCertificate,
  STRUCTURE_NAMES,
} from './classify.ts';
import { decryptPrivateKeyInfo } from './encrypted.ts';
import { decodePemBody, type KeyInput, readKeyInput, readUnarmouredText } from './input.ts';
import { readOpenSshKeyInfo } from './openssh.ts';
import {
  ecPkcs8,
  type PrivateKeyMaterial,
  parseEcPrivateKey,
  parsePrivateKeyInfo,
  parseRsaPrivateKey,
  rsaPkcs8,
} from './pkcs8.ts';
import {
  createPublicKey,
  decodeBase64Url,
  ECDSA_IMPORT,
  messageOf,
  type PublicKeyMaterial,
  parseRsaPublicKey,
  parseSpki,
  RSA_IMPORT,
  WEBCRYPTO_HASH,
} from './public.ts';
import * as refuse from './refusals.ts';
import type { PrivateKeyFormat, PublicKey, SigningKey } from './types.ts';

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
    const passphrase = options?.passphrase;
    const source = readKeyInput(input, refuse.notRecognized);
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

// Private keys.

interface ParsedPrivateKey {
  readonly material: PrivateKeyMaterial;
  readonly format: PrivateKeyFormat;
  readonly origin: refuse.Origin;
}

async function readPrivateKey(
  source: KeyInput,
  passphrase: string | undefined,
): Promise<ParsedPrivateKey> {
  if (source.kind === 'der') {
    return readPrivateDer(source.bytes, {
      origin: 'the DER data',
      what: 'DER',
      passphrase,
      bare: true,
    });
  }
  const blocks = findPemBlocks(source.text);
  if (blocks.length === 0) {
    const found = readUnarmouredText(source.text);
    switch (found.kind) {
      case 'der':
        return readPrivateDer(found.bytes, {
          origin: found.origin,
          what: 'base64 DER',
          passphrase,
          bare: true,
        });
      case 'putty':
        throw refusePutty(found.version, found.keyType, found.encryption);
      case 'ssh public':
        throw refuse.isPublic(`OpenSSH ${found.keyType} AAAA\u2026`);
      default:
        throw refuse.notRecognized(found.what);
    }
  }
  const privateBlocks = blocks.filter((block) => block.label.endsWith('PRIVATE KEY'));
  if (privateBlocks.length > 1) {
    throw refuse.multiple(
      privateBlocks.length,
      privateBlocks.map((block) => block.label),
      'private',
    );
  }
  const [block] = privateBlocks;
  if (!block) throw refuseNonPrivateBlocks(blocks);
  return readPrivateBlock(block, blocks, passphrase);
}

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE']);
const REQUEST_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY']);

/** A file without a private key: say what it holds instead, most telling block first. */
function refuseNonPrivateBlocks(blocks: readonly PemBlock[]): SignetError {
  const labels = blocks.map((block) => block.label);
  const publicLabel = labels.find((label) => PUBLIC_LABELS.has(label));
  if (publicLabel) return refuse.isPublic(`BEGIN ${publicLabel}`);
  if (labels.includes('SSH2 PUBLIC KEY'))
    return refuse.isPublic('an SSH2 public key, BEGIN SSH2 PUBLIC KEY');
  const certificate = labels.find((label) => CERTIFICATE_LABELS.has(label));
  if (certificate) return refuse.isCertificate(`BEGIN ${certificate}`);
  if (labels.some((label) => REQUEST_LABELS.has(label))) {
    return refuse.notRecognized(
      'a certificate signing request (BEGIN CERTIFICATE REQUEST), which holds only a public key',
    );
  }
  if (labels.every((label) => label === 'EC PARAMETERS')) {
    return refuse.notRecognized(
      'only curve parameters (BEGIN EC PARAMETERS); the key itself follows them in the file ' +
        'that openssl ecparam -genkey writes, so copy the whole file',
    );
  }
  if (labels.includes('PGP PRIVATE KEY BLOCK')) {
    return refuse.notRecognized('a PGP private key (BEGIN PGP PRIVATE KEY BLOCK)');
  }
  return refuse.notRecognized(`a BEGIN ${labels[0]} block`);
}

async function readPrivateBlock(
  block: PemBlock,
  blocks: readonly PemBlock[],
  passphrase: string | undefined,
): Promise<ParsedPrivateKey> {
  const what = `BEGIN ${block.label}`;
  const origin = `the ${what} block`;
  if (!block.complete) throw refuse.truncatedArmour(block.label);
  if (block.label === 'OPENSSH PRIVATE KEY') throw refuseOpenSsh(block);
  if (block.label === 'SSH2 ENCRYPTED PRIVATE KEY') throw refuse.ssh2PrivateKey();
  if (block.label === 'DSA PRIVATE KEY') throw refuse.dsa();
  const procType = header(block, 'Proc-Type');
  const dekInfo = header(block, 'DEK-Info');
  // RFC 1421 encryption: the body is ciphertext, so its structure cannot be read at all.
  if (procType?.includes('ENCRYPTED') || dekInfo !== undefined) {
    throw refuse.legacyEncrypted(legacyKeyName(block.label), dekInfo?.split(',')[0]);
  }
  const der = decodePemBody(block.body, origin);
  if (der.length === 0)
    throw refuse.malformed(origin, 'there is nothing between its BEGIN and END lines');
  const curveHint = ecParametersBlock(blocks);
  return readPrivateDer(der, { origin, what, passphrase, bare: false, curveHint });
}

function header(block: PemBlock, name: string): string | undefined {
  for (const [key, value] of block.headers)
    if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

function legacyKeyName(label: string): string {
  if (label === 'RSA PRIVATE KEY') return 'PKCS#1 RSA private key (BEGIN RSA PRIVATE KEY)';
  if (label === 'EC PRIVATE KEY') return 'SEC1 EC private key (BEGIN EC PRIVATE KEY)';
  return `private key (BEGIN ${label})`;
}

/** The ECParameters of a BEGIN EC PARAMETERS block, for a SEC1 key that lacks its own [0]. */
function ecParametersBlock(blocks: readonly PemBlock[]): DerElement | undefined {
  const block = blocks.find(
    (candidate) => candidate.label === 'EC PARAMETERS' && candidate.complete,
  );
  if (!block) return undefined;
  try {
    return readSingle(decodePemBody(block.body, 'the BEGIN EC PARAMETERS block'));
  } catch {
    // A damaged parameters block only matters if the key needs it; then the key says so.
    return undefined;
  }
}

function refuseOpenSsh(block: PemBlock): SignetError {
  let info: ReturnType<typeof readOpenSshKeyInfo>;
  try {
    info = readOpenSshKeyInfo(decodePemBody(block.body, 'the BEGIN OPENSSH PRIVATE KEY block'));
  } catch {
    info = undefined;
  }
  const keyType = info?.keyType;
  if (keyType === 'ssh-ed25519' || keyType === 'sk-ssh-ed25519@openssh.com') {
    return refuse.edwards('Ed25519 (OpenSSH)');
  }
  if (keyType === 'ssh-ed448') return refuse.edwards('Ed448 (OpenSSH)');
  const openSshCurve = refuseOpenSshType(keyType);
  if (openSshCurve) return openSshCurve;
  return refuse.openSsh(keyType, info?.cipher);
}

/** OpenSSH and PuTTY name key types the same way (RFC 4253 6.6, RFC 5656 6.2). */
function refuseOpenSshType(keyType: string | undefined): SignetError | undefined {
  if (keyType === 'ecdsa-sha2-nistp384') return refuse.ecCurve('P-384 (secp384r1)');
  if (keyType === 'ecdsa-sha2-nistp521') return refuse.ecCurve('P-521 (secp521r1)');
  if (keyType === 'ssh-dss') return refuse.dsa();
  if (keyType?.startsWith('sk-')) {
    return refuse.typeUnsupported(
      'an OpenSSH security key (FIDO) handle; its private half never leaves the device',
    );
  }
  return undefined;
}

function refusePutty(
  version: string,
  keyType: string,
  encryption: string | undefined,
): SignetError {
  if (keyType === 'ssh-ed25519') return refuse.edwards('Ed25519 (PuTTY)');
  if (keyType === 'ssh-ed448') return refuse.edwards('Ed448 (PuTTY)');
  return refuseOpenSshType(keyType) ?? refuse.putty(version, encryption);
}

interface DerContext {
  /** Names the input in messages: "the BEGIN PRIVATE KEY block". */
  readonly origin: refuse.Origin;
  /** Names the input shortly: "BEGIN PRIVATE KEY", "DER". */
  readonly what: string;
  readonly passphrase: string | undefined;
  /** True for DER or base64 without armour: an unknown structure is "not a key", not "damaged". */
  readonly bare: boolean;
  readonly curveHint?: DerElement | undefined;
}

/** Reads top-level DER; only the outermost length running past the end means "cut off". */
function classify(der: Uint8Array, origin: refuse.Origin): DerStructure | undefined {
  try {
    readElement(der);
  } catch (error) {
    if (error instanceof DerError && error.truncated)
      throw refuse.truncatedDer(origin, error.message);
    throw error;
  }
  return classifyDer(der);
}

/** DER problems found below the top level mean a damaged key: name where it came from. */
async function withOrigin<T>(origin: refuse.Origin, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DerError) throw refuse.malformed(origin, error.message, error);
    throw error;
  }
}

function withOriginSync<T>(origin: refuse.Origin, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) throw refuse.malformed(origin, error.message, error);
    throw error;
  }
}

function readPrivateDer(der: Uint8Array, context: DerContext): Promise<ParsedPrivateKey> {
  return withOrigin(context.origin, () => readPrivateStructure(der, context));
}

async function readPrivateStructure(
  der: Uint8Array,
  context: DerContext,
): Promise<ParsedPrivateKey> {
  const { origin, what, passphrase, bare } = context;
  const structure = classify(der, origin);
  const shown = bare && structure ? STRUCTURE_NAMES[structure] : what;
  switch (structure) {
    case 'PKCS#8':
      return { material: parsePrivateKeyInfo(der), format: 'PKCS#8', origin };
    case 'PKCS#1':
      return { material: parseRsaPrivateKey(der), format: 'PKCS#1', origin };
    case 'SEC1':
      return {
        material: parseEcPrivateKey(der, undefined, context.curveHint),
        format: 'SEC1',
        origin,
      };
    case 'encrypted PKCS#8':
      return {
        material: await readEncrypted(der, passphrase, shown),
        format: 'encrypted PKCS#8',
        origin,
      };
    case 'DSA':
      throw refuse.dsa();
    case 'SPKI':
    case 'PKCS#1 public':
      throw refuse.isPublic(shown);
    case 'certificate':
      throw refuse.isCertificate(shown);
    case 'certificate request':
      throw refuse.notRecognized(
        `a certificate signing request (${shown}), which holds only a public key`,
      );
    case 'PKCS#12':
      throw refuse.pkcs12();
    default:
      if (bare) throw refuse.notRecognized('DER data of a structure that is not a key');
      throw refuse.malformed(origin, 'its contents are not a key structure');
  }
}

async function readEncrypted(
  der: Uint8Array,
  passphrase: string | undefined,
  what: string,
): Promise<PrivateKeyMaterial> {
  const plaintext = await decryptPrivateKeyInfo(der, passphrase, what);
  try {
    // Wrong passphrases give random bytes that slip past the padding check 1 time in 256.
    let structure: DerStructure | undefined;
    try {
      structure = classifyDer(plaintext);
    } catch (error) {
      throw refuse.passphraseWrong(error);
    }
    if (structure !== 'PKCS#8') throw refuse.passphraseWrong();
    return parsePrivateKeyInfo(plaintext);
  } finally {
    plaintext.fill(0);
  }
}

// The SigningKey.

async function createSigningKey(parsed: ParsedPrivateKey): Promise<SigningKey> {
  const { material, format, origin } = parsed;
  if (material.type === 'RSA') {
    const modulusBits = bitLength(material.modulus);
    const publicKey = await createPublicKey(material, origin);
    const pkcs8 = rsaPkcs8(material.rsaPrivateKey);
    const [sha1, sha256] = await Promise.all(
      (['SHA1', 'SHA256'] as const).map((hash) =>
        importPkcs8(pkcs8, { ...RSA_IMPORT, hash: WEBCRYPTO_HASH[hash] }, origin),
      ),
    ).finally(() => pkcs8.fill(0));
    const cryptoKeys = Object.freeze({ SHA1: sha1 as CryptoKey, SHA256: sha256 as CryptoKey });
    await checkPairwise(cryptoKeys.SHA256, publicKey.cryptoKeys.SHA256, origin);
    const warnings: SignetWarning[] = [];
    // SPEC.md section 1: CloudFront accepts RSA 2048 only; other sizes sign but cannot be uploaded.
    if (modulusBits !== 2048) {
      warnings.push(
        Object.freeze({
          code: 'RSA_KEY_SIZE',
          message:
            `This is an RSA ${modulusBits}-bit key. CloudFront only accepts 2048-bit RSA public keys, ` +
            `so it will refuse to upload this one. Create a 2048-bit key: ${refuse.CREATE_RSA}`,
        }),
      );
    }
    return Object.freeze({
      type: 'RSA',
      modulusBits,
      description: `RSA ${modulusBits}-bit`,
      format,
      publicKey,
      cryptoKeys,
      warnings: Object.freeze(warnings),
    });
  }
  const point = material.publicPoint ?? (await derivePublicPoint(material.privateScalar, origin));
  const publicKey = await createPublicKey({ type: 'ECDSA', point }, origin);
  const pkcs8 = ecPkcs8(material.privateScalar, point);
  const key = await importPkcs8(pkcs8, ECDSA_IMPORT, origin).finally(() => {
    pkcs8.fill(0);
    material.privateScalar.fill(0);
  });
  await checkPairwise(key, publicKey.cryptoKeys.SHA256, origin);
  return Object.freeze({
    type: 'ECDSA',
    namedCurve: 'P-256',
    description: 'ECDSA P-256',
    format,
    publicKey,
    cryptoKeys: Object.freeze({ SHA1: key, SHA256: key }),
    warnings: Object.freeze([]),
  });
}

async function importPkcs8(
  pkcs8: Uint8Array<ArrayBuffer>,
  algorithm: RsaHashedImportParams | EcKeyImportParams,
  origin: refuse.Origin,
): Promise<CryptoKey> {
  try {
    // Non-extractable: the key material can never be read back out of the page.
    return await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  } catch (error) {
    throw refuse.malformed(origin, `WebCrypto refused it: ${messageOf(error)}`, error);
  }
}

/**
 * An SEC1 key may omit its public point (`openssl ec -no_public`) or store it compressed. The
 * point is needed for the SPKI, and computing it takes elliptic-curve arithmetic that Signet does
 * not carry; WebCrypto has it, so a short-lived extractable copy exports the point as a JWK.
 */
async function derivePublicPoint(
  privateScalar: Uint8Array,
  origin: refuse.Origin,
): Promise<Uint8Array> {
  const pkcs8 = ecPkcs8(privateScalar);
  try {
    const temporary = await crypto.subtle.importKey('pkcs8', pkcs8, ECDSA_IMPORT, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', temporary);
    const x = decodeBase64Url(jwk.x ?? '');
    const y = decodeBase64Url(jwk.y ?? '');
    if (x?.length !== 32 || y?.length !== 32) throw new Error('the exported JWK has no point');
    const point = new Uint8Array(65);
    point[0] = 4;
    point.set(x, 1);
    point.set(y, 33);
    return point;
  } catch (error) {
    throw refuse.malformed(origin, `WebCrypto refused it: ${messageOf(error)}`, error);
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Signs and verifies once, so that a damaged key whose private and public halves no longer match
 * is refused here and not discovered later as CloudFront 403s.
 */
async function checkPairwise(
  signKey: CryptoKey,
  verifyKey: CryptoKey,
  origin: refuse.Origin,
): Promise<void> {
  const algorithm =
    signKey.algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5' };
  const data = new TextEncoder().encode('Signet pairwise consistency check');
  let valid = false;
  try {
    const signature = await crypto.subtle.sign(algorithm, signKey, data);
    valid = await crypto.subtle.verify(algorithm, verifyKey, signature, data);
  } catch (error) {
    throw refuse.malformed(origin, `WebCrypto could not sign with it: ${messageOf(error)}`, error);
  }
  if (!valid) throw refuse.malformed(origin, 'its private and public halves do not match');
}

// Public keys.

function readPublicKey(source: KeyInput): { material: PublicKeyMaterial; origin: refuse.Origin } {
  if (source.kind === 'der') return readPublicDer(source.bytes, 'the DER data', 'DER', true);
  const blocks = findPemBlocks(source.text);
  if (blocks.length === 0) {
    const found = readUnarmouredText(source.text);
    switch (found.kind) {
      case 'der':
        return readPublicDer(found.bytes, found.origin, 'base64 DER', true);
      case 'putty':
        throw refuse.putty(found.version, found.encryption);
      case 'ssh public':
        throw refuse.openSshPublic(`${found.keyType} AAAA\u2026`);
      default:
        throw refuse.notRecognizedPublic(found.what);
    }
  }
  const publicBlocks = blocks.filter((block) => PUBLIC_LABELS.has(block.label));
  if (publicBlocks.length > 1) {
    throw refuse.multiple(
      publicBlocks.length,
      publicBlocks.map((block) => block.label),
      'public',
    );
  }
  // A chain file lists the leaf certificate first; its key is the one wanted.
  const block =
    publicBlocks[0] ??
    blocks.find(
      (candidate) => CERTIFICATE_LABELS.has(candidate.label) || REQUEST_LABELS.has(candidate.label),
    );
  if (block) {
    if (!block.complete) throw refuse.truncatedArmour(block.label);
    const what = `BEGIN ${block.label}`;
    const origin = `the ${what} block`;
    return readPublicDer(decodePemBody(block.body, origin), origin, what, false);
  }
  if (blocks.some((candidate) => candidate.label === 'SSH2 PUBLIC KEY')) throw refuse.ssh2Public();
  const privateBlock = blocks.find((candidate) => candidate.label.endsWith('PRIVATE KEY'));
  if (privateBlock) throw refuse.isPrivate(`BEGIN ${privateBlock.label}`);
  throw refuse.notRecognizedPublic(`a BEGIN ${blocks[0]?.label} block`);
}

function readPublicDer(
  der: Uint8Array,
  origin: refuse.Origin,
  what: string,
  bare: boolean,
): { material: PublicKeyMaterial; origin: refuse.Origin } {
  return withOriginSync(origin, () => readPublicStructure(der, origin, what, bare));
}

function readPublicStructure(
  der: Uint8Array,
  origin: refuse.Origin,
  what: string,
  bare: boolean,
): { material: PublicKeyMaterial; origin: refuse.Origin } {
  const structure = classify(der, origin);
  switch (structure) {
    case 'SPKI':
      return { material: parseSpki(der), origin };
    case 'PKCS#1 public':
      return { material: parseRsaPublicKey(der), origin };
    case 'certificate':
    case 'certificate request': {
      const spki = findSpkiInCertificate(der);
      if (!spki) throw refuse.malformed(origin, 'no public key found inside the certificate');
      return { material: parseSpki(spki), origin };
    }
    case 'PKCS#8':
    case 'encrypted PKCS#8':
    case 'PKCS#1':
    case 'SEC1':
    case 'DSA':
      throw refuse.isPrivate(bare ? STRUCTURE_NAMES[structure] : what);
    case 'PKCS#12':
      throw refuse.pkcs12();
    default:
      if (bare)
        throw refuse.notRecognizedPublic('DER data of a structure that is not a public key');
      throw refuse.malformed(origin, 'its contents are not a public key structure');
  }
}

/** A PublicKey or SigningKey passed back in: recognised by shape, since both are plain objects. */
function existingPublicKey(input: unknown): PublicKey | undefined {
  if (typeof input !== 'object' || input === null || ArrayBuffer.isView(input)) return undefined;
  const candidate = isPublicKeyShape(input) ? input : (input as { publicKey?: unknown }).publicKey;
  return isPublicKeyShape(candidate) ? candidate : undefined;
}

function isPublicKeyShape(value: unknown): value is PublicKey {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Partial<Record<keyof PublicKey, unknown>>;
  const cryptoKeys = key.cryptoKeys as Partial<Record<string, unknown>> | undefined;
  return (
    (key.type === 'RSA' || key.type === 'ECDSA') &&
    typeof key.pem === 'string' &&
    typeof key.fingerprint === 'string' &&
    typeof cryptoKeys === 'object' &&
    cryptoKeys !== null &&
    typeof cryptoKeys.SHA1 === 'object' &&
    typeof cryptoKeys.SHA256 === 'object'
  );
}

/** The last line of defence: whatever went wrong, the caller sees a SignetError. */
function asSignetError(error: unknown, subject: string): SignetError {
  if (error instanceof SignetError) return error;
  if (error instanceof DerError) return refuse.malformed(subject, error.message, error);
  return refuse.malformed(subject, `it could not be read: ${messageOf(error)}`, error);
}
