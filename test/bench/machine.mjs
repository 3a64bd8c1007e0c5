// The machine under the bench: what it is, and whether anything else is using it right now.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Busy and total CPU time so far, all cores: /proc/stat (steal counts as busy), or os.cpus(). */
function cpuTime() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.slice(1, 9).map(Number);
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: total - idle - iowait, total };
  } catch {
    let busy = 0;
    let total = 0;
    for (const { times } of cpus()) {
      const all = times.user + times.nice + times.sys + times.idle + times.irq;
      busy += all - times.idle;
      total += all;
    }
    return { busy, total };
  }
}

/** The share of all cores that was busy over the next `ms` milliseconds, 0 to 1. */
export async function busyShare(ms = 1000) {
  const before = cpuTime();
  await sleep(ms);
  const after = cpuTime();
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : 0;
}

/**
 * Waits until the machine has been idle (under `threshold` of all cores busy) for two seconds in
 * a row, at most `timeoutMs`. Says so, and goes on, when it never became idle: a round measured
 * on a busy machine is marked, never hidden.
 */
export async function waitForIdle({ threshold = 0.1, timeoutMs = 30_000, log = () => {} } = {}) {
  const started = Date.now();
  let calm = 0;
  let share = 1;
  while (Date.now() - started < timeoutMs) {
    share = await busyShare(1000);
    calm = share < threshold ? calm + 1 : 0;
    if (calm >= 2) return { idle: true, busy: share, waitedMs: Date.now() - started };
  }
  log(
    `the machine did not become idle within ${Math.round(timeoutMs / 1000)} s ` +
      `(${Math.round(share * 100)}% of all cores busy in the last second): measuring anyway, ` +
      'and this round is marked as taken on a busy machine',
  );
  return { idle: false, busy: share, waitedMs: Date.now() - started };
}

/** One line about the machine, for the table's heading. */
export function describeMachine() {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return { cores: availableParallelism(), model, node: process.version };
}
