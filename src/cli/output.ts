import { once } from 'node:events';
import { visible } from '../core/lib/show-value.ts';

/** Where a command's results go: stdout for results only, stderr for everything a person reads. */
export class Output {
  readonly stdoutIsTerminal: boolean;
  readonly stderrIsTerminal: boolean;
  private progressShown = false;

  constructor(
    private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly stderr: NodeJS.WritableStream & { isTTY?: boolean },
  ) {
    this.stdoutIsTerminal = stdout.isTTY === true;
    this.stderrIsTerminal = stderr.isTTY === true;
  }

  /** Writes to stdout, waiting when the reader is slower than we are, so memory stays bounded. */
  async result(text: string | Uint8Array): Promise<void> {
    if (!this.stdout.write(text)) await once(this.stdout, 'drain');
  }

  /** A warning about a result: one line on stderr, never on stdout (scripts pipe stdout). */
  warning(message: string, code?: string): void {
    this.line(`signet: warning: ${code ? `[${code}] ` : ''}${oneLine(message)}`);
  }

  /** A failure: one line on stderr. */
  error(message: string): void {
    this.line(`signet: ${oneLine(message)}`);
  }

  /** A note for the person at the terminal (what was signed, what was written). */
  note(message: string): void {
    this.line(`signet: ${oneLine(message)}`);
  }

  /** A status line that overwrites itself; only when stderr is a terminal. */
  progress(message: string): void {
    if (!this.stderrIsTerminal) return;
    this.stderr.write(`\r${message}\x1b[K`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.stderr.write('\r\x1b[K');
    this.progressShown = false;
  }

  /** Every line on stderr has its control characters made visible: it may quote a link or file. */
  private line(text: string): void {
    this.clearProgress();
    this.stderr.write(`${visible(text)}\n`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Quotes a word for a POSIX shell, so a printed command can be pasted as is. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\-.,:/=@%+]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Stable JSON for --json output: two-space indent and a final newline. */
export function json(value: unknown, indent = 2): string {
  return `${safeJson(value, indent)}\n`;
}

/**
 * JSON.stringify, with the characters it leaves raw that a terminal acts on or that reorder text
 * (DEL, C1 controls such as CSI, bidi and zero-width characters) written as \\u escapes too.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
