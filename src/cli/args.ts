import { parseArgs } from 'node:util';
import { showValue } from '../core/lib/show-value.ts';
import { URL_SHAPE } from '../core/policy/resource.ts';
import { usageError } from './cli-error.ts';

/** A stray argument is quoted only when it is a URL or a plain word (a mistyped flag value). */
const ARGUMENT_SHAPE = new RegExp(`${URL_SHAPE.source}|^[A-Za-z0-9._/:=-]{1,60}$`);

/** One flag of a command; every command also gets --help and -h. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export type FlagValues<T extends FlagSpecs> = {
  -readonly [K in keyof T]?: T[K]['type'] extends 'string' ? string : boolean;
};

export interface ParsedArgs<T extends FlagSpecs> {
  readonly values: FlagValues<T>;
  readonly positionals: readonly string[];
  readonly help: boolean;
}

/** AWS CLI global options that a pasted `aws cloudfront sign` line may carry; signing is offline. */
const AWS_GLOBALS = new Set([
  'profile',
  'region',
  'output',
  'endpoint-url',
  'no-verify-ssl',
  'no-paginate',
  'query',
  'debug',
  'no-sign-request',
  'ca-bundle',
  'cli-read-timeout',
  'cli-connect-timeout',
  'cli-binary-format',
  'no-cli-pager',
  'color',
]);

/**
 * Parses a command's arguments strictly (node:util parseArgs): unknown flags, missing values and
 * stray arguments become one usage error naming the flag, with a suggestion when one is close.
 */
export function parseFlags<T extends FlagSpecs>(
  command: string,
  argv: readonly string[],
  flags: T,
  maxPositionals = 0,
): ParsedArgs<T> {
  const options = { ...flags, help: { type: 'boolean', short: 'h' } } as Record<
    string,
    { type: 'string' | 'boolean'; short?: string }
  >;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinPemValues(argv, options),
      options,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageError(`${command}: ${parseProblem(error, Object.keys(options))}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  if (!help && parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals] as string;
    // A long run of base64 is likely a line of a key split by the shell ($KEY without quotes).
    const shown = /^[A-Za-z0-9+/=]{40,}$/.test(extra)
      ? `(${extra.length} characters of base64, not shown: if it is part of a key, quote the key: --private-key "$KEY")`
      : showValue(extra, ARGUMENT_SHAPE);
    throw usageError(
      maxPositionals === 0
        ? `${command}: unexpected argument ${shown}; every input is given with a flag (see signet ${command} --help)`
        : `${command}: unexpected extra argument ${shown} (see signet ${command} --help)`,
    );
  }
  delete values.help;
  return { values: values as FlagValues<T>, positionals: parsed.positionals, help };
}

/**
 * `--private-key "$(cat key.pem)"`: a value that starts with "-----BEGIN" is PEM text, not a flag
 * (the AWS CLI takes it so), but parseArgs would call it ambiguous; pass it as --flag=VALUE.
 */
function joinPemValues(
  argv: readonly string[],
  options: Readonly<Record<string, { type: 'string' | 'boolean' }>>,
): string[] {
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      args.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next?.startsWith('-----')) {
      args.push(`${arg}=${next}`);
      index++;
    } else args.push(arg);
  }
  return args;
}

function parseProblem(error: unknown, known: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  const name = quoted.replace(/^-+/, '').replace(/=.*$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      if (AWS_GLOBALS.has(name)) {
        return `--${name} is an AWS CLI global option; signet signs offline, without AWS credentials, region or output formats, so leave it out`;
      }
      const suggestion = closest(name, known);
      return `unknown option ${quoted}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(message)) return `${quoted} needs a value`;
      if (/does not take an argument/.test(message))
        return `${quoted} is a switch and takes no value`;
      if (/ambiguous/.test(message)) {
        return `${quoted} needs a value, but the next argument starts with "-"; write ${quoted}=VALUE if the value really starts with "-"`;
      }
      return message;
    default:
      return message;
  }
}

/** The known flag nearest to a mistyped one: a prefix of it, or at most two edits away. */
export function closest(name: string, known: readonly string[]): string | undefined {
  if (name === '') return undefined;
  const prefixed = known.filter((flag) => flag.startsWith(name) || name.startsWith(flag));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = 3;
  for (const flag of known) {
    const distance = editDistance(name, flag);
    if (distance < bestDistance) {
      best = flag;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        substitution,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
