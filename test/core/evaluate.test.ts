import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateRequest,
  importPrivateKey,
  type SigningKey,
  signCookies,
  signUrl,
} from '../../src/core/index.ts';
import { vectorFile } from '../support/vectors.ts';

const URL_ = 'https://d111111abcdef8.cloudfront.net/videos/intro.mp4?quality=hd';
const NOW = Date.UTC(2026, 10, 29, 10, 0, 0);
const SECOND = 1000;
const EXPIRES = NOW / SECOND + 3600;
const KID = 'K2JCJMDEHXQW5F';

const keys: Record<string, SigningKey> = {};
let other: SigningKey;

beforeAll(async () => {
  const pem = (type: 'rsa' | 'ec') =>
    (type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' })
    ).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  keys.RSA = await importPrivateKey(pem('rsa'));
  keys.ECDSA = await importPrivateKey(pem('ec'));
  other = await importPrivateKey(vectorFile('keys/sep-test-rsa-key.pem'));
});

type Variant = {
  keyType: 'RSA' | 'ECDSA';
  hash: 'SHA1' | 'SHA256';
  policy: 'canned' | 'custom';
  form: 'url' | 'cookies';
};
const variants: Variant[] = [];
for (const keyType of ['RSA', 'ECDSA'] as const)
  for (const hash of ['SHA1', 'SHA256'] as const)
    for (const policy of ['canned', 'custom'] as const)
      for (const form of ['url', 'cookies'] as const)
        variants.push({ keyType, hash, policy, form });

/** Signs per variant and returns a request builder for evaluateRequest. */
async function signed(variant: Variant) {
  const privateKey = keys[variant.keyType] as SigningKey;
  const custom = variant.policy === 'custom';
  const options = {
    keyPairId: KID,
    privateKey,
    dateLessThan: EXPIRES,
    hashAlgorithm: variant.hash,
    ...(custom ? { dateGreaterThan: NOW / SECOND - 60, ipAddress: '192.0.2.0/24' } : {}),
  };
  const resource = custom ? 'https://d111111abcdef8.cloudfront.net/videos/*' : URL_;
  if (variant.form === 'url') {
    const result = await signUrl({
      ...options,
      url: URL_,
      ...(custom ? { policyResource: resource } : {}),
    });
    return (overrides: { url?: string; viewerIp?: string; now?: number } = {}) =>
      evaluateRequest({
        url: overrides.url ?? result.url,
        viewerIp: overrides.viewerIp ?? '192.0.2.7',
        now: overrides.now ?? NOW,
        trustedKeys: { [KID]: privateKey.publicKey },
      });
  }
  const result = await signCookies({ ...options, resource });
  return (overrides: { url?: string; viewerIp?: string; now?: number } = {}) =>
    evaluateRequest({
      url: overrides.url ?? URL_,
      cookies: result.cookies,
      viewerIp: overrides.viewerIp ?? '192.0.2.7',
      now: overrides.now ?? NOW,
      trustedKeys: { [KID]: privateKey.publicKey },
    });
}

describe('round trip: what Signet signs, CloudFront (emulated) allows inside its window only', () => {
  for (const variant of variants) {
    const name = `${variant.keyType} ${variant.hash} ${variant.policy} ${variant.form}`;
    it(`${name}: allowed inside the window, from the right IP, for a covered URL`, async () => {
      const verdict = await (await signed(variant))();
      expect(verdict.reason).toMatch(/^signature valid/);
      expect(verdict).toMatchObject({ allowed: true, status: 200, source: variant.form });
    });

    it(`${name}: denied after the expiry${variant.policy === 'custom' ? ', before the start, from another IP' : ''} and for an uncovered URL`, async () => {
      const request = await signed(variant);
      const expired = await request({ now: (EXPIRES + 180) * SECOND });
      expect(expired).toMatchObject({
        allowed: false,
        status: 403,
        code: 'AccessDenied',
        message: 'Access denied',
      });
      expect(expired.reason).toBe('expired 3 minutes ago at 2026-11-29T11:00:00Z');
      if (variant.policy === 'custom') {
        const early = await request({ now: NOW - 120 * SECOND });
        expect(early.reason).toMatch(
          /^not valid yet: the policy starts after 2026-11-29T09:59:00Z \(in 1 minute\)/,
        );
        const elsewhere = await request({ viewerIp: '198.51.100.7' });
        expect(elsewhere.reason).toBe('viewer 198.51.100.7 is outside 192.0.2.0/24');
      }
      const uncovered =
        variant.form === 'url'
          ? URL_.replace('/videos/', '/images/')
          : 'https://d111111abcdef8.cloudfront.net/images/a.jpg';
      const verdict =
        variant.form === 'url'
          ? await request({ url: (await signUrlFor(variant)).replace('/videos/', '/images/') })
          : await request({ url: uncovered });
      expect(verdict).toMatchObject({ allowed: false, code: 'AccessDenied' });
      if (variant.policy === 'custom') {
        expect(verdict.reason).toContain(
          "a wildcard in the path cannot reach another folder's name",
        );
        expect(verdict.wildcardReading).toBe('question-mark-wildcard');
      } else {
        expect(verdict.reason).toMatch(
          /signature does not match the canned policy rebuilt from this URL/,
        );
      }
    });
  }
});

async function signUrlFor(variant: Variant): Promise<string> {
  const custom = variant.policy === 'custom';
  return (
    await signUrl({
      url: URL_,
      keyPairId: KID,
      privateKey: keys[variant.keyType] as SigningKey,
      dateLessThan: EXPIRES,
      hashAlgorithm: variant.hash,
      ...(custom
        ? {
            dateGreaterThan: NOW / SECOND - 60,
            ipAddress: '192.0.2.0/24',
            policyResource: 'https://d111111abcdef8.cloudfront.net/videos/*',
          }
        : {}),
    })
  ).url;
}

describe('tampering', () => {
  const evaluate = (url: string, key = keys.RSA as SigningKey) =>
    evaluateRequest({
      url,
      viewerIp: '192.0.2.7',
      now: NOW,
      trustedKeys: { [KID]: key.publicKey },
    });
  const flip = (text: string, at: number) =>
    text.slice(0, at) + (text.charAt(at) === 'A' ? 'B' : 'A') + text.slice(at + 1);
  const param = (url: string, name: string) =>
    new RegExp(`[?&]${name}=([^&]*)`).exec(url)?.[1] as string;

  it('with a byte of the Policy gives MalformedPolicy or AccessDenied, never allowed', async () => {
    const url = await signUrlFor({ keyType: 'RSA', hash: 'SHA1', policy: 'custom', form: 'url' });
    const policy = param(url, 'Policy');
    for (const at of [0, 10, 40, policy.length - 3]) {
      const verdict = await evaluate(url.replace(policy, flip(policy, at)));
      expect(verdict.allowed).toBe(false);
      expect(['MalformedPolicy', 'AccessDenied']).toContain(verdict.code);
    }
    const verdict = await evaluate(url.replace(policy, `${policy.slice(0, 20)}!!`));
    expect(verdict).toMatchObject({ code: 'MalformedPolicy', message: 'Malformed Policy' });
    expect(verdict.reason).toMatch(/outside CloudFront's base64 alphabet/);
  });

  it('with a byte of the Signature gives AccessDenied, and an undecodable one MalformedSignature', async () => {
    for (const keyType of ['RSA', 'ECDSA'] as const) {
      const url = await signUrlFor({ keyType, hash: 'SHA256', policy: 'canned', form: 'url' });
      const signature = param(url, 'Signature');
      const key = keys[keyType] as SigningKey;
      const changed = await evaluate(url.replace(signature, flip(signature, 30)), key);
      expect(changed.allowed).toBe(false);
      expect(['AccessDenied', 'MalformedSignature']).toContain(changed.code);
      const garbled = await evaluate(url.replace(signature, `${signature.slice(0, 10)}%%%`), key);
      expect(garbled).toMatchObject({
        code: 'MalformedSignature',
        message: 'Could not unencode Signature',
      });
    }
  });

  it('with Expires, the path, the host or the query gives AccessDenied', async () => {
    const url = await signUrlFor({ keyType: 'RSA', hash: 'SHA1', policy: 'canned', form: 'url' });
    for (const tampered of [
      url.replace(`Expires=${EXPIRES}`, `Expires=${EXPIRES + 1}`),
      url.replace('/intro.mp4', '/outro.mp4'),
      url.replace('d111111abcdef8', 'd222222abcdef8'),
      url.replace('quality=hd', 'quality=4k'),
    ]) {
      const verdict = await evaluate(tampered);
      expect(verdict).toMatchObject({ allowed: false, code: 'AccessDenied' });
      expect(verdict.reason).toMatch(/does not match the canned policy/);
    }
  });

  it('with the key pair ID gives InvalidKey for an unknown ID and AccessDenied for another trusted key', async () => {
    const url = await signUrlFor({ keyType: 'RSA', hash: 'SHA1', policy: 'canned', form: 'url' });
    const unknown = await evaluate(url.replace(`Key-Pair-Id=${KID}`, 'Key-Pair-Id=KUNKNOWN'));
    expect(unknown).toMatchObject({ code: 'InvalidKey', message: 'Unknown Key' });
    expect(unknown.reason).toMatch(/KUNKNOWN is not one of the trusted keys \(K2JCJMDEHXQW5F\)/);
    const swapped = await evaluateRequest({
      url: url.replace(`Key-Pair-Id=${KID}`, 'Key-Pair-Id=KOTHER'),
      now: NOW,
      trustedKeys: { [KID]: (keys.RSA as SigningKey).publicKey, KOTHER: other.publicKey },
    });
    expect(swapped).toMatchObject({ allowed: false, code: 'AccessDenied' });
  });

  it('signed by another key is AccessDenied', async () => {
    const url = (
      await signUrl({ url: URL_, keyPairId: KID, privateKey: other, dateLessThan: EXPIRES })
    ).url;
    const verdict = await evaluate(url);
    expect(verdict).toMatchObject({ allowed: false, code: 'AccessDenied' });
    expect(verdict.reason).toMatch(/another key signed it/);
  });

  it('without a Key-Pair-Id is MissingKey', async () => {
    const url = await signUrlFor({ keyType: 'RSA', hash: 'SHA1', policy: 'canned', form: 'url' });
    const verdict = await evaluate(url.replace(`&Key-Pair-Id=${KID}`, ''));
    expect(verdict).toMatchObject({
      code: 'MissingKey',
      message: 'Missing Key-Pair-Id query parameter or cookie value',
      status: 403,
    });
    const unsigned = await evaluate(URL_);
    expect(unsigned).toMatchObject({ code: 'MissingKey' });
    expect(unsigned.reason).toMatch(/no signed URL parameters and no CloudFront-\* cookies/);
  });
});

describe('signed URL parameters and cookies together', () => {
  it('use the URL and ignore the cookies, as CloudFront does', async () => {
    const key = keys.RSA as SigningKey;
    const url = (
      await signUrl({ url: URL_, keyPairId: KID, privateKey: key, dateLessThan: EXPIRES })
    ).url;
    const cookies = (
      await signCookies({
        resource: URL_,
        keyPairId: KID,
        privateKey: other,
        dateLessThan: EXPIRES,
      })
    ).setCookieHeaders;
    const verdict = await evaluateRequest({
      url,
      cookies,
      now: NOW,
      trustedKeys: { [KID]: key.publicKey },
    });
    expect(verdict).toMatchObject({ allowed: true, source: 'url' });
  });

  it('read a Cookie header, Set-Cookie lines, a map, or the AWS CLI JSON', async () => {
    const key = keys.ECDSA as SigningKey;
    const signed = await signCookies({
      resource: 'https://d111111abcdef8.cloudfront.net/*',
      keyPairId: KID,
      privateKey: key,
      dateLessThan: EXPIRES,
    });
    const header = Object.entries(signed.cookies)
      .map(([n, v]) => `${n}=${v}`)
      .join('; ');
    for (const cookies of [
      signed.cookies,
      signed.setCookieHeaders,
      signed.setCookieHeaders.map((line) => `Set-Cookie: ${line}`).join('\n'),
      `Cookie: session=abc; ${header}`,
      JSON.stringify(signed.cookies, null, 2),
    ]) {
      const verdict = await evaluateRequest({
        url: URL_,
        cookies,
        now: NOW,
        trustedKeys: { [KID]: key.publicKey.pem },
      });
      expect(verdict, JSON.stringify(cookies)).toMatchObject({ allowed: true, source: 'cookies' });
    }
  });
});

describe('bad options to evaluateRequest', () => {
  const signed = async () =>
    (
      await signUrl({
        url: URL_,
        keyPairId: KID,
        privateKey: keys.RSA as SigningKey,
        dateLessThan: 1000000000,
      })
    ).url;
  const trusted = () => ({ [KID]: (keys.RSA as SigningKey).publicKey });

  it('refuse an invalid clock instead of letting every time comparison pass', async () => {
    const url = await signed();
    for (const now of [new Date('x'), Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await evaluateRequest({ url, now, trustedKeys: trusted() }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'ERR_TIME_INVALID', field: 'now' });
    }
  });

  it('refuse a viewer IP that is not one address, and deny an IPv6 viewer an IPv4-only policy', async () => {
    const { url } = await signUrl({
      url: URL_,
      keyPairId: KID,
      privateKey: keys.RSA as SigningKey,
      dateLessThan: EXPIRES,
      ipAddress: '192.0.2.0/24',
    });
    for (const viewerIp of ['hello', '192.0.2.07', '192.0.2.0/24', 5 as unknown as string]) {
      const error = await evaluateRequest({
        url,
        viewerIp,
        now: NOW,
        trustedKeys: trusted(),
      }).catch((caught: unknown) => caught);
      expect(error, String(viewerIp)).toMatchObject({ code: 'ERR_IP_INVALID', field: 'viewerIp' });
    }
    const verdict = await evaluateRequest({
      url,
      viewerIp: '2001:db8::1',
      now: NOW,
      trustedKeys: trusted(),
    });
    expect(verdict).toMatchObject({ allowed: false, code: 'AccessDenied' });
    expect(verdict.reason).toMatch(/is IPv6.*matches IPv4 viewers only/);
  });

  it('refuse a missing trustedKeys and a URL longer than CloudFront accepts', async () => {
    const url = await signed();
    const missing = await evaluateRequest({ url, now: NOW } as Parameters<
      typeof evaluateRequest
    >[0]).catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ code: 'ERR_SIGNED_INPUT', field: 'trustedKeys' });
    const long = await evaluateRequest({
      url: `${URL_}&x=${'a'.repeat(9000)}`,
      now: NOW,
      trustedKeys: trusted(),
    }).catch((caught: unknown) => caught);
    expect(long).toMatchObject({ code: 'ERR_SIGNED_INPUT', field: 'url' });
  });

  it('call a policy time past 2147483647 malformed instead of failing on it', async () => {
    const json = `{"Statement":[{"Resource":"https://d.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":99999999999999}}}]}`;
    const policy = Buffer.from(json)
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/=/g, '_')
      .replace(/\//g, '~');
    const url = `https://d.net/a?Policy=${policy}&Signature=AAAA&Key-Pair-Id=${KID}`;
    const verdict = await evaluateRequest({ url, now: NOW, trustedKeys: trusted() });
    expect(verdict).toMatchObject({ code: 'MalformedPolicy' });
    expect(verdict.reason).toMatch(/from 0 to 2147483647/);
  });
});
