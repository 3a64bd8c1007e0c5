import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Socket } from 'node:net';
import { type EdgeIdentity, edgeHeaders } from '../../core/guard/cloudfront-error.ts';
import type { ViewerAccessGuard, ViewerDenied } from '../../core/index.ts';
import { splitSignedUrl } from '../../core/inspect/parameters.ts';
import { type AccessLogEntry, accessLogLine } from './access-log.ts';
import { type Outcome, serveFromFolder } from './folder.ts';
import { proxyToOrigin } from './proxy.ts';

/** Where allowed requests go: files of a folder (a real path), or an origin server. */
export type Target = { readonly folder: string } | { readonly origin: URL };

/** Where the viewer's address comes from (CloudFront takes it from the connection). */
export type ViewerIpSource = 'socket' | 'x-forwarded-for' | { readonly fixed: string };

export interface ServeOptions {
  readonly guard: ViewerAccessGuard;
  readonly target: Target;
  readonly viewerIp: ViewerIpSource;
  readonly edge: EdgeIdentity;
  readonly json: boolean;
  readonly log: (line: string) => void;
}

/**
 * Limits that keep a slow or hostile client from holding the server: the whole header block
 * within 10 s (slowloris), a request within 60 s, an idle keep-alive connection for 5 s, checked
 * every second; headers over Node's 16 KiB are refused with 431.
 */
const TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const;

/**
 * An HTTP server that puts every request through the guard, then serves or proxies it.
 * `settled` waits for the requests in hand, so that a stop logs every one of them.
 */
export function createGuardedServer(options: ServeOptions): {
  server: Server;
  settled: () => Promise<void>;
} {
  const pending = new Set<Promise<void>>();
  const server = createServer(TIMEOUTS, (request, response) => {
    const work = handle(request, response, options).catch((error: unknown) => {
      // A bug must cost one request, never the server.
      if (!response.headersSent) {
        response.writeHead(500, [['Content-Type', 'text/plain; charset=utf-8']]);
        response.end('Internal error.\n');
      } else {
        response.destroy();
      }
      logRequest(options, request, Date.now(), '-', {
        status: 500,
        reason: `internal error: ${String(error)}`,
      });
    });
    pending.add(work);
    work.finally(() => pending.delete(work));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed HTTP, headers too large or too slow: one short answer, the connection closed.
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    if (error.code !== 'ECONNRESET' && socket.writable) {
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      const entry: AccessLogEntry = {
        time: new Date().toISOString(),
        viewerIp: plainAddress(socket.remoteAddress),
        method: '-',
        path: '-',
        status,
        reason: `${status === 408 ? 'the request was too slow' : status === 431 ? 'the headers are too large' : 'malformed HTTP'} (${error.code ?? error.message})`,
        ms: 0,
      };
      options.log(accessLogLine(entry, options.json));
    }
    socket.destroy();
  });
  return {
    server,
    settled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ServeOptions,
): Promise<void> {
  const started = Date.now();
  const viewer = viewerIpOf(request, options.viewerIp);
  const target = requestTarget(request);
  if (typeof viewer !== 'string' || typeof target !== 'string') {
    const reason = typeof viewer === 'string' ? (target as { error: string }).error : viewer.error;
    plainAnswer(response, 400, 'Bad request.\n', options.edge);
    return logRequest(options, request, started, typeof viewer === 'string' ? viewer : '-', {
      status: 400,
      reason,
    });
  }
  // Only what the guard reads: the URL and the cookies (a Request refuses some header values).
  const cookie = request.headers.cookie;
  const access = await options.guard(
    new Request(`http://${hostOf(request)}${target}`, {
      method: request.method === 'HEAD' ? 'HEAD' : 'GET',
      ...(cookie === undefined ? {} : { headers: { Cookie: cookie } }),
    }),
    { viewerIp: viewer },
  );
  if (!access.allowed) {
    writeDenied(response, access, request.method === 'HEAD');
    return logRequest(
      options,
      request,
      started,
      viewer,
      {
        status: access.status,
        reason: access.reason,
        ...(access.code === undefined ? {} : { code: access.code }),
      },
      shownPath(target),
    );
  }
  const originUrl = new URL(access.request.url);
  const edge = edgeHeaders(options.edge, 'Miss from cloudfront');
  const outcome: Outcome =
    'folder' in options.target
      ? await serveFromFolder(request, response, options.target.folder, originUrl, edge)
      : await proxyToOrigin(
          request,
          response,
          options.target.origin,
          `${originUrl.pathname}${originUrl.search}`,
          viewer,
          edge,
        );
  return logRequest(
    options,
    request,
    started,
    viewer,
    access.verdict?.source ? { ...outcome, signedBy: access.verdict.source } : outcome,
    `${originUrl.pathname}${originUrl.search}`,
  );
}

/** CloudFront's 403 as raw headers in its order, Connection placed after Content-Length. */
function writeDenied(response: ServerResponse, access: ViewerDenied, head: boolean): void {
  const connection = response.shouldKeepAlive ? 'keep-alive' : 'close';
  const headers: [string, string][] = [];
  for (const [name, value] of access.error.headers) {
    headers.push([name, value]);
    if (name === 'Content-Length') headers.push(['Connection', connection]);
  }
  response.writeHead(access.error.status, access.error.statusText, headers);
  response.end(head ? undefined : access.error.body);
}

/** The path and query of an origin-form or absolute-form request target; anything else is refused. */
function requestTarget(request: IncomingMessage): string | { error: string } {
  const raw = request.url ?? '';
  if (raw.startsWith('/')) return raw;
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      return `${url.pathname}${url.search}`;
    } catch {
      return { error: 'the request target is not a URL' };
    }
  }
  return { error: 'the request target is neither a path nor a URL' };
}

/** The Host header, when it is a plain host name or address with a port; else localhost. */
function hostOf(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  return /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host)
    ? host.toLowerCase()
    : 'localhost';
}

function viewerIpOf(request: IncomingMessage, source: ViewerIpSource): string | { error: string } {
  if (typeof source === 'object') return source.fixed;
  if (source === 'socket') return plainAddress(request.socket.remoteAddress);
  // Behind one proxy, the last address is the one that proxy saw; earlier ones are the client's word.
  const value = request.headers['x-forwarded-for'];
  const header = Array.isArray(value) ? value.join(',') : value;
  const last = header?.split(',').at(-1)?.trim() ?? '';
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(last) || /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(last)) {
    return plainAddress(last);
  }
  return {
    error: header
      ? 'the last X-Forwarded-For entry is not an IP address'
      : 'there is no X-Forwarded-For header (--viewer-ip x-forwarded-for)',
  };
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1. */
function plainAddress(address: string | undefined): string {
  if (!address) return '-';
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** A refused request's path for the log: never its Signature or Policy. */
function shownPath(target: string): string {
  try {
    const unsigned = splitSignedUrl(`http://localhost${target}`).unsignedUrl;
    return unsigned.slice('http://localhost'.length) || '/';
  } catch {
    return target.split('?')[0] ?? target;
  }
}

function plainAnswer(response: ServerResponse, status: number, text: string, edge: EdgeIdentity) {
  response.writeHead(status, [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Length', String(text.length)],
    ...edgeHeaders(edge, 'Error from cloudfront'),
  ]);
  response.end(text);
}

function logRequest(
  options: ServeOptions,
  request: IncomingMessage,
  started: number,
  viewerIp: string,
  outcome: Outcome & { code?: string; signedBy?: 'url' | 'cookies' },
  path = shownPath(request.url ?? '-'),
): void {
  const entry: AccessLogEntry = {
    time: new Date(started).toISOString(),
    viewerIp,
    method: request.method ?? '-',
    path,
    status: outcome.status,
    ...(outcome.code === undefined ? {} : { code: outcome.code }),
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    ...(outcome.signedBy === undefined ? {} : { signedBy: outcome.signedBy }),
    ms: Date.now() - started,
  };
  options.log(accessLogLine(entry, options.json));
}
