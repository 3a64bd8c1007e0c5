import { SignetError } from '../errors.ts';
import {
  type CloudFrontErrorCode,
  evaluateRequest,
  type TrustedKeys,
  type Verdict,
} from '../inspect/evaluate.ts';
import { splitSignedUrl } from '../inspect/parameters.ts';
import type { WildcardReading } from '../inspect/wildcard.ts';
import { importPublicKey } from '../key/import.ts';
import type { PublicKey } from '../key/types.ts';
import { SHORT_TOKEN, showValue } from '../lib/show-value.ts';
import { MAX_URL_BYTES } from '../sign/url.ts';
import {
  type CloudFrontError,
  cloudFrontError,
  type EdgeIdentity,
  errorResponse,
  newEdgeIdentity,
  uriTooLong,
} from './cloudfront-error.ts';
import { matchPathPattern, readPathPattern } from './path-pattern.ts';

export interface RestrictViewerAccessOptions {
  /** The key group: the public keys CloudFront trusts, by key pair ID (PEM, or imported keys). */
  trustedKeys: TrustedKeys;
  /**
   * The distribution's domain name that signatures name, such as `d111111abcdef8.cloudfront.net`
   * (checked as `https://`), or with its scheme (`http://d111111abcdef8.cloudfront.net`). Without
   * it, a request is checked against its own URL.
   */
  domainName?: string;
  /** The cache behaviors' path patterns that restrict viewer access; by default `*`, everything. */
  pathPatterns?: readonly string[];
  /** The clock: epoch milliseconds or a Date; by default Date.now. */
  now?: () => Date | number;
  /** The X-Amz-Cf-Pop that responses carry; `LOCAL-P1` by default. */
  pop?: string;
  /** The 32 hex digits of the edge server's name in Via; random by default. */
  serverId?: string;
  /** How to read `?` in a wildcard resource (see matchResource). */
  wildcardReading?: WildcardReading;
}

export interface ViewerOptions {
  /** The viewer's address, as CloudFront takes it from the connection; IPv4-mapped IPv6 is IPv4. */
  viewerIp?: string;
}

/** Let through: the request as the origin should see it. */
export interface ViewerAllowed {
  readonly allowed: true;
  /** False when no restricted path pattern covers the path: CloudFront checks nothing then. */
  readonly restricted: boolean;
  /** The request for the origin: the signing parameters taken out of the URL, X-Forwarded-For added. */
  readonly request: Request;
  /** The URL checked, as the signatures name it (the distribution's domain). */
  readonly checkedUrl: string;
  /** For a restricted path: why it was allowed, and where the signature came from. */
  readonly verdict?: Verdict;
}

/** Refused: CloudFront's answer, as a Response and as ordered headers and body for raw servers. */
export interface ViewerDenied {
  readonly allowed: false;
  readonly status: number;
  /** CloudFront's error code; absent for a URL over 8,192 bytes (414). */
  readonly code?: CloudFrontErrorCode;
  /** Signet's plain reason, for a log: never sent to the viewer, as CloudFront sends none. */
  readonly reason: string;
  readonly response: Response;
  readonly error: CloudFrontError;
  readonly checkedUrl?: string;
  readonly verdict?: Verdict;
}

export type ViewerAccess = ViewerAllowed | ViewerDenied;

/** Checks one viewer request: Fetch API Request in, a verdict with a Request or a Response out. */
export type ViewerAccessGuard = (request: Request, viewer?: ViewerOptions) => Promise<ViewerAccess>;

/**
 * CloudFront's "Restrict viewer access" with trusted key groups, for any runtime with the Fetch
 * API: every request whose path a pattern covers must carry a valid signed URL or signed cookies
 * (evaluateRequest's rules, SPEC.md section 6), or gets CloudFront's 403 as CloudFront sends it.
 * The keys are imported here, once, so a bad key fails now rather than at the first request.
 */
export async function restrictViewerAccess(
  options: RestrictViewerAccessOptions,
): Promise<ViewerAccessGuard> {
  if (typeof options !== 'object' || options === null) {
    throw new SignetError(
      'ERR_SIGNED_INPUT',
      'restrictViewerAccess needs options: { trustedKeys: { K2JCJMDEHXQW5F: publicKeyPem } }.',
      { field: 'trustedKeys' },
    );
  }
  const keys = await importKeyGroup(options.trustedKeys);
  const origin = readDomainName(options.domainName);
  const patterns = readPatterns(options.pathPatterns);
  const clock = readClockOption(options.now);
  const edge: EdgeIdentity = newEdgeIdentity(options.pop, options.serverId);
  const { wildcardReading } = options;

  return async (request, viewer = {}) => {
    if (!(request instanceof Request)) {
      throw new SignetError(
        'ERR_SIGNED_INPUT',
        'The guard checks a Fetch API Request: pass new Request(url, { headers }).',
        { field: 'request' },
      );
    }
    const nowMs = clock();
    const deny = (error: CloudFrontError, reason: string, extra: Partial<ViewerDenied> = {}) => ({
      allowed: false as const,
      status: error.status,
      reason,
      response: errorResponse(error, request.method),
      error,
      ...extra,
    });
    // CloudFront refuses a longer URL before it looks at anything else.
    if (request.url.length > MAX_URL_BYTES) {
      return deny(
        uriTooLong(nowMs, edge),
        `the URL is ${request.url.length} bytes, over CloudFront's ${MAX_URL_BYTES}`,
      );
    }
    const url = new URL(request.url);
    const viewerIp = readViewer(viewer);
    const restricted = patterns.some((pattern) => matchPathPattern(pattern, url.pathname));
    const checkedUrl = origin ? `${origin}${url.pathname}${url.search}` : request.url;
    if (!restricted) {
      // An unrestricted behavior checks nothing, so it has nothing to take out either.
      return {
        allowed: true,
        restricted,
        request: originRequest(request, request.url, viewerIp),
        checkedUrl,
      };
    }
    const verdict = await evaluateRequest({
      url: checkedUrl,
      cookies: signedCookies(request.headers.get('Cookie')),
      ...(viewerIp === undefined ? {} : { viewerIp }),
      now: nowMs,
      trustedKeys: keys,
      ...(wildcardReading === undefined ? {} : { wildcardReading }),
    });
    if (!verdict.allowed) {
      const code = verdict.code as CloudFrontErrorCode;
      return deny(cloudFrontError(code, nowMs, edge), verdict.reason, {
        code,
        checkedUrl,
        verdict,
      });
    }
    return {
      allowed: true,
      restricted,
      request: originRequest(request, splitSignedUrl(request.url).unsignedUrl, viewerIp),
      checkedUrl,
      verdict,
    };
  };
}

/**
 * What the origin receives. CloudFront takes the signing parameters out of the query string
 * (field report: projectNEWM/newm-server#272, 2023) and appends the viewer's address to
 * X-Forwarded-For (Developer Guide, "Request and response behavior for custom origins").
 * Cookies are left as they came: which ones CloudFront forwards is the origin request policy's
 * choice, and whether it drops its own CloudFront-* cookies is not documented.
 */
function originRequest(request: Request, url: string, viewerIp: string | undefined): Request {
  if (url === request.url && viewerIp === undefined) return request;
  const headers = new Headers(request.headers);
  if (viewerIp !== undefined) {
    const before = headers.get('X-Forwarded-For');
    headers.set('X-Forwarded-For', before ? `${before}, ${viewerIp}` : viewerIp);
  }
  const hasBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers,
    redirect: request.redirect,
    ...(hasBody ? { body: request.body, duplex: 'half' } : {}),
  } as RequestInit);
}

/**
 * Only CloudFront's cookies, from a Cookie header: a browser sends the most specific Path first
 * when two share a name, and the first is kept (which one CloudFront reads is not documented).
 */
function signedCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals).trim();
    if (equals > 0 && name.startsWith('CloudFront-') && !Object.hasOwn(cookies, name)) {
      cookies[name] = pair.slice(equals + 1).trim();
    }
  }
  return cookies;
}

async function importKeyGroup(trustedKeys: unknown): Promise<Map<string, PublicKey>> {
  const entries =
    trustedKeys instanceof Map
      ? [...trustedKeys.entries()]
      : typeof trustedKeys === 'object' && trustedKeys !== null
        ? Object.entries(trustedKeys)
        : undefined;
  if (!entries || entries.length === 0) {
    throw new SignetError(
      'ERR_SIGNED_INPUT',
      'trustedKeys is required: the key group, one public key per key pair ID, such as { K2JCJMDEHXQW5F: publicKeyPem }.',
      { field: 'trustedKeys' },
    );
  }
  const keys = new Map<string, PublicKey>();
  for (const [id, key] of entries) {
    try {
      keys.set(String(id), await importPublicKey(key));
    } catch (error) {
      throw new SignetError(
        (error as SignetError).code ?? 'ERR_KEY_NOT_RECOGNIZED',
        `The trusted key for ${showValue(id, SHORT_TOKEN)} cannot be used: ${(error as Error).message}`,
        { cause: error, field: 'trustedKeys' },
      );
    }
  }
  return keys;
}

/** `d111111abcdef8.cloudfront.net` to `https://d111111abcdef8.cloudfront.net`; a scheme is kept. */
function readDomainName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
  const match = /^(?:(https?):\/\/)?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?)$/.exec(text);
  if (!match || text.length > 253) {
    throw new SignetError(
      'ERR_DOMAIN_NAME',
      'The domain name must be the one that signatures name, in lower case, such as d111111abcdef8.cloudfront.net or https://cdn.example.com (no path).',
      { field: 'domainName' },
    );
  }
  return `${match[1] ?? 'https'}://${match[2]}`;
}

function readPatterns(value: unknown): string[] {
  if (value === undefined) return ['*'];
  if (!Array.isArray(value) || value.length === 0) {
    throw new SignetError(
      'ERR_PATH_PATTERN',
      'pathPatterns must be a list of path patterns, such as ["/videos/*"]; leave it out to restrict every path.',
      { field: 'pathPatterns' },
    );
  }
  return value.map((pattern) => readPathPattern(pattern));
}

function readClockOption(now: unknown): () => number {
  if (now === undefined) return Date.now;
  if (typeof now !== 'function') {
    throw new SignetError(
      'ERR_TIME_INVALID',
      'now must be a function that returns the time (epoch milliseconds or a Date), such as () => Date.now().',
      { field: 'now' },
    );
  }
  return () => {
    const value = (now as () => unknown)();
    const ms = value instanceof Date ? value.getTime() : value;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) {
      throw new SignetError(
        'ERR_TIME_INVALID',
        'The clock (now) returned something that is not a time: return epoch milliseconds or a Date.',
        { field: 'now' },
      );
    }
    return ms;
  };
}

/** An IPv4-mapped IPv6 address (`::ffff:192.0.2.7`, as Node reports IPv4 on a dual stack) is IPv4. */
function readViewer(viewer: unknown): string | undefined {
  if (typeof viewer !== 'object' || viewer === null) {
    throw new SignetError(
      'ERR_OPTIONS_INVALID',
      "The guard's second argument is the viewer, such as { viewerIp: '192.0.2.7' }, or nothing.",
      { field: 'viewer' },
    );
  }
  const value = (viewer as ViewerOptions).viewerIp;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new SignetError(
      'ERR_IP_INVALID',
      `The viewer IP is ${showValue(value, SHORT_TOKEN)}: give it as text, such as '192.0.2.7'.`,
      { field: 'viewerIp' },
    );
  }
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  return mapped ? mapped[1] : value;
}
