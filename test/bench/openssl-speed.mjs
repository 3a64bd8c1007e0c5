// The machine's limit for one private-key operation: `openssl speed -elapsed`, signs per second
// of wall time. Without -elapsed openssl counts operations per second of its own CPU time, and
// -multi adds up its processes' rates: a busy machine then looks faster than it is.
import { execFileSync } from 'node:child_process';

/**
 * The arguments for `openssl speed`: with `-multi` when `processes` > 1, each process's wall-clock
 * rate added up is the rate of all of them together, since they run side by side for the same time.
 * @param {'rsa2048' | 'ecdsap256'} algorithm
 */
export function opensslArgs(algorithm, processes, seconds) {
  return [
    'speed',
    '-elapsed',
    ...(processes > 1 ? ['-multi', String(processes)] : []),
    '-seconds',
    String(seconds),
    algorithm,
  ];
}

/**
 * Signs per second from `openssl speed` output: the summary row, such as
 * "rsa 2048 bits 0.000767s 0.000044s 1304.0 22715.0" (sign/s is the first of the two rates).
 */
export function readSignRate(output, algorithm) {
  const row = output
    .split('\n')
    .reverse()
    .find((line) =>
      (algorithm === 'rsa2048' ? /^rsa\s+2048 bits/ : /ecdsa \(nistp256\)/).test(line.trim()),
    );
  const numbers = row?.trim().split(/\s+/).map(Number).filter(Number.isFinite) ?? [];
  const perSecond = numbers.at(-2);
  if (!perSecond) throw new Error(`could not read openssl speed output:\n${output}`);
  return perSecond;
}

/** @param {'rsa2048' | 'ecdsap256'} algorithm */
export function opensslSpeed(algorithm, processes, seconds = 3) {
  const output = execFileSync('openssl', opensslArgs(algorithm, processes, seconds), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return readSignRate(output, algorithm);
}
