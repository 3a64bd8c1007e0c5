import type { HashAlgorithm } from '../key/types.ts';
import { readOptions } from '../lib/options.ts';
import { showValue } from '../lib/show-value.ts';
import { cannedPolicyJson, type PolicyStatement, type PolicyType } from '../policy/policy.ts';
import { MAX_URL_BYTES } from '../policy/resource.ts';
import { MAX_EPOCH_SECONDS, readClock } from '../policy/time.ts';
import {
  type CookieInput,
  readSignedCookies,
  type SigningValues,
  splitSignedUrl,
} from './parameters.ts';
import { type PolicyReading, readEncodedPolicy } from './read-policy.ts';
import { type TimeView, timeView } from './time-view.ts';

export type InspectionWarningCode =
  | 'NOT_SIGNED'
  | 'MISSING_KEY_PAIR_ID'
  | 'MISSING_SIGNATURE'
  | 'MALFORMED_POLICY'
  | 'MALFORMED_EXPIRES'
  | 'EXPIRES_AND_POLICY'
  | 'UNKNOWN_HASH_ALGORITHM'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'WILDCARD_IN_CANNED'
  | 'URL_TOO_LONG'
  | 'HTTP_NOT_HTTPS'
  | 'SHA1_IN_USE'
  | 'PARAMETERS_AFTER_KEY_PAIR_ID';

export interface InspectionWarning {
  readonly code: InspectionWarningCode;
  readonly message: string;
}

/** Every part of a signed URL or signed cookies, decoded. Nothing here is verified. */
export interface Inspection {
  readonly source: 'url' | 'cookies';
  /** URLs: the URL without the signing parameters, as CloudFront rebuilds it for a canned policy. */
  readonly unsignedUrl?: string;
  /** The signing values exactly as found, under their query names (Expires, Policy, …). */
  readonly parameters: SigningValues;
  readonly policyType?: PolicyType;
  /** The policy JSON: decoded from Policy, or for a canned URL rebuilt from the URL and Expires. */
  readonly policy?: string;
  /** The statement's resource; for canned cookies it is whatever URL is requested. */
  readonly resource?: string;
  readonly dateLessThan?: TimeView;
  readonly dateGreaterThan?: TimeView;
  readonly ipAddress?: string;
  /** SHA1 unless Hash-Algorithm says SHA256; absent when Hash-Algorithm holds something else. */
  readonly hashAlgorithm?: HashAlgorithm;
  readonly keyPairId?: string;
  readonly signature?: string;
  readonly warnings: readonly InspectionWarning[];
}

export interface InspectOptions {
  /** The clock for "expired" and the relative times; defaults to the current time. */
  now?: Date | number;
}

/**
 * Takes a signed URL apart and decodes every piece. It never throws for a damaged link (the
 * damage is reported in `warnings`), only for input that is not a URL at all.
 */
export function inspectSignedUrl(url: string, options?: InspectOptions): Inspection {
  const clock = readOptions<InspectOptions>(options, '{ now }', { optional: true });
  const parts = splitSignedUrl(url);
  const extra: InspectionWarning[] = [];
  if (parts.afterKeyPairId.length) {
    extra.push({
      code: 'PARAMETERS_AFTER_KEY_PAIR_ID',
      message: `The parameter${parts.afterKeyPairId.length > 1 ? 's' : ''} ${parts.afterKeyPairId.join(', ')} come${parts.afterKeyPairId.length > 1 ? '' : 's'} after Key-Pair-Id. Signing parameters must be last; anything appended after signing changes the URL CloudFront checks.`,
    });
  }
  if (/^http:\/\//i.test(parts.unsignedUrl)) {
    extra.push({
      code: 'HTTP_NOT_HTTPS',
      message: 'The link uses http://, so it and its signature travel unencrypted.',
    });
  }
  const bytes = new TextEncoder().encode(url.trim()).length;
  if (bytes > MAX_URL_BYTES) {
    extra.push({
      code: 'URL_TOO_LONG',
      message: `The URL is ${bytes} bytes; CloudFront refuses URLs over ${MAX_URL_BYTES} bytes.`,
    });
  }
  return decodeValues('url', parts.values, clock, parts.unsignedUrl, extra).inspection;
}

/** Decodes signed cookies given as a Cookie header, a name/value map, or Set-Cookie lines. */
export function inspectSignedCookies(input: CookieInput, options?: InspectOptions): Inspection {
  const clock = readOptions<InspectOptions>(options, '{ now }', { optional: true });
  return decodeValues('cookies', readSignedCookies(input), clock, undefined, []).inspection;
}

/** What decoding found: the public inspection, plus what the CloudFront emulation needs. */
export interface Decoded {
  readonly inspection: Inspection;
  /** The policy statement, when it could be read (canned cookies: resource is ''). */
  readonly statement?: PolicyStatement;
  /** Why the policy (or canned Expires) could not be read. */
  readonly policyProblem?: string;
}

/** The shared decoding of signing values, for a URL or for cookies. */
export function decodeValues(
  source: 'url' | 'cookies',
  values: SigningValues,
  options: InspectOptions,
  unsignedUrl: string | undefined,
  extraWarnings: InspectionWarning[],
): Decoded {
  const nowSeconds = Math.floor(readClock(options.now) / 1000);
  const warnings: InspectionWarning[] = [];
  const name = (parameter: string) => (source === 'url' ? parameter : `CloudFront-${parameter}`);

  if (Object.keys(values).length === 0) {
    warnings.push({
      code: 'NOT_SIGNED',
      message:
        source === 'url'
          ? 'This URL has no signing parameters (Expires or Policy, Signature, Key-Pair-Id).'
          : 'No CloudFront-* signing cookies were found.',
    });
  }
  if (values['Key-Pair-Id'] === undefined || values['Key-Pair-Id'] === '') {
    if (Object.keys(values).length) {
      warnings.push({
        code: 'MISSING_KEY_PAIR_ID',
        message: `${name('Key-Pair-Id')} is missing, so CloudFront answers MissingKey.`,
      });
    }
  }
  if (Object.keys(values).length && !values.Signature) {
    warnings.push({ code: 'MISSING_SIGNATURE', message: `${name('Signature')} is missing.` });
  }

  const hashText = values['Hash-Algorithm'];
  let hashAlgorithm: HashAlgorithm | undefined = 'SHA1';
  if (hashText === 'SHA256') hashAlgorithm = 'SHA256';
  else if (hashText !== undefined && hashText !== 'SHA1') {
    hashAlgorithm = undefined;
    warnings.push({
      code: 'UNKNOWN_HASH_ALGORITHM',
      message: `${name('Hash-Algorithm')} is ${showValue(hashText, /^/)}; CloudFront knows only SHA256 (and SHA-1 when the parameter is absent).`,
    });
  } else if (Object.keys(values).length) {
    warnings.push({
      code: 'SHA1_IN_USE',
      message:
        'The signature uses SHA-1. CloudFront still accepts it, but SHA-256 (Hash-Algorithm=SHA256) is stronger.',
    });
  }

  let policyType: PolicyType | undefined;
  let statement: PolicyStatement | undefined;
  let policy: string | undefined;
  let policyProblem: string | undefined;
  if (values.Policy !== undefined) {
    policyType = 'custom';
    if (values.Expires !== undefined) {
      warnings.push({
        code: 'EXPIRES_AND_POLICY',
        message: `Both ${name('Expires')} and ${name('Policy')} are present; CloudFront uses the custom policy.`,
      });
    }
    const reading: PolicyReading = readEncodedPolicy(values.Policy);
    if ('problem' in reading) {
      policyProblem = reading.problem;
      warnings.push({
        code: 'MALFORMED_POLICY',
        message: `The policy cannot be read: ${reading.problem}.`,
      });
      policy = reading.json;
    } else {
      statement = reading.statement;
      policy = reading.json;
    }
  } else if (values.Expires !== undefined) {
    policyType = 'canned';
    const digits = /^\d+$/.test(values.Expires);
    if (!digits || Number(values.Expires) > MAX_EPOCH_SECONDS) {
      policyProblem = digits
        ? `${name('Expires')} is ${showValue(values.Expires, /^/)}, after 2038-01-19T03:14:07Z: out of CloudFront's range`
        : `${name('Expires')} is ${showValue(values.Expires, /^/)}, not whole seconds since the epoch`;
      warnings.push({ code: 'MALFORMED_EXPIRES', message: `${policyProblem}.` });
    } else {
      const dateLessThan = Number(values.Expires);
      // Canned cookies do not name their URL: CloudFront uses the requested one.
      statement = unsignedUrl === undefined ? undefined : { resource: unsignedUrl, dateLessThan };
      if (unsignedUrl !== undefined) policy = cannedPolicyJson(unsignedUrl, dateLessThan);
      if (statement === undefined) statement = { resource: '', dateLessThan };
    }
  }

  if (statement) {
    if (nowSeconds >= statement.dateLessThan) {
      warnings.push({
        code: 'EXPIRED',
        message: `Expired ${timeView(statement.dateLessThan, nowSeconds).relative} (${timeView(statement.dateLessThan, nowSeconds).iso}).`,
      });
    }
    if (statement.dateGreaterThan !== undefined && nowSeconds <= statement.dateGreaterThan) {
      const start = timeView(statement.dateGreaterThan, nowSeconds);
      warnings.push({
        code: 'NOT_YET_VALID',
        message: `Not valid until ${start.iso} (${start.relative}).`,
      });
    }
    if (policyType === 'canned' && statement.resource.includes('*')) {
      warnings.push({
        code: 'WILDCARD_IN_CANNED',
        message:
          'The URL has a * or ? but the policy is canned: in a canned policy they are plain characters, not wildcards.',
      });
    }
  }

  const resource = statement?.resource === '' ? undefined : statement?.resource;
  const inspection: Inspection = {
    source,
    ...(unsignedUrl === undefined ? {} : { unsignedUrl }),
    parameters: values,
    ...(policyType === undefined ? {} : { policyType }),
    ...(policy === undefined ? {} : { policy }),
    ...(resource === undefined ? {} : { resource }),
    ...(statement ? { dateLessThan: timeView(statement.dateLessThan, nowSeconds) } : {}),
    ...(statement?.dateGreaterThan === undefined
      ? {}
      : { dateGreaterThan: timeView(statement.dateGreaterThan, nowSeconds) }),
    ...(statement?.ipAddress === undefined ? {} : { ipAddress: statement.ipAddress }),
    ...(hashAlgorithm === undefined ? {} : { hashAlgorithm }),
    ...(values['Key-Pair-Id'] ? { keyPairId: values['Key-Pair-Id'] } : {}),
    ...(values.Signature ? { signature: values.Signature } : {}),
    warnings: [...warnings, ...extraWarnings],
  };
  return {
    inspection,
    ...(statement === undefined ? {} : { statement }),
    ...(policyProblem === undefined ? {} : { policyProblem }),
  };
}
