import { SignetError } from '../errors.ts';
import { CLOUDFRONT_MESSAGES, type CloudFrontErrorCode } from '../inspect/evaluate.ts';
import { SHORT_TOKEN, showValue } from '../lib/show-value.ts';

/**
 * CloudFront's own answer to a signed request it refuses, byte for byte. Where each part comes
 * from (see also the README, "signet serve"):
 * - Status, header names, their order and the body: a MissingKey response captured with curl
 *   (vrtdev/aws-cloudfront-authorizer, doc/readme.md, 2018): `HTTP/1.1 403 Forbidden`,
 *   `Server: CloudFront`, `Date`, `Content-Type: text/xml`, `Content-Length: 146`,
 *   `Connection: keep-alive`, `X-Cache: Error from cloudfront`, `Via: 1.1 <32 hex>.cloudfront.net
 *   (CloudFront)`, `X-Amz-Cf-Id: <56 characters>`, then the XML on one line, with no newline.
 * - `X-Amz-Cf-Pop` between Via and X-Amz-Cf-Id: CloudFront's own error pages since 2019, as
 *   captured in later field reports (sypets/brofix#375, 2024; alwaysappleftd/Passra1n#3, 2026).
 * - The other bodies, same shape: InvalidKey "Unknown Key", MalformedSignature "Could not unencode
 *   Signature", MalformedPolicy "Malformed Policy" (denisbondar/strava-heatmap-cache, main.py,
 *   quoting the raw XML); AccessDenied "Access denied", lower-case d, unlike S3's
 *   (aws-samples/amazon-cloudfront-signed-urls-using-lambda-secretsmanager#8).
 * Unknown, so not imitated: CloudFront's bytes over HTTP/2 and HTTP/3 (lower-case names), and any
 * header a distribution adds with a response headers policy.
 */
export interface CloudFrontError {
  readonly status: number;
  readonly statusText: string;
  /**
   * The headers in CloudFront's order, without `Connection`, which belongs to the connection:
   * an HTTP/1.1 server writes it right after Content-Length (keep-alive, or close).
   */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** Where a response seems to come from: the edge server's Via name and its POP code. */
export interface EdgeIdentity {
  /** 32 hexadecimal digits, as in `Via: 1.1 <id>.cloudfront.net (CloudFront)`. */
  readonly serverId: string;
  /** The X-Amz-Cf-Pop value; real ones name an airport (`TXL50-P4`), Signet's says it is local. */
  readonly pop: string;
}

export function newEdgeIdentity(pop: unknown = 'LOCAL-P1', serverId?: unknown): EdgeIdentity {
  // Both go into response headers, so they are checked here rather than fail a response later.
  if (typeof pop !== 'string' || !/^[A-Za-z0-9-]{1,32}$/.test(pop)) {
    throw new SignetError(
      'ERR_OPTIONS_INVALID',
      `pop is ${showValue(pop, SHORT_TOKEN)}: give an X-Amz-Cf-Pop value of letters, digits and dashes, such as LOCAL-P1, or leave it out.`,
      { field: 'pop' },
    );
  }
  if (serverId === undefined) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    serverId = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  if (typeof serverId !== 'string' || !/^[0-9a-f]{32}$/.test(serverId)) {
    throw new SignetError(
      'ERR_OPTIONS_INVALID',
      `serverId is ${showValue(serverId, SHORT_TOKEN)}: give 32 lower-case hexadecimal digits, or leave it out for a random one.`,
      { field: 'serverId' },
    );
  }
  return { serverId, pop };
}

/** A fresh X-Amz-Cf-Id: 40 random bytes in URL-safe base64 with its padding, 56 characters. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(40));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** The headers CloudFront adds to every response it serves, after the origin's own. */
export function edgeHeaders(
  edge: EdgeIdentity,
  cache: 'Miss from cloudfront' | 'Error from cloudfront',
): [string, string][] {
  return [
    ['X-Cache', cache],
    ['Via', `1.1 ${edge.serverId}.cloudfront.net (CloudFront)`],
    ['X-Amz-Cf-Pop', edge.pop],
    ['X-Amz-Cf-Id', newRequestId()],
  ];
}

/** The 403 that CloudFront sends for a refused signed URL or signed cookies. */
export function cloudFrontError(
  code: CloudFrontErrorCode,
  nowMs: number,
  edge: EdgeIdentity,
): CloudFrontError {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${CLOUDFRONT_MESSAGES[code]}</Message></Error>`;
  return edgeError(403, 'Forbidden', 'text/xml', body, nowMs, edge);
}

/**
 * A request URL over CloudFront's 8,192 bytes: CloudFront answers 414 before any signature
 * check; the headers are CloudFront's, the short body is Signet's (CloudFront's is not on record).
 */
export function uriTooLong(nowMs: number, edge: EdgeIdentity): CloudFrontError {
  const body = 'The request URL is longer than the 8,192 bytes CloudFront accepts.\n';
  return edgeError(414, 'Request-URI Too Large', 'text/plain', body, nowMs, edge);
}

function edgeError(
  status: number,
  statusText: string,
  contentType: string,
  body: string,
  nowMs: number,
  edge: EdgeIdentity,
): CloudFrontError {
  return {
    status,
    statusText,
    headers: [
      ['Server', 'CloudFront'],
      ['Date', new Date(nowMs).toUTCString()],
      ['Content-Type', contentType],
      // The bodies are ASCII, so characters are bytes.
      ['Content-Length', String(body.length)],
      ...edgeHeaders(edge, 'Error from cloudfront'),
    ],
    body,
  };
}

/** The same error as a Fetch API Response (a HEAD request gets the headers without the body). */
export function errorResponse(error: CloudFrontError, method: string): Response {
  return new Response(method === 'HEAD' ? null : error.body, {
    status: error.status,
    statusText: error.statusText,
    headers: error.headers as [string, string][],
  });
}
