import { SignetError } from '../../core/index.ts';

/** An error as a form shows it: the message, and the option it is about (to place it by its field). */
export interface Problem {
  readonly field?: string;
  readonly code?: string;
  readonly message: string;
}

/**
 * Library advice rewritten as what to do on this page: no call names, option names or
 * JavaScript types, as cli-error.ts rewrites it for the command line.
 */
const PAGE_ADVICE: readonly [RegExp, string][] = [
  [
    /Run it through encodeUrlForSigning\(\) first and sign the string it returns\./,
    'Percent-encode it as a browser would (a space becomes %20) and sign that.',
  ],
  [
    /Pass it to importPrivateKey\(\) and use its publicKey, or pass that signing key here;/,
    'Paste its public key (BEGIN PUBLIC KEY) here instead, or load it in the key bar and verify against the loaded key;',
  ],
  [/(?:Use|Give) a Date[^.]*\./, 'Pick a date and time.'],
  // Option names in brackets after the words for them: "The expiry (dateLessThan)".
  [/ \([a-z]+[A-Z]\w*\)/g, ''],
];

/** A message from the core in the page's words. */
export function pageWords(message: string): string {
  let text = message;
  for (const [pattern, replacement] of PAGE_ADVICE) text = text.replace(pattern, replacement);
  return text;
}

export function toProblem(error: unknown): Problem {
  // Already a Problem (a view re-labelled an error with its own field): keep it.
  if (
    typeof error === 'object' &&
    error !== null &&
    !(error instanceof Error) &&
    'message' in error
  ) {
    return error as Problem;
  }
  if (error instanceof SignetError) {
    return {
      code: error.code,
      message: pageWords(error.message),
      ...(error.field ? { field: error.field } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The message when the problem belongs to one of `fields`, for aria-describedby next to it. */
export function messageFor(problem: Problem | undefined, ...fields: string[]): string | undefined {
  return problem?.field !== undefined && fields.includes(problem.field)
    ? problem.message
    : undefined;
}
