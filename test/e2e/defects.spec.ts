import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  moreConditions,
  openView,
  pasteKey,
  visiblePanel,
} from './helpers.ts';
import { keyBytes } from './keys.ts';
import { dropFile, expect, test } from './page.ts';

// Issue 13's defects 2, 4, 5 and 6, each as it was reproduced on main (defect 1 is in
// stale-results.spec.ts, defect 3 in page-words.spec.ts).
test.use({ timezoneId: 'UTC', locale: 'en-US' });

test('defect 2: a policy resource that does not cover the URL is refused, naming the section that differs', async ({
  signet,
}) => {
  await pasteKey(signet);
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/a.jpg`);
  await moreConditions(panel);
  await panel
    .getByLabel('Policy resource (optional, wildcards * and ?)')
    .fill('https://other.example.com/*');
  await expect(panel.locator('#url-error')).toContainText('does not cover');
  await expect(panel.locator('#url-error')).toContainText('domain');
  await expect(panel.locator('#signed-url')).toHaveCount(0);
  await expect(panel.locator('#sign-status')).toContainText('Not signed');
});

test('defect 4: an exact expiry of 9999-12-31 or the picker’s 275760-09-13 is refused as after 2038, and Inspect reads Expires=99999999999999 as out of range', async ({
  signet,
}) => {
  await pasteKey(signet);
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/a.jpg`);
  await panel.getByLabel('Exact time').check();
  const exact = panel.getByLabel('Expiry date and time (your local time)');
  const error = panel.locator('#expiry-error');
  for (const far of ['9999-12-31T23:59', '275760-09-13T00:00']) {
    await exact.fill(far);
    await expect(error).toContainText('after 19 January 2038');
    await expect(error).not.toContainText('milliseconds');
    await expect(error).not.toContainText('required');
  }

  await openView(signet, 'Inspect a link');
  const inspect = visiblePanel(signet);
  await inspect
    .getByLabel('Signed URL', { exact: true })
    .fill(`${DISTRIBUTION}/a.jpg?Expires=99999999999999&Signature=AAAA&Key-Pair-Id=${KEY_PAIR_ID}`);
  await expect(inspect.locator('#verdict-reason')).toContainText('out of CloudFront');
  await expect(inspect.getByText('not whole seconds')).toHaveCount(0);
});

for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`defect 5: at ${width} px every cookie Copy button is one line and each value gets the width to be read`, async ({
    signet,
  }) => {
    await signet.setViewportSize({ width, height });
    await pasteKey(signet);
    await openView(signet, 'Signed cookies');
    const panel = visiblePanel(signet);
    await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
    await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
    const buttons = panel.locator('#cookie-table').getByRole('button', { name: /^Copy / });
    await expect(buttons).toHaveCount(3);
    for (const button of await buttons.all()) {
      const box = await button.boundingBox();
      // One line of text: as tall as a button with one line, as wide as the word.
      expect(box?.height).toBeLessThanOrEqual(40);
      expect(box?.width).toBeGreaterThan(40);
    }
    for (const cell of await panel.locator('#cookie-table td.value').all()) {
      const box = await cell.boundingBox();
      expect(box?.width, 'value column').toBeGreaterThan(width === 390 ? 300 : 400);
    }
  });
}

test('defect 5: the cookie Path is empty by default and says the resource’s folder is used; a Domain that does not cover the resource’s host is refused at the field', async ({
  signet,
}) => {
  await pasteKey(signet);
  await openView(signet, 'Signed cookies');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const path = panel.getByLabel('Path (optional)');
  await expect(path).toHaveValue('');
  await expect(path).toHaveAttribute('placeholder', '/videos/');
  await expect(panel.locator('#set-cookie')).toContainText('Path=/videos/;');

  await panel.getByLabel('Resource the cookies unlock').fill('https://media.example.com/videos/*');
  const domain = panel.getByLabel('Domain (optional)');
  await domain.fill('d111111abcdef8.cloudfront.net');
  await expect(panel.locator('#cookie-domain-error')).toContainText(
    'does not cover media.example.com',
  );
  await expect(domain).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.locator('#cookie-table')).toHaveCount(0);
  await domain.fill('example.com');
  await expect(panel.locator('#set-cookie')).toContainText('Domain=example.com');
});

test('defect 6: "Set up CloudFront" in the key hint opens that view, and the expiry hint says UTC once when local time is UTC', async ({
  signet,
}) => {
  await signet.locator('signet-key-bar').getByRole('button', { name: 'Set up CloudFront' }).click();
  await expect(signet.getByRole('tab', { name: 'Set up CloudFront' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await openView(signet, 'Sign a URL');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Exact time').check();
  const when = (await panel.locator('#expiry-when').textContent()) ?? '';
  expect(when.match(/UTC/g)).toHaveLength(1);
});

test('defect 6: a dropped key or a generated pair that replaces the loaded key says so, and a refused one reads as two sentences', async ({
  signet,
}) => {
  await pasteKey(signet, 'rsa-2048-pkcs8.pem');
  const before = (await signet.locator('#key-fingerprint').textContent()) ?? '';
  await dropFile(signet, { name: 'p256-pkcs8.pem', bytes: keyBytes('p256-pkcs8.pem') });
  await expect(signet.locator('#key-type')).toHaveText('ECDSA P-256');
  await expect(signet.locator('#key-replaced')).toContainText('Key replaced');
  await expect(signet.locator('#key-replaced')).toContainText(before);

  await dropFile(signet, { name: 'rsa-2048-public.pem', bytes: keyBytes('rsa-2048-public.pem') });
  const refused = signet.locator('signet-key-bar [role="alert"]');
  await expect(refused).toContainText('The new key was not loaded.');
  await expect(refused).not.toContainText(/: [A-Z]/);

  await openView(signet, 'Set up CloudFront');
  await visiblePanel(signet).getByRole('button', { name: 'Generate key pair' }).click();
  await expect(signet.locator('#key-replaced')).toContainText('ECDSA P-256');
});

test('warnings stand above the Copy button, before the action, not under the result', async ({
  signet,
}) => {
  await pasteKey(signet, 'p256-pkcs8.pem');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill('http://d111111abcdef8.cloudfront.net/a.jpg');
  await moreConditions(panel);
  await panel.getByLabel('Hash algorithm').selectOption('SHA1');
  const notes = panel.locator('.result .alert.warn');
  await expect(notes).toHaveCount(2);
  const copy = await panel.getByRole('button', { name: 'Copy signed URL' }).boundingBox();
  for (const note of await notes.all()) {
    const box = await note.boundingBox();
    expect(box && copy && box.y + box.height <= copy.y).toBe(true);
  }
});
