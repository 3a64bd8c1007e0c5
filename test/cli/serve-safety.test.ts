/**
 * Must-show 3 of issue 14: no file outside the served folder is ever served, whatever the path
 * (`..`, `%2e%2e`, `%2f`, backslashes, NUL, symbolic links out, absolute paths, very long paths);
 * malformed HTTP, huge headers and slow clients do not stop the server. Requests are written on
 * raw sockets, byte for byte, because an HTTP client would clean the paths up first.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, scratch } from './cli.ts';
import { KEY_PAIR_ID, PUBLIC_KEY, type ServeProcess, startServe } from './serve-process.ts';

const OUTSIDE = 'TOP-SECRET-OUTSIDE-THE-FOLDER';
const DOTFILE = 'DOTFILE-SECRET';
const PUBLIC = 'public file\n';

/** Writes raw bytes, reads until the server closes or a full response arrives. */
function raw(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(text)}`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\nContent-Length: (\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) {
        socket.end();
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.write(bytes);
  });
}

const get = (port: number, target: string) =>
  raw(port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

describe('signet serve never serves a file outside its folder', () => {
  const folder = scratch('serve-safety');
  let server: ServeProcess;

  beforeAll(async () => {
    requireBuiltCli();
    mkdirSync(folder.path('site/sub'), { recursive: true });
    writeFileSync(folder.path('secret.txt'), OUTSIDE);
    writeFileSync(folder.path('site/public.txt'), PUBLIC);
    writeFileSync(folder.path('site/.env'), DOTFILE);
    writeFileSync(folder.path('site/sub/inner.txt'), PUBLIC);
    symlinkSync('../secret.txt', folder.path('site/link-out'));
    symlinkSync(folder.path('secret.txt'), folder.path('site/absolute-link-out'));
    symlinkSync('..', folder.path('site/dir-out'));
    symlinkSync('public.txt', folder.path('site/link-in'));
    // Only /private/* is restricted, so these requests reach the file layer without a signature.
    server = await startServe([
      folder.path('site'),
      '--trusted-key',
      `${KEY_PAIR_ID}=${PUBLIC_KEY}`,
      '--path-pattern',
      '/private/*',
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  const root = () => folder.dir;
  const attacks: [string, () => string][] = [
    ['.. segments', () => '/../secret.txt'],
    ['.. segments after a folder', () => '/sub/../../secret.txt'],
    ['%2e%2e', () => '/%2e%2e/secret.txt'],
    ['%2E%2E in capitals', () => '/%2E%2E/%2E%2E/secret.txt'],
    ['.%2e mixed', () => '/.%2e/secret.txt'],
    ['%2f inside a segment', () => '/..%2fsecret.txt'],
    ['%2e%2e%2f all encoded', () => '/%2e%2e%2fsecret.txt'],
    ['a backslash', () => '/..\\secret.txt'],
    ['%5c, an encoded backslash', () => '/%5c..%5csecret.txt'],
    ['an encoded NUL', () => '/public.txt%00.html'],
    ['an encoded NUL before ..', () => '/%00/../secret.txt'],
    ['a symbolic link to a file outside', () => '/link-out'],
    ['an absolute symbolic link outside', () => '/absolute-link-out'],
    ['a symbolic link to the parent folder', () => '/dir-out/secret.txt'],
    ['an empty segment (//)', () => '//etc/passwd'],
    ['an absolute path, encoded', () => '/%2fetc%2fpasswd'],
    ['the absolute path of the secret', () => `${root()}/secret.txt`],
    [
      'the absolute path of the secret, encoded',
      () => `/${encodeURIComponent(`${root()}/secret.txt`)}`,
    ],
    ['an absolute-form target with ..', () => 'http://localhost/../secret.txt'],
    ['a dotfile', () => '/.env'],
    ['a dotfile, encoded', () => '/%2eenv'],
    ['a malformed escape', () => '/%E0%A4%A'],
    ['a very long path (4,000 segments)', () => `/${'a/'.repeat(4000)}secret.txt`],
    ['.. 3,000 times', () => `/${'../'.repeat(3000)}secret.txt`],
    ['a path over 8,192 bytes', () => `/${'x/'.repeat(4500)}secret.txt`],
  ];

  for (const [name, target] of attacks) {
    it(`refuses ${name}`, async () => {
      const response = await get(server.port, target());
      expect([400, 404, 414, 431]).toContain(statusOf(response));
      expect(response).not.toContain(OUTSIDE);
      expect(response).not.toContain(DOTFILE);
      expect(response).not.toMatch(/root:.*:0:0:/);
    });
  }

  it('says in the log why each was refused', async () => {
    await server.line(/ GET \/link-out 404 a symbolic link leads outside the served folder$/);
    await server.line(/ 404 the path has an encoded \/ or \\$/);
    await server.line(/ 404 files and folders whose name starts with \. are not served$/);
    await server.line(/ 404 the path has a control character$/);
    await server.line(/ 400 the path has a malformed %-escape$/);
    await server.line(/ 414 the URL is \d+ bytes, over CloudFront's 8192$/);
  });

  it('still serves what is inside, a link inside included', async () => {
    for (const path of ['/public.txt', '/link-in', '/sub/inner.txt', '/sub/../public.txt']) {
      const response = await get(server.port, path);
      expect(statusOf(response), path).toBe(200);
      expect(response.endsWith(PUBLIC), path).toBe(true);
    }
  });
});

describe('malformed HTTP, huge headers and slow clients do not stop signet serve', () => {
  const folder = scratch('serve-robust');
  let server: ServeProcess;

  beforeAll(async () => {
    requireBuiltCli();
    mkdirSync(folder.path('site'), { recursive: true });
    writeFileSync(folder.path('site/public.txt'), PUBLIC);
    server = await startServe([
      folder.path('site'),
      '--trusted-key',
      `${KEY_PAIR_ID}=${PUBLIC_KEY}`,
      '--path-pattern',
      '/private/*',
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  const stillServes = async () => {
    const response = await get(server.port, '/public.txt');
    expect(statusOf(response)).toBe(200);
  };

  const malformed: [string, string | Buffer, number][] = [
    ['garbage instead of a request line', 'GARBAGE\r\n\r\n', 400],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 400],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n', 400],
    ['a NUL in a header value', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n', 400],
    [
      'Content-Length and Transfer-Encoding together (request smuggling)',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
    ],
    [
      'two Content-Length values',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      400,
    ],
    [
      'a bad chunk size',
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n',
      400,
    ],
    ['random bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)), 400],
    [
      'one header of 1 MB',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1 << 20)}\r\n\r\n`,
      431,
    ],
    [
      '2,000 headers',
      `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}\r\n`).join('')}\r\n`,
      431,
    ],
    ['a request line of 200 KB', `GET /${'a'.repeat(200_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
  ];

  for (const [name, bytes, status] of malformed) {
    it(`answers ${name} with ${status} and goes on serving`, async () => {
      const response = await raw(server.port, bytes);
      expect(statusOf(response)).toBe(status);
      await stillServes();
    });
  }

  it('logs malformed requests as one line each, without crashing', async () => {
    await server.line(/ 127\.0\.0\.1 - - 400 malformed HTTP \(HPE_/);
    await server.line(/ 127\.0\.0\.1 - - 431 the headers are too large \(HPE_HEADER_OVERFLOW\)/);
    expect(server.child.exitCode).toBe(null);
  });

  it('keeps answering while 200 slowloris clients trickle their headers, and cuts them off after 10 s', async () => {
    const slow: Socket[] = [];
    const closed = new Set<Socket>();
    for (let i = 0; i < 200; i++) {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.on('close', () => closed.add(socket));
      socket.write('GET /public.txt HTTP/1.1\r\nHost: localhost\r\n');
      slow.push(socket);
    }
    const trickle = setInterval(() => {
      for (const socket of slow) if (!socket.destroyed) socket.write('X-Slow: 1\r\n');
    }, 500);
    try {
      for (let i = 0; i < 10; i++) {
        const started = Date.now();
        await stillServes();
        expect(Date.now() - started).toBeLessThan(2000);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      // Node's headersTimeout (10 s), checked every second, ends each slow connection.
      const deadline = Date.now() + 15_000;
      while (closed.size < slow.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(closed.size).toBe(slow.length);
      await stillServes();
    } finally {
      clearInterval(trickle);
      for (const socket of slow) socket.destroy();
    }
  }, 30_000);
});
