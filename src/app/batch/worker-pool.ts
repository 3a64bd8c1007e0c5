/**
 * A pool of Web Workers that sign a batch's blocks of URLs with the core's own per-URL code and
 * answer with the signed URLs as strings: the page only sends blocks and reads answers. Chromium
 * computes a signature on the thread that asks for it, so this is what uses every core.
 */
import { type BlockOptions, type SignedBlock, signBlock } from './sign-block.ts';

interface Job {
  readonly urls: readonly string[];
  readonly resolve: (block: SignedBlock) => void;
  readonly reject: (reason: unknown) => void;
}

interface Member {
  readonly worker: Worker;
  /** The blocks sent and not yet answered, oldest first (a worker answers in order). */
  readonly jobs: Job[];
}

/** The pool size: one worker per core, at least 2, at most 8 (more only adds memory). */
export function poolSize(): number {
  return Math.min(8, Math.max(2, navigator.hardwareConcurrency || 2));
}

/** As much of the Trusted Types API as the pool calls; browsers without it take the plain URL. */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): string };
}

/** A TrustedScriptURL where the browser has Trusted Types (Worker takes either), typed as the string it wraps. */
let workerUrl: string | undefined;

/**
 * The page's own script as a blob: URL (see batch-worker.ts), through the Trusted Types policy
 * `signet` (the page's CSP names it), which only accepts that one URL. Made once per page and
 * kept: it holds no secret. Undefined where the page has no inline script (a dev server).
 */
function workerScriptUrl(): string | undefined {
  if (!workerUrl) {
    const source = document.querySelector('script[type="module"]')?.textContent;
    if (!source) return undefined;
    // A classic worker (a module worker cannot start from a blob: on file://), strict as a module.
    const url = URL.createObjectURL(new Blob(['"use strict";', source]));
    const { trustedTypes } = globalThis as { trustedTypes?: TrustedTypesFactory };
    const policy = trustedTypes?.createPolicy('signet', {
      createScriptURL(candidate) {
        if (candidate !== url) throw new TypeError(`signet: refused script URL ${candidate}`);
        return candidate;
      },
    });
    workerUrl = policy ? policy.createScriptURL(url) : url;
  }
  return workerUrl;
}

/**
 * Signs blocks of URLs on `size` workers, each sent the options (with the CryptoKey, which is
 * structured-cloneable even non-extractable) once. A block whose worker fails, or every block
 * where workers cannot start or take the key, is signed by the page itself.
 */
export class SigningPool {
  readonly #options: BlockOptions;
  #members: Member[] = [];

  /** A pool of `size` workers, or undefined where this browser has no Web Workers. */
  static open(size: number, options: BlockOptions): SigningPool | undefined {
    if (size < 1 || typeof Worker !== 'function') return undefined;
    try {
      return new SigningPool(size, options);
    } catch {
      // Worker creation refused (an old Trusted Types or CSP implementation): sign on the page.
      return undefined;
    }
  }

  private constructor(size: number, options: BlockOptions) {
    this.#options = options;
    const url = workerScriptUrl();
    if (!url) return;
    for (let i = 0; i < size; i++) {
      const member: Member = { worker: new Worker(url), jobs: [] };
      member.worker.onmessage = ({ data }: MessageEvent<SignedBlock | string>) => {
        const job = member.jobs.shift();
        if (typeof data === 'string') job?.reject(new Error(data));
        else job?.resolve(data);
      };
      member.worker.onerror = (event) => {
        // A worker that fails (or cannot run the page's script): the page signs its blocks.
        event.preventDefault();
        this.#drop(member);
      };
      this.#members.push(member);
    }
    try {
      for (const { worker } of this.#members) worker.postMessage(options);
    } catch {
      // A browser that cannot send a CryptoKey to a worker: the page signs every block.
      for (const member of [...this.#members]) this.#drop(member);
    }
  }

  /** How many workers are alive. */
  get size(): number {
    return this.#members.length;
  }

  /** Signs a block on the worker with the fewest blocks waiting (or on the page). */
  sign(urls: readonly string[]): Promise<SignedBlock> {
    const member = this.#members.reduce<Member | undefined>(
      (a, b) => (a && a.jobs.length <= b.jobs.length ? a : b),
      undefined,
    );
    if (!member) return signBlock(urls, this.#options);
    return new Promise((resolve, reject) => {
      member.jobs.push({ urls, resolve, reject });
      member.worker.postMessage(urls);
    });
  }

  /** Stops every worker now; blocks still unanswered fail with `reason`. */
  close(reason?: unknown): void {
    for (const member of this.#members.splice(0)) {
      member.worker.terminate();
      for (const job of member.jobs.splice(0)) job.reject(reason);
    }
  }

  #drop(member: Member): void {
    member.worker.terminate();
    this.#members = this.#members.filter((other) => other !== member);
    for (const job of member.jobs.splice(0)) {
      signBlock(job.urls, this.#options).then(job.resolve, job.reject);
    }
  }
}
