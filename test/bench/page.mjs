// The page in Chromium: a built dist/index.html driven over file:// as a user drives it, and the
// core one URL at a time on a page's main thread. Each function measures once; run.mjs repeats
// them in rounds. The driver uses the Batch view's labels, which are the same in today's page.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
const urlsOf = (count) =>
  Array.from({ length: count }, (_, i) => `https://d111111abcdef8.cloudfront.net/videos/${i}.mp4`);

/** A Chromium, and an http://127.0.0.1 server of dist/lib (a secure context for the core). */
export async function openBrowser() {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>core</title>');
    } else if (/^\/dist\/lib\/[\w/.-]+\.js$/.test(path) && !path.includes('..')) {
      try {
        response
          .writeHead(200, { 'content-type': 'text/javascript' })
          .end(readFileSync(`${root}${path.slice(1)}`));
      } catch {
        response.writeHead(404).end();
      }
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    browser,
    origin: `http://127.0.0.1:${server.address().port}`,
    async close() {
      server.close();
      await browser.close();
    },
  };
}

/** A fresh page with `pageFile` open, and the time from navigation start to 'signet:ready'. */
async function openPage(browser, pageFile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(pageFile).href);
  const readyMs = await page
    .waitForFunction(() => performance.getEntriesByName('signet:ready')[0]?.startTime)
    .then((handle) => handle.jsonValue());
  return { page, context, readyMs };
}

/** Open to ready, in ms. */
export async function loadTime({ browser }, pageFile) {
  const { context, readyMs } = await openPage(browser, pageFile);
  await context.close();
  return readyMs;
}

const markTime = (page, name) =>
  page
    .waitForFunction((mark) => performance.getEntriesByName(mark).at(-1)?.startTime, name)
    .then((handle) => handle.jsonValue());

/** Key pasted, URL typed: ms from the key's import to its first signed URL on screen. */
export async function firstSign({ browser }, pageFile, pem) {
  const { page, context } = await openPage(browser, pageFile);
  await page.getByLabel('Key pair ID', { exact: true }).first().fill(KEY_PAIR_ID);
  await page.getByLabel('URL to sign').fill(urlsOf(1)[0]);
  await page.getByLabel('Or paste the private key (PEM)').fill(pem);
  const signed = await markTime(page, 'signet:url-signed');
  const imported = await markTime(page, 'signet:key-imported');
  await context.close();
  return signed - imported;
}

/**
 * The longest task on the busiest renderer main thread (the page's own) in a Chromium trace, in
 * ms. Durations are wall time, so on a shared machine a task that was preempted counts as long.
 */
function longestMainThreadTask(trace) {
  const events = trace.traceEvents ?? trace;
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}/${event.tid}`),
  );
  const byThread = new Map();
  for (const event of events) {
    const thread = `${event.pid}/${event.tid}`;
    if (event.ph !== 'X' || !mainThreads.has(thread) || !/RunTask$/.test(event.name)) continue;
    const tasks = byThread.get(thread) ?? { busy: 0, longest: 0 };
    tasks.busy += event.dur ?? 0;
    tasks.longest = Math.max(tasks.longest, event.dur ?? 0);
    byThread.set(thread, tasks);
  }
  const busiest = [...byThread.values()].sort((a, b) => b.busy - a.busy)[0];
  return (busiest?.longest ?? 0) / 1000;
}

/**
 * `count` URLs through a page's Batch view, timed from the first progress event after the click
 * on Sign to the last. Also the longest main-thread task (Chromium's trace, and the longtask
 * observer) and how often the progress bar moved.
 */
export async function workerBatch({ browser }, pageFile, column, pem, count) {
  const { page, context } = await openPage(browser, pageFile);
  try {
    await page.getByLabel('Or paste the private key (PEM)').fill(pem);
    await page.locator('#key-fingerprint').waitFor();
    await page.getByRole('tab', { name: 'Batch' }).click();
    const panel = page.locator('[role="tabpanel"]:visible');
    await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
    // Today's page keeps the hash under "More conditions"; the build before issue 15 shows it.
    const more = panel.locator('details:has(> summary:has-text("More conditions"))');
    if ((await more.count()) && !(await more.evaluate((details) => details.open))) {
      await more.locator('summary').click();
    }
    await panel.getByLabel('Hash algorithm').selectOption(column.hash);
    // Set as a paste would: typing thousands of lines through fill() takes minutes.
    await panel.getByLabel('URLs to sign').evaluate((textarea, text) => {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }, urlsOf(count).join('\n'));
    await page.evaluate(() => {
      const record = { progress: [], longTasks: [] };
      window.signetBench = record;
      addEventListener('signet-batch-progress', (event) =>
        record.progress.push({ at: performance.now(), ...event.detail }),
      );
      new PerformanceObserver((list) => {
        for (const task of list.getEntries()) record.longTasks.push(task);
      }).observe({ type: 'longtask' });
    });
    let workers = 0;
    page.on('worker', () => workers++);
    // Chromium's own trace times every task; the longtask observer only reports those over 50 ms.
    await browser.startTracing(page, { categories: ['toplevel'] });
    await panel.getByRole('button', { name: `Sign ${count} URLs` }).click();
    const record = await page
      .waitForFunction(
        (total) => {
          const { progress, longTasks } = window.signetBench;
          const last = progress.at(-1);
          if (last?.done !== total) return undefined;
          const start = progress[0].at;
          const during = longTasks.filter((task) => task.startTime + task.duration >= start);
          return {
            seconds: (last.at - start) / 1000,
            updates: progress.length - 1,
            longestTaskMs: Math.max(0, ...during.map((task) => task.duration)),
          };
        },
        count,
        { timeout: 600_000, polling: 250 },
      )
      .then((handle) => handle.jsonValue());
    const traced = longestMainThreadTask(JSON.parse((await browser.stopTracing()).toString()));
    const summary = (await panel.locator('#batch-summary').textContent())?.trim();
    if (!summary?.startsWith(`${count} signed, 0 refused`)) throw new Error(`batch: ${summary}`);
    return {
      perSecond: count / record.seconds,
      seconds: record.seconds,
      progressHz: record.updates / record.seconds,
      longestTaskMs: Math.max(record.longestTaskMs, traced),
      workers,
    };
  } finally {
    await context.close();
  }
}

/**
 * The ceiling under the page's pool: `workers` Web Workers that do nothing but
 * `crypto.subtle.sign`, 64 in flight each, over a canned policy's bytes for `seconds`.
 */
export async function workerCeiling({ browser, origin }, column, pem, workers, seconds) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  const perSecond = await page.evaluate(
    async ({ pem, type, hash, workers, ms }) => {
      const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, '')), (c) =>
        c.charCodeAt(0),
      );
      const hashName = hash === 'SHA1' ? 'SHA-1' : 'SHA-256';
      const algorithm =
        type === 'RSA'
          ? { name: 'RSASSA-PKCS1-v1_5', hash: hashName }
          : { name: 'ECDSA', namedCurve: 'P-256' };
      const key = await crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
      const source = `onmessage = async ({ data: { key, algorithm, ms } }) => {
        const policy = new TextEncoder().encode(
          '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/videos/12345.mp4","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}',
        );
        let signed = 0;
        const end = performance.now() + ms;
        const lane = async () => {
          while (performance.now() < end) {
            await crypto.subtle.sign(algorithm, key, policy);
            signed++;
          }
        };
        await Promise.all(Array.from({ length: 64 }, lane));
        postMessage(signed);
      };`;
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const sign =
        type === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
      const started = performance.now();
      const counts = await Promise.all(
        Array.from(
          { length: workers },
          () =>
            new Promise((resolve, reject) => {
              const worker = new Worker(url);
              worker.onmessage = ({ data }) => {
                worker.terminate();
                resolve(data);
              };
              worker.onerror = (event) => reject(new Error(event.message));
              worker.postMessage({ key, algorithm: sign, ms });
            }),
        ),
      );
      const elapsed = (performance.now() - started) / 1000;
      return counts.reduce((a, b) => a + b, 0) / elapsed;
    },
    { pem, type: column.type, hash: column.hash, workers, ms: seconds * 1000 },
  );
  await context.close();
  return perSecond;
}

/** The core on a page's main thread, `count` URLs one by one (concurrency 1), no workers. */
export async function mainThreadBatch({ browser, origin }, column, pem, count) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  const seconds = await page.evaluate(
    async ({ pem, hash, urls, keyPairId }) => {
      const { importPrivateKey, signUrls } = await import('/dist/lib/core/index.js');
      const privateKey = await importPrivateKey(pem);
      const options = { keyPairId, privateKey, dateLessThan: 2e9, hashAlgorithm: hash };
      const started = performance.now();
      let signed = 0;
      for await (const line of signUrls(urls, { ...options, concurrency: 1 }))
        if (line.ok) signed++;
      if (signed !== urls.length) throw new Error(`only ${signed} of ${urls.length} signed`);
      return (performance.now() - started) / 1000;
    },
    { pem, hash: column.hash, urls: urlsOf(count), keyPairId: KEY_PAIR_ID },
  );
  await context.close();
  return { perSecond: count / seconds, seconds };
}
