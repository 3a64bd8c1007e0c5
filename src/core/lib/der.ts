/**
 * The small part of DER (ITU-T X.690) that keys need: read TLVs without ever looking past the end,
 * and write them back. Problems are thrown as DerError, which the key code turns into SignetError.
 */

import * as TAG from './der-tags.ts';

export { TAG };

/** Tag byte of a context-specific element `[n]`; constructed by default, as EXPLICIT tags are. */
export function contextTag(n: number, constructed = true): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/**
 * Why bytes are not the DER they claim to be. `truncated` means the data ends before a length
 * says it should, which usually means a key that was cut off while being copied.
 */
export class DerError extends Error {
  override readonly name = 'DerError';
  readonly truncated: boolean;

  constructor(message: string, truncated = false) {
    super(message);
    this.truncated = truncated;
  }
}

/** One TLV: its tag, its contents, and where it sits in the bytes it was read from. */
export interface DerElement {
  readonly tag: number;
  /** The contents (V of TLV), a view into the source bytes. */
  readonly value: Uint8Array;
  /** The whole element (T, L and V), a view into the source bytes. */
  readonly encoded: Uint8Array;
}

/** Reads the element at `offset`; `end` bounds it, so a child can never leave its parent. */
export function readElement(bytes: Uint8Array, offset = 0, end = bytes.length): DerElement {
  if (offset >= end) throw new DerError('expected a DER element, found the end of the data', true);
  const tag = bytes[offset] as number;
  // Multi-byte tags (low bits 11111) never occur in the structures keys use.
  if ((tag & 0x1f) === 0x1f) throw new DerError(`unsupported high tag number at byte ${offset}`);
  let cursor = offset + 1;
  if (cursor >= end) throw new DerError('the data ends inside a DER header', true);
  const first = bytes[cursor++] as number;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids (X.690 10.1); over 4 bytes is absurd here.
    if (count === 0) throw new DerError(`indefinite length at byte ${offset + 1}`);
    if (count > 4) throw new DerError(`a ${count}-byte length at byte ${offset + 1}`);
    if (cursor + count > end) throw new DerError('the data ends inside a DER length', true);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[cursor++] as number);
  }
  if (length > end - cursor) {
    throw new DerError(
      `an element at byte ${offset} says it holds ${length} bytes, but only ${end - cursor} follow`,
      true,
    );
  }
  return {
    tag,
    value: bytes.subarray(cursor, cursor + length),
    encoded: bytes.subarray(offset, cursor + length),
  };
}

/** Reads exactly one element that fills `bytes`; anything after it is an error. */
export function readSingle(bytes: Uint8Array): DerElement {
  const element = readElement(bytes);
  const extra = bytes.length - element.encoded.length;
  if (extra > 0) throw new DerError(`${extra} unexpected bytes after the DER structure`);
  return element;
}

/** The elements inside a constructed element, in order. */
export function readChildren(parent: DerElement): DerElement[] {
  if ((parent.tag & 0x20) === 0) throw new DerError(`tag 0x${hex(parent.tag)} is not constructed`);
  const children: DerElement[] = [];
  const { value } = parent;
  let offset = 0;
  while (offset < value.length) {
    const child = readElement(value, offset);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

/** The children of a SEQUENCE, after checking that it is one. */
export function readSequence(element: DerElement | undefined, what = 'SEQUENCE'): DerElement[] {
  return readChildren(expectTag(element, TAG.SEQUENCE, what));
}

/** Checks the element exists and has `tag`; `what` names it in the error. */
export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element) throw new DerError(`missing ${what}`);
  if (element.tag !== tag) {
    throw new DerError(`expected ${what} (tag 0x${hex(tag)}), found tag 0x${hex(element.tag)}`);
  }
  return element;
}

/**
 * A non-negative INTEGER as big-endian magnitude without leading zeros (zero is one 0x00 byte).
 * Negative values are refused: no field of a key is negative.
 */
export function readUnsignedInteger(element: DerElement | undefined, what = 'INTEGER'): Uint8Array {
  const { value } = expectTag(element, TAG.INTEGER, what);
  if (value.length === 0) throw new DerError(`${what} is empty`);
  if ((value[0] as number) & 0x80) throw new DerError(`${what} is negative`);
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  return value.subarray(start);
}

/** An INTEGER that must fit in 32 bits, such as a version or an iteration count. */
export function readSmallInteger(element: DerElement | undefined, what = 'INTEGER'): number {
  const magnitude = readUnsignedInteger(element, what);
  if (magnitude.length > 4) throw new DerError(`${what} is too large`);
  let n = 0;
  for (const byte of magnitude) n = n * 256 + byte;
  return n;
}

/** An OBJECT IDENTIFIER in dotted form, such as `1.2.840.113549.1.1.1`. */
export function readOid(element: DerElement | undefined, what = 'OBJECT IDENTIFIER'): string {
  const { value } = expectTag(element, TAG.OID, what);
  if (value.length === 0) throw new DerError(`${what} is empty`);
  const arcs: bigint[] = [];
  let arc = 0n;
  let started = false;
  for (const byte of value) {
    // A leading 0x80 would be a non-minimal arc (X.690 8.19.2).
    if (!started && byte === 0x80) throw new DerError(`${what} has a padded arc`);
    arc = (arc << 7n) | BigInt(byte & 0x7f);
    started = true;
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0n;
      started = false;
    }
  }
  if (started) throw new DerError(`${what} ends inside an arc`);
  const head = arcs[0] as bigint;
  const first = head < 40n ? 0n : head < 80n ? 1n : 2n;
  return [first, head - first * 40n, ...arcs.slice(1)].join('.');
}

export function readOctetString(
  element: DerElement | undefined,
  what = 'OCTET STRING',
): Uint8Array {
  return expectTag(element, TAG.OCTET_STRING, what).value;
}

/** A BIT STRING of whole bytes (its unused-bits count must be 0), as keys always are. */
export function readBitString(element: DerElement | undefined, what = 'BIT STRING'): Uint8Array {
  const { value } = expectTag(element, TAG.BIT_STRING, what);
  if (value.length === 0) throw new DerError(`${what} is empty`);
  if (value[0] !== 0) throw new DerError(`${what} does not hold whole bytes`);
  return value.subarray(1);
}

/** The number of significant bits in a big-endian magnitude, e.g. 2048 for an RSA-2048 modulus. */
export function bitLength(magnitude: Uint8Array): number {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  if (start === magnitude.length) return 0;
  return (magnitude.length - start - 1) * 8 + (32 - Math.clz32(magnitude[start] as number));
}

// Writer.

export function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A DER length: short form below 128, else the minimal long form (X.690 10.1). */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Wraps contents in a tag and length. */
export function tlv(tag: number, ...contents: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const value = concat(...contents);
  return concat(Uint8Array.of(tag), encodeLength(value.length), value);
}

export function sequence(...children: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(TAG.SEQUENCE, ...children);
}

/** A non-negative INTEGER from a big-endian magnitude, minimal, with 0x00 when the top bit is set. */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.length === 0 ? Uint8Array.of(0) : magnitude.subarray(start);
  const pad = (trimmed[0] as number) & 0x80 ? Uint8Array.of(0) : new Uint8Array(0);
  return tlv(TAG.INTEGER, pad, trimmed);
}

export function smallInteger(n: number): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return unsignedInteger(Uint8Array.from(bytes));
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const arcs = dotted.split('.').map((part) => BigInt(part));
  const [first = 0n, second = 0n, ...rest] = arcs;
  const body: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    body.push(...groups);
  }
  return tlv(TAG.OID, Uint8Array.from(body));
}

export function octetString(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(TAG.OCTET_STRING, bytes);
}

/** A BIT STRING of whole bytes (unused-bits count 0). */
export function bitString(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(TAG.BIT_STRING, Uint8Array.of(0), bytes);
}

export function nullValue(): Uint8Array<ArrayBuffer> {
  return Uint8Array.of(TAG.NULL, 0);
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
