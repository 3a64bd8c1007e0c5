/**
 * What a DER structure is, told from its shape alone, so that a key is read by what it holds and
 * not by the label or file name it came with.
 */

import {
  type DerElement,
  DerError,
  readChildren,
  readElement,
  readOid,
  readSingle,
  TAG,
} from '../lib/der.ts';
import { PKCS7_DATA, PKCS7_SIGNED_DATA } from '../lib/oids.ts';
import { type Origin, truncatedDer } from './refusals.ts';

export type DerStructure =
  | 'PKCS#8'
  | 'encrypted PKCS#8'
  | 'PKCS#1'
  | 'SEC1'
  | 'DSA'
  | 'SPKI'
  | 'PKCS#1 public'
  | 'certificate'
  | 'certificate request'
  | 'PKCS#12';

/** How each structure is named in messages, when it came as bare DER (or base64 of DER). */
export const STRUCTURE_NAMES: Readonly<Record<DerStructure, string>> = {
  'PKCS#8': 'DER PKCS#8',
  'encrypted PKCS#8': 'DER encrypted PKCS#8',
  'PKCS#1': 'DER PKCS#1 RSAPrivateKey',
  SEC1: 'DER SEC1 ECPrivateKey',
  DSA: 'DER DSA private key',
  SPKI: 'DER SubjectPublicKeyInfo',
  'PKCS#1 public': 'DER PKCS#1 RSAPublicKey',
  certificate: 'DER X.509',
  'certificate request': 'DER PKCS#10',
  'PKCS#12': 'DER PKCS#12',
};

/**
 * Classifies DER bytes. Throws DerError when the bytes are not well-formed DER (truncated, or
 * with bytes after the end); returns undefined for well-formed DER of another shape. A certificate
 * may carry trailing bytes (OpenSSL's TRUSTED CERTIFICATE appends its trust settings).
 */
export function classifyDer(der: Uint8Array): DerStructure | undefined {
  const top = readElement(der);
  if (top.tag !== TAG.SEQUENCE) return undefined;
  const children = readChildren(top);
  if (isCertificate(children)) return certificateKind(children);
  readSingle(der);
  const [first, second, third] = children;
  if (first?.tag === TAG.INTEGER) {
    // PKCS#8 (RFC 5208, RFC 5958): version, AlgorithmIdentifier, OCTET STRING.
    if (second?.tag === TAG.SEQUENCE && third?.tag === TAG.OCTET_STRING) return 'PKCS#8';
    // SEC1 (RFC 5915): version 1, OCTET STRING privateKey.
    if (second?.tag === TAG.OCTET_STRING) return 'SEC1';
    const integers = children.filter((child) => child.tag === TAG.INTEGER).length;
    // PKCS#1 RSAPrivateKey (RFC 8017 A.1.2): version and eight integers.
    if (children.length >= 9 && integers >= 9) return 'PKCS#1';
    // OpenSSL's traditional DSA key: version, p, q, g, y, x.
    if (children.length === 6 && integers === 6) return 'DSA';
    // PKCS#1 RSAPublicKey (RFC 8017 A.1.1): modulus, publicExponent.
    if (children.length === 2 && integers === 2) return 'PKCS#1 public';
    // PFX (RFC 7292 4): version 3, ContentInfo of data or signedData.
    if (second?.tag === TAG.SEQUENCE && isContentInfo(second)) return 'PKCS#12';
    return undefined;
  }
  if (first?.tag === TAG.SEQUENCE && children.length === 2) {
    const algorithm = readChildren(first)[0];
    if (algorithm?.tag !== TAG.OID) return undefined;
    // EncryptedPrivateKeyInfo (RFC 5208 6): AlgorithmIdentifier, OCTET STRING.
    if (second?.tag === TAG.OCTET_STRING) return 'encrypted PKCS#8';
    // SubjectPublicKeyInfo (RFC 5280 4.1): AlgorithmIdentifier, BIT STRING.
    if (second?.tag === TAG.BIT_STRING) return 'SPKI';
  }
  return undefined;
}

/** Certificate and CertificationRequest share a shape: to-be-signed, AlgorithmIdentifier, BIT STRING. */
function isCertificate(children: readonly DerElement[]): boolean {
  const [info, algorithm, signature] = children;
  return (
    children.length === 3 &&
    info?.tag === TAG.SEQUENCE &&
    algorithm?.tag === TAG.SEQUENCE &&
    signature?.tag === TAG.BIT_STRING
  );
}

function certificateKind(children: readonly DerElement[]): DerStructure {
  const info = readChildren(children[0] as DerElement);
  // CertificationRequestInfo (RFC 2986 4.1): version 0, subject, SPKI, [0] attributes.
  if (info[0]?.tag === TAG.INTEGER && info.length <= 4 && info[2]?.tag === TAG.SEQUENCE) {
    return 'certificate request';
  }
  return 'certificate';
}

function isContentInfo(element: DerElement): boolean {
  const contentType = readChildren(element)[0];
  if (contentType?.tag !== TAG.OID) return false;
  const type = readOid(contentType);
  return type === PKCS7_DATA || type === PKCS7_SIGNED_DATA;
}

/**
 * Finds the SubjectPublicKeyInfo inside a certificate or certificate request: the one child of
 * the to-be-signed part shaped SEQUENCE { SEQUENCE { OID, ... }, BIT STRING }. Lenient on
 * purpose: it reads v1, v3 and odd certificates alike.
 */
export function findSpkiInCertificate(der: Uint8Array): Uint8Array | undefined {
  const top = readElement(der);
  const info = readChildren(readChildren(top)[0] as DerElement);
  for (const child of info) {
    if (child.tag !== TAG.SEQUENCE) continue;
    const parts = readChildren(child);
    if (parts.length !== 2 || parts[0]?.tag !== TAG.SEQUENCE || parts[1]?.tag !== TAG.BIT_STRING)
      continue;
    if (readChildren(parts[0])[0]?.tag === TAG.OID) return child.encoded;
  }
  return undefined;
}

/** Reads top-level DER; only the outermost length running past the end means "cut off". */
export function classifyInput(der: Uint8Array, origin: Origin): DerStructure | undefined {
  try {
    readElement(der);
  } catch (error) {
    if (error instanceof DerError && error.truncated) throw truncatedDer(origin, error.message);
    throw error;
  }
  return classifyDer(der);
}
