import { SignetError, type SignetErrorCode } from '../errors.ts';
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
    `The ${what} is ${groupDigits(text.length)} characters long; CloudFront refuses URLs over 8,192 bytes. Shorten it.`,
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
  // The URL is only shown when a message needs it: showing scans it, and this runs per batch line.
  const fail = (problem: string, code: SignetErrorCode = 'ERR_URL_INVALID') =>
    new SignetError(code, `The URL ${showValue(url, URL_SHAPE)} ${problem}`, { field });
  if (typeof url !== 'string' || url === '') {
    throw fail(
      'is required: give the URL to sign, such as https://d111111abcdef8.cloudfront.net/image.jpg.',
    );
  }
  refuseTooLong(url, 'URL', field);
  const scheme = /^https?:\/\//.exec(url)?.[0];
  if (!scheme) {
    throw fail(
      'is not an absolute http:// or https:// URL. CloudFront signs full URLs such as ' +
        'https://d111111abcdef8.cloudfront.net/image.jpg (scheme and host in lower case).',
    );
  }
  const authority = url.slice(scheme.length).split(/[/?#]/, 1)[0] as string;
  // Before anything quotes the URL: a password must not be repeated in a message.
  if (authority.includes('@')) {
    throw new SignetError(
      'ERR_URL_INVALID',
      'The URL has credentials before the host (not shown), which browsers never send; remove them.',
      { field },
    );
  }
  checkCharacters(url, 'URL', field, true);
  const hash = url.indexOf('#');
  if (hash >= 0) {
    throw fail(
      'has a fragment, which browsers never send, so CloudFront could not match it. Sign the URL ' +
        'without it and add the fragment after the signing parameters.',
      'ERR_URL_FRAGMENT',
    );
  }
  const pathStart = scheme.length + authority.length;
  checkAuthority(authority, scheme, fail);
  if (url.length === pathStart || url[pathStart] === '?') {
    throw fail(
      `has no path. Browsers request ${scheme}${authority}/ and CloudFront would rebuild the ` +
        'policy with that slash, so sign the URL with the "/" after the host.',
    );
  }
  let queryStart = url.indexOf('?');
  if (queryStart < 0) queryStart = url.length;
  // WHATWG URL: ".", ".." and their %2e spellings are resolved before the request is sent, and a
  // ' in the query of an http(s) URL is sent as %27.
  const dots = /\/((?:\.|%2e){1,2})(?=\/|$)/i.exec(url.slice(pathStart, queryStart));
  if (dots) {
    throw fail(
      `has the dot segment "${dots[1]}" at position ${pathStart + dots.index + 2}, which browsers resolve. ${FIX}`,
    );
  }
  const query = url.slice(queryStart + 1);
  if (query.includes("'")) {
    throw fail(
      `has a ' at position ${queryStart + query.indexOf("'") + 2}, which browsers send as %27 in a query. ${FIX}`,
      'ERR_URL_CHARACTERS',
    );
  }
  for (const pair of query.split('&')) {
    const name = pair.split('=', 1)[0] as string;
    if ((SIGNING_PARAMETERS as readonly string[]).includes(name)) {
      throw fail(
        `already carries the signing parameter ${name}. Sign the original URL without ` +
          `${SIGNING_PARAMETERS.join(', ')}; to check an existing signed URL, inspect it.`,
        'ERR_URL_SIGNED',
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
  const fail = (problem: string) =>
    new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${showValue(resource, RESOURCE_SHAPE)} ${problem}`,
      { field },
    );
  if (typeof resource !== 'string' || resource === '') {
    throw fail(
      'is required: a URL, optionally with wildcards, such as https://d111111abcdef8.cloudfront.net/videos/*.',
    );
  }
  refuseTooLong(resource, 'policy resource', field);
  checkCharacters(resource, 'policy resource', field, false);
  if (resource.includes('#')) throw fail('has a "#". Fragments never reach CloudFront; remove it.');
  const scheme = /^([^:/]*):\/\//.exec(resource);
  if (scheme ? !['http', 'https', '*'].includes(scheme[1] as string) : !resource.startsWith('*')) {
    throw fail(
      'must start with http://, https:// or *:// (or with * for any protocol and domain), for ' +
        'example https://d111111abcdef8.cloudfront.net/videos/*.',
    );
  }
  if (scheme && resource.length === scheme[0].length) {
    throw fail('has no domain. Add one, or a * for any domain.');
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
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    const problem =
      code === 0x20
        ? 'a space'
        : code < 0x20 || code === 0x7f
          ? 'a control character'
          : code > 0x7e
            ? `the non-ASCII character ${quote(String.fromCodePoint(text.codePointAt(i) as number))}`
            : '"\\<>`{}|^'.includes(char)
              ? `a ${char}`
              : char === '%' && !/^%[0-9a-fA-F]{2}$/.test(text.slice(i, i + 3))
                ? 'a % that does not start a %XX escape'
                : undefined;
    if (problem) {
      const why = '"\\'.includes(char)
        ? " (it would break out of the policy's JSON string)"
        : '<>`{}|^'.includes(char)
          ? ', which browsers send percent-encoded'
          : '';
      throw new SignetError(
        'ERR_URL_CHARACTERS',
        `The ${what} ${showValue(text, isUrl ? URL_SHAPE : RESOURCE_SHAPE)} has ${problem} at position ${i + 1}${why}. CloudFront ` +
          `compares the exact characters sent, so Signet refuses rather than escapes it. ${isUrl ? FIX : 'Percent-encode it the same way as the URLs it must match.'}`,
        { field },
      );
    }
  }
}

function checkAuthority(
  authority: string,
  scheme: string,
  fail: (problem: string) => SignetError,
): void {
  const port = /:(\d*)$/.exec(authority);
  const host = port ? authority.slice(0, port.index) : authority;
  // Browsers drop an empty or default port, and write a port without leading zeros.
  const digits = port?.[1];
  if (
    digits !== undefined &&
    (digits !== String(Number(digits)) ||
      Number(digits) > 65535 ||
      `${scheme}${digits}` === 'https://443' ||
      `${scheme}${digits}` === 'http://80')
  ) {
    throw fail(
      `has the port ":${digits}", which browsers drop or rewrite. Sign it without that port.`,
    );
  }
  if (/^(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?$|^\[[0-9a-f:.]+\]$/.test(host)) return;
  throw fail(
    host === ''
      ? 'has no host after the scheme.'
      : /[A-Z]/.test(host) && /^[a-z0-9.-]+$/i.test(host)
        ? `has the host ${quote(host)} in capitals; browsers lower-case the host before sending, so write it in lower case.`
        : `has the host ${showValue(authority, /^[\x21-\x7e]{1,253}$/)}, which is not a host name (letters, digits, hyphens and dots, then an optional :port).`,
  );
}
