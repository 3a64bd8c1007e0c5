import type { Feature } from './features.ts';

/**
 * One conformance case: a sentence about behaviour, what it needs from the runtime, and a check
 * that throws on failure. Cases use only the public API of the core and standard globals.
 */
export interface ConformanceCase {
  readonly name: string;
  readonly needs?: readonly Feature[];
  run(): Promise<void>;
}

/** The clock every case pins: 2026-11-29T10:00:00Z. */
export const NOW = Date.UTC(2026, 10, 29, 10, 0, 0);
export const D = 'https://d111111abcdef8.cloudfront.net';
export const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
