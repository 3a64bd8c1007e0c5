import { existsSync } from 'node:fs';
import {
  importPrivateKey,
  importPublicKey,
  type PublicKey,
  SignetError,
  type SigningKey,
} from '../core/index.ts';
import { CliError, describeError, usageError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';
import { shellQuote } from './output.ts';
import { isStdin, pathOf, readSmallFile, showPath } from './read-input.ts';

/** Key files are a few kilobytes; the core refuses more than 64 KiB with its own message. */
const KEY_FILE_LIMIT = 1024 * 1024;
const PASSPHRASE_FILE_LIMIT = 64 * 1024;

export interface KeyArguments {
  /** A path, `file://path`, `fileb://path`, `-` for standard input, or the PEM text itself. */
  readonly key: string;
  /** The name of an environment variable that holds the passphrase. */
  readonly passphraseEnv?: string | undefined;
  /** A file whose first line is the passphrase (as OpenSSL's `-passin file:`). */
  readonly passphraseFile?: string | undefined;
}

/** Reads and imports the private key; every failure ends in exit status 3 (or 2 for usage). */
export async function readPrivateKey(
  args: KeyArguments,
  env: NodeJS.ProcessEnv,
): Promise<{ key: SigningKey; warnings: string[] }> {
  const passphrase = await readPassphrase(args, env);
  const { bytes, shown } = await readKeyBytes(args.key, '--private-key');
  let key: SigningKey;
  try {
    key = await importPrivateKey(bytes, passphrase === undefined ? {} : { passphrase });
  } catch (error) {
    throw keyError(error, '--private-key', shown);
  } finally {
    if (typeof bytes !== 'string') bytes.fill(0);
  }
  const warnings: string[] = [];
  if (passphrase !== undefined && key.format !== 'encrypted PKCS#8') {
    warnings.push(
      `a passphrase was given, but ${shown} is not encrypted (${key.format}); it was not needed`,
    );
  }
  return { key, warnings };
}

/** Reads and imports a public key (or the public half of a private key file). */
export async function readPublicKey(argument: string): Promise<PublicKey> {
  const { bytes, shown, path } = await readKeyBytes(argument, '--public-key');
  try {
    return await importPublicKey(bytes);
  } catch (error) {
    // A private key file also holds its public key: accept it, as openssl does.
    if (error instanceof SignetError && error.code === 'ERR_KEY_IS_PRIVATE') {
      try {
        return (await importPrivateKey(bytes)).publicKey;
      } catch {
        // Fall through to the public key's own message.
      }
    }
    throw keyError(error, '--public-key', shown, path);
  }
}

async function readKeyBytes(
  argument: string,
  flag: '--private-key' | '--public-key',
): Promise<{ bytes: Uint8Array | string; shown: string; path?: string }> {
  // The AWS CLI also takes the PEM text itself (often "$KEY" from a CI secret).
  if (argument.includes('-----BEGIN')) return { bytes: argument, shown: 'the PEM text given' };
  // The core also reads the base64 body without its BEGIN and END lines.
  if (isKeyText(argument)) return { bytes: argument, shown: 'the key text given' };
  const path = isStdin(argument) ? undefined : pathOf(argument);
  const shown = path === undefined ? 'standard input' : showPath(path);
  // A private key value that names no file is never quoted: it may be the key itself, mangled.
  const notAFile =
    flag === '--private-key'
      ? 'the value given is not a file (no such file: check the path) nor the text of a key; it is not shown here, in case it is secret. Give the path of the private key file (or file://path), - for standard input, or the PEM text'
      : undefined;
  return {
    bytes: await readSmallFile(argument, flag, KEY_FILE_LIMIT, EXIT.KEY, { notAFile }),
    shown,
    ...(path === undefined ? {} : { path }),
  };
}

/**
 * Key text without its armour rather than a path: anything with a line break, or a long run of
 * base64 (a key is at least 90 characters of it) that is not the name of a file.
 */
function isKeyText(argument: string): boolean {
  if (/[\r\n]/.test(argument)) return true;
  if (/^fileb?:\/\//.test(argument) || argument.length < 64) return false;
  return /^[A-Za-z0-9+/=\s]+$/.test(argument) && !existsSync(pathOf(argument));
}

function keyError(error: unknown, flag: string, shown: string, path?: string): unknown {
  if (!(error instanceof SignetError)) return error;
  // describeError rewrites the library's advice ("Enter the passphrase") as flags to use.
  let message = describeError(error).message;
  // "openssl pkey -in private_key.pem": with the file given, the command can be pasted as it is.
  if (path !== undefined)
    message = message.replace('-in private_key.pem ', `-in ${shellQuote(path)} `);
  return new CliError(EXIT.KEY, `${flag} ${shown}: ${message}`, { cause: error });
}

/** The passphrase, from an environment variable or a file: never from a flag value. */
async function readPassphrase(
  args: KeyArguments,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (args.passphraseEnv !== undefined && args.passphraseFile !== undefined) {
    throw usageError('give the passphrase with --passphrase-env or --passphrase-file, not both');
  }
  if (args.passphraseEnv !== undefined) {
    // The value is quoted only when it is surely a name, never when it may be the passphrase.
    const name = args.passphraseEnv;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw usageError(
        '--passphrase-env takes the NAME of an environment variable (such as SIGNET_PASSPHRASE), and the value given is not one (it is not shown here, in case it is the passphrase); never put the passphrase itself on the command line',
      );
    }
    const value = env[name];
    if (value === undefined || value === '') {
      // Set but empty, or in upper case as environment variables are named: a name, safe to show.
      if (value !== undefined || /^[A-Z_][A-Z0-9_]*$/.test(name)) {
        throw usageError(
          `--passphrase-env ${name}: the environment variable ${name} is not set or is empty`,
        );
      }
      throw usageError(
        '--passphrase-env: no environment variable has the name given (it is not shown here, in case it is the passphrase); give the NAME of the variable that holds the passphrase, such as SIGNET_PASSPHRASE',
      );
    }
    return value;
  }
  if (args.passphraseFile !== undefined) {
    if (isStdin(args.passphraseFile) && isStdin(args.key)) {
      throw usageError('--private-key and --passphrase-file cannot both read standard input (-)');
    }
    const bytes = await readSmallFile(
      args.passphraseFile,
      '--passphrase-file',
      PASSPHRASE_FILE_LIMIT,
      EXIT.KEY,
      {
        notAFile:
          'the value given is not a file (no such file: check the path); it is not shown here, in case it is the passphrase. Give the path of a file whose first line is the passphrase',
      },
    );
    // The first line, as `openssl -passin file:` reads it; the newline is not part of it.
    const passphrase = new TextDecoder().decode(bytes).split(/\r?\n/, 1)[0] ?? '';
    bytes.fill(0);
    if (passphrase === '') {
      throw new CliError(
        EXIT.KEY,
        `--passphrase-file ${showPath(pathOf(args.passphraseFile))}: the first line is empty`,
      );
    }
    return passphrase;
  }
  return undefined;
}
