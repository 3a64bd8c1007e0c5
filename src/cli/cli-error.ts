import { SignetError } from '../core/index.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';

/** A failure the CLI itself detects, with the exit status it ends in. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError(EXIT.USAGE, message);
}

/** The core's option names, as the flags that set them (an AWS CLI user knows the flags). */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  url: '--url',
  policyResource: '--policy-resource',
  resource: '--resource',
  keyPairId: '--key-pair-id',
  privateKey: '--private-key',
  dateLessThan: '--date-less-than',
  dateGreaterThan: '--date-greater-than',
  ipAddress: '--ip-address',
  hashAlgorithm: '--hash-algorithm',
  cookieAttributes: '--cookie-domain, --cookie-path or --same-site',
  cookies: '--cookies',
  viewerIp: '--viewer-ip',
  at: '--at',
  trustedKeys: '--public-key',
};

/**
 * Library advice rewritten as what to type on the command line: no function names or options
 * objects. `fields`, when given, limits a rewrite to errors about those fields.
 */
const CLI_ADVICE: readonly {
  readonly pattern: RegExp;
  readonly replacement: string;
  readonly fields?: readonly string[];
}[] = [
  {
    // signet sign has --encode-url (for --url and each line of --urls-file); sign-cookies has not.
    pattern: /Run it through encodeUrlForSigning\(\) first and sign the string it returns\./,
    replacement:
      'Percent-encode it, or add --encode-url, so that the resource signed is exactly the string sent.',
    fields: ['url'],
  },
  {
    pattern: /Run it through encodeUrlForSigning\(\) first and sign the string it returns\./,
    replacement:
      'Percent-encode it as a browser would (a space becomes %20), so that the resource signed is exactly the string sent.',
  },
  {
    pattern: /Enter the passphrase that protects it\./,
    replacement: 'Give its passphrase with --passphrase-env NAME or --passphrase-file PATH.',
  },
  {
    // verify and inspect read a private key file's public half, unless it is encrypted.
    pattern:
      /Pass it to importPrivateKey\(\) and use its publicKey, or pass that signing key here;/,
    replacement:
      'Give its public key instead: openssl pkey -in private_key.pem -pubout -out public_key.pem (signet keygen also writes one);',
  },
  {
    pattern:
      /privateKey must be a signing key from importPrivateKey\(\) \(or a PEM string\)\. Import the key file once with importPrivateKey\(\) and pass the result\./,
    replacement:
      'Give the private key file: its path, file://path, - for standard input, or its PEM text.',
  },
  { pattern: /Pass 'RSA' or 'ECDSA'\./, replacement: 'Give --type rsa or --type ecdsa.' },
  {
    pattern: /the URLs already yielded are signed, the rest are not\./,
    replacement: 'the URLs already printed are signed, the rest are not.',
  },
  { pattern: /\b(Use|Give) a Date, epoch seconds/g, replacement: '$1 epoch seconds' },
  {
    pattern: /to check an existing signed URL, inspect it\./,
    replacement: 'to check an existing signed URL, run signet inspect on it.',
  },
];

export interface Described {
  readonly message: string;
  readonly exitCode: ExitCode;
}

/**
 * One line for stderr and the exit status, for any error. SignetError messages get their option
 * names translated into flag names; `flags` overrides a field's flag (dateLessThan from --expires-in).
 */
export function describeError(
  error: unknown,
  flags: Readonly<Record<string, string>> = {},
  { namePrefix = true }: { namePrefix?: boolean } = {},
): Described {
  if (error instanceof CliError)
    return { message: oneLine(error.message), exitCode: error.exitCode };
  if (error instanceof SignetError) {
    const names = { ...FIELD_FLAGS, ...flags };
    let message = error.message;
    for (const { pattern, replacement, fields } of CLI_ADVICE) {
      if (fields && !fields.includes(error.field ?? '')) continue;
      message = message.replace(pattern, replacement);
    }
    // A time given as epoch seconds is a number, however the flag's text reached the core:
    // `The expiry 99999999999 is after 2038`, not `"99999999999"`.
    if (error.code.startsWith('ERR_TIME_')) message = message.replace(/"(-?\d+(?:\.\d+)?)"/g, '$1');
    const own = error.field ? names[error.field] : undefined;
    // The prefix names the flag, so the message need not repeat it in brackets.
    if (error.field) message = message.replaceAll(` (${error.field})`, '');
    // Only camelCase option names are translated: url or resource are also plain words.
    for (const [field, flag] of Object.entries(names)) {
      if (/[A-Z]/.test(field)) message = message.replace(new RegExp(`\\b${field}\\b`, 'g'), flag);
    }
    const prefix = own && namePrefix ? `Invalid value for ${own}: ` : '';
    return { message: oneLine(prefix + message), exitCode: exitCodeOf(error) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    message: oneLine(`internal error: ${text} (set SIGNET_DEBUG=1 for the stack trace)`),
    exitCode: EXIT.INTERNAL,
  };
}

/**
 * Key problems (except a bad key pair ID, which is an input) end in 3; a cancelled batch (Ctrl-C)
 * in 130; all other refusals in 4.
 */
export function exitCodeOf(error: SignetError): ExitCode {
  if (error.code.startsWith('ERR_KEY_') && error.code !== 'ERR_KEY_PAIR_ID') return EXIT.KEY;
  if (error.code === 'ERR_ABORTED') return EXIT.INTERRUPTED;
  return EXIT.INPUT;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Turns a SignetError into a CliError now, while the command still knows which flags set what. */
export function asCliError(error: unknown, flags: Readonly<Record<string, string>> = {}): unknown {
  if (!(error instanceof SignetError)) return error;
  const { message, exitCode } = describeError(error, flags);
  return new CliError(exitCode, message, { cause: error });
}
