import { SignetError } from '../errors.ts';
import { base64Kind, keyMaterialKind, showValue } from '../lib/show-value.ts';
import { checkUrlToSign, refuseTooLong, URL_SHAPE } from './resource.ts';

/** The exact string to sign, and what was changed to get there. */
export interface EncodedUrl {
  /** The URL as it will go over the wire: sign this string and hand out the signed result. */
  readonly url: string;
  readonly changed: boolean;
  /** What was changed, in words, in the order it was done. */
  readonly changes: readonly string[];
}

// RFC 3986 pchar; the query also allows "?" but not "'", which browsers send as %27 there
// (WHATWG URL, special-query percent-encode set). Everything else is percent-encoded as UTF-8.
const PATH_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const QUERY_SAFE = /[A-Za-z0-9\-._~!$&()*+,;=:@/?]/;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const encoder = new TextEncoder();

/**
 * Turns a URL as a person types it into the string a browser or curl will actually send:
 * punycode for an international host, percent-encoding (UTF-8) for spaces, quotes, non-ASCII and
 * stray `%`, existing `%XX` escapes kept, `\\` in the path read as `/`, dot segments resolved,
 * a default port dropped, the fragment dropped. Sign the result, not the input: a URL encoded one
 * way when signed and another when requested is the most reported cause of 403s.
 */
export function encodeUrlForSigning(raw: string): EncodedUrl {
  if (typeof raw !== 'string') throw invalid(raw);
  refuseTooLong(raw, 'URL', 'url');
  // A key pasted into the URL field is refused as such, never encoded into a URL.
  if (keyMaterialKind(raw) !== undefined || (!URL_SHAPE.test(raw) && base64Kind(raw) !== undefined))
    throw invalid(raw);
  const changes: string[] = [];
  let text: string = raw;
  if (text.trim() !== text) {
    text = text.trim();
    changes.push('removed spaces around the URL');
  }
  let scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text)?.[1];
  if (scheme === undefined) {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text) && !/^[^/?#]+:\d/.test(text)) {
      throw invalid(raw);
    }
    // Without a scheme, the text must start with a host name with a dot, as every CloudFront host has.
    if (!/^(?:\/\/)?[^/?#\s.]+\.[^/?#\s]/.test(text)) throw invalid(raw);
    text = `https://${text.replace(/^\/\//, '')}`;
    scheme = 'https';
    changes.push('added https:// in front');
  }
  if (!/^https?$/i.test(scheme)) throw invalid(raw);
  if (scheme !== scheme.toLowerCase()) changes.push('lower-cased the scheme');
  let rest = text.slice(scheme.length + 3);

  const hash = rest.indexOf('#');
  if (hash >= 0) {
    changes.push(
      `dropped the fragment ${showValue(rest.slice(hash), /^#/)} (browsers never send it)`,
    );
    rest = rest.slice(0, hash);
  }
  const authorityEnd = rest.search(/[/?]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  let pathAndQuery = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const host = encodeHost(authority, raw, scheme.toLowerCase());
  const hostname = host.replace(/:\d+$/, '');
  if (hostname !== authority.replace(/:\d*$/, '')) changes.push(`wrote the host as ${hostname}`);
  if (host.slice(hostname.length) !== authority.slice(authority.replace(/:\d*$/, '').length)) {
    changes.push(
      host === hostname
        ? 'dropped the port, as browsers do with an empty or default one'
        : `wrote the port as ${host.slice(hostname.length)}`,
    );
  }
  if (pathAndQuery === '' || pathAndQuery.startsWith('?')) {
    pathAndQuery = `/${pathAndQuery}`;
    changes.push('added the "/" path that browsers request');
  }
  const queryStart = pathAndQuery.indexOf('?');
  let path = queryStart < 0 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
  const query = queryStart < 0 ? undefined : pathAndQuery.slice(queryStart + 1);
  if (path.includes('\\')) {
    // WHATWG URL: in an http(s) path a backslash is a slash.
    path = path.replaceAll('\\', '/');
    changes.push('wrote each \\ in the path as /, as browsers read it');
  }
  let encodedPath = percentEncode(path, PATH_SAFE);
  const encodedQuery = query === undefined ? undefined : percentEncode(query, QUERY_SAFE);
  if (encodedPath !== path) changes.push('percent-encoded characters in the path');
  if (encodedQuery !== query) changes.push('percent-encoded characters in the query');
  const resolved = resolveDotSegments(encodedPath);
  if (resolved !== encodedPath) {
    encodedPath = resolved;
    changes.push('resolved the dot segments (/./ and /../) in the path, as browsers do');
  }

  const url = `${scheme.toLowerCase()}://${host}${encodedPath}${encodedQuery === undefined ? '' : `?${encodedQuery}`}`;
  checkUrlToSign(url);
  return { url, changed: url !== raw, changes };
}

function encodeHost(authority: string, raw: string, scheme: string): string {
  if (authority === '' || authority.includes('@')) throw invalid(raw);
  const port = /:(\d*)$/.exec(authority);
  const name = port ? authority.slice(0, port.index) : authority;
  let hostname: string;
  try {
    // The WHATWG URL parser does IDNA (punycode), lower-casing and IPv4 forms as browsers do.
    hostname = new URL(`http://${name}/`).hostname;
  } catch {
    throw invalid(raw);
  }
  const digits = port?.[1];
  if (digits === undefined || digits === '') return hostname;
  const number = Number(digits);
  if (number > 65535) throw invalid(raw);
  // Browsers write the port without leading zeros, and drop the scheme's default port.
  return String(number) === DEFAULT_PORTS[scheme] ? hostname : `${hostname}:${number}`;
}

/** ".", "..", "%2e" and the like resolved as WHATWG URL does: `/a/./b/../c` is `/a/c`. */
function resolveDotSegments(path: string): string {
  if (!/\/(?:\.|%2e)/i.test(path)) return path;
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const segment = (segments[i] as string).toLowerCase().replaceAll('%2e', '.');
    const last = i === segments.length - 1;
    if (segment === '..') out.pop();
    if (segment === '.' || segment === '..') {
      if (last) out.push('');
    } else out.push(segments[i] as string);
  }
  return `/${out.join('/')}`;
}

function percentEncode(text: string, safe: RegExp): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '%' && /^%[0-9a-fA-F]{2}$/.test(text.slice(i, i + 3))) {
      out += char;
    } else if (safe.test(char)) {
      out += char;
    } else {
      const codePoint = text.codePointAt(i) as number;
      const whole = String.fromCodePoint(codePoint);
      // A lone surrogate cannot be UTF-8 encoded faithfully; U+FFFD is what browsers send.
      const bytes = encoder.encode(whole);
      for (const byte of bytes) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      i += whole.length - 1;
    }
  }
  return out;
}

function invalid(raw: unknown): SignetError {
  return new SignetError(
    'ERR_URL_INVALID',
    `${showValue(raw, URL_SHAPE)} is not an http:// or https:// URL that Signet can encode. Write it like https://d111111abcdef8.cloudfront.net/path/file.jpg.`,
    { field: 'url' },
  );
}
