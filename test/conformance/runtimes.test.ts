import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConformanceBundle, OUT_DIR } from './build.ts';
import { nodeWithoutSha1, RUNTIMES, type Runtime, summaryLine } from './runtimes.ts';
import type { ConformanceReport } from './suite.ts';

// Built while the tests are collected: the case names come from the very file every runtime runs.
const bundle = await buildConformanceBundle();
const summaries: string[] = [];

async function runOn(runtime: Runtime): Promise<ConformanceReport> {
  const started = performance.now();
  const report = await runtime.run(bundle);
  const seconds = (performance.now() - started) / 1000;
  // Kept under test-results/conformance/ (not test-results/ itself): Vitest's report already counts them.
  mkdirSync(resolve(OUT_DIR, 'reports'), { recursive: true });
  writeFileSync(resolve(OUT_DIR, 'reports', `${runtime.id}.json`), JSON.stringify(report, null, 2));
  console.log(summaryLine(report, seconds, true));
  summaries.push(summaryLine(report, seconds, false));
  return report;
}

afterAll(() => {
  console.log(`Conformance suite (${bundle.cases.length} cases):\n${summaries.join('\n')}`);
});

for (const runtime of RUNTIMES) {
  describe(`conformance on ${runtime.id}`, () => {
    let report: ConformanceReport;
    let startup: unknown;
    beforeAll(async () => {
      // Kept, not thrown: a runtime that cannot start fails every case, instead of Vitest skipping them.
      report = await runOn(runtime).catch((error: unknown) => {
        startup = error;
        summaries.push(`${runtime.id}: did not run: ${String(error)}`);
        return { results: [] } as unknown as ConformanceReport;
      });
    }, 120_000);

    it('runs every case of the bundle once, in order', () => {
      if (startup) throw startup;
      expect(report.results.map((result) => result.name)).toEqual(
        bundle.cases.map((testCase) => testCase.name),
      );
    });

    for (const testCase of bundle.cases) {
      it(testCase.name, (context) => {
        if (startup) throw startup;
        const result = report.results.find((candidate) => candidate.name === testCase.name);
        if (result?.status === 'skipped') {
          // A named skip: the console shows the note after the name, the JSON report the meta.
          (context.task.meta as Record<string, unknown>).skipReason = result.reason;
          context.skip(`skipped: ${result.reason}`);
        }
        expect(result?.status, result?.reason).toBe('passed');
      });
    }
  });
}

describe('conformance on node with SHA-1 withheld (a simulated FIPS build)', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runOn(nodeWithoutSha1);
  }, 120_000);
  const needsSha1 = (name: string) =>
    bundle.cases
      .find((testCase) => testCase.name === name)
      ?.needs.some((feature) => feature.endsWith('SHA1')) ?? false;

  it('the probes find exactly the SHA-1 features missing', () => {
    const missing = Object.entries(report.features)
      .filter(([, probe]) => !probe.available)
      .map(([feature]) => feature);
    expect(missing).toEqual(['RSA-SHA1', 'ECDSA-SHA1', 'PBKDF2-SHA1']);
  });

  it('reports each case that needs SHA-1 as a skip naming what is missing and where', () => {
    const expected = bundle.cases.filter((testCase) => needsSha1(testCase.name));
    expect(expected.length).toBeGreaterThan(10);
    for (const testCase of expected) {
      const result = report.results.find((candidate) => candidate.name === testCase.name);
      expect(result?.status, testCase.name).toBe('skipped');
      expect(result?.reason).toMatch(
        /^(SHA-1 with RSASSA-PKCS1-v1_5|SHA-1 with ECDSA P-256|PBKDF2 with HMAC-SHA-1) unavailable in node [\d.]+ with SHA-1 withheld/,
      );
    }
  });

  it('still passes every case that does not need SHA-1', () => {
    const others = report.results.filter((result) => !needsSha1(result.name));
    expect(others.filter((result) => result.status !== 'passed')).toEqual([]);
    expect(others.length).toBe(report.passed);
  });
});
