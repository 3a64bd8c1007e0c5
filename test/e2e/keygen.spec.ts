import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { verifySignedUrl } from './cloudfront.ts';
import { DISTRIBUTION, KEY_PAIR_ID, openView } from './helpers.ts';
import { expect, test } from './page.ts';

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });

for (const [type, label, description, opensslName] of [
  [
    'RSA',
    'RSA 2048-bit (works with every tool)',
    'RSA 2048-bit',
    'Private-Key: (2048 bit, 2 primes)',
  ],
  ['ECDSA', 'ECDSA P-256 (shorter signatures)', 'ECDSA P-256', 'ASN1 OID: prime256v1'],
] as const) {
  test(`generating an ${type} key pair downloads a PKCS#8 private key and its public key that openssl reads, and loads it`, async ({
    signet,
  }) => {
    await openView(signet, 'Set up CloudFront');
    await signet.getByLabel(label).check();
    const privateDownload = signet.waitForEvent('download');
    await signet.getByRole('button', { name: 'Generate key pair' }).click();
    const privateFile = await privateDownload;
    expect(privateFile.suggestedFilename()).toBe('private_key.pem');
    const privatePath = await privateFile.path();
    const privatePem = readFileSync(privatePath, 'utf8');
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(openssl('pkey', '-in', privatePath, '-noout', '-text')).toContain(opensslName);

    await expect(signet.locator('#key-type')).toHaveText(description);
    await expect(signet.locator('#key-format')).toContainText('PKCS#8');

    const publicDownload = signet.waitForEvent('download');
    await signet
      .locator('signet-setup-view')
      .getByRole('button', { name: 'Download public_key.pem' })
      .click();
    const publicFile = await publicDownload;
    expect(publicFile.suggestedFilename()).toBe('public_key.pem');
    const publicPem = readFileSync(await publicFile.path(), 'utf8');
    // The downloaded public key is the private key's own: openssl derives the same one.
    expect(openssl('pkey', '-in', privatePath, '-pubout')).toBe(publicPem);
    expect(openssl('pkey', '-pubin', '-in', await publicFile.path(), '-noout', '-text')).toContain(
      'Public-Key',
    );
    await expect(signet.locator('#setup-public-key')).toHaveText(publicPem);

    await signet.getByLabel('Key pair ID', { exact: true }).last().fill(KEY_PAIR_ID);
    await signet.getByRole('button', { name: 'Go to Sign a URL' }).click();
    await signet.getByLabel('URL to sign').fill(`${DISTRIBUTION}/index.html`);
    const signed = (await signet.locator('#signed-url').textContent()) ?? '';
    expect(signed).toContain(`Key-Pair-Id=${KEY_PAIR_ID}`);
    expect(verifySignedUrl(signed, publicPem)).toBe(true);
  });
}
