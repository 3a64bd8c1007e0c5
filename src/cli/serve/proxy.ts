import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Outcome } from './folder.ts';

/** Headers of one connection, never passed on (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const ORIGIN_TIMEOUT_MS = 30_000;

/**
 * Passes a request on to the origin and its response back, both streamed (never buffered), as
 * CloudFront does for a custom origin: the origin path prefixed, Host set to the origin's
 * (CloudFront's default), the viewer appended to X-Forwarded-For; `edgeHeaders` are added to the
 * response after the origin's own.
 */
export function proxyToOrigin(
  request: IncomingMessage,
  response: ServerResponse,
  origin: URL,
  pathAndQuery: string,
  viewerIp: string,
  edgeHeaders: [string, string][],
): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers = passOn(request.rawHeaders, request.headers.connection).filter(
      ([name]) => name.toLowerCase() !== 'x-forwarded-for',
    );
    headers.push(['Host', origin.host]);
    const forwarded = request.headers['x-forwarded-for'];
    headers.push(['X-Forwarded-For', forwarded ? `${forwarded}, ${viewerIp}` : viewerIp]);
    const send = origin.protocol === 'https:' ? httpsRequest : httpRequest;
    const prefix = origin.pathname.replace(/\/$/, '');
    const outgoing = send({
      protocol: origin.protocol,
      hostname: origin.hostname,
      port: origin.port,
      method: request.method,
      path: prefix + pathAndQuery,
      headers: headers.flat(),
      timeout: ORIGIN_TIMEOUT_MS,
    });
    const fail = (status: number, reason: string) => {
      if (response.headersSent) {
        response.destroy();
      } else {
        const text = `${status === 504 ? 'The origin did not answer in time' : 'The origin cannot be reached'}.\n`;
        response.writeHead(status, [
          ['Content-Type', 'text/plain; charset=utf-8'],
          ['Content-Length', String(text.length)],
          ...edgeHeaders,
        ]);
        response.end(request.method === 'HEAD' ? undefined : text);
      }
      resolve({ status, reason });
    };
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.message === 'timeout')
        fail(504, `the origin did not answer in ${ORIGIN_TIMEOUT_MS / 1000} s`);
      else fail(502, `the origin cannot be reached: ${error.code ?? error.message}`);
    });
    outgoing.on('response', (answer) => {
      const passed = passOn(answer.rawHeaders, answer.headers.connection);
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, [
        ...passed,
        ...edgeHeaders,
      ]);
      answer.pipe(response);
      answer.on('error', () => response.destroy());
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502 }));
    });
    // The viewer went away: stop asking the origin.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    request.pipe(outgoing);
  });
}

/** Raw headers without the hop-by-hop ones, nor those that Connection names. */
function passOn(raw: readonly string[], connection: string | undefined): [string, string][] {
  const named = new Set((connection ?? '').split(',').map((name) => name.trim().toLowerCase()));
  const kept: [string, string][] = [];
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || lower === 'host') continue;
    kept.push([name, raw[index + 1] as string]);
  }
  return kept;
}
