/**
 * Live differential test: `aws cloudfront sign` and `signet sign` run on the same generated
 * inputs and must print the same bytes. Runs when an AWS CLI is on PATH (a developer machine, or
 * CI with Debian's awscli package); otherwise its tests are reported as skipped, by name.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openssl } from '../support/openssl.ts';
import { requireBuiltCli, scratch, signet } from './cli.ts';

const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const awsVersion = probe.status === 0 ? `${probe.stdout}${probe.stderr}`.trim() : undefined;
const skipReason = awsVersion ? '' : ' (skipped: no aws on PATH)';

/** What both CLIs take: the flags every `aws cloudfront sign` since 2015 knows, and SHA-1 RSA. */
interface Inputs {
  url: string;
  dateLessThan: string;
  dateGreaterThan?: string;
  ipAddress?: string;
}

const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
  fc.constantFrom('%20', '%C3%A9t%C3%A9', 'a%2Fb', 'index.html', 'seg-00001.ts'),
);
const url = fc
  .record({
    host: fc.stringMatching(/^[a-z0-9]{13}$/),
    path: fc.array(segment, { minLength: 1, maxLength: 4 }),
    query: fc.option(
      fc.array(
        fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/)),
        { minLength: 1, maxLength: 3 },
      ),
    ),
  })
  .map(({ host, path, query }) => {
    const search = query ? `?${query.map(([name, value]) => `${name}=${value}`).join('&')}` : '';
    return `https://d${host}.cloudfront.net/${path.join('/')}${search}`;
  });

/** A time in one of the forms that the AWS CLI's help lists. */
const time = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom('epoch', 'date', 'datetime', 'offset'))
    .map(([seconds, form]) => {
      const iso = (s: number) => new Date(s * 1000).toISOString().slice(0, 19);
      switch (form) {
        case 'epoch':
          return { seconds, text: String(seconds) };
        case 'date': {
          const midnight = seconds - (seconds % 86400);
          return { seconds: midnight, text: iso(midnight).slice(0, 10) };
        }
        case 'datetime':
          return { seconds, text: iso(seconds) };
        default:
          return { seconds, text: `${iso(seconds - 5400)}-01:30` };
      }
    });

const ip = fc.oneof(
  fc.ipV4(),
  fc
    .tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }))
    .map(([address, prefix]) => `${address}/${prefix}`),
);

const inputs = fc
  .record({
    url,
    expiry: time(1_900_000_000, 2_100_000_000),
    start: fc.option(time(1_700_000_000, 1_890_000_000), { freq: 2 }),
    ipAddress: fc.option(ip, { freq: 2 }),
  })
  .map(
    ({ url, expiry, start, ipAddress }): Inputs => ({
      url,
      dateLessThan: expiry.text,
      ...(start ? { dateGreaterThan: start.text } : {}),
      ...(ipAddress ? { ipAddress } : {}),
    }),
  );

// A fixed seed: the same inputs on every run, so a difference is reproducible.
const generated = fc.sample(inputs, { seed: 20261129, numRuns: 14 });
// Both policy types must be covered whatever the generator picked.
const cases: Inputs[] = [
  { url: 'https://d111111abcdef8.cloudfront.net/image.jpg', dateLessThan: '2030-01-01' },
  {
    url: 'https://d111111abcdef8.cloudfront.net/video.mp4?quality=hd',
    dateLessThan: '2030-01-01T18:00:00',
    dateGreaterThan: '2029-06-01T00:00:00+02:00',
    ipAddress: '192.0.2.0/24',
  },
  ...generated,
  // A * in the URL is a plain character: canned, as the AWS CLI signs it (issue 12, finding 3).
  { url: 'https://d111111abcdef8.cloudfront.net/report*.pdf', dateLessThan: '2030-01-01' },
  ...fc.sample(url, { seed: 20261201, numRuns: 4 }).map((generatedUrl, index) => ({
    url: generatedUrl.replace('.net/', index % 2 ? '.net/*' : '.net/x*/'),
    dateLessThan: String(1_900_000_000 + index),
  })),
  {
    url: 'https://d111111abcdef8.cloudfront.net/*/a*b.jpg?size=*&v=1',
    dateLessThan: '2030-01-01T12:00:00',
  },
];

function argumentsFor(inputs: Inputs, keyFile: string): string[] {
  return [
    '--url',
    inputs.url,
    '--key-pair-id',
    'K2JCJMDEHXQW5F',
    '--private-key',
    `file://${keyFile}`,
    '--date-less-than',
    inputs.dateLessThan,
    ...(inputs.dateGreaterThan ? ['--date-greater-than', inputs.dateGreaterThan] : []),
    ...(inputs.ipAddress ? ['--ip-address', inputs.ipAddress] : []),
  ];
}

function aws(
  args: readonly string[],
): Promise<{ status: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', ['cloudfront', 'sign', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ status, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString() }),
    );
  });
}

describe.concurrent(`aws cloudfront sign and signet sign print the same bytes${skipReason}`, () => {
  const folder = scratch('aws-diff');
  // PKCS#1 (BEGIN RSA PRIVATE KEY), 2048 bits: the one form that every AWS CLI version reads.
  const keyFile = folder.path('private_key.pem');

  beforeAll(() => {
    if (!awsVersion) return;
    requireBuiltCli();
    const made = openssl(['genrsa', '-traditional', '-out', 'out.pem', '2048']);
    if (made.status !== 0 || !made.outputs['out.pem'])
      throw new Error(`openssl genrsa failed: ${made.stderr}`);
    writeFileSync(keyFile, made.outputs['out.pem']);
    console.log(`differential against ${awsVersion}`);
  });
  afterAll(folder.remove);

  cases.forEach((inputs, index) => {
    const kind = inputs.dateGreaterThan || inputs.ipAddress ? 'custom' : 'canned';
    it.skipIf(!awsVersion)(
      `case ${index + 1} (${kind}): ${JSON.stringify(inputs)}`,
      async () => {
        const args = argumentsFor(inputs, keyFile);
        const [expected, actual] = await Promise.all([aws(args), signet(['sign', ...args])]);
        expect(expected.status, expected.stderr).toBe(0);
        expect(actual.status, actual.stderr).toBe(0);
        expect(actual.stdout).toBe(expected.stdout.toString('utf8'));
        expect(actual.stdoutBytes.equals(expected.stdout)).toBe(true);
        expect(actual.stdout).toMatch(kind === 'custom' ? /[?&]Policy=/ : /[?&]Expires=/);
      },
      60_000,
    );
  });
});
