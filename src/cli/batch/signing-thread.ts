/**
 * A signing thread (worker_threads): it gets the batch's setup once, as its workerData, then
 * blocks of lines, and answers each block, in order, with its SignedBlock or `{ failed }`.
 */
import { KeyObject, sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { HashAlgorithm, RawSigner, SigningKey } from '../../core/index.ts';
import type { LineBlock } from '../read-input.ts';
import { type BatchSetup, signBlock } from './sign-block.ts';

// For the tests only: SIGNET_DEBUG_FAULT=crash@LINE stops this thread with an uncaught error on
// the block holding that line; sign@TEXT fails the signature of any policy that contains TEXT.
const fault = /^(crash|sign)@(.+)$/.exec(process.env.SIGNET_DEBUG_FAULT ?? '');
const setup = workerData as BatchSetup;
const rawSigner = withFault(nodeSigner(setup.options.privateKey));

parentPort?.on('message', (block: LineBlock) => {
  crashAt(block);
  signBlock(setup, block, rawSigner).then(
    (signed) => parentPort?.postMessage(signed, [signed.output.buffer]),
    (error: unknown) =>
      parentPort?.postMessage({ failed: String((error as Error)?.message ?? error) }),
  );
});

/**
 * Node's synchronous crypto.sign with the key's own CryptoKey (KeyObject.from takes a
 * non-extractable one; the key stays in this process): no WebCrypto bookkeeping per signature.
 * ECDSA comes back as raw r‖s, as WebCrypto gives it; RSA is PKCS#1 v1.5, as in WebCrypto.
 */
function nodeSigner(privateKey: SigningKey): RawSigner {
  const dsaEncoding = privateKey.type === 'ECDSA' ? 'ieee-p1363' : undefined;
  // One KeyObject and one options object per hash, made once: this runs for every URL.
  const keys = new Map<HashAlgorithm, { key: KeyObject; dsaEncoding?: 'ieee-p1363' }>();
  return (data, _key, hashAlgorithm) => {
    let options = keys.get(hashAlgorithm);
    if (!options) {
      const key = KeyObject.from(privateKey.cryptoKeys[hashAlgorithm] as CryptoKey);
      options = dsaEncoding ? { key, dsaEncoding } : { key };
      keys.set(hashAlgorithm, options);
    }
    const signature = sign(hashAlgorithm === 'SHA1' ? 'sha1' : 'sha256', data, options);
    // The signature has a buffer of its own (a one-shot sign allocates one), so it is not copied.
    return Promise.resolve(
      signature.byteOffset === 0 && signature.byteLength === signature.buffer.byteLength
        ? signature.buffer
        : signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.byteLength),
    );
  };
}

function crashAt({ firstLine, lines }: LineBlock): void {
  const line = fault?.[1] === 'crash' ? Number(fault[2]) : 0;
  if (line >= firstLine && line < firstLine + lines)
    throw new Error(`SIGNET_DEBUG_FAULT: this signing thread stops at line ${line}`);
}

function withFault(signer: RawSigner): RawSigner {
  if (fault?.[1] !== 'sign') return signer;
  const text = fault[2] as string;
  const decoder = new TextDecoder();
  return (data, key, hash) =>
    decoder.decode(data).includes(text)
      ? Promise.reject(new Error('SIGNET_DEBUG_FAULT: this signature fails'))
      : signer(data, key, hash);
}
