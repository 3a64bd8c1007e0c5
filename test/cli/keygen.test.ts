/** `signet keygen`: keys CloudFront accepts, the private one with mode 0600, never overwriting. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCloudFrontBase64 } from '../support/cloudfront-base64.ts';
import { opensslVerifies } from '../support/openssl.ts';
import { CLI, requireBuiltCli, scratch, signet } from './cli.ts';

const folder = scratch('keygen');
let count = 0;
/** A fresh empty folder per test, so tests do not see each other's files. */
function freshDir(): string {
  const dir = join(folder.dir, `t${++count}`);
  mkdirSync(dir);
  return dir;
}

function opensslText(args: string[]): string {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const mode = (path: string) => statSync(path).mode & 0o777;

beforeAll(requireBuiltCli);
afterAll(folder.remove);

describe.concurrent('signet keygen', () => {
  it('writes an RSA 2048 key pair by default: private_key.pem with mode 0600 and public_key.pem', async () => {
    const dir = freshDir();
    const run = await signet(['keygen'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const privateFile = join(dir, 'private_key.pem');
    const publicFile = join(dir, 'public_key.pem');
    expect(mode(privateFile)).toBe(0o600);
    expect(mode(publicFile)).toBe(0o644);
    expect(readFileSync(privateFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(readFileSync(publicFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(opensslText(['pkey', '-in', privateFile, '-noout', '-text'])).toMatch(
      /Private-Key: \(2048 bit/,
    );
    // The public file is the public half of the private one, as openssl derives it.
    expect(opensslText(['pkey', '-in', privateFile, '-pubout'])).toBe(
      readFileSync(publicFile, 'utf8'),
    );
    expect(run.stdout).toContain('private_key.pem');
    expect(run.stdout).toMatch(/SHA256:[A-Za-z0-9+/]{43}/);
  });

  it('writes an ECDSA P-256 key pair with --type ecdsa, to the paths given', async () => {
    const dir = freshDir();
    const privateFile = join(dir, 'cf.pem');
    const run = await signet(['keygen', '--type', 'ecdsa', '--out', privateFile, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      type: 'ECDSA',
      description: 'ECDSA P-256',
      privateKeyFile: privateFile,
    });
    expect(result.publicKeyFile).toBe(join(dir, 'cf.pub.pem'));
    expect(result.publicKeyPem).toBe(readFileSync(result.publicKeyFile, 'utf8'));
    expect(mode(privateFile)).toBe(0o600);
    expect(opensslText(['pkey', '-in', privateFile, '-noout', '-text'])).toContain(
      'ASN1 OID: prime256v1',
    );
  });

  it('keeps mode 0600 for the private key even under umask 000', async () => {
    const dir = freshDir();
    const result = spawnSync(
      'sh',
      ['-c', `umask 000 && exec "${process.execPath}" "${CLI}" keygen --type ecdsa`],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(mode(join(dir, 'private_key.pem'))).toBe(0o600);
  });

  for (const [type, article] of [
    ['rsa', 'an RSA'],
    ['ecdsa', 'an ECDSA'],
  ] as const) {
    it(`makes ${article} key that signs URLs which openssl verifies with the public key file`, async () => {
      const dir = freshDir();
      expect((await signet(['keygen', '--type', type], { cwd: dir })).status).toBe(0);
      const run = await signet(
        [
          'sign',
          '--url',
          'https://d111111abcdef8.cloudfront.net/a.jpg',
          '--key-pair-id',
          'KNEW',
          '--private-key',
          'private_key.pem',
          '--expires-in',
          '1h',
          '--json',
        ],
        { cwd: dir },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      const signed = JSON.parse(run.stdout);
      const publicPem = readFileSync(join(dir, 'public_key.pem'), 'utf8');
      expect(
        opensslVerifies(
          publicPem,
          signed.policy,
          fromCloudFrontBase64(signed.signature),
          signed.hashAlgorithm,
        ),
      ).toBe(true);
      expect(signed.hashAlgorithm).toBe(type === 'rsa' ? 'SHA1' : 'SHA256');
    });
  }

  it('refuses to overwrite an existing private key, and writes nothing (exit status 5)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'private_key.pem'), 'my precious key\n');
    const run = await signet(['keygen'], { cwd: dir });
    expect(run.status).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toMatch(
      /^signet: keygen: --out private_key\.pem already exists; signet never overwrites a key/,
    );
    expect(readFileSync(join(dir, 'private_key.pem'), 'utf8')).toBe('my precious key\n');
    expect(existsSync(join(dir, 'public_key.pem'))).toBe(false);
  });

  it('refuses to overwrite an existing public key, and then writes no private key either', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'public_key.pem'), 'uploaded already\n');
    const run = await signet(['keygen'], { cwd: dir });
    expect(run.status).toBe(5);
    expect(run.stderr).toContain('--public-out public_key.pem already exists');
    expect(existsSync(join(dir, 'private_key.pem'))).toBe(false);
    expect(readFileSync(join(dir, 'public_key.pem'), 'utf8')).toBe('uploaded already\n');
  });

  it('refuses the same file for both keys (exit status 2)', async () => {
    const dir = freshDir();
    const run = await signet(['keygen', '--out', 'k.pem', '--public-out', 'k.pem'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--out and --public-out name the same file');
  });

  it('reports a folder that does not exist (exit status 5)', async () => {
    const run = await signet(['keygen', '--out', join(folder.dir, 'no', 'such', 'dir', 'k.pem')]);
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/^signet: keygen: --out .*k\.pem: cannot create it: no such file/);
  });
});
