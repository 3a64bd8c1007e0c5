import { decodeCloudFrontBase64, verifyPolicy } from './cloudfront.ts';
import { DISTRIBUTION, KEY_PAIR_ID, openView, pasteKey, visiblePanel } from './helpers.ts';
import { keyText } from './keys.ts';
import { clipboardText, expect, test } from './page.ts';

/** The distribution under its alternate domain name, which the cookies' Domain covers. */
const MEDIA = 'https://media.example.com';

test('signed cookies for a wildcard resource: the cookie table, Set-Cookie lines and curl, each verified and copyable', async ({
  signet,
}) => {
  await signet.clock.setFixedTime(new Date('2026-12-01T10:00:00Z'));
  await pasteKey(signet);
  await openView(signet, 'Signed cookies');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Resource the cookies unlock').fill(`${MEDIA}/videos/*`);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('Domain (optional)').fill('media.example.com');
  await panel.getByLabel('Path (optional)').fill('/videos/');

  const table = panel.locator('#cookie-table');
  await expect(table.getByRole('rowheader')).toHaveText([
    'CloudFront-Policy',
    'CloudFront-Signature',
    'CloudFront-Key-Pair-Id',
  ]);
  const values = await table.locator('td.value').allTextContents();
  const [policy = '', signature = '', keyPairId] = values;
  expect(keyPairId).toBe(KEY_PAIR_ID);
  const policyJson = decodeCloudFrontBase64(policy).toString('utf8');
  expect(JSON.parse(policyJson).Statement[0].Resource).toBe(`${MEDIA}/videos/*`);
  expect(verifyPolicy(policyJson, signature, keyText('rsa-2048-public.pem'))).toBe(true);
  await expect(panel.locator('#cookie-policy-type')).toContainText('Custom policy');

  const setCookie = panel.locator('#set-cookie');
  await expect(setCookie).toContainText(
    `Set-Cookie: CloudFront-Key-Pair-Id=${KEY_PAIR_ID}; Domain=media.example.com; Path=/videos/; Secure; HttpOnly`,
  );
  await panel.getByRole('button', { name: 'Copy Set-Cookie headers' }).click();
  expect(await clipboardText(signet)).toBe(await setCookie.textContent());

  await expect(panel.locator('#curl')).toHaveCount(0);
  await panel.getByLabel('URL for the curl test (optional)').fill(`${MEDIA}/videos/intro.m3u8`);
  const curl = panel.locator('#curl');
  await expect(curl).toContainText(
    `--cookie 'CloudFront-Policy=${policy}; CloudFront-Signature=${signature}; CloudFront-Key-Pair-Id=${KEY_PAIR_ID}'`,
  );
  await expect(curl).toContainText(`'${MEDIA}/videos/intro.m3u8'`);
  await panel.getByRole('button', { name: 'Copy curl command' }).click();
  expect(await clipboardText(signet)).toBe(await curl.textContent());
});

test('a cookie domain of cloudfront.net is refused next to the attributes, in plain words', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Signed cookies');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('Domain (optional)').fill('cloudfront.net');
  await expect(panel.locator('#attributes-error')).toContainText('shared suffix');
  await expect(panel.locator('#cookie-table')).toHaveCount(0);
});
