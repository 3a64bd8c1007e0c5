/**
 * The state that several views share, owned by <signet-app> and passed down as properties.
 * Views report changes with the events declared here; they never change these objects in place.
 */
import type { Inspection, SigningKey, SigningOptions } from '../core/index.ts';
import type { Problem } from './lib/problem.ts';
import { localInputToEpoch, localText, nowSeconds } from './lib/time.ts';

/** How long a signature lasts: a quick choice counted from the moment of signing, or a fixed time. */
export type Expiry =
  | { readonly kind: 'preset'; readonly seconds: number }
  | { readonly kind: 'exact'; readonly local: string };

/** The conditions of the policy, shared by signed URLs, signed cookies and batches. */
export interface SigningConditions {
  readonly keyPairId: string;
  readonly rememberKeyPairId: boolean;
  readonly expiry: Expiry;
  /** datetime-local value, or '' for no start time (DateGreaterThan). */
  readonly start: string;
  /** IPv4 address or CIDR for IpAddress, or ''. */
  readonly ipAddress: string;
  /** '' means the key type's default: SHA1 for RSA, SHA256 for ECDSA (SPEC.md section 3). */
  readonly hashAlgorithm: '' | 'SHA1' | 'SHA256';
}

export const EXPIRY_PRESETS: readonly { readonly label: string; readonly seconds: number }[] = [
  { label: '15 minutes', seconds: 15 * 60 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86400 },
  { label: '7 days', seconds: 7 * 86400 },
];

export function defaultConditions(keyPairId: string): SigningConditions {
  return {
    keyPairId,
    rememberKeyPairId: true,
    expiry: { kind: 'preset', seconds: 3600 },
    start: '',
    ipAddress: '',
    hashAlgorithm: '',
  };
}

/** The expiry as epoch seconds at this moment, or undefined when the exact time is blank. */
export function expiryEpoch(expiry: Expiry, now = nowSeconds()): number | undefined {
  return expiry.kind === 'preset' ? now + expiry.seconds : localInputToEpoch(expiry.local);
}

/** The last second CloudFront's AWS:EpochTime can hold: 2038-01-19T03:14:07Z (SPEC.md section 2). */
const LAST_EPOCH_SECOND = 2147483647;

/**
 * A picked time as the core takes it. A time CloudFront cannot hold is refused here, in the
 * picker's own terms, since no reading of its digits (milliseconds?) could make it right.
 */
function pickedTime(seconds: number | undefined, field: string, what: string): number | undefined {
  if (seconds === undefined || (seconds >= 0 && seconds <= LAST_EPOCH_SECOND)) return seconds;
  const problem: Problem = {
    field,
    code: 'ERR_TIME_RANGE',
    message: `The ${what} ${localText(seconds)} is ${seconds < 0 ? 'before 1970' : 'after 19 January 2038, 03:14:07 UTC'}, beyond the times CloudFront can read. Pick a time between.`,
  };
  throw problem;
}

/**
 * The core's signing options for these conditions at `now`. Blank optional fields are left out,
 * so the policy stays canned unless the user asked for a condition.
 */
export function toSigningOptions(
  conditions: SigningConditions,
  privateKey: SigningKey,
  now = nowSeconds(),
): SigningOptions {
  const dateLessThan = pickedTime(expiryEpoch(conditions.expiry, now), 'dateLessThan', 'expiry');
  const dateGreaterThan = pickedTime(
    localInputToEpoch(conditions.start),
    'dateGreaterThan',
    'start time',
  );
  return {
    keyPairId: conditions.keyPairId.trim(),
    privateKey,
    // '' reaches the core's own "an expiry is required" error, tied to the expiry field.
    dateLessThan: dateLessThan ?? '',
    ...(dateGreaterThan === undefined ? {} : { dateGreaterThan }),
    ...(conditions.ipAddress.trim() ? { ipAddress: conditions.ipAddress.trim() } : {}),
    ...(conditions.hashAlgorithm ? { hashAlgorithm: conditions.hashAlgorithm } : {}),
  };
}

/** The views, in tab order. */
export const VIEWS = [
  { id: 'sign', label: 'Sign a URL' },
  { id: 'cookies', label: 'Signed cookies' },
  { id: 'inspect', label: 'Inspect a link' },
  { id: 'batch', label: 'Batch' },
  { id: 'setup', label: 'Set up CloudFront' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** Events that views send up to <signet-app>; all bubble and cross shadow roots. */
export interface SignetEvents {
  'conditions-change': CustomEvent<Partial<SigningConditions>>;
  'key-input': CustomEvent<{ input: Uint8Array | string; name: string }>;
  'key-passphrase': CustomEvent<string>;
  'key-forget': CustomEvent<void>;
  'key-generate': CustomEvent<'RSA' | 'ECDSA'>;
  'view-request': CustomEvent<ViewId>;
  'sign-request': CustomEvent<SignRequest>;
}

/** A decoded link whose resource and conditions go into a signing form (from Inspect). */
export type SignRequest = Inspection;

/** Sends one of the events above from `source`. */
export function emit<K extends keyof SignetEvents>(
  source: EventTarget,
  type: K,
  detail: SignetEvents[K]['detail'],
): void {
  source.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** The private key as the page holds it. The key itself is only ever in memory. */
export interface KeyState {
  readonly signingKey?: SigningKey;
  /** Where it came from, for the summary: a file name, "pasted PEM" or "generated here". */
  readonly origin?: string;
  /** Set while an encrypted key waits for its passphrase: the file's name. */
  readonly lockedName?: string;
  readonly busy: boolean;
  /** Why the last key could not be loaded (a wrong passphrase has code ERR_KEY_PASSPHRASE_WRONG). */
  readonly problem?: Problem;
  /** The key this one replaced, so the bar can say so. */
  readonly replaced?: SigningKey;
}
