/**
 * Secrets for the "never echoed" property tests: private keys generated at test time (RSA and EC,
 * in PEM, base64 without armour and DER read as text) and passphrases, with what counts as a leak
 * of each: any 16-character run of its secret part appearing in what Signet prints or throws.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fc from 'fast-check';

export interface Secret {
  /** How the secret is given, for the failure message: "RSA 2048 PEM (PKCS#8)". */
  readonly name: string;
  /** The value passed to an option. */
  readonly value: string;
  /** The parts that are secret: the base64 body, the DER bytes as text, the passphrase. */
  readonly material: readonly string[];
}

const RUN = 16;

/** Generates keys once: two RSA 2048, one P-256 and one P-384, each in five textual forms. */
export function generateSecretKeys(): Secret[] {
  const keys: [string, KeyObject][] = [
    ['RSA 2048', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
    ['RSA 2048', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
    ['EC P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['EC P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
  ];
  return keys.flatMap(([kind, key]) => {
    const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }) as string;
    const traditional = key.export({
      type: kind.startsWith('RSA') ? 'pkcs1' : 'sec1',
      format: 'pem',
    }) as string;
    const encrypted = key.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'a passphrase of no interest',
    }) as string;
    const der = key.export({ type: 'pkcs8', format: 'der' });
    const body = bodyOf(pkcs8);
    return [
      pem(`${kind} PEM (PKCS#8)`, pkcs8),
      pem(`${kind} PEM (${kind.startsWith('RSA') ? 'PKCS#1' : 'SEC1'})`, traditional),
      pem(`${kind} PEM (encrypted PKCS#8)`, encrypted),
      { name: `${kind} base64 without armour`, value: body, material: [body] },
      {
        name: `${kind} base64 on one line`,
        value: body.replaceAll('\n', ''),
        material: [body.replaceAll('\n', '')],
      },
      {
        name: `${kind} DER as text`,
        value: der.toString('latin1'),
        material: [der.toString('latin1')],
      },
    ];
  });
}

function pem(name: string, text: string): Secret {
  return { name, value: text, material: [bodyOf(text)] };
}

/** The base64 lines between the armour, without RFC 1421 headers. */
function bodyOf(text: string): string {
  return text
    .split('\n')
    .filter((line) => /^[A-Za-z0-9+/=]+$/.test(line))
    .join('\n');
}

/**
 * Passphrases as people make them: two to five words of letters, digits and symbols, joined by
 * spaces. A value shaped like what some field takes (a URL, a host, a date, a letters-and-digits
 * key pair ID, a path) is indistinguishable from a real input, so the words hold no `.`, `/` or
 * `:` and a passphrase always has a space.
 */
export const passphrase: fc.Arbitrary<Secret> = fc
  .array(fc.stringMatching(/^[a-z][A-Za-z0-9!#$%&*+,;=?@^_~-]{2,9}$/), {
    minLength: 2,
    maxLength: 5,
  })
  .map((words) => words.join(' '))
  .filter((text) => text.length >= RUN)
  .map((text) => ({ name: 'passphrase', value: text, material: [text] }));

/** Every 16-character run of the secret parts; with line breaks, also runs of the joined lines. */
export function secretRuns(secret: Secret): Set<string> {
  const runs = new Set<string>();
  for (const part of secret.material) {
    for (const text of [part, part.replaceAll('\n', '')]) {
      for (let i = 0; i + RUN <= text.length; i++) runs.add(text.slice(i, i + RUN));
    }
  }
  return runs;
}

/** The first 16-character run of the secret found in `text`, or undefined. */
export function leakIn(text: string, runs: Set<string>): string | undefined {
  for (let i = 0; i + RUN <= text.length; i++) {
    const run = text.slice(i, i + RUN);
    if (runs.has(run)) return run;
  }
  return undefined;
}

/** Every string inside an error (message, code, field, any own property, the cause chain). */
export function errorTexts(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) {
    return typeof error === 'string' ? [error] : [];
  }
  seen.add(error);
  const texts: string[] = [];
  if (error instanceof Error) texts.push(error.message, error.name, String(error.stack ?? ''));
  for (const key of Object.getOwnPropertyNames(error)) {
    texts.push(...errorTexts((error as Record<string, unknown>)[key], seen));
  }
  return texts;
}
