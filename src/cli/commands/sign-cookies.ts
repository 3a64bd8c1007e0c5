import { type CookieAttributes, signCookies as signCookiesCore } from '../../core/index.ts';
import { checkUrlToSign } from '../../core/policy/resource.ts';
import { type FlagSpecs, parseFlags } from '../args.ts';
import { asCliError, CliError, usageError } from '../cli-error.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import { json, shellQuote } from '../output.ts';
import type { Command } from './command.ts';
import { notCoveredBy } from './policy-resource.ts';
import {
  checkSigningFlags,
  readSigningFlags,
  SIGNING_FLAGS,
  SIGNING_HELP,
} from './signing-flags.ts';

const FLAGS = {
  resource: { type: 'string' },
  'set-cookie': { type: 'boolean' },
  curl: { type: 'boolean' },
  url: { type: 'string' },
  'cookie-domain': { type: 'string' },
  'cookie-path': { type: 'string' },
  'same-site': { type: 'string' },
  ...SIGNING_FLAGS,
} as const satisfies FlagSpecs;

const HELP = `Usage: signet sign-cookies --resource R --key-pair-id ID --private-key KEY --date-less-than TIME [options]

Makes CloudFront signed cookies. By default prints the cookie map as JSON, as
\`aws cloudfront sign-cookies\` does. A canned policy (an exact URL and only an expiry) unlocks
that one URL; for a folder, a site or a stream give a wildcard resource, which makes it custom.

What to sign:
  --resource R              the URL, or a resource with * and ? wildcards, that the cookies
                            unlock (e.g. https://d111111abcdef8.cloudfront.net/videos/*)

${SIGNING_HELP}

Output (pick one; default: the JSON map of cookie name to value):
  --set-cookie              one "Set-Cookie: name=value; Secure; HttpOnly" header line per cookie
  --curl                    a curl command that requests --url (default: the resource) with them
  --json                    the whole result: cookies, Set-Cookie values, policy, warnings

Set-Cookie attributes (Secure and HttpOnly are always set; no Expires, so session cookies):
  --cookie-domain DOMAIN    the narrowest domain of your site, e.g. media.example.com
  --cookie-path PATH        e.g. /videos/
  --same-site VALUE         Strict, Lax or None
  --url URL                 for --curl: the URL to request (needed when the resource has a *)

Examples:
  signet sign-cookies --resource 'https://d111111abcdef8.cloudfront.net/videos/*' \\
    --key-pair-id K2JCJMDEHXQW5F --private-key file://private_key.pem --expires-in 12h
  signet sign-cookies --resource 'https://media.example.com/*' --key-pair-id K2JCJMDEHXQW5F \\
    --private-key private_key.pem --date-less-than 2026-01-01 --set-cookie \\
    --cookie-domain media.example.com --cookie-path /
  signet sign-cookies --resource 'https://d111111abcdef8.cloudfront.net/videos/*' \\
    --key-pair-id K2JCJMDEHXQW5F --private-key private_key.pem --expires-in 10m \\
    --curl --url https://d111111abcdef8.cloudfront.net/videos/intro.mp4 | sh

${EXIT_CODES_HELP}
`;

export const signCookies: Command = {
  name: 'sign-cookies',
  summary: 'make signed cookies: JSON map, Set-Cookie lines or a curl command',
  help: HELP,
  async run(argv, { output, env }) {
    const { values, help } = parseFlags('sign-cookies', argv, FLAGS);
    if (help) {
      await output.result(HELP);
      return EXIT.OK;
    }
    checkSigningFlags('sign-cookies', values, values.resource === undefined ? ['--resource'] : []);
    const formats = (['set-cookie', 'curl', 'json'] as const).filter((name) => values[name]);
    if (formats.length > 1) {
      throw usageError(
        `sign-cookies: pick one output: ${formats.map((name) => `--${name}`).join(' or ')}`,
      );
    }
    const resource = values.resource as string;
    const requestUrl = values.url ?? resource;
    // The core reads a resource with a * as a policy resource, where every ? is a wildcard too;
    // without a *, the resource is one exact URL and its ? starts the query, so curl can request
    // it as it is. The request URL is never checked for wildcards: its ? is its query.
    if (values.curl && values.url === undefined && resource.includes('*')) {
      throw usageError(
        'sign-cookies: --curl needs a URL to request, and the resource has wildcards; add --url with one URL that it covers',
      );
    }
    if (values.url !== undefined && !values.curl) {
      throw usageError(
        'sign-cookies: --url only says what --curl requests; the cookies cover --resource',
      );
    }
    // The URL curl requests is printed in the command: it must be a URL as a browser sends it.
    if (values.url !== undefined) {
      try {
        checkUrlToSign(values.url);
      } catch (error) {
        throw asCliError(error);
      }
    }
    const outside = values.curl ? notCoveredBy(resource, requestUrl, '--resource') : undefined;
    if (outside) throw new CliError(EXIT.INPUT, `Invalid value for --url: ${outside}`);
    const cookieAttributes: CookieAttributes = {};
    if (values['cookie-domain'] !== undefined) cookieAttributes.domain = values['cookie-domain'];
    if (values['cookie-path'] !== undefined) cookieAttributes.path = values['cookie-path'];
    if (values['same-site'] !== undefined) {
      cookieAttributes.sameSite = values['same-site'] as NonNullable<CookieAttributes['sameSite']>;
    }

    const { options, flagNames } = await readSigningFlags(values, output, env);
    try {
      const signed = await signCookiesCore({ ...options, resource, cookieAttributes });
      for (const warning of signed.warnings) output.warning(warning.message, warning.code);
      if (values.json) await output.result(json(signed));
      else if (values['set-cookie']) {
        await output.result(
          signed.setCookieHeaders.map((header) => `Set-Cookie: ${header}\n`).join(''),
        );
      } else if (values.curl) {
        const cookieHeader = Object.entries(signed.cookies)
          .map(([name, value]) => `${name}=${value}`)
          .join('; ');
        await output.result(
          `curl --cookie ${shellQuote(cookieHeader)} ${shellQuote(requestUrl)}\n`,
        );
      } else {
        // The AWS CLI's JSON output: four-space indent, then a newline.
        await output.result(`${JSON.stringify(signed.cookies, null, 4)}\n`);
      }
      return EXIT.OK;
    } catch (error) {
      throw asCliError(error, flagNames);
    }
  },
};
