/**
 * Builds the conformance suite into one ESM file with Vite's build API (library mode), carrying
 * every `?text` and `?bytes` import inside it, so each runtime loads a single self-contained file.
 */

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'vite';
import type { caseList as CaseList } from './suite.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUT_DIR = resolve(ROOT, 'test-results/conformance');
export const BUNDLE = resolve(OUT_DIR, 'conformance.mjs');

const PREFIX = '\0signet-inline:';

/** `import text from './x.pem?text'` and `import bytes from './x.der?bytes'`, read at build time. */
export function inlineFiles(): Plugin {
  return {
    name: 'signet:inline-files',
    enforce: 'pre',
    resolveId(source, importer) {
      const match = /^(.+)\?(text|bytes)$/.exec(source);
      if (!match || !importer) return null;
      // The kind goes last, so the id ends in no file extension that another plugin claims.
      return `${PREFIX}${resolve(dirname(importer), match[1] as string)}?${match[2]}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const separator = id.lastIndexOf('?');
      const file = id.slice(PREFIX.length, separator);
      const kind = id.slice(separator + 1);
      this.addWatchFile(file);
      const content = readFileSync(file);
      if (kind === 'text') return `export default ${JSON.stringify(content.toString('utf8'))};`;
      const base64 = JSON.stringify(content.toString('base64'));
      return `export default Uint8Array.from(atob(${base64}), (c) => c.charCodeAt(0));`;
    },
  };
}

export interface ConformanceBundle {
  /** Absolute path of the ESM file that exports runConformance and caseList. */
  readonly file: string;
  readonly code: string;
  readonly cases: typeof CaseList;
}

export async function buildConformanceBundle(): Promise<ConformanceBundle> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    plugins: [inlineFiles()],
    build: {
      lib: {
        entry: resolve(import.meta.dirname, 'suite.ts'),
        formats: ['es'],
        fileName: () => 'conformance.mjs',
      },
      outDir: OUT_DIR,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
    },
  });
  const code = readFileSync(BUNDLE, 'utf8');
  const module = (await import(`${pathToFileURL(BUNDLE).href}?t=${Date.now()}`)) as {
    caseList: typeof CaseList;
  };
  return { file: BUNDLE, code, cases: module.caseList };
}
