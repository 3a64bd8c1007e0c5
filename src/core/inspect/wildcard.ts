/**
 * Does a policy Resource cover a request URL? CloudFront's documented rules (SPEC.md section 6):
 * the URL has four sections (protocol, domain, path, query) and a wildcard matches only inside its
 * own section, except that a trailing `*` in the path also matches any query, a trailing `*` in
 * the domain matches any path and query, a resource may start with `*` in the domain and no
 * protocol, and `*` alone matches everything.
 */

/**
 * The two documented readings of `?`: newer pages and the AWS CLI treat every `?` as a
 * one-character wildcard; older pages write a literal `?` that starts the query as `\?`.
 */
export type WildcardReading = 'question-mark-wildcard' | 'escaped-question-mark';

export interface ResourceMatch {
  readonly matches: boolean;
  readonly reading: WildcardReading;
  /** When it does not match: which section failed, in words a person can act on. */
  readonly explanation?: string;
}

type Token =
  | { kind: 'literal'; char: string }
  | { kind: 'any' }
  | { kind: 'one' }
  | { kind: 'query-start' };

/** Where a character of the request URL sits. */
const Section = { Protocol: 0, Separator: 1, Domain: 2, Path: 3, QueryStart: 4, Query: 5 } as const;
type Section = (typeof Section)[keyof typeof Section];

/** Reads `\?` as a literal query start when the resource has one, else every `?` as a wildcard. */
export function readingFor(resource: string): WildcardReading {
  return resource.includes('\\?') ? 'escaped-question-mark' : 'question-mark-wildcard';
}

export function matchResource(
  resource: string,
  url: string,
  reading = readingFor(resource),
): ResourceMatch {
  if (resource === '*') return { matches: true, reading };
  // No protocol: the resource starts in the domain with *, so any protocol will do.
  const pattern = /^[^:/]*:\/\//.test(resource) ? resource : `*://${resource}`;
  const tokens = tokenize(pattern, reading);
  const request = sectionsOf(url);
  const matcher = new Matcher(tokens, url, request, reading);
  if (matcher.match()) return { matches: true, reading };
  return { matches: false, reading, explanation: explain(pattern, url, request, matcher.furthest) };
}

function tokenize(pattern: string, reading: WildcardReading): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (reading === 'escaped-question-mark' && char === '\\' && pattern.charAt(i + 1) === '?') {
      tokens.push({ kind: 'query-start' });
      i++;
    } else if (char === '*') {
      // Consecutive stars mean the same as one and would only slow the search.
      if (tokens.at(-1)?.kind !== 'any') tokens.push({ kind: 'any' });
    } else if (char === '?') {
      tokens.push({ kind: 'one' });
    } else {
      tokens.push({ kind: 'literal', char });
    }
  }
  return tokens;
}

interface Sections {
  protocolEnd: number;
  domainStart: number;
  pathStart: number;
  queryStart: number;
  length: number;
}

function sectionsOf(url: string): Sections {
  const separator = url.indexOf('://');
  const protocolEnd = Math.max(separator, 0);
  const domainStart = separator < 0 ? 0 : separator + 3;
  const slash = url.indexOf('/', domainStart);
  const question = url.indexOf('?', domainStart);
  const pathStart =
    slash < 0 || (question >= 0 && question < slash)
      ? question < 0
        ? url.length
        : question
      : slash;
  const queryMark = url.indexOf('?', pathStart);
  return {
    protocolEnd,
    domainStart,
    pathStart,
    queryStart: queryMark < 0 ? url.length : queryMark,
    length: url.length,
  };
}

function sectionAt(s: Sections, index: number): Section {
  if (index < s.protocolEnd) return Section.Protocol;
  if (index < s.domainStart) return Section.Separator;
  if (index < s.pathStart) return Section.Domain;
  if (index < s.queryStart) return Section.Path;
  if (index === s.queryStart) return Section.QueryStart;
  return Section.Query;
}

function sectionEnd(s: Sections, section: Section, index: number): number {
  switch (section) {
    case Section.Protocol:
      return s.protocolEnd;
    case Section.Domain:
      return s.pathStart;
    case Section.Path:
      return s.queryStart;
    case Section.Query:
      return s.length;
    default:
      return index; // a separator is never part of a wildcard's match
  }
}

/**
 * Matches token by token over the set of request positions reachable so far, so the cost is
 * tokens × URL length whatever the pattern (no backtracking blow-up on `*a*a*a…`).
 */
class Matcher {
  /** The furthest request position any prefix of the pattern reached, to say where it broke down. */
  furthest = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly url: string,
    private readonly sections: Sections,
    private readonly reading: WildcardReading,
  ) {}

  match(): boolean {
    const { tokens, url, sections } = this;
    const length = url.length;
    let reachable = new Uint8Array(length + 1);
    reachable[0] = 1;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t] as Token;
      const next = new Uint8Array(length + 1);
      let any = false;
      if (token.kind === 'any') {
        const last = t === tokens.length - 1;
        let reach = -1;
        for (let u = 0; u <= length; u++) {
          if (reachable[u]) reach = Math.max(reach, this.starEnd(u, last));
          if (u <= reach) next[u] = 1;
        }
        any = reach >= 0;
      } else {
        for (let u = 0; u < length; u++) {
          if (!reachable[u]) continue;
          const section = sectionAt(sections, u);
          const char = url.charAt(u);
          let ok: boolean;
          if (token.kind === 'literal') ok = token.char === char;
          else if (token.kind === 'query-start') ok = section === Section.QueryStart;
          else {
            // A ? wildcard is one character inside a section; read as "every ? is a wildcard", it must
            // also be able to stand for the ? that starts the query, or no such resource could match.
            ok =
              section === Section.Protocol ||
              section === Section.Domain ||
              section === Section.Path ||
              section === Section.Query ||
              (section === Section.QueryStart && this.reading === 'question-mark-wildcard');
          }
          if (ok) {
            next[u + 1] = 1;
            any = true;
          }
        }
      }
      if (!any) return false;
      for (let u = length; u >= 0; u--) {
        if (next[u]) {
          this.furthest = Math.max(this.furthest, u);
          break;
        }
      }
      reachable = next;
    }
    return reachable[length] === 1;
  }

  /** How far a * starting at u may run: to its section's end, or for a trailing * to the end. */
  private starEnd(u: number, last: boolean): number {
    const { sections } = this;
    const length = this.url.length;
    if (u === length) return length;
    const section = sectionAt(sections, u);
    // The documented exceptions: a trailing * in the domain or the path also takes what follows.
    if (last && section !== Section.Protocol && section !== Section.Separator) return length;
    return sectionEnd(sections, section, u);
  }
}

function explain(pattern: string, url: string, s: Sections, furthest: number): string {
  const resource = sectionsOf(pattern);
  const part = (text: string, from: number, to: number) => text.slice(from, to);
  const requestProtocol = part(url, 0, s.protocolEnd);
  const resourceProtocol = part(pattern, 0, resource.protocolEnd);
  const resourcePath = part(pattern, resource.pathStart, pattern.length);
  const section = furthest >= url.length ? Section.Query : sectionAt(s, furthest);
  if (section === Section.Protocol || section === Section.Separator) {
    return `the protocol differs (the resource allows ${resourceProtocol}://, the request uses ${requestProtocol}://)`;
  }
  if (section === Section.Domain) {
    const domain = part(pattern, resource.domainStart, resource.pathStart);
    return domain.includes('*')
      ? `the domain ${part(url, s.domainStart, s.pathStart)} does not match ${domain}; a wildcard in the domain matches only within the domain`
      : `the domain differs (${domain} in the resource, ${part(url, s.domainStart, s.pathStart)} in the request)`;
  }
  if (section === Section.Path || (furthest < s.queryStart && s.queryStart < url.length)) {
    return resourcePath.includes('*')
      ? "a wildcard in the path cannot reach another folder's name"
      : `the path differs (${part(pattern, resource.pathStart, resource.queryStart) || '/'} in the resource, ${part(url, s.pathStart, s.queryStart)} in the request)`;
  }
  if (
    s.queryStart < url.length &&
    resource.queryStart >= pattern.length &&
    !pattern.endsWith('*')
  ) {
    return `the request has a query string (${part(url, s.queryStart, url.length)}) that the resource does not cover; end the resource with * to allow any query`;
  }
  if (s.queryStart >= url.length && resource.queryStart < pattern.length) {
    return 'the resource expects a query string that the request does not have';
  }
  return 'the query string differs; a wildcard in the query matches only within the query';
}
