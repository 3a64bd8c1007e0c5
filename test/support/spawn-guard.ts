/**
 * Vitest setup: every child process a test starts must be a command that .ci/run installs
 * (.ci/tools). This catches what test/ci/tools.test.ts cannot see in the sources, such as a
 * command taken from an error message, and a missing tool fails with one line on how to get it.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { ciTools, commandName, installHint } from './tools.ts';

const tools = ciTools();

function check(file: unknown): void {
  if (typeof file !== 'string') return;
  const tool = commandName(file);
  if (tool !== undefined && !tools.has(tool)) throw new Error(installHint(tool, undefined));
}

/** A spawn that failed because the command does not exist gets the install line, not ENOENT. */
function explain<T extends { error?: Error }>(file: unknown, result: T): T {
  const error = result.error as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOENT' && typeof file === 'string') {
    const tool = commandName(file) ?? file;
    error.message = installHint(tool, tools.get(tool));
  }
  return result;
}

const cp = childProcess as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of ['spawn', 'execFile', 'fork'] as const) {
  const original = cp[name] as (...args: unknown[]) => unknown;
  cp[name] = (file: unknown, ...rest: unknown[]) => {
    check(name === 'fork' ? process.execPath : file);
    return original(file, ...rest);
  };
}
const originalSpawnSync = cp.spawnSync as (...args: unknown[]) => { error?: Error };
cp.spawnSync = (file: unknown, ...rest: unknown[]) => {
  check(file);
  return explain(file, originalSpawnSync(file, ...rest));
};
const originalExecFileSync = cp.execFileSync as (...args: unknown[]) => unknown;
cp.execFileSync = (file: unknown, ...rest: unknown[]) => {
  check(file);
  try {
    return originalExecFileSync(file, ...rest);
  } catch (error) {
    throw explain(file, { error: error as Error }).error;
  }
};
for (const name of ['exec', 'execSync'] as const) {
  const original = cp[name] as (...args: unknown[]) => unknown;
  cp[name] = (command: unknown, ...rest: unknown[]) => {
    // A shell command line: its first word is the command.
    check(typeof command === 'string' ? command.trim().split(/\s+/)[0] : command);
    return original(command, ...rest);
  };
}
syncBuiltinESMExports();
