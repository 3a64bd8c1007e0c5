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
  if (json) return `${JSON.stringify(entry)}\n`;
  const detail = entry.code
    ? ` ${entry.code}: ${entry.reason ?? ''}`
    : entry.reason
      ? ` ${entry.reason}`
      : entry.signedBy
        ? ` (signed ${entry.signedBy === 'url' ? 'URL' : 'cookies'})`
        : '';
  return `${entry.time} ${visible(entry.viewerIp)} ${visible(entry.method)} ${visible(entry.path)} ${entry.status}${visible(detail)}\n`;
}

/**
 * Text from a request, made safe for a terminal: control characters (C0, DEL, C1) and the
 * Unicode line and direction controls are shown as \xNN or \uNNNN, never interpreted.
 */
export function visible(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\u2027\u202f-\u2065\u206a-\uffff]/g, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
