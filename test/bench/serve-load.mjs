// `npm run bench:serve`: signet serve under load, with a real load generator (autocannon), and the
// cost of the check alone in-process. Not part of the test command: it measures. Needs the built
// library and CLI (npm run build:lib). SERVE_BENCH_SECONDS and SERVE_BENCH_CONNECTIONS shorten a
// run while developing; the figures in the README come from the defaults, 30 s at 100 connections.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { importPrivateKey, restrictViewerAccess, signUrl } from '../../dist/lib/core/index.js';

const SECONDS = Number(process.env.SERVE_BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.SERVE_BENCH_CONNECTIONS ?? 100);
const GUARD_CALLS = Number(process.env.SERVE_BENCH_GUARD_CALLS ?? 20_000);
const root = new URL('../../', import.meta.url).pathname;
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
const D = 'https://d111111abcdef8.cloudfront.net';
const log = (text) => process.stderr.write(`${text}\n`);

const privateKey = await importPrivateKey(
  readFileSync(`${root}test/fixtures/keys/rsa-2048-pkcs8.pem`),
);
const publicKeyFile = `${root}test/fixtures/keys/rsa-2048-public.pem`;
const now = Math.floor(Date.now() / 1000);
const sign = async (path, options = {}) =>
  (
    await signUrl({
      url: `${D}${path}`,
      keyPairId: KEY_PAIR_ID,
      privateKey,
      dateLessThan: now + 3600,
      ...options,
    })
  ).url.slice(D.length);

// A small file, and a mix of requests in which every fourth one must be refused.
const folder = mkdtempSync(join(tmpdir(), 'signet-serve-bench-'));
const BODY = 'x'.repeat(1024);
writeFileSync(join(folder, 'small.txt'), BODY);
const mix = [];
for (let i = 0; i < 6; i++) mix.push({ path: await sign(`/small.txt?v=${i}`), expect: 200 });
mix.push({ path: '/small.txt?v=missing', expect: 403 });
mix.push({
  path: await sign('/small.txt', { dateLessThan: now - 60, now: (now - 3600) * 1000 }),
  expect: 403,
});

log(
  `bench:serve: ${SECONDS} s at ${CONNECTIONS} connections on ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`,
);

const server = spawn(
  process.execPath,
  [
    `${root}dist/lib/cli/main.js`,
    'serve',
    folder,
    '--trusted-key',
    `${KEY_PAIR_ID}=${publicKeyFile}`,
    '--domain',
    'd111111abcdef8.cloudfront.net',
    '--port',
    '0',
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let logLines = 0;
server.stdout.on('data', (chunk) => {
  for (const byte of chunk) if (byte === 10) logLines++;
});
const port = await new Promise((resolve, reject) => {
  let text = '';
  server.stderr.on('data', (chunk) => {
    text += chunk;
    const found = /at http:\/\/[^:]+:(\d+)\//.exec(text);
    if (found) resolve(Number(found[1]));
  });
  server.on('exit', (code) => reject(new Error(`signet serve exited with ${code}: ${text}`)));
});

// The server's resident set size, once a second, from /proc (Linux).
const rss = [];
const sampleRss = () => {
  try {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    rss.push(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024);
  } catch {
    // Not Linux: no memory figure.
  }
};
sampleRss();
const sampler = setInterval(sampleRss, 1000);

let wrongVerdicts = 0;
const result = await autocannon({
  url: `http://localhost:${port}`,
  connections: CONNECTIONS,
  duration: SECONDS,
  requests: mix.map(({ path, expect }) => ({
    method: 'GET',
    path,
    onResponse: (status) => {
      if (status !== expect) wrongVerdicts++;
    },
  })),
});
clearInterval(sampler);
sampleRss();
server.kill('SIGINT');
await new Promise((resolve) => server.on('exit', resolve));
rmSync(folder, { recursive: true, force: true });

// The check alone, in this process: the guard on the same mix, awaited one by one, then 100 in flight.
const guard = await restrictViewerAccess({
  trustedKeys: { [KEY_PAIR_ID]: readFileSync(publicKeyFile, 'utf8') },
  domainName: 'd111111abcdef8.cloudfront.net',
});
const requests = mix.map(({ path }) => new Request(`http://localhost${path}`));
for (let i = 0; i < 500; i++) await guard(requests[i % requests.length]); // warm-up
let started = performance.now();
for (let i = 0; i < GUARD_CALLS; i++)
  await guard(requests[i % requests.length], { viewerIp: '127.0.0.1' });
const sequentialMs = performance.now() - started;
started = performance.now();
for (let i = 0; i < GUARD_CALLS; i += 100) {
  await Promise.all(
    Array.from({ length: 100 }, (_, j) =>
      guard(requests[(i + j) % requests.length], { viewerIp: '127.0.0.1' }),
    ),
  );
}
const concurrentMs = performance.now() - started;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const third = Math.max(1, Math.floor(rss.length / 3));
const figures = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${availableParallelism()} cores, ${cpus()[0]?.model.trim()}, Node ${process.version}`,
  seconds: SECONDS,
  connections: CONNECTIONS,
  requests: result.requests.total,
  requestsPerSecond: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  errors: result.errors,
  timeouts: result.timeouts,
  wrongVerdicts,
  refusedShare: `${2}/${mix.length}`,
  logLines,
  rssMB: {
    start: Math.round(rss[0] ?? Number.NaN),
    firstThird: Math.round(median(rss.slice(0, third))),
    lastThird: Math.round(median(rss.slice(-third))),
    max: Math.round(Math.max(...rss)),
    everyFiveSeconds: rss.filter((_, i) => i % 5 === 0).map(Math.round),
  },
  checkAlone: {
    sequentialPerSecond: Math.round(GUARD_CALLS / (sequentialMs / 1000)),
    sequentialMicrosecondsEach: Math.round((sequentialMs * 1000) / GUARD_CALLS),
    hundredInFlightPerSecond: Math.round(GUARD_CALLS / (concurrentMs / 1000)),
  },
};
const flat = figures.rssMB.lastThird / figures.rssMB.firstThird;
log(
  [
    `signet serve, signed-URL requests for a 1 KiB file (6 allowed, 2 refused in every 8):`,
    `  ${figures.requestsPerSecond.toLocaleString('en')} requests/s, ${figures.requests.toLocaleString('en')} in ${SECONDS} s; latency p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms`,
    `  ${figures.errors} errors, ${figures.timeouts} timeouts, ${wrongVerdicts} wrong verdicts; ${logLines.toLocaleString('en')} log lines`,
    `  server RSS ${figures.rssMB.firstThird} MB in the first third, ${figures.rssMB.lastThird} MB in the last (×${flat.toFixed(2)}), peak ${figures.rssMB.max} MB`,
    `the check alone (restrictViewerAccess in-process, same mix): ${figures.checkAlone.sequentialPerSecond.toLocaleString('en')}/s awaited one by one (${figures.checkAlone.sequentialMicrosecondsEach} µs each), ${figures.checkAlone.hundredInFlightPerSecond.toLocaleString('en')}/s with 100 in flight`,
    `  the server reaches ${(figures.requestsPerSecond / figures.checkAlone.hundredInFlightPerSecond).toFixed(2)}× the check's own rate`,
  ].join('\n'),
);
process.stdout.write(`${JSON.stringify(figures)}\n`);
if (figures.errors || figures.timeouts || wrongVerdicts) process.exitCode = 1;
