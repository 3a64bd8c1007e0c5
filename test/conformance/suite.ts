/**
 * The entry of the conformance bundle: every case, run one after another in whatever JavaScript
 * runtime loads this file, with a named skip for each case that needs what the runtime lacks.
 * Standard globals only (crypto.subtle, TextEncoder, atob, setTimeout): no node:, no fs, no DOM.
 */

import type { ConformanceCase } from './case.ts';
import { cases } from './cases.ts';
import { FEATURE_LABELS, type Feature, type Features, probeFeatures } from './features.ts';

export type { ConformanceCase } from './case.ts';
export type { Feature, FeatureProbe, Features } from './features.ts';

export interface CaseResult {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  readonly reason?: string;
}

export interface ConformanceReport {
  /** For example `node 20.20.2`, `deno 2.9.6`, `workerd`, `chromium 140.0.7339.185`. */
  readonly runtime: string;
  readonly features: Features;
  readonly results: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface RunOptions {
  /** Names the runtime in the report and the skip reasons, instead of detecting it. */
  readonly runtime?: string;
  /** Per case; a case that never settles fails instead of hanging the runtime. */
  readonly timeoutMs?: number;
}

/** The cases by name and needs, for a harness that lists them before running them. */
export const caseList: readonly { name: string; needs: readonly Feature[] }[] = cases.map(
  ({ name, needs }) => ({ name, needs: needs ?? [] }),
);

type RuntimeGlobals = {
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
  navigator?: { userAgent?: string };
};

/** Which runtime this is, from its globals (the order matters: Deno and Bun also have `process`). */
export function detectRuntime(): string {
  const globals = globalThis as RuntimeGlobals;
  const userAgent = globals.navigator?.userAgent ?? '';
  if (globals.Deno?.version?.deno) return `deno ${globals.Deno.version.deno}`;
  if (globals.Bun?.version) return `bun ${globals.Bun.version}`;
  if (userAgent === 'Cloudflare-Workers') return 'workerd';
  if (globals.process?.versions?.node) return `node ${globals.process.versions.node}`;
  const chrome = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(userAgent);
  if (chrome) return `chromium ${chrome[1]}`;
  return userAgent || 'an unknown runtime';
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}

async function runCase(testCase: ConformanceCase, timeoutMs: number): Promise<CaseResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([testCase.run(), timeout]);
    return { name: testCase.name, status: 'passed' };
  } catch (error) {
    return { name: testCase.name, status: 'failed', reason: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Probes the runtime, then runs every case; never throws. */
export async function runConformance(options: RunOptions = {}): Promise<ConformanceReport> {
  const runtime = options.runtime ?? detectRuntime();
  const features = await probeFeatures();
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const missing = (testCase.needs ?? []).filter((feature) => !features[feature].available);
    if (missing.length > 0) {
      const reason = missing
        .map((feature) => `${FEATURE_LABELS[feature]} unavailable in ${runtime}`)
        .join('; ');
      results.push({ name: testCase.name, status: 'skipped', reason });
    } else {
      results.push(await runCase(testCase, options.timeoutMs ?? 20_000));
    }
  }
  const count = (status: CaseResult['status']) =>
    results.filter((result) => result.status === status).length;
  return {
    runtime,
    features,
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}
