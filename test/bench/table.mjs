// The bench's report, and the README's performance section, from one run's results
// (test-results/bench.json): `node test/bench/table.mjs [results.json]` prints it again, and with
// `--readme` rewrites the README between its bench markers and keeps the run it was made from in
// test/bench/readme-run.json (a test checks that the README's section is exactly that run's).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COLUMNS, ROWS, SIGNET_ROWS } from './plan.mjs';
import { msWithSpread, rateWithSpread, summarise, whole } from './stats.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The run the README's section was rendered from. */
export const RECORDED_RUN = `${root}test/bench/readme-run.json`;
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const opensslColumn = (column) => (column.startsWith('rsa') ? 'rsa' : 'ecdsa');

/** Medians, ranges and per-round ratios over one run's samples. */
function reader(results) {
  const values = (row, column) => (results.samples[row]?.[column] ?? []).map((s) => s.value);
  const stat = (row, column) => summarise(values(row, column));
  /** value(row)/value(base) in each round where both were measured: median and range. */
  const ratio = (row, column, baseRow, baseColumn = column, scale = 1) => {
    const base = new Map(
      (results.samples[baseRow]?.[baseColumn] ?? []).map((s) => [s.round, s.value]),
    );
    const ratios = (results.samples[row]?.[column] ?? [])
      .filter((s) => base.has(s.round))
      .map((s) => (s.value * scale) / base.get(s.round));
    return summarise(ratios);
  };
  /** The share of the machine's limit: against openssl run just before it, else in its round. */
  const limit = (row, column) => {
    const list = results.samples[row]?.[column] ?? [];
    if (list.length && list.every((sample) => sample.extra?.limit))
      return summarise(list.map((sample) => sample.value / sample.extra.limit));
    return ratio(row, column, 'openssl-multi', opensslColumn(column));
  };
  const extras = (row, column, name) =>
    summarise(
      (results.samples[row]?.[column] ?? [])
        .map((s) => s.extra?.[name])
        .filter((v) => v !== undefined),
    );
  return { stat, ratio, limit, extras };
}

const times = (summary) => (summary ? `${summary.median.toFixed(2)}×` : '');
const timesWithSpread = (summary) =>
  summary
    ? `${summary.median.toFixed(2)}×${summary.n > 1 ? ` (${summary.min.toFixed(2)}–${summary.max.toFixed(2)})` : ''}`
    : 'n/a';

/** A Markdown table with its columns padded as Biome formats the README. */
function markdownTable(header, rows) {
  const widths = header.map((_, i) =>
    Math.max(3, ...[header, ...rows].map((row) => String(row[i]).length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/** The README section: tables, what each row means, and where Signet meets its targets. */
export function renderSection(results) {
  const { stat, ratio, limit, extras } = reader(results);
  const busyRounds = results.rounds.filter((round) => !round.idle).length;
  const m = results.machine;
  const lines = [];
  // The limit measured again and again through the run says whether the machine stayed quiet.
  const limits = ['rsa', 'ecdsa']
    .map((column) =>
      summarise((results.samples['openssl-multi']?.[column] ?? []).map((s) => s.value)),
    )
    .filter((limit) => limit && limit.n > 1);
  const swing = Math.max(1, ...limits.map((limit) => limit.max / limit.min));
  lines.push(
    `Measured on ${results.date} by \`npm run bench\`: ${m.cores} cores (${m.model}), Node ${m.node.slice(1)}, ` +
      `Chromium ${results.chromium}, ${m.openssl.split(' ').slice(0, 2).join(' ')}; ` +
      `${results.rounds.length} round${results.rounds.length === 1 ? '' : 's'}, medians with the range of the rounds in brackets` +
      (busyRounds
        ? `. **${busyRounds} of ${results.rounds.length} rounds started on a busy machine** (other work on the same cores): these figures are not final`
        : ', every round started on an idle machine') +
      (swing > 1.2
        ? `. **The machine's limit itself varied ${swing.toFixed(1)}× between its runs: other work shared the machine during the rounds, so these figures are not final**`
        : '') +
      (results.quick ? '. A quick run (BENCH_QUICK): not comparable.' : '.'),
  );
  lines.push('');
  lines.push(
    "Signatures per second, and the share of the machine's limit (`openssl speed -elapsed -multi`):",
  );
  lines.push('');
  const rateRows = ROWS.filter((row) => !row.id.startsWith('openssl')).map((row) => [
    row.label,
    ...COLUMNS.map((column) => {
      const summary = stat(row.id, column.id);
      if (!summary) return 'n/a';
      const share = limit(row.id, column.id);
      const flag = share && share.median > 1 ? ' ⚠ above the limit' : '';
      return `${rateWithSpread(summary)}${share ? `, ${times(share)}` : ''}${flag}`;
    }),
  ]);
  const opensslRows = ROWS.filter((row) => row.id.startsWith('openssl')).map((row) => [
    row.label,
    ...COLUMNS.map((column) => rateWithSpread(stat(row.id, opensslColumn(column.id)))),
  ]);
  lines.push(markdownTable(['', ...COLUMNS.map((c) => c.name)], [...opensslRows, ...rateRows]));
  lines.push('');
  if (rateRows.some((row) => row.some((cell) => cell.includes('⚠')))) {
    lines.push(
      "⚠: above the machine's limit, which cannot be: a measuring error (the machine was busier while openssl ran than while this did), not a result.",
    );
    lines.push('');
  }

  const rsa = COLUMNS.filter((column) => column.type === 'RSA');
  const sdkRows = ROWS.filter((row) => SIGNET_ROWS.includes(row.id)).map((row) => [
    row.label,
    ...rsa.map((column) => {
      const asCalled = ratio(row.id, column.id, 'sdk');
      const perCore = ratio(row.id, column.id, 'sdk', column.id, 1 / row.cores);
      return asCalled ? `${times(asCalled)} as called, ${times(perCore)} per core` : 'n/a';
    }),
  ]);
  lines.push(
    "Against `@aws-sdk/cloudfront-signer` (RSA only): as its users call it (PEM text each time, one core), and per core (Signet's rate divided by the cores it keeps busy):",
  );
  lines.push('');
  lines.push(markdownTable(['', ...rsa.map((c) => c.name)], sdkRows));
  lines.push('');

  if (results.baseline) {
    const short = results.baseline.slice(0, 7);
    lines.push(`Against the build before issue 15 (commit ${short}), measured in the same rounds:`);
    lines.push('');
    const todayRows = [
      ['Page worker pool, batch throughput', 'page-pool', 'page-pool-today'],
      ['CLI, 100,000 URLs end to end', 'cli', 'cli-today'],
    ].map(([label, row, today]) => [
      label,
      ...COLUMNS.map((column) => timesWithSpread(ratio(row, column.id, today))),
    ]);
    lines.push(markdownTable(['', ...COLUMNS.map((c) => c.name)], todayRows));
    lines.push('');
  }

  lines.push('One URL, and the page:');
  lines.push('');
  const types = [
    ['RSA', 'RSA-2048 SHA-1'],
    ['ECDSA', 'ECDSA P-256'],
  ];
  const latency = (row) =>
    types.map(([type]) => msWithSpread(stat(row, type), row.includes('first') ? 1 : 0));
  const pageTask = (row) =>
    COLUMNS.map((column) => {
      const longest = extras(row, column.id, 'longestTaskMs');
      const hz = extras(row, column.id, 'progressHz');
      return longest ? `${Math.round(longest.median)} ms, ${Math.round(hz.median)}/s` : 'n/a';
    });
  const latencyRows = [['`signet sign --url`, process start to exit', ...latency('cli-single')]];
  if (results.baseline)
    latencyRows.push(['the same, before issue 15', ...latency('cli-single-today')]);
  latencyRows.push([
    'Page: first signed URL after the key is imported',
    ...latency('page-first-sign'),
  ]);
  if (results.baseline)
    latencyRows.push(['the same, before issue 15', ...latency('page-first-sign-today')]);
  latencyRows.push(['Page: open to ready', ...latency('page-load')]);
  lines.push(markdownTable(['', ...types.map(([, name]) => name)], latencyRows));
  lines.push('');
  lines.push(
    markdownTable(
      [
        'During a page batch: longest main-thread task, progress updates',
        ...COLUMNS.map((c) => c.name),
      ],
      [
        ['Worker pool', ...pageTask('page-pool')],
        ...(results.baseline ? [['Before issue 15', ...pageTask('page-pool-today')]] : []),
      ],
    ),
  );
  lines.push('');
  lines.push(
    `The page: dist/index.html ${(results.pageGzipBytes / 1024).toFixed(1)} KiB gzipped (${whole(results.pageBytes)} bytes raw).`,
  );
  lines.push('');
  lines.push('What each row measures:');
  lines.push('');
  for (const row of ROWS) lines.push(`- **${row.label}**: ${row.meaning}.`);
  return lines.join('\n');
}

/** Where the run meets issue 15's targets, in words; and any figure that cannot be right. */
export function renderChecks(results) {
  const { ratio, limit, extras } = reader(results);
  const out = [];
  const check = (label, summary, target, higherIsBetter = true) => {
    if (!summary) return out.push(`- ${label}: not measured`);
    const met = higherIsBetter ? summary.median >= target : summary.median <= target;
    out.push(
      `- ${label}: ${summary.median.toFixed(2)} (target ${higherIsBetter ? '≥' : '≤'} ${target}): ${met ? 'met' : 'NOT MET'}`,
    );
  };
  check('CLI ECDSA, share of openssl -multi', limit('cli', 'ecdsa'), 0.45);
  check('CLI RSA SHA-1, share of openssl -multi', limit('cli', 'rsa-sha1'), 0.85);
  check('CLI RSA SHA-256, share of openssl -multi', limit('cli', 'rsa-sha256'), 0.85);
  check(
    'Page pool ECDSA against the pool before issue 15',
    ratio('page-pool', 'ecdsa', 'page-pool-today'),
    1.3,
  );
  check(
    'Page pool RSA SHA-1 against the pool before issue 15',
    ratio('page-pool', 'rsa-sha1', 'page-pool-today'),
    1.1,
  );
  check(
    'Page pool RSA SHA-256 against the pool before issue 15',
    ratio('page-pool', 'rsa-sha256', 'page-pool-today'),
    1.1,
  );
  for (const column of COLUMNS)
    check(
      `Longest main-thread task during a ${column.name} page batch, ms`,
      extras('page-pool', column.id, 'longestTaskMs'),
      50,
      false,
    );
  for (const type of ['RSA', 'ECDSA']) {
    check(
      `signet sign --url (${type}), now against before`,
      ratio('cli-single', type, 'cli-single-today'),
      1.1,
      false,
    );
    check(
      `Page first signed URL (${type}), now against before`,
      ratio('page-first-sign', type, 'page-first-sign-today'),
      1.25,
      false,
    );
  }
  for (const row of SIGNET_ROWS) {
    for (const column of COLUMNS) {
      const share = limit(row, column.id);
      if (share && share.max > 1)
        out.push(
          `- IMPOSSIBLE: ${row} ${column.name} reached ${share.max.toFixed(2)}× the machine's limit in one round: a measuring error, not a result`,
        );
    }
  }
  return out.join('\n');
}

/** Every sample, for the record. */
function renderSamples(results) {
  const out = [];
  for (const [row, columns] of Object.entries(results.samples)) {
    for (const [column, list] of Object.entries(columns)) {
      const s = summarise(list.map((sample) => sample.value));
      out.push(
        `${row} ${column}: median ${s.median.toFixed(1)}, range ${s.min.toFixed(1)}–${s.max.toFixed(1)}, n=${s.n} [${list.map((x) => x.value.toFixed(1)).join(', ')}]`,
      );
    }
  }
  return out.join('\n');
}

export function renderReport(results) {
  return `${renderSection(results)}\n\nTargets (issue 15):\n\n${renderChecks(results)}\n\nSamples:\n\n${renderSamples(results)}\n`;
}

/** What the README holds between its bench markers. */
export function readmeSection(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return readme.slice(start + START.length, end).trim();
}

/** Rewrites the README between its bench markers with this run's section, and keeps the run. */
export function writeReadme(results) {
  const file = `${root}README.md`;
  const readme = readFileSync(file, 'utf8');
  readmeSection(readme);
  const start = readme.indexOf(START) + START.length;
  writeFileSync(
    file,
    `${readme.slice(0, start)}\n${renderSection(results)}\n${readme.slice(readme.indexOf(END))}`,
  );
  writeFileSync(RECORDED_RUN, `${JSON.stringify(results, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  const results = JSON.parse(readFileSync(file ?? `${root}test-results/bench.json`, 'utf8'));
  console.log(renderReport(results));
  if (process.argv.includes('--readme')) writeReadme(results);
}
