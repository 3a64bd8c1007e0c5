import { beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateRequest,
  importPrivateKey,
  type RawSigner,
  SignetError,
  type SigningKey,
  signatureParams,
  signUrl,
  signUrls,
} from '../../src/core/index.ts';
import { vectorFile } from '../support/vectors.ts';

let key: SigningKey;
beforeAll(async () => {
  key = await importPrivateKey(vectorFile('keys/sep-test-ecdsa-key.pem'));
});

const options = () => ({
  keyPairId: 'K2ECDSATEST',
  privateKey: key,
  dateLessThan: 1767290400,
  now: 0,
});
const urls = (count: number) =>
  Array.from({ length: count }, (_, i) => `https://d1.example.net/file-${i}.mp4`);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('signUrls', () => {
  it('yields results in input order, each as signUrl would sign it', async () => {
    const input = urls(300);
    const results = await collect(signUrls(input, { ...options(), concurrency: 16 }));
    expect(results.map((r) => r.index)).toEqual(input.map((_, i) => i));
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0];
    if (!first?.ok) throw new Error('first line failed');
    const single = await signUrl({ ...options(), url: input[0] as string });
    expect(first.signed.policy).toBe(single.policy);
    expect(first.signed.url.split('&Signature=')[0]).toBe(single.url.split('&Signature=')[0]);
  });

  it('reports a bad line with its index and still signs the rest', async () => {
    const input = urls(10);
    input[4] = 'https://d1.example.net/bad file.mp4';
    const results = await collect(signUrls(input, options()));
    expect(results).toHaveLength(10);
    const bad = results[4];
    expect(bad?.ok).toBe(false);
    if (bad && !bad.ok) expect(bad.error.code).toBe('ERR_URL_CHARACTERS');
    expect(results.filter((r) => r.ok)).toHaveLength(9);
  });

  it('reads from an async source without holding more than the window in flight', async () => {
    let started = 0;
    let yielded = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 0; i < 200; i++) {
        started++;
        maxAhead = Math.max(maxAhead, started - yielded);
        yield `https://d1.example.net/${i}`;
      }
    }
    for await (const _ of signUrls(source(), { ...options(), concurrency: 8 })) yielded++;
    expect(yielded).toBe(200);
    expect(maxAhead).toBeLessThanOrEqual(9);
  });

  it('hands out each result while a slow source is still producing, instead of holding it back', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slowSource() {
      yield 'https://d1.example.net/first.mp4';
      await gate; // the next line has not arrived yet (a pipe, stdin, a tail -f)
      yield 'https://d1.example.net/second.mp4';
    }
    const iterator = signUrls(slowSource(), { ...options(), concurrency: 64 })[
      Symbol.asyncIterator
    ]();
    const first = await iterator.next();
    expect(first.value?.input).toBe('https://d1.example.net/first.mp4');
    release();
    expect((await iterator.next()).value?.input).toBe('https://d1.example.net/second.mp4');
    expect((await iterator.next()).done).toBe(true);
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield `https://d1.example.net/${i}`;
      } finally {
        closed = true;
      }
    }
    for await (const result of signUrls(source(), options())) if (result.index === 3) break;
    expect(closed).toBe(true);
  });

  it('hands the WebCrypto step to a rawSigner when given one, as the page does with its workers', async () => {
    const seen: string[] = [];
    const rawSigner: RawSigner = async (data, privateKey, hash) => {
      seen.push(new TextDecoder().decode(data));
      return crypto.subtle.sign(
        signatureParams(privateKey.type, hash),
        privateKey.cryptoKeys[hash] as CryptoKey,
        data,
      );
    };
    const input = urls(20);
    const results = await collect(signUrls(input, { ...options(), rawSigner }));
    expect(seen).toHaveLength(20);
    const trustedKeys = { K2ECDSATEST: key.publicKey };
    for (const result of results) {
      if (!result.ok) throw result.error;
      expect(seen[result.index]).toBe(result.signed.policy);
      const verdict = await evaluateRequest({ url: result.signed.url, now: 0, trustedKeys });
      expect(verdict.allowed).toBe(true);
    }
  });

  it('signs a shared custom policy once and reuses the signature for every line it covers', async () => {
    let calls = 0;
    const rawSigner: RawSigner = (data, privateKey, hash) => {
      calls++;
      return crypto.subtle.sign(
        signatureParams(privateKey.type, hash),
        privateKey.cryptoKeys[hash] as CryptoKey,
        data,
      );
    };
    const results = await collect(
      signUrls(urls(50), { ...options(), policyResource: 'https://d1.example.net/*', rawSigner }),
    );
    expect(calls).toBe(1);
    const trustedKeys = { K2ECDSATEST: key.publicKey };
    for (const result of results) {
      if (!result.ok) throw result.error;
      expect((await evaluateRequest({ url: result.signed.url, now: 0, trustedKeys })).allowed).toBe(
        true,
      );
    }
  });

  it('stops at once when cancelled while a stream is waiting for its next line', async () => {
    const controller = new AbortController();
    async function* stuck() {
      yield 'https://d1.example.net/first.mp4';
      await new Promise(() => {}); // the next line never comes
    }
    const seen: number[] = [];
    const run = (async () => {
      for await (const result of signUrls(stuck(), { ...options(), signal: controller.signal }))
        seen.push(result.index);
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const error = await run.catch((caught: unknown) => caught);
    expect((error as SignetError).code).toBe('ERR_ABORTED');
    expect(seen).toEqual([0]);
  });

  it('refuses a concurrency that is not a whole number, and a single string instead of a list', async () => {
    for (const concurrency of [Number.NaN, 0, 1.5, -3]) {
      const error = await collect(signUrls(urls(2), { ...options(), concurrency })).catch(
        (caught: unknown) => caught,
      );
      expect((error as SignetError).code, String(concurrency)).toBe('ERR_BATCH_INPUT');
    }
    const error = await collect(
      signUrls('https://d1.example.net/a' as unknown as string[], options()),
    ).catch((caught: unknown) => caught);
    expect((error as SignetError).code).toBe('ERR_BATCH_INPUT');
    expect((error as SignetError).message).toMatch(/use signUrl for one URL/);
  });

  it('reports a failing signing step as ERR_SIGNING_FAILED, not as a bad URL', async () => {
    const rawSigner: RawSigner = () => Promise.reject(new Error('worker crashed'));
    const [first] = await collect(signUrls(urls(1), { ...options(), rawSigner }));
    expect(first?.ok).toBe(false);
    if (first && !first.ok)
      expect([first.error.code, first.error.message]).toEqual([
        'ERR_SIGNING_FAILED',
        'The signature could not be made: worker crashed',
      ]);
  });

  it('stops when cancelled, with ERR_ABORTED', async () => {
    const controller = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const _ of signUrls(urls(1000), {
        ...options(),
        signal: controller.signal,
        concurrency: 4,
      })) {
        if (++seen === 5) controller.abort();
      }
    };
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignetError);
    expect((error as SignetError).code).toBe('ERR_ABORTED');
    expect(seen).toBe(5);
  });

  it('fails at once, before any URL, when the shared options are wrong', async () => {
    const error = await collect(signUrls(urls(3), { ...options(), dateLessThan: 'never' })).catch(
      (caught: unknown) => caught,
    );
    expect((error as SignetError).code).toBe('ERR_TIME_INVALID');
  });
});
