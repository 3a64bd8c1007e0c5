import { describe, expect, it } from 'vitest';
import type { SignetError } from '../../src/core/errors.ts';
import { relativeTime } from '../../src/core/inspect/time-view.ts';
import { isoTime, MAX_EPOCH_SECONDS, toEpochSeconds } from '../../src/core/policy/time.ts';

const read = (value: Date | number | string) => toEpochSeconds(value, 'dateLessThan', 'expiry');
const codeOf = (value: Date | number | string) => {
  try {
    read(value);
  } catch (error) {
    return (error as SignetError).code;
  }
  return 'accepted';
};

describe('times', () => {
  it('read epoch seconds as numbers or digits, truncating fractions as the AWS CLI does', () => {
    expect(read(1767290400)).toBe(1767290400);
    expect(read('1767290400')).toBe(1767290400);
    expect(read(1767290400.9)).toBe(1767290400);
  });

  it('read a Date, dropping milliseconds', () => {
    expect(read(new Date('2026-01-01T18:00:00.999Z'))).toBe(1767290400);
  });

  it('read the AWS CLI date forms: a day is midnight UTC, a time is UTC unless it has an offset', () => {
    expect(read('2026-01-01')).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(read('2026-01-01T18:00:00')).toBe(1767290400);
    expect(read('2026-01-01T18:00:00Z')).toBe(1767290400);
    expect(read('2026-01-01 18:00:00')).toBe(1767290400);
    expect(read('2026-01-01T18:00')).toBe(1767290400);
    expect(read('2026-01-01T20:00:00+02:00')).toBe(1767290400);
    expect(read('2026-01-01T20:00:00+0200')).toBe(1767290400);
    expect(read('2026-01-01T13:00:00-05:00')).toBe(1767290400);
    expect(read('2026-01-01T18:00:00.250Z')).toBe(1767290400);
  });

  it('refuse dates that do not exist instead of rolling them over', () => {
    expect(codeOf('2026-02-30')).toBe('ERR_TIME_INVALID');
    expect(codeOf('2026-13-01')).toBe('ERR_TIME_INVALID');
    expect(codeOf('2026-01-01T24:00:00')).toBe('ERR_TIME_INVALID');
  });

  it('refuse an offset no place uses, and a YYYYMMDD date that would read as a day in 1970', () => {
    expect(codeOf('2030-01-01T00:00:00+99:99')).toBe('ERR_TIME_INVALID');
    expect(codeOf('2030-01-01T00:00:00+14:60')).toBe('ERR_TIME_INVALID');
    expect(read('2030-01-01T00:00:00+14:00')).toBe(Date.UTC(2029, 11, 31, 10) / 1000);
    expect(codeOf('20261231')).toBe('ERR_TIME_INVALID');
    expect(codeOf(20261231)).toBe('ERR_TIME_INVALID');
    expect(() => read('20261231')).toThrow(/Write it 2026-12-31/);
  });

  it('refuse text that is not a time, naming the accepted forms', () => {
    expect(codeOf('tomorrow')).toBe('ERR_TIME_INVALID');
    expect(codeOf('')).toBe('ERR_TIME_INVALID');
    expect(codeOf(new Date('nope'))).toBe('ERR_TIME_INVALID');
    expect(codeOf(Number.NaN)).toBe('ERR_TIME_INVALID');
    expect(() => read('tomorrow')).toThrow(/2026-12-31T23:59:59Z/);
  });

  it('refuse a millisecond epoch and say what the seconds would be', () => {
    expect(codeOf(1767290400000)).toBe('ERR_TIME_MILLISECONDS');
    expect(() => read(1767290400000)).toThrow(/Divide by 1000: 1767290400/);
    expect(codeOf('1767290400000')).toBe('ERR_TIME_MILLISECONDS');
  });

  it('refuse times past 2147483647 or before 1970, with the reason', () => {
    expect(read(MAX_EPOCH_SECONDS)).toBe(MAX_EPOCH_SECONDS);
    expect(codeOf(MAX_EPOCH_SECONDS + 1)).toBe('ERR_TIME_RANGE');
    expect(codeOf('2038-01-19T03:14:08Z')).toBe('ERR_TIME_RANGE');
    expect(codeOf(-1)).toBe('ERR_TIME_RANGE');
    expect(() => read(MAX_EPOCH_SECONDS + 1)).toThrow(/2038-01-19T03:14:07Z/);
  });

  it('name the field in the error so a form can show it there', () => {
    try {
      toEpochSeconds('x', 'dateGreaterThan', 'start time');
    } catch (error) {
      expect((error as SignetError).field).toBe('dateGreaterThan');
      expect((error as SignetError).message).toMatch(/start time \(dateGreaterThan\)/);
    }
  });

  it('print as ISO without milliseconds', () => {
    expect(isoTime(1767290400)).toBe('2026-01-01T18:00:00Z');
  });
});

describe('relative times', () => {
  it('name the largest whole unit, or with two units count down as the page does', () => {
    expect(relativeTime(3599)).toBe('in 59 minutes');
    expect(relativeTime(-180)).toBe('3 minutes ago');
    expect(relativeTime(400 * 86400)).toBe('in 1 year');
    expect(relativeTime(14 * 60 + 58, 2)).toBe('in 14 minutes 58 seconds');
    expect(relativeTime(3600, 2)).toBe('in 1 hour');
    expect(relativeTime(-(86400 + 3600), 2)).toBe('1 day 1 hour ago');
    expect(relativeTime(0)).toBe('now');
  });
});
