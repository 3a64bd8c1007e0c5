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
export type { CloudFrontError } from './guard/cloudfront-error.ts';
export {
  type RestrictViewerAccessOptions,
  restrictViewerAccess,
  type ViewerAccess,
  type ViewerAccessGuard,
  type ViewerAllowed,
  type ViewerDenied,
  type ViewerOptions,
} from './guard/restrict-viewer-access.ts';
export {
  type CloudFrontErrorCode,
  type EvaluateRequestOptions,
  evaluateRequest,
  type TrustedKeys,
  type Verdict,
} from './inspect/evaluate.ts';
export {
  type Inspection,
  type InspectionWarning,
  type InspectionWarningCode,
  type InspectOptions,
  inspectSignedCookies,
  inspectSignedUrl,
} from './inspect/inspect.ts';
export type { CookieInput } from './inspect/parameters.ts';
export type { TimeView } from './inspect/time-view.ts';
export {
  type SignatureCheck,
  type VerifySignatureOptions,
  verifySignature,
} from './inspect/verify.ts';
export { matchResource, type ResourceMatch, type WildcardReading } from './inspect/wildcard.ts';
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
export { type BatchResult, type SignUrlsOptions, signUrls } from './sign/batch.ts';
export type { SignatureDetails, SigningOptions } from './sign/conditions.ts';
export {
  type CookieAttributes,
  type SignCookiesOptions,
  type SignedCookies,
  signCookies,
} from './sign/cookies.ts';
export { type RawSigner, signatureParams } from './sign/signature.ts';
export { type SignedUrl, type SignUrlOptions, signUrl } from './sign/url.ts';
