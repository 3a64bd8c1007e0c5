/**
 * `signet sign` and `signet sign-cookies` against the AWS CLI's own test data (the 30 shared
 * cases in test/vectors/aws), called with the AWS CLI's argument forms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromCloudFrontBase64, rawQuery } from '../support/cloudfront-base64.ts';
import { opensslVerifies } from '../support/openssl.ts';
import { type AwsCase, awsCases, vectorFile } from '../support/vectors.ts';
import { requireBuiltCli, signet, vectorKey } from './cli.ts';

beforeAll(requireBuiltCli);

type DateForm = 'epoch seconds' | 'YYYY-MM-DDThh:mm:ss' | 'YYYY-MM-DDThh:mm:ss+02:00';

/** A time as the AWS CLI takes it on its command line (its sign --help lists these forms). */
function awsDate(epochSeconds: number, form: DateForm): string {
  switch (form) {
    case 'epoch seconds':
      return String(epochSeconds);
    case 'YYYY-MM-DDThh:mm:ss':
      return new Date(epochSeconds * 1000).toISOString().slice(0, 19);
    case 'YYYY-MM-DDThh:mm:ss+02:00':
      return `${new Date((epochSeconds + 7200) * 1000).toISOString().slice(0, 19)}+02:00`;
  }
}

/** CloudFront base64, written here independently of src/core. */
function cloudFrontBase64(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/=/g, '_')
    .replace(/\//g, '~');
}

/** The signed URL the case states, built from its expected values in CloudFront's parameter order. */
function expectedSignedUrl(testCase: AwsCase): string {
  const url = testCase.url;
  const policy =
    testCase.policyType === 'canned'
      ? `Expires=${testCase.dateLessThan}`
      : `Policy=${cloudFrontBase64(testCase.expected.policyJson as string)}`;
  const hash = testCase.hash === 'SHA256' ? '&Hash-Algorithm=SHA256' : '';
  return `${url}${url.includes('?') ? '&' : '?'}${policy}&Signature=${testCase.expected.signature}&Key-Pair-Id=${testCase.keyPairId}${hash}`;
}

/** The arguments `aws cloudfront sign` / `sign-cookies` takes for the case. */
function awsArguments(testCase: AwsCase, form: DateForm = 'epoch seconds'): string[] {
  const args =
    testCase.kind === 'url'
      ? [
          'sign',
          '--url',
          testCase.url,
          ...(testCase.resource ? ['--policy-resource', testCase.resource] : []),
        ]
      : ['sign-cookies', '--resource', testCase.url];
  args.push(
    '--key-pair-id',
    testCase.keyPairId,
    '--private-key',
    `file://${vectorKey(testCase.keyFile)}`,
  );
  if (testCase.dateLessThan !== undefined)
    args.push('--date-less-than', awsDate(testCase.dateLessThan, form));
  if (testCase.dateGreaterThan !== undefined) {
    args.push('--date-greater-than', awsDate(testCase.dateGreaterThan, form));
  }
  if (testCase.ipAddress !== undefined) args.push('--ip-address', testCase.ipAddress);
  // The AWS CLI's default is SHA1 for RSA; it is passed only when the case asks for SHA256.
  if (testCase.hash === 'SHA256') args.push('--hash-algorithm', 'SHA256');
  return args;
}

function verifiesWithOpenssl(
  testCase: AwsCase,
  signature: string,
  hash: 'SHA1' | 'SHA256',
): boolean {
  const publicKeyFile =
    testCase.publicKeyFile ??
    (testCase.keyType === 'RSA'
      ? 'keys/sep-test-rsa-key-public.pem'
      : 'keys/sep-test-ecdsa-key-public.pem');
  return opensslVerifies(
    vectorFile(publicKeyFile),
    testCase.expected.policyJson as string,
    fromCloudFrontBase64(signature),
    hash,
  );
}

const exactUrlCases = awsCases.filter((c) => c.kind === 'url' && c.assertion === 'exact-signature');
const exactCookieCases = awsCases.filter((c) => c.kind === 'cookies' && c.assertion === 'exact');
const ecdsaCases = awsCases.filter((c) => c.assertion === 'verify-only');
const errorCases = awsCases.filter((c) => c.assertion === 'error');

describe.concurrent('signet sign prints exactly what aws cloudfront sign prints for the AWS test data', () => {
  it('covers canned and custom RSA policies with SHA-1 and SHA-256', () => {
    expect(exactUrlCases.map((c) => `${c.policyType} ${c.hash}`)).toEqual(
      expect.arrayContaining(['canned SHA1', 'custom SHA1', 'canned SHA256', 'custom SHA256']),
    );
  });

  const forms: DateForm[] = ['epoch seconds', 'YYYY-MM-DDThh:mm:ss', 'YYYY-MM-DDThh:mm:ss+02:00'];
  for (const testCase of exactUrlCases) {
    for (const form of forms) {
      it(`${testCase.id} ${testCase.name}, dates as ${form}: stdout is the expected signed URL, byte for byte`, async () => {
        const run = await signet(awsArguments(testCase, form));
        expect(run.status, run.stderr).toBe(0);
        // Like the AWS CLI, no trailing newline when stdout is not a terminal.
        expect(run.stdoutBytes.equals(Buffer.from(expectedSignedUrl(testCase), 'utf8'))).toBe(true);
        const query = rawQuery(run.stdout);
        for (const [name, value] of Object.entries(testCase.expected.queryParams ?? {})) {
          expect(query[name]).toBe(value);
        }
        expect(run.stdout).not.toContain('warning');
      });
    }
  }

  for (const testCase of exactUrlCases.filter((c) => c.hash === 'SHA256')) {
    it(`${testCase.id} ${testCase.name}: the RSA SHA-256 signature verifies with openssl dgst -sha256 -verify`, async () => {
      const run = await signet(awsArguments(testCase));
      expect(run.status, run.stderr).toBe(0);
      expect(
        verifiesWithOpenssl(testCase, rawQuery(run.stdout).Signature as string, 'SHA256'),
      ).toBe(true);
    });
  }

  it('reads YYYY-MM-DD as midnight UTC, as the AWS CLI does', async () => {
    const testCase = exactUrlCases[0] as AwsCase;
    const base = [
      'sign',
      '--url',
      testCase.url,
      '--key-pair-id',
      'K1TESTKEY',
      '--private-key',
      `file://${vectorKey(testCase.keyFile)}`,
    ];
    const byDate = await signet([...base, '--date-less-than', '2026-01-01']);
    const byEpoch = await signet([
      ...base,
      '--date-less-than',
      String(Date.UTC(2026, 0, 1) / 1000),
    ]);
    expect(byDate.status).toBe(0);
    expect(byDate.stdout).toContain('Expires=1767225600&');
    expect(byDate.stdout).toBe(byEpoch.stdout);
  });

  it('takes the PEM text itself for --private-key, as the AWS CLI does', async () => {
    const testCase = exactUrlCases[0] as AwsCase;
    const run = await signet([
      ...awsArguments(testCase).filter(
        (arg, index, all) => all[index - 1] !== '--private-key' && arg !== '--private-key',
      ),
      '--private-key',
      vectorFile(testCase.keyFile),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(expectedSignedUrl(testCase));
  });
});

describe.concurrent('signet sign-cookies prints the cookie map that the AWS test data states', () => {
  for (const testCase of exactCookieCases) {
    it(`${testCase.id} ${testCase.name}: the same cookies, as JSON with the AWS CLI's four-space indent`, async () => {
      const run = await signet(awsArguments(testCase));
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(testCase.expected.cookies);
      expect(run.stdout).toBe(`${JSON.stringify(JSON.parse(run.stdout), null, 4)}\n`);
    });
  }
});

describe.concurrent('ECDSA results of the AWS test data verify with openssl', () => {
  for (const testCase of ecdsaCases) {
    it(`${testCase.id} ${testCase.name}: the ECDSA SHA-256 signature verifies with openssl, the other values match`, async () => {
      const run = await signet(awsArguments(testCase));
      expect(run.status, run.stderr).toBe(0);
      const values: Record<string, string> =
        testCase.kind === 'url'
          ? (rawQuery(run.stdout) as Record<string, string>)
          : JSON.parse(run.stdout);
      const signature = values[
        testCase.kind === 'url' ? 'Signature' : 'CloudFront-Signature'
      ] as string;
      expect(verifiesWithOpenssl(testCase, signature, 'SHA256')).toBe(true);
      const expected = testCase.expected.queryParams ?? testCase.expected.cookies ?? {};
      for (const [name, value] of Object.entries(expected)) expect(values[name]).toBe(value);
    });
  }
});

/** What Signet answers for each error case of the AWS test data: exit status and words in the message. */
const ERROR_EXPECTATIONS: Record<string, { status: number; contains: string[] }> = {
  'error-missing-expiration': { status: 2, contains: ['--date-less-than', 'required'] },
  'error-active-after-expiration': {
    status: 4,
    contains: ['--date-greater-than', 'before', '--date-less-than'],
  },
  'error-unsupported-key-type': { status: 3, contains: ['key', 'RSA', 'ECDSA'] },
  'json-injection-resource-url-reject': { status: 4, contains: ['resource'] },
  'json-injection-ip-range-reject': { status: 4, contains: ['--ip-address'] },
};

describe.concurrent('the error cases of the AWS test data', () => {
  for (const testCase of errorCases) {
    const name = testCase.name.replace(/ \(cookies file\)$/, '');
    if (name === 'ecdsa-canned-policy-url-sha1-reject') {
      // The AWS CLI refuses ECDSA with SHA-1; CloudFront accepts it, so Signet signs and warns.
      it(`${testCase.id} ${testCase.name}: signs with the ECDSA_SHA1 warning on stderr, and openssl verifies it`, async () => {
        const run = await signet([...awsArguments(testCase), '--hash-algorithm', 'SHA1']);
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toMatch(/^signet: warning: \[ECDSA_SHA1\] /m);
        expect(run.stdout).not.toContain('ECDSA_SHA1');
        const values: Record<string, string> =
          testCase.kind === 'url'
            ? (rawQuery(run.stdout) as Record<string, string>)
            : JSON.parse(run.stdout);
        const signature = values[
          testCase.kind === 'url' ? 'Signature' : 'CloudFront-Signature'
        ] as string;
        const policyJson = `{"Statement":[{"Resource":"${testCase.url}","Condition":{"DateLessThan":{"AWS:EpochTime":${testCase.dateLessThan}}}}]}`;
        expect(
          opensslVerifies(
            vectorFile('keys/sep-test-ecdsa-key-public.pem'),
            policyJson,
            fromCloudFrontBase64(signature),
            'SHA1',
          ),
        ).toBe(true);
      });
      continue;
    }
    const expected = ERROR_EXPECTATIONS[name];
    it(`${testCase.id} ${testCase.name}: refused with exit status ${expected?.status} and one line naming the flag`, async () => {
      expect(expected).toBeDefined();
      const run = await signet(awsArguments(testCase));
      expect(run.status).toBe(expected?.status);
      expect(run.stdout).toBe('');
      const errors = run.stderr
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('signet: warning:'));
      expect(errors).toHaveLength(1);
      for (const word of expected?.contains ?? []) expect(errors[0]).toContain(word);
      if (name.startsWith('json-injection-resource')) {
        expect(errors[0]).toContain(testCase.kind === 'url' ? '--url' : '--resource');
      }
    });
  }
});
