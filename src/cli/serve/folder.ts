import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentTypeOf } from './content-types.ts';

/** What happened to a request, for the log line. */
export interface Outcome {
  readonly status: number;
  readonly reason?: string;
}

/** Longest path that is looked up at all; longer ones are 404 without touching the disk. */
const MAX_PATH_BYTES = 4096;

/**
 * The file a URL path names inside `root` (already a real path), or why there is none. Nothing
 * outside the folder is ever opened: each percent-decoded segment is refused if it could leave it
 * (`..`, `.`, an encoded `/` or `\`, NUL), and the real path, symbolic links resolved, must still
 * be inside the folder before the file is opened.
 */
export async function resolveInFolder(
  root: string,
  pathname: string,
): Promise<{ file: string; directory: boolean } | Outcome> {
  if (!pathname.startsWith('/')) return { status: 400, reason: 'the path does not start with /' };
  if (pathname.length > MAX_PATH_BYTES) {
    return { status: 404, reason: `the path is longer than ${MAX_PATH_BYTES} bytes` };
  }
  const segments: string[] = [];
  const parts = pathname.slice(1).split('/');
  for (const [index, part] of parts.entries()) {
    // A trailing slash names a folder; an empty segment elsewhere (//etc) names nothing.
    if (part === '' && index === parts.length - 1) break;
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return { status: 400, reason: 'the path has a malformed %-escape' };
    }
    const refusal = refuseSegment(segment);
    if (refusal) return { status: 404, reason: refusal };
    segments.push(segment);
  }
  const candidate = join(root, ...segments);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { status: 404, reason: 'no such file' };
  }
  if (real !== root && !real.startsWith(root + sep)) {
    return { status: 404, reason: 'a symbolic link leads outside the served folder' };
  }
  const stats = await stat(real);
  return { file: real, directory: stats.isDirectory() };
}

function refuseSegment(segment: string): string | undefined {
  if (segment === '' || segment === '.' || segment === '..') {
    return 'the path has an empty, . or .. segment';
  }
  if (segment.includes('/') || segment.includes('\\')) return 'the path has an encoded / or \\';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\x00-\x1f\x7f]/.test(segment)) return 'the path has a control character';
  if (segment.startsWith('.')) return 'files and folders whose name starts with . are not served';
  return undefined;
}

/**
 * Serves a file of the folder for GET and HEAD: content type by extension, ETag and
 * Last-Modified, 304 for If-None-Match and If-Modified-Since, one byte range (206, or 416), and
 * index.html for a folder. `edgeHeaders` come last, as CloudFront adds its own after the origin's.
 */
export async function serveFromFolder(
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  url: URL,
  edgeHeaders: [string, string][],
): Promise<Outcome> {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    return plain(response, 405, 'Only GET and HEAD are served from a folder.\n', edgeHeaders, [
      ['Allow', 'GET, HEAD'],
    ]);
  }
  const found = await resolveInFolder(root, url.pathname);
  if (!('file' in found)) return notFound(response, found, edgeHeaders);
  let file = found.file;
  if (found.directory) {
    if (!url.pathname.endsWith('/')) {
      response.writeHead(301, [['Location', `${url.pathname}/${url.search}`], ...edgeHeaders]);
      response.end();
      return { status: 301 };
    }
    const index = await resolveInFolder(root, `${url.pathname}index.html`);
    if (!('file' in index) || index.directory) {
      return notFound(
        response,
        { status: 404, reason: 'a folder without index.html' },
        edgeHeaders,
      );
    }
    file = index.file;
  }
  // O_NOFOLLOW: a link swapped in since the check above is refused, not followed.
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  if (!handle)
    return notFound(response, { status: 404, reason: 'the file cannot be opened' }, edgeHeaders);
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      return notFound(response, { status: 404, reason: 'not a file' }, edgeHeaders);
    const size = stats.size;
    const mtime = Math.floor(stats.mtimeMs);
    const etag = `"${size.toString(16)}-${mtime.toString(16)}"`;
    const lastModified = new Date(mtime).toUTCString();
    const validators: [string, string][] = [
      ['ETag', etag],
      ['Last-Modified', lastModified],
    ];
    if (notModified(request, etag, mtime)) {
      response.writeHead(304, [...validators, ...edgeHeaders]);
      response.end();
      return { status: 304 };
    }
    const type: [string, string] = ['Content-Type', contentTypeOf(extname(file))];
    const range = byteRange(request, size, etag, lastModified);
    if (range === 'unsatisfiable') {
      response.writeHead(416, [
        type,
        ['Content-Length', '0'],
        ['Content-Range', `bytes */${size}`],
        ['Accept-Ranges', 'bytes'],
        ...validators,
        ...edgeHeaders,
      ]);
      response.end();
      return { status: 416, reason: `the range is outside the ${size} bytes of the file` };
    }
    const [start, end] = range ?? [0, size - 1];
    const length = Math.max(0, end - start + 1);
    response.writeHead(range ? 206 : 200, [
      type,
      ['Content-Length', String(length)],
      ...(range ? [['Content-Range', `bytes ${start}-${end}/${size}`] as [string, string]] : []),
      ['Accept-Ranges', 'bytes'],
      ...validators,
      ...edgeHeaders,
    ]);
    if (method === 'HEAD' || length === 0) {
      response.end();
    } else {
      await pipeline(handle.createReadStream({ start, end, autoClose: false }), response);
    }
    return { status: range ? 206 : 200 };
  } finally {
    await handle.close();
  }
}

/** RFC 9110 13.1.2 and 13.1.3: If-None-Match wins; If-Modified-Since only without it. */
function notModified(request: IncomingMessage, etag: string, mtime: number): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === etag);
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(mtime / 1000) * 1000 <= since;
}

/**
 * One `bytes=` range (RFC 9110 14.2): undefined to send the whole file (no Range, several
 * ranges, a syntax a server may ignore, or an If-Range that no longer matches).
 */
function byteRange(
  request: IncomingMessage,
  size: number,
  etag: string,
  lastModified: string,
): [number, number] | 'unsatisfiable' | undefined {
  const header = request.headers.range;
  if (header === undefined) return undefined;
  const ifRange = request.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etag && ifRange !== lastModified) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return [start, end];
}

function notFound(
  response: ServerResponse,
  outcome: Outcome,
  edgeHeaders: [string, string][],
): Outcome {
  const text = outcome.status === 400 ? 'Bad request.\n' : 'Not found.\n';
  return plain(response, outcome.status, text, edgeHeaders, [], outcome.reason);
}

function plain(
  response: ServerResponse,
  status: number,
  text: string,
  edgeHeaders: [string, string][],
  extra: [string, string][] = [],
  reason?: string,
): Outcome {
  response.writeHead(status, [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(text))],
    ...extra,
    ...edgeHeaders,
  ]);
  response.end(response.req.method === 'HEAD' ? undefined : text);
  return reason === undefined ? { status } : { status, reason };
}
