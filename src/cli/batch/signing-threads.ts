/**
 * The main thread's side of the signing threads: blocks of lines go to worker_threads that each
 * run the core's signUrls, and come back as SignedBlocks. A thread is started only when a block
 * finds every running one busy, up to one per core, so a short batch starts one.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LineBlock } from '../read-input.ts';
import type { BatchSetup, SignedBlock } from './sign-block.ts';

/**
 * Each thread is a JavaScript heap of its own, about 35 MB when busy (measured: 128 MB peak for
 * 100,000 URLs on 2 threads, 155 on 3, 195 on 4); 3 keeps a batch under 200 MB on any machine.
 */
const MAX_THREADS = 3;
/** Measured: 16 MB costs little time against the default (48 MB) and saves about 20 MB a thread. */
const YOUNG_GENERATION_MB = 16;

interface Waiting {
  readonly resolve: (block: SignedBlock) => void;
  readonly reject: (reason: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  /** The blocks sent and not yet answered, oldest first: a thread answers in order. */
  readonly waiting: Waiting[];
}

export class SigningThreads {
  readonly #setup: BatchSetup;
  readonly #threads: Thread[] = [];
  /** Why a thread stopped: every block after that fails with it. */
  #stopped: Error | undefined;

  constructor(
    setup: BatchSetup,
    readonly limit = Math.min(MAX_THREADS, availableParallelism()),
  ) {
    this.#setup = setup;
  }

  /** Signs a block on the least busy thread (its bytes move there); one thread answers in order. */
  sign(block: LineBlock): Promise<SignedBlock> {
    return new Promise((resolve, reject) => {
      if (this.#stopped) throw this.#stopped;
      const thread = this.#pick();
      thread.waiting.push({ resolve, reject });
      thread.worker.postMessage(block, [block.bytes.buffer]);
    });
  }

  /** Stops every thread; blocks still unanswered fail. */
  async close(): Promise<void> {
    this.#stopped ??= new Error('the signing threads were closed');
    const threads = this.#threads.splice(0);
    for (const thread of threads) this.#fail(thread, this.#stopped);
    await Promise.all(threads.map(({ worker }) => worker.terminate()));
  }

  #pick(): Thread {
    const idle = this.#threads.find((thread) => thread.waiting.length === 0);
    if (idle) return idle;
    if (this.#threads.length < this.limit) return this.#start();
    return this.#threads.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
  }

  #start(): Thread {
    const worker = new Worker(new URL('./signing-thread.js', import.meta.url), {
      workerData: this.#setup,
      // A busy thread's young generation grows to 48 MB by default; this keeps the heaps lean.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const thread: Thread = { worker, waiting: [] };
    worker.on('message', (answer: SignedBlock | { failed: string }) => {
      const waiting = thread.waiting.shift();
      if ('failed' in answer) waiting?.reject(new Error(answer.failed));
      else waiting?.resolve(answer);
    });
    // An uncaught error, or a thread that ends with blocks unanswered, stops the whole batch:
    // the lines before the first unanswered block are written, the rest are not.
    worker.on('error', (error) => this.#stop(thread, error));
    worker.on('exit', (code) => this.#stop(thread, new Error(`it exited with status ${code}`)));
    this.#threads.push(thread);
    return thread;
  }

  #stop(thread: Thread, error: Error): void {
    if (!thread.waiting.length && this.#stopped) return;
    this.#stopped ??= new Error(`a signing thread stopped: ${error.message}`, { cause: error });
    this.#fail(thread, this.#stopped);
  }

  #fail(thread: Thread, reason: Error): void {
    for (const waiting of thread.waiting.splice(0)) waiting.reject(reason);
  }
}
