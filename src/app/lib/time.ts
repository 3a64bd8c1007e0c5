/** Times as the page shows and reads them: a local datetime-local value, and UTC beside it. */

/** Epoch seconds from a datetime-local value (which has no zone and means local time). */
export function localInputToEpoch(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** The datetime-local value (minutes precision) for epoch seconds, in the browser's zone. */
export function epochToLocalInput(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `2026-12-01T09:00:00Z`: the form the AWS CLI takes and CloudFront's docs print. */
export function utcText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** `Tue, 1 Dec 2026, 10:00:00 CET` in the reader's own locale and zone. */
export function localText(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
}

/** "in 1 hour", "3 days ago": rounded down to the largest whole unit. */
export function relativeText(seconds: number, nowSeconds: number): string {
  const delta = seconds - nowSeconds;
  if (delta === 0) return 'now';
  const units: [string, number][] = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const size = Math.abs(delta);
  const [unit, length] = units.find(([, unitLength]) => size >= unitLength) ?? ['second', 1];
  const count = Math.floor(size / length);
  const amount = `${count} ${unit}${count === 1 ? '' : 's'}`;
  return delta > 0 ? `in ${amount}` : `${amount} ago`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
