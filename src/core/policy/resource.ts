import { SignetError } from '../errors.ts';

/** The query parameters CloudFront reads as the signature (SPEC.md section 4). */
export const SIGNING_PARAMETERS = [
  'Expires',
  'Policy',
  'Signature',
  'Key-Pair-Id',
  'Hash-Algorithm',
] as const;

const FIX = 'Run it through encodeUrlForSigning() first and sign the string it returns.';

/**
 * Checks a URL to sign. It is refused, never rewritten: CloudFront compares the exact bytes, so
 * the string signed must be the string that goes over the wire (SPEC.md section 2, hygiene).
 */
export function checkUrlToSign(url: unknown, field = 'url'): string {
  if (typeof url !== 'string' || url === '') {
    throw new SignetError(
      'ERR_URL_INVALID',
      'A URL to sign is required, such as https://d111111abcdef8.cloudfront.net/image.jpg.',
      {
        field,
      },
    );
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url);
  if (!scheme || !/^https?$/.test(scheme[1] as string)) {
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${quote(url)} is not an absolute http:// or https:// URL. CloudFront signs full URLs ` +
        'such as https://d111111abcdef8.cloudfront.net/image.jpg (scheme and host in lower case).',
      { field },
    );
  }
  checkCharacters(url, 'URL', field, true);
  const hash = url.indexOf('#');
  if (hash >= 0) {
    throw new SignetError(
      'ERR_URL_FRAGMENT',
      `The URL ${quote(url)} has a fragment (${quote(url.slice(hash))}). Browsers never send the ` +
        'fragment, so CloudFront could not match it. Sign the URL without it and add the fragment ' +
        'after the signing parameters.',
      { field },
    );
  }
  const rest = url.slice((scheme[0] as string).length);
  const authority = rest.split(/[/?]/, 1)[0] as string;
  checkAuthority(url, authority, field);
  if (rest.length === authority.length || rest[authority.length] === '?') {
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${quote(url)} has no path. Browsers request ${scheme[0]}${authority}/ and CloudFront ` +
        'would rebuild the policy with that slash, so sign the URL with the "/" after the host.',
      { field },
    );
  }
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    const name = pair.split('=', 1)[0] as string;
    if ((SIGNING_PARAMETERS as readonly string[]).includes(name)) {
      throw new SignetError(
        'ERR_URL_SIGNED',
        `The URL ${quote(url)} already carries the signing parameter ${name}. Sign the original ` +
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
      'The policy resource is empty. Give a URL, optionally with wildcards, such as ' +
        'https://d111111abcdef8.cloudfront.net/videos/*.',
      { field },
    );
  }
  checkCharacters(resource, 'policy resource', field, false);
  if (resource.includes('#')) {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${quote(resource)} has a "#". Fragments never reach CloudFront; remove it.`,
      { field },
    );
  }
  const scheme = /^([^:/]*):\/\//.exec(resource);
  if (scheme ? !['http', 'https', '*'].includes(scheme[1] as string) : !resource.startsWith('*')) {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${quote(resource)} must start with http://, https:// or *:// (or with * ` +
        'for any protocol and domain), for example https://d111111abcdef8.cloudfront.net/videos/*.',
      { field },
    );
  }
  if (scheme && resource.length === scheme[0].length) {
    throw new SignetError(
      'ERR_RESOURCE_INVALID',
      `The policy resource ${quote(resource)} has no domain. Add one, or a * for any domain.`,
      { field },
    );
  }
  return resource;
}

/** Refuses what cannot sit unescaped in the policy's JSON string, or would be re-encoded in flight. */
/** Printable ASCII but `"` and `\`, with `%` only as a %XX escape: what every good URL is. */
const PLAIN = /^(?:[!#$&-[\]-~]|%[0-9A-Fa-f]{2})*$/;

function checkCharacters(text: string, what: string, field: string, isUrl: boolean): void {
  // The usual case in one regular expression; the loop below only runs to name the problem.
  if (PLAIN.test(text)) return;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    let problem: string | undefined;
    if (code <= 0x20 || code === 0x7f) problem = code === 0x20 ? 'a space' : 'a control character';
    else if (code > 0x7e) problem = `the non-ASCII character ${quote(char)}`;
    else if (char === '"' || char === '\\')
      problem = `a ${char} (it would break out of the policy's JSON string)`;
    else if (char === '%' && !/^%[0-9a-fA-F]{2}/.test(text.slice(i)))
      problem = 'a % that does not start a %XX escape';
    if (problem) {
      const fix = isUrl ? FIX : 'Percent-encode it the same way as the URLs it must match.';
      throw new SignetError(
        'ERR_URL_CHARACTERS',
        `The ${what} ${quote(text)} has ${problem} at position ${i + 1}. CloudFront compares the exact ` +
          `characters sent, so Signet refuses rather than escapes it. ${fix}`,
        { field },
      );
    }
  }
}

function checkAuthority(url: string, authority: string, field: string): void {
  if (authority.includes('@')) {
    throw new SignetError(
      'ERR_URL_INVALID',
      `The URL ${quote(url)} has user credentials before the host. Browsers do not send them; remove ` +
        'the "user@" part.',
      { field },
    );
  }
  const host = authority.replace(/:\d{1,5}$/, '');
  if (/^(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?$|^\[[0-9a-f:.]+\]$/.test(host)) return;
  const problem =
    host === ''
      ? 'has no host after the scheme'
      : /[A-Z]/.test(host) && /^(?:[a-z0-9-]+\.)*[a-z0-9-]+\.?$/i.test(host)
        ? `has the host ${quote(host)} in capitals; browsers lower-case the host before sending, so write it in lower case`
        : `has the host ${quote(authority)}, which is not a host name (letters, digits, hyphens and dots, then an optional :port)`;
  throw new SignetError('ERR_URL_INVALID', `The URL ${quote(url)} ${problem}.`, { field });
}

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
