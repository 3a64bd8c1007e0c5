import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DOMAIN,
  expectValidCookies,
  expectValidSignedUrl,
  KEY_PAIR_ID,
  PRIVATE_KEY,
  ROOT,
  readmeExample,
} from './support.ts';

type Handler = (event: unknown) => Promise<{
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  cookies?: string[];
}>;

/** An API Gateway HTTP API (payload format 2.0) event, trimmed to what a handler usually reads. */
function httpApiEvent(rawPath: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { host: 'api.example.com' },
    requestContext: {
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.7' },
      stage: '$default',
    },
    isBase64Encoded: false,
  };
}

const source = resolve(import.meta.dirname, 'aws-lambda.mjs');
let handler: Handler;

beforeAll(async () => {
  // It imports 'cloudfront-signet' as a user would: the package's own built entry (npm run build:lib).
  expect(existsSync(resolve(ROOT, 'dist/lib/core/index.js')), 'run npm run build:lib first').toBe(
    true,
  );
  vi.stubEnv('CLOUDFRONT_PRIVATE_KEY', PRIVATE_KEY);
  vi.stubEnv('CLOUDFRONT_KEY_PAIR_ID', KEY_PAIR_ID);
  vi.stubEnv('CLOUDFRONT_DOMAIN', DOMAIN);
  // A plain .mjs file, exactly as it would be deployed; its types are the Handler above.
  const example = './aws-lambda.mjs';
  ({ handler } = (await import(example)) as { handler: Handler });
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('the AWS Lambda example (API Gateway HTTP API)', () => {
  it('answers GET /url/… with a signed URL that CloudFront (emulated) and openssl accept', async () => {
    const response = await handler(httpApiEvent('/url/videos/intro.mp4'));
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json' });
    const { url } = JSON.parse(response.body ?? '{}');
    await expectValidSignedUrl(url, `https://${DOMAIN}/videos/intro.mp4`);
  });

  it('answers GET /cookies/… with a cookies array that unlocks that folder only', async () => {
    const response = await handler(httpApiEvent('/cookies/videos'));
    expect(response.statusCode).toBe(204);
    await expectValidCookies(
      response.cookies ?? [],
      '/videos/',
      `https://${DOMAIN}/videos/2026/intro.mp4`,
      `https://${DOMAIN}/images/logo.png`,
    );
  });

  it('answers anything else with 404', async () => {
    expect((await handler(httpApiEvent('/'))).statusCode).toBe(404);
  });

  const shown = readmeExample('aws-lambda');
  it.skipIf(shown === undefined)('is the README’s Lambda example, byte for byte', () => {
    expect(shown).toBe(readFileSync(source, 'utf8'));
  });
});
