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

// What may stay as typed in a path and in a query: RFC 3986 pchar, [ ], and valid %XX escapes;
// the query also takes "?" but not "'", which browsers send there as %27.
const PATH_KEPT = /^(?:[\w\-.~!$&'()*+,;=:@/[\]]|%[\dA-Fa-f]{2})*$/;
const QUERY_KEPT = /^(?:[\w\-.~!$&()*+,;=:@/?[\]]|%[\dA-Fa-f]{2})*$/;

/**
 * Turns a URL as a person types it into the string a browser or curl will actually send: the
 * WHATWG URL parser reads it as browsers do (punycode and lower case for the host, the default
 * port dropped, dot segments resolved, `\\` in the path read as `/`, UTF-8 percent-encoding),
 * the fragment is dropped, and what browsers send as typed but CloudFront users trip over
 * (`{ } | ^` and a backtick or backslash in a query, a stray `%`) is percent-encoded too. Sign the
 * result, not the input: a URL encoded one way when signed and another when requested is the
 * most reported cause of 403s.
 */
export function encodeUrlForSigning(raw: string): EncodedUrl {
  if (typeof raw !== 'string') throw invalid(raw);
  refuseTooLong(raw, 'URL', 'url');
  // A key pasted into the URL field is refused as such, never encoded into a URL.
  if (!URL_SHAPE.test(raw) && (keyMaterialKind(raw) ?? base64Kind(raw))) throw invalid(raw);
  const changes: string[] = [];
  let text = raw.trim();
  if (text !== raw) changes.push('removed spaces around the URL');
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(text)?.[1];
  if (scheme === undefined) {
    // Without a scheme, the text must start with a host name with a dot, as every CloudFront host has.
    if (!/^(\/\/)?[^/?#\s.:]+\.[^/?#\s]/.test(text)) throw invalid(raw);
    text = `https://${text.replace(/^\/\//, '')}`;
    changes.push('added https:// in front');
  } else if (!/^https?$/i.test(scheme)) throw invalid(raw);
  else if (!/^https?$/.test(scheme)) changes.push('lower-cased the scheme');
  const hash = text.indexOf('#');
  if (hash >= 0) {
    changes.push(
      `dropped the fragment ${showValue(text.slice(hash), /^#/)} (browsers never send it)`,
    );
    text = text.slice(0, hash);
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalid(raw);
  }
  if (parsed.username || parsed.password) throw invalid(raw);
  // What was typed after the scheme, to say what changed.
  const [, authority = '', path = '', query] =
    /^[^:]+:\/\/([^/?]*)([^?]*)(?:\?(.*))?$/s.exec(text) ?? [];
  if (parsed.host !== authority) changes.push(`wrote the host as ${parsed.host}`);
  if (path === '') changes.push('added the "/" path that browsers request');
  if (path.includes('\\')) changes.push('wrote \\ in the path as /');
  if (/[/\\](\.|%2e){1,2}([/\\]|$)/i.test(path))
    changes.push('resolved the dot segments (/./ and /../)');
  if (!PATH_KEPT.test(path.replaceAll('\\', '/')))
    changes.push('percent-encoded characters in the path');
  if (query !== undefined && !QUERY_KEPT.test(query)) {
    changes.push('percent-encoded characters in the query');
  }
  const href = parsed.href;
  const pathStart = href.indexOf('/', parsed.protocol.length + 2);
  const url =
    href.slice(0, pathStart) +
    href
      .slice(pathStart)
      .replace(
        /%(?![\dA-Fa-f]{2})|[{}|^`\\]/g,
        (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
      );
  checkUrlToSign(url);
  return { url, changed: url !== raw, changes };
}

function invalid(raw: unknown): SignetError {
  return new SignetError(
    'ERR_URL_INVALID',
    `${showValue(raw, URL_SHAPE)} is not an http:// or https:// URL that Signet can encode. Write it like https://d111111abcdef8.cloudfront.net/path/file.jpg.`,
    { field: 'url' },
  );
}
