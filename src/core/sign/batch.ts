import { SignetError } from '../errors.ts';
import { readConditions } from './conditions.ts';
import type { RawSigner } from './signature.ts';
import { readPolicyResource, type SignedUrl, type SignUrlOptions, signUrlWith } from './url.ts';

export interface SignUrlsOptions extends Omit<SignUrlOptions, 'url'> {
  /**
   * How many signatures may be in flight at once. WebCrypto runs them on worker threads where the
   * runtime has them (Node's thread pool), so more than one keeps every core busy. Default 64.
   */
  concurrency?: number;
  /** Stops the batch: no new URL is started, and the iterator ends with ERR_ABORTED. */
  signal?: AbortSignal;
  /**
   * Where the WebCrypto step runs; by default right here. The page passes one that spreads the
   * signatures over a pool of Web Workers, since a browser gives each page one crypto thread.
   */
  rawSigner?: RawSigner;
}

/** One line of a batch: its position in the input, and the signed URL or why it was refused. */
export type BatchResult =
  | {
      readonly index: number;
      readonly input: string;
      readonly ok: true;
      readonly signed: SignedUrl;
    }
  | {
      readonly index: number;
      readonly input: string;
      readonly ok: false;
      readonly error: SignetError;
    };

/**
 * Signs many URLs with one set of conditions, yielding results in input order as they are ready.
 * A bad URL yields its error and the rest are still signed; memory stays bounded by `concurrency`
 * however long the input, so a file of millions of lines can be streamed through.
 *
 * ```ts
 * for await (const line of signUrls(urls, { keyPairId, privateKey, dateLessThan })) {
 *   if (line.ok) console.log(line.signed.url); else console.error(`line ${line.index + 1}: ${line.error.message}`);
 * }
 * ```
 */
export async function* signUrls(
  urls: Iterable<string> | AsyncIterable<string>,
  options: SignUrlsOptions,
): AsyncGenerator<BatchResult, void, undefined> {
  // Options that are wrong for every URL fail the whole batch at once, before any work.
  const conditions = await readConditions(options);
  const policyResource = readPolicyResource(options.policyResource);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 64));
  const { signal } = options;
  const pending: Promise<BatchResult>[] = [];
  let index = 0;
  const start = (input: string): Promise<BatchResult> => {
    const position = index++;
    return signUrlWith(conditions, input, policyResource, options.rawSigner).then(
      (signed): BatchResult => ({ index: position, input, ok: true, signed }),
      (error: unknown): BatchResult => ({
        index: position,
        input,
        ok: false,
        error: asSignetError(error),
      }),
    );
  };
  if (Symbol.iterator in urls) {
    // An array or other in-memory list: keep the window full, hand out the oldest when full.
    for (const input of urls) {
      throwIfAborted(signal);
      pending.push(start(input));
      if (pending.length >= concurrency) yield await (pending.shift() as Promise<BatchResult>);
    }
  } else {
    // A stream (a file, stdin): hand out each result as soon as it and those before it are
    // done, even while the next line is slow to arrive.
    const lines = urls[Symbol.asyncIterator]();
    let next: Promise<IteratorResult<string>> | undefined = lines.next();
    try {
      while (next || pending.length) {
        throwIfAborted(signal);
        const head = pending[0];
        if (next && pending.length < concurrency) {
          const arrived = head
            ? await Promise.race([next, head.then(() => undefined)])
            : await next;
          if (arrived === undefined) {
            yield await (pending.shift() as Promise<BatchResult>);
          } else if (arrived.done) {
            next = undefined;
          } else {
            pending.push(start(arrived.value));
            next = lines.next();
          }
        } else {
          yield await (pending.shift() as Promise<BatchResult>);
        }
      }
    } finally {
      // The consumer stopped early (break, cancel): let the source close its file or stream.
      if (next) await lines.return?.();
    }
    return;
  }
  while (pending.length) {
    throwIfAborted(signal);
    yield await (pending.shift() as Promise<BatchResult>);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new SignetError(
      'ERR_ABORTED',
      'The batch was cancelled; the URLs already yielded are signed, the rest are not.',
    );
  }
}

function asSignetError(error: unknown): SignetError {
  if (error instanceof SignetError) return error;
  return new SignetError(
    'ERR_URL_INVALID',
    `This line could not be signed: ${String((error as Error)?.message ?? error)}`,
    {
      cause: error,
    },
  );
}
