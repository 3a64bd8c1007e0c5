import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { defineConfig } from 'vitest/config';

const builtPage = resolve(import.meta.dirname, 'dist/index.html');

/** The favicon goes into the page as a data: URL, so the single file asks for nothing. */
function inlineFavicon(): Plugin {
  return {
    name: 'signet:inline-favicon',
    transformIndexHtml: {
      order: 'pre',
      handler(page) {
        const svg = readFileSync(resolve(import.meta.dirname, 'public/favicon.svg'), 'utf8').trim();
        // Only what a URL in a double-quoted attribute cannot hold is escaped: half the bytes.
        const dataUrl = `data:image/svg+xml,${svg.replaceAll('"', "'").replace(/[%#<>]/g, encodeURIComponent)}`;
        return page.replace('href="/favicon.svg"', `href="${dataUrl}"`);
      },
    },
  };
}

/**
 * Squeezes the whitespace out of Lit's html`` and css`` templates in the app's sources. The
 * minifier keeps template text byte for byte, and indentation is a large share of the page,
 * which has a size budget (test/e2e/size-budget.spec.ts). Only literal whitespace with a line
 * break is touched in html (browsers collapse it anyway); css also loses spaces around punctuation,
 * and its custom properties get short names (tokens.ts keeps the readable ones).
 */
function minifyLitTemplates(): Plugin {
  return {
    name: 'signet:minify-lit-templates',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      shortNames = shortCustomPropertyNames();
    },
    transform(code, id) {
      if (!/[\\/]src[\\/]app[\\/].*\.ts$/.test(id)) return null;
      return { code: squeezeTemplates(code), map: null };
    },
  };
}

const appSources = resolve(import.meta.dirname, 'src/app');

/**
 * A short name for every custom property the app's css`` templates name (`--accent` becomes a
 * letter such as `--c`), most used first, from all the sources at once so every shadow root agrees.
 */
function shortCustomPropertyNames(): Map<string, string> {
  const counts = new Map<string, number>();
  for (const file of readdirSync(appSources, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(resolve(appSources, file), 'utf8');
    for (const [template] of source.matchAll(/\bcss`[^`]*`/g)) {
      for (const [name] of template.matchAll(CUSTOM_PROPERTY)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
  }
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const byUse = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
  return new Map(
    byUse.map(([name], i) => [
      name,
      `--${letters[i % letters.length]}${i < letters.length ? '' : Math.floor(i / letters.length)}`,
    ]),
  );
}

const CUSTOM_PROPERTY = /--[a-z][a-z0-9-]*(?![a-z0-9-])/g;
let shortNames = new Map<string, string>();

const squeezeHtml = (text: string) => text.replace(/\s*\n\s*/g, ' ');
const squeezeCss = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/([ :(,])0\.(\d)/g, '$1.$2')
    .replace(CUSTOM_PROPERTY, (name) => shortNames.get(name) ?? name)
    .trim();

/** Rewrites every html`` and css`` template in `source`, nested ones included. */
export function squeezeTemplates(source: string): string {
  const tag = /\b(html|css)`/g;
  let out = '';
  let position = 0;
  for (let match = tag.exec(source); match; match = tag.exec(source)) {
    const start = match.index + match[0].length;
    const squeeze = match[1] === 'css' ? squeezeCss : squeezeHtml;
    const template = readTemplate(source, start, squeeze);
    out += source.slice(position, start) + template.text;
    position = template.end;
    tag.lastIndex = template.end;
  }
  return out + source.slice(position);
}

/** From just after a template's opening backtick to just after its closing one. */
function readTemplate(
  source: string,
  start: number,
  squeeze: (text: string) => string,
): { text: string; end: number } {
  let out = '';
  let chunk = '';
  let i = start;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '\\') {
      chunk += source.slice(i, i + 2);
      i += 2;
    } else if (char === '`') {
      return { text: `${out}${squeeze(chunk)}\``, end: i + 1 };
    } else if (char === '$' && source[i + 1] === '{') {
      const expression = readExpression(source, i + 2);
      out += `${squeeze(chunk)}\${${squeezeTemplates(expression.text)}}`;
      chunk = '';
      i = expression.end;
    } else {
      chunk += char;
      i++;
    }
  }
  throw new Error('signet:minify-lit-templates: a template literal has no end');
}

/** The code of a ${…} expression, up to its closing brace, skipping strings and templates. */
function readExpression(source: string, start: number): { text: string; end: number } {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '{') depth++;
    else if (char === '}' && depth-- === 0) return { text: source.slice(start, i), end: i + 1 };
    else if (char === "'" || char === '"') {
      i = source.indexOf(char, i + 1);
      while (source[i - 1] === '\\') i = source.indexOf(char, i + 1);
    } else if (char === '`') {
      i = readTemplate(source, i + 1, (text) => text).end - 1;
    }
    i++;
  }
  throw new Error('signet:minify-lit-templates: an expression in a template has no end');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Writes the Content-Security-Policy into the final single file on disk, with hashes of the exact inline
 * script and style bytes, as the first element of <head> (a meta CSP only covers what follows it).
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'signet:content-security-policy',
    apply: 'build',
    closeBundle() {
      const page = readFileSync(builtPage, 'utf8');
      const inline = (tag: string) =>
        [...page.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) =>
          sha256(match[1] ?? ''),
        );
      const scripts = inline('script');
      const styles = inline('style');
      const policy = [
        "default-src 'none'",
        `script-src ${scripts.join(' ') || "'none'"}`,
        `style-src ${styles.join(' ') || "'none'"}`,
        'img-src data:',
        "connect-src 'none'",
        'worker-src blob:',
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        'trusted-types lit-html signet',
      ].join('; ');
      const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
      writeFileSync(builtPage, page.replace('<head>', `<head>\n    ${meta}`));
    },
  };
}

/** `vite preview` prints the local URL; this adds the path of the file that also works from disk. */
function printBuiltPage(): Plugin {
  return {
    name: 'signet:print-built-page',
    configurePreviewServer(server) {
      server.httpServer.once('listening', () => {
        setTimeout(() => {
          console.log(
            `  ➜  From disk: ${pathToFileURL(builtPage).href}\n             (${builtPage})`,
          );
        }, 0);
      });
    },
  };
}

export default defineConfig({
  plugins: [
    minifyLitTemplates(),
    inlineFavicon(),
    viteSingleFile(),
    contentSecurityPolicy(),
    printBuiltPage(),
  ],
  // emptyOutDir off: dist/lib holds the library build (npm run build:lib), which must survive.
  build: {
    modulePreload: false,
    copyPublicDir: false,
    emptyOutDir: false,
    target: 'es2022',
    // Imported constants (DER tags, limits, option names) written in place: 215 bytes gzipped less.
    rolldownOptions: { optimization: { inlineConst: true } },
  },
  preview: { port: 4173, host: 'localhost' },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/spawn-guard.ts'],
    // Many tests start the CLI as a process several times; on a shared 2-core machine under load
    // that takes seconds, and a slow machine must not read as a failure (5 s is Vitest's default).
    testTimeout: 30_000,
    exclude: ['test/e2e/**', 'node_modules/**'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
