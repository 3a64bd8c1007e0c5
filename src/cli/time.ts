// The core's reader of the AWS CLI's date forms, so that --at reads times exactly as
// --date-less-than does.
import { showValue } from '../core/lib/show-value.ts';
import { toEpochSeconds } from '../core/policy/time.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';

const UNIT_SECONDS = { d: 86400, h: 3600, m: 60, s: 1 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Reads a duration: `90` or `90s`, `15m`, `1h`, `7d`, or a combination in that order (`1h30m`).
 * Bare digits are seconds, as in `aws s3 presign --expires-in`.
 */
export function parseDuration(text: string, flag: string): number {
  const value = text.trim();
  let seconds: number | undefined;
  if (/^\d+$/.test(value)) seconds = Number(value);
  else {
    const match = value === '' ? null : DURATION.exec(value);
    if (match) {
      const [, d = '0', h = '0', m = '0', s = '0'] = match;
      seconds =
        Number(d) * UNIT_SECONDS.d +
        Number(h) * UNIT_SECONDS.h +
        Number(m) * UNIT_SECONDS.m +
        Number(s);
    }
  }
  if (seconds === undefined || !Number.isSafeInteger(seconds)) {
    throw new CliError(
      EXIT.INPUT,
      `Invalid value for ${flag}: ${showValue(text, /^\+?\d[0-9A-Za-z.]{0,20}$/)} is not a duration. Write a number and a unit: 90s, 15m, 1h, 7d (or 1h30m); bare digits are seconds.`,
    );
  }
  if (seconds === 0) {
    throw new CliError(
      EXIT.INPUT,
      `Invalid value for ${flag}: the duration must be more than 0 seconds.`,
    );
  }
  return seconds;
}

/** The expiry for `--expires-in`: now plus the duration, in whole epoch seconds. */
export function expiryAfter(duration: string, nowMs: number): number {
  return Math.floor(nowMs / 1000) + parseDuration(duration, '--expires-in');
}

/**
 * The moment for `--at`, in milliseconds: the same date forms as --date-less-than, `now`, or
 * `+DURATION` from now (`+2h`: will the link still work in two hours?).
 */
export function parseAt(text: string | undefined, nowMs: number): number {
  if (text === undefined || text.trim() === '' || text.trim() === 'now') return nowMs;
  const value = text.trim();
  if (value.startsWith('+')) return nowMs + parseDuration(value.slice(1), '--at') * 1000;
  return toEpochSeconds(value, 'at', 'time') * 1000;
}
