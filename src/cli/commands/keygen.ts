import { lstat, open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { generateKeyPair, type KeyType } from '../../core/index.ts';
import { keyMaterialKind, showValue } from '../../core/lib/show-value.ts';
import { type FlagSpecs, parseFlags } from '../args.ts';
import { asCliError, CliError, usageError } from '../cli-error.ts';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.ts';
import { json } from '../output.ts';
import { fileProblem, PATH_SHAPE, pathOf, showPath } from '../read-input.ts';
import type { Command } from './command.ts';

const FLAGS = {
  type: { type: 'string' },
  out: { type: 'string' },
  'public-out': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies FlagSpecs;

const HELP = `Usage: signet keygen [--type rsa|ecdsa] [--out FILE] [--public-out FILE] [--json]

Creates a key pair of a type CloudFront accepts and writes two PEM files:
the private key (PKCS#8, file mode 0600: keep it secret) and the public key (SPKI) to upload
in CloudFront > Key management > Public keys. It never overwrites a file: if either exists,
nothing is written and the exit status is 5.

Options:
  --type rsa|ecdsa          RSA 2048-bit (the default; every signer supports it) or ECDSA
                            P-256 (smaller signatures, SHA-256)
  --out FILE                the private key file (default: private_key.pem)
  --public-out FILE         the public key file (default: the --out name with "private"
                            replaced by "public", or with .pub added: public_key.pem)
  --json                    print the paths, key type and fingerprint as JSON

Examples:
  signet keygen
  signet keygen --type ecdsa --out keys/cloudfront.pem --public-out keys/cloudfront.pub.pem
  aws cloudfront create-public-key --public-key-config \\
    "CallerReference=$(date +%s),Name=signet,EncodedKey=$(cat public_key.pem)"

${EXIT_CODES_HELP}
`;

const TYPES: Readonly<Record<string, KeyType>> = { rsa: 'RSA', ecdsa: 'ECDSA', ec: 'ECDSA' };

export const keygen: Command = {
  name: 'keygen',
  summary: 'create an RSA 2048 or ECDSA P-256 key pair for CloudFront',
  help: HELP,
  async run(argv, { output }) {
    const { values, help } = parseFlags('keygen', argv, FLAGS);
    if (help) {
      await output.result(HELP);
      return EXIT.OK;
    }
    const type = TYPES[(values.type ?? 'rsa').toLowerCase()];
    if (!type) {
      throw usageError(
        `keygen: --type is rsa or ecdsa (CloudFront accepts RSA 2048 and ECDSA P-256), not ${showValue(values.type, /^[A-Za-z0-9-]{1,12}$/)}`,
      );
    }
    const privatePath = outputPath(values.out ?? 'private_key.pem', '--out');
    const publicPath = outputPath(
      values['public-out'] ?? publicPathFor(privatePath),
      '--public-out',
    );
    if (publicPath === privatePath) {
      throw usageError('keygen: --out and --public-out name the same file');
    }
    // Both are checked before anything is written, so a refusal leaves no half-made pair.
    await refuseExisting(privatePath, '--out');
    await refuseExisting(publicPath, '--public-out');

    let pair: Awaited<ReturnType<typeof generateKeyPair>>;
    try {
      pair = await generateKeyPair(type);
    } catch (error) {
      throw asCliError(error);
    }
    await writeNewFile(privatePath, pair.privateKeyPem, 0o600, '--out');
    try {
      await writeNewFile(publicPath, pair.publicKeyPem, 0o644, '--public-out');
    } catch (error) {
      await unlink(privatePath).catch(() => {});
      throw error;
    }
    const { publicKey } = pair.signingKey;
    if (values.json) {
      await output.result(
        json({
          type: publicKey.type,
          description: publicKey.description,
          privateKeyFile: privatePath,
          publicKeyFile: publicPath,
          fingerprint: publicKey.fingerprint,
          publicKeyPem: publicKey.pem,
        }),
      );
    } else {
      await output.result(
        `Wrote ${privatePath}: the ${publicKey.description} private key (mode 0600). Keep it secret.\n` +
          `Wrote ${publicPath}: the public key (${publicKey.fingerprint}). Upload it in CloudFront > Key management > Public keys.\n`,
      );
    }
    return EXIT.OK;
  },
};

/**
 * A key file's path: it must look like one (a folder in it, or an extension), since a value of
 * another shape, such as a passphrase given to the wrong flag, is never written out or shown.
 */
function outputPath(argument: string, flag: string): string {
  const path = pathOf(argument);
  if (PATH_SHAPE.test(path) && !keyMaterialKind(path)) return path;
  throw usageError(
    `keygen: ${flag} takes a file name with an extension, such as private_key.pem, or a path with a folder; the value given ${showPath(path)} is neither`,
  );
}

const PUBLIC_WORD: Readonly<Record<string, string>> = {
  private: 'public',
  Private: 'Public',
  PRIVATE: 'PUBLIC',
};

/** private_key.pem → public_key.pem; cf.pem → cf.pub.pem. */
export function publicPathFor(privatePath: string): string {
  const name = basename(privatePath);
  const swapped = name.replace(/private|Private|PRIVATE/, (word) => PUBLIC_WORD[word] as string);
  if (swapped !== name) return join(dirname(privatePath), swapped);
  const dot = name.lastIndexOf('.');
  const publicName = dot > 0 ? `${name.slice(0, dot)}.pub${name.slice(dot)}` : `${name}.pub.pem`;
  return join(dirname(privatePath), publicName);
}

async function refuseExisting(path: string, flag: string): Promise<void> {
  try {
    await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CliError(EXIT.FILE, `keygen: ${flag} ${showPath(path)}: ${fileProblem(error)}`, {
      cause: error,
    });
  }
  throw new CliError(
    EXIT.FILE,
    `keygen: ${flag} ${showPath(path)} already exists; signet never overwrites a key. Choose another name or move the file away`,
  );
}

/** Creates the file (failing if it appeared meanwhile) with the mode set explicitly, whatever the umask. */
async function writeNewFile(path: string, text: string, mode: number, flag: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    throw new CliError(
      EXIT.FILE,
      `keygen: ${flag} ${showPath(path)}: cannot create it: ${fileProblem(error)}`,
      { cause: error },
    );
  }
  try {
    await handle.chmod(mode);
    await handle.writeFile(text);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw new CliError(
      EXIT.FILE,
      `keygen: ${flag} ${showPath(path)}: cannot write it: ${fileProblem(error)}`,
      { cause: error },
    );
  }
  await handle.close();
}
