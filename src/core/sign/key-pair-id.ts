import { SignetError } from '../errors.ts';
import { showValue } from '../lib/show-value.ts';

/**
 * The key pair ID rule: ASCII letters and digits only, 1 to 32 of them. CloudFront's IDs are 14
 * (K…) or 20 (legacy APKA…) characters; the ID travels in every URL and cookie as is, and the
 * page remembers it, so anything else (a line of a key, a passphrase, a URL) is refused.
 */
const KEY_PAIR_ID = /^[A-Za-z0-9]{1,32}$/;
const KEY_GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHERE =
  'Copy the ID of your public key (letters and digits, starting with K, such as K2JCJMDEHXQW5F) from ' +
  'CloudFront > Key management > Public keys.';

/** True only for a value that may be a key pair ID, and so may be shown or remembered. */
export function isKeyPairId(value: unknown): value is string {
  return typeof value === 'string' && KEY_PAIR_ID.test(value);
}

/** The key pair ID, or ERR_KEY_PAIR_ID that says what is wrong without showing the value. */
export function checkKeyPairId(value: unknown): string {
  if (isKeyPairId(value)) return value;
  const fail = (problem: string) =>
    new SignetError('ERR_KEY_PAIR_ID', `The key pair ID ${problem}. ${WHERE}`, {
      field: 'keyPairId',
    });
  if (typeof value !== 'string') throw fail(`${showValue(value, KEY_PAIR_ID)} is not text`);
  if (value === '') throw fail('is empty');
  // A key group's ID is public, and the slip is common enough to name.
  if (KEY_GROUP_ID.test(value)) {
    throw new SignetError(
      'ERR_KEY_PAIR_ID',
      `${JSON.stringify(value)} looks like a key group ID. Key-Pair-Id takes the ID of the public key ` +
        `inside the group. ${WHERE}`,
      { field: 'keyPairId' },
    );
  }
  const shown = showValue(value, KEY_PAIR_ID);
  const other = /[^A-Za-z0-9]/.exec(value);
  if (other) {
    const char = other[0];
    const named =
      char === ' '
        ? 'a space'
        : /[\x21-\x7e]/.test(char)
          ? `"${char}"`
          : 'a character other than a letter or digit';
    throw fail(
      `${shown} has ${named} at position ${other.index + 1}, and a CloudFront key ID holds only letters and digits`,
    );
  }
  throw fail(
    `${shown} is longer than any CloudFront key ID (14 characters, or 20 for a legacy APKA… ID)`,
  );
}
