import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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
        const dataUrl = `data:image/svg+xml,${encodeURIComponent(svg)}`;
        return page.replace('href="/favicon.svg"', `href="${dataUrl}"`);
      },
    },
  };
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
  plugins: [inlineFavicon(), viteSingleFile(), contentSecurityPolicy(), printBuiltPage()],
  // emptyOutDir off: dist/lib holds the library build (npm run build:lib), which must survive.
  build: { modulePreload: false, copyPublicDir: false, emptyOutDir: false, target: 'es2022' },
  preview: { port: 4173, host: 'localhost' },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
