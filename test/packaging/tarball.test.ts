import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/.bin/tsc');

let scratch: string;
let app: string;
let packed: { filename: string; files: { path: string }[] };

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 90_000,
  });
}

/** `tsc` over the scratch project's check.ts with the given options; returns its output. */
function typeCheck(name: string, compilerOptions: Record<string, unknown>): string {
  writeFileSync(
    join(app, `tsconfig.${name}.json`),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        ...compilerOptions,
      },
      files: ['check.ts'],
    }),
  );
  try {
    return run(TSC, ['-p', `tsconfig.${name}.json`], app);
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc (${name}) failed:\n${stdout}${stderr}`);
  }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'signet-tarball-'));
  // npm pack runs `prepare` (build:lib), which rewrites dist/lib. It runs on a copy of the sources,
  // so the tests that read this checkout's dist/lib meanwhile never see a half-written file.
  const source = join(scratch, 'source');
  mkdirSync(source);
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'src']) {
    if (existsSync(join(ROOT, entry)))
      cpSync(join(ROOT, entry), join(source, entry), { recursive: true });
  }
  rmSync(join(source, 'src/app'), { recursive: true, force: true });
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  const output = run('npm', ['pack', '--json', '--pack-destination', scratch], source);
  packed = JSON.parse(output.slice(output.search(/^\[/m)))[0];

  app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2),
  );
  // Offline: the package depends on nothing, so npm needs no registry and no cache to install it.
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--offline', join(scratch, packed.filename)],
    app,
  );
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the package as published (npm pack)', () => {
  it('holds the built library with its types, and no sources or tests', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toContain('package.json');
    expect(files).toContain('dist/lib/core/index.js');
    expect(files).toContain('dist/lib/core/index.d.ts');
    expect(files.filter((file) => /^(src|test|node_modules)\//.test(file))).toEqual([]);
  });

  it("installs exactly one package, itself: no dependencies, not even the page's Lit", () => {
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(Object.keys(lock.packages).filter((path) => path !== '')).toEqual([
      'node_modules/cloudfront-signet',
    ]);
    const installed = readdirSync(join(app, 'node_modules')).filter(
      (name) => !name.startsWith('.'),
    );
    expect(installed).toEqual(['cloudfront-signet']);
    const manifest = JSON.parse(
      readFileSync(join(app, 'node_modules/cloudfront-signet/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
      expect(manifest[field], field).toBeUndefined();
  });

  it('installs into a scratch project and signs a URL from ESM', () => {
    writeFileSync(
      join(app, 'sign.mjs'),
      `import { evaluateRequest, generateKeyPair, signUrl } from 'cloudfront-signet';
const { signingKey, publicKeyPem } = await generateKeyPair('ECDSA');
const { url } = await signUrl({
  url: 'https://d111111abcdef8.cloudfront.net/image.jpg',
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey: signingKey,
  dateLessThan: new Date(Date.now() + 3600_000),
});
const verdict = await evaluateRequest({ url, trustedKeys: { K2JCJMDEHXQW5F: publicKeyPem } });
console.log(JSON.stringify({ url, allowed: verdict.allowed }));
`,
    );
    const result = JSON.parse(run(process.execPath, ['sign.mjs'], app));
    expect(result.url).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/image\.jpg\?Expires=\d+&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256$/,
    );
    expect(result.allowed).toBe(true);
    expect(existsSync(join(app, 'node_modules/cloudfront-signet/src'))).toBe(false);
  });

  it('gives a signet bin that signs a batch on its signing threads, loaded from the package', () => {
    execFileSync('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      join(app, 'key.pem'),
    ]);
    const urls = Array.from(
      { length: 2_000 },
      (_, i) => `https://d111111abcdef8.cloudfront.net/${i}.jpg`,
    );
    writeFileSync(join(app, 'urls.txt'), urls.join('\n'));
    // The bin as npm links it, run by this Node (a bin outside the repository is not a CI tool).
    const output = run(
      process.execPath,
      [
        join(app, 'node_modules/.bin/signet'),
        'sign',
        '--urls-file',
        'urls.txt',
        '--key-pair-id',
        'K2JCJMDEHXQW5F',
        '--private-key',
        'key.pem',
        '--expires-in',
        '1h',
      ],
      app,
    );
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(urls.length);
    expect(lines.at(-1)).toMatch(
      /^https:\/\/d111111abcdef8\.cloudfront\.net\/1999\.jpg\?Expires=\d+&Signature=/,
    );
  });

  describe('from TypeScript, its types resolve', () => {
    beforeAll(() => {
      // Uses the types for real: a wrong call must be an error, which `any` would let through.
      writeFileSync(
        join(app, 'check.ts'),
        `import {
  importPrivateKey,
  SignetError,
  type SignedCookies,
  type SignedUrl,
  type SigningKey,
  signCookies,
  signUrl,
} from 'cloudfront-signet';

export async function sign(pem: string): Promise<string> {
  const privateKey: SigningKey = await importPrivateKey(pem, { passphrase: 'optional' });
  const signed: SignedUrl = await signUrl({
    url: 'https://d111111abcdef8.cloudfront.net/image.jpg',
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey,
    dateLessThan: '2030-01-01T00:00:00Z',
  });
  const cookies: SignedCookies = await signCookies({
    resource: 'https://d111111abcdef8.cloudfront.net/*',
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey,
    dateLessThan: 1893456000,
  });
  // @ts-expect-error dateLessThan is required
  await signUrl({ url: 'https://d1.example.net/a', keyPairId: 'K1', privateKey });
  // @ts-expect-error the policy type is 'canned' or 'custom', not a number
  const wrong: number = signed.policyType;
  return \`\${signed.url} \${cookies.setCookieHeaders.join(', ')} \${wrong}\`;
}

export function codeOf(error: unknown): string | undefined {
  return error instanceof SignetError ? error.code : undefined;
}
`,
      );
    });

    it('with moduleResolution node16', () => {
      typeCheck('node16', {
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['es2022', 'dom'],
        skipLibCheck: false,
      });
    }, 30_000);

    it('with moduleResolution bundler', () => {
      typeCheck('bundler', {
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom'],
        skipLibCheck: false,
      });
    }, 30_000);

    it('in a Node-only project (no DOM lib, skipLibCheck as @tsconfig/node20 sets it)', () => {
      typeCheck('node-only', {
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['es2023'],
        skipLibCheck: true,
      });
    }, 30_000);

    it('in a Node-only project that checks library types too (no DOM CryptoKey to lean on)', () => {
      typeCheck('node-only-strict', {
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['es2023'],
        skipLibCheck: false,
      });
    }, 30_000);
  });
});
