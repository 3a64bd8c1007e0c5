/**
 * Must-show 2 of issue 14: the real curl gets, for each 403 code, the status, headers and body
 * that CloudFront sends (src/core/guard/cloudfront-error.ts says where each comes from); links
 * made by `aws cloudfront sign` are accepted (skipped, by name, where no aws is on PATH).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKey, type SigningKey, signCookies, signUrl } from '../../src/core/index.ts';
import { requireBuiltCli, scratch } from './cli.ts';
import {
  DOMAIN,
  FIXTURES,
  KEY_PAIR_ID,
  PRIVATE_KEY,
  PUBLIC_KEY,
  type ServeProcess,
  startServe,
} from './serve-process.ts';

const D = `https://${DOMAIN}`;
const FILE = 'Signet serves this only to signed requests.\n';

interface CurlResult {
  readonly statusLine: string;
  readonly headers: [string, string][];
  readonly body: string;
}

function curl(args: readonly string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', '-i', '--path-as-is', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`curl exited with ${status}: ${err}`));
      const text = Buffer.concat(out).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers = lines.map((line): [string, string] => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon), line.slice(colon + 1).trim()];
      });
      resolve({ statusLine, headers, body: text.slice(split + 4) });
    });
  });
}

const MESSAGES: Record<string, string> = {
  MissingKey: 'Missing Key-Pair-Id query parameter or cookie value',
  InvalidKey: 'Unknown Key',
  MalformedPolicy: 'Malformed Policy',
  MalformedSignature: 'Could not unencode Signature',
  AccessDenied: 'Access denied',
};

/** What CloudFront sends, header by header in its order, for a refused signed request. */
function expectCloudFront403(result: CurlResult, code: string, head = false): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${MESSAGES[code]}</Message></Error>`;
  expect(result.statusLine).toBe('HTTP/1.1 403 Forbidden');
  expect(result.headers.map(([name]) => name)).toEqual([
    'Server',
    'Date',
    'Content-Type',
    'Content-Length',
    'Connection',
    'X-Cache',
    'Via',
    'X-Amz-Cf-Pop',
    'X-Amz-Cf-Id',
  ]);
  const value = Object.fromEntries(result.headers);
  expect(value.Server).toBe('CloudFront');
  expect(value.Date).toMatch(
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/,
  );
  expect(Math.abs(Date.parse(value.Date as string) - Date.now())).toBeLessThan(60_000);
  expect(value['Content-Type']).toBe('text/xml');
  expect(value['Content-Length']).toBe(String(body.length));
  expect(value.Connection).toBe('keep-alive');
  expect(value['X-Cache']).toBe('Error from cloudfront');
  expect(value.Via).toMatch(/^1\.1 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
  expect(value['X-Amz-Cf-Pop']).toBe('LOCAL-P1');
  expect(value['X-Amz-Cf-Id']).toMatch(/^[A-Za-z0-9_-]{54}==$/);
  expect(result.body).toBe(head ? '' : body);
}

describe('curl gets CloudFront’s 403 from signet serve, byte for byte', () => {
  const folder = scratch('serve-curl');
  let server: ServeProcess;
  let key: SigningKey;
  const now = () => Math.floor(Date.now() / 1000);
  const local = (url: string) => url.replace(D, server.base);

  beforeAll(async () => {
    requireBuiltCli();
    mkdirSync(folder.path('site/videos'), { recursive: true });
    writeFileSync(folder.path('site/videos/intro.txt'), FILE);
    key = await importPrivateKey(await readFile(PRIVATE_KEY));
    server = await startServe([
      folder.path('site'),
      '--trusted-key',
      `${KEY_PAIR_ID}=${PUBLIC_KEY}`,
      '--domain',
      DOMAIN,
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  const sign = async (options: Record<string, unknown> = {}) =>
    (
      await signUrl({
        url: `${D}/videos/intro.txt`,
        keyPairId: KEY_PAIR_ID,
        privateKey: key,
        dateLessThan: now() + 3600,
        ...options,
      })
    ).url;

  it('MissingKey: no signed URL and no cookies', async () => {
    expectCloudFront403(await curl([`${server.base}/videos/intro.txt`]), 'MissingKey');
    await server.line(/ GET \/videos\/intro\.txt 403 MissingKey: the request carries no signed/);
  });

  it('InvalidKey: a key pair ID outside the trusted key group', async () => {
    const url = (await sign({ keyPairId: 'KUNTRUSTED0001' })).replace(D, server.base);
    expectCloudFront403(await curl([url]), 'InvalidKey');
    await server.line(/403 InvalidKey: the key pair ID KUNTRUSTED0001 is not one of the trusted/);
  });

  it('MalformedPolicy: a Policy that is not base64 JSON', async () => {
    const url = local(await sign({ dateGreaterThan: now() - 60 })).replace(
      /Policy=[^&]+/,
      'Policy=bm90IGpzb24_',
    );
    expectCloudFront403(await curl([url]), 'MalformedPolicy');
    await server.line(/403 MalformedPolicy: /);
  });

  it('MalformedSignature: a Signature that is not CloudFront base64', async () => {
    const url = local(await sign()).replace(/Signature=[^&]+/, 'Signature=%21%21%21');
    expectCloudFront403(await curl([url]), 'MalformedSignature');
    await server.line(/403 MalformedSignature: /);
  });

  it('AccessDenied: an expired link, and a HEAD request gets the same headers without the body', async () => {
    const url = local(await sign({ dateLessThan: now() - 120, now: Date.now() - 3600_000 }));
    expectCloudFront403(await curl([url]), 'AccessDenied');
    expectCloudFront403(await curl(['-I', url]), 'AccessDenied', true);
    await server.line(/ HEAD \/videos\/intro\.txt 403 AccessDenied: expired 2 minutes ago at /);
  });

  it('AccessDenied: signed cookies for another folder', async () => {
    const { cookies } = await signCookies({
      resource: `${D}/other/*`,
      keyPairId: KEY_PAIR_ID,
      privateKey: key,
      dateLessThan: now() + 3600,
    });
    const header = Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    expectCloudFront403(
      await curl(['-b', header, `${server.base}/videos/intro.txt`]),
      'AccessDenied',
    );
    await server.line(
      /403 AccessDenied: resource https:\/\/d111111abcdef8\.cloudfront\.net\/other\/\* does not match/,
    );
  });

  it('a valid signed URL gets the file, with CloudFront’s Miss headers, and the log never holds the Signature', async () => {
    const signed = local(await sign());
    const result = await curl([signed]);
    expect(result.statusLine).toBe('HTTP/1.1 200 OK');
    expect(result.body).toBe(FILE);
    expect(Object.fromEntries(result.headers)['X-Cache']).toBe('Miss from cloudfront');
    await server.line(/ GET \/videos\/intro\.txt 200 \(signed URL\)$/);
    const signature = /Signature=([^&]+)/.exec(signed)?.[1] as string;
    expect(server.lines.join('\n')).not.toContain(signature);
    expect(server.lines.join('\n')).not.toMatch(/[?&](Signature|Policy|Expires)=/);
  });
});

const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const awsVersion = probe.status === 0 ? `${probe.stdout}${probe.stderr}`.trim() : undefined;
const skipReason = awsVersion ? '' : ' (skipped: no aws on PATH)';

function awsSign(args: readonly string[]): string {
  const result = spawnSync('aws', ['cloudfront', 'sign', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`aws cloudfront sign failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe(`links made by aws cloudfront sign are accepted by signet serve${skipReason}`, () => {
  const folder = scratch('serve-aws');
  let server: ServeProcess;
  const common = [
    '--key-pair-id',
    KEY_PAIR_ID,
    // PKCS#1: the one private key form that every AWS CLI version reads.
    '--private-key',
    `file://${FIXTURES}rsa-2048-pkcs1.pem`,
  ];
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 19);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19);

  beforeAll(async () => {
    if (!awsVersion) return;
    requireBuiltCli();
    mkdirSync(folder.path('site/videos'), { recursive: true });
    writeFileSync(folder.path('site/videos/intro.txt'), FILE);
    server = await startServe([
      folder.path('site'),
      '--trusted-key',
      `${KEY_PAIR_ID}=${PUBLIC_KEY}`,
      '--domain',
      DOMAIN,
    ]);
    console.log(`signet serve against ${awsVersion}`);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  it.skipIf(!awsVersion)('a canned link is allowed', async () => {
    const url = awsSign([
      '--url',
      `${D}/videos/intro.txt`,
      ...common,
      '--date-less-than',
      tomorrow,
    ]);
    expect(url).toMatch(/[?&]Expires=/);
    const result = await curl([url.replace(D, server.base)]);
    expect(result.statusLine).toBe('HTTP/1.1 200 OK');
    expect(result.body).toBe(FILE);
  });

  it.skipIf(!awsVersion)(
    'a custom link with a start time and the viewer’s IP range is allowed; another range is refused',
    async () => {
      const custom = (range: string) =>
        awsSign([
          '--url',
          `${D}/videos/intro.txt`,
          ...common,
          '--date-less-than',
          tomorrow,
          '--date-greater-than',
          yesterday,
          '--ip-address',
          range,
        ]).replace(D, server.base);
      const allowed = await curl([custom('127.0.0.0/8')]);
      expect(allowed.statusLine).toBe('HTTP/1.1 200 OK');
      expect(allowed.body).toBe(FILE);
      expectCloudFront403(await curl([custom('192.0.2.0/24')]), 'AccessDenied');
      await server.line(/403 AccessDenied: viewer 127\.0\.0\.1 is outside 192\.0\.2\.0\/24/);
    },
  );
});
