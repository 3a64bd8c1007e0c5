import { SignetError } from '../errors.ts';
import { showValue } from './show-value.ts';

/**
 * The options object of a public call, refused with ERR_OPTIONS_INVALID when it is anything else
 * (a forgotten argument, a string, an array); `undefined` is an empty one when `optional`.
 */
export function readOptions<T extends object>(
  options: unknown,
  example: string,
  { optional = false, field = 'options' }: { optional?: boolean; field?: string } = {},
): Partial<T> {
  if (optional && options === undefined) return {};
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) {
    return options as Partial<T>;
  }
  throw new SignetError(
    'ERR_OPTIONS_INVALID',
    `The ${field} must be an object, such as ${example}; got ${showValue(options, /^$/)}.`,
    { field },
  );
}
