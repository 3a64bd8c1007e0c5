// "Today's" Signet for the bench's comparisons: the page and the CLI built from the commit before
// issue 15 (the page's pool that signed policies sent from the page, the CLI signing on its main
// thread), measured in the same run as the current build. Built once from git history into
// node_modules/.cache and kept; BENCH_BASELINE=<commit> picks another commit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The last commit before issue 15: the page's pool and the CLI as they were. */
export const BASELINE_COMMIT = 'f089bc5';

/**
 * The baseline's built page and CLI, or why there is none (no git history, as in a tarball).
 * @returns {{ commit: string, page: string, cli: string } | { skipped: string }}
 */
export function prepareBaseline(log) {
  const wanted = process.env.BENCH_BASELINE || BASELINE_COMMIT;
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--verify', `${wanted}^{commit}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return { skipped: `commit ${wanted} is not in this checkout's git history` };
  }
  const folder = join(root, 'node_modules', '.cache', 'signet-bench', commit);
  const built = {
    commit,
    page: join(folder, 'dist', 'index.html'),
    cli: join(folder, 'dist', 'lib', 'cli', 'main.js'),
  };
  if (existsSync(built.page) && existsSync(built.cli)) return built;
  log(`building today's page and CLI from ${commit.slice(0, 7)} into ${folder}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // `git archive` reads the commit without touching the checkout, its index or its branches.
  const archive = execFileSync('git', ['archive', commit], {
    cwd: root,
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  const build = (args) =>
    execFileSync(process.execPath, args, { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  build(['node_modules/typescript/bin/tsc', '-p', 'src/tsconfig.lib.json']);
  build(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error']);
  return built;
}
