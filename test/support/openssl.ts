import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs openssl in a scratch folder with the given files; returns its status and output. */
export function openssl(args: string[], files: Record<string, string | Uint8Array> = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'signet-openssl-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
    const result = spawnSync('openssl', args, { cwd: folder });
    const outputs: Record<string, Buffer> = {};
    for (const name of ['out.bin', 'out.pem']) {
      try {
        outputs[name] = readFileSync(join(folder, name));
      } catch {}
    }
    return {
      status: result.status,
      stdout: result.stdout.toString(),
      stderr: result.stderr.toString(),
      outputs,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `openssl dgst -verify`: does this DER or PKCS#1 signature verify over these bytes? */
export function opensslVerifies(
  publicKeyPem: string,
  data: string | Uint8Array,
  signature: Uint8Array,
  hash: 'SHA1' | 'SHA256',
): boolean {
  const digest = hash === 'SHA1' ? '-sha1' : '-sha256';
  const result = openssl(
    ['dgst', digest, '-verify', 'public.pem', '-signature', 'signature.bin', 'data.bin'],
    {
      'public.pem': publicKeyPem,
      'data.bin': data,
      'signature.bin': signature,
    },
  );
  return result.status === 0 && result.stdout.includes('Verified OK');
}

/** `openssl dgst -sign`: a signature (DER for ECDSA) over the bytes, as CloudFront's docs make one. */
export function opensslSign(
  privateKeyPem: string,
  data: string | Uint8Array,
  hash: 'SHA1' | 'SHA256',
): Uint8Array {
  const digest = hash === 'SHA1' ? '-sha1' : '-sha256';
  const result = openssl(['dgst', digest, '-sign', 'private.pem', '-out', 'out.bin', 'data.bin'], {
    'private.pem': privateKeyPem,
    'data.bin': data,
  });
  const signature = result.outputs['out.bin'];
  if (result.status !== 0 || !signature)
    throw new Error(`openssl dgst -sign failed: ${result.stderr}`);
  return new Uint8Array(signature);
}
