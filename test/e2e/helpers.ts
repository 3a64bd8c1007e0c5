import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { type KeyName, keyText } from './keys.ts';
import { expect } from './page.ts';

export const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
export const DISTRIBUTION = 'https://d111111abcdef8.cloudfront.net';

/** Loads a key by pasting its PEM, the third way in (after dropping and picking a file). */
export async function pasteKey(page: Page, name: KeyName = 'rsa-2048-pkcs8.pem'): Promise<void> {
  await page.getByLabel('Or paste the private key (PEM)').fill(keyText(name));
  await expect(page.locator('#key-fingerprint')).toBeVisible();
}

/** Switches views with the tab bar, as a user clicks it. */
export async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** The visible panel of the current view, so fields with the same label in hidden views are ignored. */
export const visiblePanel = (page: Page) => page.locator('[role="tabpanel"]:visible');

/**
 * Pastes text into a field with the clipboard and Ctrl+V, as a user pastes a long list.
 * (Playwright's fill types into a textarea in a way that slows down with every line.)
 */
export async function pasteInto(page: Page, field: Locator, text: string): Promise<void> {
  await page.evaluate((content) => navigator.clipboard.writeText(content), text);
  await field.clear();
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
}

/** Opens "More conditions" (start time, IP range, hash algorithm, policy resource) in `panel`. */
export async function moreConditions(panel: Locator): Promise<void> {
  const details = panel.locator('details:has(> summary:has-text("More conditions"))');
  if (!(await details.count())) return;
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
}

/**
 * Takes a screenshot into `path` only when it shows something new: a file that differs from the
 * committed one only in anti-aliasing (text in a textarea and a checkbox's edge vary by a few
 * levels between runs, by up to 2,000 pixels in a view) is left as it is, so running the tests
 * does not churn the committed pictures. Any change a reader could see moves some pixel further.
 */
export async function saveScreenshot(
  page: Page,
  path: string,
  options: Parameters<Page['screenshot']>[0] = {},
): Promise<void> {
  const fresh = await page.screenshot({ ...options, animations: 'disabled', caret: 'hide' });
  if (existsSync(path) && differingPixels(readFileSync(path), fresh) <= 32) return;
  writeFileSync(path, fresh);
}

/** Anti-aliasing noise between runs stays under this many levels (of 255) in every channel. */
const NOISE_LEVELS = 24;

/** Pixels whose red, green or blue differs by more than anti-aliasing noise. */
function differingPixels(before: Buffer, after: Buffer): number {
  const a = PNG.sync.read(before);
  const b = PNG.sync.read(after);
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let channel = i; channel < i + 3; channel++) {
      if (Math.abs((a.data[channel] as number) - (b.data[channel] as number)) > NOISE_LEVELS) {
        differing++;
        break;
      }
    }
  }
  return differing;
}
