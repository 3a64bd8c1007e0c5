// `npm run bench`: Signet against the machine's limit, its own earlier build and the AWS SDK, in
// one run. Every method is measured once per round; the rounds interleave the methods (each round
// in another order) and each starts when the machine is idle. Figures are medians over the rounds,
// with their range. Not part of the test command: it measures, it does not judge.
//
//   npm run bench                    the full run (12 to 14 minutes on a 2-core machine)
//   npm run bench -- --readme        the same, then the README's table rewritten from it
//   BENCH_QUICK=1 npm run bench      one short round, for development (figures not comparable)
//   BENCH_ROUNDS=5                   more rounds; BENCH_IDLE_TIMEOUT=60 seconds to wait for idle
//   BENCH_ONLY=cli,page-pool         only the rows whose id starts with one of these
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { prepareBaseline } from './baseline.mjs';
import { cliBatch, cliSingle, writeUrlsFile } from './cli.mjs';
import { describeMachine, waitForIdle } from './machine.mjs';
import { opensslSpeed } from './openssl-speed.mjs';
import {
  firstSign,
  loadTime,
  mainThreadBatch,
  openBrowser,
  workerBatch,
  workerCeiling,
} from './page.mjs';
import { COLUMNS } from './plan.mjs';
import { renderReport, writeReadme } from './table.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const SECONDS = QUICK ? 1 : 3;
/** openssl's own run before each rate: its sign phase (a verify phase of the same length follows). */
const LIMIT_SECONDS = 1;
const CLI_LINES = QUICK ? 20_000 : 100_000;
const IDLE_TIMEOUT_MS = Number(process.env.BENCH_IDLE_TIMEOUT ?? 30) * 1000;
const log = (text) => process.stderr.write(`bench: ${text}\n`);

const benchStarted = performance.now();
const machine = describeMachine();
log(
  `${ROUNDS} round${ROUNDS === 1 ? '' : 's'} on ${machine.cores} cores (${machine.model}), Node ${machine.node}; ` +
    `expected run time ${QUICK ? 'about 3' : `${4 * ROUNDS} to ${Math.ceil(4.7 * ROUNDS)}`} minutes on a 2-core machine`,
);

const folder = mkdtempSync(join(tmpdir(), 'signet-bench-'));
const keys = {};
for (const type of ['RSA', 'ECDSA']) {
  const { privateKey } =
    type === 'RSA'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const file = join(folder, `${type}.pem`);
  writeFileSync(file, pem, { mode: 0o600 });
  keys[type] = { pem, file };
}
const urlsFile = writeUrlsFile(folder, CLI_LINES);
const current = {
  page: join(root, 'dist', 'index.html'),
  cli: join(root, 'dist', 'lib', 'cli', 'main.js'),
};
const baseline = prepareBaseline(log);
if (baseline.skipped) log(`no comparison with today's build: ${baseline.skipped}`);
const session = await openBrowser();
const chromiumVersion = session.browser.version();

/** Runs a Node script of this folder in a fresh process; its last line is JSON. */
function nodeScript(script, args) {
  const output = execFileSync(process.execPath, [join(here, script), ...args], {
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)).perSecond;
}

/**
 * Page batches take a number of URLs, not a time: each method's count is set from a short first
 * run so that a batch takes about 4 s, and raised again if a batch took under 3 s.
 */
const counts = new Map();
function pageCount(id, seconds, count) {
  if (seconds < SECONDS * 1.1)
    counts.set(id, Math.ceil((count * SECONDS * 1.35) / seconds / 1000) * 1000);
}

/**
 * Every measurement: row, column, a function that measures once, and its group. A group's
 * entries run back to back (a method and the same method before issue 15), so that each
 * comparison is between figures taken a few seconds apart; a rate of signatures also gets its
 * own measure of the machine's limit (`limit`) taken just before it, for the same reason.
 */
const entries = [];
const add = (group, row, column, measure, limit) =>
  entries.push({ group, row, column, measure, limit });
for (const algorithm of ['rsa2048', 'ecdsap256']) {
  const column = algorithm === 'rsa2048' ? 'rsa' : 'ecdsa';
  add(`openssl-one/${column}`, 'openssl-one', column, () =>
    opensslSpeed(algorithm, 1, LIMIT_SECONDS),
  );
}
for (const column of COLUMNS) {
  const key = keys[column.type];
  const args = [column.type, column.hash, String(SECONDS), key.file];
  const limit = column.openssl;
  add(
    `webcrypto/${column.id}`,
    'webcrypto',
    column.id,
    () => nodeScript('node-webcrypto.mjs', args),
    limit,
  );
  add(
    `library/${column.id}`,
    'library',
    column.id,
    () => nodeScript('node-library.mjs', args),
    limit,
  );
  if (column.type === 'RSA')
    add(`sdk/${column.id}`, 'sdk', column.id, () =>
      nodeScript('aws-sdk.mjs', [column.hash, String(SECONDS), key.file]),
    );
  const cliRun = (cli) => () =>
    cliBatch({ cli, keyFile: key.file, hash: column.hash, urlsFile, lines: CLI_LINES, folder });
  add(`cli/${column.id}`, 'cli', column.id, cliRun(current.cli), limit);
  if (!baseline.skipped && column.id !== 'rsa-sha256')
    add(`cli/${column.id}`, 'cli-today', column.id, cliRun(baseline.cli), limit);
  const pool = (id, page) => async () => {
    const count = counts.get(id) ?? 0;
    const batch = await workerBatch(session, page, column, key.pem, count);
    pageCount(id, batch.seconds, count);
    return { value: batch.perSecond, extra: batch };
  };
  add(
    `page-pool/${column.id}`,
    'page-pool',
    column.id,
    pool(`page-pool/${column.id}`, current.page),
    limit,
  );
  if (!baseline.skipped)
    add(
      `page-pool/${column.id}`,
      'page-pool-today',
      column.id,
      pool(`page-pool-today/${column.id}`, baseline.page),
      limit,
    );
  add(
    `page-webcrypto/${column.id}`,
    'page-webcrypto',
    column.id,
    () => workerCeiling(session, column, key.pem, machine.cores, SECONDS),
    limit,
  );
  add(
    `page-main-thread/${column.id}`,
    'page-main-thread',
    column.id,
    async () => {
      const id = `page-main-thread/${column.id}`;
      const count = counts.get(id) ?? 0;
      const batch = await mainThreadBatch(session, column, key.pem, count);
      pageCount(id, batch.seconds, count);
      return batch.perSecond;
    },
    limit,
  );
}
// Latency of one URL: RSA (SHA-1, the AWS default) and ECDSA, now and before issue 15.
for (const type of ['RSA', 'ECDSA']) {
  const key = keys[type];
  const hash = type === 'RSA' ? 'SHA1' : 'SHA256';
  const builds = [['', current], ...(baseline.skipped ? [] : [['-today', baseline]])];
  for (const [suffix, build] of builds) {
    add(`cli-single/${type}`, `cli-single${suffix}`, type, async () => {
      const times = [];
      for (let i = 0; i < 5; i++)
        times.push(await cliSingle({ cli: build.cli, keyFile: key.file, hash, folder }));
      return times.sort((a, b) => a - b)[2];
    });
    add(`page-first-sign/${type}`, `page-first-sign${suffix}`, type, async () => {
      const times = [];
      for (let i = 0; i < 3; i++) times.push(await firstSign(session, build.page, key.pem));
      return times.sort((a, b) => a - b)[1];
    });
    add(`page-load/${type}`, `page-load${suffix}`, type, () => loadTime(session, build.page));
  }
}
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const chosen = entries.filter((entry) => !only || only.some((id) => entry.row.startsWith(id)));
const groups = [...new Set(chosen.map((entry) => entry.group))].map((group) =>
  chosen.filter((entry) => entry.group === group),
);

// A short run of each page batch sets its count (see pageCount); not counted.
log('calibrating the page batches');
for (const entry of chosen) {
  if (!entry.row.startsWith('page-pool') && entry.row !== 'page-main-thread') continue;
  counts.set(`${entry.row}/${entry.column}`, QUICK ? 1_000 : 2_000);
  await entry.measure();
}

/** samples[row][column] = [{ value, round, extra }] */
const samples = {};
function record(row, column, sample) {
  samples[row] = samples[row] ?? {};
  samples[row][column] = [...(samples[row][column] ?? []), sample];
}
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const idle = await waitForIdle({ timeoutMs: IDLE_TIMEOUT_MS, log });
  const roundStarted = performance.now();
  log(`round ${round + 1} of ${ROUNDS}${idle.idle ? '' : ' (busy machine)'}`);
  // Each round starts at another point of the list, so no method always runs first or last,
  // and runs each group's entries the other way round from the round before.
  const offset = Math.floor((round * groups.length) / ROUNDS);
  const order = [...groups.slice(offset), ...groups.slice(0, offset)].flatMap((group) =>
    round % 2 ? [...group].reverse() : group,
  );
  for (const entry of order) {
    const limit = entry.limit && opensslSpeed(entry.limit, machine.cores, LIMIT_SECONDS);
    const result = await entry.measure();
    const value = typeof result === 'number' ? result : result.value;
    const extra = {
      ...(typeof result === 'number' ? {} : result.extra),
      ...(limit ? { limit } : {}),
    };
    record(entry.row, entry.column, { value, round, extra });
    if (limit)
      record('openssl-multi', entry.limit === 'rsa2048' ? 'rsa' : 'ecdsa', { value: limit, round });
    log(
      `  ${entry.row} ${entry.column}: ${value < 1000 ? value.toFixed(1) : Math.round(value)}` +
        (limit ? ` (openssl -multi just before: ${Math.round(limit)})` : ''),
    );
  }
  const seconds = Math.round((performance.now() - roundStarted) / 1000);
  rounds.push({
    idle: idle.idle,
    busy: idle.busy,
    waitedSeconds: Math.round(idle.waitedMs / 1000),
    seconds,
  });
  log(`round ${round + 1} took ${seconds} s after waiting ${Math.round(idle.waitedMs / 1000)} s`);
}
await session.close();
rmSync(folder, { recursive: true, force: true });

const page = readFileSync(current.page);
const results = {
  date: new Date().toISOString().slice(0, 10),
  machine: {
    ...machine,
    openssl: execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim(),
  },
  chromium: chromiumVersion,
  quick: QUICK,
  rounds,
  seconds: SECONDS,
  cliLines: CLI_LINES,
  baseline: baseline.skipped ? undefined : baseline.commit,
  pageBytes: page.length,
  pageGzipBytes: gzipSync(page, { level: 9 }).length,
  samples,
};
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(join(root, 'test-results', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(renderReport(results));
log(`the whole bench took ${Math.round((performance.now() - benchStarted) / 60_000)} minutes`);
if (process.argv.includes('--readme')) {
  writeReadme(results);
  log('README.md: the performance section rewritten from this run');
}
