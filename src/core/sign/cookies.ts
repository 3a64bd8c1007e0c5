import { SignetError } from '../errors.ts';
import { encodeCloudFrontBase64 } from '../lib/base64.ts';
import { readOptions } from '../lib/options.ts';
import { showValue } from '../lib/show-value.ts';
import { choosePolicy } from '../policy/policy.ts';
import { checkPolicyResource, checkUrlToSign } from '../policy/resource.ts';
import { readConditions, type SignatureDetails, type SigningOptions } from './conditions.ts';
import { signPolicy } from './signature.ts';

/** Browsers cap one cookie (name, value and attributes) near this many bytes (SPEC.md section 5). */
export const MAX_COOKIE_BYTES = 4096;

/** Attributes for the Set-Cookie lines. Secure and HttpOnly are on unless turned off. */
export interface CookieAttributes {
  /** The narrowest domain that covers your site, e.g. `media.example.com`; never `cloudfront.net`. */
  domain?: string;
  /**
   * e.g. `/videos/`. Default: the resource's folder up to its first wildcard (`/videos/` for
   * `https://d111111abcdef8.cloudfront.net/videos/*`), since a cookie without Path is scoped by
   * browsers to the folder of the page that set it, which may not cover the content.
   */
  path?: string;
  /** Default true: the signature then never travels over plain http. */
  secure?: boolean;
  /** Default true: page scripts cannot read the signature. */
  httpOnly?: boolean;
  /** Strict, Lax or None (any case). None needs Secure. */
  sameSite?: 'Strict' | 'Lax' | 'None' | 'strict' | 'lax' | 'none';
  /** Write `Expires=` (true: at the policy's expiry). Default: none, so these are session cookies. */
  expires?: boolean | Date;
  /** Write `Max-Age=` in seconds. Default: none. */
  maxAge?: number;
}

export interface SignCookiesOptions extends SigningOptions {
  /**
   * What the cookies unlock: one exact URL (canned, if nothing else is set), or a resource with
   * wildcards such as `https://d111111abcdef8.cloudfront.net/videos/*` (custom).
   */
  resource: string;
  cookieAttributes?: CookieAttributes;
}

export interface SignedCookies extends SignatureDetails {
  /** Cookie name to value, in the order CloudFront documents them. */
  readonly cookies: Readonly<Record<string, string>>;
  /** One Set-Cookie header value per cookie (without the `Set-Cookie: ` prefix). */
  readonly setCookieHeaders: readonly string[];
}

const encoder = new TextEncoder();

/**
 * Makes CloudFront signed cookies: the name/value map (as `aws cloudfront sign-cookies` prints it)
 * and ready Set-Cookie header values.
 */
export async function signCookies(input: SignCookiesOptions): Promise<SignedCookies> {
  const options = readOptions<SignCookiesOptions>(
    input,
    '{ resource, keyPairId, privateKey, dateLessThan }',
  ) as SignCookiesOptions;
  const resource = readCookieResource(options.resource);
  const attributes = readAttributes(
    readOptions<CookieAttributes>(options.cookieAttributes, "{ domain: 'media.example.com' }", {
      optional: true,
      field: 'cookieAttributes',
    }),
    resource,
  );
  const conditions = await readConditions(options);
  const policy = choosePolicy({ resource, ...conditions });
  const signature = await signPolicy(policy.json, conditions.privateKey, conditions.hashAlgorithm);

  const cookies: Record<string, string> =
    policy.type === 'canned'
      ? { 'CloudFront-Expires': String(policy.dateLessThan) }
      : { 'CloudFront-Policy': encodeCloudFrontBase64(encoder.encode(policy.json)) };
  cookies['CloudFront-Signature'] = signature;
  cookies['CloudFront-Key-Pair-Id'] = conditions.keyPairId;
  if (conditions.hashAlgorithm === 'SHA256') cookies['CloudFront-Hash-Algorithm'] = 'SHA256';

  const suffix = attributeSuffix(attributes, policy.dateLessThan);
  const setCookieHeaders = Object.entries(cookies).map(
    ([name, value]) => `${name}=${value}${suffix}`,
  );

  const warnings = [...conditions.warnings];
  for (const header of setCookieHeaders) {
    const bytes = encoder.encode(header).length;
    if (bytes > MAX_COOKIE_BYTES) {
      const name = header.slice(0, header.indexOf('='));
      warnings.push({
        code: 'COOKIE_TOO_LARGE',
        message: `The ${name} cookie is ${bytes} bytes; browsers drop cookies over about ${MAX_COOKIE_BYTES}. Shorten the policy resource.`,
      });
    }
  }
  if (policy.type === 'canned') {
    warnings.push({
      code: 'CANNED_COOKIE_ONE_URL',
      message: `A canned policy cookie unlocks only ${resource} exactly. For a folder, a site or a stream, use a wildcard resource such as ${wildcardExample(resource)}, which makes the policy custom.`,
    });
  }
  return {
    cookies,
    setCookieHeaders,
    policyType: policy.type,
    policy: policy.json,
    why: policy.why,
    resource,
    dateLessThan: policy.dateLessThan,
    ...(policy.dateGreaterThan === undefined ? {} : { dateGreaterThan: policy.dateGreaterThan }),
    ...(policy.ipAddress === undefined ? {} : { ipAddress: policy.ipAddress }),
    hashAlgorithm: conditions.hashAlgorithm,
    keyPairId: conditions.keyPairId,
    signature,
    warnings,
  };
}

/** A wildcard resource is a policy resource; anything else must be one exact URL. */
function readCookieResource(resource: unknown): string {
  if (typeof resource === 'string' && (resource.includes('*') || !/^https?:\/\//.test(resource))) {
    return checkPolicyResource(resource, 'resource');
  }
  return checkUrlToSign(resource, 'resource');
}

function wildcardExample(resource: string): string {
  const match = /^([a-z*]+:\/\/[^/]+\/)/.exec(resource);
  return match ? `${match[1]}*` : 'https://d111111abcdef8.cloudfront.net/*';
}

interface Attributes {
  domain?: string;
  path?: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  expires?: boolean | Date;
  maxAge?: number;
}

function readAttributes(input: Partial<CookieAttributes>, resource: string): Attributes {
  const fail = (message: string): never => {
    throw new SignetError('ERR_COOKIE_ATTRIBUTE', message, { field: 'cookieAttributes' });
  };
  for (const [name, type] of [
    ['domain', 'string'],
    ['path', 'string'],
    ['secure', 'boolean'],
    ['httpOnly', 'boolean'],
  ] as const) {
    if (input[name] !== undefined && typeof input[name] !== type) {
      fail(
        `The cookie ${name} must be ${type === 'string' ? 'text' : 'true or false'}; got ${showValue(input[name], /^$/)}.`,
      );
    }
  }
  const out: Attributes = {
    secure: input.secure ?? true,
    httpOnly: input.httpOnly ?? true,
    // RFC 6265 4.1.1: a ; , space or control character would start an attribute of its own,
    // whether the path is given or taken from the resource.
    path: input.path || defaultCookiePath(resource),
  };
  if (!/^\/[\x21-\x2b\x2d-\x3a\x3c-\x7e]*$/.test(out.path as string)) {
    fail(
      `The cookie path ${showValue(out.path, /^\//)}${input.path ? '' : ', taken from the resource,'} must start with / and hold no ; , spaces or control characters. Give a path such as "/".`,
    );
  }
  if (input.domain !== undefined && input.domain !== '') {
    const domain = input.domain.replace(/^\./, '');
    const shown = showValue(input.domain, /^\.?[\w.-]+$/);
    if (!/^(?:[a-z0-9-]+\.)+[a-z0-9-]+$/.test(domain)) {
      fail(`The cookie domain ${shown} is not a lower-case host name such as media.example.com.`);
    }
    if (domain === 'cloudfront.net' || domain === 'amazonaws.com') {
      fail(
        `The cookie domain ${shown} is a shared suffix that browsers refuse cookies for. ` +
          'Serve the distribution from your own domain (an alternate domain name) and use that, e.g. media.example.com.',
      );
    }
    out.domain = domain;
  }
  if (input.sameSite !== undefined) {
    const sameSite =
      typeof input.sameSite === 'string'
        ? ({ strict: 'Strict', lax: 'Lax', none: 'None' } as const)[
            input.sameSite.toLowerCase() as 'strict' | 'lax' | 'none'
          ]
        : undefined;
    if (!sameSite) {
      fail(`SameSite ${showValue(input.sameSite, /^[A-Za-z]{1,12}$/)} is not Strict, Lax or None.`);
    }
    if (sameSite === 'None' && !out.secure)
      fail('SameSite=None needs Secure: browsers drop such cookies without it.');
    out.sameSite = sameSite;
  }
  if (input.expires !== undefined && input.expires !== false) {
    const valid =
      input.expires === true ||
      (input.expires instanceof Date && !Number.isNaN(input.expires.getTime()));
    if (!valid) {
      fail(
        `The cookie Expires must be true (at the policy's expiry) or a valid Date; got ${showValue(input.expires, /^$/)}.`,
      );
    }
    out.expires = input.expires as boolean | Date;
  }
  if (input.maxAge !== undefined) {
    if (!Number.isInteger(input.maxAge) || (input.maxAge as number) < 0) {
      fail(
        `Max-Age ${showValue(input.maxAge, /^$/)} must be a whole number of seconds, 0 or more.`,
      );
    }
    out.maxAge = input.maxAge as number;
  }
  return out;
}

/** The folder a resource covers, up to its first wildcard or query: `/videos/` for `…/videos/*`. */
function defaultCookiePath(resource: string): string {
  const path =
    /^[^/]*:\/\/[^/]*(\/.*)?$/.exec(resource)?.[1] ?? resource.slice(resource.indexOf('/'));
  const wild = path.search(/[*?]/);
  const fixed = wild < 0 ? path : path.slice(0, wild);
  const folder = fixed.slice(0, fixed.lastIndexOf('/') + 1);
  return folder.startsWith('/') ? folder : '/';
}

function attributeSuffix(attributes: Attributes, dateLessThan: number): string {
  const parts: string[] = [];
  if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
  if (attributes.path) parts.push(`Path=${attributes.path}`);
  // Expires is written by Signet in the IMF-fixdate form, whose comma and spaces belong there.
  if (attributes.expires) {
    const when = attributes.expires === true ? new Date(dateLessThan * 1000) : attributes.expires;
    parts.push(`Expires=${when.toUTCString()}`);
  }
  if (attributes.maxAge !== undefined) parts.push(`Max-Age=${attributes.maxAge}`);
  if (attributes.secure) parts.push('Secure');
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.sameSite) parts.push(`SameSite=${attributes.sameSite}`);
  return parts.map((part) => `; ${part}`).join('');
}
