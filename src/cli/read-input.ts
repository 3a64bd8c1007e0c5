import { type FileHandle, lstat, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import {
  base64Kind,
  describeText,
  keyMaterialKind,
  notAUrlList,
  showValue,
} from '../core/lib/show-value.ts';
import { CliError } from './cli-error.ts';
import type { ExitCode } from './exit-codes.ts';
import { EXIT } from './exit-codes.ts';

/**
 * The path in a file argument, in the AWS CLI's forms too: `file://path` and `fileb://path`
 * (the AWS CLI reads either), with `~/` for the home folder.
 */
export function pathOf(argument: string): string {
  const path = argument.replace(/^fileb?:\/\//, '');
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/**
 * What a path looks like, so that a message may quote it: a folder in it, or a file extension.
 * Anything else given where a file is expected (a passphrase, a key's text) is described instead.
 */
export const PATH_SHAPE = /^(?=[^\n\r]*(?:\/|\.[A-Za-z0-9]{1,10}$))[^\n\r]{1,4096}$/;

/**
 * A path as a message shows it: as it is when it is plainly a path (shaped so, no key material,
 * no spaces or quotes), quoted by the shared rule when it has spaces, else described, not shown.
 */
export function showPath(path: string): string {
  // A path never holds a long run of base64: that is a key body given where a file was meant.
  const base64 = keyMaterialKind(path) === undefined ? base64Kind(path) : undefined;
  if (base64 !== undefined) return `(${describeText(path, base64)})`;
  const shown = showValue(path, PATH_SHAPE);
  return shown === `"${path}"` && /^[^\s"\\]+$/.test(path) ? path : shown;
}

/** True for `-`: read standard input. */
export function isStdin(argument: string | undefined): boolean {
  return argument === '-';
}

/**
 * Reads a small file (a key, a passphrase, cookies) whole, refusing anything larger than `limit`
 * bytes: a regular file by its size before reading it, so a wrong path to a huge file fails fast,
 * and anything else (a device such as /dev/zero, a pipe) by reading at most `limit` + 1 bytes,
 * since its size says nothing about how much it holds.
 */
export async function readSmallFile(
  argument: string,
  flag: string,
  limit: number,
  exitCode: ExitCode,
  {
    notAFile,
  }: {
    /**
     * For a flag whose value may be a secret given by mistake (a key, a passphrase): the message
     * when no file has that name. The value is then never quoted: it may be the secret itself.
     */
    notAFile?: string;
  } = {},
): Promise<Uint8Array> {
  if (isStdin(argument)) return readSmallStdin(flag, limit, exitCode);
  const path = pathOf(argument);
  const shown = showPath(path);
  const tooLarge = (size?: number) =>
    new CliError(
      exitCode,
      `${flag} ${shown} ${size === undefined ? 'holds' : `is ${size.toLocaleString('en')} bytes,`} more than the ${limit.toLocaleString('en')} bytes that such a file can be; check the path`,
    );
  try {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      if (stats.isFile() && stats.size > limit) throw tooLarge(stats.size);
      const bytes = await readAtMost(handle, limit + 1);
      if (bytes.length > limit) {
        bytes.fill(0);
        throw tooLarge();
      }
      return bytes;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (notAFile !== undefined && !(await exists(path))) {
      throw new CliError(exitCode, `${flag}: ${notAFile}`, { cause: error });
    }
    throw new CliError(exitCode, `${flag}: cannot read ${shown}: ${fileProblem(error)}`, {
      cause: error,
    });
  }
}

/** True when something (a file, a folder, even a broken link) has that name. */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Up to `most` bytes from the start of the file, in a loop: one read may return fewer. */
async function readAtMost(handle: FileHandle, most: number): Promise<Uint8Array> {
  let bytes = new Uint8Array(Math.min(most, 64 * 1024));
  let length = 0;
  for (;;) {
    if (length === bytes.length) {
      if (length >= most) break;
      const larger = new Uint8Array(Math.min(most, length * 2));
      larger.set(bytes);
      bytes.fill(0);
      bytes = larger;
    }
    const { bytesRead } = await handle.read(bytes, length, bytes.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  const result = bytes.slice(0, length);
  bytes.fill(0);
  return result;
}

async function readSmallStdin(
  flag: string,
  limit: number,
  exitCode: ExitCode,
): Promise<Uint8Array> {
  if (process.stdin.isTTY) {
    process.stderr.write(`signet: reading ${flag} from standard input; end with Ctrl-D\n`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      throw new CliError(
        exitCode,
        `${flag} -: standard input holds more than ${limit.toLocaleString('en')} bytes, more than such a file can be`,
      );
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** "no such file", "permission denied": the system's reason, in words. */
export function fileProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EEXIST':
      return 'the file already exists';
    case 'ENAMETOOLONG':
      return 'the name is too long to be a file name';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default: {
      // The system's own message repeats the path, which may be anything the user typed: only its code.
      const code = (error as NodeJS.ErrnoException).code;
      return code ? `the system refused it (${code})` : 'the system refused it';
    }
  }
}

/**
 * Passes a list of URLs through, after checking its first chunk with the core's notAUrlList: a
 * key file, a key's base64 body or binary data is refused as a whole (exit 4), naming what it
 * looks like, before any line is read, so no line of it is ever printed. Only the first chunk is
 * waited for (a whole file of up to 256 KiB; what a pipe holds), so a slow stream still streams.
 */
export async function* refuseNonUrlList(
  stream: AsyncIterable<Uint8Array>,
  shown: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  let first = true;
  for await (const chunk of stream) {
    if (first) {
      first = false;
      const kind = notAUrlList(new Uint8Array(chunk));
      if (kind !== undefined) {
        throw new CliError(
          EXIT.INPUT,
          `--urls-file: ${shown} looks like ${kind}, not a list of URLs; nothing was signed and no line of it is shown. Give a file with one URL per line`,
        );
      }
    }
    yield chunk;
  }
}

/** Whole lines of the input as bytes, not yet decoded: the signing threads decode and sign them. */
export interface LineBlock {
  /** The 1-based number of the block's first line (every line counts, blank ones included). */
  readonly firstLine: number;
  /** How many lines the block holds. */
  readonly lines: number;
  /** The lines, each ending with a line feed except the last line of the input. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** A line longer than the reader keeps: its number and its whole length in bytes. */
  readonly longLine?: readonly [line: number, bytes: number];
}

const LF = 0x0a;

/**
 * Cuts a byte stream into blocks of whole lines without decoding them: a block ends at a line
 * feed, which never falls inside a UTF-8 character, so each block decodes on its own. A block is
 * yielded as soon as the chunk that completes it is read, and the next chunk is read only when
 * the caller asks, so a slow consumer holds the reader back and memory stays bounded. Blocks are
 * cut after about `blockBytes`. Of a line longer than `maxLineBytes`, only that many bytes and
 * one more are kept (the rest is read and dropped), so its reader can tell it is too long.
 */
export async function* readLineBlocks(
  stream: AsyncIterable<Uint8Array>,
  { blockBytes, maxLineBytes }: { blockBytes: number; maxLineBytes: number },
): AsyncGenerator<LineBlock, void, undefined> {
  let firstLine = 1;
  // The start of the line that the last chunk left unfinished, and that line's whole length so
  // far (a too-long line's dropped bytes too, so its refusal can say how long it was).
  let partial: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  let partialBytes = 0;
  let skipping = false;
  const block = (bytes: Uint8Array<ArrayBuffer>, longBytes?: number): LineBlock => {
    let lines = 0;
    for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) lines++;
    if (bytes[bytes.length - 1] !== LF) lines++;
    const result: LineBlock = {
      firstLine,
      lines,
      bytes,
      ...(longBytes === undefined ? {} : { longLine: [firstLine, longBytes] as const }),
    };
    firstLine += lines;
    return result;
  };
  const longOrNot = () => (partialBytes > maxLineBytes ? partialBytes : undefined);
  for await (const chunk of stream) {
    let start = 0;
    if (skipping) {
      start = chunk.indexOf(LF);
      if (start < 0) {
        partialBytes += chunk.length;
        continue;
      }
      partialBytes += start;
      skipping = false;
    }
    const end = chunk.lastIndexOf(LF) + 1;
    if (end <= start) {
      partialBytes += chunk.length - start;
      partial = keepLine(concat(partial, chunk.subarray(start)));
      continue;
    }
    // The unfinished line ends at this chunk's first line feed.
    partialBytes += chunk.indexOf(LF, start) - start;
    const long = longOrNot();
    const lines = concat(partial, chunk.subarray(start, end));
    partial = keepLine(chunk.subarray(end));
    partialBytes = chunk.length - end;
    // Cut after about blockBytes, at the next line feed.
    let from = 0;
    while (from < lines.length) {
      const cut = from + blockBytes >= lines.length ? -1 : lines.indexOf(LF, from + blockBytes);
      const to = cut < 0 ? lines.length : cut + 1;
      yield block(
        from === 0 && to === lines.length ? lines : lines.slice(from, to),
        from === 0 ? long : undefined,
      );
      from = to;
    }
  }
  if (partial.length || skipping) yield block(partial, longOrNot());

  /** A copy of the line's start (a chunk may be a view of a larger, shared buffer). */
  function keepLine(line: Uint8Array): Uint8Array<ArrayBuffer> {
    if (line.length > maxLineBytes) skipping = true;
    return new Uint8Array(line.subarray(0, maxLineBytes + 1));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
}
