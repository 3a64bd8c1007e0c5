import { verifySignedUrl } from './cloudfront.ts';
import { moreConditions, visiblePanel } from './helpers.ts';
import { keyPath, keyText, PASSPHRASE } from './keys.ts';
import { expect, test } from './page.ts';

test('an encrypted key asks for its passphrase, explains a wrong one by the field, and keeps the other fields', async ({
  signet,
}) => {
  await signet.getByLabel('URL to sign').fill('https://d111111abcdef8.cloudfront.net/report.pdf');
  await signet.getByLabel('Key pair ID', { exact: true }).first().fill('K2JCJMDEHXQW5F');
  await moreConditions(visiblePanel(signet));
  await signet.getByLabel('Viewer IP range (IpAddress, optional)').first().fill('192.0.2.0/24');

  // Picked with the file chooser this time (the main flow drops its key).
  await signet.locator('#key-file').setInputFiles(keyPath('rsa-2048-encrypted.pem'));
  const passphrase = signet.getByLabel('Passphrase');
  await expect(passphrase).toBeVisible();
  await expect(signet.locator('#sign-status')).toHaveText('Load the private key above to sign.');

  await passphrase.fill('not the passphrase');
  await passphrase.press('Enter');
  const error = signet.locator('#passphrase-error');
  await expect(error).toContainText(/passphrase/i);
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(passphrase).toHaveAttribute('aria-describedby', 'passphrase-error');

  await expect(signet.getByLabel('URL to sign')).toHaveValue(
    'https://d111111abcdef8.cloudfront.net/report.pdf',
  );
  await expect(signet.getByLabel('Key pair ID', { exact: true }).first()).toHaveValue(
    'K2JCJMDEHXQW5F',
  );
  await expect(signet.getByLabel('Viewer IP range (IpAddress, optional)').first()).toHaveValue(
    '192.0.2.0/24',
  );

  await passphrase.fill(PASSPHRASE);
  await signet.getByRole('button', { name: 'Unlock key' }).click();
  await expect(signet.locator('#key-format')).toHaveText('encrypted PKCS#8');
  const signed = signet.locator('#signed-url');
  await expect(signed).toContainText('Policy=');
  expect(verifySignedUrl((await signed.textContent()) ?? '', keyText('rsa-2048-public.pem'))).toBe(
    true,
  );
  await expect(signet.getByLabel('Passphrase')).toHaveCount(0);
});
