import { createReadStream } from 'node:fs';
import {
  type SignetWarning,
  type SigningKey,
  type SignUrlsOptions,
  signUrls,
} from '../../core/index.ts';
import { BATCH_WIDE, MAX_LINE_BYTES, type SignedBlock } from '../batch/sign-block.ts';
import { SigningThreads } from '../batch/signing-threads.ts';
import { asCliError, CliError } from '../cli-error.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { Output } from '../output.ts';
import {
  fileProblem,
  isStdin,
  type LineBlock,
  pathOf,
  readLineBlocks,
  refuseNonUrlList,
  showPath,
} from '../read-input.ts';

/** Bytes of lines per block sent to a signing thread: a few hundred URLs, a few tens of ms. */
const BLOCK_BYTES = 32 * 1024;
/** Blocks in flight per signing thread, so none waits for the main thread between two. */
const BLOCKS_PER_THREAD = 3;
/** Per-line warnings of one kind shown before they are only counted. */
const WARNINGS_SHOWN_PER_CODE = 10;
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
 * Signs one URL per line and streams the results in input order. The main thread reads lines
 * and writes results a block at a time; signing threads run the core on each block. Memory is
 * bounded: input is read only as fast as results are written, with a few blocks in flight per
 * thread, and each block is written as soon as it and those before it are signed, even while a
 * slow standard input is still open.
 */
export async function signBatch(request: BatchRequest): Promise<ExitCode> {
  const { output } = request;
  const source = isStdin(request.file)
    ? request.stdin
    : createReadStream(pathOf(request.file), { highWaterMark: CHUNK_BYTES });
  const shown = isStdin(request.file) ? 'standard input' : showPath(pathOf(request.file));
  // Ctrl-C stops the batch after the block being written, so stdout ends with a whole line and
  // the count says where to resume; a second Ctrl-C stops at once.
  let interrupted = false;
  let onInterrupted: () => void = () => {};
  const interruption = new Promise<undefined>((resolve) => {
    onInterrupted = () => resolve(undefined);
  });
  const onInterrupt = () => {
    if (interrupted) process.exit(EXIT.INTERRUPTED);
    interrupted = true;
    onInterrupted();
    // Lets a read that waits for more input (a terminal, an open pipe) end, and the process exit.
    (source as { destroy?: () => void }).destroy?.();
  };
  process.on('SIGINT', onInterrupt);
  const warnings = new WarningTally(output);
  let signed = 0;
  let failed = 0;
  let lastLine = 0;
  const started = Date.now();
  let lastProgress = started;
  let threads: SigningThreads | undefined;
  try {
    // Options wrong for every line (a date, an IP range) fail the batch before any input is read.
    for await (const _ of signUrls([], request.options)) break;
    threads = new SigningThreads({
      options: request.options,
      flagNames: request.flagNames,
      encode: request.encode,
      json: request.json,
    });
    const limit = threads.limit * BLOCKS_PER_THREAD;
    // The blocks sent, oldest first, each with its last line number.
    const inFlight: { last: number; block: Promise<SignedBlock> }[] = [];
    // A key file or binary data given as the list is refused whole, before any line is shown.
    const blocks = readLineBlocks(refuseNonUrlList(source as AsyncIterable<Uint8Array>, shown), {
      blockBytes: BLOCK_BYTES,
      maxLineBytes: MAX_LINE_BYTES,
    })[Symbol.asyncIterator]();
    let next: Promise<IteratorResult<LineBlock>> | undefined = blocks.next();
    while (!interrupted && (next || inFlight.length)) {
      const head = inFlight[0];
      if (!next || inFlight.length >= limit) {
        await write(inFlight.shift() as NonNullable<typeof head>);
        continue;
      }
      // Read on, but write the oldest block as soon as it is done, even while input is slow.
      const arrived = await Promise.race([
        next,
        interruption,
        ...(head ? [head.block.then(() => undefined)] : []),
      ]);
      if (interrupted) break;
      if (arrived === undefined) await write(inFlight.shift() as NonNullable<typeof head>);
      else if (arrived.done) next = undefined;
      else {
        const block = threads.sign(arrived.value);
        // A failed block stops the batch when its turn to be written comes.
        block.catch(() => {});
        inFlight.push({ last: arrived.value.firstLine + arrived.value.lines - 1, block });
        next = blocks.next();
      }
    }
    if (next) blocks.return?.()?.catch(() => {});
  } catch (error) {
    output.clearProgress();
    // Stopped by Ctrl-C: the input closed under a waiting read.
    if (interrupted) return reportInterrupted();
    if ((error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new CliError(EXIT.FILE, `--urls-file: cannot read ${shown}: ${fileProblem(error)}`, {
        cause: error,
      });
    }
    if (error instanceof ThreadStopped) return reportStopped(error);
    throw asCliError(error, request.flagNames);
  } finally {
    process.off('SIGINT', onInterrupt);
    await threads?.close();
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

  /** Writes a block's results and reports its refused lines; a block that failed stops the batch. */
  async function write({ last, block }: { last: number; block: Promise<SignedBlock> }) {
    let result: SignedBlock;
    try {
      result = await block;
    } catch (error) {
      throw new ThreadStopped(error);
    }
    for (const warning of result.warnings) warnings.add(warning, warning.line);
    for (const { line, message } of result.refused)
      output.error(`${shown} line ${line}: ${message}`);
    if (result.output.length) await output.result(result.output);
    signed += result.signed;
    failed += result.refused.length;
    lastLine = last;
    const now = Date.now();
    if (output.stderrIsTerminal && now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      output.progress(
        `signet: signed ${signed.toLocaleString('en')} URLs${failed ? `, ${failed.toLocaleString('en')} failed` : ''}…`,
      );
    }
  }

  function progressCount(): string {
    return `${signed.toLocaleString('en')} URLs signed${failed ? `, ${failed.toLocaleString('en')} failed` : ''}`;
  }

  function reportInterrupted(): ExitCode {
    (source as { destroy?: () => void }).destroy?.();
    warnings.summarise();
    output.error(
      lastLine
        ? `interrupted after line ${lastLine.toLocaleString('en')} of ${shown}: ${progressCount()}; the lines after it were not signed`
        : `interrupted before the first line of ${shown} was signed`,
    );
    return EXIT.INTERRUPTED;
  }

  function reportStopped(error: ThreadStopped): ExitCode {
    (source as { destroy?: () => void }).destroy?.();
    output.clearProgress();
    warnings.summarise();
    const where = lastLine
      ? `after line ${lastLine.toLocaleString('en')} of ${shown}: ${progressCount()}`
      : `before the first line of ${shown} was signed`;
    output.error(
      `internal error: ${error.message}; stopped ${where}; the lines after it were not signed (set SIGNET_DEBUG=1 for the stack trace)`,
    );
    if (process.env.SIGNET_DEBUG) process.stderr.write(`${(error.cause as Error)?.stack}\n`);
    return EXIT.INTERNAL;
  }
}

/** A block that a signing thread could not sign: the batch stops after the blocks before it. */
class ThreadStopped extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Shows each batch-wide warning once, and each per-line warning for the first few lines only. */
class WarningTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly output: Output) {}

  add(warning: Pick<SignetWarning, 'message'> & { code: string }, line: number): void {
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
