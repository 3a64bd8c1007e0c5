// .ci/run itself: a tool that apt-get cannot install stops CI before any test, with one line that
// names the tool and the command that installs it (issue 11). The run gets a .ci/tools of its own
// and an apt-get that always fails, so nothing is installed and no network is touched.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'signet-ci-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): void {
  writeFileSync(join(dir, 'bin', name), `#!/bin/sh\n${text}\n`);
  chmodSync(join(dir, 'bin', name), 0o755);
}

test('a tool that apt-get cannot install fails CI with one line saying which and how', () => {
  mkdirSync(join(dir, '.ci'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(root, '.ci/run'), join(dir, '.ci/run'));
  writeFileSync(
    join(dir, '.ci/tools'),
    '# command  package  started by\nnode  -  every runner\nsignet-no-such-tool  signet-no-such-package  a test\n',
  );
  script('apt-get', 'echo "E: Unable to locate package $*" >&2; exit 100');
  // Where CI is not root, .ci/run says sudo: this one runs the fake apt-get above.
  script('sudo', 'exec "$@"');
  const result = spawnSync('bash', ['.ci/run'], {
    cwd: dir,
    env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stdout.trim()).toBe('0 passed, 1 failed');
  // apt-get's own lines say why it failed; CI's say which tool, and how to install it.
  const ours = result.stderr.split('\n').filter((line) => line.startsWith('ci: '));
  expect(ours).toEqual([
    'ci: signet-no-such-tool is missing: installing signet-no-such-package with apt-get',
    'ci: signet-no-such-tool is missing and apt-get could not install it: run sudo apt-get install -y signet-no-such-package',
  ]);
});
