/**
 * Where a character of a request URL sits, for wildcard matching (SPEC.md section 6), read as
 * `Section.Path` through a namespace import. Plain constants, so a bundler writes each in place.
 */
export const Protocol = 0;
export const Separator = 1;
export const Domain = 2;
export const Path = 3;
export const QueryStart = 4;
export const Query = 5;
