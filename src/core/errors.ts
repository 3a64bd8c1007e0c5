/**
 * Every failure Signet reports, as a stable string. Match on `error.code`, never on the message:
 * messages are written for people and may be reworded; codes only ever grow.
 */
export type SignetErrorCode =
  // The key file: what it is, and why it cannot sign.
  | 'ERR_KEY_EMPTY'
  | 'ERR_KEY_TOO_LARGE'
  | 'ERR_KEY_NOT_RECOGNIZED'
  | 'ERR_KEY_TRUNCATED'
  | 'ERR_KEY_BASE64'
  | 'ERR_KEY_MALFORMED'
  | 'ERR_KEY_IS_PUBLIC'
  | 'ERR_KEY_IS_CERTIFICATE'
  | 'ERR_KEY_IS_PRIVATE'
  | 'ERR_KEY_MULTIPLE'
  | 'ERR_KEY_OPENSSH'
  | 'ERR_KEY_PUTTY'
  | 'ERR_KEY_LEGACY_ENCRYPTED'
  | 'ERR_KEY_ENCRYPTION_UNSUPPORTED'
  | 'ERR_KEY_PASSPHRASE_REQUIRED'
  | 'ERR_KEY_PASSPHRASE_WRONG'
  | 'ERR_KEY_ED25519'
  | 'ERR_KEY_EC_CURVE'
  | 'ERR_KEY_DSA'
  | 'ERR_KEY_TYPE_UNSUPPORTED'
  | 'ERR_KEY_TYPE_GENERATE'
  // What to sign, and the conditions of the policy.
  | 'ERR_KEY_PAIR_ID'
  | 'ERR_URL_INVALID'
  | 'ERR_URL_SIGNED'
  | 'ERR_URL_FRAGMENT'
  | 'ERR_URL_CHARACTERS'
  | 'ERR_RESOURCE_INVALID'
  | 'ERR_URL_NOT_COVERED'
  | 'ERR_EXPIRY_REQUIRED'
  | 'ERR_TIME_INVALID'
  | 'ERR_TIME_MILLISECONDS'
  | 'ERR_TIME_RANGE'
  | 'ERR_START_NOT_BEFORE_EXPIRY'
  | 'ERR_IP_INVALID'
  | 'ERR_IP_V6'
  | 'ERR_HASH_ALGORITHM'
  | 'ERR_COOKIE_ATTRIBUTE'
  // Reading a link or cookies back (inspect and verify).
  | 'ERR_SIGNED_INPUT'
  // Batches.
  | 'ERR_BATCH_INPUT'
  | 'ERR_SIGNING_FAILED'
  | 'ERR_ABORTED'
  // Anything: the options themselves are not an object.
  | 'ERR_OPTIONS_INVALID';

/**
 * The one error class Signet throws. Check it with `instanceof SignetError` and branch on `code`:
 *
 * ```ts
 * try { await importPrivateKey(text) }
 * catch (error) {
 *   if (error instanceof SignetError && error.code === 'ERR_KEY_PASSPHRASE_REQUIRED') askForIt()
 * }
 * ```
 */
export class SignetError extends Error {
  // Hard-coded: minifiers rename classes, and `name` is what logs and consoles show.
  override readonly name = 'SignetError';
  readonly code: SignetErrorCode;
  /** The option the error is about (`url`, `dateLessThan`, …), so a form can show it by that field. */
  readonly field?: string;

  constructor(
    code: SignetErrorCode,
    message: string,
    options?: { cause?: unknown; field?: string },
  ) {
    // Only text becomes the message: Error would call String() on anything else, which can throw.
    super(
      typeof message === 'string' ? message : 'Signet refused an input.',
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    if (typeof options?.field === 'string' && options.field) this.field = options.field;
  }
}

/** A condition that does not stop signing but that the user should know about. */
export interface SignetWarning {
  readonly code: SignetWarningCode;
  readonly message: string;
}

export type SignetWarningCode =
  | 'RSA_KEY_SIZE'
  | 'ECDSA_SHA1'
  | 'URL_TOO_LONG'
  | 'COOKIE_TOO_LARGE'
  | 'CANNED_COOKIE_ONE_URL'
  | 'ALREADY_EXPIRED'
  | 'HTTP_NOT_HTTPS';
