/**
 * The batch runner: the one place the page signs many URLs. The core's signUrls builds each policy
 * and URL here, in input order; the signatures themselves are made by a pool of Web Workers.
 */
import { SignetError, type SignUrlsOptions, signUrls } from '../../core/index.ts';
import type { ListedUrl } from './parse-list.ts';
import { IN_FLIGHT_PER_WORKER, poolSize, SignerPool } from './worker-pool.ts';

/** One line's outcome. */
export interface BatchRow {
  readonly line: number;
  readonly input: string;
  readonly signedUrl?: string;
  readonly error?: string;
  /** The refusal's SignetError code, to group refused lines by reason. */
  readonly code?: string;
}

export interface BatchOutcome {
  readonly rows: readonly BatchRow[];
  /** True when cancelled before every line was signed. */
  readonly cancelled: boolean;
}

export interface BatchControls {
  readonly signal: AbortSignal;
  /** Called now and then (not per row) with the rows so far, to move a progress bar. */
  readonly onProgress: (done: number) => void;
}

/** Reporting every row would redraw the page thousands of times; 20 a second is smooth enough. */
const PROGRESS_EVERY_MS = 50;

/**
 * Waits for the page to paint, so the progress bar and Cancel stay live however fast results come.
 * The timeout keeps a batch in a background tab (where frames stop) moving.
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

/**
 * Signs every listed URL with the same options. A bad line becomes a row with its error and the
 * rest are still signed. Options wrong for every line (no key pair ID, bad expiry) throw at once.
 * Cancelling stops the workers at once; the rows signed until then are kept.
 */
export async function runBatch(
  urls: readonly ListedUrl[],
  options: Omit<SignUrlsOptions, 'signal'>,
  controls: BatchControls,
): Promise<BatchOutcome> {
  const { signal } = controls;
  const rows: BatchRow[] = [];
  // Workers are started per batch and always stopped at its end: none outlives the batch.
  const pool = SignerPool.open(Math.min(poolSize(), urls.length));
  const stop = () => pool?.close(signal.reason);
  signal.addEventListener('abort', stop);
  let lastReport = 0;
  try {
    for await (const result of signUrls(
      urls.map((entry) => entry.url),
      {
        ...options,
        signal,
        ...(pool ? { rawSigner: pool.sign, concurrency: pool.size * IN_FLIGHT_PER_WORKER } : {}),
      },
    )) {
      // A line failed by the cancel itself is not one of the user's errors.
      if (signal.aborted) break;
      const line = urls[result.index]?.line ?? result.index + 1;
      rows.push(
        result.ok
          ? { line, input: result.input, signedUrl: result.signed.url }
          : { line, input: result.input, error: result.error.message, code: result.error.code },
      );
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        controls.onProgress(rows.length);
        await nextFrame();
      }
    }
  } catch (error) {
    if (!(error instanceof SignetError && error.code === 'ERR_ABORTED')) throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    pool?.close();
  }
  controls.onProgress(rows.length);
  return { rows, cancelled: signal.aborted };
}
