/**
 * Assertions for the conformance cases. The cases run in runtimes without Vitest (a Worker, a
 * browser tab), so they throw plain Errors whose message says what differed.
 */

import { SignetError, type SignetErrorCode } from '../../src/core/index.ts';

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Strict equality for primitives; equal JSON for arrays and plain objects. */
export function equal(actual: unknown, expected: unknown, what: string): void {
  const same =
    typeof expected === 'object' && expected !== null
      ? show(actual) === show(expected)
      : Object.is(actual, expected);
  if (!same) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function ok(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`${what}: expected true, got ${show(condition)}`);
}

export function matches(text: string | undefined, pattern: RegExp, what: string): void {
  if (typeof text !== 'string' || !pattern.test(text)) {
    throw new Error(`${what}: expected to match ${pattern}, got ${show(text)}`);
  }
}

/** Awaits work that must fail with a SignetError of `code` (and `field`, when given). */
export async function refused(
  work: Promise<unknown> | (() => unknown),
  code: SignetErrorCode,
  what: string,
  field?: string,
): Promise<SignetError> {
  let caught: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof SignetError)) {
    const got = caught === undefined ? 'no error' : String(caught);
    throw new Error(`${what}: expected SignetError ${code}, got ${got}`);
  }
  equal(caught.code, code, `${what}: the error code (${caught.message})`);
  if (field !== undefined) equal(caught.field, field, `${what}: the error field`);
  equal(caught.name, 'SignetError', `${what}: the error name`);
  return caught;
}

/** CloudFront base64 (`-` `_` `~` for `+` `=` `/`) back to bytes, independently of the core. */
export function fromCloudFrontBase64(text: string): Uint8Array {
  const standard = text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');
  return Uint8Array.from(atob(standard), (char) => char.charCodeAt(0));
}

/** The DER body of a PEM block, independently of the core. */
export function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
