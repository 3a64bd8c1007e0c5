/**
 * The page's one script is also its batch worker (the pool starts it from its own text), so no
 * second copy of the core is inlined. Imported first by main.ts: in a worker, this answers the
 * blocks it is sent and stops the script here, before the app (Lit needs a document).
 */
import { type BlockOptions, signBlock } from './sign-block.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<BlockOptions | string[]>) => void) | null;
  onerror: (() => boolean) | null;
  postMessage(message: unknown): void;
}

if (!('document' in globalThis)) {
  const scope = globalThis as unknown as WorkerScope;
  let options: BlockOptions;
  let done = Promise.resolve();
  // The first message holds the batch's options and key, each after it a block of URLs; blocks
  // are answered one after another, in order (a worker's WebCrypto runs on its own thread).
  scope.onmessage = ({ data }) => {
    if (!Array.isArray(data)) {
      options = data;
      return;
    }
    done = done.then(() =>
      signBlock(data, options).then(
        (block) => scope.postMessage(block),
        (error: unknown) => scope.postMessage(String(error)),
      ),
    );
  };
  // The stop below is handled here, once, so the page sees no error; later ones reach it.
  scope.onerror = () => {
    scope.onerror = null;
    return true;
  };
  // Stops the page's script here: the rest is the app.
  throw 0;
}
