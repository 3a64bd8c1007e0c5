import { SignetError } from '../errors.ts';
import { showValue } from '../lib/show-value.ts';

/**
 * The key pair ID rule: ASCII letters and digits only, 1 to 32 of them. CloudFront's IDs are 14
 * (K…) or 20 (legacy APKA…) characters; the ID travels in every URL and cookie as is, and the
 * page remembers it, so anything else (a line of a key, a passphrase, a URL) is refused.
 */
const KEY_PAIR_ID = /^[A-Za-z0-9]{1,32}$/;

/** True only for a value that may be a key pair ID, and so may be shown or remembered. */
export function isKeyPairId(value: unknown): value is string {
  return typeof value === 'string' && KEY_PAIR_ID.test(value);
}

/** The key pair ID, or ERR_KEY_PAIR_ID, which shows the value only when it is a key group's ID. */
export function checkKeyPairId(value: unknown): string {
  if (isKeyPairId(value)) return value;
  // A key group's ID is public, and the slip is common enough to name.
  const group =
    typeof value === 'string' && /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value);
  throw new SignetError(
    'ERR_KEY_PAIR_ID',
    `${group ? `${showValue(value, /-/)} looks like a key group ID; Key-Pair-Id takes the ID of a public key in the group` : `The key pair ID ${showValue(value, /^$/)} is not a CloudFront public key ID (1 to 32 letters and digits)`}. ` +
      'Copy the ID of your public key (such as K2JCJMDEHXQW5F) from CloudFront > Key management > Public keys.',
    { field: 'keyPairId' },
  );
}
