import { readFileSync } from 'node:fs';
import { splitSignedUrl, verifySignedUrl } from './cloudfront.ts';
import { keyBytes, keyPath } from './keys.ts';
import { clipboardText, dropFile, expect, test } from './page.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
const URL_TO_SIGN = 'https://d111111abcdef8.cloudfront.net/videos/intro.mp4';

test('a PKCS#1 key dropped on the page signs a URL that Node verifies, and Copy puts it on the clipboard', async ({
  signet,
}) => {
  await signet.clock.setFixedTime(NOW);
  await dropFile(signet, { name: 'rsa-2048-pkcs1.pem', bytes: keyBytes('rsa-2048-pkcs1.pem') });
  await expect(signet.locator('#key-format')).toHaveText('PKCS#1');
  await expect(signet.locator('#key-type')).toHaveText('RSA 2048-bit');

  await signet.getByLabel('Key pair ID', { exact: true }).first().fill(KEY_PAIR_ID);
  await signet.getByLabel('URL to sign').fill(URL_TO_SIGN);
  const output = signet.locator('#signed-url');
  await expect(output).toContainText('Signature=');
  const signed = (await output.textContent()) ?? '';

  const { params } = splitSignedUrl(signed);
  expect(params.Expires).toBe(String(NOW.getTime() / 1000 + 3600));
  expect(params['Key-Pair-Id']).toBe(KEY_PAIR_ID);
  expect(verifySignedUrl(signed, readFileSync(keyPath('rsa-2048-public.pem'), 'utf8'))).toBe(true);
  await expect(signet.locator('#url-policy-type')).toContainText('Canned policy');

  await signet.getByRole('button', { name: 'Copy signed URL' }).click();
  await expect(signet.getByRole('button', { name: 'Copied signed URL' })).toBeVisible();
  expect(await clipboardText(signet)).toBe(signed);

  const open = signet.getByRole('link', { name: 'Open in a new tab' });
  await expect(open).toHaveAttribute('href', signed);
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', 'noopener noreferrer');
  await signet.screenshot({ path: '/tmp/shots/main.png', fullPage: true });
});
