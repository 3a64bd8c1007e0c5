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

/** "in 59 minutes" for +3599 s, "3 minutes ago" for -180 s: the largest whole unit, rounded down. */
export function relativeTime(deltaSeconds: number): string {
  if (deltaSeconds === 0) return 'now';
  const size = Math.abs(deltaSeconds);
  const [unit, seconds] =
    UNITS.find(([, length]) => size >= length) ?? (['second', 1] as [string, number]);
  const count = Math.floor(size / seconds);
  const amount = `${count} ${unit}${count === 1 ? '' : 's'}`;
  return deltaSeconds > 0 ? `in ${amount}` : `${amount} ago`;
}
