import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { verifySignedUrl } from './cloudfront.ts';
import {
  DISTRIBUTION,
  KEY_PAIR_ID,
  moreConditions,
  openView,
  pasteInto,
  pasteKey,
  visiblePanel,
} from './helpers.ts';
import { type KeyName, keyText } from './keys.ts';
import { expect, test } from './page.ts';

/** Counts the Web Workers the page starts, and how many of them have ended. */
function watchWorkers(page: Page) {
  const seen = { started: 0, ended: 0 };
  page.on('worker', (worker) => {
    seen.started++;
    worker.on('close', () => seen.ended++);
  });
  return seen;
}

/** Collects the batch view's progress events (`signet-batch-progress`) in the page. */
async function recordProgress(
  page: Page,
): Promise<() => Promise<{ done: number; total: number }[]>> {
  await page.evaluate(() => {
    const events: { done: number; total: number }[] = [];
    (window as unknown as { progress: typeof events }).progress = events;
    addEventListener('signet-batch-progress', (event) =>
      events.push((event as CustomEvent<{ done: number; total: number }>).detail),
    );
  });
  return () => page.evaluate(() => (window as unknown as { progress: [] }).progress);
}

/** The Batch view with a key loaded, the key pair ID filled in and `list` pasted. */
async function batchOf(page: Page, key: KeyName, list: string[]) {
  await pasteKey(page, key);
  await openView(page, 'Batch');
  const panel = visiblePanel(page);
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await pasteInto(page, panel.getByLabel('URLs to sign'), list.join('\n'));
  await expect(panel.locator('#batch-count')).toHaveText(`${list.length} URLs`);
  return panel;
}

/** The rows of the downloaded CSV, header first. */
async function downloadedCsv(page: Page): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await visiblePanel(page).getByRole('button', { name: 'Download CSV' }).click();
  return readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\r\n')
    .map((row) => row.split(','));
}

test('a batch is signed by more than one worker, in input order, and every signature verifies', async ({
  signet,
}) => {
  const workers = watchWorkers(signet);
  const urls = Array.from({ length: 600 }, (_, i) => `${DISTRIBUTION}/docs/${599 - i}.pdf`);
  const panel = await batchOf(signet, 'rsa-2048-pkcs8.pem', urls);
  await moreConditions(panel);
  await panel.getByLabel('Hash algorithm').selectOption('SHA256');
  await panel.getByRole('button', { name: 'Sign 600 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('600 signed, 0 refused.');
  expect(workers.started, 'workers started').toBeGreaterThan(1);
  // Workers live only as long as their batch.
  await expect.poll(() => workers.ended).toBe(workers.started);
  expect(signet.workers()).toHaveLength(0);

  const [header, ...rows] = await downloadedCsv(signet);
  expect(header).toEqual(['line', 'url', 'signed_url', 'error']);
  const publicKey = keyText('rsa-2048-public.pem');
  expect(rows.map(([line, url]) => [Number(line), url])).toEqual(
    urls.map((url, i) => [i + 1, url]),
  );
  for (const [, url, signed] of rows) {
    expect(signed?.startsWith(`${url}?Expires=`), url).toBe(true);
    expect(signed).toContain('&Hash-Algorithm=SHA256');
    expect(verifySignedUrl(signed ?? '', publicKey), url).toBe(true);
  }
});

test('an ECDSA batch reports each bad line by its number and signs the rest (repeated lines too), all verifying', async ({
  signet,
}) => {
  const bad = new Map([
    [2, 'ftp://d111111abcdef8.cloudfront.net/a.jpg'],
    [150, 'not a url'],
    [299, 'https://d111111abcdef8.cloudfront.net/ü.jpg'],
  ]);
  // Lines 20 to 22 are the same URL: one policy, which the core may sign once for all three.
  const urls = Array.from(
    { length: 300 },
    (_, i) =>
      bad.get(i + 1) ??
      `${DISTRIBUTION}/ec/${i >= 19 && i <= 21 ? 20 : i + 1}.jpg?size=${i >= 19 && i <= 21 ? 0 : i % 7}`,
  );
  const panel = await batchOf(signet, 'p256-pkcs8.pem', urls);
  await panel.getByRole('button', { name: 'Sign 300 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('297 signed, 3 refused.');
  const errors = panel.locator('#batch-errors li');
  await expect(errors).toHaveCount(3);
  for (const [index, [line, url]] of [...bad].entries()) {
    await expect(errors.nth(index)).toContainText(`Line ${line}: ${url}`);
  }

  const [, ...rows] = await downloadedCsv(signet);
  expect(rows).toHaveLength(300);
  expect(new Set(rows.slice(19, 22).map(([, url]) => url)).size).toBe(1);
  // ECDSA: the workers return WebCrypto's raw r‖s; the URL carries DER, which Node verifies.
  const publicKey = keyText('p256-pkcs8.pem');
  for (const [line, url, signed, error] of rows) {
    expect(url).toBe(urls[Number(line) - 1]);
    if (bad.has(Number(line))) {
      expect(signed).toBe('');
      expect(error).not.toBe('');
    } else {
      expect(verifySignedUrl(signed ?? '', publicKey), url).toBe(true);
    }
  }
});

test('cancelling a batch stops its progress and ends every worker, keeping what was signed', async ({
  signet,
}) => {
  const workers = watchWorkers(signet);
  const many = Array.from({ length: 20_000 }, (_, i) => `${DISTRIBUTION}/many/${i}.jpg`);
  const panel = await batchOf(signet, 'rsa-2048-pkcs8.pem', many);
  const progress = await recordProgress(signet);
  await panel.getByRole('button', { name: 'Sign 20000 URLs' }).click();
  // Cancel once the workers have signed something, so there is work in flight to stop.
  await expect.poll(async () => (await progress()).at(-1)?.done ?? 0).toBeGreaterThan(0);
  expect(signet.workers().length, 'workers while signing').toBeGreaterThan(1);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.locator('#batch-summary')).toContainText('then cancelled');
  await expect.poll(() => workers.ended).toBe(workers.started);
  expect(signet.workers()).toHaveLength(0);

  const summary = (await panel.locator('#batch-summary').textContent()) ?? '';
  const signed = Number(summary.trim().split(' ')[0]);
  expect(signed).toBeGreaterThan(0);
  expect(signed).toBeLessThan(20_000);
  await expect(panel.locator('#batch-progress')).toHaveJSProperty('value', signed);
  // No worker is left to sign, and the last progress reported is where the batch stopped.
  const events = await progress();
  expect(events.at(-1)).toEqual({ done: signed, total: 20_000 });
  await signet.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(await progress()).toHaveLength(events.length);

  const [, ...rows] = await downloadedCsv(signet);
  expect(rows).toHaveLength(signed);
  expect(rows.map(([, url]) => url)).toEqual(many.slice(0, signed));
  expect(verifySignedUrl(rows.at(-1)?.[2] ?? '', keyText('rsa-2048-public.pem'))).toBe(true);
});

test('without Web Workers the batch is signed by the page itself', async ({ signet }) => {
  await signet.addInitScript(() => {
    Reflect.deleteProperty(globalThis, 'Worker');
  });
  await signet.reload();
  const workers = watchWorkers(signet);
  const urls = Array.from({ length: 40 }, (_, i) => `${DISTRIBUTION}/no-workers/${i}.jpg`);
  const panel = await batchOf(signet, 'rsa-2048-pkcs8.pem', urls);
  await panel.getByRole('button', { name: 'Sign 40 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('40 signed, 0 refused.');
  expect(workers.started).toBe(0);
  const [, ...rows] = await downloadedCsv(signet);
  expect(rows.map(([, url]) => url)).toEqual(urls);
  for (const [, url, signed] of rows) {
    expect(verifySignedUrl(signed ?? '', keyText('rsa-2048-public.pem')), url).toBe(true);
  }
});

test('the workers run the core on blocks of URLs and answer with signed URLs, not signatures', async ({
  signet,
}) => {
  // Records, in the page, what each worker is sent and answers.
  await signet.addInitScript(() => {
    const log: { sent: unknown[]; answers: unknown[] } = { sent: [], answers: [] };
    (window as unknown as { workerLog: typeof log }).workerLog = log;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      log.sent.push(message);
      if (!this.onmessage || (this as { logged?: boolean }).logged)
        return post.call(this, message, ...rest);
      (this as { logged?: boolean }).logged = true;
      this.addEventListener('message', (event) => log.answers.push(event.data));
      return post.call(this, message, ...rest);
    };
  });
  await signet.reload();
  const urls = Array.from({ length: 500 }, (_, i) => `${DISTRIBUTION}/blocks/${i}.jpg`);
  urls[7] = 'not a url';
  const panel = await batchOf(signet, 'p256-pkcs8.pem', urls);
  await panel.getByRole('button', { name: 'Sign 500 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('499 signed, 1 refused.');
  const log = await signet.evaluate(
    () => (window as unknown as { workerLog: { sent: unknown[]; answers: unknown[] } }).workerLog,
  );
  const blocks = log.sent.filter((message) => Array.isArray(message)) as string[][];
  expect(blocks.flat()).toEqual(urls);
  const answers = log.answers as [string[], number[]][];
  expect(answers.length).toBeGreaterThan(0);
  for (const [results, refused] of answers) {
    for (const [index, text] of results.entries()) {
      if (refused.includes(index)) expect(text).toMatch(/not a url|URL/);
      else
        expect(text).toMatch(
          /^https:\/\/d111111abcdef8\.cloudfront\.net\/blocks\/\d+\.jpg\?Expires=\d+&Signature=/,
        );
    }
  }
});

test('a worker that fails part way has its blocks signed by the page, and the batch completes in order', async ({
  signet,
}) => {
  // The first worker reports an error after its first block is sent, as a crashed worker would.
  await signet.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    let failed = false;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      post.call(this, message, ...rest);
      if (!failed && Array.isArray(message)) {
        failed = true;
        this.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
      }
    };
  });
  await signet.reload();
  const workers = watchWorkers(signet);
  const urls = Array.from({ length: 700 }, (_, i) => `${DISTRIBUTION}/crash/${i}.jpg`);
  const panel = await batchOf(signet, 'rsa-2048-pkcs8.pem', urls);
  await panel.getByRole('button', { name: 'Sign 700 URLs' }).click();
  await expect(panel.locator('#batch-summary')).toHaveText('700 signed, 0 refused.');
  await expect.poll(() => workers.ended).toBe(workers.started);
  const [, ...rows] = await downloadedCsv(signet);
  expect(rows.map(([, url]) => url)).toEqual(urls);
  for (const [, url, signed] of rows) {
    expect(verifySignedUrl(signed ?? '', keyText('rsa-2048-public.pem')), url).toBe(true);
  }
});
