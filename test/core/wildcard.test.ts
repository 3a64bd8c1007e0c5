import { describe, expect, it } from 'vitest';
import { matchResource, readingFor } from '../../src/core/inspect/wildcard.ts';

const D = 'https://d111111abcdef8.cloudfront.net';

/** [resource, request URL, matches?] — the documented examples first, then each section rule. */
const table: [string, string, boolean][] = [
  // CloudFront Developer Guide, "Values that you specify in the policy statement" (custom policy).
  [`${D}/*game_download.zip*`, `${D}/game_download.zip`, true],
  [`${D}/*game_download.zip*`, `${D}/example_game_download.zip?license=yes`, true],
  [`${D}/*game_download.zip*`, `${D}/test_game_download.zip?license=temp`, true],
  [`${D}/*game_download.zip*`, `${D}/game_download.txt`, false],
  [`${D}/training/*`, `${D}/training/orientation.avi`, true],
  [`${D}/training/*`, `${D}/training/2026/orientation.avi`, true],
  // * alone matches everything.
  ['*', 'http://anything.example.org/x?y=z', true],
  // A trailing * in the path also matches any query.
  [`${D}/images/*`, `${D}/images/photo1.jpg?size=large`, true],
  [`${D}/images/*`, `${D}/video/a.mp4`, false],
  // A * inside the path cannot run into the query.
  [`${D}/images/*.jpg`, `${D}/images/a.jpg`, true],
  [`${D}/images/*.jpg`, `${D}/images/a.png?x=.jpg`, false],
  // A * in the domain stays in the domain, unless it is the trailing character.
  ['https://*.example.net/a.jpg', 'https://cdn.example.net/a.jpg', true],
  ['https://*.example.net/a.jpg', 'https://cdn.example.net/x/a.jpg', false],
  [`${D}*`, `${D}/any/path.mp4?and=query`, true],
  // No protocol: the resource starts with * in the domain.
  ['*.example.net/*', 'http://cdn.example.net/a.jpg', true],
  ['*.example.net/*', 'https://cdn.example.org/a.jpg', false],
  ['*://d1.example.net/a.jpg', 'http://d1.example.net/a.jpg', true],
  ['*://d1.example.net/a.jpg', 'https://d1.example.net/a.jpg', true],
  // The protocol must match exactly otherwise.
  ['https://d1.example.net/a.jpg', 'http://d1.example.net/a.jpg', false],
  // ? is exactly one character.
  ['https://d1.example.net/image?.jpg', 'https://d1.example.net/image1.jpg', true],
  ['https://d1.example.net/image?.jpg', 'https://d1.example.net/image12.jpg', false],
  // A resource without a query covers no query, unless it ends with *.
  ['https://d1.example.net/a.jpg', 'https://d1.example.net/a.jpg?x=1', false],
  // Both readings of ? before a query.
  ['https://d1.example.net/a.jpg?size=*', 'https://d1.example.net/a.jpg?size=large', true],
  ['https://d1.example.net/a.jpg\\?size=*', 'https://d1.example.net/a.jpg?size=large', true],
  ['https://d1.example.net/a.jpg\\?size=*', 'https://d1.example.net/a.jpgXsize=large', false],
  ['https://d1.example.net/a.jpg?size=*', 'https://d1.example.net/a.jpgXsize=large', true],
];

describe('wildcard resources, section by section (SPEC.md section 6)', () => {
  for (const [resource, url, matches] of table) {
    it(`${resource} ${matches ? 'covers' : 'does not cover'} ${url}`, () => {
      const result = matchResource(resource, url);
      expect(result.matches).toBe(matches);
      if (!matches) expect(result.explanation).toBeTruthy();
    });
  }

  it('say which reading of ? they used', () => {
    expect(readingFor('https://d1.example.net/a.jpg?x')).toBe('question-mark-wildcard');
    expect(readingFor('https://d1.example.net/a.jpg\\?x')).toBe('escaped-question-mark');
    expect(
      matchResource('https://d1.example.net/a.jpg\\?x=1', 'https://d1.example.net/a.jpg?x=1')
        .reading,
    ).toBe('escaped-question-mark');
  });

  it("explain a path wildcard that cannot reach another folder's name", () => {
    expect(
      matchResource('https://d1.example.net/images/*', 'https://d1.example.net/video/a.mp4')
        .explanation,
    ).toBe("a wildcard in the path cannot reach another folder's name");
  });

  it('explain the other sections in words', () => {
    expect(
      matchResource('https://d1.example.net/a.jpg', 'http://d1.example.net/a.jpg').explanation,
    ).toMatch(/protocol differs/);
    expect(
      matchResource('https://d1.example.net/a.jpg', 'https://d2.example.net/a.jpg').explanation,
    ).toMatch(/domain differs/);
    expect(
      matchResource('https://d1.example.net/a.jpg', 'https://d1.example.net/b.jpg').explanation,
    ).toBe('the path /b.jpg does not match /a.jpg');
    expect(
      matchResource('https://d.net/images/*.jpg', 'https://d.net/images/a.png').explanation,
    ).toBe('the path /images/a.png does not match /images/*.jpg');
    expect(matchResource('https://d.net:443/a', 'https://d.net/a').explanation).toMatch(
      /port written on one side only/,
    );
    expect(matchResource('https://d.net/a\\?x=*', 'https://d.net/abx=1').explanation).toBe(
      'the path /abx=1 does not match /a',
    );
    expect(matchResource('https://d.net/a\\?x=*', 'https://d.net/a').explanation).toBe(
      'the resource expects a query string that the request does not have',
    );
    expect(
      matchResource('https://d.net/a.jpg?size=*', 'https://d.net/a.jpg?width=1').explanation,
    ).toMatch(/query string differs/);
    expect(
      matchResource('https://d1.example.net/a.jpg', 'https://d1.example.net/a.jpg?x=1').explanation,
    ).toMatch(/query string \(\?x=1\) that the resource does not cover; end the resource with \*/);
  });

  it('refuse to work on URLs longer than CloudFront accepts', () => {
    const long = `https://d1.example.net/${'a'.repeat(9000)}`;
    expect(matchResource('https://d1.example.net/*', long)).toMatchObject({ matches: false });
    expect(matchResource('https://d1.example.net/*', long).explanation).toMatch(
      /longer than the 8192 bytes/,
    );
  });

  it('stay fast on patterns built to backtrack', () => {
    const resource = `https://d1.example.net/${'*a'.repeat(30)}`;
    const url = `https://d1.example.net/${'a'.repeat(4000)}b`;
    const started = performance.now();
    expect(matchResource(resource, url).matches).toBe(false);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
