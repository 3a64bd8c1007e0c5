#!/usr/bin/env node
/**
 * signet: sign, inspect and verify CloudFront signed URLs and cookies from the command line.
 * A thin shell over src/core; each command lives in commands/ and this file only dispatches.
 */
import { readFileSync } from 'node:fs';
import { showValue } from '../core/lib/show-value.ts';
import { closest } from './args.ts';
import { describeError, usageError } from './cli-error.ts';
import type { Command } from './commands/command.ts';
import { inspect } from './commands/inspect.ts';
import { keygen } from './commands/keygen.ts';
import { sign } from './commands/sign.ts';
import { signCookies } from './commands/sign-cookies.ts';
import { verify } from './commands/verify.ts';
import { EXIT, EXIT_CODES_HELP, type ExitCode } from './exit-codes.ts';
import { Output } from './output.ts';

const COMMANDS: readonly Command[] = [sign, signCookies, inspect, verify, keygen];

const HELP = `Usage: signet <command> [options]

Signs Amazon CloudFront URLs and cookies offline, with the flags of \`aws cloudfront sign\`,
and inspects and verifies signed ones the way CloudFront would.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(14)}${command.summary}`).join('\n')}

Run \`signet <command> --help\` (or \`signet help <command>\`) for its options and examples.
  --version       print the version

Examples:
  signet keygen --type ecdsa --out private_key.pem
  signet sign --url https://d111111abcdef8.cloudfront.net/image.jpg --key-pair-id K2JCJMDEHXQW5F \\
    --private-key file://private_key.pem --expires-in 1h
  signet verify "$SIGNED_URL" --public-key public_key.pem --viewer-ip 192.0.2.7

${EXIT_CODES_HELP}
`;

async function main(argv: readonly string[], output: Output): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw usageError(
      `give a command: ${COMMANDS.map((command) => command.name).join(', ')} (see signet --help)`,
    );
  }
  if (first === '--help' || first === '-h') {
    await output.result(HELP);
    return EXIT.OK;
  }
  if (first === '--version' || first === '-v') {
    await output.result(`${version()}\n`);
    return EXIT.OK;
  }
  if (first === 'help') {
    const topic = rest[0] === undefined ? undefined : find(rest[0]);
    await output.result(topic ? topic.help : HELP);
    return EXIT.OK;
  }
  const command = find(first);
  return command.run(rest, { output, env: process.env, stdin: process.stdin });
}

function find(name: string): Command {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command) return command;
  const names = COMMANDS.map((candidate) => candidate.name);
  const suggestion = closest(name, names);
  const hint = name.startsWith('-')
    ? 'options come after the command'
    : `${suggestion ? `did you mean ${suggestion}? ` : ''}the commands are ${names.join(', ')}`;
  throw usageError(
    `unknown command ${showValue(name, /^[A-Za-z][A-Za-z0-9-]{0,30}$/)}: ${hint} (see signet --help)`,
  );
}

function version(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
  );
  return `signet ${manifest.version} (${manifest.name}), Node ${process.versions.node}`;
}

const output = new Output(process.stdout, process.stderr);

// A reader that stops early (`signet sign --urls-file big | head`) is not an error worth a trace.
// 141 is what a shell reports for a command ended by SIGPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
  output.error(`cannot write to standard output: ${error.message}`);
  process.exit(EXIT.FILE);
});

try {
  process.exitCode = await main(process.argv.slice(2), output);
} catch (error) {
  const { message, exitCode } = describeError(error);
  output.error(message);
  if (process.env.SIGNET_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = exitCode;
}
// For the memory test of large batches: the peak resident set size of this process.
if (process.env.SIGNET_DEBUG_MAX_RSS) {
  process.stderr.write(`signet: debug: maxRSS ${process.resourceUsage().maxRSS} kB\n`);
}
