// `npm run bench`: Signet against the machine's limit and the usual choice, side by side.
// Medians of several runs, each in a fresh process. Not part of the test command: it measures.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { opensslSpeed } from './openssl-speed.mjs';
import { measurePage } from './page.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const here = new URL('.', import.meta.url).pathname;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function runNode(script, args, runs = RUNS) {
  const rates = [];
  for (let i = 0; i < runs; i++) {
    const output = execFileSync(process.execPath, [`${here}${script}`, ...args], {
      encoding: 'utf8',
    });
    rates.push(JSON.parse(output.trim().split('\n').at(-1)).perSecond);
  }
  return median(rates);
}

const log = (text) => process.stderr.write(`${text}\n`);
const columns = [
  { name: 'RSA-2048 SHA-1', type: 'RSA', hash: 'SHA1', openssl: 'rsa2048' },
  { name: 'RSA-2048 SHA-256', type: 'RSA', hash: 'SHA256', openssl: 'rsa2048' },
  { name: 'ECDSA P-256', type: 'ECDSA', hash: 'SHA256', openssl: 'ecdsap256' },
];

log(
  `bench: ${RUNS} runs each on ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}`,
);
const results = {
  openssl: {},
  webcrypto: {},
  library: {},
  sdk: {},
  pageWorkers: {},
  pageMainThread: {},
};
for (const column of columns) {
  log(`bench: openssl speed ${column.openssl}`);
  results.openssl[column.name] = median(
    Array.from({ length: 3 }, () => opensslSpeed(column.openssl)),
  );
  log(`bench: crypto.subtle.sign alone in Node, ${column.name}, 20,000 policies`);
  results.webcrypto[column.name] = runNode('node-webcrypto.mjs', [
    column.type,
    column.hash,
    '20000',
  ]);
  log(`bench: library in Node, ${column.name}, 20,000 URLs`);
  results.library[column.name] = runNode('node-library.mjs', [column.type, column.hash, '20000']);
  if (column.type === 'RSA') {
    log(`bench: @aws-sdk/cloudfront-signer, ${column.name}, 2,000 URLs`);
    results.sdk[column.name] = runNode('aws-sdk.mjs', [column.hash, '2000'], 3);
  }
}
log('bench: the page in Chromium, 10,000 URLs per run');
const page = await measurePage(columns, RUNS);
Object.assign(results.pageWorkers, page.workers);
Object.assign(results.pageMainThread, page.mainThread);

const rate = (value) =>
  value === undefined ? 'n/a' : `${Math.round(value).toLocaleString('en-US')}/s`;
const ratio = (value, base) =>
  value === undefined || base === undefined ? '' : ` ${(value / base).toFixed(2)}×`;
const rows = [
  ['openssl speed -multi (the limit)', results.openssl, false],
  ['WebCrypto alone, Node (the ceiling under the library)', results.webcrypto, true],
  ['Signet library, Node', results.library, true],
  ['Signet page, Chromium, worker pool', results.pageWorkers, true],
  ['Signet page, Chromium, main thread one by one', results.pageMainThread, true],
  ['@aws-sdk/cloudfront-signer, Node', results.sdk, true],
];
const lines = [
  `| Signer | ${columns.map((c) => c.name).join(' | ')} |`,
  `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ...rows.map(
    ([label, values, compare]) =>
      `| ${label} | ${columns
        .map((c) => {
          const value = values[c.name];
          if (!compare || value === undefined) return rate(value);
          const vsOpenssl = ratio(value, results.openssl[c.name]);
          const vsSdk =
            results.sdk[c.name] && values !== results.sdk
              ? `,${ratio(value, results.sdk[c.name])} SDK`
              : '';
          return `${rate(value)} (${vsOpenssl.trim()} openssl${vsSdk})`;
        })
        .join(' | ')} |`,
  ),
];
console.log(lines.join('\n'));
console.log(
  `\nPage: dist/index.html ${(page.gzipBytes / 1024).toFixed(1)} KB gzipped (${(page.bytes / 1024).toFixed(1)} KB raw); ` +
    `open to ready ${Math.round(page.loadMs)} ms (median); first signed URL ${page.firstSignMs.toFixed(1)} ms after import; ` +
    `longest main-thread task during the worker batch ${Math.round(page.longestTaskMs)} ms; progress updates ${page.progressHz.toFixed(0)}/s.`,
);
console.log(
  `Machine: ${availableParallelism()} cores, ${cpus()[0]?.model.trim()}, Node ${process.version}.`,
);
