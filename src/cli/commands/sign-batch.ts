import { createReadStream } from 'node:fs';
import {
  encodeUrlForSigning,
  type SignetWarning,
  type SigningKey,
  type SignUrlsOptions,
  signUrls,
} from '../../core/index.ts';
import { asCliError, CliError, describeError } from '../cli-error.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { type Output, safeJson } from '../output.ts';
import {
  fileProblem,
  type InputLine,
  isStdin,
  pathOf,
  readLineChunks,
  refuseNonUrlList,
  showPath,
} from '../read-input.ts';

/** No URL is this long (CloudFront stops at 8,192 bytes); a longer line is cut and refused. */
const MAX_LINE_LENGTH = 64 * 1024;
/** Signatures in flight: enough to keep every core busy, few enough to keep memory flat. */
const CONCURRENCY = 64;
/** Per-line warnings of one kind shown before they are only counted. */
const WARNINGS_SHOWN_PER_CODE = 10;
/** Warnings that come from the key or the dates, the same for every line: shown once. */
const BATCH_WIDE = new Set(['RSA_KEY_SIZE', 'ECDSA_SHA1', 'ALREADY_EXPIRED']);
const PROGRESS_INTERVAL_MS = 250;
/** Bytes read from a file at a time. */
const CHUNK_BYTES = 256 * 1024;

export interface BatchRequest {
  readonly file: string;
  readonly options: Omit<SignUrlsOptions, 'privateKey'> & { privateKey: SigningKey };
  readonly flagNames: Readonly<Record<string, string>>;
  readonly encode: boolean;
  readonly json: boolean;
  readonly output: Output;
  readonly stdin: NodeJS.ReadableStream;
}

/**
 * Signs one URL per line and streams the results in input order. Memory is bounded: input is
 * read only as fast as results are written, with at most CONCURRENCY signatures in flight, and
 * each result is written as soon as it is ready, even while a slow standard input is still open.
 */
export async function signBatch(request: BatchRequest): Promise<ExitCode> {
  const { output, json } = request;
  const source = isStdin(request.file)
    ? request.stdin
    : createReadStream(pathOf(request.file), { highWaterMark: CHUNK_BYTES });
  const shown = isStdin(request.file) ? 'standard input' : showPath(pathOf(request.file));
  // Ctrl-C stops the batch after the line being written, so stdout ends with a whole line and
  // the count says where to resume; a second Ctrl-C stops at once.
  const controller = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(EXIT.INTERRUPTED);
    interrupted = true;
    controller.abort();
    // Lets a read that waits for more input (a terminal, an open pipe) end, and the process exit.
    (source as { destroy?: () => void }).destroy?.();
  };
  process.on('SIGINT', onInterrupt);
  const options = { ...request.options, concurrency: CONCURRENCY, signal: controller.signal };
  const warnings = new WarningTally(output);
  let signed = 0;
  let failed = 0;
  let lastLine = 0;
  const started = Date.now();
  let lastProgress = started;
  try {
    // Options wrong for every line (a date, an IP range) fail the batch before any input is read.
    for await (const _ of signUrls([], options)) break;
    // The lines being signed, oldest first: results come back in the same order.
    const inFlight: InputLine[] = [];
    async function* urlsOf(): AsyncGenerator<string> {
      for await (const chunk of readLineChunks(
        refuseNonUrlList(source as AsyncIterable<Uint8Array>, shown),
        MAX_LINE_LENGTH,
      )) {
        for (const line of chunk) {
          // Blank lines are spacing, not URLs: skipped, but still counted in the line numbers.
          if (!line.tooLong && line.text.trim() === '') continue;
          inFlight.push(line);
          const text = line.tooLong ? '' : line.text.trim();
          yield request.encode ? encodeOrKeep(text) : text;
        }
      }
    }
    for await (const result of signUrls(urlsOf(), options)) {
      const line = inFlight.shift() as InputLine;
      lastLine = line.number;
      if (result.ok) {
        signed++;
        for (const warning of result.signed.warnings) warnings.add(warning, line.number);
        await output.result(
          json
            ? `${safeJson({ line: line.number, input: line.text.trim(), ok: true, url: result.signed.url })}\n`
            : `${result.signed.url}\n`,
        );
      } else {
        failed++;
        const message = line.tooLong
          ? `the line is ${line.length.toLocaleString('en')} characters long; CloudFront refuses URLs over 8,192 bytes`
          : describeError(result.error, request.flagNames, { namePrefix: false }).message;
        output.error(`${shown} line ${line.number}: ${message}`);
        if (json) {
          const code = line.tooLong ? 'ERR_URL_INVALID' : result.error.code;
          await output.result(
            `${safeJson({ line: line.number, input: line.text.trim(), ok: false, code, error: message })}\n`,
          );
        }
      }
      if (interrupted) break;
      const now = Date.now();
      if (output.stderrIsTerminal && now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        output.progress(
          `signet: signed ${signed.toLocaleString('en')} URLs${failed ? `, ${failed.toLocaleString('en')} failed` : ''}…`,
        );
      }
    }
  } catch (error) {
    output.clearProgress();
    // Stopped by Ctrl-C: the abort, or the input closed under a waiting read.
    if (interrupted) return reportInterrupted();
    if ((error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new CliError(EXIT.FILE, `--urls-file: cannot read ${shown}: ${fileProblem(error)}`, {
        cause: error,
      });
    }
    throw asCliError(error, request.flagNames);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  output.clearProgress();
  if (interrupted) return reportInterrupted();
  warnings.summarise();
  const total = signed + failed;
  if (failed) {
    output.error(
      `${failed.toLocaleString('en')} of ${total.toLocaleString('en')} URLs could not be signed (see the lines above); the other ${signed.toLocaleString('en')} were signed`,
    );
    return EXIT.INPUT;
  }
  if (output.stderrIsTerminal) {
    output.note(
      `signed ${signed.toLocaleString('en')} URLs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return EXIT.OK;

  function reportInterrupted(): ExitCode {
    (source as { destroy?: () => void }).destroy?.();
    warnings.summarise();
    const count = `${signed.toLocaleString('en')} URLs signed${failed ? `, ${failed.toLocaleString('en')} failed` : ''}`;
    output.error(
      lastLine
        ? `interrupted after line ${lastLine.toLocaleString('en')} of ${shown}: ${count}; the lines after it were not signed`
        : `interrupted before the first line of ${shown} was signed`,
    );
    return EXIT.INTERRUPTED;
  }
}

/** The encoded URL; when it cannot be encoded, the line as it is, for signUrls to refuse with its reason. */
function encodeOrKeep(text: string): string {
  try {
    return encodeUrlForSigning(text).url;
  } catch {
    return text;
  }
}

/** Shows each batch-wide warning once, and each per-line warning for the first few lines only. */
class WarningTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly output: Output) {}

  add(warning: SignetWarning, line: number): void {
    const count = (this.counts.get(warning.code) ?? 0) + 1;
    this.counts.set(warning.code, count);
    if (BATCH_WIDE.has(warning.code)) {
      if (count === 1) this.output.warning(warning.message, warning.code);
    } else if (count <= WARNINGS_SHOWN_PER_CODE) {
      this.output.warning(`line ${line}: ${warning.message}`, warning.code);
    }
  }

  summarise(): void {
    for (const [code, count] of this.counts) {
      if (!BATCH_WIDE.has(code) && count > WARNINGS_SHOWN_PER_CODE) {
        this.output.warning(
          `${(count - WARNINGS_SHOWN_PER_CODE).toLocaleString('en')} more lines had this warning (${count.toLocaleString('en')} in all)`,
          code,
        );
      }
    }
  }
}
