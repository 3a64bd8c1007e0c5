import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  openView,
  pasteKey,
  saveScreenshot,
  visiblePanel,
} from './helpers.ts';
import { expect, test } from './page.ts';

/**
 * Every view at 1280×800 and 390×844, light and dark, written to test/e2e/screenshots/ so a
 * reviewer can look without running anything. The pictures are regenerated on every run, not
 * compared: Chromium's text rendering differs between machines, so a pixel comparison would fail
 * on a machine other than the one that made them. They are deterministic on one machine (fixed
 * clock, zone, locale and key; RSA signatures do not vary), so a rerun leaves git clean unless the
 * page changed. What must hold is asserted: at 1280×800 the result and its Copy button are in the
 * first viewport of Sign, Cookies and Inspect; at 390 px the tab bar is one row and no view
 * scrolls sideways.
 */
const FOLDER = resolve(import.meta.dirname, 'screenshots');
const NOW = new Date('2026-12-01T10:00:00Z');

test.use({ timezoneId: 'UTC', locale: 'en-US', deviceScaleFactor: 1 });

const VIEWS = [
  { id: 'sign', tab: 'Sign a URL', result: '#signed-url', copy: 'Copy signed URL' },
  { id: 'cookies', tab: 'Signed cookies', result: '#cookie-table', copy: 'Copy cookies as JSON' },
  { id: 'inspect', tab: 'Inspect a link', result: '#inspect-link', copy: 'Copy link' },
  { id: 'batch', tab: 'Batch', result: '#batch-summary', copy: 'Copy all signed URLs' },
  {
    id: 'setup',
    tab: 'Set up CloudFront',
    result: '#setup-public-key',
    copy: 'Copy public key for CloudFront',
  },
] as const;

/** No focus ring or caret in the picture. */
const blur = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    (active as HTMLElement | null)?.blur();
  });

/** Every view filled in as a user would: a key, a URL, cookies, the signed URL inspected, a batch. */
async function fillEveryView(page: Page): Promise<void> {
  await pasteKey(page);
  let panel = visiblePanel(page);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('URL to sign').fill(`${DISTRIBUTION}/videos/intro.mp4`);
  const signed = (await panel.locator('#signed-url').textContent()) ?? '';
  await openView(page, 'Signed cookies');
  panel = visiblePanel(page);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  await expect(panel.locator('#cookie-table')).toBeVisible();
  await openView(page, 'Inspect a link');
  panel = visiblePanel(page);
  await panel.getByLabel('Signed URL', { exact: true }).fill(signed);
  await expect(panel.locator('#verdict')).toContainText('Allowed (200)');
  await openView(page, 'Batch');
  panel = visiblePanel(page);
  const lines = [
    ...Array.from({ length: 4 }, (_, i) => `${DISTRIBUTION}/photos/${i + 1}.jpg`),
    `${DISTRIBUTION}/photos/summer holiday.jpg`,
    'photos/5.jpg',
  ];
  await panel.getByLabel('URLs to sign').fill(lines.join('\n'));
  await panel.getByRole('button', { name: 'Sign 6 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('4 signed, 2 refused.');
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    test(`every view at ${width}×${height}, ${colorScheme}: screenshots written, result in the first viewport or stacked without sideways scrolling`, async ({
      signet,
    }) => {
      test.setTimeout(60_000);
      mkdirSync(FOLDER, { recursive: true });
      const name = (view: string) =>
        resolve(FOLDER, `${view}-${width}x${height}-${colorScheme}.png`);
      await signet.setViewportSize({ width, height });
      await signet.emulateMedia({ colorScheme });
      await signet.clock.setFixedTime(NOW);
      await signet.reload();
      await saveScreenshot(signet, name('start'));

      await fillEveryView(signet);
      for (const view of VIEWS) {
        await openView(signet, view.tab);
        await blur(signet);
        await signet.evaluate(() => window.scrollTo(0, 0));
        const panel = visiblePanel(signet);
        await expect(panel.locator(view.result)).toBeVisible();
        if (width === 1280 && ['sign', 'cookies', 'inspect'].includes(view.id)) {
          // The signed result and its Copy button, whole, without scrolling.
          for (const part of [
            panel.locator(view.result),
            panel.getByRole('button', { name: view.copy, exact: true }),
          ]) {
            const box = await part.boundingBox();
            expect(box && box.y >= 0 && box.y + box.height <= height, `${view.id} ${part}`).toBe(
              true,
            );
          }
        }
        if (width === 390) {
          const tabs = await signet
            .getByRole('tab')
            .evaluateAll((all) => all.map((tab) => Math.round(tab.getBoundingClientRect().top)));
          expect(new Set(tabs).size, 'tab rows').toBe(1);
          expect(
            await signet.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(width);
        }
        await saveScreenshot(signet, name(view.id), { fullPage: width === 390 });
      }
    });
  }
}

test('from 1024 px wide the inputs and the result sit side by side, every tab shows, and the result stays in view as the inputs scroll', async ({
  signet,
}) => {
  await signet.setViewportSize({ width: 1024, height: 600 });
  await pasteKey(signet);
  await openView(signet, 'Signed cookies');
  const panel = visiblePanel(signet);
  await panel.getByLabel('Resource the cookies unlock').fill(`${DISTRIBUTION}/videos/*`);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const inputs = await panel.getByRole('region', { name: 'Inputs' }).boundingBox();
  const result = panel.getByRole('region', { name: 'Result' });
  const beside = await result.boundingBox();
  expect(inputs && beside && beside.x >= inputs.x + inputs.width).toBe(true);
  for (const tab of await signet.getByRole('tab').all()) {
    const box = await tab.boundingBox();
    expect(box && box.x + box.width <= 1024, (await tab.textContent()) ?? '').toBe(true);
  }
  await signet.mouse.wheel(0, 500);
  await expect.poll(() => signet.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  const kept = await result.boundingBox();
  expect(kept && kept.y >= 0 && kept.y < 40, 'result pane held at the top').toBe(true);
});
