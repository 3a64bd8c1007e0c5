import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced block after each `<!-- name -->` marker. */
function blocksAfter(marker: string): string[] {
  const pattern = new RegExp(`<!-- ${marker} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``, 'g');
  return [...readme.matchAll(pattern)].map((match) => match[1] as string);
}

describe('the README', () => {
  it('gives one one-line command to start the app and one to run the tests', () => {
    const [start] = blocksAfter('start-command');
    const [test] = blocksAfter('test-command');
    expect(start?.trim().split('\n')).toEqual(['npm install && npm start']);
    expect(test?.trim().split('\n')).toEqual(['npm install && npm test']);
  });

  it('is what .ci/run runs, since it reads the test command from the README', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci).toContain("sed -n '/<!-- test-command -->/{n;n;p;q}' README.md");
    const extracted = execFileSync('sed', ['-n', '/<!-- test-command -->/{n;n;p;q}', 'README.md'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(extracted.trim()).toBe('npm install && npm test');
  });

  const examples = blocksAfter('example: node');
  it('has Node examples of the library', () => expect(examples.length).toBeGreaterThanOrEqual(2));

  examples.forEach((example, index) => {
    it(`Node example ${index + 1} runs as written against the built package`, () => {
      expect(existsSync(join(root, 'dist/lib/core/index.js')), 'run npm run build:lib first').toBe(
        true,
      );
      // Inside the repository, `import … from 'cloudfront-signet'` resolves to this package itself.
      const folder = join(root, 'test-results', 'readme-examples');
      mkdirSync(folder, { recursive: true });
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(
        join(folder, 'private_key.pem'),
        privateKey.export({ type: 'pkcs1', format: 'pem' }),
      );
      const file = join(folder, `example-${index + 1}.mjs`);
      writeFileSync(file, example);
      const run = spawnSync(process.execPath, [file], {
        cwd: folder,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/https:\/\/d111111abcdef8\.cloudfront\.net\/|CloudFront-Policy/);
    });
  });
});
