import type { Inspection, TimeView, Verdict } from '../../core/index.ts';
import { visible } from '../../core/lib/show-value.ts';
import { type FlagSpecs, parseFlags } from '../args.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import { json } from '../output.ts';
import type { Command } from './command.ts';
import {
  inspectRequest,
  judgeRequest,
  REQUEST_FLAGS,
  REQUEST_HELP,
  readRequest,
} from './request.ts';

const FLAGS = { ...REQUEST_FLAGS } as const satisfies FlagSpecs;

const HELP = `Usage: signet inspect [URL] [--cookies TEXT] [--public-key KEY] [options]

Takes a signed URL or signed cookies apart and shows every piece: policy type, resource,
expiry and start (with how long from now), IP range, hash, key pair ID and the policy JSON.
It never re-signs anything. Findings such as "expired" go to stderr as warnings.
With --public-key it also checks the signature and prints CloudFront's verdict for the
request (at --at, from --viewer-ip), and the exit status says allowed (0) or denied (1);
without one, the exit status is 0 whenever the input could be decoded.

${REQUEST_HELP}

Examples:
  signet inspect 'https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1767290400&Signature=...&Key-Pair-Id=K2JCJMDEHXQW5F'
  signet inspect --cookies "$(cat cookies.json)" --json
  signet inspect "$SIGNED_URL" --public-key public_key.pem --at 2026-01-01T12:00:00 --viewer-ip 192.0.2.7

${EXIT_CODES_HELP}
`;

export const inspect: Command = {
  name: 'inspect',
  summary: 'decode a signed URL or cookies; with --public-key, also the verdict',
  help: HELP,
  async run(argv, { output }) {
    const { values, positionals, help } = parseFlags('inspect', argv, FLAGS, 1);
    if (help) {
      await output.result(HELP);
      return EXIT.OK;
    }
    const request = await readRequest('inspect', values, positionals);
    const publicKey = values['public-key'];
    if (publicKey === undefined && values['key-pair-id'] !== undefined) {
      // Without a key there is nothing to trust the ID for.
      output.warning('--key-pair-id is only used with --public-key; ignored');
    }
    const inspection = inspectRequest(request);
    const judged =
      publicKey === undefined
        ? undefined
        : await judgeRequest('inspect', request, publicKey, values['key-pair-id'], inspection);
    for (const warning of inspection.warnings) output.warning(warning.message, warning.code);
    if (values.json) {
      await output.result(
        json(judged ? { inspection, verdict: withoutInspection(judged.verdict) } : { inspection }),
      );
    } else {
      await output.result(describeInspection(inspection, judged?.verdict, request.nowMs));
    }
    if (!judged) return EXIT.OK;
    return judged.verdict.allowed ? EXIT.OK : EXIT.DENIED;
  },
};

function withoutInspection(verdict: Verdict): Omit<Verdict, 'inspection'> {
  const { inspection: _inspection, ...rest } = verdict;
  return rest;
}

/** The inspection as aligned "Label: value" lines, then the verdict when there is one. */
function describeInspection(
  inspection: Inspection,
  verdict: Verdict | undefined,
  nowMs: number,
): string {
  const rows: [string, string | undefined][] = [
    ['Source', inspection.source === 'url' ? 'signed URL' : 'signed cookies'],
    ['URL', inspection.unsignedUrl],
    ['Policy', inspection.policyType],
    ['Resource', inspection.resource],
    ['Expires', time(inspection.dateLessThan)],
    ['Starts after', time(inspection.dateGreaterThan)],
    ['IP address', inspection.ipAddress],
    ['Hash', inspection.hashAlgorithm],
    ['Key-Pair-Id', inspection.keyPairId],
    [
      'Signature',
      inspection.signature && `${inspection.signature} (${inspection.signature.length} characters)`,
    ],
    ['Policy JSON', inspection.policy],
  ];
  const lines = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    // Every value came from the link or cookies: control characters are made visible.
    .map(([label, value]) => `${`${label}:`.padEnd(14)}${visible(value)}`);
  if (verdict) {
    const at = new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    lines.push(
      `${'Verdict:'.padEnd(14)}${visible(verdict.allowed ? `allowed (200) at ${at}: ${verdict.reason}` : `denied (${verdict.status} ${verdict.code}) at ${at}: ${verdict.reason}`)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function time(view: TimeView | undefined): string | undefined {
  return view && `${view.iso} (${view.epochSeconds}, ${view.relative})`;
}
