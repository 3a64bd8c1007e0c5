import { SignetError } from '../errors.ts';
import { showValue } from '../lib/show-value.ts';

/**
 * A point in time as users give it: a Date, epoch seconds (number or digits), or one of the AWS
 * CLI's date forms, `YYYY-MM-DD` (midnight UTC) and `YYYY-MM-DDThh:mm[:ss[.fff]]` (UTC unless an
 * offset such as `Z` or `+02:00` is given; a space may stand for the `T`).
 */
export type TimeInput = Date | number | string;

/** The largest `AWS:EpochTime` CloudFront accepts: 2038-01-19T03:14:07Z (SPEC.md section 2). */
export const MAX_EPOCH_SECONDS = 2147483647;

// Years of 5 or 6 digits are read too, so that a date picker's far future is refused as such.
const DATE_TIME =
  /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const FORMS = 'a Date, epoch seconds such as 1767290400, 2026-12-31, or 2026-12-31T23:59:59Z';
/** What a time looks like, so that a message may quote it: digits, dashes, colons, T and Z. */
const TIME_SHAPE = /^[+-]?\d[\dTZtz:.+\- ]{0,40}$/;
/** From here on, digits are a millisecond clock (Date.now() since 2001), not seconds up to 9999. */
const MILLISECONDS_FROM = 1e12;

/** Converts a time to whole epoch seconds, refusing anything CloudFront would not read as meant. */
export function toEpochSeconds(value: TimeInput, field: string, label: string): number {
  if (value instanceof Date) return fromMilliseconds(value.getTime(), value, field, label);
  if (typeof value === 'number') return fromSeconds(value, String(value), field, label);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+(?:\.\d+)?$/.test(text)) return fromSeconds(Number(text), text, field, label);
    const parsed = parseDateTime(text);
    if (parsed === 'after') return inRange(MAX_EPOCH_SECONDS + 1, text, field, label);
    if (parsed !== undefined) return fromMilliseconds(parsed, text, field, label);
  }
  throw new SignetError(
    'ERR_TIME_INVALID',
    `The ${label} (${field}) ${showTime(value)} is not a time Signet can read. Use ${FORMS}.`,
    { field },
  );
}

/**
 * Milliseconds since the epoch, `after` for a date past what a Date holds (year 275760), or
 * undefined when the text is not a valid date of ours.
 */
function parseDateTime(text: string): number | 'after' | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = match;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = Date.UTC(...fields);
  if (Number.isNaN(utc) && fields[0] > 9999) return 'after';
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over into March; a real calendar date survives the round trip.
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] ||
    check.getUTCDate() !== fields[2] ||
    check.getUTCHours() !== fields[3] ||
    check.getUTCMinutes() !== fields[4] ||
    check.getUTCSeconds() !== fields[5]
  ) {
    return undefined;
  }
  const offset = offsetMinutes(zone);
  return Number.isNaN(offset) ? undefined : utc - offset * 60_000;
}

/** Minutes east of UTC, or NaN for an offset no place uses (beyond ±14:00, or 60+ minutes). */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const extra = Number(digits.slice(2) || '0');
  if (hours > 14 || extra > 59) return Number.NaN;
  const minutes = hours * 60 + extra;
  return zone.startsWith('-') ? -minutes : minutes;
}

function fromMilliseconds(ms: number, input: unknown, field: string, label: string): number {
  if (!Number.isFinite(ms)) {
    throw new SignetError(
      'ERR_TIME_INVALID',
      `The ${label} (${field}) ${showTime(input)} is an invalid date. Use ${FORMS}.`,
      { field },
    );
  }
  return inRange(Math.floor(ms / 1000), input, field, label);
}

function fromSeconds(seconds: number, text: string, field: string, label: string): number {
  if (!Number.isFinite(seconds)) {
    throw new SignetError(
      'ERR_TIME_INVALID',
      `The ${label} (${field}) ${text} is not a number of seconds. Use ${FORMS}.`,
      { field },
    );
  }
  // A calendar date written without dashes reads as a day in 1970: refuse it, as the AWS CLI warns.
  if (/^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(text)) {
    throw new SignetError(
      'ERR_TIME_INVALID',
      `The ${label} (${field}) ${text} looks like a date written YYYYMMDD, but digits are read as epoch seconds (a day in 1970). Write it ${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}.`,
      { field },
    );
  }
  // 13 or more digits is a millisecond clock (Date.now()), a slip the AWS CLI lets through; read
  // as milliseconds it must then land in CloudFront's range, or it is simply too far ahead.
  if (seconds >= MILLISECONDS_FROM && seconds / 1000 <= MAX_EPOCH_SECONDS) {
    throw new SignetError(
      'ERR_TIME_MILLISECONDS',
      `The ${label} (${field}) ${text} looks like milliseconds since the epoch; CloudFront counts ` +
        `seconds. Divide by 1000: ${Math.floor(seconds / 1000)}.`,
      { field },
    );
  }
  return inRange(Math.floor(seconds), text, field, label);
}

function inRange(seconds: number, input: unknown, field: string, label: string): number {
  if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
    // Epoch seconds are shown with their date too, when a Date can hold it.
    const date =
      typeof input !== 'object' && /^-?\d+$/.test(String(input)) && Math.abs(seconds) < 8.64e12
        ? ` (${isoTime(seconds)})`
        : '';
    throw new SignetError(
      'ERR_TIME_RANGE',
      `The ${label} (${field}) ${showTime(input)}${date} is ${seconds < 0 ? 'before 1970' : 'after 2038-01-19T03:14:07Z'}: ` +
        `CloudFront reads AWS:EpochTime as seconds from 0 to ${MAX_EPOCH_SECONDS}. Pick a time in that range.`,
      { field },
    );
  }
  return seconds;
}

function showTime(value: unknown): string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  // Epoch seconds read as the number they are, whether they came as a number or as digits.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && /^\d{1,40}$/.test(value)) return value;
  return showValue(value, TIME_SHAPE);
}

/**
 * The injectable clock (`now`) in milliseconds: a Date or epoch milliseconds, else the current
 * time. An invalid clock is refused: every comparison with NaN is false, so it would pass
 * expired links.
 */
export function readClock(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new SignetError(
      'ERR_TIME_INVALID',
      `The clock (now) ${showTime(now)} is not a valid time. Give a Date or epoch milliseconds, or leave it out for the current time.`,
      { field: 'now' },
    );
  }
  return ms;
}

/** Epoch seconds as ISO 8601 without milliseconds: `2026-01-01T18:00:00Z`. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
