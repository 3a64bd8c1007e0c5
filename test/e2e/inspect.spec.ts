import { createPrivateKey, sign } from 'node:crypto';
import { DISTRIBUTION, KEY_PAIR_ID, openView, pasteKey, visiblePanel } from './helpers.ts';
import { keyText } from './keys.ts';
import { expect, test } from './page.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
const EXPIRES = NOW.getTime() / 1000 + 3600;

/** A canned-policy URL signed in Node, so the page only ever inspects what it did not make. */
function signedInNode(url: string): string {
  const policy = `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}`;
  const signature = sign(
    'sha1',
    Buffer.from(policy),
    createPrivateKey(keyText('rsa-2048-pkcs8.pem')),
  )
    .toString('base64')
    .replaceAll('+', '-')
    .replaceAll('=', '_')
    .replaceAll('/', '~');
  return `${url}?Expires=${EXPIRES}&Signature=${signature}&Key-Pair-Id=${KEY_PAIR_ID}`;
}

test.beforeEach(async ({ signet }) => {
  await signet.clock.setFixedTime(NOW);
});

test('a valid signed URL is allowed against the loaded key, and a tampered one gets its 403 code and reason', async ({
  signet,
}) => {
  await pasteKey(signet);
  await signet.getByLabel('Key pair ID', { exact: true }).first().fill(KEY_PAIR_ID);
  await openView(signet, 'Inspect a link');
  const panel = visiblePanel(signet);
  const link = signedInNode(`${DISTRIBUTION}/private/report.pdf`);
  await panel.getByLabel('Signed URL', { exact: true }).fill(link);
  await expect(panel.locator('#verdict')).toContainText('Allowed (200)');
  await expect(panel.locator('#decoded')).toContainText('canned');
  await expect(panel.locator('#decoded')).toContainText(`${DISTRIBUTION}/private/report.pdf`);
  await expect(panel.locator('#decoded')).toContainText('2026-12-01T11:00:00Z');

  await panel
    .getByLabel('Signed URL', { exact: true })
    .fill(link.replace('report.pdf', 'salaries.pdf'));
  await expect(panel.locator('#verdict')).toContainText('Refused: 403 AccessDenied');
  await expect(panel.locator('#verdict-reason')).toContainText('signature does not match');

  await panel.getByLabel('Signed URL', { exact: true }).fill(link);
  await panel.getByLabel('Check at (your local time; empty means now)').fill('2026-12-01T12:00:00');
  await expect(panel.locator('#verdict')).toContainText('Refused: 403 AccessDenied');
  await expect(panel.locator('#verdict-reason')).toContainText('Expired');

  await panel.getByRole('button', { name: 'Now' }).click();
  await panel
    .getByLabel('Signed URL', { exact: true })
    .fill(link.replace(`Key-Pair-Id=${KEY_PAIR_ID}`, 'Key-Pair-Id=KOTHERKEY'));
  await expect(panel.locator('#verdict')).toContainText('Refused: 403 InvalidKey');
  await expect(panel.locator('#verdict')).toContainText('Unknown Key');
});

test('a pasted public key verifies a link without any private key loaded', async ({ signet }) => {
  await openView(signet, 'Inspect a link');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Signed URL', { exact: true }).fill(signedInNode(`${DISTRIBUTION}/a.jpg`));
  await expect(panel.locator('#verdict')).toContainText(
    'Load the private key above, or paste the public key',
  );
  await panel
    .getByLabel('Public key (BEGIN PUBLIC KEY, optional)')
    .fill(keyText('rsa-2048-public.pem'));
  await expect(panel.locator('#verdict')).toContainText('Allowed (200)');

  await panel
    .getByLabel('Public key (BEGIN PUBLIC KEY, optional)')
    .fill('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
  await expect(panel.locator('#inspect-public-key-error')).toBeVisible();
  // A private key is refused before the field takes it, so it never sits in the page.
  await panel
    .getByLabel('Public key (BEGIN PUBLIC KEY, optional)')
    .fill(keyText('rsa-2048-pkcs8.pem'));
  await expect(signet.locator('#refused')).toContainText('looks like a PEM private key');
  await expect(panel.getByLabel('Public key (BEGIN PUBLIC KEY, optional)')).not.toHaveValue(
    /PRIVATE/,
  );
});

test('signed cookies made on the page are allowed for a URL under their resource and refused outside it', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Signed cookies');
  const cookiesPanel = visiblePanel(signet);
  await cookiesPanel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  await cookiesPanel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const setCookie = (await cookiesPanel.locator('#set-cookie').textContent()) ?? '';
  expect(setCookie).toContain('CloudFront-Policy=');

  await openView(signet, 'Inspect a link');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Signed cookies', { exact: true }).check();
  await panel.getByLabel('Cookies', { exact: true }).fill(setCookie);
  await panel
    .getByLabel('Request URL (the URL the cookies are sent with)')
    .fill(`${DISTRIBUTION}/videos/a/b.ts`);
  await expect(panel.locator('#verdict')).toContainText('Allowed (200)');
  await panel
    .getByLabel('Request URL (the URL the cookies are sent with)')
    .fill(`${DISTRIBUTION}/images/b.jpg`);
  await expect(panel.locator('#verdict')).toContainText('Refused: 403 AccessDenied');
  await expect(panel.locator('#verdict-reason')).toContainText('does not match');
});

test('the decoded parts link back to the pasted link, and Edit and sign again loads its resource and conditions into Sign a URL', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Inspect a link');
  const panel = visiblePanel(signet);
  const link = signedInNode(`${DISTRIBUTION}/private/report.pdf`);
  await panel.getByLabel('Signed URL', { exact: true }).fill(link);
  await expect(panel.locator('#inspect-link .p-signature')).toContainText('Signature=');

  // Choosing a decoded part selects it in the field it came from.
  await panel.locator('#decoded').getByRole('button', { name: 'Key-Pair-Id' }).click();
  const selected = await panel
    .getByLabel('Signed URL', { exact: true })
    .evaluate((field: HTMLTextAreaElement) =>
      field.value.slice(field.selectionStart, field.selectionEnd),
    );
  expect(selected).toBe(`Key-Pair-Id=${KEY_PAIR_ID}`);

  await panel.getByRole('button', { name: 'Edit and sign again' }).click();
  await expect(signet.getByRole('tab', { name: 'Sign a URL' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const sign = visiblePanel(signet);
  await expect(sign.getByLabel('URL to sign')).toHaveValue(`${DISTRIBUTION}/private/report.pdf`);
  await expect(sign.getByLabel('Key pair ID', { exact: true })).toHaveValue(KEY_PAIR_ID);
  await expect(sign.getByLabel('Exact time')).toBeChecked();
  await expect(sign.locator('#draft-note')).toContainText('loaded from Inspect');
  // Signed again with the same key and the same expiry, it is the same link.
  await expect(sign.locator('#signed-url')).toHaveText(link);
});
