import { SignetError } from '../errors.ts';
import { groupDigits, showValue } from '../lib/show-value.ts';
import { SIGNING_PARAMETERS, URL_SHAPE } from '../policy/resource.ts';

/** The signing values as found, under their query-string names (Expires, Policy, …). */
export type SigningValues = Partial<Record<(typeof SIGNING_PARAMETERS)[number], string>>;

/** Cookies as users have them: a Cookie header, a name/value map, or Set-Cookie lines. */
export type CookieInput = string | readonly string[] | Readonly<Record<string, string>>;

/** A signed URL taken apart: the URL CloudFront rebuilds, the signing values, and their order. */
export interface SignedUrlParts {
  /** The URL without the signing parameters, which is what a canned policy covers (SPEC.md section 6). */
  readonly unsignedUrl: string;
  readonly values: SigningValues;
  /** Names of the caller's own parameters that come after Key-Pair-Id. */
  readonly afterKeyPairId: readonly string[];
}

/**
 * The most that inspect reads: CloudFront refuses URLs over 8,192 bytes (inspect still decodes
 * such a link, to show why), and nothing longer is a link worth parsing.
 */
export const MAX_SIGNED_INPUT = 65536;

export function splitSignedUrl(url: string): SignedUrlParts {
  if (typeof url === 'string') refuseLongInput(url.length, 'signed URL', 'url');
  if (typeof url !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+/i.test(url.trim())) {
    throw new SignetError(
      'ERR_SIGNED_INPUT',
      `${showValue(typeof url === 'string' ? url.trim() : url, URL_SHAPE)} is not a URL. Paste the whole signed URL, starting with https://.`,
      { field: 'url' },
    );
  }
  const text = url.trim().split('#', 1)[0] as string;
  const queryStart = text.indexOf('?');
  if (queryStart < 0) return { unsignedUrl: text, values: {}, afterKeyPairId: [] };
  const values: Record<string, string> = {};
  const kept: string[] = [];
  const afterKeyPairId: string[] = [];
  for (const pair of text.slice(queryStart + 1).split('&')) {
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    if ((SIGNING_PARAMETERS as readonly string[]).includes(name)) {
      values[name] = equals < 0 ? '' : pair.slice(equals + 1);
    } else {
      kept.push(pair);
      if ('Key-Pair-Id' in values) afterKeyPairId.push(name);
    }
  }
  const base = text.slice(0, queryStart);
  return {
    unsignedUrl: kept.length ? `${base}?${kept.join('&')}` : base,
    values,
    afterKeyPairId,
  };
}

const COOKIE_PREFIX = 'CloudFront-';

/** Reads CloudFront's cookies from any of the usual shapes; other cookies are ignored. */
export function readSignedCookies(input: CookieInput): SigningValues {
  const pairs = cookiePairs(input);
  const values: Record<string, string> = {};
  for (const [name, value] of pairs) {
    if (!name.startsWith(COOKIE_PREFIX)) continue;
    const parameter = name.slice(COOKIE_PREFIX.length);
    if ((SIGNING_PARAMETERS as readonly string[]).includes(parameter)) values[parameter] = value;
  }
  return values;
}

function refuseLongInput(length: number, what: string, field: string): void {
  if (length <= MAX_SIGNED_INPUT) return;
  throw new SignetError(
    'ERR_SIGNED_INPUT',
    `The ${what} is ${groupDigits(length)} characters long; CloudFront takes 8,192 bytes in a URL, and Signet reads at most 65,536.`,
    { field },
  );
}

function cookiePairs(input: unknown): [string, string][] {
  const entries: unknown[][] = Array.isArray(input)
    ? input.map((line) => [line])
    : typeof input === 'object' && input !== null
      ? Object.entries(input)
      : [[input]];
  let length = 0;
  for (const text of entries.flat()) {
    if (typeof text !== 'string') {
      throw cookiesError(
        'Cookies must be text: a Cookie header, Set-Cookie lines, or a map of cookie names to values.',
      );
    }
    length += text.length;
  }
  refuseLongInput(length, 'cookie text', 'cookies');
  if (Array.isArray(input)) return input.flatMap(setCookiePair);
  if (typeof input !== 'string') {
    return (entries as string[][]).map(([name, value]) => [
      (name as string).trim(),
      (value as string).trim(),
    ]);
  }
  const text = input.trim();
  // `aws cloudfront sign-cookies` prints a JSON map; accept it pasted as is.
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw cookiesError(
        'The cookies start with "{" but are not valid JSON. Paste the JSON map as printed, a Cookie header, or Set-Cookie lines.',
      );
    }
    return cookiePairs(parsed);
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > 1 || /^set-cookie:/i.test(text)) return lines.flatMap(setCookiePair);
  return text
    .replace(/^cookie:\s*/i, '')
    .split(';')
    .map(pairOf)
    .filter((pair): pair is [string, string] => pair !== undefined);
}

function cookiesError(message: string): SignetError {
  return new SignetError('ERR_SIGNED_INPUT', message, { field: 'cookies' });
}

function setCookiePair(line: string): [string, string][] {
  const pair = pairOf(line.replace(/^\s*set-cookie:\s*/i, '').split(';', 1)[0] as string);
  return pair ? [pair] : [];
}

function pairOf(text: string): [string, string] | undefined {
  const equals = text.indexOf('=');
  if (equals < 0) return undefined;
  return [text.slice(0, equals).trim(), text.slice(equals + 1).trim()];
}
