import { type FlagSpecs, parseFlags } from '../args.ts';
import { usageError } from '../cli-error.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import { json } from '../output.ts';
import type { Command } from './command.ts';
import {
  inspectRequest,
  judgeRequest,
  REQUEST_FLAGS,
  REQUEST_HELP,
  readRequest,
  verdictLine,
} from './request.ts';

const FLAGS = { ...REQUEST_FLAGS } as const satisfies FlagSpecs;

const HELP = `Usage: signet verify URL --public-key KEY [--at TIME] [--viewer-ip IP] [options]
       signet verify --url URL --cookies TEXT --public-key KEY [options]

Answers what CloudFront would do with the request, offline: checks the signature with the
public key, then the expiry and start against --at, the viewer's IP against the policy's
range, and the requested URL against the policy's resource (with its wildcards).
Prints one line, "allowed: ..." or "denied: 403 <code>: <reason>", with CloudFront's error
code (MissingKey, InvalidKey, MalformedPolicy, MalformedSignature, AccessDenied).
Exit status 0 when CloudFront would allow the request, 1 when it would refuse it.

${REQUEST_HELP}

Examples:
  signet verify "$SIGNED_URL" --public-key public_key.pem
  signet verify "$SIGNED_URL" --public-key public_key.pem --key-pair-id K2JCJMDEHXQW5F \\
    --at +6h --viewer-ip 192.0.2.7
  signet verify --url https://d111111abcdef8.cloudfront.net/videos/intro.mp4 \\
    --cookies-file cookies.json --public-key public_key.pem --json

${EXIT_CODES_HELP}
`;

export const verify: Command = {
  name: 'verify',
  summary: "CloudFront's verdict on a signed URL or cookies: exit 0 allowed, 1 denied",
  help: HELP,
  async run(argv, { output }) {
    const { values, positionals, help } = parseFlags('verify', argv, FLAGS, 1);
    if (help) {
      await output.result(HELP);
      return EXIT.OK;
    }
    if (values['public-key'] === undefined) {
      throw usageError(
        'verify: --public-key is required: the signature can only be checked with the public key CloudFront trusts (signet inspect decodes without one)',
      );
    }
    const request = await readRequest('verify', values, positionals);
    const inspection = inspectRequest(request);
    const { verdict } = await judgeRequest(
      'verify',
      request,
      values['public-key'],
      values['key-pair-id'],
      inspection,
    );
    await output.result(values.json ? json(verdict) : `${verdictLine(verdict)}\n`);
    return verdict.allowed ? EXIT.OK : EXIT.DENIED;
  },
};
