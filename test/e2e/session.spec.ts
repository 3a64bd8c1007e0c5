import { readFileSync } from 'node:fs';
import { verifySignedUrl } from './cloudfront.ts';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  moreConditions,
  openView,
  pasteInto,
  visiblePanel,
} from './helpers.ts';
import { keyBytes, keyPath, keyText, PASSPHRASE } from './keys.ts';
import { clipboardText, dropFile, expect, storedEverywhere, test } from './page.ts';

/** Pieces of a PEM's base64 body long enough that finding one anywhere means the key leaked. */
function keyFragments(pem: string): string[] {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Array.from({ length: Math.floor(body.length / 48) }, (_, i) =>
    body.slice(i * 48, i * 48 + 48),
  );
}

test('a whole session touches every feature with no request, CSP violation or console error, stores no key, and forgets the key on reload', async ({
  signet,
}) => {
  test.setTimeout(90_000);
  // The page fixture fails this test on any request, CSP violation, console error or page error.
  const downloads: string[] = [];
  signet.on('download', async (download) =>
    downloads.push(readFileSync(await download.path(), 'utf8')),
  );

  // Key: dropped PKCS#1.
  await dropFile(signet, { name: 'rsa-2048-pkcs1.pem', bytes: keyBytes('rsa-2048-pkcs1.pem') });
  await expect(signet.locator('#key-format')).toContainText('PKCS#1');
  const keyBar = signet.locator('signet-key-bar');
  await keyBar.getByRole('button', { name: 'Public key', exact: true }).click();
  await keyBar.getByRole('button', { name: 'Copy public key' }).click();
  await keyBar.getByRole('button', { name: 'Download public_key.pem' }).click();
  await signet.keyboard.press('Escape');
  await expect(keyBar.locator('#public-key')).toBeHidden();

  // Sign a URL with every condition, after taking the offered encoding.
  let panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/reports/annual report.pdf`);
  await expect(panel.locator('#url-error')).toBeVisible();
  await panel.getByRole('button', { name: 'Sign the encoded URL' }).click();
  await expect(panel.getByLabel('URL to sign')).toHaveValue(
    `${DISTRIBUTION}/reports/annual%20report.pdf`,
  );
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await moreConditions(panel);
  await panel
    .getByLabel('Policy resource (optional, wildcards * and ?)')
    .fill(`${DISTRIBUTION}/reports/*`);
  await panel.getByLabel('Viewer IP range (IpAddress, optional)').fill('192.0.2.0/24');
  await panel.getByLabel('1 day').check();
  await panel
    .getByLabel('Starts (DateGreaterThan, optional, your local time)')
    .fill('2020-01-01T00:00:00');
  await panel.getByLabel('Hash algorithm').selectOption('SHA256');
  const signedUrl = panel.locator('#signed-url');
  await expect(signedUrl).toContainText('Hash-Algorithm=SHA256');
  await expect(panel.locator('#url-policy-type')).toContainText('Custom policy');
  const url = (await signedUrl.textContent()) ?? '';
  expect(verifySignedUrl(url, keyText('rsa-2048-public.pem'))).toBe(true);
  await panel.getByRole('button', { name: 'Copy signed URL' }).click();
  await panel.locator('#url-policy-type').click();
  await panel.getByRole('button', { name: 'Copy policy' }).click();
  await panel.getByLabel('Exact time').check();
  await expect(panel.getByLabel('Expiry date and time (your local time)')).not.toHaveValue('');

  // Signed cookies.
  await openView(signet, 'Signed cookies');
  panel = visiblePanel(signet);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/reports/*`);
  await panel.getByLabel('SameSite').selectOption('Strict');
  await panel.getByLabel('Expires with the policy (else session cookies)').check();
  await expect(panel.locator('#set-cookie')).toContainText('SameSite=Strict');
  await panel.getByRole('button', { name: 'Copy cookies as JSON' }).click();

  // Inspect the signed URL from above: it never signs, and says why each check passes.
  await openView(signet, 'Inspect a link');
  panel = visiblePanel(signet);
  await panel.getByLabel('Signed URL', { exact: true }).fill(url);
  await panel.getByLabel('Viewer IP address (optional)').fill('192.0.2.77');
  await expect(panel.locator('#verdict')).toContainText('Allowed (200)');
  await panel.getByLabel('Viewer IP address (optional)').fill('198.51.100.1');
  await expect(panel.locator('#verdict-reason')).toContainText('outside 192.0.2.0/24');
  await panel.getByRole('button', { name: 'Copy decoded policy' }).click();

  // Batch.
  await openView(signet, 'Batch');
  panel = visiblePanel(signet);
  const list = Array.from({ length: 50 }, (_, i) => `${DISTRIBUTION}/reports/${i}.pdf`).join('\n');
  await pasteInto(signet, panel.getByLabel('URLs to sign'), list);
  await panel.getByRole('button', { name: 'Sign 50 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('50 signed, 0 refused.');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  await panel.getByRole('button', { name: 'Copy all signed URLs' }).click();

  // Set up: generate a key pair (downloads private_key.pem and loads it).
  await openView(signet, 'Set up CloudFront');
  panel = visiblePanel(signet);
  await panel.getByLabel('ECDSA P-256 (shorter signatures)').check();
  await panel.getByRole('button', { name: 'Generate key pair' }).click();
  await expect(signet.locator('#key-type')).toHaveText('ECDSA P-256');
  await panel.getByRole('button', { name: 'Copy public key for CloudFront' }).click();
  await panel.getByRole('button', { name: 'Go to Sign a URL' }).click();
  await expect(visiblePanel(signet).locator('#signed-url')).toContainText('Hash-Algorithm=SHA256');

  // Forget it, then unlock an encrypted key.
  await signet.getByRole('button', { name: 'Forget key' }).click();
  await expect(signet.locator('#key-fingerprint')).toHaveCount(0);
  await signet.locator('#key-file').setInputFiles(keyPath('rsa-2048-encrypted.pem'));
  await signet.getByLabel('Passphrase').fill(PASSPHRASE);
  await signet.getByLabel('Passphrase').press('Enter');
  await expect(signet.locator('#key-format')).toContainText('encrypted PKCS#8');
  const lastClipboard = await clipboardText(signet);
  expect(lastClipboard).toContain('-----BEGIN PUBLIC KEY-----');

  // No key material anywhere the page could have kept it.
  await expect.poll(() => downloads.length).toBe(3);
  const generatedPrivateKey = downloads.find((file) => file.includes('BEGIN PRIVATE KEY')) ?? '';
  expect(generatedPrivateKey).not.toBe('');
  const stored = await storedEverywhere(signet);
  expect(stored, 'the storage dump sees what the page stored').toContain(KEY_PAIR_ID);
  expect(stored).not.toMatch(/PRIVATE KEY|passphrase|correct horse/i);
  for (const pem of [
    keyText('rsa-2048-pkcs1.pem'),
    keyText('rsa-2048-encrypted.pem'),
    generatedPrivateKey,
  ]) {
    for (const fragment of keyFragments(pem)) expect(stored).not.toContain(fragment);
  }
  const localStorageKeys = await signet.evaluate(() => Object.keys(localStorage));
  expect(localStorageKeys).toEqual(['signet.keyPairId']);
  expect(await signet.evaluate(() => localStorage.getItem('signet.keyPairId'))).toBe(KEY_PAIR_ID);
  expect(signet.url()).not.toContain('?');
  expect(signet.url()).not.toContain('#');

  // After a reload the key is gone; only the key pair ID is back.
  await signet.reload();
  await expect(signet.getByRole('button', { name: 'Choose key file…' })).toBeVisible();
  await expect(signet.locator('#key-fingerprint')).toHaveCount(0);
  await expect(signet.getByLabel('Key pair ID', { exact: true }).first()).toHaveValue(KEY_PAIR_ID);
  await expect(visiblePanel(signet).locator('#sign-status')).toHaveText('Type the URL to sign.');
});

test('unticking "Remember the key pair ID" removes it from storage', async ({ signet }) => {
  await signet.getByLabel('Key pair ID', { exact: true }).first().fill(KEY_PAIR_ID);
  expect(await signet.evaluate(() => localStorage.getItem('signet.keyPairId'))).toBe(KEY_PAIR_ID);
  await signet.getByLabel('Remember the key pair ID on this computer').first().uncheck();
  expect(await signet.evaluate(() => localStorage.length)).toBe(0);
  await signet.reload();
  await expect(signet.getByLabel('Key pair ID', { exact: true }).first()).toHaveValue('');
});
