/**
 * A block of a batch's lines, signed by the core's own signUrls and written out as the text that
 * goes to stdout, with each refused line's message. A signing thread runs this; the main thread
 * only reads lines and writes blocks.
 */
import {
  encodeUrlForSigning,
  type RawSigner,
  type SigningKey,
  type SignUrlsOptions,
  signUrls,
} from '../../core/index.ts';
import { describeError } from '../cli-error.ts';
import { safeJson } from '../output.ts';
import type { LineBlock } from '../read-input.ts';

/** No URL is this long (CloudFront stops at 8,192 bytes); a longer line is refused. */
export const MAX_LINE_LENGTH = 64 * 1024;
/** The bytes of a line the reader keeps: enough for MAX_LINE_LENGTH characters of any UTF-8. */
export const MAX_LINE_BYTES = 4 * MAX_LINE_LENGTH;
/** Warnings that come from the key or the dates, the same for every line: shown once. */
export const BATCH_WIDE = new Set(['RSA_KEY_SIZE', 'ECDSA_SHA1', 'ALREADY_EXPIRED']);

/** What every block of one batch is signed with; the same for every signing thread. */
export interface BatchSetup {
  readonly options: Omit<SignUrlsOptions, 'privateKey' | 'signal' | 'rawSigner'> & {
    privateKey: SigningKey;
  };
  readonly flagNames: Readonly<Record<string, string>>;
  readonly encode: boolean;
  readonly json: boolean;
}

/** A line's warning, by its line number. */
export interface LineWarning {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/** One line of the input. */
interface InputLine {
  readonly number: number;
  /** The line without its line ending; only its start when the line is too long. */
  readonly text: string;
  readonly tooLong?: boolean;
  /** A too-long line's whole length in bytes. */
  readonly bytes?: number;
}

/** A block's outcome, in the order of its lines. */
export interface SignedBlock {
  /** What goes to stdout, UTF-8: the signed URLs (or, with --json, a record per line), one a line. */
  readonly output: Uint8Array<ArrayBuffer>;
  readonly signed: number;
  /** Each refused line and why, for stderr. */
  readonly refused: readonly { readonly line: number; readonly message: string }[];
  /** Per-line warnings; a batch-wide one only the first time it occurs in the block. */
  readonly warnings: readonly LineWarning[];
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Signs a block's lines in order with the batch's options; `rawSigner` makes each signature. */
export async function signBlock(
  setup: BatchSetup,
  block: LineBlock,
  rawSigner?: RawSigner,
): Promise<SignedBlock> {
  const { json, options } = setup;
  const lines = linesOf(block);
  const urls = lines.map((line) => {
    const text = line.tooLong ? '' : line.text.trim();
    return setup.encode ? encodeOrKeep(text) : text;
  });
  let text = '';
  let signed = 0;
  const refused: { line: number; message: string }[] = [];
  const warnings: LineWarning[] = [];
  const shownOnce = new Set<string>();
  for await (const result of signUrls(urls, {
    ...options,
    ...(rawSigner ? { rawSigner } : {}),
    concurrency: Math.max(1, urls.length),
  })) {
    const line = lines[result.index] as InputLine;
    if (result.ok) {
      signed++;
      for (const { code, message } of result.signed.warnings) {
        if (BATCH_WIDE.has(code)) {
          if (shownOnce.has(code)) continue;
          shownOnce.add(code);
        }
        warnings.push({ line: line.number, code, message });
      }
      text += json
        ? `${safeJson({ line: line.number, input: line.text.trim(), ok: true, url: result.signed.url })}\n`
        : `${result.signed.url}\n`;
      continue;
    }
    const message = line.tooLong
      ? `the line is ${line.bytes?.toLocaleString('en')} bytes long; CloudFront refuses URLs over 8,192 bytes`
      : describeError(result.error, setup.flagNames, { namePrefix: false }).message;
    refused.push({ line: line.number, message });
    if (json) {
      const code = line.tooLong ? 'ERR_URL_INVALID' : result.error.code;
      text += `${safeJson({ line: line.number, input: line.text.trim(), ok: false, code, error: message })}\n`;
    }
  }
  return { output: encoder.encode(text), signed, refused, warnings };
}

/**
 * The block's lines that are not blank, numbered (blank lines count): LF or CRLF, UTF-8, a
 * byte order mark at the start of the input dropped.
 */
export function linesOf({ firstLine, bytes, longLine }: LineBlock): InputLine[] {
  let text = decoder.decode(bytes);
  if (firstLine === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines: InputLine[] = [];
  let number = firstLine;
  let start = 0;
  while (start < text.length) {
    const found = text.indexOf('\n', start);
    const end = found < 0 ? text.length : found;
    const line = text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (line.length > MAX_LINE_LENGTH) {
      // The reader keeps only the start of a very long line, and says how long it was.
      const whole = longLine?.[0] === number ? longLine[1] : encoder.encode(line).length;
      lines.push({ number, text: line.slice(0, 80), tooLong: true, bytes: whole });
    } else if (line.trim() !== '') lines.push({ number, text: line });
    number++;
    start = end + 1;
  }
  return lines;
}

/** The encoded URL; when it cannot be encoded, the line as it is, for signUrls to refuse with its reason. */
function encodeOrKeep(text: string): string {
  try {
    return encodeUrlForSigning(text).url;
  } catch {
    return text;
  }
}
