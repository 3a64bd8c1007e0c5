/**
 * The one rule for showing an input value in a message, and for spotting key material where a
 * key does not belong. A value is quoted only when it is short and shaped like what its field
 * takes (a URL, a date, an IP address), since such a value cannot be a secret; anything else is
 * described, never shown: "a 1,703-character value that looks like a PEM private key".
 */

/**
 * How a message refers to `value`: `"https://…"` (quoted, control characters made visible) when
 * it is a string of the field's `shape` that holds no key material, else `(a 27-character value,
 * not shown)`. Never calls `String()` on an object, so any value at all can be shown.
 */
export function showValue(value: unknown, shape: RegExp): string {
  if (typeof value !== 'string') {
    // Numbers, booleans and BigInts cannot hold a secret; objects are only named.
    return typeof value === 'object' || typeof value === 'function'
      ? `(${Array.isArray(value) ? 'an array' : value === null ? 'null' : 'an object'})`
      : `(${typeof value}${value === undefined ? '' : ` ${String(value)}`})`;
  }
  // A run of base64 is allowed only in a URL (tokens live there); anywhere else it may be a key body.
  const kind =
    keyMaterialKind(value) ??
    (/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? undefined : base64Kind(value));
  if (kind === undefined && shape.test(value)) {
    // Long values of the right shape (URLs) are shown by their start.
    return value.length > 200
      ? `${quote(`${value.slice(0, 120)}…`)} (${groupDigits(value.length)} characters)`
      : quote(value);
  }
  return `(${describeText(value, kind)})`;
}

/**
 * The shape of a short value read from a link or a cookie (a key pair ID, Expires, a hash name):
 * at most 32 characters and no space, too short to be a key or to hide one, and not words such as
 * a passphrase. Control characters in it are shown made visible, which is what makes them useful.
 */
export const SHORT_TOKEN = /^[^ ]{1,32}$/;

/** "a 1,703-character value that looks like a PEM private key (BEGIN RSA PRIVATE KEY), not shown" */
export function describeText(text: string, kind?: string): string {
  return `a ${groupDigits(text.length)}-character value${kind ? ` that looks like ${kind}` : ''}, not shown`;
}

/** `"text"` with `"` and `\` escaped and every control character made visible. */
export function quote(text: string): string {
  return `"${visible(text.replace(/["\\]/g, '\\$&'))}"`;
}

// C0 and C1 controls, DEL, the invisible format characters that can reorder or hide text (bidi
// overrides, zero-width characters, line and paragraph separators, BOM), and lone surrogates.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  /[\0-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udfff]/gu;

/**
 * Text from outside (a link, a cookie, a file) made safe to print: every control and invisible
 * format character written as an escape (`\x1b`, `\u202e`), so none can move the cursor, change
 * colours, retitle a terminal or reorder what is shown.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    const code = char.charCodeAt(0);
    return `\\${code < 256 ? 'x' : 'u'}${code.toString(16).padStart(code < 256 ? 2 : 4, '0')}`;
  });
}

/**
 * What `text` looks like when it holds key material or binary data: PEM armour (OpenSSH and
 * SSH2 keys have it too), a PuTTY key, or bytes that are not text (DER read as text, any binary
 * file). Undefined for ordinary text. A run of base64 is left to `base64Kind`: URLs carry tokens.
 */
export function keyMaterialKind(text: string): string | undefined {
  // Every sign is in the start of a key file; a bounded scan keeps huge input fast.
  const head = text.slice(0, 65536);
  const label = /-{3,} ?BEGIN ([A-Z0-9 ]{1,60}?) ?-{3,}/.exec(head)?.[1];
  if (label) return `${/PRIVATE/.test(label) ? 'a PEM private key' : 'PEM text'} (BEGIN ${label})`;
  if (head.includes('PuTTY-User-Key-File-')) return 'a PuTTY private key';
  // A NUL, or many control characters, U+FFFD or lone surrogates: bytes read as text. A link with
  // one injected escape sequence is still text, shown made visible.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  const odd = head.match(/[\x01-\x08\x0b\x0c\x0e-\x1f\ufffd]|[\ud800-\udfff]/gu)?.length ?? 0;
  return head.includes('\0') || (odd > 2 && odd * 32 >= head.length) ? BINARY : undefined;
}

const BINARY = 'binary data, such as a DER key file';
const BASE64 = 'base64 text, like the body of a key';

/**
 * A run of 40 or more base64 characters mixing upper case, lower case and digits: the body of a
 * key pasted without its armour (a path or a hex digest does not mix all three).
 */
export function base64Kind(text: string): string | undefined {
  for (const [run] of text.slice(0, 65536).matchAll(/[A-Za-z0-9+/]{40,}/g)) {
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run)) return BASE64;
  }
  return undefined;
}

/**
 * Why a pasted or dropped list of URLs (or a --urls-file) is not one, judged on its start, before
 * any line is shown: key material, binary data, or lines of base64. Undefined for a plausible list.
 * Bytes are checked as bytes (NUL, invalid UTF-8); text as text.
 */
export function notAUrlList(sample: string | Uint8Array): string | undefined {
  let text = sample;
  if (typeof text !== 'string') {
    try {
      // stream: a character cut at the end of the sample is not an error.
      text = new TextDecoder('utf-8', { fatal: true }).decode(text.subarray(0, 65536), {
        stream: true,
      });
    } catch {
      return BINARY;
    }
  }
  const kind = keyMaterialKind(text);
  if (kind) return kind;
  // Lines of pure base64, and no more than as many lines of anything else: a key body.
  const lines = text.split('\n', 50).filter((line) => line.trim());
  const base64 = lines.filter((line) => /^[A-Za-z0-9+/]{40,}=?=?$/.test(line.trim())).length;
  return base64 && base64 * 2 >= lines.length ? BASE64 : undefined;
}

/** 1048576 → "1,048,576", without Intl: its first use can take a noticeable while to load. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
