import { SignetError } from '../errors.ts';
import { readOptions } from '../lib/options.ts';
import { showValue } from '../lib/show-value.ts';
import { readConditions } from './conditions.ts';
import { type RawSigner, signingFailed, signWithWebCrypto } from './signature.ts';
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
  input: SignUrlsOptions,
): AsyncGenerator<BatchResult, void, undefined> {
  // Options that are wrong for every URL fail the whole batch at once, before any work.
  const source = readSource(urls);
  const options = readOptions<SignUrlsOptions>(
    input,
    '{ keyPairId, privateKey, dateLessThan }',
  ) as SignUrlsOptions;
  const conditions = await readConditions(options);
  const policyResource = readPolicyResource(options.policyResource);
  const concurrency = readConcurrency(options.concurrency);
  const { signal } = options;
  if (
    (signal !== undefined && typeof signal?.addEventListener !== 'function') ||
    (options.rawSigner !== undefined && typeof options.rawSigner !== 'function')
  ) {
    throw new SignetError(
      'ERR_BATCH_INPUT',
      'signal must be an AbortSignal and rawSigner a function, when given.',
    );
  }
  const rawSigner =
    policyResource === undefined
      ? options.rawSigner
      : reuseSignatures(options.rawSigner ?? signWithWebCrypto);
  const pending: Promise<BatchResult>[] = [];
  let index = 0;
  const start = (input: string): Promise<BatchResult> => {
    const position = index++;
    return signUrlWith(conditions, input, policyResource, rawSigner).then(
      (signed): BatchResult => ({ index: position, input, ok: true, signed }),
      (error: unknown): BatchResult => ({
        index: position,
        input,
        ok: false,
        error: signingFailed(error),
      }),
    );
  };
  if (Symbol.iterator in source) {
    // An array or other in-memory list: keep the window full, hand out the oldest when full.
    for (const input of source) {
      throwIfAborted(signal);
      pending.push(start(input));
      if (pending.length >= concurrency) yield await (pending.shift() as Promise<BatchResult>);
    }
    while (pending.length) {
      throwIfAborted(signal);
      yield await (pending.shift() as Promise<BatchResult>);
    }
    return;
  }
  // A stream (a file, stdin): hand out each result as soon as it and those before it are done,
  // even while the next line is slow to arrive, and stop at once on abort even then.
  const lines = source[Symbol.asyncIterator]();
  let next: Promise<IteratorResult<string>> | undefined = lines.next();
  try {
    while (next || pending.length) {
      throwIfAborted(signal);
      const head = pending[0];
      if (next && pending.length < concurrency) {
        const arrived = await orAbort(
          head ? Promise.race([next, head.then(() => undefined)]) : next,
          signal,
        );
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
    // Stopped early (break, abort, error): let the source close its file or stream. Not awaited:
    // a source stuck waiting for input would only answer once that input came.
    if (next) lines.return?.()?.catch(() => {});
  }
}

function readConcurrency(value: unknown): number {
  if (value === undefined) return 64;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new SignetError(
      'ERR_BATCH_INPUT',
      `concurrency must be a whole number of signatures in flight, 1 or more; got ${showValue(value, /^$/)}.`,
      { field: 'concurrency' },
    );
  }
  return value;
}

function readSource(urls: unknown): Iterable<string> | AsyncIterable<string> {
  const list = urls as Partial<Record<symbol, unknown>> | null;
  const iterable =
    typeof urls === 'object' &&
    list !== null &&
    (typeof list[Symbol.iterator] === 'function' ||
      typeof list[Symbol.asyncIterator] === 'function');
  if (!iterable) {
    throw new SignetError(
      'ERR_BATCH_INPUT',
      `signUrls takes a list of URLs (an array, or any iterable or async iterable of strings); got ${typeof urls === 'string' ? 'one string: use signUrl for one URL, or wrap it in an array' : typeof urls}.`,
      { field: 'urls' },
    );
  }
  return urls as Iterable<string> | AsyncIterable<string>;
}

/**
 * With a policy resource, most lines sign the very same custom policy: sign those bytes once
 * and reuse the signature (valid for each of them), instead of one private-key operation a line.
 */
function reuseSignatures(rawSigner: RawSigner): RawSigner {
  let last: { data: Uint8Array; signature: Promise<ArrayBuffer> } | undefined;
  return (data, privateKey, hashAlgorithm) => {
    if (last && sameBytes(last.data, data)) return last.signature;
    const signature = rawSigner(data, privateKey, hashAlgorithm);
    last = { data, signature };
    // A failed signature is not reused: the next line tries again.
    signature.catch(() => {
      if (last?.signature === signature) last = undefined;
    });
    return signature;
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function abortedError(): SignetError {
  return new SignetError(
    'ERR_ABORTED',
    'The batch was cancelled; the URLs already yielded are signed, the rest are not.',
  );
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}

/**
 * The promise, or ERR_ABORTED as soon as the signal fires. The listener is removed once either
 * happens: a batch waits once per line, and a promise kept pending across waits would hold on
 * to every one of them.
 */
function orAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
