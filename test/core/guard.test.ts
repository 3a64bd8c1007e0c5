import { describe, expect, it } from 'vitest';
import { matchPathPattern, readPathPattern } from '../../src/core/guard/path-pattern.ts';

// The guard's behaviour is specified by test/conformance/cases/guard.ts, run in every runtime.
describe('cache behavior path patterns', () => {
  const table: [string, string, boolean][] = [
    ['*', '/anything/at/all', true],
    ['/videos/*', '/videos/', true],
    ['/videos/*', '/videos/a/b.ts', true],
    ['/videos/*', '/video/a.ts', false],
    ['videos/*', '/videos/a.ts', true],
    ['*.m3u8', '/live/index.m3u8', true],
    ['*.m3u8', '/live/index.m3u8x', false],
    ['/images/??.jpg', '/images/ab.jpg', true],
    ['/images/??.jpg', '/images/abc.jpg', false],
    ['/a*b*c', '/a__b__c', true],
    ['/a*b*c', '/a__c__b', false],
    ['/*x', '/*yx', true],
    ['/Videos/*', '/videos/a.ts', false],
  ];
  for (const [pattern, path, expected] of table) {
    it(`${pattern} ${expected ? 'covers' : 'does not cover'} ${path}`, () => {
      expect(matchPathPattern(readPathPattern(pattern), path)).toBe(expected);
    });
  }

  it('stays fast on a pattern of many stars against a long path that fails', () => {
    const pattern = readPathPattern(`/${'*a'.repeat(40)}b`);
    const started = performance.now();
    expect(matchPathPattern(pattern, `/${'a'.repeat(8000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
