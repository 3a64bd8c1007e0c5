import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/**
 * The budget for the whole page (core, Lit, app with its worker pool, styles, CSP), gzipped at
 * level 9. Issue 7 asks for 40 KiB; the page is 48.1 KiB (49,217 bytes) when this was set, and
 * the core alone is about 28 KiB of it (key import about 13.6, inspect 5.5, policy 3.9, signing
 * 3.4), Lit about 6 and the app about 14, most of it features. 40 KiB is out of reach without
 * cutting the core (its messages alone are 4.7 KiB); a page on lit-html without LitElement would
 * save 2.1 more. Lower this as the page shrinks.
 */
const BUDGET_BYTES = 52.25 * 1024;

// Issue 12 (security) added about 2 KiB to the core in the page: the shared rule for showing values
// and spotting key material, the refusals of URLs a browser would change, cookie attribute checks,
// and a SignetError for any bad argument (49,363 bytes before, 51,370 after). Issue 13 (the page as
// a workbench) added about 3 KiB more (design tokens and the workbench layout, the key bar,
// coloured parts with their legend, results that count down and sign again when copied, Inspect's
// link back and Edit and sign again, grouped batch refusals, the input guard and the page's own
// words; the page left LitElement for a small base element on lit-html, src/app/lib/element.ts,
// 2.2 KiB less: 54,323 bytes), and issue 14 the signet serve command in Set up: 54,622 bytes.
// Issue 13 allows at most 4 KiB over the 49,408 the round started at (53,504 bytes, this budget),
// so 1,454 bytes were cut without removing a feature, message or test, to 53,168 bytes (51.9 KiB):
// the CSS together in the bundle, imported first (286); rolldown's inlineConst and DER tags and
// wildcard sections as plain constants (404); AES-192 in fewer bytes (184); short CSS custom
// property names at build (134); the page's times from the core's relative time and isoTime (130);
// evaluateRequest without verifySignature's second argument check (85); the views' first property
// values in the base element (50); smaller cuts in base64, wildcard matching, dead CSS and a few
// messages in fewer words (181).
test('dist/index.html is at most 52.25 KiB (53,504 bytes) gzipped', () => {
  const page = readFileSync(resolve(import.meta.dirname, '../../dist/index.html'));
  const gzipped = gzipSync(page, { level: 9 }).length;
  test.info().annotations.push({
    type: 'size',
    description: `${page.length} bytes, ${gzipped} gzipped (budget ${BUDGET_BYTES})`,
  });
  expect(gzipped, `${gzipped} bytes gzipped`).toBeLessThanOrEqual(BUDGET_BYTES);
});
