/**
 * The commands at work: help and version, sign's extras (--expires-in, --json, --encode-url,
 * standard input), sign-cookies' outputs, and inspect and verify with CloudFront's verdicts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, signet, vectorKey } from './cli.ts';

const RSA_KEY = vectorKey('keys/sep-test-rsa-key.pem');
const RSA_PUBLIC = vectorKey('keys/sep-test-rsa-key-public.pem');
const ECDSA_KEY = vectorKey('keys/sep-test-ecdsa-key.pem');
const ECDSA_PUBLIC = vectorKey('keys/sep-test-ecdsa-key-public.pem');
const HOST = 'https://d111111abcdef8.cloudfront.net';
// 2026-01-01T18:00:00Z, the expiry of the AWS cases; --at pins "now" on either side of it.
const EXPIRY = '1767290400';
const BEFORE = '2025-12-01';
const AFTER = '2026-02-01';

beforeAll(requireBuiltCli);

async function signed(args: string[]): Promise<string> {
  const run = await signet(['sign', ...args]);
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe.concurrent('help and version', () => {
  const commands = ['sign', 'sign-cookies', 'inspect', 'verify', 'keygen'];

  it('signet --help lists every command, with examples and the exit statuses', async () => {
    const run = await signet(['--help']);
    expect(run.status).toBe(0);
    for (const command of commands) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit status:');
    expect(run.stdout).toMatch(/^130 {2}interrupted \(Ctrl-C\)/m);
  });

  for (const command of commands) {
    it(`signet ${command} --help and signet help ${command} print its usage, examples and exit statuses`, async () => {
      const [flag, topic] = await Promise.all([
        signet([command, '--help']),
        signet(['help', command]),
      ]);
      expect(flag.status).toBe(0);
      expect(flag.stderr).toBe('');
      expect(flag.stdout.startsWith(`Usage: signet ${command} `)).toBe(true);
      expect(flag.stdout).toContain('Examples:');
      expect(flag.stdout).toMatch(/Exit status:\n {2}0 {2}success/);
      expect(topic.stdout).toBe(flag.stdout);
    });
  }

  it('--help wins over missing options', async () => {
    const run = await signet(['sign', '--url', 'https://x.example/a', '-h']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: signet sign /);
  });

  it('signet --version prints the package version', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    const run = await signet(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^signet ${manifest.version.replaceAll('.', '\\.')} `));
  });
});

describe('the bin', () => {
  it('is the built main.js: executable, with its #!/usr/bin/env node line', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    expect(fileURLToPath(new URL(`../../${manifest.bin.signet}`, import.meta.url))).toBe(CLI);
    expect(readFileSync(CLI, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    expect(statSync(CLI).mode & 0o111).toBe(0o111);
    const direct = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(direct.status, direct.stderr).toBe(0);
  });

  it('runs as `npm exec -- signet` in the repository, without a global install', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const result = spawnSync('npm', ['exec', '--offline', '--no', '--', 'signet', '--version'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^signet \d+\.\d+\.\d+ /);
  }, 60_000);
});

describe.concurrent('signet sign', () => {
  const url = `${HOST}/image.jpg`;
  const base = ['--url', url, '--key-pair-id', 'K2JCJMDEHXQW5F', '--private-key', ECDSA_KEY];

  it('--expires-in 1h sets the expiry an hour from now', async () => {
    const before = Math.floor(Date.now() / 1000);
    const out = await signed([...base, '--expires-in', '1h']);
    const after = Math.floor(Date.now() / 1000);
    const expires = Number(/[?&]Expires=(\d+)&/.exec(out)?.[1]);
    expect(expires).toBeGreaterThanOrEqual(before + 3600);
    expect(expires).toBeLessThanOrEqual(after + 3600);
  });

  it('--expires-in reads 90, 90s, 15m, 7d and 1h30m', async () => {
    for (const [text, seconds] of [
      ['90', 90],
      ['90s', 90],
      ['15m', 900],
      ['7d', 604800],
      ['1h30m', 5400],
    ] as const) {
      const now = Math.floor(Date.now() / 1000);
      const expires = Number(
        /Expires=(\d+)/.exec(await signed([...base, '--expires-in', text]))?.[1],
      );
      expect(expires - now, text).toBeGreaterThanOrEqual(seconds);
      expect(expires - now, text).toBeLessThanOrEqual(seconds + 2);
    }
  }, 30_000);

  it('--json prints the whole result, warnings included, with a final newline', async () => {
    const run = await signet([
      'sign',
      ...base,
      '--date-less-than',
      '2030-01-01',
      '--ip-address',
      '192.0.2.0/24',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      policyType: 'custom',
      resource: url,
      dateLessThan: 1893456000,
      ipAddress: '192.0.2.0/24',
      hashAlgorithm: 'SHA256',
      keyPairId: 'K2JCJMDEHXQW5F',
      warnings: [],
    });
    expect(result.url.startsWith(`${url}?Policy=`)).toBe(true);
    expect(result.policy).toBe(
      `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"}}}]}`,
    );
  });

  it('puts warnings on stderr, one line each, and only the URL on stdout', async () => {
    const run = await signet([
      'sign',
      '--url',
      url,
      '--key-pair-id',
      'K1TESTKEY',
      '--private-key',
      RSA_KEY,
      '--date-less-than',
      '2020-01-01',
      '--url',
      'http://d111111abcdef8.cloudfront.net/a.jpg',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^http:\/\/d111111abcdef8\.cloudfront\.net\/a\.jpg\?Expires=1577836800&Signature=[\w~-]+&Key-Pair-Id=K1TESTKEY$/,
    );
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((line) => /^signet: warning: \[(\w+)\] /.exec(line)?.[1])).toEqual([
      'RSA_KEY_SIZE',
      'ALREADY_EXPIRED',
      'HTTP_NOT_HTTPS',
    ]);
  });

  it('--encode-url percent-encodes the URL, says so on stderr, and signs the encoded string', async () => {
    const run = await signet([
      'sign',
      ...base,
      '--date-less-than',
      '2030-01-01',
      '--url',
      `${HOST}/été/my file.jpg`,
    ]);
    expect(run.status).toBe(4);
    const encoded = await signet([
      'sign',
      ...base,
      '--date-less-than',
      '2030-01-01',
      '--url',
      `${HOST}/été/my file.jpg`,
      '--encode-url',
    ]);
    expect(encoded.status, encoded.stderr).toBe(0);
    expect(
      encoded.stdout.startsWith(`${HOST}/%C3%A9t%C3%A9/my%20file.jpg?Expires=1893456000&`),
    ).toBe(true);
    expect(encoded.stderr).toMatch(
      /^signet: --encode-url: signing https:\/\/d111111abcdef8\.cloudfront\.net\/%C3%A9t%C3%A9\/my%20file\.jpg \(percent-encoded/,
    );
  });

  it('reads the private key from standard input with --private-key -', async () => {
    const run = await signet(
      ['sign', ...base.slice(0, -1), '-', '--date-less-than', '2030-01-01'],
      { input: readFileSync(ECDSA_KEY) },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256');
  });

  it('takes --flag=value as well as --flag value', async () => {
    const run = await signet([
      'sign',
      `--url=${url}`,
      '--key-pair-id=K2JCJMDEHXQW5F',
      `--private-key=file://${ECDSA_KEY}`,
      '--date-less-than=2030-01-01',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Expires=1893456000&');
  });
});

describe.concurrent('signet sign-cookies', () => {
  const resource = `${HOST}/videos/*`;
  const base = [
    'sign-cookies',
    '--resource',
    resource,
    '--key-pair-id',
    'K2JCJMDEHXQW5F',
    '--private-key',
    ECDSA_KEY,
    '--date-less-than',
    '2030-01-01',
  ];

  it('prints Set-Cookie lines with --set-cookie, Secure and HttpOnly always set', async () => {
    const run = await signet([
      ...base,
      '--set-cookie',
      '--cookie-domain',
      'media.example.com',
      '--cookie-path',
      '/videos/',
      '--same-site',
      'Lax',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((line) => /^Set-Cookie: ([\w-]+)=/.exec(line)?.[1])).toEqual([
      'CloudFront-Policy',
      'CloudFront-Signature',
      'CloudFront-Key-Pair-Id',
      'CloudFront-Hash-Algorithm',
    ]);
    for (const line of lines)
      expect(line).toMatch(
        /; Domain=media\.example\.com; Path=\/videos\/; Secure; HttpOnly; SameSite=Lax$/,
      );
  });

  it('prints a curl command for the URL to request with --curl', async () => {
    const run = await signet([...base, '--curl', '--url', `${HOST}/videos/intro.mp4`]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^curl --cookie 'CloudFront-Policy=[\w~-]+; CloudFront-Signature=[\w~-]+; CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; CloudFront-Hash-Algorithm=SHA256' https:\/\/d111111abcdef8\.cloudfront\.net\/videos\/intro\.mp4\n$/,
    );
  });

  it('--curl requests a URL with a query string: under a wildcard resource, or as the exact resource', async () => {
    const url = `${HOST}/videos/a.jpg?w=100`;
    const underWildcard = await signet([...base, '--curl', '--url', url]);
    expect(underWildcard.status, underWildcard.stderr).toBe(0);
    expect(underWildcard.stdout).toMatch(/^curl --cookie 'CloudFront-Policy=[^']+' '(.+)'\n$/);
    expect(underWildcard.stdout.endsWith(` '${url}'\n`)).toBe(true);
    const exact = await signet(['sign-cookies', '--resource', url, ...base.slice(3), '--curl']);
    expect(exact.status, exact.stderr).toBe(0);
    expect(exact.stdout).toMatch(/^curl --cookie 'CloudFront-Expires=\d+; CloudFront-Signature=/);
    expect(exact.stdout.endsWith(` '${url}'\n`)).toBe(true);
  });

  it('makes cookies that signet verify accepts for a URL under the resource and refuses elsewhere', async () => {
    const cookies = (await signet(base)).stdout;
    const inside = await signet([
      'verify',
      '--url',
      `${HOST}/videos/a/b.mp4`,
      '--cookies',
      cookies,
      '--public-key',
      ECDSA_PUBLIC,
      '--at',
      BEFORE,
    ]);
    expect(inside.status, inside.stdout + inside.stderr).toBe(0);
    expect(inside.stdout).toMatch(/^allowed: signature valid/);
    const outside = await signet([
      'verify',
      '--url',
      `${HOST}/images/b.jpg`,
      '--cookies',
      cookies,
      '--public-key',
      ECDSA_PUBLIC,
      '--at',
      BEFORE,
    ]);
    expect(outside.status).toBe(1);
    expect(outside.stdout).toMatch(/^denied: 403 AccessDenied: resource .* does not match/);
  });

  it('warns on stderr that a canned cookie unlocks one URL only', async () => {
    const run = await signet(['sign-cookies', '--resource', `${HOST}/one.mp4`, ...base.slice(3)]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^signet: warning: \[CANNED_COOKIE_ONE_URL\] /m);
    expect(Object.keys(JSON.parse(run.stdout))).toContain('CloudFront-Expires');
  });
});

describe.concurrent('signet inspect and signet verify', () => {
  const rsa = ['--key-pair-id', 'K1TESTKEY', '--private-key', RSA_KEY];
  const cannedUrl = () =>
    signed(['--url', `${HOST}/image.jpg`, ...rsa, '--date-less-than', EXPIRY]);
  const ipUrl = () =>
    signed([
      '--url',
      `${HOST}/document.pdf`,
      ...rsa,
      '--date-less-than',
      EXPIRY,
      '--ip-address',
      '192.168.0.0/24',
    ]);

  it('inspect decodes every piece without a key, and exits 0', async () => {
    const run = await signet(['inspect', await ipUrl(), '--at', BEFORE]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Source: +signed URL$/m);
    expect(run.stdout).toMatch(/^URL: +https:\/\/d111111abcdef8\.cloudfront\.net\/document\.pdf$/m);
    expect(run.stdout).toMatch(/^Policy: +custom$/m);
    expect(run.stdout).toMatch(/^Expires: +2026-01-01T18:00:00Z \(1767290400, in 31 days\)$/m);
    expect(run.stdout).toMatch(/^IP address: +192\.168\.0\.0\/24$/m);
    expect(run.stdout).toMatch(/^Key-Pair-Id: +K1TESTKEY$/m);
    expect(run.stdout).not.toContain('Verdict');
    expect(run.stderr).toMatch(/^signet: warning: \[SHA1_IN_USE\] /m);
  });

  it('inspect reports an expired link on stderr and still exits 0 without a key', async () => {
    const run = await signet(['inspect', await cannedUrl(), '--at', AFTER, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).inspection).toMatchObject({
      policyType: 'canned',
      keyPairId: 'K1TESTKEY',
    });
    expect(run.stderr).toMatch(/^signet: warning: \[EXPIRED\] /m);
  });

  it('inspect with --public-key adds the verdict, and the exit status follows it', async () => {
    const url = await cannedUrl();
    const allowed = await signet(['inspect', url, '--public-key', RSA_PUBLIC, '--at', BEFORE]);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(
      /^Verdict: +allowed \(200\) at 2025-12-01T00:00:00Z: signature valid/m,
    );
    const denied = await signet([
      'inspect',
      url,
      '--public-key',
      RSA_PUBLIC,
      '--at',
      AFTER,
      '--json',
    ]);
    expect(denied.status).toBe(1);
    expect(JSON.parse(denied.stdout).verdict).toMatchObject({
      allowed: false,
      status: 403,
      code: 'AccessDenied',
    });
  });

  it('verify: allowed before the expiry (0), denied after it (1)', async () => {
    const url = await cannedUrl();
    const before = await signet(['verify', url, '--public-key', RSA_PUBLIC, '--at', BEFORE]);
    expect(before.status).toBe(0);
    expect(before.stdout).toMatch(/^allowed: signature valid \(K1TESTKEY, RSA 1024-bit, SHA1\)/);
    const after = await signet(['verify', url, '--public-key', RSA_PUBLIC, '--at', AFTER]);
    expect(after.status).toBe(1);
    expect(after.stdout).toMatch(
      /^denied: 403 AccessDenied: expired .* at 2026-01-01T18:00:00Z\n$/,
    );
  });

  it('verify --at +DURATION checks a time relative to now', async () => {
    const url = await signed(['--url', `${HOST}/image.jpg`, ...rsa, '--expires-in', '1h']);
    expect((await signet(['verify', url, '--public-key', RSA_PUBLIC, '--at', '+30m'])).status).toBe(
      0,
    );
    expect((await signet(['verify', url, '--public-key', RSA_PUBLIC, '--at', '+2h'])).status).toBe(
      1,
    );
  });

  it('verify checks the viewer IP against the policy range', async () => {
    const url = await ipUrl();
    const inside = await signet([
      'verify',
      url,
      '--public-key',
      RSA_PUBLIC,
      '--at',
      BEFORE,
      '--viewer-ip',
      '192.168.0.7',
    ]);
    expect(inside.status).toBe(0);
    const outside = await signet([
      'verify',
      url,
      '--public-key',
      RSA_PUBLIC,
      '--at',
      BEFORE,
      '--viewer-ip',
      '10.0.0.1',
    ]);
    expect(outside.status).toBe(1);
    expect(outside.stdout).toBe(
      'denied: 403 AccessDenied: viewer 10.0.0.1 is outside 192.168.0.0/24\n',
    );
    const unknown = await signet(['verify', url, '--public-key', RSA_PUBLIC, '--at', BEFORE]);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toContain("give the viewer's IP address");
  });

  it('verify gives CloudFront error codes: a changed URL, another key, an untrusted ID, no Key-Pair-Id', async () => {
    const url = await cannedUrl();
    const changed = await signet([
      'verify',
      url.replace('image.jpg', 'other.jpg'),
      '--public-key',
      RSA_PUBLIC,
      '--at',
      BEFORE,
    ]);
    expect(changed.stdout).toMatch(/^denied: 403 AccessDenied: the signature does not match/);
    const otherKey = await signet(['verify', url, '--public-key', ECDSA_PUBLIC, '--at', BEFORE]);
    expect(otherKey.status).toBe(1);
    expect(otherKey.stdout).toMatch(/^denied: 403 /);
    const untrusted = await signet([
      'verify',
      url,
      '--public-key',
      RSA_PUBLIC,
      '--key-pair-id',
      'KOTHER',
      '--at',
      BEFORE,
    ]);
    expect(untrusted.stdout).toMatch(
      /^denied: 403 InvalidKey: the key pair ID K1TESTKEY is not one of the trusted keys \(KOTHER\)/,
    );
    const missing = await signet([
      'verify',
      url.replace('&Key-Pair-Id=K1TESTKEY', ''),
      '--public-key',
      RSA_PUBLIC,
    ]);
    expect(missing.stdout).toMatch(/^denied: 403 MissingKey: /);
    for (const run of [changed, untrusted, missing]) expect(run.status).toBe(1);
  });

  it('verify accepts the private key file as --public-key, and prints the verdict as JSON with --json', async () => {
    const run = await signet([
      'verify',
      await cannedUrl(),
      '--public-key',
      `file://${RSA_KEY}`,
      '--at',
      BEFORE,
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ allowed: true, status: 200, source: 'url' });
  });

  it('verify reads cookies as a Cookie header and as Set-Cookie lines from standard input', async () => {
    const map = JSON.parse(
      (
        await signet([
          'sign-cookies',
          '--resource',
          `${HOST}/*`,
          ...rsa,
          '--date-less-than',
          EXPIRY,
          '--ip-address',
          '10.0.0.0/8',
        ])
      ).stdout,
    ) as Record<string, string>;
    const header = Object.entries(map)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const byHeader = await signet([
      'verify',
      `${HOST}/any/file.mp4`,
      '--cookies',
      `Cookie: ${header}`,
      '--public-key',
      RSA_PUBLIC,
      '--at',
      BEFORE,
      '--viewer-ip',
      '10.1.2.3',
    ]);
    expect(byHeader.status, byHeader.stdout).toBe(0);
    const lines = Object.entries(map)
      .map(([name, value]) => `Set-Cookie: ${name}=${value}; Secure; HttpOnly`)
      .join('\n');
    const byLines = await signet(
      [
        'verify',
        `${HOST}/any/file.mp4`,
        '--cookies-file',
        '-',
        '--public-key',
        RSA_PUBLIC,
        '--at',
        BEFORE,
        '--viewer-ip',
        '10.1.2.3',
      ],
      {
        input: lines,
      },
    );
    expect(byLines.status, byLines.stdout).toBe(0);
    expect(byLines.stdout).toMatch(/^allowed: /);
  });
});
