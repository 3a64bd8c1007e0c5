import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignetError } from '../../src/core/errors.ts';
import { importPrivateKey, importPublicKey } from '../../src/core/key/import.ts';
import { fixtureBytes, fixtureText, PASSPHRASE, refusal } from './keys.fixtures.ts';

/** Runs an import and checks that it either succeeds or throws a SignetError, nothing else. */
async function onlySignetErrors(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof SignetError)) {
      throw new Error(`threw ${String(error)} instead of a SignetError`, { cause: error });
    }
    expect(error.message.length).toBeGreaterThan(20);
  }
}

async function bothImports(input: string | Uint8Array, passphrase?: string): Promise<void> {
  await onlySignetErrors(() => importPrivateKey(input, passphrase ? { passphrase } : undefined));
  await onlySignetErrors(() => importPublicKey(input));
}

// Fixed seeds keep every run the same; raise numRuns locally to search harder.
const RUNS = { numRuns: 300, seed: 20261129 } as const;

const PEM_FIXTURES = [
  'rsa-2048-pkcs8.pem',
  'rsa-2048-pkcs1.pem',
  'p256-sec1.pem',
  'p256-ecparam.pem',
  'p256-pbes2-sha256-aes192.pem',
  'rsa-2048-encrypted.pem',
  'rsa-2048-public.pem',
  'p256-certificate.pem',
  'openssh-rsa',
  'putty-rsa-v3.ppk',
].map((name) => fixtureText(name));

const DER_FIXTURES = [
  'rsa-2048-pkcs8.der',
  'rsa-2048-pkcs1.der',
  'p256-pkcs8.der',
  'p256-sec1.der',
  'rsa-2048-encrypted.der',
  'rsa-2048-public.der',
  'rsa-2048-certificate.der',
].map((name) => fixtureBytes(name));

/** One edit to a string: replace, delete or insert a character. */
const textEdit = fc.tuple(
  fc.constantFrom('replace', 'delete', 'insert'),
  fc.nat(),
  fc.oneof(
    fc.constantFrom('-', '\n', '=', 'A', '/', ' ', ':', '\\', '\0'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
);

function applyTextEdits(
  text: string,
  edits: readonly (readonly [string, number, string])[],
): string {
  let out = text;
  for (const [kind, position, character] of edits) {
    const at = position % (out.length + 1);
    if (kind === 'replace') out = out.slice(0, at) + character + out.slice(at + 1);
    else if (kind === 'delete') out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + character + out.slice(at);
  }
  return out;
}

/** One edit to bytes: flip bits, delete, insert, or cut the end off. */
const byteEdit = fc.tuple(
  fc.constantFrom('flip', 'delete', 'insert', 'truncate'),
  fc.nat(),
  fc.integer({ min: 1, max: 255 }),
);

function applyByteEdits(
  bytes: Uint8Array,
  edits: readonly (readonly [string, number, number])[],
): Uint8Array {
  let out = Array.from(bytes);
  for (const [kind, position, value] of edits) {
    const at = position % (out.length + 1);
    if (kind === 'flip' && at < out.length) out[at] = (out[at] as number) ^ value;
    else if (kind === 'delete') out.splice(at, 1);
    else if (kind === 'insert') out.splice(at, 0, value);
    else if (kind === 'truncate') out = out.slice(0, at);
  }
  return Uint8Array.from(out);
}

describe('importPrivateKey and importPublicKey throw nothing but SignetError', () => {
  it('for random strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 500, unit: 'binary' }), (text) => bothImports(text)),
      RUNS,
    );
  });

  it('for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          // DER-looking prefixes reach deeper than uniform noise.
          fc
            .uint8Array({ maxLength: 400 })
            .map((tail) => Uint8Array.from([0x30, 0x82, 0x01, 0x00, 0x02, ...tail])),
        ),
        (bytes) => bothImports(bytes),
      ),
      RUNS,
    );
  });

  it('for PEM text with a few characters replaced, deleted or inserted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PEM_FIXTURES),
        fc.array(textEdit, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (pem, edits, withPassphrase) =>
          bothImports(applyTextEdits(pem, edits), withPassphrase ? PASSPHRASE : undefined),
      ),
      RUNS,
    );
  });

  it('for DER with bits flipped, bytes deleted or inserted, or the end cut off', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...DER_FIXTURES),
        fc.array(byteEdit, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (der, edits, withPassphrase) =>
          bothImports(applyByteEdits(der, edits), withPassphrase ? PASSPHRASE : undefined),
      ),
      RUNS,
    );
  });

  it('for values of any type, and options of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (input, options) => {
        await onlySignetErrors(() =>
          importPrivateKey(input as string, options as { passphrase?: string }),
        );
        await onlySignetErrors(() => importPublicKey(input as string));
      }),
      { ...RUNS, numRuns: 200 },
    );
  });
});

describe('oversized input', () => {
  const MiB = 1024 * 1024;

  /** The fastest of a few runs: one GC pause or a busy neighbour must not fail the test. */
  async function fastest(run: () => Promise<unknown>): Promise<number> {
    let best = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 5; attempt++) {
      const started = performance.now();
      await run();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }

  it('refuses a 1 MiB string with ERR_KEY_TOO_LARGE before reading it', async () => {
    const junk = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(MiB)}\n-----END PRIVATE KEY-----\n`;
    const error = await refusal(importPrivateKey(junk), 'ERR_KEY_TOO_LARGE');
    expect(error.message).toContain('This input is 1,048,631 characters');
    expect(error.message).toContain('64 KiB');
    await refusal(importPublicKey(junk), 'ERR_KEY_TOO_LARGE');
    expect(await fastest(() => refusal(importPrivateKey(junk), 'ERR_KEY_TOO_LARGE'))).toBeLessThan(
      50,
    );
  });

  it('refuses 1 MiB of bytes, and its ArrayBuffer, with ERR_KEY_TOO_LARGE', async () => {
    const bytes = new Uint8Array(MiB).fill(0x30);
    const error = await refusal(importPrivateKey(bytes), 'ERR_KEY_TOO_LARGE');
    expect(error.message).toContain('This input is 1,048,576 bytes');
    await refusal(importPrivateKey(bytes.buffer), 'ERR_KEY_TOO_LARGE');
    await refusal(importPublicKey(bytes), 'ERR_KEY_TOO_LARGE');
    expect(await fastest(() => refusal(importPrivateKey(bytes), 'ERR_KEY_TOO_LARGE'))).toBeLessThan(
      50,
    );
  });

  it('accepts a key padded to just under the limit, and refuses one just over it', async () => {
    const pem = fixtureText('p256-pkcs8.pem');
    const padding = '#'.repeat(64 * 1024 - pem.length);
    expect((await importPrivateKey(padding + pem)).type).toBe('ECDSA');
    await refusal(importPrivateKey(`${padding}#${pem}`), 'ERR_KEY_TOO_LARGE');
  });

  it('stays fast on hostile text just under the limit', async () => {
    const size = 64 * 1024 - 64;
    for (const hostile of [
      '-'.repeat(size),
      '\\'.repeat(size),
      `-----BEGIN ${'A '.repeat(size / 2 - 20)}`,
      '-----BEGIN X-----\n'.repeat(size / 18),
      `-----BEGIN PRIVATE KEY-----\nProc-Type:${' '.repeat(size - 60)}x\n-----END PRIVATE KEY-----`,
      `MII${'A'.repeat(size - 10)}:`,
    ]) {
      const started = performance.now();
      await onlySignetErrors(() => importPrivateKey(hostile));
      await onlySignetErrors(() => importPublicKey(hostile));
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
