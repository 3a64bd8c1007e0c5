import { SignetError } from '../../core/index.ts';

/** An error as a form shows it: the message, and the option it is about (to place it by its field). */
export interface Problem {
  readonly field?: string;
  readonly code?: string;
  readonly message: string;
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
      message: error.message,
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
