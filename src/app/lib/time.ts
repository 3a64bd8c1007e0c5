/** Times as the page shows and reads them: a local datetime-local value, and UTC beside it. */

import { relativeTime } from '../../core/inspect/time-view.ts';
import { isoTime } from '../../core/policy/time.ts';

/**
 * Epoch seconds from a datetime-local value (which has no zone and means local time), for every
 * value the picker can hold, 275760-09-13 included; undefined only for blank or malformed text.
 * (`new Date(text)` reads no year past 9999 and would make such a date look blank.)
 */
export function localInputToEpoch(value: string): number | undefined {
  const match = /^(\d{4,6})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?/.exec(value);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const local = new Date(y as number, (mo as number) - 1, d, h, mi, s).getTime();
  // Past the last moment a Date can hold in this zone: read it as UTC, it is refused either way.
  const ms = Number.isNaN(local) ? Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) : local;
  return Math.floor(ms / 1000);
}

/** The datetime-local value for epoch seconds, in the browser's zone (seconds only when set). */
export function epochToLocalInput(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const s = date.getSeconds();
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}${s ? `:${pad(s)}` : ''}`;
}

/**
 * Made once: each toLocaleString() with options builds a formatter anew, about 15 ms in Chromium,
 * which the views' once-a-second redraws and a batch's last render would pay every time.
 */
let localFormat: Intl.DateTimeFormat | undefined;

/** `Tue, 1 Dec 2026, 10:00:00 CET` in the reader's own locale and zone. */
export function localText(seconds: number): string {
  localFormat ??= new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  return localFormat.format(new Date(seconds * 1000));
}

/** Local time, with UTC beside it unless local time is UTC (then once is enough). */
export function whenText(seconds: number): string {
  const local = localText(seconds);
  return new Date(seconds * 1000).getTimezoneOffset() ? `${local} (${isoTime(seconds)})` : local;
}

/**
 * "in 1 hour", "3 days ago", or with `units` = 2 a countdown such as "in 14 minutes 58 seconds":
 * whole units, largest first.
 */
export function relativeText(seconds: number, nowSeconds: number, units = 1): string {
  return relativeTime(seconds - nowSeconds, units);
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
