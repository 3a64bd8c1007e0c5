import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPATIBILITY_DATE } from '../conformance/runtimes.ts';
import {
  DOMAIN,
  expectValidCookies,
  expectValidSignedUrl,
  KEY_PAIR_ID,
  PRIVATE_KEY,
  ROOT,
  readmeExample,
} from './support.ts';

const source = resolve(import.meta.dirname, 'cloudflare-worker.js');
const outDir = resolve(ROOT, 'test-results/examples');
let miniflare: Miniflare;

beforeAll(async () => {
  expect(existsSync(resolve(ROOT, 'dist/lib/core/index.js')), 'run npm run build:lib first').toBe(
    true,
  );
  // As wrangler would: one ES module with the library bundled in, 'cloudfront-signet' resolved
  // like any installed package (here, the package itself through its exports map).
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      lib: { entry: source, formats: ['es'], fileName: () => 'cloudflare-worker.mjs' },
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
    },
  });
  miniflare = new Miniflare({
    modules: true,
    scriptPath: resolve(outDir, 'cloudflare-worker.mjs'),
    compatibilityDate: COMPATIBILITY_DATE,
    // Secrets and vars are both plain text bindings on env.
    bindings: {
      CLOUDFRONT_PRIVATE_KEY: PRIVATE_KEY,
      CLOUDFRONT_KEY_PAIR_ID: KEY_PAIR_ID,
      CLOUDFRONT_DOMAIN: DOMAIN,
    },
  });
  await miniflare.ready;
}, 60_000);

afterAll(async () => {
  await miniflare?.dispose();
});

describe('the Cloudflare Worker example, in workerd', () => {
  it('bundles the library from the package, not from the sources', () => {
    const bundled = readFileSync(resolve(outDir, 'cloudflare-worker.mjs'), 'utf8');
    expect(bundled).not.toMatch(/from ['"]cloudfront-signet['"]/);
    expect(bundled).toContain('dist/lib/core/');
  });

  it('answers GET /url/… with a signed URL that CloudFront (emulated) and openssl accept', async () => {
    const response = await miniflare.dispatchFetch(
      'https://signer.example.com/url/videos/intro.mp4',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { url } = (await response.json()) as { url: string };
    await expectValidSignedUrl(url, `https://${DOMAIN}/videos/intro.mp4`);
  });

  it('answers GET /cookies/… with Set-Cookie headers that unlock that folder only', async () => {
    const response = await miniflare.dispatchFetch('https://signer.example.com/cookies/videos/');
    expect(response.status).toBe(204);
    await expectValidCookies(
      response.headers.getSetCookie(),
      '/videos/',
      `https://${DOMAIN}/videos/2026/intro.mp4`,
      `https://${DOMAIN}/images/logo.png`,
    );
  });

  it('answers anything else with 404', async () => {
    const response = await miniflare.dispatchFetch('https://signer.example.com/');
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  const shown = readmeExample('cloudflare-worker');
  it.skipIf(shown === undefined)('is the README’s Worker example, byte for byte', () => {
    expect(shown).toBe(readFileSync(source, 'utf8'));
  });
});
