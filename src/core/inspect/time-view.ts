import { isoTime } from '../policy/time.ts';

/** A policy time as a person reads it, next to the number CloudFront reads. */
export interface TimeView {
  readonly epochSeconds: number;
  /** `2026-11-29T10:00:00Z` */
  readonly iso: string;
  /** `in 59 minutes`, `3 minutes ago`, relative to the `now` given. */
  readonly relative: string;
}

export function timeView(epochSeconds: number, nowSeconds: number): TimeView {
  return {
    epochSeconds,
    iso: isoTime(epochSeconds),
    relative: relativeTime(epochSeconds - nowSeconds),
  };
}

const UNITS: [string, number][] = [
  ['year', 365 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "in 59 minutes" for +3599 s, "3 minutes ago" for -180 s: the largest whole unit, rounded down;
 * with `units` = 2 a countdown such as "in 14 minutes 58 seconds" (a unit at 0 is left out).
 */
export function relativeTime(deltaSeconds: number, units = 1): string {
  if (deltaSeconds === 0) return 'now';
  let rest = Math.abs(deltaSeconds);
  const found = UNITS.findIndex(([, length]) => rest >= length);
  // Less than a second (a fractional delta) is counted in seconds: "in 0 seconds".
  const first = found < 0 ? UNITS.length - 1 : found;
  const parts: string[] = [];
  for (const [unit, length] of UNITS.slice(first, first + units)) {
    const count = Math.floor(rest / length);
    rest -= count * length;
    if (count || !parts.length) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  const amount = parts.join(' ');
  return deltaSeconds > 0 ? `in ${amount}` : `${amount} ago`;
}
