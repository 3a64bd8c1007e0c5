/**
 * Signing an AWS shared case (test/vectors/aws) the one way every suite asserts it: Vitest in
 * Node and the conformance bundle in each runtime. No node: imports, so it bundles anywhere.
 */
import {
  importPrivateKey,
  type SignetErrorCode,
  signCookies,
  signUrl,
} from '../../src/core/index.ts';
import type { AwsCase } from './vectors.ts';

/** Signing time for the cases: before every expiry in them. */
export const AWS_CASES_SIGNED_AT = Date.UTC(2026, 0, 1);

/** The code Signet gives each error case, by the case's name without its "(cookies file)" tail. */
export const AWS_CASE_ERROR_CODE: Readonly<Record<string, SignetErrorCode>> = {
  'error-missing-expiration': 'ERR_EXPIRY_REQUIRED',
  'error-active-after-expiration': 'ERR_START_NOT_BEFORE_EXPIRY',
  'error-unsupported-key-type': 'ERR_KEY_DSA',
  'json-injection-resource-url-reject': 'ERR_URL_CHARACTERS',
  'json-injection-ip-range-reject': 'ERR_IP_INVALID',
};

/** The query parameters of a URL in order, without any decoding (CloudFront reads them raw). */
export function rawQuery(url: string): Record<string, string> {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return Object.fromEntries(
    query.split('&').map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Signs a case with its key's text: the signed result, its URL parameters or cookies, the signature. */
export async function signAwsCase(testCase: AwsCase, keyText: string) {
  const privateKey = await importPrivateKey(keyText);
  const common = {
    keyPairId: testCase.keyPairId,
    privateKey,
    dateLessThan: testCase.dateLessThan as number,
    dateGreaterThan: testCase.dateGreaterThan,
    ipAddress: testCase.ipAddress,
    hashAlgorithm: testCase.hash,
    now: AWS_CASES_SIGNED_AT,
  };
  if (testCase.kind === 'url') {
    const signed = await signUrl({
      ...common,
      url: testCase.url,
      policyResource: testCase.resource,
    });
    const values = rawQuery(signed.url);
    return { signed, values, signature: values.Signature as string };
  }
  const signed = await signCookies({ ...common, resource: testCase.url });
  return {
    signed,
    values: signed.cookies,
    signature: signed.cookies['CloudFront-Signature'] as string,
  };
}
