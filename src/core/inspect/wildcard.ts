import { SignetError } from '../errors.ts';
import { showValue, visible } from '../lib/show-value.ts';
import { MAX_URL_BYTES, RESOURCE_SHAPE, URL_SHAPE } from '../policy/resource.ts';
import * as Section from './url-section.ts';

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
type UrlSection = (typeof Section)[keyof typeof Section];

/** Reads `\?` as a literal query start when the resource has one, else every `?` as a wildcard. */
export function readingFor(resource: string): WildcardReading {
  return resource.includes('\\?') ? 'escaped-question-mark' : 'question-mark-wildcard';
}

export function matchResource(
  resource: string,
  url: string,
  reading?: WildcardReading,
): ResourceMatch {
  if (
    typeof resource !== 'string' ||
    typeof url !== 'string' ||
    (reading !== undefined &&
      reading !== 'question-mark-wildcard' &&
      reading !== 'escaped-question-mark')
  ) {
    throw new SignetError(
      'ERR_OPTIONS_INVALID',
      'Give a resource, a URL and optionally a reading of ?, as text.',
    );
  }
  reading ??= readingFor(resource);
  if (resource === '*') return { matches: true, reading };
  // CloudFront refuses longer URLs before any policy check; it also bounds the work here.
  if (url.length > MAX_URL_BYTES || resource.length > MAX_URL_BYTES) {
    return {
      matches: false,
      reading,
      explanation: `it is longer than the ${MAX_URL_BYTES} bytes CloudFront accepts in a URL`,
    };
  }
  // No protocol: the resource starts in the domain with *, so any protocol will do.
  const pattern = /^[^:/]*:\/\//.test(resource) ? resource : `*://${resource}`;
  const tokens = tokenize(pattern, reading);
  const request = sectionsOf(url);
  const matcher = new Matcher(tokens, url, request, reading);
  if (matcher.match()) return { matches: true, reading };
  return { matches: false, reading, explanation: explainShown(resource, pattern, url, reading) };
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

function sectionAt(s: Sections, index: number): UrlSection {
  if (index < s.protocolEnd) return Section.Protocol;
  if (index < s.domainStart) return Section.Separator;
  if (index < s.pathStart) return Section.Domain;
  if (index < s.queryStart) return Section.Path;
  if (index === s.queryStart) return Section.QueryStart;
  return Section.Query;
}

/** Where `section` ends (listed in url-section.ts order); a separator is never part of a wildcard's match. */
function sectionEnd(s: Sections, section: UrlSection, index: number): number {
  return [s.protocolEnd, index, s.pathStart, s.queryStart, index, s.length][section] as number;
}

/**
 * Matches token by token over the set of request positions reachable so far, so the cost is
 * tokens × URL length whatever the pattern (no backtracking blow-up on `*a*a*a…`).
 */
class Matcher {
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
              section !== Section.Separator &&
              (section !== Section.QueryStart || this.reading === 'question-mark-wildcard');
          }
          if (ok) {
            next[u + 1] = 1;
            any = true;
          }
        }
      }
      if (!any) return false;
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

/**
 * The explanation, which quotes parts of both sides: only when they look like a resource and a
 * URL (by the shared rule), else they are described, since either may be any text at all.
 */
function explainShown(
  resource: string,
  pattern: string,
  url: string,
  reading: WildcardReading,
): string {
  const shown = [showValue(resource, RESOURCE_SHAPE), showValue(url, URL_SHAPE)];
  return shown.every((text) => text.startsWith('"'))
    ? visible(explain(pattern, url, reading))
    : `the resource ${shown[0]} or the URL ${shown[1]} is not one`;
}

/**
 * Says which section keeps the resource from covering the URL. Each part of the resource is
 * matched against its own part of the URL, in order, so the first part that fails is named.
 */
function explain(pattern: string, url: string, reading: WildcardReading): string {
  const request = splitUrl(url);
  const protocolEnd = pattern.indexOf('://');
  const protocol = pattern.slice(0, protocolEnd);
  const rest = pattern.slice(protocolEnd + 3);
  const slash = rest.indexOf('/');
  const domain = slash < 0 ? rest : rest.slice(0, slash);
  const pathAndQuery = slash < 0 ? '' : rest.slice(slash);
  if (!globMatches(protocol, request.protocol)) {
    return `the protocol differs (the resource allows ${protocol}://, the request uses ${request.protocol}://)`;
  }
  if (!globMatches(domain, request.domain)) {
    if (domain.includes('*')) {
      return `the domain ${request.domain} does not match ${domain}; a wildcard in the domain matches only within the domain`;
    }
    const port =
      /:\d+$/.test(domain) !== /:\d+$/.test(request.domain)
        ? ' (a port written on one side only is a different domain)'
        : '';
    return `the domain differs (${domain} in the resource, ${request.domain} in the request)${port}`;
  }
  // Where the resource's query starts: its \? in the escaped reading; in the other reading, the
  // first ? whose path before it matches the request's path.
  const splits: number[] = [];
  for (let i = 0; i < pathAndQuery.length; i++) {
    if (
      reading === 'escaped-question-mark'
        ? pathAndQuery.startsWith('\\?', i)
        : pathAndQuery[i] === '?'
    )
      splits.push(i);
  }
  const split = splits.find((at) => globMatches(pathAndQuery.slice(0, at), request.path));
  if (split === undefined) {
    if (request.query !== undefined && globMatches(pathAndQuery, request.path)) {
      return `the request has a query string (?${request.query}) that the resource does not cover; end the resource with * to allow any query`;
    }
    const resourcePath = pathAndQuery.slice(0, splits[0] ?? pathAndQuery.length) || '/';
    const star = resourcePath.indexOf('*');
    const folder = star < 0 ? '' : resourcePath.slice(0, resourcePath.lastIndexOf('/', star) + 1);
    return star >= 0 && !request.path.startsWith(folder)
      ? "a wildcard in the path cannot reach another folder's name"
      : `the path ${request.path} does not match ${resourcePath}`;
  }
  if (request.query === undefined)
    return 'the resource expects a query string that the request does not have';
  return 'the query string differs; a wildcard in the query matches only within the query';
}

function splitUrl(url: string): { protocol: string; domain: string; path: string; query?: string } {
  const s = sectionsOf(url);
  const query = s.queryStart < url.length ? url.slice(s.queryStart + 1) : undefined;
  return {
    protocol: url.slice(0, s.protocolEnd),
    domain: url.slice(s.domainStart, s.pathStart),
    path: url.slice(s.pathStart, s.queryStart),
    ...(query === undefined ? {} : { query }),
  };
}

/** Plain glob matching inside one section: * any run, ? one character. */
function globMatches(pattern: string, text: string): boolean {
  let reachable = new Uint8Array(text.length + 1);
  reachable[0] = 1;
  for (const char of pattern) {
    const next = new Uint8Array(text.length + 1);
    let seen = false;
    for (let u = 0; u <= text.length; u++) {
      if (char === '*') seen ||= reachable[u] === 1;
      if (
        char === '*' ? seen : reachable[u] && u < text.length && (char === '?' || char === text[u])
      ) {
        next[char === '*' ? u : u + 1] = 1;
      }
    }
    reachable = next;
  }
  return reachable[text.length] === 1;
}
