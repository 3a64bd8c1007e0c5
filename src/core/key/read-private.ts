/**
 * Reads a private key from text or DER into checked key material, or refuses it with the error
 * that names what it is (SPEC.md section 1). WebCrypto comes later, in signing-key.ts.
 */

import type { SignetError } from '../errors.ts';
import { type DerElement, readSingle } from '../lib/der.ts';
import { findPemBlocks, type PemBlock } from '../lib/pem.ts';
import { classifyDer, classifyInput, type DerStructure, STRUCTURE_NAMES } from './classify.ts';
import { decryptPrivateKeyInfo } from './encrypted.ts';
import {
  CERTIFICATE_LABELS,
  decodePemBody,
  isPrivateLabel,
  type KeyInput,
  PUBLIC_LABELS,
  REQUEST_LABELS,
  readUnarmouredText,
} from './input.ts';
import { readOpenSshKeyInfo } from './openssh.ts';
import {
  type PrivateKeyMaterial,
  parseEcPrivateKey,
  parsePrivateKeyInfo,
  parseRsaPrivateKey,
} from './pkcs8.ts';
import * as refuse from './refusals.ts';
import type { PrivateKeyFormat } from './types.ts';

export interface ParsedPrivateKey {
  readonly material: PrivateKeyMaterial;
  readonly format: PrivateKeyFormat;
  readonly origin: refuse.Origin;
}

/** The one private key in the input, parsed; or the refusal that says what the input is. */
export async function readPrivateKey(
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
  const privateBlocks = blocks.filter((block) => isPrivateLabel(block.label));
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

function readPrivateDer(der: Uint8Array, context: DerContext): Promise<ParsedPrivateKey> {
  return refuse.withOrigin(context.origin, () => readPrivateStructure(der, context));
}

async function readPrivateStructure(
  der: Uint8Array,
  context: DerContext,
): Promise<ParsedPrivateKey> {
  const { origin, what, passphrase, bare } = context;
  const structure = classifyInput(der, origin);
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
