/**
 * A bare CI machine has Node.js and nothing else, so .ci/run installs every command the tests
 * start, from .ci/tools. This reads the test sources for the commands they start and fails,
 * naming the command, when .ci/tools does not list it: a new tool turns CI red on the
 * developer's own machine, not on the next fresh one. (test/support/spawn-guard.ts catches,
 * at run time, the commands that are not written out in the source.)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciTools, installHint, TOOLS_FILE } from '../support/tools.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** node:child_process calls that take the command as their first argument. */
const SPAWNERS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync'];

/**
 * Every command a source starts with a literal name: `spawnSync('openssl', …)`, a local wrapper
 * such as `run('puttygen', …)` (a function whose first parameter is the command), or a shell line
 * such as `execSync('curl -s …')`. Returns command to the line numbers that start it.
 */
function startedCommands(source: string, wrappers = wrappersIn(source)): Map<string, number[]> {
  const callers = [...SPAWNERS, ...wrappers].join('|');
  const call = new RegExp(`\\b(?:${callers})\\(\\s*['"\`]([^'"\`]+)['"\`]`, 'g');
  const found = new Map<string, number[]>();
  for (const match of source.matchAll(call)) {
    const command = (match[1] as string).trim().split(/\s+/)[0] as string;
    const line = source.slice(0, match.index).split('\n').length;
    found.set(command, [...(found.get(command) ?? []), line]);
  }
  return found;
}

/**
 * Functions that start their first parameter as a command, such as keys.fixtures' `run(command,
 * args)`: the parameter must reach a spawner inside the function, so a test helper that merely
 * takes a signet subcommand named `command` is not one. Wrappers are shared across files.
 */
function wrappersIn(source: string): string[] {
  const definition =
    /(?:function\s+(\w+)\s*\(|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\()\s*(\w+)\s*:\s*string\b/g;
  const wrappers: string[] = [];
  for (const match of source.matchAll(definition)) {
    // The body runs to the next line that closes a top-level block.
    const end = source.indexOf('\n}', match.index);
    const body = source.slice(match.index, end === -1 ? undefined : end);
    const parameter = match[3] as string;
    if (new RegExp(`\\b(?:${SPAWNERS.join('|')})\\(\\s*${parameter}\\b`).test(body))
      wrappers.push((match[1] ?? match[2]) as string);
  }
  return wrappers;
}

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|mjs|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('.ci/run installs every command the tests start', () => {
  const tools = ciTools();
  const started = new Map<string, string[]>();
  const files = [...sources(join(ROOT, 'test')), join(ROOT, 'playwright.config.ts')]
    .filter((file) => file !== import.meta.filename)
    .map((file) => ({ file, source: readFileSync(file, 'utf8') }));
  const wrappers = files.flatMap(({ source }) => wrappersIn(source));
  for (const { file, source } of files) {
    for (const [command, lines] of startedCommands(source, wrappers)) {
      const where = lines.map((line) => `${relative(ROOT, file)}:${line}`);
      started.set(command, [...(started.get(command) ?? []), ...where]);
    }
  }

  it('finds the commands the tests are known to start', () => {
    for (const command of ['openssl', 'puttygen', 'aws', 'script', 'sed', 'npm', 'sh'])
      expect([...started.keys()]).toContain(command);
  });

  for (const [command, where] of [...started].sort()) {
    it(`${command} (started at ${where[0]}${where.length > 1 ? ` and ${where.length - 1} more` : ''})`, () => {
      expect(tools.has(command), installHint(command, undefined)).toBe(true);
    });
  }

  it('lists chromium, which Playwright starts by path rather than by name', () => {
    expect(tools.get('chromium')).toBe('chromium');
  });
});

describe('the scanner', () => {
  it('names a command that a new test starts and .ci/tools does not list', () => {
    const source = [
      "import { spawnSync } from 'node:child_process';",
      "const result = spawnSync('frobnicate', ['--version']);",
      "execSync('wrk -t2 http://localhost')",
      'function tool(command: string, args: string[]) {\n  return spawnSync(command, args);\n}',
      "tool('hyperfine', ['x']);",
      'function check(command: string, flag: string) {\n  return signet([command, flag]);\n}',
      "check('sign', '--url');",
    ].join('\n');
    const found = startedCommands(source);
    expect([...found.keys()].sort()).toEqual(['frobnicate', 'hyperfine', 'wrk']);
    expect(found.get('frobnicate')).toEqual([2]);
    const tools = ciTools(readFileSync(TOOLS_FILE, 'utf8'));
    expect([...found.keys()].filter((command) => !tools.has(command))).toHaveLength(3);
  });

  it('reads .ci/tools as .ci/run does: comments and blank lines skipped, "-" for Node.js', () => {
    const tools = ciTools('# command package\n\nnode - x\nopenssl   openssl  keys\n');
    expect([...tools]).toEqual([
      ['node', '-'],
      ['openssl', 'openssl'],
    ]);
  });

  it('is backed at run time: starting a command .ci/tools does not list throws, naming it', () => {
    expect(() => spawnSync('frobnicate', ['--version'])).toThrow(
      'frobnicate is not in .ci/tools, so CI does not install it',
    );
  });
});
