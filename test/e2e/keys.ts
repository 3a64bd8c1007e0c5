import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The passphrase of every encrypted key fixture (test/fixtures/keys/README.md). */
export const PASSPHRASE = 'correct horse battery staple';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/keys');

/** How to make each key this suite uses, from the RSA PKCS#8 one, as test/fixtures/keys does. */
const RECIPES: Record<string, (dir: string) => string[][]> = {
  'rsa-2048-pkcs8.pem': (dir) => [
    [
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      '-out',
      join(dir, 'rsa-2048-pkcs8.pem'),
    ],
  ],
  'rsa-2048-pkcs1.pem': (dir) => [
    [
      'rsa',
      '-in',
      keyPath('rsa-2048-pkcs8.pem'),
      '-traditional',
      '-out',
      join(dir, 'rsa-2048-pkcs1.pem'),
    ],
  ],
  'rsa-2048-public.pem': (dir) => [
    [
      'pkey',
      '-in',
      keyPath('rsa-2048-pkcs8.pem'),
      '-pubout',
      '-out',
      join(dir, 'rsa-2048-public.pem'),
    ],
  ],
  'rsa-2048-encrypted.pem': (dir) => [
    [
      'pkcs8',
      '-topk8',
      '-in',
      keyPath('rsa-2048-pkcs8.pem'),
      '-passout',
      `pass:${PASSPHRASE}`,
      '-out',
      join(dir, 'rsa-2048-encrypted.pem'),
    ],
  ],
  'p256-pkcs8.pem': (dir) => [
    [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      join(dir, 'p256-pkcs8.pem'),
    ],
  ],
};

export type KeyName = keyof typeof RECIPES;

let generated: string | undefined;

/**
 * The path of a key fixture: the committed one in test/fixtures/keys when it is there, else one
 * made with openssl by the same command into a temporary folder (once per test worker).
 */
export function keyPath(name: KeyName): string {
  const committed = join(FIXTURES, name);
  if (existsSync(committed)) return committed;
  generated ??= mkdtempSync(join(tmpdir(), 'signet-e2e-keys-'));
  const target = join(generated, name);
  if (!existsSync(target)) {
    const recipe = RECIPES[name];
    if (!recipe) throw new Error(`no recipe for key fixture ${name}`);
    for (const args of recipe(generated)) execFileSync('openssl', args, { stdio: 'ignore' });
  }
  return target;
}

export const keyText = (name: KeyName): string => readFileSync(keyPath(name), 'utf8');
export const keyBytes = (name: KeyName): Buffer => readFileSync(keyPath(name));
