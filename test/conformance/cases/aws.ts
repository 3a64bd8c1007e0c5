/**
 * The 30 AWS shared signer cases (test/vectors/aws), asserted as test/core/vectors.test.ts does:
 * RSA byte for byte, ECDSA by verifying with the vector's public key (the core's verifySignature),
 * the error cases by their codes, and ECDSA with SHA-1 signed on purpose with ECDSA_SHA1.
 */

import { importPublicKey, verifySignature } from '../../../src/core/index.ts';
import { AWS_CASE_ERROR_CODE, signAwsCase } from '../../support/aws-cases.ts';
import type { AwsCase } from '../../support/vectors.ts';
import type { ConformanceCase } from '../case.ts';
import { equal, ok, refused } from '../check.ts';
import type { Feature } from '../features.ts';
import { awsCases, vectorKey } from '../fixtures.ts';

const sign = (testCase: AwsCase) => signAwsCase(testCase, vectorKey(testCase.keyFile));

function expectValues(testCase: AwsCase, values: Readonly<Record<string, string>>): void {
  const expected = testCase.expected.queryParams ?? testCase.expected.cookies ?? {};
  for (const [name, value] of Object.entries(expected)) {
    if (name !== 'Signature' && name !== 'CloudFront-Signature') {
      equal(values[name], value, name);
    }
  }
}

/** What the runtime must support for this case, beyond ECDSA P-256 with SHA-256. */
function needsOf(testCase: AwsCase, signs: boolean): Feature[] {
  const needs: Feature[] = [];
  if (testCase.keyType === 'RSA') needs.push('RSA-1024');
  if (signs && testCase.hash === 'SHA1') {
    needs.push(testCase.keyType === 'ECDSA' ? 'ECDSA-SHA1' : 'RSA-SHA1');
  }
  return needs;
}

function caseFor(testCase: AwsCase): ConformanceCase {
  const title = `AWS ${testCase.id} ${testCase.name} (${testCase.kind})`;
  const signsSha1Anyway = testCase.name.startsWith('ecdsa-canned-policy-url-sha1-reject');
  const needs = needsOf(testCase, testCase.assertion !== 'error' || signsSha1Anyway);

  if (testCase.assertion === 'exact-signature' || testCase.assertion === 'exact') {
    return {
      name: `${title}: reproduces the policy and the RSA signature byte for byte`,
      needs,
      async run() {
        const { signed, values, signature } = await sign(testCase);
        equal(signed.policy, testCase.expected.policyJson, 'policy');
        equal(signed.policyType, testCase.policyType, 'policy type');
        equal(
          signature,
          testCase.expected.signature ?? testCase.expected.cookies?.['CloudFront-Signature'],
          'signature',
        );
        expectValues(testCase, values);
        if ('url' in signed) ok(signed.url.startsWith(testCase.url), 'the URL keeps its base');
      },
    };
  }

  if (testCase.assertion === 'verify-only') {
    return {
      name: `${title}: signs the policy with ECDSA, and the vector's public key verifies it`,
      needs,
      async run() {
        const { signed, values, signature } = await sign(testCase);
        equal(signed.policy, testCase.expected.policyJson, 'policy');
        expectValues(testCase, values);
        const publicKey = await importPublicKey(
          vectorKey(testCase.publicKeyFile ?? 'keys/sep-test-ecdsa-key-public.pem'),
        );
        const policy = signed.policy;
        equal(
          await verifySignature({ policy, signature, publicKey, hashAlgorithm: 'SHA256' }),
          'valid',
          'the signature',
        );
        const changed = policy.replace('"AWS:EpochTime":', '"AWS:EpochTime":1');
        equal(
          await verifySignature({ policy: changed, signature, publicKey, hashAlgorithm: 'SHA256' }),
          'invalid',
          'the signature over a changed policy',
        );
      },
    };
  }

  if (signsSha1Anyway) {
    return {
      name: `${title}: is signed on purpose with the warning ECDSA_SHA1, since CloudFront accepts it`,
      needs,
      async run() {
        const { signed, values, signature } = await sign(testCase);
        equal(signed.hashAlgorithm, 'SHA1', 'hash algorithm');
        equal(
          values['Hash-Algorithm'] ?? values['CloudFront-Hash-Algorithm'],
          undefined,
          'Hash-Algorithm',
        );
        const warning = signed.warnings.find((w) => w.code === 'ECDSA_SHA1');
        ok(warning?.message.includes('AWS CLI refuses'), 'the ECDSA_SHA1 warning');
        const policy = `{"Statement":[{"Resource":"${testCase.url}","Condition":{"DateLessThan":{"AWS:EpochTime":${testCase.dateLessThan}}}}]}`;
        equal(signed.policy, policy, 'policy');
        const publicKey = await importPublicKey(vectorKey('keys/sep-test-ecdsa-key-public.pem'));
        equal(
          await verifySignature({ policy, signature, publicKey, hashAlgorithm: 'SHA1' }),
          'valid',
          'the SHA-1 signature',
        );
      },
    };
  }

  const code = AWS_CASE_ERROR_CODE[testCase.name.replace(/ \(.*\)$/, '')];
  return {
    name: `${title}: is refused with ${code ?? 'a known code'}`,
    needs,
    async run() {
      ok(code, `an expected code for ${testCase.name}`);
      await refused(sign(testCase), code, 'signing');
    },
  };
}

export const awsVectorCases: readonly ConformanceCase[] = [
  {
    name: 'AWS shared cases: all 30 are in the bundle',
    async run() {
      equal(awsCases.length, 30, 'the number of AWS cases');
    },
  },
  ...awsCases.map(caseFor),
];
