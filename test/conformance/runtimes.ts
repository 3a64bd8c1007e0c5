/**
 * One thin runner per runtime. Each loads the same bundle (build.ts), calls runConformance() and
 * hands back its report: Node, Deno and Bun as processes, workerd through Miniflare, Chromium
 * through Playwright on a file:// page (a secure context, so crypto.subtle exists).
 */

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { Miniflare } from 'miniflare';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';
import { type ConformanceBundle, OUT_DIR, ROOT } from './build.ts';
import type { ConformanceReport, RunOptions } from './suite.ts';

const require = createRequire(import.meta.url);
const MARKER = 'SIGNET-CONFORMANCE ';

export interface Runtime {
  /** Short id, used for file names. */
  readonly id: string;
  run(bundle: ConformanceBundle): Promise<ConformanceReport>;
}

/** A module that runs the bundle next to it and prints the report on one marked line. */
function writeEntry(name: string, options: RunOptions = {}): string {
  const file = resolve(OUT_DIR, name);
  writeFileSync(
    file,
    `import { runConformance } from './conformance.mjs';\n` +
      `const report = await runConformance(${JSON.stringify(options)});\n` +
      `console.log(${JSON.stringify(MARKER)} + JSON.stringify(report));\n`,
  );
  return file;
}

function runProcess(command: string, args: readonly string[], env = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: OUT_DIR,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (status === 0) resolvePromise(stdout);
      else
        reject(
          new Error(`${command} ${args.join(' ')} exited with ${status ?? signal}: ${stderr}`),
        );
    });
  });
}

function parseReport(output: string, what: string): ConformanceReport {
  const line = output.split('\n').find((text) => text.startsWith(MARKER));
  if (!line) throw new Error(`${what} printed no report:\n${output}`);
  return JSON.parse(line.slice(MARKER.length)) as ConformanceReport;
}

const bin = (name: string) => resolve(ROOT, 'node_modules/.bin', name);

export const node: Runtime = {
  id: 'node',
  async run() {
    const entry = writeEntry('main.mjs');
    return parseReport(await runProcess(process.execPath, [entry]), 'node');
  },
};

/**
 * Node with SHA-1 signatures, digests and PBKDF2 refused, as a FIPS build of OpenSSL refuses
 * them: proves that the probes notice and that the cases needing SHA-1 become named skips.
 */
export const nodeWithoutSha1: Runtime = {
  id: 'node-without-sha1',
  async run() {
    const entry = writeEntry('main-without-sha1.mjs', {
      runtime: `node ${process.versions.node} with SHA-1 withheld (simulated FIPS)`,
    });
    const shim = resolve(import.meta.dirname, 'withhold-sha1.mjs');
    const output = await runProcess(process.execPath, [
      '--import',
      pathToFileURL(shim).href,
      entry,
    ]);
    return parseReport(output, 'node with SHA-1 withheld');
  },
};

export const deno: Runtime = {
  id: 'deno',
  async run() {
    const entry = writeEntry('main.mjs');
    return parseReport(await runProcess(bin('deno'), ['run', '--allow-read', entry]), 'deno');
  },
};

export const bun: Runtime = {
  id: 'bun',
  async run() {
    const entry = writeEntry('main.mjs');
    return parseReport(await runProcess(bin('bun'), [entry]), 'bun');
  },
};

/** The newest date this workerd knows, so the Worker sees today's behaviour. */
export const COMPATIBILITY_DATE = '2026-04-01';

export const workerd: Runtime = {
  id: 'workerd',
  async run() {
    const version = (require('workerd/package.json') as { version: string }).version;
    const options: RunOptions = { runtime: `workerd ${version}` };
    const worker = resolve(OUT_DIR, 'worker.mjs');
    writeFileSync(
      worker,
      `import { runConformance } from './conformance.mjs';\n` +
        `export default {\n` +
        `  async fetch() {\n` +
        `    return Response.json(await runConformance(${JSON.stringify(options)}));\n` +
        `  },\n` +
        `};\n`,
    );
    // No nodejs_compat flag: the Worker gets only the web platform, as most Workers do.
    const miniflare = new Miniflare({
      modules: true,
      modulesRoot: OUT_DIR,
      scriptPath: worker,
      compatibilityDate: COMPATIBILITY_DATE,
    });
    try {
      const response = await miniflare.dispatchFetch('http://conformance.test/');
      const text = await response.text();
      if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text}`);
      return JSON.parse(text) as ConformanceReport;
    } finally {
      await miniflare.dispose();
    }
  },
};

export const chromiumBrowser: Runtime = {
  id: 'chromium',
  async run(bundle) {
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const options: RunOptions = { runtime: `chromium ${browser.version()}` };
      // One inline module script: nothing to fetch, so the page works from file:// (origin null).
      // The call is appended to the bundle, so it must keep its top-level name.
      if (!/\bexport \{[^}]*\brunConformance\b(?! as)[^}]*\}/.test(bundle.code)) {
        throw new Error('the bundle no longer exports runConformance under that name');
      }
      const page = resolve(OUT_DIR, 'chromium.html');
      const script =
        `${bundle.code}\n` +
        `window.signetConformance = runConformance(${JSON.stringify(options)});\n`;
      writeFileSync(
        page,
        `<!doctype html>\n<meta charset="utf-8">\n<title>Signet conformance</title>\n` +
          `<script type="module">\n${script.replace(/<\/script/gi, '<\\/script')}</script>\n`,
      );
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(pathToFileURL(page).href);
      await tab.waitForFunction(() => 'signetConformance' in window, undefined, {
        timeout: 30_000,
      });
      if (!(await tab.evaluate(() => window.isSecureContext))) {
        throw new Error('the file:// page is not a secure context, so it has no crypto.subtle');
      }
      const report = await tab.evaluate(
        () => (window as unknown as { signetConformance: Promise<unknown> }).signetConformance,
      );
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
      return report as ConformanceReport;
    } finally {
      await browser.close();
    }
  },
};

export const RUNTIMES: readonly Runtime[] = [node, deno, bun, workerd, chromiumBrowser];

/**
 * "node 20.20.2: 61 passed, 0 failed, 0 skipped in 1.7 s", then what the runtime lacks and, with
 * `details`, every case that did not pass and why.
 */
export function summaryLine(report: ConformanceReport, seconds?: number, details = true): string {
  const time = seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`;
  const lines = [
    `${report.runtime}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped${time}`,
  ];
  const lacking = Object.entries(report.features)
    .filter(([, probe]) => !probe.available)
    .map(([, probe]) => `${probe.label}: ${probe.detail}`);
  if (lacking.length > 0) lines.push(`  lacks: ${lacking.join('; ')}`);
  for (const result of details ? report.results : []) {
    if (result.status !== 'passed')
      lines.push(`  ${result.status}: ${result.name}: ${result.reason}`);
  }
  return lines.join('\n');
}
