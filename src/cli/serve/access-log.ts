import { visible } from '../../core/lib/show-value.ts';
import { safeJson } from '../output.ts';

/** One line per request: what a person scanning the terminal, or a script reading JSON, needs. */
export interface AccessLogEntry {
  readonly time: string;
  readonly viewerIp: string;
  readonly method: string;
  /** The path and query as the origin sees them: signing parameters taken out, never logged. */
  readonly path: string;
  readonly status: number;
  /** CloudFront's error code, for a refused signed request. */
  readonly code?: string;
  /** Signet's plain reason for a refusal or an error. */
  readonly reason?: string;
  /** Where the signature came from, for an allowed restricted request. */
  readonly signedBy?: 'url' | 'cookies';
  readonly ms: number;
}

/** `2026-11-29T10:00:00.000Z 127.0.0.1 GET /videos/a.ts 403 AccessDenied: expired …`. */
export function accessLogLine(entry: AccessLogEntry, json: boolean): string {
  // safeJson also escapes C1 and bidi characters, which JSON.stringify leaves raw.
  if (json) return `${safeJson(entry)}\n`;
  const detail = entry.code
    ? ` ${entry.code}: ${entry.reason ?? ''}`
    : entry.reason
      ? ` ${entry.reason}`
      : entry.signedBy
        ? ` (signed ${entry.signedBy === 'url' ? 'URL' : 'cookies'})`
        : '';
  return `${entry.time} ${visible(entry.viewerIp)} ${visible(entry.method)} ${visible(entry.path)} ${entry.status}${visible(detail)}\n`;
}
