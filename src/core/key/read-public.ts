/**
 * Reads a public key from text or DER: SPKI, PKCS#1 RSAPublicKey, or the key inside a certificate
 * or certificate request; anything private or of another kind is refused by name.
 */

import { findPemBlocks } from '../lib/pem.ts';
import { classifyInput, findSpkiInCertificate, STRUCTURE_NAMES } from './classify.ts';
import {
  CERTIFICATE_LABELS,
  decodePemBody,
  isPrivateLabel,
  type KeyInput,
  PUBLIC_LABELS,
  REQUEST_LABELS,
  readUnarmouredText,
} from './input.ts';
import { type PublicKeyMaterial, parseRsaPublicKey, parseSpki } from './public.ts';
import * as refuse from './refusals.ts';

export function readPublicKey(source: KeyInput): {
  material: PublicKeyMaterial;
  origin: refuse.Origin;
} {
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
  const privateBlock = blocks.find((candidate) => isPrivateLabel(candidate.label));
  if (privateBlock) throw refuse.isPrivate(`BEGIN ${privateBlock.label}`);
  throw refuse.notRecognizedPublic(`a BEGIN ${blocks[0]?.label} block`);
}

function readPublicDer(
  der: Uint8Array,
  origin: refuse.Origin,
  what: string,
  bare: boolean,
): { material: PublicKeyMaterial; origin: refuse.Origin } {
  return refuse.withOriginSync(origin, () => readPublicStructure(der, origin, what, bare));
}

function readPublicStructure(
  der: Uint8Array,
  origin: refuse.Origin,
  what: string,
  bare: boolean,
): { material: PublicKeyMaterial; origin: refuse.Origin } {
  const structure = classifyInput(der, origin);
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
