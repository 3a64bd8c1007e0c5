import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';

/** The built single file, opened the way a user opens it: straight from disk. */
export const builtPageUrl = pathToFileURL(
  resolve(import.meta.dirname, '../../dist/index.html'),
).href;

/** What the page did that it must never do: collected during a test and checked after it. */
interface Misconduct {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

/**
 * `test` with a `signet` page already open from file://, which fails the test if the page logs a
 * console error, throws, violates its CSP, or makes any request beyond loading itself.
 */
export const test = base.extend<{ signet: Page }>({
  signet: async ({ page }, use) => {
    const misconduct: Misconduct = { consoleErrors: [], pageErrors: [], requests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') misconduct.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => misconduct.pageErrors.push(error.message));
    page.on('request', (request) => {
      const url = request.url();
      if (url !== builtPageUrl && !url.startsWith('data:') && !url.startsWith('blob:')) {
        misconduct.requests.push(url);
      }
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(builtPageUrl);
    await use(page);
    expect(misconduct.consoleErrors, 'console errors').toEqual([]);
    expect(misconduct.pageErrors, 'page errors').toEqual([]);
    expect(misconduct.requests, 'network requests').toEqual([]);
  },
});

export { expect };
