import type { SigningKey, SigningOptions } from '../../core/index.ts';
import type { FlagSpecs, FlagValues } from '../args.ts';
import { usageError } from '../cli-error.ts';
import type { Output } from '../output.ts';
import { readPrivateKey } from '../read-key.ts';
import { expiryAfter } from '../time.ts';

/** The flags that sign and sign-cookies share: the AWS CLI's, plus passphrase and --expires-in. */
export const SIGNING_FLAGS = {
  'key-pair-id': { type: 'string' },
  'private-key': { type: 'string' },
  'passphrase-env': { type: 'string' },
  'passphrase-file': { type: 'string' },
  'date-less-than': { type: 'string' },
  'expires-in': { type: 'string' },
  'date-greater-than': { type: 'string' },
  'ip-address': { type: 'string' },
  'hash-algorithm': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies FlagSpecs;

export const SIGNING_HELP = `Signing options (as in aws cloudfront sign):
  --key-pair-id ID          the CloudFront public key ID (K...), required
  --private-key KEY         the private key: a path, file://path, - for standard input,
                            or the PEM text itself (its BEGIN and END lines may be left
                            out); RSA 2048 or ECDSA P-256, PKCS#8,
                            PKCS#1 or SEC1, optionally encrypted PKCS#8; required
  --passphrase-env NAME     read the key's passphrase from environment variable NAME
  --passphrase-file PATH    read the key's passphrase from the first line of PATH
  --date-less-than TIME     the expiry; YYYY-MM-DD (midnight UTC), YYYY-MM-DDThh:mm:ss
                            (UTC unless an offset such as +02:00 is given) or epoch seconds
  --expires-in DURATION     the expiry relative to now instead: 90s, 15m, 1h, 7d, 1h30m
  --date-greater-than TIME  an optional start; makes the policy custom
  --ip-address CIDR         an optional viewer IPv4 address or range; makes the policy custom
  --hash-algorithm NAME     SHA1 (the default for RSA) or SHA256 (the default for ECDSA)
  --json                    print the whole result as JSON (policy, signature, warnings)`;

export type SigningFlagValues = FlagValues<typeof SIGNING_FLAGS>;

/** The core's options from the flags, with the key imported once. */
export interface ReadSigningFlags {
  readonly options: SigningOptions & { privateKey: SigningKey };
  /** Which flag set each core field, for error messages (dateLessThan may come from --expires-in). */
  readonly flagNames: Readonly<Record<string, string>>;
}

/** Checks that the required flags are there (usage errors, exit 2) before reading the key (exit 3). */
export function checkSigningFlags(
  command: string,
  values: SigningFlagValues,
  required: readonly string[] = [],
): void {
  const missing = [...required];
  if (values['key-pair-id'] === undefined) missing.push('--key-pair-id');
  if (values['private-key'] === undefined) missing.push('--private-key');
  if (values['date-less-than'] === undefined && values['expires-in'] === undefined) {
    missing.push('--date-less-than (or --expires-in)');
  }
  if (missing.length) {
    throw usageError(
      `${command}: the following ${missing.length === 1 ? 'option is' : 'options are'} required: ${missing.join(', ')} (see signet ${command} --help)`,
    );
  }
  if (values['date-less-than'] !== undefined && values['expires-in'] !== undefined) {
    throw usageError(`${command}: give the expiry with --date-less-than or --expires-in, not both`);
  }
}

export async function readSigningFlags(
  values: SigningFlagValues,
  output: Output,
  env: NodeJS.ProcessEnv,
): Promise<ReadSigningFlags> {
  const now = Date.now();
  // --expires-in is read first: a typo in it should not wait for a passphrase-protected key.
  const dateLessThan =
    values['expires-in'] !== undefined
      ? expiryAfter(values['expires-in'], now)
      : (values['date-less-than'] as string);
  const { key, warnings } = await readPrivateKey(
    {
      key: values['private-key'] as string,
      passphraseEnv: values['passphrase-env'],
      passphraseFile: values['passphrase-file'],
    },
    env,
  );
  for (const warning of warnings) output.warning(warning);
  const options: SigningOptions & { privateKey: SigningKey } = {
    keyPairId: values['key-pair-id'] as string,
    privateKey: key,
    dateLessThan,
    now,
  };
  if (values['date-greater-than'] !== undefined)
    options.dateGreaterThan = values['date-greater-than'];
  if (values['ip-address'] !== undefined) options.ipAddress = values['ip-address'];
  if (values['hash-algorithm'] !== undefined) options.hashAlgorithm = values['hash-algorithm'];
  return {
    options,
    flagNames: values['expires-in'] !== undefined ? { dateLessThan: '--expires-in' } : {},
  };
}
