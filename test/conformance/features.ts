/**
 * What a runtime's WebCrypto can do, probed before any case runs. A case that needs something
 * the runtime lacks is reported as a named skip ("SHA-1 with RSASSA-PKCS1-v1_5 unavailable in …"),
 * never run into a failure and never counted as a pass. FIPS builds of OpenSSL, for example,
 * refuse SHA-1 signatures and RSA keys under 2048 bits.
 */

import { pemBody } from './check.ts';
import { derKeys, vectorKey } from './fixtures.ts';

export type Feature =
  | 'RSA-SHA1'
  | 'ECDSA-SHA1'
  | 'PBKDF2-SHA1'
  | 'RSA-1024'
  | 'AES-192-CBC'
  | 'COOKIE-HEADER';

export const FEATURE_LABELS: Readonly<Record<Feature, string>> = {
  'RSA-SHA1': 'SHA-1 with RSASSA-PKCS1-v1_5',
  'ECDSA-SHA1': 'SHA-1 with ECDSA P-256',
  'PBKDF2-SHA1': 'PBKDF2 with HMAC-SHA-1',
  'RSA-1024': 'RSA 1024-bit signing (the AWS vectors’ test key)',
  // The core decrypts AES-192 in TypeScript because Chromium refuses it, so no case needs this.
  'AES-192-CBC': 'WebCrypto AES-192-CBC (needed by no case: the core has its own)',
  // Browsers drop Cookie from a Request they build (a forbidden header name); servers keep it.
  'COOKIE-HEADER': 'a Cookie header on a Fetch API Request',
};

export interface FeatureProbe {
  readonly label: string;
  readonly available: boolean;
  /** Why it is unavailable, as the runtime put it. */
  readonly detail?: string;
}

export type Features = Readonly<Record<Feature, FeatureProbe>>;

const DATA = new TextEncoder().encode('signet conformance probe');

async function rsaSignsAndVerifies(pkcs8: Uint8Array<ArrayBuffer>, hash: string): Promise<void> {
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash };
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  const signature = await crypto.subtle.sign(algorithm, privateKey, DATA);
  if (signature.byteLength === 0) throw new Error('an empty signature');
}

const PROBES: Readonly<Record<Feature, () => Promise<void>>> = {
  async 'RSA-SHA1'() {
    await rsaSignsAndVerifies(derKeys.rsa2048Pkcs8(), 'SHA-1');
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' };
    const publicKey = await crypto.subtle.importKey(
      'spki',
      derKeys.rsa2048Public(),
      algorithm,
      false,
      ['verify'],
    );
    await crypto.subtle.verify(algorithm, publicKey, new Uint8Array(256), DATA);
  },
  async 'ECDSA-SHA1'() {
    const curve = { name: 'ECDSA', namedCurve: 'P-256' };
    const privateKey = await crypto.subtle.importKey('pkcs8', derKeys.p256Pkcs8(), curve, false, [
      'sign',
    ]);
    const publicKey = await crypto.subtle.importKey('spki', derKeys.p256Public(), curve, false, [
      'verify',
    ]);
    const algorithm = { name: 'ECDSA', hash: 'SHA-1' };
    const signature = await crypto.subtle.sign(algorithm, privateKey, DATA);
    if (!(await crypto.subtle.verify(algorithm, publicKey, signature, DATA))) {
      throw new Error('its own SHA-1 signature did not verify');
    }
  },
  async 'PBKDF2-SHA1'() {
    const base = await crypto.subtle.importKey('raw', DATA, 'PBKDF2', false, ['deriveBits']);
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-1', salt: new Uint8Array(8), iterations: 1 },
      base,
      128,
    );
  },
  async 'RSA-1024'() {
    await rsaSignsAndVerifies(pemBody(vectorKey('keys/sep-test-rsa-key.pem')), 'SHA-256');
  },
  async 'AES-192-CBC'() {
    const key = await crypto.subtle.importKey('raw', new Uint8Array(24), 'AES-CBC', false, [
      'encrypt',
    ]);
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, DATA);
  },
  async 'COOKIE-HEADER'() {
    const request = new Request('https://d111111abcdef8.cloudfront.net/', {
      headers: { Cookie: 'CloudFront-Key-Pair-Id=K1' },
    });
    if (request.headers.get('Cookie') === null) throw new Error('the Request dropped it');
  },
};

export async function probeFeatures(): Promise<Features> {
  const entries = await Promise.all(
    (Object.keys(PROBES) as Feature[]).map(async (feature): Promise<[Feature, FeatureProbe]> => {
      try {
        await PROBES[feature]();
        return [feature, { label: FEATURE_LABELS[feature], available: true }];
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return [feature, { label: FEATURE_LABELS[feature], available: false, detail }];
      }
    }),
  );
  return Object.fromEntries(entries) as Record<Feature, FeatureProbe>;
}
