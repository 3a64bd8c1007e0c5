/**
 * The batch runner: the one place the page signs many URLs. It runs on the main thread with the
 * core's signUrls for now; moving it onto a Web Worker pool only has to keep this signature.
 */
import { SignetError, type SignUrlsOptions, signUrls } from '../../core/index.ts';
import type { ListedUrl } from './parse-list.ts';

/** One line's outcome. */
export interface BatchRow {
  readonly line: number;
  readonly input: string;
  readonly signedUrl?: string;
  readonly error?: string;
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

/** Reporting every row would redraw the page a thousand times; this often is enough. */
const PROGRESS_EVERY_MS = 100;

/**
 * Waits for the page to paint. WebCrypto's answers arrive as a stream of tasks that can starve
 * painting and input, so the progress bar would freeze and Cancel would not react. The timeout
 * keeps a batch in a background tab (where frames stop) moving.
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
 */
export async function runBatch(
  urls: readonly ListedUrl[],
  options: Omit<SignUrlsOptions, 'signal'>,
  controls: BatchControls,
): Promise<BatchOutcome> {
  const rows: BatchRow[] = [];
  let lastReport = 0;
  try {
    for await (const result of signUrls(
      urls.map((entry) => entry.url),
      { ...options, signal: controls.signal },
    )) {
      const line = urls[result.index]?.line ?? result.index + 1;
      rows.push(
        result.ok
          ? { line, input: result.input, signedUrl: result.signed.url }
          : { line, input: result.input, error: result.error.message },
      );
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        controls.onProgress(rows.length);
        await nextFrame();
      }
    }
  } catch (error) {
    if (error instanceof SignetError && error.code === 'ERR_ABORTED')
      return { rows, cancelled: true };
    throw error;
  }
  controls.onProgress(rows.length);
  return { rows, cancelled: false };
}
