import { describe, expect, it } from 'vitest';
import type { SignetError } from '../../src/core/errors.ts';
import { encodeUrlForSigning } from '../../src/core/policy/encode-url.ts';
import { checkPolicyResource, checkUrlToSign } from '../../src/core/policy/resource.ts';

const codeOf = (check: () => unknown) => {
  try {
    check();
    return 'accepted';
  } catch (error) {
    return (error as SignetError).code;
  }
};

describe('a URL to sign', () => {
  it('is accepted as is when it is an absolute http(s) URL of plain characters', () => {
    for (const url of [
      'https://d111111abcdef8.cloudfront.net/image.jpg',
      'http://d111111abcdef8.cloudfront.net/a/b?x=1&y=%20z',
      "https://media.example.com:8443/a;b/c@d!$&'()*+,=~?q=a/b?c",
      'https://d111111abcdef8.cloudfront.net/',
    ]) {
      expect(checkUrlToSign(url)).toBe(url);
    }
  });

  it('is refused when it already carries a signing parameter', () => {
    for (const name of ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm']) {
      expect(codeOf(() => checkUrlToSign(`https://d1.example.net/a.jpg?x=1&${name}=2`))).toBe(
        'ERR_URL_SIGNED',
      );
    }
    expect(checkUrlToSign('https://d1.example.net/a.jpg?Expiresx=1')).toBeTruthy();
  });

  it('is refused when it has a fragment, saying browsers never send it', () => {
    expect(codeOf(() => checkUrlToSign('https://d1.example.net/a.jpg#top'))).toBe(
      'ERR_URL_FRAGMENT',
    );
    expect(() => checkUrlToSign('https://d1.example.net/a.jpg#top')).toThrow(/never send/);
  });

  it('is refused when it is not absolute http(s)', () => {
    for (const url of [
      'd1.example.net/a.jpg',
      '/a.jpg',
      'ftp://d1.example.net/a',
      'HTTPS://d1.example.net/a',
      '',
    ]) {
      expect(
        codeOf(() => checkUrlToSign(url)),
        url,
      ).toBe('ERR_URL_INVALID');
    }
    expect(codeOf(() => checkUrlToSign(42))).toBe('ERR_URL_INVALID');
  });

  it('is refused without a path, upper-case host or credentials, since the browser would send another URL', () => {
    expect(codeOf(() => checkUrlToSign('https://d1.example.net'))).toBe('ERR_URL_INVALID');
    expect(codeOf(() => checkUrlToSign('https://d1.example.net?x=1'))).toBe('ERR_URL_INVALID');
    expect(codeOf(() => checkUrlToSign('https://D1.Example.net/a'))).toBe('ERR_URL_INVALID');
    expect(codeOf(() => checkUrlToSign('https://user:pw@d1.example.net/a'))).toBe(
      'ERR_URL_INVALID',
    );
  });

  it('says what is wrong with the host: missing, in capitals, or not a host name', () => {
    expect(() => checkUrlToSign('https:///a')).toThrow(/has no host after the scheme/);
    expect(() => checkUrlToSign('https://D1.example.net/a')).toThrow(/in capitals/);
    expect(() => checkUrlToSign('https://d_x.net/a')).toThrow(/not a host name/);
  });

  it('is refused, not escaped, when it holds characters that cannot go in the policy', () => {
    for (const url of [
      'https://d1.example.net/a b.jpg',
      'https://d1.example.net/a"b',
      'https://d1.example.net/a\\b',
      'https://d1.example.net/caf\u00e9.jpg',
      'https://d1.example.net/a\tb',
      'https://d1.example.net/100%',
      'https://example.com/file","Resource":"*","x":"',
    ]) {
      expect(
        codeOf(() => checkUrlToSign(url)),
        url,
      ).toBe('ERR_URL_CHARACTERS');
    }
    expect(() => checkUrlToSign('https://d1.example.net/a b.jpg')).toThrow(
      /a space at position 25.*encodeUrlForSigning/,
    );
  });
});

describe('a policy resource', () => {
  it('takes wildcards, *:// and a bare *', () => {
    for (const resource of [
      'https://d1.example.net/images/*',
      'http*://d1.example.net/a?.jpg'.replace('http*', '*'),
      '*',
      '*.example.net/*',
      'https://*.example.net/a.jpg',
    ]) {
      expect(checkPolicyResource(resource)).toBe(resource);
    }
  });

  it('is refused with another scheme, no domain, a # or characters that break the JSON', () => {
    expect(codeOf(() => checkPolicyResource('ftp://d1.example.net/*'))).toBe(
      'ERR_RESOURCE_INVALID',
    );
    expect(codeOf(() => checkPolicyResource('d1.example.net/*'))).toBe('ERR_RESOURCE_INVALID');
    expect(codeOf(() => checkPolicyResource('https://'))).toBe('ERR_RESOURCE_INVALID');
    expect(codeOf(() => checkPolicyResource('https://d1.example.net/#x'))).toBe(
      'ERR_RESOURCE_INVALID',
    );
    expect(codeOf(() => checkPolicyResource(''))).toBe('ERR_RESOURCE_INVALID');
    expect(codeOf(() => checkPolicyResource('https://d1.example.net/"*'))).toBe(
      'ERR_URL_CHARACTERS',
    );
  });
});

describe('encodeUrlForSigning', () => {
  it('leaves a URL that is already fine unchanged', () => {
    const url = 'https://d1.example.net/a%20b.jpg?x=1';
    expect(encodeUrlForSigning(url)).toEqual({ url, changed: false, changes: [] });
  });

  it('percent-encodes spaces, quotes, non-ASCII and stray % as UTF-8, keeping existing escapes', () => {
    const { url, changed, changes } = encodeUrlForSigning(
      'https://d1.example.net/my file "1" caf\u00e9 100%.jpg?q=a b&r=%2F',
    );
    expect(url).toBe(
      'https://d1.example.net/my%20file%20%221%22%20caf%C3%A9%20100%25.jpg?q=a%20b&r=%2F',
    );
    expect(changed).toBe(true);
    expect(changes).toEqual([
      'percent-encoded characters in the path',
      'percent-encoded characters in the query',
    ]);
  });

  it('punycodes an international host and lower-cases it, keeping the port', () => {
    expect(encodeUrlForSigning('https://B\u00fccher.example:8443/x').url).toBe(
      'https://xn--bcher-kva.example:8443/x',
    );
  });

  it('drops the fragment, adds the path and the scheme, and says so', () => {
    const result = encodeUrlForSigning('  d1.example.net#frag ');
    expect(result.url).toBe('https://d1.example.net/');
    expect(result.changes).toEqual([
      'removed spaces around the URL',
      'added https:// in front',
      'dropped the fragment "#frag" (browsers never send it)',
      'added the "/" path that browsers request',
    ]);
  });

  it('encodes characters outside the basic plane as one UTF-8 sequence', () => {
    expect(encodeUrlForSigning('https://d1.example.net/\u{1F600}').url).toBe(
      'https://d1.example.net/%F0%9F%98%80',
    );
  });

  it('returns a string that signUrl accepts, and refuses what it cannot fix', () => {
    const { url } = encodeUrlForSigning('https://d1.example.net/\\"x"');
    expect(checkUrlToSign(url)).toBe(url);
    expect(codeOf(() => encodeUrlForSigning('ftp://d1.example.net/a'))).toBe('ERR_URL_INVALID');
    expect(codeOf(() => encodeUrlForSigning('mailto:someone@example.com'))).toBe('ERR_URL_INVALID');
    expect(codeOf(() => encodeUrlForSigning('https://d1.example.net/a?Signature=x'))).toBe(
      'ERR_URL_SIGNED',
    );
  });
});
