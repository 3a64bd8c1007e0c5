import { encodeUrlForSigning, signUrl } from '../../core/index.ts';
import { type FlagSpecs, parseFlags } from '../args.ts';
import { asCliError, usageError } from '../cli-error.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import { json } from '../output.ts';
import { isStdin } from '../read-input.ts';
import type { Command } from './command.ts';
import {
  checkSigningFlags,
  readSigningFlags,
  SIGNING_FLAGS,
  SIGNING_HELP,
} from './signing-flags.ts';

const FLAGS = {
  url: { type: 'string' },
  'policy-resource': { type: 'string' },
  'urls-file': { type: 'string' },
  'encode-url': { type: 'boolean' },
  ...SIGNING_FLAGS,
} as const satisfies FlagSpecs;

const HELP = `Usage: signet sign --url URL --key-pair-id ID --private-key KEY --date-less-than TIME [options]
       signet sign --urls-file FILE|- --key-pair-id ID --private-key KEY --expires-in DURATION [options]

Signs a CloudFront URL. For the same inputs it prints exactly what \`aws cloudfront sign\`
prints: the signed URL, without a trailing newline (one is added when stdout is a terminal).
The policy is canned unless --date-greater-than, --ip-address, a * in the resource or a
--policy-resource other than the URL makes it custom.

What to sign:
  --url URL                 the exact URL that will be requested, with its own query string
  --policy-resource R       sign a custom policy for R, with * and ? wildcards, and apply it
                            to --url (e.g. https://d111111abcdef8.cloudfront.net/videos/*)
  --urls-file FILE          sign every line of FILE (- for standard input), one URL a line,
                            streaming the signed URLs to stdout in input order; a bad line is
                            reported on stderr with its line number and the rest are signed
  --encode-url              percent-encode the URL (and punycode its host) before signing,
                            so the string signed is the one a browser sends; says what changed

${SIGNING_HELP}

Warnings (such as an already expired date or a key that is not 2048 bits) go to stderr, one
line each; stdout holds only the result. With --urls-file and --json, stdout has one JSON
object per input line: {"line", "input", "ok", "url"} or {"line", "input", "ok", "code", "error"}.

Examples:
  signet sign --url https://d111111abcdef8.cloudfront.net/image.jpg \\
    --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem --date-less-than 2026-01-01
  signet sign --url https://d111111abcdef8.cloudfront.net/videos/intro.mp4 \\
    --policy-resource 'https://d111111abcdef8.cloudfront.net/videos/*' --ip-address 192.0.2.0/24 \\
    --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem --expires-in 1h --hash-algorithm SHA256
  SIGNET_PASSPHRASE=... signet sign --url https://d111111abcdef8.cloudfront.net/a.pdf \\
    --key-pair-id K2JCJMDEHXQW5F --private-key encrypted.pem --passphrase-env SIGNET_PASSPHRASE \\
    --date-less-than 2026-01-01T18:00:00 --json
  signet sign --urls-file urls.txt --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem \\
    --expires-in 7d > signed.txt

${EXIT_CODES_HELP}
`;

export const sign: Command = {
  name: 'sign',
  summary: 'sign a URL, or a file of URLs (as aws cloudfront sign)',
  help: HELP,
  async run(argv, { output, env, stdin }) {
    const { values, help } = parseFlags('sign', argv, FLAGS);
    if (help) {
      await output.result(HELP);
      return EXIT.OK;
    }
    const urlsFile = values['urls-file'];
    if (values.url !== undefined && urlsFile !== undefined) {
      throw usageError(
        'sign: give one URL with --url or a file of them with --urls-file, not both',
      );
    }
    checkSigningFlags(
      'sign',
      values,
      values.url === undefined && urlsFile === undefined ? ['--url (or --urls-file)'] : [],
    );
    if (
      isStdin(urlsFile) &&
      (isStdin(values['private-key']) || isStdin(values['passphrase-file']))
    ) {
      throw usageError(
        'sign: --urls-file - reads standard input, so the key and passphrase must come from files',
      );
    }

    const { options, flagNames } = await readSigningFlags(values, output, env);
    const policyResource = values['policy-resource'];
    if (urlsFile !== undefined) {
      // Loaded only for a batch: one URL needs none of its threads.
      const { signBatch } = await import('./sign-batch.ts');
      return signBatch({
        file: urlsFile,
        options: { ...options, ...(policyResource === undefined ? {} : { policyResource }) },
        flagNames,
        encode: values['encode-url'] === true,
        json: values.json === true,
        output,
        stdin,
      });
    }

    try {
      let url = values.url as string;
      let encoded: { from: string; changes: readonly string[] } | undefined;
      if (values['encode-url']) {
        const result = encodeUrlForSigning(url);
        if (result.changed) {
          encoded = { from: url, changes: result.changes };
          output.note(`--encode-url: signing ${result.url} (${result.changes.join('; ')})`);
        }
        url = result.url;
      }
      const signed = await signUrl({
        ...options,
        url,
        ...(policyResource === undefined ? {} : { policyResource }),
      });
      for (const warning of signed.warnings) output.warning(warning.message, warning.code);
      if (values.json) {
        await output.result(json(encoded ? { ...signed, encoded } : signed));
      } else {
        // `aws cloudfront sign` writes the URL without a newline; a terminal gets one for the prompt.
        await output.result(output.stdoutIsTerminal ? `${signed.url}\n` : signed.url);
      }
      return EXIT.OK;
    } catch (error) {
      throw asCliError(error, flagNames);
    }
  },
};
