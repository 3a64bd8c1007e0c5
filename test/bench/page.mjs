// The page in Chromium: the built dist/index.html driven over file:// as a user drives it (its
// worker pool), against the same core signing one URL at a time on a page's main thread.
// Used by run.mjs; every figure is the median of `runs` fresh pages.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtPage = new URL('../../dist/index.html', import.meta.url);
const BATCH = 10_000;
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
const urls = Array.from(
  { length: BATCH },
  (_, i) => `https://d111111abcdef8.cloudfront.net/videos/${i}.mp4`,
);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const privateKeyPem = (type) =>
  (type === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  ).privateKey.export({ type: 'pkcs8', format: 'pem' });

/** A fresh page with the built file open, and the time from navigation start to 'signet:ready'. */
async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(builtPage.href);
  const readyMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const look = () => {
          const [ready] = performance.getEntriesByName('signet:ready');
          if (ready) resolve(ready.startTime);
          else setTimeout(look, 5);
        };
        look();
      }),
  );
  return { page, context, readyMs };
}

/** Waits for a performance mark and gives its time. */
const markTime = (page, name) =>
  page
    .waitForFunction((mark) => performance.getEntriesByName(mark).at(-1)?.startTime, name)
    .then((handle) => handle.jsonValue());

/** Key pasted, URL typed: the time from the key's import to its first signed URL on screen. */
async function firstSign(browser, pem) {
  const { page, context } = await openPage(browser);
  await page.getByLabel('Key pair ID', { exact: true }).first().fill(KEY_PAIR_ID);
  await page.getByLabel('URL to sign').fill(urls[0]);
  await page.getByLabel('Or paste the private key (PEM)').fill(pem);
  const signed = await markTime(page, 'signet:url-signed');
  const imported = await markTime(page, 'signet:key-imported');
  await context.close();
  return signed - imported;
}

/**
 * The longest task on the busiest renderer main thread (the page's own) in a Chromium trace, in ms.
 * Durations are wall time, so on a shared machine a task that was preempted counts as long.
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
 * One batch of 10,000 URLs through the page's Batch view. Progress events and long tasks are
 * recorded in the page from the click on Sign to the last progress event, and the main thread's
 * tasks in a trace from the click until the summary is shown.
 */
async function workerBatch(browser, column, pem) {
  const { page, context } = await openPage(browser);
  await page.getByLabel('Or paste the private key (PEM)').fill(pem);
  await page.locator('#key-fingerprint').waitFor();
  await page.getByRole('tab', { name: 'Batch' }).click();
  const panel = page.locator('[role="tabpanel"]:visible');
  await panel.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  await panel.getByLabel('Hash algorithm').selectOption(column.hash);
  // Set as a paste would: typing 10,000 lines through fill() takes minutes.
  await panel.getByLabel('URLs to sign').evaluate((textarea, text) => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }, urls.join('\n'));
  await page.evaluate(() => {
    const record = { progress: [], longTasks: [], workers: 0 };
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
  await panel.getByRole('button', { name: `Sign ${BATCH} URLs` }).click();
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
      BATCH,
      { timeout: 600_000, polling: 250 },
    )
    .then((handle) => handle.jsonValue());
  const tracedTaskMs = longestMainThreadTask(JSON.parse((await browser.stopTracing()).toString()));
  const summary = (await panel.locator('#batch-summary').textContent())?.trim();
  if (!summary?.startsWith(`${BATCH} signed, 0 refused`)) throw new Error(`batch: ${summary}`);
  await context.close();
  return {
    perSecond: BATCH / record.seconds,
    progressHz: record.updates / record.seconds,
    longestTaskMs: Math.max(record.longestTaskMs, tracedTaskMs),
    workers,
  };
}

/** Serves dist/lib to a page on http://127.0.0.1 (a secure context), so the core runs as a module. */
async function serveLibrary() {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>core</title>');
    } else if (/^\/dist\/lib\/[\w/.-]+\.js$/.test(path) && !path.includes('..')) {
      try {
        const body = readFileSync(`${root}${path.slice(1)}`);
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** The core on a page's main thread, 10,000 URLs one by one (concurrency 1), no workers. */
async function mainThreadBatch(browser, origin, column, pem) {
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
    { pem, hash: column.hash, urls, keyPairId: KEY_PAIR_ID },
  );
  await context.close();
  return BATCH / seconds;
}

/**
 * Signs per second for each column with the page's worker pool and on a main thread, plus the
 * page's size, load time, first-signature time, longest main-thread task and progress rate
 * during the worker batches (per run, the worst of the columns), each a median over `runs`.
 */
export async function measurePage(columns, runs) {
  if (!existsSync(builtPage)) throw new Error('No dist/index.html: run `npx vite build` first.');
  if (!existsSync(`${root}dist/lib/core/index.js`)) {
    throw new Error('No dist/lib/core: run `npm run build:lib` first.');
  }
  const file = readFileSync(builtPage);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  });
  const { server, origin } = await serveLibrary();
  const log = (text) => process.stderr.write(`bench: page: ${text}\n`);
  try {
    const pems = Object.fromEntries(
      columns.map((column) => [column.name, privateKeyPem(column.type)]),
    );
    const loads = [];
    for (let i = 0; i < Math.max(5, runs); i++) {
      const { context, readyMs } = await openPage(browser);
      loads.push(readyMs);
      await context.close();
    }
    const firstSigns = [];
    for (let i = 0; i < Math.max(5, runs); i++) {
      firstSigns.push(await firstSign(browser, pems[columns[0].name]));
    }
    const workers = Object.fromEntries(columns.map((column) => [column.name, []]));
    const mainThread = Object.fromEntries(columns.map((column) => [column.name, []]));
    const longestTasks = [];
    const progressRates = [];
    for (let run = 0; run < runs; run++) {
      let longest = 0;
      let slowestProgress = Number.POSITIVE_INFINITY;
      for (const column of columns) {
        const batch = await workerBatch(browser, column, pems[column.name]);
        log(
          `${column.name} run ${run + 1}: ${Math.round(batch.perSecond)}/s on ${batch.workers} workers, ` +
            `longest task ${Math.round(batch.longestTaskMs)} ms, progress ${batch.progressHz.toFixed(1)}/s`,
        );
        workers[column.name].push(batch.perSecond);
        longest = Math.max(longest, batch.longestTaskMs);
        slowestProgress = Math.min(slowestProgress, batch.progressHz);
        const one = await mainThreadBatch(browser, origin, column, pems[column.name]);
        log(`${column.name} run ${run + 1}: main thread one by one ${Math.round(one)}/s`);
        mainThread[column.name].push(one);
      }
      longestTasks.push(longest);
      progressRates.push(slowestProgress);
    }
    const medians = (table) =>
      Object.fromEntries(Object.entries(table).map(([name, values]) => [name, median(values)]));
    return {
      workers: medians(workers),
      mainThread: medians(mainThread),
      bytes: file.length,
      gzipBytes: gzipSync(file, { level: 9 }).length,
      loadMs: median(loads),
      firstSignMs: median(firstSigns),
      longestTaskMs: median(longestTasks),
      progressHz: median(progressRates),
    };
  } finally {
    server.close();
    await browser.close();
  }
}
