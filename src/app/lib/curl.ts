import { shellQuote } from './shell.ts';

/** A curl command that requests `url` with the signed cookies, to test them from a terminal. */
export function curlWithCookies(url: string, cookies: Readonly<Record<string, string>>): string {
  const header = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return `curl -sS -o /dev/null -w '%{http_code}\\n' \\\n  --cookie ${shellQuote(header)} \\\n  ${shellQuote(url)}`;
}
