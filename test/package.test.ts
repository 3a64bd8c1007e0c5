import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('package.json', () => {
  it('is an ES module package for Node 20 and later', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.engines.node).toBe('>=20');
  });

  it('has no runtime dependency: the page bundles lit, a development dependency', () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.devDependencies.lit).toBeDefined();
  });
});
