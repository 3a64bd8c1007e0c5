import { describe, expect, it } from 'vitest';
import { SignetError } from '../../src/core/index.ts';
import { AWS_CASE_ERROR_CODE, signAwsCase } from '../support/aws-cases.ts';
import { fromCloudFrontBase64 } from '../support/cloudfront-base64.ts';
import { opensslVerifies } from '../support/openssl.ts';
import { type AwsCase, awsCases, vectorFile } from '../support/vectors.ts';

const sign = (testCase: AwsCase) => signAwsCase(testCase, vectorFile(testCase.keyFile));

async function verifies(testCase: AwsCase, signature: string, hash: 'SHA1' | 'SHA256') {
  const publicPem = vectorFile(testCase.publicKeyFile ?? 'keys/sep-test-ecdsa-key-public.pem');
  return opensslVerifies(
    publicPem,
    testCase.expected.policyJson ?? '',
    fromCloudFrontBase64(signature),
    hash,
  );
}

describe('the 30 AWS shared signer cases', () => {
  it('are all here', () => {
    expect(awsCases).toHaveLength(30);
  });

  for (const testCase of awsCases) {
    const title = `${testCase.id} ${testCase.name} (${testCase.kind}, ${testCase.assertion})`;

    if (testCase.assertion === 'exact-signature' || testCase.assertion === 'exact') {
      it(`${title}: reproduces the policy and the RSA signature byte for byte`, async () => {
        const { signed, values, signature } = await sign(testCase);
        expect(signed.policy).toBe(testCase.expected.policyJson);
        expect(signed.policyType).toBe(testCase.policyType);
        expect(signature).toBe(
          testCase.expected.signature ?? testCase.expected.cookies?.['CloudFront-Signature'],
        );
        const expectedValues = testCase.expected.queryParams ?? testCase.expected.cookies ?? {};
        for (const [name, value] of Object.entries(expectedValues))
          expect(values[name]).toBe(value);
        if ('url' in signed) expect(signed.url.startsWith(testCase.url)).toBe(true);
      });
    } else if (testCase.assertion === 'verify-only') {
      it(`${title}: signs a policy whose ECDSA signature verifies with openssl`, async () => {
        const { signed, values, signature } = await sign(testCase);
        expect(signed.policy).toBe(testCase.expected.policyJson);
        const expectedValues = testCase.expected.queryParams ?? testCase.expected.cookies ?? {};
        for (const [name, value] of Object.entries(expectedValues))
          expect(values[name]).toBe(value);
        expect(await verifies(testCase, signature, 'SHA256')).toBe(true);
      });
    } else if (testCase.name.startsWith('ecdsa-canned-policy-url-sha1-reject')) {
      it(`${title}: is signed on purpose, since CloudFront accepts ECDSA with SHA-1, with a warning`, async () => {
        const { signed, values, signature } = await sign(testCase);
        expect(signed.hashAlgorithm).toBe('SHA1');
        expect(values['Hash-Algorithm'] ?? values['CloudFront-Hash-Algorithm']).toBeUndefined();
        expect(signed.warnings.map((warning) => warning.code)).toContain('ECDSA_SHA1');
        expect(signed.warnings.find((w) => w.code === 'ECDSA_SHA1')?.message).toMatch(
          /AWS CLI refuses/,
        );
        const policy = `{"Statement":[{"Resource":"${testCase.url}","Condition":{"DateLessThan":{"AWS:EpochTime":${testCase.dateLessThan}}}}]}`;
        expect(signed.policy).toBe(policy);
        expect(
          await verifies({ ...testCase, expected: { policyJson: policy } }, signature, 'SHA1'),
        ).toBe(true);
      });
    } else {
      const code = AWS_CASE_ERROR_CODE[testCase.name.replace(/ \(.*\)$/, '')];
      it(`${title}: is refused with ${code}`, async () => {
        expect(code).toBeDefined();
        const error = await sign(testCase).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SignetError);
        expect((error as SignetError).code).toBe(code);
      });
    }
  }
});
