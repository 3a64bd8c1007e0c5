/**
 * The one rule for showing an input value in a message, and for spotting key material where a
 * key does not belong. A value is quoted only when it is short and shaped like what its field
 * takes (a URL, a date, an IP address), since such a value cannot be a secret; anything else is
 * described, never shown: "a 1,703-character value that looks like a PEM private key".
 */

/** Values longer than this are described (with their start, if they are shaped right). */
export const MAX_QUOTED = 200;

/**
 * How a message refers to `value`: `"https://…"` (quoted, control characters made visible) when
 * it is a string of the field's `shape` that holds no key material, else `(a 27-character value,
 * not shown)`. Never calls `String()` on an object, so any value at all can be shown.
 */
export function showValue(value: unknown, shape: RegExp): string {
  if (typeof value !== 'string') return describeNonText(value);
  const kind = keyMaterialKind(value);
  if (kind === undefined && shape.test(value)) {
    if (value.length <= MAX_QUOTED) return quote(value);
    return `${quote(`${value.slice(0, 120)}…`)} (${groupDigits(value.length)} characters)`;
  }
  return `(${describeText(value, kind ?? base64Kind(value))})`;
}

/** "a 1,703-character value that looks like a PEM private key (BEGIN RSA PRIVATE KEY), not shown" */
export function describeText(text: string, kind?: string): string {
  const size =
    text.length === 1 ? 'a 1-character value' : `a ${groupDigits(text.length)}-character value`;
  return `${size}${kind === undefined ? '' : ` that looks like ${kind}`}, not shown`;
}

function describeNonText(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return `(a ${typeof value}: ${String(value)})`;
    case 'bigint':
      return `(a BigInt: ${String(value)}n)`;
    case 'undefined':
      return '(nothing)';
    case 'object':
      if (value === null) return '(null)';
      if (Array.isArray(value)) return '(an array)';
      if (value instanceof Date) return '(a Date)';
      return ArrayBuffer.isView(value) ? '(bytes)' : '(an object)';
    default:
      return `(a ${typeof value})`;
  }
}

/** `"text"` with `"` and `\` escaped and every control character made visible. */
export function quote(text: string): string {
  return `"${visible(text.replace(/["\\]/g, '\\$&'))}"`;
}

// C0 and C1 controls, DEL, and the invisible format characters that can reorder or hide text
// (bidi overrides, zero-width characters, line and paragraph separators, BOM).
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// With the u flag, a surrogate class matches only halves that are not part of a pair.
const LONE_SURROGATE = /[\ud800-\udfff]/gu;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from outside (a link, a cookie, a file) made safe to print: every control and invisible
 * format character written as an escape (`\x1b`, `\u202e`), so none can move the cursor, change
 * colours, retitle a terminal or reorder what is shown. Lone surrogates become `\ud800`.
 */
export function visible(text: string): string {
  return text
    .replace(INVISIBLE, (char) => {
      const code = char.charCodeAt(0);
      return NAMED[char] ?? (code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`);
    })
    .replace(LONE_SURROGATE, (char) => `\\u${hex(char.charCodeAt(0), 4)}`);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

const ARMOUR = /-{3,}[ \t]?BEGIN ([A-Z0-9]+(?: [A-Z0-9]+){0,6})[ \t]?-{3,}/;
const SSH2 = /-{3,} ?BEGIN SSH2 (?:ENCRYPTED )?(PRIVATE|PUBLIC) KEY ?-{3,}/;
const PUTTY = /PuTTY-User-Key-File-\d/;
const SSH_PUBLIC = /(?:^|\s)(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp\d{3}) AAAA/;

/**
 * What `text` looks like when it holds key material or binary data: PEM armour, an OpenSSH,
 * SSH2 or PuTTY key, or bytes that are not text (DER read as text, any binary file). Undefined
 * for ordinary text. A long run of base64 is left to `base64Kind`: URLs may carry tokens.
 */
export function keyMaterialKind(text: string): string | undefined {
  // Every sign is found in the start of a key file; a bounded scan keeps huge input fast.
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const armour = ARMOUR.exec(head);
  if (armour) return pemKind(armour[1] as string);
  const ssh2 = SSH2.exec(head);
  if (ssh2) return `an SSH2 ${ssh2[1] === 'PRIVATE' ? 'private' : 'public'} key`;
  if (PUTTY.test(head)) return 'a PuTTY private key (.ppk)';
  if (SSH_PUBLIC.test(head)) return 'an OpenSSH public key';
  if (/BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY/.test(head)) return 'a PEM private key';
  return binaryKind(head);
}

function pemKind(label: string): string {
  const named = `(BEGIN ${label})`;
  if (label === 'OPENSSH PRIVATE KEY') return 'an OpenSSH private key';
  if (label.includes('PRIVATE KEY')) return `a PEM private key ${named}`;
  if (label.includes('PUBLIC KEY')) return `a PEM public key ${named}`;
  if (label.includes('CERTIFICATE')) return `a PEM certificate ${named}`;
  return `PEM text ${named}`;
}

/**
 * Bytes read as text: a NUL, or many control characters (but tab and line ends), U+FFFD or lone
 * surrogates. A link with one injected escape sequence is still text, shown made visible.
 */
function binaryKind(text: string): string | undefined {
  // A DER SEQUENCE starts 0x30 then a long-form length (0x81 or 0x82): a key file read as text.
  const second = text.charCodeAt(1);
  if (text.charAt(0) === '0' && (second === 0x81 || second === 0x82 || second === 0xfffd)) {
    return 'DER data (a binary key or certificate)';
  }
  if (text.includes('\0')) return 'binary data, not text';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  const odd = text.match(/[\x01-\x08\x0b\x0c\x0e-\x1f\ufffd]|[\ud800-\udfff]/gu)?.length ?? 0;
  return odd >= 3 && odd * 32 >= text.length ? 'binary data, not text' : undefined;
}

/**
 * A run of 40 or more base64 characters mixing upper case, lower case and digits: the body of a
 * key pasted without its armour (a path or a hex digest does not mix all three).
 */
export function base64Kind(text: string): string | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  for (const run of head.matchAll(/[A-Za-z0-9+/]{40,}/g)) {
    const chars = run[0];
    if (/[A-Z]/.test(chars) && /[a-z]/.test(chars) && /\d/.test(chars)) {
      return 'base64 text, like the body of a key';
    }
  }
  return undefined;
}

/**
 * Why a pasted or dropped list of URLs (or a --urls-file) is not one, judged on its start, before
 * any line is shown: key material, binary data, or lines of base64. Undefined for a plausible list.
 * Bytes are checked as bytes (NUL, invalid UTF-8); text as text.
 */
export function notAUrlList(sample: string | Uint8Array): string | undefined {
  let text: string;
  if (typeof sample === 'string') text = sample.slice(0, 65536);
  else {
    const head = sample.subarray(0, 65536);
    if (head.includes(0)) return binaryOf(head);
    try {
      // stream: a character cut at the end of the sample is not an error.
      text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      return binaryOf(head);
    }
  }
  const kind = keyMaterialKind(text);
  if (kind !== undefined) return kind;
  // Lines of pure base64 and no URL among them: a key body without its armour.
  const lines = text.split(/\r?\n/, 50).filter((line) => line.trim() !== '');
  const base64Lines = lines.filter((line) => /^[A-Za-z0-9+/]{40,}={0,2}$/.test(line.trim()));
  if (base64Lines.length > 0 && base64Lines.length * 2 >= lines.length) {
    return 'base64 text, like the body of a key';
  }
  return undefined;
}

function binaryOf(bytes: Uint8Array): string {
  return bytes[0] === 0x30 && (bytes[1] === 0x81 || bytes[1] === 0x82)
    ? 'DER data (a binary key or certificate)'
    : 'binary data, not text';
}

/** 1048576 → "1,048,576", without Intl: its first use can take a noticeable while to load. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
