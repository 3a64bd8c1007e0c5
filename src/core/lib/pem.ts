/**
 * PEM armour (RFC 7468, and RFC 1421 headers for legacy encrypted keys): undo the ways that key
 * text gets mangled on its way to us, find the blocks, and write new ones.
 */

import { encodeBase64 } from './base64.ts';

/** One `-----BEGIN label-----` block. */
export interface PemBlock {
  /** The label after BEGIN, e.g. `RSA PRIVATE KEY`. */
  readonly label: string;
  /** RFC 1421 headers such as `Proc-Type` and `DEK-Info`, by their exact names. */
  readonly headers: ReadonlyMap<string, string>;
  /** The base64 text with headers taken out; line 1 is the rest of the BEGIN line. */
  readonly body: string;
  /** False when no END line follows before the next BEGIN or the end of the text. */
  readonly complete: boolean;
}

/**
 * Undoes common damage to pasted key text: a byte order mark, surrounding quotes, literal `\n`
 * escapes (environment variables, JSON), CRLF or CR line ends, and typographic dashes or spaces
 * that word processors and chat apps put in.
 */
export function normalizeKeyText(text: string): string {
  let out = text
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2000-\u200a\u202f\u3000]/g, ' ')
    .replace(/[\u2028\u2029]/g, '\n')
    .trim();
  // Quotes around the whole value, once or nested (a JSON string inside a shell string).
  for (;;) {
    const first = out.charAt(0);
    if (out.length < 2 || !`"'\``.includes(first) || out.charAt(out.length - 1) !== first) break;
    out = out.slice(1, -1).trim();
  }
  // Base64 and PEM headers never contain a backslash, so escaped line ends are safe to expand.
  // Bounded repeats keep the scan linear even on a long run of backslashes.
  out = out.replace(/\\{1,2}r\\{1,2}n|\\{1,2}[nr]/g, '\n');
  return out.replace(/\r\n?/g, '\n');
}

const LABEL = /[A-Z0-9]+(?: [A-Z0-9]+)*/y;
const MAX_LABEL = 80;

interface Armour {
  /** Where the leading dashes start. */
  readonly start: number;
  /** Just after the trailing dashes. */
  readonly end: number;
  readonly label: string;
}

/**
 * Finds the next `-----BEGIN label-----` (or END) line from `from`. Scans with indexOf and
 * bounded steps so that no input, however hostile, makes this slower than linear.
 */
function findArmour(text: string, word: 'BEGIN' | 'END', from: number): Armour | undefined {
  const needle = `${word} `;
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    let start = at;
    if (text[start - 1] === ' ' || text[start - 1] === '\t') start--;
    let dashes = 0;
    while (dashes < 10 && text[start - 1] === '-') {
      start--;
      dashes++;
    }
    // Three dashes is enough: a dash or two is often lost when text is retyped or reflowed.
    if (dashes < 3) continue;
    LABEL.lastIndex = at + needle.length;
    const match = LABEL.exec(text);
    if (!match || match[0].length > MAX_LABEL) continue;
    let end = LABEL.lastIndex;
    if (text[end] === ' ' || text[end] === '\t') end++;
    let trailing = 0;
    while (trailing < 10 && text[end] === '-') {
      end++;
      trailing++;
    }
    // BEGIN must be closed to tell the label from the body; a short END line still ends a block.
    if (word === 'BEGIN' && trailing < 3) continue;
    return { start, end, label: match[0] };
  }
  return undefined;
}

/** Every PEM block in the text, in order, including one cut off before its END line. */
export function findPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  let begin = findArmour(text, 'BEGIN', 0);
  // The END found for one block is reused while it lies ahead, so many unclosed blocks stay linear.
  let pendingEnd: Armour | undefined;
  let searched = false;
  while (begin) {
    const nextBegin = findArmour(text, 'BEGIN', begin.end);
    if (!searched || (pendingEnd !== undefined && pendingEnd.start < begin.end)) {
      pendingEnd = findArmour(text, 'END', begin.end);
      searched = true;
    }
    const end = pendingEnd;
    if (end !== undefined && (nextBegin === undefined || end.start < nextBegin.start)) {
      blocks.push({
        label: begin.label,
        complete: true,
        ...splitHeaders(text.slice(begin.end, end.start)),
      });
      begin = findArmour(text, 'BEGIN', end.end);
    } else {
      const bodyEnd = nextBegin?.start ?? text.length;
      blocks.push({
        label: begin.label,
        complete: false,
        ...splitHeaders(text.slice(begin.end, bodyEnd)),
      });
      begin = nextBegin;
    }
  }
  return blocks;
}

// A header name is short; the bound keeps the scan linear on long lines with a stray colon.
const HEADER_LINE = /^\s*([A-Za-z][A-Za-z0-9-]{0,39}):([^:]*)$/;
const HEADER_TOKEN = /([A-Za-z][A-Za-z0-9-]{0,39}):[ \t]*(\S*)/g;

/**
 * Takes RFC 1421 headers out of a block body. A line with one colon is a header line; when the
 * line breaks were lost, `Name: value` tokens are taken out of the line instead. Lines are kept
 * (emptied) so that positions in the body still match what the user sees.
 */
function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const headers = new Map<string, string>();
  const lines = raw.split('\n').map((line) => {
    if (!line.includes(':')) return line;
    const whole = HEADER_LINE.exec(line);
    if (whole) {
      headers.set(whole[1] as string, (whole[2] as string).trim());
      return '';
    }
    return line.replace(HEADER_TOKEN, (_, name: string, value: string) => {
      headers.set(name, value);
      return '';
    });
  });
  return { headers, body: lines.join('\n') };
}

/** A PEM block with 64-character lines and a trailing newline, as OpenSSL writes it. */
export function encodePem(label: string, der: Uint8Array): string {
  const base64 = encodeBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** 1-based line and column of `index` in `text`, for error messages. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
