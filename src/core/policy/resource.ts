import { SignetError } from '../errors.ts';
import { groupDigits, quote, showValue } from '../lib/show-value.ts';

/** The query parameters CloudFront reads as the signature (SPEC.md section 4). */
export const SIGNING_PARAMETERS = [
  'Expires',
  'Policy',
  'Signature',
  'Key-Pair-Id',
  'Hash-Algorithm',
] as const;

/** CloudFront refuses request URLs longer than this many bytes (SPEC.md section 4). */
export const MAX_URL_BYTES = 8192;

/** What a URL looks like: a scheme, then an authority without credentials (never a secret). */
export const URL_SHAPE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@\s]*(?:[/?#]|$)/;
/** A policy resource: a URL shape, or one starting with a * wildcard. */
export const RESOURCE_SHAPE = /^(?:[A-Za-z*][A-Za-z0-9+.*-]*:\/\/[^/?#@\s]*(?:[/?#]|$)|\*[^@\s]*$)/;

const FIX = 'Run it through encodeUrlForSigning() first and sign the string it returns.';

/** A URL or resource longer than CloudFront takes, refused by its length before any parsing. */
export function refuseTooLong(text: string, what: 'URL' | 'policy resource', field: string): void {
  if (text.length <= MAX_URL_BYTES) return;
  throw new SignetError(
    what === 'URL' ? 'ERR_URL_INVALID' : 'ERR_RESOURCE_INVALID',
    `The ${what} is ${groupDigits(text.length)} characters long; CloudFront refuses URLs over ` +
      `${groupDigits(MAX_URL_BYTES)} bytes, so Signet stops there. Shorten it, or use a wildcard ` +
      'resource (or signed cookies) to cover many URLs.',
    { field },
  );
}

/**
 * Checks a URL to sign. It is refused, never rewritten: CloudFront compares the exact bytes, so
 * the string signed must be the string that goes over the wire (SPEC.md section 2, hygiene).
 * Anything a browser would send differently (a character it escapes, a dot segment it resolves,
 * a default port it drops) is refused with its position.
 */
export function checkUrlToSign(url: unknown, field = 'url'): string {
  if (typeof url !== 'string' || url === '') {
    throw new SignetError(
      'ERR_URL_INVALID',
      `A URL to sign is required, such as https://d111111abcdef8.cloudfront.net/image.jpg${url === '' || url === undefined ? '' : `; got ${showValue(url, URL_SHAPE)}`}.`,
      { field },
    );
  }
  refuseTooLong(url, 'URL', field);
  const shown = showValue(url, URL_SHAPE);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  if (!scheme || !/^https?$/.test(scheme[1] as string)) {
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${shown} is not an absolute http:// or https:// URL. CloudFront signs full URLs ` +
        'such as https://d111111abcdef8.cloudfront.net/image.jpg (scheme and host in lower case).',
      { field },
    );
  }
  const rest = url.slice((scheme[0] as string).length);
  const authority = rest.split(/[/?#]/, 1)[0] as string;
  // Before anything quotes the URL: a password must not be repeated in a message.
  if (authority.includes('@')) {
    throw new SignetError(
      'ERR_URL_INVALID',
      'The URL has user credentials (user:password@) before the host, not shown here. Browsers do ' +
        'not send them, and a password does not belong in a link; remove the "user@" part.',
      { field },
    );
  }
  checkCharacters(url, 'URL', field, true);
  const hash = url.indexOf('#');
  if (hash >= 0) {
    throw new SignetError(
      'ERR_URL_FRAGMENT',
      `The URL ${shown} has a fragment (${showValue(url.slice(hash), /^#/)}). Browsers never send the ` +
        'fragment, so CloudFront could not match it. Sign the URL without it and add the fragment ' +
        'after the signing parameters.',
      { field },
    );
  }
  checkAuthority(url, scheme[1] as string, authority, field);
  if (rest.length === authority.length || rest[authority.length] === '?') {
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${shown} has no path. Browsers request ${scheme[0]}${authority}/ and CloudFront ` +
        'would rebuild the policy with that slash, so sign the URL with the "/" after the host.',
      { field },
    );
  }
  const queryStart = url.indexOf('?');
  const pathStart = (scheme[0] as string).length + authority.length;
  const path = url.slice(pathStart, queryStart < 0 ? url.length : queryStart);
  // WHATWG URL: ".", "..", and their %2e spellings are resolved before the request is sent.
  const dots = /\/((?:\.|%2e){1,2})(?=\/|$)/i.exec(path);
  if (dots) {
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${shown} has the dot segment "${dots[1]}" at position ${pathStart + dots.index + 2}. ` +
        'Browsers resolve it before sending (/a/../b becomes /b), so CloudFront would check another ' +
        `URL than the one signed. ${FIX}`,
      { field },
    );
  }
  const query = queryStart < 0 ? '' : url.slice(queryStart + 1);
  // WHATWG URL: in the query of an http(s) URL a ' is sent as %27.
  const apostrophe = query.indexOf("'");
  if (apostrophe >= 0) {
    throw new SignetError(
      'ERR_URL_CHARACTERS',
      `The URL ${shown} has a ' at position ${queryStart + apostrophe + 2}, in its query string. ` +
        `Browsers send it there as %27, so CloudFront would check another URL than the one signed. ${FIX}`,
      { field },
    );
  }
  for (const pair of query.split('&')) {
    const name = pair.split('=', 1)[0] as string;
    if ((SIGNING_PARAMETERS as readonly string[]).includes(name)) {
      throw new SignetError(
        'ERR_URL_SIGNED',
        `The URL ${shown} already carries the signing parameter ${name}. Sign the original ` +
          `URL without ${SIGNING_PARAMETERS.join(', ')}; to check an existing signed URL, inspect it.`,
        { field },
      );
    }
  }
  return url;
}

/**
 * Checks a custom policy's Resource: an http(s) URL or `*://` with optional `*` and `?`
 * wildcards, a bare `*`, or a resource starting with `*` in the domain (SPEC.md section 2).
 */
export function checkPolicyResource(resource: unknown, field = 'policyResource'): string {
  if (typeof resource !== 'string' || resource === '') {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource is ${resource === '' || resource === undefined ? 'empty' : `not text ${showValue(resource, RESOURCE_SHAPE)}`}. Give a URL, optionally with wildcards, such as ` +
        'https://d111111abcdef8.cloudfront.net/videos/*.',
      { field },
    );
  }
  refuseTooLong(resource, 'policy resource', field);
  checkCharacters(resource, 'policy resource', field, false);
  if (resource.includes('#')) {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${showValue(resource, RESOURCE_SHAPE)} has a "#". Fragments never reach CloudFront; remove it.`,
      { field },
    );
  }
  const scheme = /^([^:/]*):\/\//.exec(resource);
  if (scheme ? !['http', 'https', '*'].includes(scheme[1] as string) : !resource.startsWith('*')) {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${showValue(resource, RESOURCE_SHAPE)} must start with http://, https:// or *:// (or with * ` +
        'for any protocol and domain), for example https://d111111abcdef8.cloudfront.net/videos/*.',
      { field },
    );
  }
  if (scheme && resource.length === scheme[0].length) {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${showValue(resource, RESOURCE_SHAPE)} has no domain. Add one, or a * for any domain.`,
      { field },
    );
  }
  return resource;
}

/**
 * Printable ASCII but `"` and `\\` (they would break out of the policy's JSON string) and the
 * characters browsers percent-encode or rewrite (space, < > ` { } | ^), with `%` only as a %XX
 * escape: what every good URL is.
 */
const PLAIN = /^(?:[!#-$&-;=?-[\]_a-z~]|%[0-9A-Fa-f]{2})*$/;

function checkCharacters(text: string, what: string, field: string, isUrl: boolean): void {
  // The usual case in one regular expression; the loop below only runs to name the problem.
  if (PLAIN.test(text)) return;
  for (let i = 0; i < text.length; i++) {
    const problem = characterProblem(text, i);
    if (problem) {
      const fix = isUrl ? FIX : 'Percent-encode it the same way as the URLs it must match.';
      throw new SignetError(
        'ERR_URL_CHARACTERS',
        `The ${what} ${showValue(text, isUrl ? URL_SHAPE : RESOURCE_SHAPE)} has ${problem} at position ${i + 1}${whyRefused(text.charAt(i))}. CloudFront ` +
          `compares the exact characters sent, so Signet refuses rather than escapes it. ${fix}`,
        { field },
      );
    }
  }
}

/** What the character at `i` is, and why it is refused (after its position). */
function characterProblem(text: string, i: number): string | undefined {
  const code = text.charCodeAt(i);
  const char = text.charAt(i);
  if (code === 0x20) return 'a space';
  if (code < 0x20 || code === 0x7f) return 'a control character';
  if (code > 0x7e)
    return `the non-ASCII character ${quote(String.fromCodePoint(text.codePointAt(i) as number))}`;
  if (char === '"' || char === '\\') return `a ${char}`;
  if ('<>`{}|^'.includes(char)) return `a ${char}`;
  if (char === '%' && !/^%[0-9a-fA-F]{2}$/.test(text.slice(i, i + 3)))
    return 'a % that does not start a %XX escape';
  return undefined;
}

function whyRefused(char: string): string {
  if (char === '"' || char === '\\') return " (it would break out of the policy's JSON string)";
  return '<>`{}|^'.includes(char) ? ', which browsers send percent-encoded' : '';
}

function checkAuthority(url: string, scheme: string, authority: string, field: string): void {
  const shown = showValue(url, URL_SHAPE);
  const port = /:(\d*)$/.exec(authority);
  const host = port ? authority.slice(0, port.index) : authority;
  if (port) {
    const digits = port[1] as string;
    const problem =
      digits === ''
        ? 'an empty port (":" with no number), which browsers drop'
        : digits !== String(Number(digits)) || Number(digits) > 65535
          ? `the port :${digits}, which browsers rewrite or refuse (no leading zeros, at most 65535)`
          : (scheme === 'https' && digits === '443') || (scheme === 'http' && digits === '80')
            ? `the default port :${digits} for ${scheme}, which browsers drop before sending`
            : undefined;
    if (problem) {
      throw new SignetError(
        'ERR_URL_INVALID',
        `The URL ${shown} has ${problem}, so CloudFront would check another URL than the one signed. Sign it without ${digits === '' ? 'the ":"' : 'that port'}.`,
        { field },
      );
    }
  }
  if (/^(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?$|^\[[0-9a-f:.]+\]$/.test(host)) {
    // WHATWG URL reads a host ending in a number as an IPv4 address and rewrites it (127.1 is 127.0.0.1).
    const last = host.replace(/\.$/, '').split('.').at(-1) as string;
    if (
      !/^(?:\d+|0x[0-9a-f]*)$/.test(last) ||
      /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(host)
    )
      return;
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${shown} has the host ${quote(host)}, which browsers read as an IPv4 address and rewrite. Write the address as four numbers from 0 to 255 without leading zeros, such as 192.0.2.7.`,
      { field },
    );
  }
  const problem =
    host === ''
      ? 'has no host after the scheme'
      : /[A-Z]/.test(host) && /^(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?$/i.test(host)
        ? `has the host ${quote(host)} in capitals; browsers lower-case the host before sending, so write it in lower case`
        : `has the host ${showValue(authority, /^[\x21-\x7e]{1,253}$/)}, which is not a host name (letters, digits, hyphens and dots, then an optional :port)`;
  throw new SignetError('ERR_URL_INVALID', `The URL ${shown} ${problem}.`, { field });
}
