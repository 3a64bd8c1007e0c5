/**
 * Base64 without `atob`/`btoa` string juggling or Node's Buffer, so it behaves the same in every
 * runtime and reports bad input instead of guessing.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const CLOUDFRONT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~';

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(bytes, ALPHABET, '=');
}

/** CloudFront's URL-safe base64: standard base64, then + to -, = to _, / to ~ (SPEC.md section 3). */
export function encodeCloudFrontBase64(bytes: Uint8Array): string {
  // One pass with CloudFront's own alphabet: it runs twice for every URL of a batch.
  return encodeWith(bytes, CLOUDFRONT_ALPHABET, '_');
}

function encodeWith(bytes: Uint8Array, alphabet: string, pad: string): string {
  let out = '';
  // The last group reads missing bytes as zeros; their characters become padding.
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}${alphabet[(n >> 6) & 63]}${alphabet[n & 63]}`;
  }
  const missing = (3 - (bytes.length % 3)) % 3;
  return missing ? out.slice(0, -missing) + pad.repeat(missing) : out;
}

/** Why a base64 text could not be decoded; the caller turns this into its own error. */
export type Base64Problem =
  | { kind: 'character'; index: number; character: string }
  | { kind: 'length' };

/**
 * Strict standard base64: whitespace is ignored, padding is optional, anything else outside the
 * alphabet is a problem. Returns the bytes, or the first problem found.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | Base64Problem {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) continue;
    if (code === 0x3d /* = */) {
      padding++;
      continue;
    }
    const value = code < 128 ? (DECODE[code] as number) : -1;
    if (value < 0 || padding > 0) return { kind: 'character', index: i, character: text.charAt(i) };
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  // 6 leftover bits can never come from whole bytes; more than 2 pad characters is not base64.
  if (bits === 6 || padding > 2) return { kind: 'length' };
  return out.slice(0, length);
}

const FROM_CLOUDFRONT: Record<string, string> = { '-': '+', _: '=', '~': '/' };

/** The inverse of {@link encodeCloudFrontBase64}; returns a problem instead of throwing. */
export function decodeCloudFrontBase64(text: string): Uint8Array<ArrayBuffer> | Base64Problem {
  if (/[+=/\s]/.test(text)) {
    const index = text.search(/[+=/\s]/);
    return { kind: 'character', index, character: text.charAt(index) };
  }
  return decodeBase64(text.replace(/[-_~]/g, (c) => FROM_CLOUDFRONT[c] as string));
}

export function isBase64Problem<T extends Uint8Array>(
  value: T | Base64Problem,
): value is Base64Problem {
  return !(value instanceof Uint8Array);
}
