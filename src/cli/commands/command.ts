import type { ExitCode } from '../exit-codes.ts';
import type { Output } from '../output.ts';

/** What a command may touch: its output, the environment, and standard input. */
export interface CommandContext {
  readonly output: Output;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
}

export interface Command {
  readonly name: string;
  /** One line for `signet --help`. */
  readonly summary: string;
  /** The whole `signet <name> --help` text, with examples. */
  readonly help: string;
  run(argv: readonly string[], context: CommandContext): Promise<ExitCode>;
}
