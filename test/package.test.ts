import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('package.json', () => {
  it('is an ES module package for Node 20 and later', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.engines.node).toBe('>=20');
  });

  it('gives the page lit as its only runtime dependency', () => {
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['lit']);
  });
});
