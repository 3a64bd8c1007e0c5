import { SignetError } from '../errors.ts';

/** CloudFront's limit on a cache behavior's path pattern (Developer Guide, "Quotas"). */
const MAX_PATTERN_LENGTH = 255;

/**
 * A cache behavior's path pattern, as CloudFront reads it (Developer Guide, "Path pattern"): it
 * matches the request's path (not its query), case-sensitively; `*` stands for zero or more
 * characters, `?` for exactly one; the leading slash is optional (`images/*.jpg` is
 * `/images/*.jpg`); `*` alone matches every path.
 */
export function readPathPattern(pattern: unknown, field = 'pathPatterns'): string {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new SignetError(
      'ERR_PATH_PATTERN',
      'A path pattern must be text such as /videos/* or *.m3u8 (as in a CloudFront cache behavior).',
      { field },
    );
  }
  if (pattern.length > MAX_PATTERN_LENGTH || /[^\x21-\x7e]/.test(pattern)) {
    throw new SignetError(
      'ERR_PATH_PATTERN',
      `A path pattern must be at most ${MAX_PATTERN_LENGTH} characters, printable ASCII without spaces, as CloudFront requires; write it like /videos/*.`,
      { field },
    );
  }
  return pattern === '*' || pattern.startsWith('/') ? pattern : `/${pattern}`;
}

/**
 * Does a path pattern (from readPathPattern) cover a request path? Greedy matching that returns
 * to the last `*` on a mismatch: at most pattern × path steps, whatever the input.
 */
export function matchPathPattern(pattern: string, path: string): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < path.length) {
    const char = pattern.charAt(p);
    if (char === '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.length && (char === '?' || char === path.charAt(s))) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (pattern.charAt(p) === '*') p++;
  return p === pattern.length;
}
