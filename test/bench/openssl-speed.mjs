// The machine's limit for one private-key operation: `openssl speed -elapsed`, signs per second
// of wall time. Without -elapsed openssl counts operations per second of its own CPU time, and
// -multi adds up its processes' rates: a busy machine then looks faster than it is.
import { execFileSync } from 'node:child_process';

/**
 * @param {'rsa2048' | 'ecdsap256'} algorithm
 * @param {number} processes 1, or the number of cores (`-multi`): each process's wall-clock rate,
 *   added up, is the rate of all of them together, since they run side by side for the same time.
 */
export function opensslSpeed(algorithm, processes, seconds = 3) {
  const output = execFileSync(
    'openssl',
    [
      'speed',
      '-elapsed',
      ...(processes > 1 ? ['-multi', String(processes)] : []),
      '-seconds',
      String(seconds),
      algorithm,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  // The summary row: "rsa 2048 bits 0.000182s 0.000011s 5496.7 93704.0" (sign/s is the first rate).
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
