/**
 * The command line's side of the red-team findings (issue 12), run on the built `signet` as a
 * user would: a key given to the wrong flag, a key file given as the URL list, terminal escapes
 * in a link, cookie attribute injection, and huge input.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../core/keys.fixtures.ts';
import { type Run, requireBuiltCli, scratch, signet, vectorKey } from './cli.ts';

const folder = scratch('red-team');
const ECDSA_KEY = vectorKey('keys/sep-test-ecdsa-key.pem');
const ECDSA_PUBLIC = vectorKey('keys/sep-test-ecdsa-key-public.pem');
const PEM = fixtureText('rsa-2048-pkcs8.pem');
const BODY = PEM.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
const URL = 'https://d111111abcdef8.cloudfront.net/image.jpg';
const SIGN = ['--key-pair-id', 'K2JCJMDEHXQW5F', '--private-key', ECDSA_KEY];

beforeAll(() => {
  requireBuiltCli();
  writeFileSync(folder.path('private.pem'), PEM);
});
afterAll(folder.remove);

/** No 16-character run of the key's body in anything the CLI printed, and no stack trace. */
function expectNoKey(run: Run): void {
  const printed = run.stdout + run.stderr;
  const body = BODY.join('');
  for (let i = 0; i + 16 <= body.length; i++) {
    const piece = body.slice(i, i + 16);
    if (printed.includes(piece)) throw new Error(`printed ${JSON.stringify(piece)}:\n${printed}`);
  }
  for (const line of BODY) expect(printed).not.toContain(line);
  expect(printed).not.toMatch(/^\s+at /m);
}

describe('finding 2: a key given to the wrong flag is described, never printed', () => {
  const cases: [string, string[]][] = [
    [
      '--key-pair-id',
      [
        'sign',
        '--url',
        URL,
        ...SIGN.slice(2),
        '--date-less-than',
        '2030-01-01',
        '--key-pair-id',
        PEM,
      ],
    ],
    ['--ip-address', ['sign', '--url', URL, ...SIGN, '--expires-in', '1h', '--ip-address', PEM]],
    ['--date-less-than', ['sign', '--url', URL, ...SIGN, '--date-less-than', PEM]],
    [
      '--hash-algorithm',
      ['sign', '--url', URL, ...SIGN, '--expires-in', '1h', '--hash-algorithm', PEM],
    ],
    ['--expires-in', ['sign', '--url', URL, ...SIGN, '--expires-in', PEM]],
    ['--url', ['sign', ...SIGN, '--expires-in', '1h', '--url', PEM]],
    [
      '--policy-resource',
      ['sign', '--url', URL, ...SIGN, '--expires-in', '1h', '--policy-resource', PEM],
    ],
    ['--urls-file', ['sign', ...SIGN, '--expires-in', '1h', '--urls-file', PEM]],
    [
      '--cookie-domain',
      [
        'sign-cookies',
        '--resource',
        URL,
        ...SIGN,
        '--expires-in',
        '1h',
        '--set-cookie',
        '--cookie-domain',
        PEM,
      ],
    ],
    ['--viewer-ip', ['verify', URL, '--public-key', ECDSA_PUBLIC, '--viewer-ip', PEM]],
    ['--at', ['inspect', URL, '--at', PEM]],
    ['a short --public-key', ['verify', URL, '--public-key', (BODY[1] as string).slice(0, 40)]],
    ['inspect URL', ['inspect', PEM]],
    ['keygen --type', ['keygen', '--type', PEM, '--out', folder.path('a.pem')]],
    ['keygen --out', ['keygen', '--out', PEM]],
    ['the command name', [PEM]],
  ];

  it.each(cases)('%s', async (_title, args) => {
    const run = await signet(args, { cwd: folder.dir });
    expect(run.status, run.stderr).not.toBe(0);
    expect(run.status).not.toBe(70);
    expect(run.stdout).toBe('');
    expectNoKey(run);
  });

  it('says what the value looks like', async () => {
    const run = await signet(['sign', '--url', URL, ...SIGN, '--date-less-than', PEM]);
    expect(run.stderr).toMatch(
      /--date-less-than: The expiry \(a 1,\d{3}-character value that looks like a PEM private key \(BEGIN PRIVATE KEY\), not shown\)/,
    );
  });
});

describe('finding 2: a key file given as the list of URLs is refused as a whole', () => {
  it('signet sign --urls-file private.pem names what it looks like and prints no line of it', async () => {
    const run = await signet([
      'sign',
      '--urls-file',
      folder.path('private.pem'),
      ...SIGN,
      '--expires-in',
      '1h',
    ]);
    expect(run.status).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /--urls-file: .*private\.pem looks like a PEM private key \(BEGIN PRIVATE KEY\), not a list of URLs; nothing was signed/,
    );
    expect(run.stderr).not.toMatch(/line \d/);
    expectNoKey(run);
  });

  it('and so is a key body without armour, DER, or binary data on standard input', async () => {
    for (const input of [
      BODY.join('\n'),
      Buffer.from(BODY.join(''), 'base64'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    ]) {
      const run = await signet(['sign', '--urls-file', '-', ...SIGN, '--expires-in', '1h'], {
        input,
      });
      expect(run.status).toBe(4);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/standard input looks like (base64 text|DER data|binary data)/);
      expectNoKey(run);
    }
  });
});

describe('finding 5: text from a link reaches the terminal with its control characters made visible', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  const ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
  const policy = Buffer.from(
    JSON.stringify({
      Statement: [
        {
          Resource: 'https://d.example/\x1b]0;pwned\x07\x1b[2J*',
          Condition: { DateLessThan: { 'AWS:EpochTime': 2000000000 } },
        },
      ],
    }),
  )
    .toString('base64')
    .replaceAll('+', '-')
    .replaceAll('=', '_')
    .replaceAll('/', '~');
  const link = `https://d.example/\x1b[31mred\x1b[0m?Policy=${policy}&Signature=abc&Key-Pair-Id=K\x1b]0;title\x07`;

  it('inspect', async () => {
    const run = await signet(['inspect', link]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(ESCAPES);
    expect(run.stderr).not.toMatch(ESCAPES);
    expect(run.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J');
    expect(run.stdout).toContain('https://d.example/\\x1b[31mred\\x1b[0m');
    expect(run.stdout).toContain('K\\x1b]0;title\\x07');
  });

  it('inspect --json, and verify', async () => {
    const json = await signet(['inspect', link, '--json']);
    expect(json.stdout).not.toMatch(ESCAPES);
    expect(JSON.parse(json.stdout).inspection.resource).toContain('\x1b]0;pwned');
    const verify = await signet(['verify', link, '--public-key', ECDSA_PUBLIC]);
    expect(verify.status).toBe(1);
    expect(verify.stdout + verify.stderr).not.toMatch(ESCAPES);
  });

  it('cookies too', async () => {
    const run = await signet([
      'inspect',
      '--cookies',
      'CloudFront-Expires=1\x1b[5m; CloudFront-Signature=x; CloudFront-Key-Pair-Id=K\x07',
    ]);
    expect(run.stdout + run.stderr).not.toMatch(ESCAPES);
    expect(run.stdout).toContain('K\\x07');
  });
});

describe('finding 6: no cookie attribute is injected through the resource', () => {
  it('sign-cookies refuses a default Path that would carry ;', async () => {
    const run = await signet([
      'sign-cookies',
      '--resource',
      'https://d.example/x;Domain=attacker.example;SameSite=None/*',
      ...SIGN,
      '--expires-in',
      '1h',
      '--set-cookie',
    ]);
    expect(run.status).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /path "\/x;Domain=attacker.example;SameSite=None\/", taken from the resource, must/,
    );
  });
});

describe('finding 7: huge input is refused by its length without stalling', () => {
  it('a --url as long as the system allows (128 KiB) is refused with its length', async () => {
    const url = `${URL}?${'a'.repeat(128 * 1024 - 100)}`;
    const run = await signet(['sign', '--url', url, ...SIGN, '--expires-in', '1h']);
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(
      /The URL is 131,[\d,]+ characters long; CloudFront refuses URLs over 8,192 bytes/,
    );
  });

  it('a 100 MB line in --urls-file is reported with its length, and the next line is signed', async () => {
    const file = folder.path('huge.txt');
    writeFileSync(file, `${URL}?${'a'.repeat(100 * 1024 * 1024)}\n${URL}\n`);
    const run = await signet(['sign', '--urls-file', file, ...SIGN, '--expires-in', '1h'], {
      timeout: 60_000,
    });
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(
      /line 1: the line is 104,857,\d{3} bytes long; CloudFront refuses URLs over 8,192 bytes/,
    );
    expect(run.stdout).toMatch(/^https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg\?Expires=/);
  }, 90_000);
});

describe('finding 3: a * in the URL signs a canned policy', () => {
  it('prints Expires=, not Policy=', async () => {
    const run = await signet([
      'sign',
      '--url',
      'https://d111111abcdef8.cloudfront.net/report*.pdf',
      ...SIGN,
      '--date-less-than',
      '2030-01-01',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/report\*\.pdf\?Expires=1893456000&Signature=/);
  });
});
