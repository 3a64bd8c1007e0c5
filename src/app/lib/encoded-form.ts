import { type EncodedUrl, encodeUrlForSigning } from '../../core/index.ts';

/**
 * What a browser would send for `url` when that differs from what was typed (the form to offer
 * for signing); undefined when it goes over the wire as typed, or is not a URL at all (the
 * signing error says so).
 */
export function encodedForm(url: string): EncodedUrl | undefined {
  if (!url.trim()) return undefined;
  try {
    const encoded = encodeUrlForSigning(url);
    return encoded.changed ? encoded : undefined;
  } catch {
    return undefined;
  }
}
