import {
  evaluateRequest,
  type Inspection,
  inspectSignedCookies,
  inspectSignedUrl,
  type PublicKey,
  type Verdict,
} from '../../core/index.ts';
import { showValue, visible } from '../../core/lib/show-value.ts';
import { IP_SHAPE } from '../../core/policy/ip.ts';
import type { FlagSpecs, FlagValues } from '../args.ts';
import { asCliError, CliError, usageError } from '../cli-error.ts';
import { EXIT } from '../exit-codes.ts';
import { readSmallFile } from '../read-input.ts';
import { readPublicKey } from '../read-key.ts';
import { parseAt } from '../time.ts';

/** The flags of inspect and verify: a request as CloudFront would receive it, and the key it trusts. */
export const REQUEST_FLAGS = {
  url: { type: 'string' },
  cookies: { type: 'string' },
  'cookies-file': { type: 'string' },
  'public-key': { type: 'string' },
  'key-pair-id': { type: 'string' },
  at: { type: 'string' },
  'viewer-ip': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies FlagSpecs;

export const REQUEST_HELP = `The request:
  URL, --url URL            the signed URL; with cookies, the URL that is requested
  --cookies TEXT            signed cookies: a Cookie header, Set-Cookie lines, or the JSON
                            map that sign-cookies and aws cloudfront sign-cookies print
  --cookies-file FILE       the same, read from FILE (- for standard input)
  --at TIME                 when the request arrives: a date as for --date-less-than,
                            now (the default), or +DURATION from now (+2h)
  --viewer-ip IP            the viewer's IPv4 address, checked against the policy's range

The key CloudFront trusts:
  --public-key KEY          the public key PEM uploaded to CloudFront (a path, file://path,
                            - or the PEM text; a private key file works too)
  --key-pair-id ID          the ID that key has in CloudFront; without it, the key is trusted
                            under whatever Key-Pair-Id the request names

  --json                    print the result as JSON`;

export type RequestFlagValues = FlagValues<typeof REQUEST_FLAGS>;

export interface ReadRequest {
  readonly url?: string;
  readonly cookies?: string;
  readonly nowMs: number;
  readonly viewerIp?: string;
}

const COOKIE_FILE_LIMIT = 1024 * 1024;

/** Reads the request flags; `command` names the command in usage errors. */
export async function readRequest(
  command: string,
  values: RequestFlagValues,
  positionals: readonly string[],
): Promise<ReadRequest> {
  if (positionals.length && values.url !== undefined) {
    throw usageError(`${command}: give the URL as the argument or with --url, not both`);
  }
  if (values.cookies !== undefined && values['cookies-file'] !== undefined) {
    throw usageError(`${command}: give the cookies with --cookies or --cookies-file, not both`);
  }
  const url = positionals[0] ?? values.url;
  let cookies = values.cookies;
  if (values['cookies-file'] !== undefined) {
    const bytes = await readSmallFile(
      values['cookies-file'],
      '--cookies-file',
      COOKIE_FILE_LIMIT,
      EXIT.FILE,
    );
    cookies = new TextDecoder().decode(bytes);
  }
  if (url === undefined && cookies === undefined) {
    throw usageError(`${command}: give a signed URL, or --cookies (see signet ${command} --help)`);
  }
  const viewerIp = values['viewer-ip']?.trim();
  if (
    viewerIp !== undefined &&
    !isIpv4(viewerIp) &&
    !/^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/.test(viewerIp)
  ) {
    throw new CliError(
      EXIT.INPUT,
      `Invalid value for --viewer-ip: ${showValue(viewerIp, IP_SHAPE)} is not an IP address; write it like 192.0.2.7`,
    );
  }
  let nowMs: number;
  try {
    nowMs = parseAt(values.at, Date.now());
  } catch (error) {
    throw asCliError(error);
  }
  return {
    ...(url === undefined ? {} : { url }),
    ...(cookies === undefined ? {} : { cookies }),
    nowMs,
    ...(viewerIp === undefined ? {} : { viewerIp }),
  };
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** Decodes the signing values: the URL's when it carries them (as CloudFront does), else the cookies'. */
export function inspectRequest(request: ReadRequest): Inspection {
  try {
    const now = request.nowMs;
    if (request.url !== undefined) {
      const fromUrl = inspectSignedUrl(request.url, { now });
      if (request.cookies === undefined || Object.keys(fromUrl.parameters).length) return fromUrl;
    }
    return inspectSignedCookies(request.cookies as string, { now });
  } catch (error) {
    throw asCliError(error);
  }
}

/** CloudFront's verdict on the request, trusting one public key. */
export async function judgeRequest(
  command: string,
  request: ReadRequest,
  publicKeyArgument: string,
  keyPairId: string | undefined,
  inspection: Inspection,
): Promise<{ verdict: Verdict; publicKey: PublicKey }> {
  if (request.url === undefined) {
    throw usageError(
      `${command}: with --cookies, give the URL that is requested (as the argument or with --url): CloudFront checks the cookies against it`,
    );
  }
  const publicKey = await readPublicKey(publicKeyArgument);
  const trustedId = keyPairId ?? inspection.keyPairId;
  try {
    const verdict = await evaluateRequest({
      url: request.url,
      ...(request.cookies === undefined ? {} : { cookies: request.cookies }),
      ...(request.viewerIp === undefined ? {} : { viewerIp: request.viewerIp }),
      now: request.nowMs,
      trustedKeys: trustedId === undefined ? {} : { [trustedId]: publicKey },
    });
    return { verdict, publicKey };
  } catch (error) {
    throw asCliError(error);
  }
}

/** "allowed: …" or "denied: 403 AccessDenied: …", the line verify prints, made visible. */
export function verdictLine(verdict: Verdict): string {
  return visible(
    verdict.allowed
      ? `allowed: ${verdict.reason}`
      : `denied: ${verdict.status} ${verdict.code}: ${verdict.reason}`,
  );
}
