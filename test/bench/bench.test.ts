/**
 * The bench's own arithmetic and honesty, without running it: openssl is asked for wall-clock
 * rates, ratios are taken round by round, a figure above the machine's limit is called an error,
 * the SDK is compared per core too, an idle wait ends and says so, and the README's table is
 * exactly what the recorded run renders.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitForIdle } from './machine.mjs';
import { opensslArgs, readSignRate } from './openssl-speed.mjs';
import {
  type BenchResults,
  RECORDED_RUN,
  readmeSection,
  renderChecks,
  renderSection,
} from './table.mjs';

const README = resolve(import.meta.dirname, '../../README.md');

/** A run with one value per round for each row and column given. */
function run(samples: Record<string, Record<string, number[]>>): BenchResults {
  return {
    date: '2026-12-01',
    machine: {
      cores: 2,
      model: 'Test CPU',
      node: 'v20.20.2',
      openssl: 'OpenSSL 3.0.19 27 Jan 2026',
    },
    chromium: '156',
    quick: false,
    rounds: [
      { idle: true, busy: 0.02 },
      { idle: false, busy: 0.6 },
    ],
    seconds: 3,
    cliLines: 100_000,
    baseline: 'f089bc5ed567753489647d597df88b2c52d83eb4',
    pageBytes: 144_000,
    pageGzipBytes: 49_000,
    samples: Object.fromEntries(
      Object.entries(samples).map(([row, columns]) => [
        row,
        Object.fromEntries(
          Object.entries(columns).map(([column, values]) => [
            column,
            values.map((value, round) => ({ value, round })),
          ]),
        ),
      ]),
    ),
  };
}

describe('the bench', () => {
  it('asks openssl for signatures per second of wall time, on every core or on one', () => {
    expect(opensslArgs('ecdsap256', 2, 3)).toEqual([
      'speed',
      '-elapsed',
      '-multi',
      '2',
      '-seconds',
      '3',
      'ecdsap256',
    ]);
    expect(opensslArgs('rsa2048', 1, 3)).toEqual(['speed', '-elapsed', '-seconds', '3', 'rsa2048']);
  });

  it('reads the sign rate from the summary row of openssl speed -multi', () => {
    const output = [
      'Got: +F2:2:2048:632.000000:12204.950495 from 0',
      'Got: +F2:2:2048:672.000000:10510.000000 from 1',
      '                  sign    verify    sign/s verify/s',
      'rsa 2048 bits 0.000767s 0.000044s   1304.0  22715.0',
    ].join('\n');
    expect(readSignRate(output, 'rsa2048')).toBe(1304);
    expect(() => readSignRate('nothing', 'ecdsap256')).toThrow(/could not read/);
  });

  it('takes each ratio within a round, and gives its median and range', () => {
    // Round 2 is twice as busy for both: its ratio is the same, so the medians of the rates mislead.
    const results = run({
      'openssl-multi': { ecdsa: [60_000, 30_000] },
      cli: { ecdsa: [30_000, 15_000] },
    });
    expect(renderSection(results)).toMatch(
      /\| Signet CLI, 100,000 URLs from a file +\|.*\| 22,500\/s \(15,000–30,000\), 0\.50× +\|/,
    );
    expect(renderChecks(results)).toContain(
      'CLI ECDSA, share of openssl -multi: 0.50 (target ≥ 0.45): met',
    );
  });

  it('takes a share of the limit against the openssl run just before the figure, when there is one', () => {
    const results = run({ 'openssl-multi': { ecdsa: [60_000] } });
    results.samples.cli = {
      ecdsa: [
        { value: 30_000, round: 0, extra: { limit: 50_000 } },
        { value: 20_000, round: 1, extra: { limit: 40_000 } },
      ],
    };
    expect(renderChecks(results)).toContain('CLI ECDSA, share of openssl -multi: 0.55');
  });

  it('calls a figure above the machine’s limit a measuring error, not a result', () => {
    const results = run({
      'openssl-multi': { rsa: [2_000, 4_000] },
      library: { 'rsa-sha1': [3_800, 3_700] },
    });
    expect(renderSection(results)).toContain('1.41× ⚠ above the limit');
    expect(renderChecks(results)).toMatch(/IMPOSSIBLE: library RSA-2048 SHA-1 reached 1\.90×/);
  });

  it('compares with the SDK as its users call it and per core', () => {
    const results = run({ cli: { 'rsa-sha1': [4_000] }, sdk: { 'rsa-sha1': [500] } });
    expect(renderSection(results)).toContain('8.00× as called, 4.00× per core');
  });

  it('says how many rounds started on a busy machine, and when the limit itself moved', () => {
    expect(renderSection(run({}))).toContain('**1 of 2 rounds started on a busy machine**');
    expect(renderSection(run({ 'openssl-multi': { ecdsa: [60_000, 59_000] } }))).not.toContain(
      'varied',
    );
    expect(renderSection(run({ 'openssl-multi': { ecdsa: [60_000, 30_000] } }))).toContain(
      "The machine's limit itself varied 2.0× between its runs",
    );
  });

  it('stops waiting for an idle machine after its timeout, and says so', async () => {
    const said: string[] = [];
    // A threshold no machine meets: never idle.
    const idle = await waitForIdle({
      threshold: -1,
      timeoutMs: 1_500,
      log: (text) => said.push(text),
    });
    expect(idle.idle).toBe(false);
    expect(said.join('\n')).toMatch(/did not become idle within 2 s .*measuring anyway/);
  }, 10_000);

  it('wrote the README’s performance section from the run it recorded', () => {
    const recorded = JSON.parse(readFileSync(RECORDED_RUN, 'utf8')) as BenchResults;
    expect(readmeSection(readFileSync(README, 'utf8'))).toBe(renderSection(recorded).trim());
  });
});
