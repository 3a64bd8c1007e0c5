/**
 * A pool of Web Workers that does a batch's one WebCrypto step (a RawSigner). Chromium computes a
 * signature on the thread that asked for it (measured here), so a batch signed by the page alone
 * uses one core and keeps the page busy. Each worker is sent the CryptoKey once (a CryptoKey, even
 * non-extractable, is structured-cloneable), then batches of policy bytes, and answers with the
 * signatures in the same order.
 */
import { type RawSigner, type SigningKey, signatureParams } from '../../core/index.ts';

/**
 * The whole worker, self-contained so it lives inside the single HTML file as a blob: URL. It says
 * it is ready (0), keeps the key it is sent, and answers each batch, one after another, with the
 * signatures in order (or the error as a string). A batch travels packed, as in `pack` below: all
 * its byte strings in one buffer and where each one ends.
 */
const WORKER_SOURCE = `let key,params,done=Promise.resolve();postMessage(0);onmessage=({data})=>{if(data.key){({key,params}=data);return}const k=key,p=params,[bytes,ends]=data;done=done.then(()=>Promise.all(ends.map((end,i)=>crypto.subtle.sign(p,k,new Uint8Array(bytes,i&&ends[i-1],end-(i&&ends[i-1])))))).then(signatures=>{const out=new Uint8Array(signatures.reduce((n,s)=>n+s.byteLength,0)),marks=[];let at=0;for(const s of signatures){out.set(new Uint8Array(s),at);marks.push(at+=s.byteLength)}postMessage([out.buffer,marks],[out.buffer])},error=>postMessage(String(error)))}`;

/** Byte strings as one buffer and the offset where each ends: one transfer per message. */
type Packed = [bytes: ArrayBuffer, ends: number[]];

function pack(parts: readonly Uint8Array[]): Packed {
  let length = 0;
  const ends = parts.map((part) => (length += part.byteLength));
  const bytes = new Uint8Array(length);
  parts.forEach((part, i) => {
    bytes.set(part, ends[i - 1] ?? 0);
  });
  return [bytes.buffer, ends];
}

/** Policies per message: large enough to keep messaging cheap, small enough for a lively progress bar. */
const BATCH_SIZE = 32;
/** Batches each worker holds at once, so it never waits for the page between two. */
const BATCHES_PER_WORKER = 2;
/** Enough signatures in flight that the workers stay busy while the page paints a frame. */
export const IN_FLIGHT_PER_WORKER = 256;

interface Job {
  readonly data: Uint8Array<ArrayBuffer>;
  readonly key: CryptoKey;
  readonly params: ReturnType<typeof signatureParams>;
  readonly resolve: (signature: ArrayBuffer) => void;
  readonly reject: (reason: unknown) => void;
}

interface Member {
  readonly worker: Worker;
  ready: boolean;
  /** The key this worker holds; sent again only if a job needs another one. */
  key?: CryptoKey;
  /** The batches sent and not yet answered, oldest first (the worker answers in order). */
  readonly batches: Job[][];
}

const hasRoom = (member: Member) => member.ready && member.batches.length < BATCHES_PER_WORKER;

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
 * The worker's script URL through the Trusted Types policy `signet` (the page's CSP names it),
 * which only accepts the one blob: URL made here. Made once per page and kept: it holds no secret.
 */
function workerScriptUrl(): string {
  if (!workerUrl) {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
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
 * Signs with `size` workers. `sign` is the RawSigner to give signUrls; `close` stops every worker
 * and fails the signatures still pending. If the workers cannot start, it signs on the page.
 */
export class SignerPool {
  #members: Member[] = [];
  #queue: Job[] = [];
  #flushing = false;
  #closed = false;

  /** A pool of `size` workers, or undefined where this browser has no Web Workers. */
  static open(size: number): SignerPool | undefined {
    if (size < 1 || typeof Worker !== 'function') return undefined;
    try {
      return new SignerPool(size);
    } catch {
      // Worker creation refused (an old Trusted Types or CSP implementation): sign on the page.
      return undefined;
    }
  }

  private constructor(size: number) {
    const url = workerScriptUrl();
    for (let i = 0; i < size; i++) {
      const member: Member = { worker: new Worker(url), ready: false, batches: [] };
      member.worker.onmessage = ({ data }: MessageEvent<0 | Packed | string>) => {
        member.ready = true;
        if (data !== 0) {
          (member.batches.shift() ?? []).forEach((job, i) => {
            if (typeof data === 'string') job.reject(new Error(data));
            else job.resolve(data[0].slice(data[1][i - 1] ?? 0, data[1][i]));
          });
        }
        this.#schedule();
      };
      member.worker.onerror = (event) => {
        // A worker that fails: its unfinished jobs fail, and the others (or the page) go on.
        event.preventDefault();
        member.worker.terminate();
        this.#members = this.#members.filter((m) => m !== member);
        for (const job of member.batches.flat()) job.reject(new Error('A signing worker stopped.'));
        this.#schedule();
      };
      this.#members.push(member);
    }
  }

  /** How many workers are alive. */
  get size(): number {
    return this.#members.length;
  }

  readonly sign: RawSigner = (data, privateKey: SigningKey, hashAlgorithm) =>
    new Promise<ArrayBuffer>((resolve, reject) => {
      if (this.#closed) throw new Error('The signing pool is closed.');
      const key = privateKey.cryptoKeys[hashAlgorithm] as CryptoKey;
      const params = signatureParams(privateKey.type, hashAlgorithm);
      this.#queue.push({ data, key, params, resolve, reject });
      // While every worker is full, the next answer sends the queue on; no need to look now.
      if (!this.#members.length || this.#members.some(hasRoom)) this.#schedule();
    });

  /** Stops every worker now; signatures still pending fail with `reason`. */
  close(reason: unknown = new Error('The signing pool is closed.')): void {
    this.#closed = true;
    const pending = [...this.#queue, ...this.#members.flatMap((member) => member.batches.flat())];
    for (const member of this.#members) member.worker.terminate();
    this.#members = [];
    this.#queue = [];
    for (const job of pending) job.reject(reason);
  }

  // Jobs that arrive in the same turn (signUrls starts many at once) go out as one message.
  #schedule(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    queueMicrotask(() => {
      this.#flushing = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (!this.#members.length) {
      // No worker could start: the page signs the rest itself.
      for (const job of this.#queue.splice(0)) {
        crypto.subtle.sign(job.params, job.key, job.data).then(job.resolve, job.reject);
      }
      return;
    }
    for (;;) {
      const free = this.#members.filter(hasRoom);
      const head = this.#queue[0];
      if (!free.length || !head) return;
      const member = free.reduce((a, b) => (b.batches.length < a.batches.length ? b : a));
      if (member.key !== head.key) {
        try {
          member.worker.postMessage({ key: head.key, params: head.params });
        } catch {
          // A browser that cannot send a CryptoKey to a worker: the page signs instead, from
          // the policies still unanswered (the jobs keep their own bytes).
          for (const { worker } of this.#members) worker.terminate();
          this.#queue.unshift(...this.#members.flatMap((m) => m.batches.flat()));
          this.#members = [];
          this.#flush();
          return;
        }
        member.key = head.key;
      }
      const share = Math.min(BATCH_SIZE, Math.ceil(this.#queue.length / free.length));
      // One message holds one key: a batch ends where another key's jobs begin.
      let count = 1;
      while (count < share && this.#queue[count]?.key === head.key) count++;
      const jobs = this.#queue.splice(0, count);
      // The policies are copied into one buffer that moves to the worker: the core may keep
      // its own bytes (it compares the next policy with the last one to reuse a signature).
      const policies = pack(jobs.map((job) => job.data));
      member.worker.postMessage(policies, [policies[0]]);
      member.batches.push(jobs);
    }
  }
}
