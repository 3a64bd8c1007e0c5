import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, as `npm install` leaves it (the test command runs build:lib first). */
export const CLI = fileURLToPath(new URL('../../dist/lib/cli/main.js', import.meta.url));

export function requireBuiltCli(): void {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run npm run build:lib before these tests`);
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

export interface RunOptions {
  readonly input?: string | Uint8Array;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Arguments for node itself, before the script. */
  readonly nodeArgs?: readonly string[];
  /** A file descriptor to send stdout to instead of collecting it. */
  readonly stdoutFd?: number;
  /** Kill the CLI (SIGKILL) after this many milliseconds, for a case that could run away. */
  readonly timeout?: number;
}

/** Runs `node dist/lib/cli/main.js …args` and collects its exit status and output. */
export function signet(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: options.cwd,
      env: { ...withoutSignetVariables(process.env), ...options.env },
      stdio: ['pipe', options.stdoutFd ?? 'pipe', 'pipe'],
      ...(options.timeout === undefined ? {} : { timeout: options.timeout, killSignal: 'SIGKILL' }),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const stdoutBytes = Buffer.concat(stdout);
      resolve({
        status,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        stdoutBytes,
      });
    });
    child.stdin?.on('error', () => {}); // The CLI may exit before reading all of its input.
    child.stdin?.end(options.input ?? '');
  });
}

/** The developer's own SIGNET_* settings must not change what the tests see. */
function withoutSignetVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('SIGNET_')));
}

/** A scratch folder, removed by the returned function. */
export function scratch(prefix: string): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), `signet-cli-${prefix}-`));
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The key files of the AWS shared cases, as absolute paths. */
export function vectorKey(name: string): string {
  return fileURLToPath(new URL(`../vectors/aws/${name}`, import.meta.url));
}

/** Every stderr line starts with "signet:" and none is a stack frame. */
export function stderrLines(run: Run): string[] {
  return run.stderr.split('\n').filter((line) => line !== '');
}
