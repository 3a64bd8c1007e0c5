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
 * console error, throws, violates its CSP, or makes any request beyond loading itself. Requests
 * are watched on the whole context, so a popup or a worker would be caught too. The clipboard is
 * granted, as a user's click would grant it.
 */
export const test = base.extend<{ signet: Page }>({
  signet: async ({ page, context }, use) => {
    const misconduct: Misconduct = { consoleErrors: [], pageErrors: [], requests: [] };
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page.on('console', (message) => {
      if (message.type() === 'error') misconduct.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => misconduct.pageErrors.push(error.message));
    context.on('request', (request) => {
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

/**
 * Drops a file on the page as a user's drag from the desktop does: dragenter, dragover and drop
 * carrying a DataTransfer that holds a File made from `bytes`, on the element `selector` finds.
 */
export async function dropFile(
  page: Page,
  file: { name: string; bytes: Uint8Array | string; type?: string },
  selector = 'signet-app',
): Promise<void> {
  const bytes = [...(typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes)];
  const dataTransfer = await page.evaluateHandle(
    ({ name, bytes, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return transfer;
    },
    { name: file.name, bytes, type: file.type ?? 'application/x-pem-file' },
  );
  const target = page.locator(selector).first();
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await target.dispatchEvent(type, { dataTransfer });
  }
}

/** The clipboard's text, read in the page (the test's context has clipboard-read). */
export const clipboardText = (page: Page): Promise<string> =>
  page.evaluate(() => navigator.clipboard.readText());

/**
 * Everything the page could have stored: localStorage, sessionStorage, IndexedDB databases,
 * cookies (page and context), Cache Storage, and its own URL, as one string to search for keys.
 */
export async function storedEverywhere(page: Page): Promise<string> {
  const inPage = await page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.fromEntries(
        Array.from({ length: storage.length }, (_, i) => storage.key(i) as string).map((k) => [
          k,
          storage.getItem(k),
        ]),
      );
    // Some stores refuse a file:// page outright; that refusal is recorded, not thrown.
    const attempt = async (read: () => unknown) => {
      try {
        return await read();
      } catch (error) {
        return `unavailable: ${(error as Error).name}`;
      }
    };
    return {
      localStorage: await attempt(() => dump(localStorage)),
      sessionStorage: await attempt(() => dump(sessionStorage)),
      indexedDB: await attempt(async () =>
        (await indexedDB.databases()).map((database) => database.name),
      ),
      cookie: await attempt(() => document.cookie),
      caches: await attempt(() => caches.keys()),
      url: location.href,
    };
  });
  const cookies = await page.context().cookies();
  return JSON.stringify({ ...inPage, contextCookies: cookies });
}
