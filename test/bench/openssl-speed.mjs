// The machine's limit for one private-key operation: `openssl speed -multi <cores>`, signs per second.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** @param {'rsa2048' | 'ecdsap256'} algorithm */
export function opensslSpeed(algorithm, seconds = 3) {
  const cores = String(availableParallelism());
  const output = execFileSync(
    'openssl',
    ['speed', '-multi', cores, '-seconds', String(seconds), algorithm],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
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
