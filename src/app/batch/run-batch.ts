/**
 * The batch runner: the one place the page signs many URLs. Blocks of URLs go to a pool of Web
 * Workers that run the core's signUrls on them; the page keeps them in input order, makes the
 * rows and keeps the progress bar moving.
 */
import { SignetError, type SignUrlsOptions, signUrls } from '../../core/index.ts';
import type { ListedUrl } from './parse-list.ts';
import { signBlock } from './sign-block.ts';
import { poolSize, SigningPool } from './worker-pool.ts';

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

/** URLs per block: at least this many, so a message is cheap against the signing it asks for… */
const MIN_BLOCK = 16;
/**
 * …and at most this many, or as many as the batch signs in 25 ms, so that answers come often
 * enough for the progress bar's 20 redraws a second whatever the key (RSA signs 20 times slower).
 */
const MAX_BLOCK = 256;
/** Blocks each worker holds at once, so it never waits for the page between two. */
const BLOCKS_PER_WORKER = 3;
/** Reporting every row would redraw the page thousands of times; 20 a second is smooth enough. */
const PROGRESS_EVERY_MS = 50;
/**
 * The longest the page works on answers before it lets the browser run a frame or a click: well
 * under the 50 ms that makes a task "long", when blocks wait faster than rows are made.
 */
const SLICE_MS = 12;

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
  // Options wrong for every line fail here, on the page, before any worker starts.
  for await (const _ of signUrls([], options)) break;
  // Workers are started per batch and always stopped at its end: none outlives the batch.
  const pool = SigningPool.open(Math.min(poolSize(), urls.length), options);
  const stop = () => pool?.close(signal.reason);
  signal.addEventListener('abort', stop);
  const inFlight = (pool?.size || 1) * BLOCKS_PER_WORKER;
  const pending: Promise<Awaited<ReturnType<typeof signBlock>>>[] = [];
  let sent = 0;
  let lastReport = 0;
  let sliceStart = performance.now();
  const started = sliceStart;
  try {
    while (!signal.aborted && (sent < urls.length || pending.length)) {
      while (sent < urls.length && pending.length < inFlight) {
        const pace = Math.ceil((rows.length / (performance.now() - started)) * 25);
        const block = urls
          .slice(sent, sent + Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, pace)))
          .map((entry) => entry.url);
        sent += block.length;
        const signed = pool ? pool.sign(block) : signBlock(block, options);
        // Awaited in turn below; a block failed by a cancel is not an error to report.
        signed.catch(() => {});
        pending.push(signed);
      }
      const [results, refused, codes] = await (pending.shift() as (typeof pending)[number]);
      // A block that ended with the cancel is not one of the user's errors.
      if (signal.aborted) break;
      let next = refused[0];
      let r = 0;
      for (const [i, text] of results.entries()) {
        const { line, url: input } = urls[rows.length] as ListedUrl;
        if (i === next) {
          rows.push({ line, input, error: text, code: codes[r] });
          next = refused[++r];
        } else {
          rows.push({ line, input, signedUrl: text });
        }
      }
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        controls.onProgress(rows.length);
        await nextFrame();
        sliceStart = performance.now();
      } else if (now - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    if (!signal.aborted && !(error instanceof SignetError && error.code === 'ERR_ABORTED'))
      throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    pool?.close();
  }
  controls.onProgress(rows.length);
  return { rows, cancelled: signal.aborted };
}
