import { resolve } from 'node:path';
import { DISTRIBUTION, KEY_PAIR_ID, pasteKey, saveScreenshot, visiblePanel } from './helpers.ts';
import { expect, test } from './page.ts';

// Pinned so the picture is the same on every run: size, theme, zone, locale and clock.
test.use({
  viewport: { width: 1280, height: 800 },
  colorScheme: 'light',
  timezoneId: 'UTC',
  locale: 'en-US',
  deviceScaleFactor: 1,
});

test('writes public/screenshot.png for the README: the workbench with a key loaded and a signed URL in its parts', async ({
  signet,
}) => {
  await signet.clock.setFixedTime(new Date('2026-12-01T10:00:00Z'));
  await signet.reload();
  await pasteKey(signet, 'rsa-2048-pkcs8.pem');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/videos/intro.mp4`);
  await expect(panel.locator('#signed-url')).toContainText('Signature=');
  // No focus ring or caret in the picture.
  await signet.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    (active as HTMLElement | null)?.blur();
  });
  await saveScreenshot(signet, resolve(import.meta.dirname, '../../public/screenshot.png'));
});
