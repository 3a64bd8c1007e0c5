/**
 * cloudfront-signet: sign, inspect and verify Amazon CloudFront signed URLs and signed cookies
 * with WebCrypto, in any JavaScript runtime. This file only re-exports.
 */
export {
  SignetError,
  type SignetErrorCode,
  type SignetWarning,
  type SignetWarningCode,
} from './errors.ts';
export { generateKeyPair } from './key/generate.ts';
export { importPrivateKey, importPublicKey } from './key/import.ts';
export type {
  HashAlgorithm,
  KeyType,
  PrivateKeyFormat,
  PublicKey,
  SigningKey,
} from './key/types.ts';
export { type EncodedUrl, encodeUrlForSigning } from './policy/encode-url.ts';
export type { PolicyType } from './policy/policy.ts';
export type { TimeInput } from './policy/time.ts';
export type { SigningOptions } from './sign/conditions.ts';
export {
  type CookieAttributes,
  type SignCookiesOptions,
  type SignedCookies,
  signCookies,
} from './sign/cookies.ts';
export { type SignedUrl, type SignUrlOptions, signUrl } from './sign/url.ts';
