/**
 * A real `signet serve` child process for the tests: started on a free port, its log lines
 * collected, stopped with a signal. Shared by the Vitest tests and the Playwright test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/lib/cli/main.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/keys/', import.meta.url));
export const PUBLIC_KEY = `${FIXTURES}rsa-2048-public.pem`;
export const PRIVATE_KEY = `${FIXTURES}rsa-2048-pkcs8.pem`;
export const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
export const DOMAIN = 'd111111abcdef8.cloudfront.net';

export interface ServeProcess {
  /** `http://localhost:PORT` */
  readonly base: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Every line logged on standard output so far. */
  readonly lines: string[];
  readonly stderr: () => string;
  /** Waits for a log line that matches. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends the signal and resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    const parts = stdout.split('\n');
    stdout = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`signet serve did not start: ${stderr}`));
    }, 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const port = /at http:\/\/[^:]+:(\d+)\//.exec(stderr)?.[1];
      if (port && timer) {
        clearTimeout(timer);
        resolve({
          base: `http://localhost:${port}`,
          port: Number(port),
          child,
          lines,
          stderr: () => stderr,
          line(pattern, timeoutMs = 5000) {
            return new Promise((found, fail) => {
              const look = () => {
                const match = lines.find((text) => pattern.test(text));
                if (match === undefined) return false;
                waiters.delete(look);
                clearTimeout(limit);
                found(match);
                return true;
              };
              const limit = setTimeout(() => {
                waiters.delete(look);
                fail(new Error(`no log line matches ${pattern}; lines:\n${lines.join('\n')}`));
              }, timeoutMs);
              if (!look()) waiters.add(look);
            });
          },
          async stop(signal = 'SIGINT') {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`signet serve exited with ${code} before it listened: ${stderr}`));
    });
  });
}
