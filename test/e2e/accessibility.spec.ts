import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { policyOf, verifySignedUrl } from './cloudfront.ts';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  moreConditions,
  openView,
  pasteKey,
  visiblePanel,
} from './helpers.ts';
import { keyPath, keyText } from './keys.ts';
import { clipboardText, expect, test } from './page.ts';

/** Serious and critical axe findings, each as "rule: first target", so a failure says where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** Every view with its outputs showing, so axe sees the results as well as the forms. */
async function fillEveryView(page: Page): Promise<void> {
  await pasteKey(page);
  let panel = visiblePanel(page);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/a b.jpg`);
  await expect(panel.locator('#encoding-offer')).toBeVisible();
  await moreConditions(panel);
  await panel.getByLabel('Viewer IP range (IpAddress, optional)').fill('192.0.2.0/24');
  await panel.getByLabel('Exact time').check();

  await openView(page, 'Signed cookies');
  panel = visiblePanel(page);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/*`);
  await panel.getByLabel('URL for the curl test (optional)').fill(`${DISTRIBUTION}/index.html`);
  await expect(panel.locator('#curl')).toBeVisible();

  await openView(page, 'Inspect a link');
  panel = visiblePanel(page);
  await panel
    .getByLabel('Signed URL', { exact: true })
    .fill(`${DISTRIBUTION}/a.jpg?Expires=1&Signature=AAAA&Key-Pair-Id=${KEY_PAIR_ID}`);
  await expect(panel.locator('#verdict')).toBeVisible();

  await openView(page, 'Batch');
  panel = visiblePanel(page);
  await panel.getByLabel('URLs to sign').fill(`${DISTRIBUTION}/1.jpg\nnot a url`);
  await panel.getByRole('button', { name: 'Sign 2 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toBeVisible();
}

for (const [theme, media] of [
  ['light', { colorScheme: 'light' }],
  ['dark', { colorScheme: 'dark' }],
  ['forced colours', { colorScheme: 'light', forcedColors: 'active' }],
] as const) {
  test(`no serious or critical axe violations in any view, before and after use, in the ${theme} theme`, async ({
    signet,
  }) => {
    await signet.emulateMedia(media);
    // Before a key: the empty key panel; then an encrypted key waiting for its passphrase.
    expect(await seriousViolations(signet)).toEqual([]);
    await signet.locator('#key-file').setInputFiles(keyPath('rsa-2048-encrypted.pem'));
    await signet.getByLabel('Passphrase').fill('wrong');
    await signet.getByLabel('Passphrase').press('Enter');
    await expect(signet.locator('#passphrase-error')).toBeVisible();
    expect(await seriousViolations(signet)).toEqual([]);
    await signet.getByRole('button', { name: 'Forget key' }).click();

    await fillEveryView(signet);
    // The public key popover, a refused paste and a replaced key notice are checked too.
    await signet.getByRole('button', { name: 'Public key', exact: true }).click();
    expect(await seriousViolations(signet), 'public key popover').toEqual([]);
    await signet.keyboard.press('Escape');
    const keyPairId = visiblePanel(signet).getByLabel('Key pair ID', { exact: true });
    await keyPairId.fill('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----');
    await expect(signet.locator('#refused')).toBeVisible();
    expect(await seriousViolations(signet), 'refused paste').toEqual([]);
    await signet.getByRole('button', { name: 'Dismiss' }).click();
    await keyPairId.fill(KEY_PAIR_ID);
    for (const view of [
      'Sign a URL',
      'Signed cookies',
      'Inspect a link',
      'Batch',
      'Set up CloudFront',
    ]) {
      await openView(signet, view);
      expect(await seriousViolations(signet), view).toEqual([]);
    }
  });
}

/** Describes the focused element, looking through shadow roots: its label or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const element = active as HTMLInputElement;
    return (
      element.getAttribute('aria-label') ??
      element.labels?.[0]?.textContent?.trim() ??
      element.textContent?.trim() ??
      ''
    ).replace(/\s+/g, ' ');
  });
}

/** Presses Tab until the focused element is called `name`; fails if it is never reached. */
async function tabTo(page: Page, name: string, key = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press(key);
  }
  throw new Error(`"${name}" was not reached with ${key}`);
}

test('the main flow by keyboard alone: paste a key, fill the form, copy the signed URL, change views', async ({
  signet,
}) => {
  await signet.clock.setFixedTime(new Date('2026-12-01T10:00:00Z'));
  await tabTo(signet, 'Or paste the private key (PEM)');
  await signet.evaluate((pem) => navigator.clipboard.writeText(pem), keyText('rsa-2048-pkcs8.pem'));
  await signet.keyboard.press('ControlOrMeta+V');
  await expect(signet.locator('#key-fingerprint')).toBeVisible();

  await tabTo(signet, 'Sign a URL');
  await tabTo(signet, 'URL to sign');
  await signet.keyboard.type(`${DISTRIBUTION}/keyboard.html`);
  await tabTo(signet, 'Key pair ID');
  await signet.keyboard.type(KEY_PAIR_ID);
  // The expiry's quick choices are one radio group: arrow keys move within it.
  await tabTo(signet, '1 hour');
  await signet.keyboard.press('ArrowRight');
  await expect(visiblePanel(signet).getByLabel('1 day')).toBeChecked();
  // More conditions opens from the keyboard, and its fields follow in order.
  await tabTo(signet, 'More conditions');
  await signet.keyboard.press('Enter');
  await tabTo(signet, 'Viewer IP range (IpAddress, optional)');
  await signet.keyboard.type('192.0.2.0/24');
  await expect(visiblePanel(signet).locator('#signed-url')).toContainText('Policy=');

  await tabTo(signet, 'Copy signed URL');
  await signet.keyboard.press('Enter');
  await expect(signet.getByRole('button', { name: 'Copied signed URL' })).toBeVisible();
  const copied = await clipboardText(signet);
  const policy = JSON.parse(policyOf(copied)).Statement[0].Condition;
  expect(policy.DateLessThan['AWS:EpochTime']).toBe(
    new Date('2026-12-02T10:00:00Z').getTime() / 1000,
  );
  expect(policy.IpAddress['AWS:SourceIp']).toBe('192.0.2.0/24');
  expect(verifySignedUrl(copied, keyText('rsa-2048-public.pem'))).toBe(true);

  // The tab bar follows the ARIA tabs pattern: arrows move and select.
  await tabTo(signet, 'Sign a URL', 'Shift+Tab');
  await signet.keyboard.press('ArrowRight');
  await expect(signet.getByRole('tab', { name: 'Signed cookies' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  expect(await focusedName(signet)).toBe('Signed cookies');
  await signet.keyboard.press('End');
  await expect(signet.getByRole('tab', { name: 'Set up CloudFront' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await tabTo(signet, 'Generate key pair');
  // The public key opens on demand from the key bar, and Escape closes it.
  await tabTo(signet, 'Public key', 'Shift+Tab');
  await signet.keyboard.press('Enter');
  await expect(signet.locator('#public-key')).toBeVisible();
  await signet.keyboard.press('Tab');
  expect(await focusedName(signet)).toBe('Copy public key');
  await signet.keyboard.press('Escape');
  await expect(signet.locator('#public-key')).toBeHidden();
  await tabTo(signet, 'Forget key');
  await signet.keyboard.press('Enter');
  await expect(signet.locator('#key-fingerprint')).toHaveCount(0);
});

test('every view fits a 360 px wide screen without sideways scrolling', async ({ signet }) => {
  await signet.setViewportSize({ width: 360, height: 800 });
  await fillEveryView(signet);
  for (const view of [
    'Sign a URL',
    'Signed cookies',
    'Inspect a link',
    'Batch',
    'Set up CloudFront',
  ]) {
    await openView(signet, view);
    const width = await signet.evaluate(() => document.documentElement.scrollWidth);
    expect(width, view).toBeLessThanOrEqual(360);
  }
});
