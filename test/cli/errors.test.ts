/**
 * Every way `signet` refuses: the exit status says which kind of problem (2 usage, 3 key,
 * 4 input, 5 file), stderr holds one line that names the flag, stdout stays empty, and no
 * stack trace is shown.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/cli-error.ts';
import {
  generateKeyPair,
  importPublicKey,
  type KeyType,
  type SigningKey,
  signCookies,
  signUrl,
  signUrls,
} from '../../src/core/index.ts';
import { type Run, type RunOptions, requireBuiltCli, scratch, signet, vectorKey } from './cli.ts';

const folder = scratch('errors');
const file = folder.path;
const ECDSA_KEY = vectorKey('keys/sep-test-ecdsa-key.pem');
const URL = 'https://d111111abcdef8.cloudfront.net/image.jpg';
const PASSPHRASE = 'correct horse battery staple';

/** A complete, valid `signet sign` call; each case replaces or drops one piece. */
function signArgs(overrides: Record<string, string | null> = {}): string[] {
  const flags: Record<string, string | null> = {
    '--url': URL,
    '--key-pair-id': 'K2JCJMDEHXQW5F',
    '--private-key': ECDSA_KEY,
    '--date-less-than': '2030-01-01',
    ...overrides,
  };
  return [
    'sign',
    ...Object.entries(flags).flatMap(([flag, value]) =>
      value === null ? [] : value === '' ? [flag] : [flag, value],
    ),
  ];
}

function opensslMake(args: string[]): void {
  const made = spawnSync('openssl', args, { cwd: folder.dir, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${made.stderr}`);
}

beforeAll(() => {
  requireBuiltCli();
  // Encrypted PKCS#8 (PBES2, PBKDF2, AES-256-CBC): OpenSSL 3's default for an encrypted key.
  opensslMake([
    'pkcs8',
    '-topk8',
    '-v2',
    'aes-256-cbc',
    '-in',
    ECDSA_KEY,
    '-out',
    'encrypted.pem',
    '-passout',
    `pass:${PASSPHRASE}`,
  ]);
  // The old OpenSSL way (Proc-Type: 4,ENCRYPTED), which Signet refuses with the command that converts it.
  opensslMake([
    'rsa',
    '-in',
    vectorKey('keys/sep-test-rsa-key.pem'),
    '-aes256',
    '-traditional',
    '-out',
    'legacy.pem',
    '-passout',
    'pass:x',
  ]);
  writeFileSync(file('passphrase.txt'), `${PASSPHRASE}\n`);
  writeFileSync(file('wrong-passphrase.txt'), 'incorrect horse\n');
  writeFileSync(file('empty.pem'), '');
  writeFileSync(file('garbage.pem'), 'this is not a key at all\n');
  writeFileSync(file('huge.pem'), Buffer.alloc(2 * 1024 * 1024, 65));
  mkdirSync(file('a-folder'));
  writeFileSync(file('urls.txt'), `${URL}\n`);
});
afterAll(folder.remove);

interface Expectation {
  readonly status: number;
  /** Every pattern must match the one stderr line. */
  readonly message: readonly (string | RegExp)[];
}

function expectRefusal(run: Run, { status, message }: Expectation): void {
  expect(run.status, run.stderr).toBe(status);
  expect(run.stdout).toBe('');
  const lines = run.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('signet: warning:'));
  expect(lines, run.stderr).toHaveLength(1);
  const [line] = lines as [string];
  expect(line.startsWith('signet: ')).toBe(true);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/\b(TypeError|SignetError|CliError)\b/);
  // The library's advice (call importPrivateKey(), pass that key) is rewritten as what to type.
  expect(run.stderr).not.toMatch(/\w\(\)|\bpass (it|that)\b/i);
  for (const pattern of message) {
    if (typeof pattern === 'string') expect(line).toContain(pattern);
    else expect(line).toMatch(pattern);
  }
}

type Case = readonly [
  title: string,
  args: () => string[],
  expectation: Expectation,
  options?: () => RunOptions,
];

const usageErrors: Case[] = [
  [
    'no command at all',
    () => [],
    { status: 2, message: ['give a command: sign, sign-cookies, inspect, verify, keygen'] },
  ],
  [
    'an unknown command suggests the nearest',
    () => ['sing'],
    { status: 2, message: ['unknown command "sing"', 'did you mean sign?'] },
  ],
  [
    'an unknown option suggests the nearest',
    () => [...signArgs(), '--expires', '1h'],
    { status: 2, message: ['unknown option --expires', 'did you mean --expires-in?'] },
  ],
  [
    'an option without its value',
    () => signArgs({ '--date-less-than': '' }),
    { status: 2, message: ['--date-less-than needs a value'] },
  ],
  [
    'a flag swallowed as the value of the one before',
    () => ['sign', '--url', '--key-pair-id', 'K2JCJMDEHXQW5F'],
    { status: 2, message: ['--url needs a value', '--url=VALUE'] },
  ],
  [
    'a missing expiry is required, in the AWS CLI words',
    () => signArgs({ '--date-less-than': null }),
    { status: 2, message: ['--date-less-than', 'required', '--expires-in'] },
  ],
  [
    'several missing options are listed together',
    () => ['sign', '--url', URL],
    { status: 2, message: ['required', '--key-pair-id', '--private-key', '--date-less-than'] },
  ],
  [
    'sign without --url or --urls-file',
    () => signArgs({ '--url': null }),
    { status: 2, message: ['--url (or --urls-file)', 'required'] },
  ],
  [
    '--date-less-than and --expires-in together',
    () => signArgs({ '--expires-in': '1h' }),
    { status: 2, message: ['--date-less-than or --expires-in, not both'] },
  ],
  [
    '--url and --urls-file together',
    () => signArgs({ '--urls-file': file('urls.txt') }),
    { status: 2, message: ['--url', '--urls-file, not both'] },
  ],
  [
    'the batch and the key both on standard input',
    () => signArgs({ '--url': null, '--urls-file': '-', '--private-key': '-' }),
    { status: 2, message: ['standard input', 'files'] },
  ],
  [
    'an AWS CLI global option from a pasted aws command',
    () => [...signArgs(), '--profile', 'prod'],
    { status: 2, message: ['--profile is an AWS CLI global option', 'offline'] },
  ],
  [
    'a stray argument',
    () => [...signArgs(), 'extra'],
    { status: 2, message: ['unexpected argument "extra"'] },
  ],
  [
    'a passphrase from both an environment variable and a file',
    () =>
      signArgs({
        '--passphrase-env': 'SIGNET_PASSPHRASE',
        '--passphrase-file': file('passphrase.txt'),
      }),
    { status: 2, message: ['--passphrase-env or --passphrase-file, not both'] },
  ],
  [
    '--passphrase-env with an unset variable',
    () =>
      signArgs({ '--private-key': file('encrypted.pem'), '--passphrase-env': 'SIGNET_TEST_UNSET' }),
    { status: 2, message: ['--passphrase-env SIGNET_TEST_UNSET', 'not set'] },
  ],
  [
    '--passphrase-env given the passphrase itself instead of a name',
    () => signArgs({ '--private-key': file('encrypted.pem'), '--passphrase-env': PASSPHRASE }),
    {
      status: 2,
      message: [
        'NAME of an environment variable',
        'never put the passphrase itself on the command line',
      ],
    },
  ],
  [
    'sign-cookies without --resource',
    () => [
      'sign-cookies',
      '--key-pair-id',
      'K2JCJMDEHXQW5F',
      '--private-key',
      ECDSA_KEY,
      '--expires-in',
      '1h',
    ],
    { status: 2, message: ['--resource', 'required'] },
  ],
  [
    'sign-cookies with two output formats',
    () => [
      'sign-cookies',
      '--resource',
      URL,
      '--key-pair-id',
      'K',
      '--private-key',
      ECDSA_KEY,
      '--expires-in',
      '1h',
      '--set-cookie',
      '--curl',
    ],
    { status: 2, message: ['pick one output', '--set-cookie', '--curl'] },
  ],
  [
    'sign-cookies --curl for a wildcard resource without a URL to request',
    () => [
      'sign-cookies',
      '--resource',
      'https://d111111abcdef8.cloudfront.net/*',
      '--key-pair-id',
      'K',
      '--private-key',
      ECDSA_KEY,
      '--expires-in',
      '1h',
      '--curl',
    ],
    { status: 2, message: ['--curl needs a URL', '--url'] },
  ],
  [
    'verify without --public-key',
    () => ['verify', `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`],
    { status: 2, message: ['--public-key is required'] },
  ],
  [
    'inspect without a URL or cookies',
    () => ['inspect'],
    { status: 2, message: ['give a signed URL, or --cookies'] },
  ],
  [
    'verify of cookies without the URL requested',
    () => [
      'verify',
      '--cookies',
      'CloudFront-Expires=1; CloudFront-Signature=a; CloudFront-Key-Pair-Id=K',
      '--public-key',
      vectorKey('keys/sep-test-ecdsa-key-public.pem'),
    ],
    { status: 2, message: ['with --cookies, give the URL that is requested'] },
  ],
  [
    'keygen of a type CloudFront does not take',
    () => ['keygen', '--type', 'dsa', '--out', file('dsa.pem')],
    { status: 2, message: ['--type is rsa or ecdsa', '"dsa"'] },
  ],
];

const keyErrors: Case[] = [
  [
    'a key file that does not exist',
    () => signArgs({ '--private-key': file('missing.pem') }),
    { status: 3, message: ['--private-key', 'the value given is not a file'] },
  ],
  [
    'a file:// key path that does not exist, as the AWS CLI writes it',
    () => signArgs({ '--private-key': `file://${file('missing.pem')}` }),
    { status: 3, message: ['--private-key', 'the value given is not a file'] },
  ],
  [
    'a folder instead of a key file',
    () => signArgs({ '--private-key': file('a-folder') }),
    { status: 3, message: ['--private-key', 'folder'] },
  ],
  [
    'an empty key file',
    () => signArgs({ '--private-key': file('empty.pem') }),
    { status: 3, message: ['--private-key', 'empty'] },
  ],
  [
    'a file that is not a key',
    () => signArgs({ '--private-key': file('garbage.pem') }),
    { status: 3, message: ['--private-key', 'not a key'] },
  ],
  [
    'a huge file given as the key',
    () => signArgs({ '--private-key': file('huge.pem') }),
    { status: 3, message: ['--private-key', '2,097,152 bytes'] },
  ],
  [
    'the public key given as the private key',
    () => signArgs({ '--private-key': vectorKey('keys/sep-test-ecdsa-key-public.pem') }),
    { status: 3, message: ['--private-key', 'public key', 'private key'] },
  ],
  [
    'a DSA key',
    () => signArgs({ '--private-key': vectorKey('keys/sep-test-dsa-key.pem') }),
    { status: 3, message: ['DSA', 'RSA', 'ECDSA', 'openssl genrsa'] },
  ],
  [
    'an encrypted key without a passphrase says how to give one',
    () => signArgs({ '--private-key': file('encrypted.pem') }),
    { status: 3, message: ['encrypted', '--passphrase-env NAME', '--passphrase-file PATH'] },
  ],
  [
    'an encrypted key with the wrong passphrase from the environment',
    () =>
      signArgs({
        '--private-key': file('encrypted.pem'),
        '--passphrase-env': 'SIGNET_TEST_PASSPHRASE',
      }),
    { status: 3, message: ['passphrase does not decrypt'] },
    () => ({ env: { SIGNET_TEST_PASSPHRASE: 'incorrect horse' } }),
  ],
  [
    'an encrypted key with the wrong passphrase from a file',
    () =>
      signArgs({
        '--private-key': file('encrypted.pem'),
        '--passphrase-file': file('wrong-passphrase.txt'),
      }),
    { status: 3, message: ['passphrase does not decrypt'] },
  ],
  [
    'a passphrase file that does not exist',
    () =>
      signArgs({
        '--private-key': file('encrypted.pem'),
        '--passphrase-file': file('missing.txt'),
      }),
    { status: 3, message: ['--passphrase-file', 'the value given is not a file'] },
  ],
  [
    'a key encrypted the old OpenSSL way names the command that converts it',
    () =>
      signArgs({
        '--private-key': file('legacy.pem'),
        '--passphrase-env': 'SIGNET_TEST_PASSPHRASE',
      }),
    { status: 3, message: ['Proc-Type: 4,ENCRYPTED', 'openssl pkcs8 -topk8'] },
    () => ({ env: { SIGNET_TEST_PASSPHRASE: 'x' } }),
  ],
  [
    'a key on standard input that is not a key',
    () => signArgs({ '--private-key': '-' }),
    { status: 3, message: ['--private-key standard input', 'not a key'] },
    () => ({ input: 'hello\n' }),
  ],
  [
    'verify with a public key file that does not exist',
    () => [
      'verify',
      `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`,
      '--public-key',
      file('missing.pub'),
    ],
    { status: 3, message: ['--public-key', 'no such file'] },
  ],
  [
    'verify with an encrypted private key as the public key says how to get the public key',
    () => [
      'verify',
      `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`,
      '--public-key',
      file('encrypted.pem'),
    ],
    {
      status: 3,
      message: [
        '--public-key',
        'private key',
        `openssl pkey -in ${file('encrypted.pem')} -pubout -out public_key.pem`,
        'signet keygen',
      ],
    },
  ],
  [
    'verify with a public key file that is not a key',
    () => [
      'verify',
      `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`,
      '--public-key',
      file('garbage.pem'),
    ],
    { status: 3, message: ['--public-key', 'not a public key'] },
  ],
];

const inputErrors: Case[] = [
  [
    'a URL that is not http(s)',
    () => signArgs({ '--url': 'ftp://example.com/a' }),
    { status: 4, message: ['Invalid value for --url', 'http://'] },
  ],
  [
    'a URL with a fragment',
    () => signArgs({ '--url': `${URL}#top` }),
    { status: 4, message: ['Invalid value for --url', 'fragment'] },
  ],
  [
    'a URL that is already signed',
    () => signArgs({ '--url': `${URL}?Expires=1767290400` }),
    { status: 4, message: ['Invalid value for --url', 'Expires', 'signet inspect'] },
  ],
  [
    'a URL with a space offers --encode-url',
    () => signArgs({ '--url': 'https://d111111abcdef8.cloudfront.net/my file.jpg' }),
    { status: 4, message: ['Invalid value for --url', 'a space', '--encode-url'] },
  ],
  [
    'a cookie resource with a space says to percent-encode it (sign-cookies has no --encode-url)',
    () => [
      'sign-cookies',
      '--resource',
      'https://d111111abcdef8.cloudfront.net/my file.jpg',
      '--key-pair-id',
      'K2JCJMDEHXQW5F',
      '--private-key',
      ECDSA_KEY,
      '--expires-in',
      '1h',
    ],
    {
      status: 4,
      message: ['Invalid value for --resource', 'a space', /^(?!.*--encode-url).*Percent-encode/],
    },
  ],
  [
    'a date Signet cannot read',
    () => signArgs({ '--date-less-than': 'next tuesday' }),
    {
      status: 4,
      message: [
        'Invalid value for --date-less-than',
        '(a 12-character value, not shown) is not a time',
        'epoch seconds',
      ],
    },
  ],
  [
    'an expiry in milliseconds',
    () => signArgs({ '--date-less-than': '1767290400000' }),
    { status: 4, message: ['--date-less-than', 'milliseconds', '1767290400'] },
  ],
  [
    'an expiry after 2038',
    () => signArgs({ '--date-less-than': '2040-01-01' }),
    { status: 4, message: ['--date-less-than', '2038'] },
  ],
  [
    'an expiry in epoch seconds after 2038 reads as a number, not a quoted string',
    () => signArgs({ '--date-less-than': '99999999999' }),
    {
      status: 4,
      message: [
        'Invalid value for --date-less-than',
        /The expiry 99999999999 \(5138-11-16T09:46:39Z\) is after/,
      ],
    },
  ],
  [
    'an expiry in epoch seconds before 1970 reads as a number too',
    () => [...signArgs({ '--date-less-than': null }), '--date-less-than=-5'],
    {
      status: 4,
      message: [
        'Invalid value for --date-less-than',
        /The expiry -5 \(1969-12-31T23:59:55Z\) is before 1970/,
      ],
    },
  ],
  [
    'a start in epoch seconds after 2038 reads as a number',
    () => signArgs({ '--date-greater-than': '99999999999' }),
    {
      status: 4,
      message: [
        'Invalid value for --date-greater-than',
        /The start time 99999999999 \(5138-11-16T09:46:39Z\) is after/,
      ],
    },
  ],
  [
    'a start that is not before the expiry',
    () => signArgs({ '--date-greater-than': '2031-01-01' }),
    {
      status: 4,
      message: ['Invalid value for --date-greater-than', 'not before', '--date-less-than'],
    },
  ],
  [
    'an IPv6 address',
    () => signArgs({ '--ip-address': '2001:db8::/32' }),
    { status: 4, message: ['Invalid value for --ip-address', 'IPv6'] },
  ],
  [
    'an IP address that is not one',
    () => signArgs({ '--ip-address': '300.1.2.3' }),
    { status: 4, message: ['Invalid value for --ip-address', 'not an IPv4'] },
  ],
  [
    'a hash algorithm CloudFront does not know',
    () => signArgs({ '--hash-algorithm': 'MD5' }),
    { status: 4, message: ['Invalid value for --hash-algorithm', 'SHA1 or SHA256'] },
  ],
  [
    'a key group ID instead of a public key ID',
    () => signArgs({ '--key-pair-id': '3f5b9e5a-6e2c-4b1a-9c1e-2f1e0d7a8b9c' }),
    { status: 4, message: ['Invalid value for --key-pair-id', 'key group'] },
  ],
  [
    'a policy resource with a bad scheme',
    () => signArgs({ '--policy-resource': 'ftp://d111111abcdef8.cloudfront.net/*' }),
    { status: 4, message: ['Invalid value for --policy-resource'] },
  ],
  [
    'a URL outside --policy-resource, which CloudFront would refuse',
    () => signArgs({ '--policy-resource': 'https://d111111abcdef8.cloudfront.net/videos/*' }),
    {
      status: 4,
      message: [
        'Invalid value for --url',
        'The policy resource "https://d111111abcdef8.cloudfront.net/videos/*" does not cover',
        'CloudFront would refuse',
      ],
    },
  ],
  [
    'sign-cookies --curl for a URL outside --resource',
    () => [
      'sign-cookies',
      '--resource',
      'https://d111111abcdef8.cloudfront.net/videos/*',
      '--key-pair-id',
      'K',
      '--private-key',
      ECDSA_KEY,
      '--expires-in',
      '1h',
      '--curl',
      '--url',
      'https://d111111abcdef8.cloudfront.net/images/a.jpg',
    ],
    { status: 4, message: ['Invalid value for --url', 'does not match --resource'] },
  ],
  [
    'an --expires-in that is not a duration',
    () => signArgs({ '--date-less-than': null, '--expires-in': '1 hour' }),
    { status: 4, message: ['Invalid value for --expires-in', '15m, 1h, 7d'] },
  ],
  [
    'an --expires-in of zero',
    () => signArgs({ '--date-less-than': null, '--expires-in': '0s' }),
    { status: 4, message: ['--expires-in', 'more than 0'] },
  ],
  [
    'a cookie domain that browsers refuse',
    () => [
      'sign-cookies',
      '--resource',
      URL,
      '--key-pair-id',
      'K',
      '--private-key',
      ECDSA_KEY,
      '--expires-in',
      '1h',
      '--cookie-domain',
      'cloudfront.net',
    ],
    { status: 4, message: ['--cookie-domain', 'cloudfront.net'] },
  ],
  [
    'inspect of something that is not a URL',
    () => ['inspect', 'hello'],
    { status: 4, message: ['not a URL'] },
  ],
  [
    'an --at time Signet cannot read',
    () => ['inspect', `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`, '--at', 'soon'],
    { status: 4, message: ['--at', '(a 4-character value, not shown) is not a time'] },
  ],
  [
    'an --at time in epoch seconds after 2038 reads as a number',
    () => ['inspect', `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`, '--at', '99999999999'],
    {
      status: 4,
      message: ['Invalid value for --at', /The time 99999999999 \(5138-11-16T09:46:39Z\) is after/],
    },
  ],
  [
    'a viewer IP that is not one',
    () => ['inspect', `${URL}?Expires=1&Signature=a&Key-Pair-Id=K`, '--viewer-ip', 'localhost'],
    { status: 4, message: ['--viewer-ip', 'not an IP address'] },
  ],
];

const fileErrors: Case[] = [
  [
    'a --urls-file that does not exist',
    () => signArgs({ '--url': null, '--urls-file': file('missing-urls.txt') }),
    { status: 5, message: ['--urls-file', 'missing-urls.txt', 'no such file'] },
  ],
  [
    'a --cookies-file that does not exist',
    () => ['inspect', '--cookies-file', file('missing-cookies.txt')],
    { status: 5, message: ['--cookies-file', 'no such file'] },
  ],
];

describe.concurrent.each([
  ['usage errors end in exit status 2', usageErrors],
  ['key problems end in exit status 3', keyErrors],
  ['refused inputs end in exit status 4', inputErrors],
  ['file problems end in exit status 5', fileErrors],
])('%s', (_title, cases) => {
  for (const [title, args, expectation, options] of cases) {
    it(`${title}: one line on stderr, nothing on stdout`, async () => {
      expectRefusal(await signet(args(), options?.() ?? {}), expectation);
    });
  }
});

describe.concurrent('a device or pipe given as a small file is read only up to the limit', () => {
  // /dev/zero says its size is 0 and never ends: it must be cut off at the limit, not read whole.
  const cases: [flag: string, args: () => string[], status: number, limit: string][] = [
    ['--private-key', () => signArgs({ '--private-key': '/dev/zero' }), 3, '1,048,576'],
    [
      '--passphrase-file',
      () => signArgs({ '--private-key': file('encrypted.pem'), '--passphrase-file': '/dev/zero' }),
      3,
      '65,536',
    ],
    ['--cookies-file', () => ['inspect', '--cookies-file', '/dev/zero'], 5, '1,048,576'],
  ];
  for (const [flag, args, status, limit] of cases) {
    it(`${flag} /dev/zero is refused as too large, with a small peak RSS`, async () => {
      const run = await signet(args(), { env: { SIGNET_DEBUG_MAX_RSS: '1' }, timeout: 10_000 });
      expect(run.status, run.stderr).toBe(status);
      expect(run.stdout).toBe('');
      const [line, debug, ...rest] = run.stderr.split('\n').filter((text) => text !== '');
      expect(rest).toEqual([]);
      expect(line).toContain(`signet: ${flag} /dev/zero`);
      expect(line).toContain(`more than the ${limit} bytes`);
      expect(Number(/maxRSS (\d+) kB/.exec(debug ?? '')?.[1])).toBeLessThan(200 * 1024);
    }, 15_000);
  }
});

describe.concurrent('encrypted keys with the right passphrase', () => {
  it('read the passphrase from the environment variable named by --passphrase-env', async () => {
    const run = await signet(
      signArgs({
        '--private-key': file('encrypted.pem'),
        '--passphrase-env': 'SIGNET_TEST_PASSPHRASE',
      }),
      {
        env: { SIGNET_TEST_PASSPHRASE: PASSPHRASE },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg\?Expires=1893456000&Signature=[\w~-]+&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256$/,
    );
    expect(run.stderr).toBe('');
  });

  it('read the first line of --passphrase-file', async () => {
    const run = await signet(
      signArgs({
        '--private-key': file('encrypted.pem'),
        '--passphrase-file': file('passphrase.txt'),
      }),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('&Key-Pair-Id=K2JCJMDEHXQW5F');
  });

  it('warn, on stderr, when a passphrase was given for a key that is not encrypted', async () => {
    const run = await signet(signArgs({ '--passphrase-file': file('passphrase.txt') }));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^signet: warning: a passphrase was given, but .* is not encrypted/m,
    );
  });
});

describe('no secret reaches the output', () => {
  it('the passphrase appears neither on stdout nor on stderr, even when it is wrong', async () => {
    const run = await signet(
      signArgs({
        '--private-key': file('encrypted.pem'),
        '--passphrase-env': 'SIGNET_TEST_PASSPHRASE',
      }),
      {
        env: { SIGNET_TEST_PASSPHRASE: 'incorrect horse' },
      },
    );
    expect(run.status).toBe(3);
    expect(`${run.stdout}${run.stderr}`).not.toContain('incorrect horse');
  });

  it('a key file error does not print the key', async () => {
    const pem = readFileSync(vectorKey('keys/sep-test-ecdsa-key.pem'), 'utf8');
    const body = pem.split('\n')[1] as string;
    const run = await signet(signArgs({ '--private-key': pem, '--key-pair-id': 'bad id' }));
    expect(run.status).toBe(4);
    expect(run.stderr).not.toContain(body);
  });
});

describe.concurrent('a secret given to the wrong flag is never echoed', () => {
  const pem = () => readFileSync(ECDSA_KEY, 'utf8');
  /** The base64 body of the key file, without its BEGIN and END lines. */
  const bodyLines = () =>
    pem()
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'));

  function expectHidden(run: Run, secrets: readonly string[], status: number, words: string[]) {
    expectRefusal(run, { status, message: words });
    for (const secret of secrets) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  }

  it('--private-key takes the one-line base64 body of the key as the key, and prints none of it', async () => {
    const body = bodyLines().join('');
    const run = await signet(signArgs({ '--private-key': body }));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('&Key-Pair-Id=K2JCJMDEHXQW5F');
    expect(run.stderr).toBe('');
  });

  it('--private-key takes the base64 body on several lines as the key', async () => {
    const run = await signet(signArgs({ '--private-key': bodyLines().join('\n') }));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('--private-key with base64 text that is not a key says so without printing it', async () => {
    const text = Buffer.from('not a key, but long enough to look like one in base64 form').toString(
      'base64',
    );
    const run = await signet(signArgs({ '--private-key': text }));
    expectHidden(run, [text, text.slice(0, 20)], 3, ['--private-key', 'not a key']);
  });

  it('--private-key with a value that is neither a file nor key text does not quote it', async () => {
    const secret = 'my private key text';
    const run = await signet(signArgs({ '--private-key': secret }));
    expectHidden(run, [secret], 3, ['--private-key', 'the value given is not a file']);
  });

  it('--private-key with a path that does not exist does not quote it either', async () => {
    const run = await signet(signArgs({ '--private-key': file('missing.pem') }));
    expectHidden(run, ['missing.pem'], 3, ['--private-key', 'the value given is not a file']);
  });

  it('--passphrase-env given the passphrase itself: described, not quoted', async () => {
    for (const secret of ['correct horse!', PASSPHRASE]) {
      const run = await signet(
        signArgs({ '--private-key': file('encrypted.pem'), '--passphrase-env': secret }),
      );
      expectHidden(run, [secret, 'horse'], 2, ['NAME of an environment variable', 'never put']);
    }
  });

  it('--passphrase-env given a one-word passphrase that names no variable: not quoted', async () => {
    const run = await signet(
      signArgs({ '--private-key': file('encrypted.pem'), '--passphrase-env': 'hunter2' }),
    );
    expectHidden(run, ['hunter2'], 2, ['--passphrase-env', 'NAME']);
  });

  it('--passphrase-file given the passphrase itself: described, not quoted', async () => {
    const secret = 'my s3cret pass';
    const run = await signet(
      signArgs({ '--private-key': file('encrypted.pem'), '--passphrase-file': secret }),
    );
    expectHidden(run, [secret, 's3cret'], 3, [
      '--passphrase-file',
      'the value given is not a file',
    ]);
  });

  it('a line of the key left over as a stray argument is not quoted', async () => {
    const [first, second] = bodyLines() as [string, string];
    const run = await signet([...signArgs({ '--private-key': first }), second]);
    expectHidden(run, [first, second], 2, ['unexpected argument']);
  });
});

describe.concurrent('the core advice that names library calls is rewritten in CLI words', () => {
  const options = { keyPairId: 'K2JCJMDEHXQW5F', dateLessThan: '2030-01-01' };
  const refusals: [
    title: string,
    refused: () => Promise<unknown>,
    words: string,
    status: number,
  ][] = [
    [
      'a private key given as the public key',
      () => importPublicKey(readFileSync(file('encrypted.pem'), 'utf8')),
      'openssl pkey -in private_key.pem -pubout',
      3,
    ],
    [
      'a private key that is not a key',
      () => signUrl({ ...options, url: URL, privateKey: {} as SigningKey }),
      '--private-key',
      3,
    ],
    [
      'a key type that keygen cannot make',
      () => generateKeyPair('DSA' as KeyType),
      '--type rsa',
      3,
    ],
    [
      'a URL with a space',
      () => signUrl({ ...options, url: `${URL} x`, privateKey: readFileSync(ECDSA_KEY, 'utf8') }),
      '--encode-url',
      4,
    ],
    [
      'a cookie resource with a space',
      () =>
        signCookies({
          ...options,
          resource: `${URL} x`,
          privateKey: readFileSync(ECDSA_KEY, 'utf8'),
        }),
      'Percent-encode',
      4,
    ],
    [
      'a cancelled batch',
      async () => {
        const signal = AbortSignal.abort();
        const privateKey = readFileSync(ECDSA_KEY, 'utf8');
        for await (const _ of signUrls([URL, URL], { ...options, privateKey, signal })) break;
      },
      'already printed',
      130,
    ],
  ];
  for (const [title, refused, words, status] of refusals) {
    it(title, async () => {
      const error = await refused().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeDefined();
      const { message, exitCode } = describeError(error);
      expect(message).toContain(words);
      // A cancelled batch is Ctrl-C (130), not a bug in Signet (70).
      expect(exitCode).toBe(status);
      expect(message).not.toMatch(/\w\(\)|\bpass\b|\byielded\b/i);
    });
  }
});
