import { SignetError, type SignetWarning } from '../errors.ts';
import { importPrivateKey } from '../key/import.ts';
import { isSigningKeyShape } from '../key/shape.ts';
import type { HashAlgorithm, SigningKey } from '../key/types.ts';
import { readOptions } from '../lib/options.ts';
import { showValue } from '../lib/show-value.ts';
import { parseSourceIp } from '../policy/ip.ts';
import type { PolicyType } from '../policy/policy.ts';
import { isoTime, readClock, type TimeInput, toEpochSeconds } from '../policy/time.ts';
import { checkKeyPairId } from './key-pair-id.ts';

/** How the options of the signing calls look, for the message that refuses anything else. */
export const SIGNING_EXAMPLE = '{ url, keyPairId, privateKey, dateLessThan }';

/** What every signature needs, for URLs and cookies alike. */
export interface SigningOptions {
  /** The CloudFront public key ID (starts with K), or a legacy key pair ID (APKA…). */
  keyPairId: string;
  /**
   * A key from `importPrivateKey()`. A PEM string works too, but is parsed on every call, as the
   * AWS SDK does; import it once when you sign more than a few.
   */
  privateKey: SigningKey | string;
  /** The expiry: access is refused from this second on. Date, epoch seconds, or an AWS CLI date. */
  dateLessThan: TimeInput;
  /** Optional start: access is refused on or before this second. Makes the policy custom. */
  dateGreaterThan?: TimeInput;
  /** Optional viewer IPv4 address or CIDR range (a bare address means /32). Makes the policy custom. */
  ipAddress?: string;
  /** SHA1 (default for RSA) or SHA256 (default for ECDSA); `SHA-256` and lower case are read too. */
  hashAlgorithm?: string;
  /** The clock, for warnings such as "already expired"; defaults to the current time. */
  now?: Date | number;
}

/** What a signed URL and signed cookies both report: the policy, why, and the signature. */
export interface SignatureDetails {
  readonly policyType: PolicyType;
  /** The policy JSON that was signed (for canned, the policy CloudFront rebuilds). */
  readonly policy: string;
  /** Why canned or custom, in words. */
  readonly why: string;
  readonly resource: string;
  readonly dateLessThan: number;
  readonly dateGreaterThan?: number;
  readonly ipAddress?: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly keyPairId: string;
  /** The signature in CloudFront's base64. */
  readonly signature: string;
  readonly warnings: readonly SignetWarning[];
}

/** The options, read and checked once, in the shapes the policy and signature need. */
export interface Conditions {
  readonly keyPairId: string;
  readonly privateKey: SigningKey;
  readonly hashAlgorithm: HashAlgorithm;
  readonly dateLessThan: number;
  readonly dateGreaterThan?: number;
  readonly ipAddress?: string;
  readonly warnings: SignetWarning[];
}

/** Reads the shared options; throws the first SignetError, naming its field. */
export async function readConditions(input: SigningOptions): Promise<Conditions> {
  const options = readOptions<SigningOptions>(input, SIGNING_EXAMPLE);
  const keyPairId = checkKeyPairId(options.keyPairId);
  if (
    options.dateLessThan === undefined ||
    options.dateLessThan === null ||
    options.dateLessThan === ''
  ) {
    throw new SignetError(
      'ERR_EXPIRY_REQUIRED',
      'An expiry (dateLessThan) is required: CloudFront refuses signatures without one. Give a Date, ' +
        'epoch seconds, or a date such as 2026-12-31T23:59:59Z.',
      { field: 'dateLessThan' },
    );
  }
  const dateLessThan = toEpochSeconds(options.dateLessThan, 'dateLessThan', 'expiry');
  const dateGreaterThan =
    options.dateGreaterThan === undefined || options.dateGreaterThan === ''
      ? undefined
      : toEpochSeconds(options.dateGreaterThan, 'dateGreaterThan', 'start time');
  if (dateGreaterThan !== undefined && dateGreaterThan >= dateLessThan) {
    throw new SignetError(
      'ERR_START_NOT_BEFORE_EXPIRY',
      `The start time (dateGreaterThan) ${isoTime(dateGreaterThan)} is not before the expiry ` +
        `(dateLessThan) ${isoTime(dateLessThan)}, so the link could never be used. Move the start ` +
        'earlier or the expiry later.',
      { field: 'dateGreaterThan' },
    );
  }
  const ipAddress =
    options.ipAddress === undefined || options.ipAddress === ''
      ? undefined
      : parseSourceIp(options.ipAddress).cidr;
  const privateKey = await readPrivateKey(options.privateKey);
  const hashAlgorithm = readHashAlgorithm(options.hashAlgorithm, privateKey);

  const warnings: SignetWarning[] = [...privateKey.warnings];
  if (privateKey.type === 'ECDSA' && hashAlgorithm === 'SHA1') {
    warnings.push({
      code: 'ECDSA_SHA1',
      message:
        'ECDSA with SHA-1: CloudFront accepts it, but the AWS CLI refuses this pair and SHA-1 is ' +
        'weak. Prefer SHA256 (the default for ECDSA keys).',
    });
  }
  const now = Math.floor(readClock(options.now) / 1000);
  if (now >= dateLessThan) {
    warnings.push({
      code: 'ALREADY_EXPIRED',
      message: `The expiry ${isoTime(dateLessThan)} has already passed, so CloudFront will refuse this signature.`,
    });
  }
  return {
    keyPairId,
    privateKey,
    hashAlgorithm,
    dateLessThan,
    ...(dateGreaterThan === undefined ? {} : { dateGreaterThan }),
    ...(ipAddress === undefined ? {} : { ipAddress }),
    warnings,
  };
}

async function readPrivateKey(value: unknown): Promise<SigningKey> {
  if (typeof value === 'string') return importPrivateKey(value);
  if (isSigningKeyShape(value)) return value;
  throw new SignetError(
    'ERR_KEY_NOT_RECOGNIZED',
    'privateKey must be a signing key from importPrivateKey() (or a PEM string). Import the key ' +
      'file once with importPrivateKey() and pass the result.',
    { field: 'privateKey' },
  );
}

/** Reads SHA1/SHA256 in any usual spelling; the default follows the key type (SPEC.md section 3). */
export function readHashAlgorithm(value: unknown, key: Pick<SigningKey, 'type'>): HashAlgorithm {
  if (value === undefined || value === '') return key.type === 'ECDSA' ? 'SHA256' : 'SHA1';
  const name = typeof value === 'string' ? value.toUpperCase().replace('-', '') : '';
  if (name === 'SHA1' || name === 'SHA256') return name;
  throw new SignetError(
    'ERR_HASH_ALGORITHM',
    `The hash algorithm ${showValue(value, /^[A-Za-z0-9-]{1,12}$/)} is not one CloudFront accepts. Use SHA1 or SHA256.`,
    { field: 'hashAlgorithm' },
  );
}
