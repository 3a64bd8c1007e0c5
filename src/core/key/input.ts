/**
 * From what the caller passed (text, bytes, a file read either way) to either normalised text or
 * DER bytes, refusing oversized, empty and non-key input first and fast.
 */

import type { SignetError } from '../errors.ts';
import { decodeBase64, isBase64Problem } from '../lib/base64.ts';
import { lineAndColumn, normalizeKeyText } from '../lib/pem.ts';
import {
  badBase64,
  base64Length,
  empty,
  groupDigits,
  tooLarge,
  truncatedBeginLine,
} from './refusals.ts';

// PEM labels (RFC 7468 and OpenSSL's own) that hold something other than a private key.
export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set([
  'CERTIFICATE',
  'TRUSTED CERTIFICATE',
  'X509 CERTIFICATE',
]);
export const REQUEST_LABELS: ReadonlySet<string> = new Set([
  'CERTIFICATE REQUEST',
  'NEW CERTIFICATE REQUEST',
]);
export const PUBLIC_LABELS: ReadonlySet<string> = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY']);

/** `PRIVATE KEY`, `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY` and the like. */
export function isPrivateLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}

/** Key files are a few kilobytes; the limit is checked before anything else reads the input. */
export const MAX_KEY_INPUT_BYTES = 64 * 1024;

export type KeyInput =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'der'; readonly bytes: Uint8Array };

/** How the caller refuses input that is not a key of the kind it wants. */
export type NotRecognized = (what: string) => SignetError;

export function readKeyInput(input: unknown, notRecognized: NotRecognized): KeyInput {
  if (typeof input === 'string') {
    if (input.length > MAX_KEY_INPUT_BYTES) {
      throw tooLarge(`${groupDigits(input.length)} characters`, MAX_KEY_INPUT_BYTES / 1024);
    }
    return textInput(input);
  }
  const bytes = asBytes(input);
  if (!bytes) throw notRecognized(`the input is ${describeValue(input)}, not text or bytes`);
  if (bytes.length > MAX_KEY_INPUT_BYTES) {
    throw tooLarge(`${groupDigits(bytes.length)} bytes`, MAX_KEY_INPUT_BYTES / 1024);
  }
  if (bytes.length === 0) throw empty();
  const text = bytesAsText(bytes);
  if (text !== undefined) return textInput(text);
  if (!looksLikeDer(bytes)) {
    throw notRecognized('binary data that is neither PEM text nor DER (an ASN.1 SEQUENCE)');
  }
  return { kind: 'der', bytes };
}

function textInput(raw: string): KeyInput {
  const text = normalizeKeyText(raw);
  if (text === '') throw empty();
  return { kind: 'text', text };
}

function asBytes(input: unknown): Uint8Array | undefined {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input))
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  // Object.prototype.toString also recognises ArrayBuffers from another realm (a worker, an iframe).
  const tag = Object.prototype.toString.call(input);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
    return new Uint8Array(input as ArrayBuffer);
  }
  return undefined;
}

function describeValue(input: unknown): string {
  if (input === null || input === undefined) return String(input);
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

/** A PEM file read as bytes: UTF-8 (or UTF-16 with a byte order mark) without control codes. */
function bytesAsText(bytes: Uint8Array): string | undefined {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeUtf16(bytes, true);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeUtf16(bytes, false);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
  return hasControlCharacters(text) ? undefined : text;
}

/** UTF-16 by hand: some runtimes' TextDecoder (Cloudflare Workers) knows only UTF-8. */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const low = bytes[littleEndian ? i : i + 1] as number;
    const high = bytes[littleEndian ? i + 1 : i] as number;
    units.push((high << 8) | low);
  }
  // An odd byte count cannot be UTF-16; U+FFFD makes the caller treat it as binary.
  if (bytes.length % 2 === 1) units.push(0xfffd);
  let text = '';
  for (let i = 0; i < units.length; i += 4096)
    text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

/** Control codes other than tab and line ends, or U+FFFD from a failed decode, mean binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code < 0x20 || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}

/** DER keys start with a SEQUENCE whose first child is an INTEGER or a SEQUENCE. */
function looksLikeDer(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  const lengthByte = bytes[1];
  if (lengthByte === undefined) return true;
  const child = bytes[2 + (lengthByte & 0x80 ? lengthByte & 0x7f : 0)];
  return child === undefined || child === 0x02 || child === 0x30;
}

const SSH_PUBLIC_LINE =
  /(?:^|\s)(ssh-rsa|ssh-dss|ssh-ed25519|ssh-ed448|ecdsa-sha2-nistp(?:256|384|521)|sk-[a-z0-9.-]+@openssh\.com)\s+AAAA/;
const PUTTY = /^PuTTY-User-Key-File-(\d+):[ \t]*(\S+)/m;
const PUTTY_ENCRYPTION = /^Encryption:[ \t]*(\S+)/m;
const FILE_NAME = /^(?:file:\/\/)?[^\s]{0,200}\.(?:pem|key|der|p8|pk8|crt|cer|pub|ppk|txt)$/i;

/** What unarmoured text turned out to be, for the caller to refuse or to read as DER. */
export type UnarmouredText =
  | { readonly kind: 'der'; readonly bytes: Uint8Array; readonly origin: string }
  | {
      readonly kind: 'putty';
      readonly version: string;
      readonly keyType: string;
      readonly encryption?: string;
    }
  | { readonly kind: 'ssh public'; readonly keyType: string }
  | { readonly kind: 'unknown'; readonly what: string };

/**
 * Classifies text without PEM armour: a PuTTY key, an OpenSSH public line, a bare base64 body
 * (read as DER), or something to refuse with a description.
 */
export function readUnarmouredText(text: string): UnarmouredText {
  const putty = PUTTY.exec(text);
  if (putty) {
    const encryption = PUTTY_ENCRYPTION.exec(text)?.[1];
    return {
      kind: 'putty',
      version: putty[1] as string,
      keyType: putty[2] as string,
      ...(encryption ? { encryption } : {}),
    };
  }
  const ssh = SSH_PUBLIC_LINE.exec(text);
  if (ssh) return { kind: 'ssh public', keyType: ssh[1] as string };
  if (/---[ \t]?BEGIN\b/.test(text)) throw truncatedBeginLine();
  if (FILE_NAME.test(text)) {
    return { kind: 'unknown', what: `a file name (${text}), not the file's contents` };
  }
  if (text.startsWith('{') && text.includes('"kty"')) {
    return { kind: 'unknown', what: 'a JSON Web Key (JWK), which Signet does not read' };
  }
  // A DER SEQUENCE with a long-form length encodes as "MI" in base64: a body pasted without armour.
  const bodyOnly = text.startsWith('MI') && text.length >= 40;
  if (!bodyOnly && !/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    return { kind: 'unknown', what: 'text that is neither PEM nor base64' };
  }
  const origin = 'the base64 text';
  const bytes = decodeBase64(text);
  if (isBase64Problem(bytes)) {
    if (!bodyOnly) return { kind: 'unknown', what: 'text that is neither PEM nor base64' };
    if (bytes.kind === 'length') throw base64Length(origin);
    const { line, column } = lineAndColumn(text, bytes.index);
    throw badBase64(origin, bytes.character, line, column, false);
  }
  if (!looksLikeDer(bytes)) return { kind: 'unknown', what: 'base64 text that is not a key' };
  return { kind: 'der', bytes, origin };
}

/** Decodes a PEM body, reporting the first bad character by line and column. */
export function decodePemBody(body: string, origin: string): Uint8Array {
  const bytes = decodeBase64(body);
  if (!isBase64Problem(bytes)) return bytes;
  if (bytes.kind === 'length') throw base64Length(origin);
  const { line, column } = lineAndColumn(body, bytes.index);
  throw badBase64(origin, bytes.character, line, column, true);
}
