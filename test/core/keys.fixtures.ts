/** Shared by the keys*.test.ts files: fixture access, openssl, and error assertions. */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { SignetError, type SignetErrorCode } from '../../src/core/errors.ts';

/** The passphrase of every encrypted fixture; generate.sh uses the same. */
export const PASSPHRASE = 'correct horse battery staple';

const FIXTURES = fileURLToPath(new URL('../fixtures/keys/', import.meta.url));
const VECTORS = fileURLToPath(new URL('../vectors/aws/keys/', import.meta.url));

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function vectorPath(name: string): string {
  return join(VECTORS, name);
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

/** Runs a command and returns stdout; a failure fails the test with the command's stderr. */
export function run(command: string, args: readonly string[], input?: Uint8Array | string): string {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
  }
  return result.stdout;
}

export function openssl(...args: string[]): string {
  return run('openssl', args);
}

/** A fresh temporary folder, removed by the returned function. */
export function temporaryFolder(): { path: (name: string) => string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'signet-keys-'));
  return {
    path: (name) => join(folder, name),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** WebCrypto ECDSA signatures are r‖s; OpenSSL wants DER (RFC 3279 2.2.3). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const body = (trimmed[0] as number) & 0x80 ? [0, ...trimmed] : [...trimmed];
    return [0x02, body.length, ...body];
  };
  const content = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return Uint8Array.from([0x30, content.length, ...content]);
}

/** Verifies `signature` over `data` with `openssl dgst`, given a public key PEM. */
export function opensslVerifies(
  publicKeyPem: string,
  hash: 'sha1' | 'sha256',
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const folder = temporaryFolder();
  try {
    writeFileSync(folder.path('public.pem'), publicKeyPem);
    writeFileSync(folder.path('data'), data);
    writeFileSync(folder.path('signature'), signature);
    const result = spawnSync(
      'openssl',
      [
        'dgst',
        `-${hash}`,
        '-verify',
        folder.path('public.pem'),
        '-signature',
        folder.path('signature'),
        folder.path('data'),
      ],
      { encoding: 'utf8' },
    );
    return result.status === 0 && result.stdout.includes('Verified OK');
  } finally {
    folder.remove();
  }
}

/** Awaits a promise that must reject with a SignetError of `code`, and returns the error. */
export async function refusal(
  promise: Promise<unknown>,
  code: SignetErrorCode,
): Promise<SignetError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(SignetError);
  const error = caught as SignetError;
  expect(error.code, error.message).toBe(code);
  expect(error.name).toBe('SignetError');
  return error;
}
