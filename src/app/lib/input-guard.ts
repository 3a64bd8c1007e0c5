import { MAX_KEY_INPUT_BYTES } from '../../core/key/input.ts';
import {
  base64Kind,
  describeText,
  groupDigits,
  keyMaterialKind,
  notAUrlList,
} from '../../core/lib/show-value.ts';

/**
 * One rule for every text field on the page, checked before a field takes what is typed, pasted
 * or dropped: a length check first (a 100 MB paste is refused before anything reads it), then key
 * material where no key belongs (the core's detector). So a private key pasted into the wrong
 * field never reaches that field, the page's state, storage or a download.
 */

/** A batch list: about 50,000 URLs. Longer lists are for `signet sign --urls-file`. */
export const BATCH_LIMIT = 5_000_000;

/**
 * The longest text a field takes, by its id: a list, a key (the core reads at most 64 KiB), or
 * one URL, since CloudFront refuses request URLs over 8,192 bytes (SPEC.md section 4).
 */
export const limitOf = (id: string): number =>
  id === 'batch-list' ? BATCH_LIMIT : /pem|public|cookies/.test(id) ? MAX_KEY_INPUT_BYTES : 8192;

/** Fields whose values hold URLs or cookies, and so base64 tokens and signatures of their own. */
const LOOSE = /url|resource|cookies|batch/;

/**
 * Why field `id` (labelled `label`) must not take `text`, which would make its value `length`
 * characters long; undefined when it may.
 */
export function refusal(
  id: string,
  label: string,
  text: string,
  length: number,
): string | undefined {
  const limit = limitOf(id);
  if (length > limit) {
    return `${label} takes at most ${groupDigits(limit)} characters; this would make it ${groupDigits(length)}${id === 'batch-list' ? '. Split the list, or sign it with signet sign --urls-file' : ''}. Nothing was added.`;
  }
  // The private key's own box, and the passphrase, take what they take; the core judges it.
  if (id === 'key-pem' || id === 'passphrase') return undefined;
  // URLs and cookies carry base64 of their own; there only lines of nothing else are a key.
  const kind = LOOSE.test(id) ? notAUrlList(text) : (keyMaterialKind(text) ?? base64Kind(text));
  if (kind === undefined) return undefined;
  const isPrivate = /private|binary|DER|base64/.test(kind);
  // The public key box takes public keys and certificates; never a private one.
  if (id === 'inspect-public-key' && !isPrivate) return undefined;
  return `${label} refused ${describeText(text, kind)}. ${isPrivate ? 'A private key goes only in the key bar at the top of the page' : 'It is not what this field takes'}; nothing was added here.`;
}
