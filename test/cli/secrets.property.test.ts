/**
 * No secret is ever echoed by the command line (issue 12, must-show 1, the CLI): a private key
 * generated here (RSA or EC; PEM, base64 without armour, DER as text) or a passphrase, given to
 * any flag or positional argument of any command, never shows a 16-character run of itself on
 * stdout or stderr.
 *
 * The commands run in this process, with their output captured, as src/cli/main.ts runs them
 * (its catch is one call to describeError), so that hundreds of cases take seconds; the command
 * name itself, which only main.ts reads, is checked on the built signet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/cli-error.ts';
import type { Command } from '../../src/cli/commands/command.ts';
import { inspect } from '../../src/cli/commands/inspect.ts';
import { keygen } from '../../src/cli/commands/keygen.ts';
import { sign } from '../../src/cli/commands/sign.ts';
import { signCookies } from '../../src/cli/commands/sign-cookies.ts';
import { verify } from '../../src/cli/commands/verify.ts';
import { Output } from '../../src/cli/output.ts';
import {
  generateSecretKeys,
  leakIn,
  passphrase,
  type Secret,
  secretRuns,
} from '../support/secrets.ts';
import { requireBuiltCli, signet, vectorKey } from './cli.ts';

const ECDSA_KEY = vectorKey('keys/sep-test-ecdsa-key.pem');
const ECDSA_PUBLIC = vectorKey('keys/sep-test-ecdsa-key-public.pem');
const URL = 'https://d111111abcdef8.cloudfront.net/videos/a.jpg';
const SIGNED = `${URL}?Expires=2000000000&Signature=abc&Key-Pair-Id=K2JCJMDEHXQW5F`;
const COMMANDS: Record<string, Command> = {
  sign,
  'sign-cookies': signCookies,
  inspect,
  verify,
  keygen,
};

let keys: Secret[];
let scratch: string;

beforeAll(() => {
  keys = generateSecretKeys();
  scratch = mkdtempSync(join(tmpdir(), 'signet-secrets-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A whole, valid command line for each command; a slot replaces one value with the secret. */
function base(command: string): Record<string, string | true> {
  const signing = {
    '--key-pair-id': 'K2JCJMDEHXQW5F',
    '--private-key': ECDSA_KEY,
    '--expires-in': '1h',
  } as const;
  switch (command) {
    case 'sign':
      return { '--url': URL, '--policy-resource': `${URL.replace('a.jpg', '*')}`, ...signing };
    case 'sign-cookies':
      return {
        '--resource': URL.replace('a.jpg', '*'),
        ...signing,
        '--curl': true,
        '--url': URL,
        '--cookie-domain': 'media.example.com',
        '--cookie-path': '/videos/',
        '--same-site': 'Lax',
      };
    case 'keygen':
      return {
        '--type': 'ecdsa',
        '--out': join(scratch, `k-${Math.random()}.pem`),
        '--public-out': join(scratch, `p-${Math.random()}.pem`),
      };
    default:
      return {
        '': SIGNED,
        '--public-key': ECDSA_PUBLIC,
        '--key-pair-id': 'K2JCJMDEHXQW5F',
        '--at': '2030-01-01',
        '--viewer-ip': '192.0.2.7',
      };
  }
}

/** Every flag and positional of every command, as "command flag"; "" is the positional URL. */
const SLOTS: [command: string, flag: string][] = [
  ...[
    '--url',
    '--policy-resource',
    '--urls-file',
    '--key-pair-id',
    '--private-key',
    '--passphrase-env',
    '--passphrase-file',
    '--date-less-than',
    '--expires-in',
    '--date-greater-than',
    '--ip-address',
    '--hash-algorithm',
    'extra argument',
  ].map((flag): [string, string] => ['sign', flag]),
  ...[
    '--resource',
    '--url',
    '--cookie-domain',
    '--cookie-path',
    '--same-site',
    '--key-pair-id',
    '--private-key',
    '--passphrase-env',
    '--passphrase-file',
    '--date-less-than',
    '--expires-in',
    '--date-greater-than',
    '--ip-address',
    '--hash-algorithm',
  ].map((flag): [string, string] => ['sign-cookies', flag]),
  ...['inspect', 'verify'].flatMap((command) =>
    [
      '',
      '--url',
      '--cookies',
      '--cookies-file',
      '--public-key',
      '--key-pair-id',
      '--at',
      '--viewer-ip',
    ].map((flag): [string, string] => [command, flag]),
  ),
  ...['--type', '--out', '--public-out'].map((flag): [string, string] => ['keygen', flag]),
];

function argvFor(command: string, flag: string, secret: string): string[] {
  const values = base(command);
  if (flag === 'extra argument') return [secret, ...flatten(values)];
  if (flag === '--url' && (command === 'inspect' || command === 'verify')) delete values[''];
  if (flag === '--expires-in' || flag === '--date-less-than') {
    delete values['--expires-in'];
    delete values['--date-less-than'];
  }
  values[flag] = secret;
  return flatten(values);
}

function flatten(values: Record<string, string | true>): string[] {
  return Object.entries(values).flatMap(([flag, value]) =>
    flag === '' ? [value as string] : value === true ? [flag] : [flag, value as string],
  );
}

/** Runs one command as main.ts does, and returns everything it wrote. */
async function run(command: string, argv: string[]): Promise<string> {
  let text = '';
  const sink = {
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    isTTY: false,
  };
  const output = new Output(
    sink as unknown as NodeJS.WritableStream,
    sink as unknown as NodeJS.WritableStream,
  );
  try {
    await (COMMANDS[command] as Command).run(argv, {
      output,
      env: { SIGNET_PASSPHRASE: 'a passphrase of no interest' },
      stdin: Readable.from([]),
    });
  } catch (error) {
    output.error(describeError(error).message);
  }
  return text;
}

async function check(command: string, flag: string, secret: Secret): Promise<void> {
  const printed = await run(command, argvFor(command, flag, secret.value));
  const leak = leakIn(printed, secretRuns(secret));
  expect(
    leak,
    `signet ${command} ${flag || 'URL'} with a ${secret.name} printed ${JSON.stringify(leak)}:\n${printed}`,
  ).toBe(undefined);
  expect(printed).not.toMatch(/^\s+at /m);
}

describe('a private key or passphrase given to the wrong flag is never printed', () => {
  it('the valid command lines the slots start from all succeed', async () => {
    for (const command of Object.keys(COMMANDS)) {
      const printed = await run(command, flatten(base(command)));
      expect(printed, command).not.toMatch(/^signet: (?!warning)/m);
    }
  });

  for (const [command, flag] of SLOTS) {
    it(`signet ${command} ${flag || 'URL'}: every key form, and generated passphrases`, async () => {
      for (const secret of keys) await check(command, flag, secret);
      await fc.assert(
        fc.asyncProperty(passphrase, (secret) => check(command, flag, secret)),
        { numRuns: 8 },
      );
    });
  }

  it('signet <secret>: the command name, on the built signet', async () => {
    requireBuiltCli();
    // An argument cannot hold a NUL byte, so DER as text is given without them.
    const secrets = [
      ...(keys as Secret[]).filter((_, index) => index % 3 === 0),
      ...fc.sample(passphrase, { numRuns: 3, seed: 12 }),
    ].map((secret) => ({ ...secret, value: secret.value.replaceAll('\0', '') }));
    for (const secret of secrets) {
      const result = await signet([secret.value]);
      expect(result.status).toBe(2);
      const runs = secretRuns({
        ...secret,
        material: secret.material.map((m) => m.replaceAll('\0', '')),
      });
      expect(leakIn(result.stdout + result.stderr, runs), result.stderr).toBe(undefined);
    }
  });
});
