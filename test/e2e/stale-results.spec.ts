import type { Page } from '@playwright/test';
import { splitSignedUrl, verifySignedUrl } from './cloudfront.ts';
import { DISTRIBUTION, KEY_PAIR_ID, openView, pasteKey, visiblePanel } from './helpers.ts';
import { keyText } from './keys.ts';
import { clipboardText, expect, test } from './page.ts';

// Issue 13, defect 1: a result must never go stale. Playwright's clock stands in for waiting.
const T0 = new Date('2026-12-01T10:00:00Z');
const EPOCH = T0.getTime() / 1000;
test.use({ timezoneId: 'UTC' });

/** The page on a fake clock paused at T0, with a key and key pair ID, in the Sign a URL view. */
async function signOnClock(page: Page) {
  await page.clock.install({ time: T0.getTime() - 60_000 });
  await page.reload();
  await page.clock.pauseAt(T0);
  await pasteKey(page);
  const panel = visiblePanel(page);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/videos/intro.mp4`);
  await expect(panel.locator('#signed-url')).toContainText(`Expires=${EPOCH + 3600}`);
  return panel;
}

const expiresOf = (url: string) => Number(splitSignedUrl(url).params.Expires);

test('a quick expiry counts from the moment of copying: two idle hours later, Copy gives a URL that expires an hour from then', async ({
  signet,
}) => {
  const panel = await signOnClock(signet);
  await expect(panel.locator('#result-status')).toContainText(
    'Expires 1 hour after you copy or open it',
  );
  await signet.clock.fastForward('02:00:00');
  await panel.getByRole('button', { name: 'Copy signed URL' }).click();
  await expect(panel.getByRole('button', { name: 'Copied signed URL' })).toBeVisible();
  const copied = await clipboardText(signet);
  expect(expiresOf(copied)).toBe(EPOCH + 7200 + 3600);
  expect(verifySignedUrl(copied, keyText('rsa-2048-public.pem'))).toBe(true);
  // What is shown is what was copied.
  await expect(panel.locator('#signed-url')).toHaveText(copied);
});

test('a quick expiry counts from the moment of opening: Open in a new tab, two hours later, opens a URL signed then', async ({
  signet,
}) => {
  const panel = await signOnClock(signet);
  // The opened tab would reach CloudFront; the page's window.open is watched instead.
  await signet.evaluate(() => {
    const record = window as unknown as { opened: string };
    window.open = () =>
      ({
        opener: window,
        location: {
          replace: (url: string) => {
            record.opened = url;
          },
        },
        close: () => {},
      }) as unknown as Window;
  });
  await signet.clock.fastForward('02:00:00');
  await panel.getByRole('link', { name: 'Open in a new tab' }).click();
  const opened = await signet.evaluate(() => (window as unknown as { opened: string }).opened);
  expect(expiresOf(opened)).toBe(EPOCH + 7200 + 3600);
  expect(verifySignedUrl(opened, keyText('rsa-2048-public.pem'))).toBe(true);
});

test('an exact expiry that passes while the page is open says so above the Copy button, before it is pressed', async ({
  signet,
}) => {
  const panel = await signOnClock(signet);
  await panel.getByLabel('Exact time').check();
  await panel.getByLabel('Expiry date and time (your local time)').fill('2026-12-01T10:01');
  const status = panel.locator('#result-status');
  await expect(status).toContainText('Expires in 1 minute');
  await expect(panel.locator('#expiry-when')).toContainText('in 1 minute');

  await signet.clock.fastForward('00:02:00');
  await expect(status).toContainText('Expired 1 minute ago');
  await expect(status).toContainText('CloudFront refuses it with 403');
  await expect(panel.locator('#expiry-when')).toContainText('1 minute ago');
  // Where the Copy button is: the alert sits right above it.
  const alertBox = await status.boundingBox();
  const copyBox = await panel.getByRole('button', { name: 'Copy signed URL' }).boundingBox();
  expect(alertBox && copyBox && alertBox.y + alertBox.height <= copyBox.y).toBe(true);
  expect(alertBox && copyBox && copyBox.y - (alertBox.y + alertBox.height) < 80).toBe(true);
});

test('Inspect gives a new verdict when the link expires while it is shown, and batch URLs say they have expired', async ({
  signet,
}) => {
  const panel = await signOnClock(signet);
  await panel.getByLabel('Exact time').check();
  await panel.getByLabel('Expiry date and time (your local time)').fill('2026-12-01T10:01');
  await expect(panel.locator('#signed-url')).toContainText(`Expires=${EPOCH + 60}`);
  const link = (await panel.locator('#signed-url').textContent()) ?? '';

  await openView(signet, 'Inspect a link');
  const inspect = visiblePanel(signet);
  await inspect.getByLabel('Signed URL', { exact: true }).fill(link);
  await expect(inspect.locator('#verdict')).toContainText('Allowed (200)');

  await openView(signet, 'Batch');
  const batch = visiblePanel(signet);
  await batch.getByLabel('URLs to sign').fill(`${DISTRIBUTION}/a.jpg`);
  // A batch waits for animation frames between progress reports: let the clock run.
  await signet.clock.resume();
  await batch.getByRole('button', { name: 'Sign 1 URL' }).click();
  await expect(batch.locator('#batch-expiry')).toContainText('They expire');

  await signet.clock.fastForward('00:02:00');
  await expect(batch.locator('#batch-expiry')).toContainText('They expired');
  await openView(signet, 'Inspect a link');
  await expect(inspect.locator('#verdict')).toContainText('Refused: 403 AccessDenied');
  await expect(inspect.locator('#verdict-reason')).toContainText('xpired');
});
