import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');
const files = (readdirSync(coreDir, { recursive: true }) as string[])
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(coreDir, name));

/** Every module specifier in a file: static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(
    /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g,
  ))
    found.push(match[1] as string);
  for (const match of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g))
    found.push(match[1] as string);
  for (const match of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]/g))
    found.push(match[1] as string);
  for (const match of source.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]/g))
    found.push(match[1] as string);
  return found;
}

/** Strips comments so that documentation may mention Node or the DOM. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the signing core (src/core)', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only its own files: no packages, no node: modules', () => {
    for (const file of files) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const where = relative(coreDir, file);
        expect(
          specifier.startsWith('./') || specifier.startsWith('../'),
          `${where} imports ${specifier}`,
        ).toBe(true);
        const target = resolve(dirname(file), specifier);
        expect(target.startsWith(coreDir), `${where} reaches outside src/core: ${specifier}`).toBe(
          true,
        );
      }
    }
  });

  it('uses no Node or DOM globals, only what every WebCrypto runtime has', () => {
    const forbidden =
      /\b(process|Buffer|require|module\.exports|__dirname|document|window|navigator|localStorage|XMLHttpRequest|fetch)\b/;
    for (const file of files) {
      const source = code(readFileSync(file, 'utf8'));
      const hit = forbidden.exec(source);
      expect(hit?.[0], `${relative(coreDir, file)} uses ${hit?.[0]}`).toBeUndefined();
    }
  });

  it('would catch a node: import if one were added (the scan itself works)', () => {
    expect(specifiers('import { x } from \'node:crypto\';\nexport * from "./a.ts";')).toEqual([
      'node:crypto',
      './a.ts',
    ]);
    expect(specifiers("const m = await import('node:fs');")).toEqual(['node:fs']);
  });

  it('is published with no runtime dependency of its own', () => {
    const manifest = JSON.parse(readFileSync(resolve(coreDir, '../../package.json'), 'utf8'));
    // lit is the page's, bundled into dist/index.html as a development dependency.
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.exports['.'].default).toBe('./dist/lib/core/index.js');
  });
});
