/**
 * signet serve as a user meets it: its options, the folder it serves (ranges, validators, 304,
 * 416, index.html, content types), the proxy (streamed both ways, signing parameters taken out),
 * its log lines and a clean stop on Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPrivateKey, type SigningKey, signUrl } from '../../src/core/index.ts';
import { requireBuiltCli, scratch, signet } from './cli.ts';
import {
  DOMAIN,
  KEY_PAIR_ID,
  PRIVATE_KEY,
  PUBLIC_KEY,
  type ServeProcess,
  startServe,
} from './serve-process.ts';

const TRUST = ['--trusted-key', `${KEY_PAIR_ID}=${PUBLIC_KEY}`];
const D = `https://${DOMAIN}`;
let key: SigningKey;

async function signedPath(path: string, options: Record<string, unknown> = {}): Promise<string> {
  const { url } = await signUrl({
    url: `${D}${path}`,
    keyPairId: KEY_PAIR_ID,
    privateKey: key,
    dateLessThan: Math.floor(Date.now() / 1000) + 3600,
    ...options,
  });
  return url.slice(D.length);
}

beforeAll(async () => {
  requireBuiltCli();
  key = await importPrivateKey(await readFile(PRIVATE_KEY));
});

describe('signet serve: options', () => {
  it('--help shows every option, and signet --help lists the command', async () => {
    const help = await signet(['serve', '--help']);
    expect(help.status).toBe(0);
    for (const flag of [
      '--trusted-key',
      '--origin',
      '--domain',
      '--path-pattern',
      '--viewer-ip',
      '--port',
      '--host',
      '--json',
    ]) {
      expect(help.stdout).toContain(flag);
    }
    expect((await signet(['--help'])).stdout).toMatch(
      /\n {2}serve +a local server with CloudFront's signed URL/,
    );
  });

  const folder = scratch('serve-options');
  afterAll(folder.remove);
  const cases: [string, string[], number, RegExp][] = [
    ['no folder and no origin', [...TRUST], 2, /give a folder to serve, or --origin URL/],
    [
      'both a folder and an origin',
      ['.', '--origin', 'http://localhost:1', ...TRUST],
      2,
      /one of them/,
    ],
    ['no trusted key', ['.'], 2, /give the trusted keys: --trusted-key ID=PUBLIC_KEY/],
    [
      'a trusted key without its ID',
      ['.', '--trusted-key', PUBLIC_KEY],
      2,
      /--trusted-key takes ID=PUBLIC_KEY/,
    ],
    [
      'a key pair ID that is not one',
      ['.', '--trusted-key', `k-1=${PUBLIC_KEY}`],
      4,
      /the key pair ID "k-1" is not one/,
    ],
    [
      'a key file that is not a key',
      ['.', '--trusted-key', `K1=${import.meta.filename}`],
      3,
      /--public-key/,
    ],
    [
      'a folder that does not exist',
      ['/no/such/folder', ...TRUST],
      5,
      /is not a folder that can be read/,
    ],
    [
      'a domain with a path',
      ['.', ...TRUST, '--domain', 'https://d1.example.net/x'],
      4,
      /Invalid value for --domain: The domain name must be/,
    ],
    [
      'a path pattern with a space',
      ['.', ...TRUST, '--path-pattern', '/a b'],
      4,
      /Invalid value for --path-pattern/,
    ],
    [
      'a bad viewer IP source',
      ['.', ...TRUST, '--viewer-ip', 'header'],
      4,
      /give socket, x-forwarded-for or one IP address/,
    ],
    [
      'an origin that is not http',
      ['--origin', 'ftp://x', ...TRUST],
      4,
      /is not an http:\/\/ or https:\/\/ URL/,
    ],
  ];
  for (const [name, args, status, message] of cases) {
    it(`refuses ${name} (exit ${status}) with one line`, async () => {
      const run = await signet(['serve', ...args], { cwd: folder.dir, timeout: 20_000 });
      expect(run.status, run.stderr).toBe(status);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});

describe('signet serve: a folder', () => {
  const folder = scratch('serve-folder');
  let server: ServeProcess;
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

  beforeAll(async () => {
    mkdirSync(folder.path('site/hls'), { recursive: true });
    writeFileSync(folder.path('site/index.html'), '<!doctype html><title>home</title>');
    writeFileSync(folder.path('site/hls/index.m3u8'), '#EXTM3U\n');
    writeFileSync(folder.path('site/hls/seg-0.ts'), bytes);
    server = await startServe([
      folder.path('site'),
      ...TRUST,
      '--domain',
      DOMAIN,
      '--path-pattern',
      '/hls/*',
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  const fetchSigned = async (path: string, init: RequestInit = {}) =>
    fetch(`${server.base}${await signedPath(path)}`, init);

  it('serves the file with its type, length, ETag, Last-Modified and Accept-Ranges', async () => {
    const response = await fetchSigned('/hls/seg-0.ts');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('video/mp2t');
    expect(response.headers.get('Content-Length')).toBe('1000');
    expect(response.headers.get('Accept-Ranges')).toBe('bytes');
    expect(response.headers.get('ETag')).toMatch(/^"3e8-[0-9a-f]+"$/);
    expect(response.headers.get('Last-Modified')).toMatch(/ GMT$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    const playlist = await fetchSigned('/hls/index.m3u8');
    expect(playlist.headers.get('Content-Type')).toBe('application/vnd.apple.mpegurl');
  });

  it('answers byte ranges with 206 and Content-Range, a suffix range too', async () => {
    const first = await fetchSigned('/hls/seg-0.ts', { headers: { Range: 'bytes=10-19' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('Content-Range')).toBe('bytes 10-19/1000');
    expect([...new Uint8Array(await first.arrayBuffer())]).toEqual([...bytes.subarray(10, 20)]);
    const last = await fetchSigned('/hls/seg-0.ts', { headers: { Range: 'bytes=-5' } });
    expect(last.headers.get('Content-Range')).toBe('bytes 995-999/1000');
    const open = await fetchSigned('/hls/seg-0.ts', { headers: { Range: 'bytes=990-' } });
    expect((await open.arrayBuffer()).byteLength).toBe(10);
  });

  it('answers a range past the end with 416 and bytes */size', async () => {
    const response = await fetchSigned('/hls/seg-0.ts', { headers: { Range: 'bytes=1000-' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe('bytes */1000');
  });

  it('answers If-None-Match and If-Modified-Since with 304; a changed If-Range gets the whole file', async () => {
    const first = await fetchSigned('/hls/seg-0.ts');
    const etag = first.headers.get('ETag') as string;
    const modified = first.headers.get('Last-Modified') as string;
    expect(
      (await fetchSigned('/hls/seg-0.ts', { headers: { 'If-None-Match': `W/${etag}` } })).status,
    ).toBe(304);
    expect(
      (await fetchSigned('/hls/seg-0.ts', { headers: { 'If-Modified-Since': modified } })).status,
    ).toBe(304);
    expect(
      (await fetchSigned('/hls/seg-0.ts', { headers: { 'If-None-Match': '"other"' } })).status,
    ).toBe(200);
    const stale = await fetchSigned('/hls/seg-0.ts', {
      headers: { Range: 'bytes=0-0', 'If-Range': '"old"' },
    });
    expect(stale.status).toBe(200);
  });

  it('answers HEAD with the headers only, and other methods with 405', async () => {
    const head = await fetchSigned('/hls/seg-0.ts', { method: 'HEAD' });
    expect([head.status, head.headers.get('Content-Length')]).toEqual([200, '1000']);
    const post = await fetchSigned('/hls/seg-0.ts', { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('Allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('serves index.html for the folder, unrestricted outside the path patterns', async () => {
    const home = await fetch(`${server.base}/`);
    expect([home.status, await home.text()]).toEqual([200, '<!doctype html><title>home</title>']);
    const hls = await fetch(`${server.base}/hls`, { redirect: 'manual' });
    expect([hls.status, hls.headers.get('Location')]).toEqual([301, '/hls/']);
  });

  it('makes control characters from a request visible in its log line (a C1 CSI, a tab)', async () => {
    const socket = connect(server.port, '127.0.0.1');
    socket.write(
      Buffer.concat([
        Buffer.from('GET /hls/seg-0.ts?v=csi HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n'),
        Buffer.from(
          'Cookie: CloudFront-Key-Pair-Id=K\x9b31m\tX; CloudFront-Expires=1\r\n\r\n',
          'latin1',
        ),
      ]),
    );
    await new Promise((resolve) => socket.on('close', resolve).resume());
    const line = await server.line(/\?v=csi 403 InvalidKey/);
    expect(line).toContain('the key pair ID "K\\x9b31m\\x09X" is not one of the trusted keys');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be absent.
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('logs one line per request, with signed URL or cookies named, and CloudFront’s code for a 403', async () => {
    await fetch(`${server.base}/hls/seg-0.ts?v=1`);
    await server.line(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z 127\.0\.0\.1 GET \/hls\/seg-0\.ts\?v=1 403 MissingKey: /,
    );
    await server.line(/ GET \/hls\/seg-0\.ts 206 \(signed URL\)$/);
    await server.line(/ GET \/ 200$/);
  });
});

describe('signet serve: a proxy to an origin, with --json', () => {
  let origin: Server;
  let server: ServeProcess;
  const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let release: () => void = () => {};

  beforeAll(async () => {
    origin = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ url: request.url ?? '', headers: request.headers, body });
        if (request.url?.endsWith('/stream')) {
          // The first half now; the rest only once the viewer has it: proof that nothing is buffered.
          response.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'] });
          response.write('first half;');
          release = () => response.end('second half');
          return;
        }
        response.writeHead(201, { 'Content-Type': 'application/json', 'X-Origin': 'yes' });
        response.end(JSON.stringify({ url: request.url }));
      });
    });
    origin.listen(0, '127.0.0.1');
    await new Promise((resolve) => origin.once('listening', resolve));
    const port = (origin.address() as AddressInfo).port;
    server = await startServe([
      '--origin',
      `http://127.0.0.1:${port}/app`,
      ...TRUST,
      '--domain',
      DOMAIN,
      '--path-pattern',
      '/media/*',
      '--viewer-ip',
      'x-forwarded-for',
      '--json',
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    origin?.close();
  });

  it('passes an allowed request on with the origin path, without signing parameters, and the viewer in X-Forwarded-For', async () => {
    const path = await signedPath('/media/a.json?x=1');
    const response = await fetch(`${server.base}${path}`, {
      method: 'POST',
      body: 'payload',
      headers: { 'X-Forwarded-For': '203.0.113.9', Cookie: 'session=abc' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('X-Origin')).toBe('yes');
    expect(response.headers.get('X-Cache')).toBe('Miss from cloudfront');
    const request = seen.at(-1);
    expect(request?.url).toBe('/app/media/a.json?x=1');
    expect(request?.body).toBe('payload');
    expect(request?.headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(request?.headers['x-forwarded-for']).toBe('203.0.113.9, 203.0.113.9');
    expect(request?.headers.cookie).toBe('session=abc');
  });

  it('streams the origin’s answer as it comes, Set-Cookie lines kept apart', async () => {
    const response = await fetch(`${server.base}/stream`, {
      headers: { 'X-Forwarded-For': '203.0.113.9' },
    });
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('first half;');
    release();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value);
    }
    expect(rest).toBe('second half');
  });

  it('refuses a restricted path without a signature before the origin sees it, and logs JSON', async () => {
    const before = seen.length;
    const response = await fetch(`${server.base}/media/b.json`, {
      headers: { 'X-Forwarded-For': '198.51.100.4' },
    });
    expect(response.status).toBe(403);
    expect(seen.length).toBe(before);
    const line = await server.line(/"path":"\/media\/b\.json"/);
    expect(JSON.parse(line)).toMatchObject({
      viewerIp: '198.51.100.4',
      method: 'GET',
      path: '/media/b.json',
      status: 403,
      code: 'MissingKey',
      reason: 'the request carries no signed URL parameters and no CloudFront-* cookies',
    });
  });

  it('writes a C1 control from a request made visible in its JSON line, never raw', async () => {
    const socket = connect(server.port, '127.0.0.1');
    socket.write(
      Buffer.from(
        'GET /media/c1.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n' +
          'X-Forwarded-For: 198.51.100.4\r\nCookie: CloudFront-Key-Pair-Id=K\x9b31mX; CloudFront-Expires=1\r\n\r\n',
        'latin1',
      ),
    );
    await new Promise((resolve) => socket.on('close', resolve).resume());
    const line = await server.line(/"path":"\/media\/c1\.json"/);
    expect(JSON.parse(line).reason).toContain('the key pair ID "K\\x9b31mX" is not one');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be absent.
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('answers 400 when X-Forwarded-For is asked for and missing', async () => {
    const response = await fetch(`${server.base}/media/c.json`);
    expect(response.status).toBe(400);
    await server.line(/"reason":"there is no X-Forwarded-For header/);
  });
});

describe('signet serve stops cleanly', () => {
  const folder = scratch('serve-stop');
  afterAll(folder.remove);

  it('on Ctrl-C (SIGINT): says so on stderr and exits 130', async () => {
    mkdirSync(folder.path('site'), { recursive: true });
    writeFileSync(folder.path('site/a.txt'), 'a');
    const server = await startServe([
      folder.path('site'),
      ...TRUST,
      '--path-pattern',
      '/private/*',
    ]);
    expect((await fetch(`${server.base}/a.txt`)).status).toBe(200);
    // A keep-alive connection left open must not keep the server from stopping.
    expect(await server.stop('SIGINT')).toBe(130);
    expect(server.stderr()).toMatch(/signet: stopped \(SIGINT\) after 1 request\n$/);
    await expect(fetch(`${server.base}/a.txt`)).rejects.toThrow();
  });

  it('on SIGTERM: exits 0', async () => {
    const server = await startServe([folder.path('site'), ...TRUST]);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toMatch(/stopped \(SIGTERM\)/);
  });
});
